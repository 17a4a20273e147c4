//===- AgDialect.td - The ag dialect: staged numpy programs ---*- tablegen -*-===//
//
// The `ag` dialect holds what a traced numpy function computes, at numpy's level of
// abstraction: ranked tensors of numpy's bool, integer, float and complex dtypes, elementwise ops
// with implicit broadcasting, reductions over axis sets, matmul with numpy's batching
// rules, views and value-semantics updates, and the few neural-network ops numpy lacks
// (conv, pooling).
// Control flow is not here: staged `if`/`while`/`for` use `scf`, calls use `func`.
//
//===----------------------------------------------------------------------===//

#ifndef AG_DIALECT_TD
#define AG_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Ag_Dialect : Dialect {
  let name = "ag";
  let summary = "Staged numpy programs";
  let description = [{
    Values are builtin ranked tensors whose element type is one of numpy's float16/32/64
    (`f16`, `f32`, `f64`), int8/16/32/64 (`i8` ... `i64`), uint8/16/32/64 (`ui8` ...
    `ui64`), bool (`i1`) or complex64/complex128 (`complex<f32>`, `complex<f64>`). Signless integers are read as signed, as numpy's intN are; the
    unsigned ones keep their `ui` type until convert-ag-to-linalg has picked the unsigned
    arith ops for them (and then become signless). Ops take operands of one element type: the
    staging runtime applies numpy's type promotion and inserts `ag.cast` before building an
    op, so every op here has exactly one meaning per element type.

    Shapes follow numpy: elementwise ops broadcast their operands (right-aligned, size-1
    dimensions stretch). Result types are inferred from operands and attributes, so a
    verifier failure reads like numpy's error for the same call. Dimensions may be dynamic
    (`?`); verifiers accept what could be valid at run time.

    ```mlir
    func.func @f(%x: tensor<8x32xf32>, %b: tensor<32xf32>) -> tensor<8xf32> {
      %y = ag.add %x, %b : tensor<8x32xf32>, tensor<32xf32> -> tensor<8x32xf32>
      %t = ag.tanh %y : tensor<8x32xf32> -> tensor<8x32xf32>
      %s = ag.sum %t {axes = array<i64: 1>} : tensor<8x32xf32> -> tensor<8xf32>
      return %s : tensor<8xf32>
    }
    ```
  }];
  let cppNamespace = "::mlir::ag";
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    /// The object a pass stores under `key` for this context (built by `build` the
    /// first time, or again when the context's registry has changed since): frozen
    /// pattern sets, which MLIR 19's PassManager would otherwise rebuild on every run
    /// (it re-runs every pass's initialize() each time). Owned by the dialect, so it
    /// lives exactly as long as the context whose ops and types it refers to.
    std::shared_ptr<const void> getContextCache(
        ::llvm::StringRef key, ::llvm::function_ref<std::shared_ptr<const void>()> build);

  private:
    std::mutex contextCacheMutex;
    ::llvm::StringMap<std::pair<::llvm::hash_code, std::shared_ptr<const void>>>
        contextCache;

  public:
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints: numpy's dtypes.
//===----------------------------------------------------------------------===//

def Ag_AnyElement : AnyTypeOf<[F16, F32, F64, I8, I16, I32, I64, UI8, UI16, UI32, UI64, I1,
                                Complex<F32>, Complex<F64>]>;
def Ag_Tensor : RankedTensorOf<[F16, F32, F64, I8, I16, I32, I64, UI8, UI16, UI32, UI64, I1,
                                Complex<F32>, Complex<F64>]>;
/// 0-d integer tensors used as staged indices.
def Ag_IndexTensor : 0DTensorOf<[I32, I64]>;

/// Every tensor an ag op touches must have a byte size numpy could allocate (numpy's
/// "array is too big" rule); absurd shapes are rejected before any lowering computes sizes.
def Ag_ShapesFit : NativeOpTrait<"AgShapesFit">;

class Ag_Op<string mnemonic, list<Trait> traits = []> :
    Op<Ag_Dialect, mnemonic, !listconcat(traits, [Ag_ShapesFit])>;

#endif // AG_DIALECT_TD
