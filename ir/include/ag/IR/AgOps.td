//===- AgOps.td - ag dialect operations ----------------------*- tablegen -*-===//
//
// Op families: constants; elementwise binary (broadcasting) and unary; select and cast;
// reductions; linear algebra and convolution; shape and data movement. Result types are
// inferred (InferTypeOpAdaptor) by the shared rules in AgOps.cpp, which also produce the
// verifier messages. `DTypeSet` strings name which element types an op accepts (see
// ag::DTypeSet in AgOps.h); the runtime casts operands before building ops.
//
//===----------------------------------------------------------------------===//

#ifndef AG_OPS_TD
#define AG_OPS_TD

include "ag/IR/AgDialect.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

def Ag_ConstantOp : Ag_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "Tensor constant";
  let description = [{
    A dense tensor literal, e.g. from `np.array([...])`, `np.zeros(...)` or a Python scalar
    operand after promotion.

    ```mlir
    %c = ag.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops (numpy broadcasting)
//===----------------------------------------------------------------------===//

/// `dtypes` is the C++ DTypeSet of accepted operand element types; `resultI1` makes the
/// result bool (comparisons, logical ops) instead of the operand element type.
class Ag_BinaryOp<string mnemonic, string dtypes, bit resultI1 = 0,
                  list<Trait> traits = []> :
    Ag_Op<mnemonic, !listconcat(traits, [Pure, InferTypeOpAdaptor])> {
  let arguments = (ins Ag_Tensor:$lhs, Ag_Tensor:$rhs);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::ag::inferBinaryResult(ctx, loc, getOperationName(),
          adaptor.getLhs().getType(), adaptor.getRhs().getType(),
          ::mlir::ag::DTypeSet::}] # dtypes # [{, }] # !if(resultI1, "true", "false") # [{,
          types);
    }
  }];
}

def Ag_AddOp : Ag_BinaryOp<"add", "AllOrComplex", 0, [Commutative]> {
  let summary = "Elementwise addition (np.add); on bool it is logical or";
  let description = [{
    ```mlir
    %r = ag.add %a, %b : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
    ```
    Integer overflow wraps, as in numpy.
  }];
}
def Ag_SubOp : Ag_BinaryOp<"sub", "NumericOrComplex"> {
  let summary = "Elementwise subtraction (np.subtract)";
  let description = [{
    ```mlir
    %r = ag.sub %a, %b : tensor<4xi64>, tensor<4xi64> -> tensor<4xi64>
    ```
    numpy rejects bool subtraction, so does the verifier.
  }];
}
def Ag_MulOp : Ag_BinaryOp<"mul", "AllOrComplex", 0, [Commutative]> {
  let summary = "Elementwise multiplication (np.multiply); on bool it is logical and";
  let description = [{
    ```mlir
    %r = ag.mul %a, %b : tensor<2x3xf64>, tensor<f64> -> tensor<2x3xf64>
    ```
  }];
}
def Ag_DivOp : Ag_BinaryOp<"div", "FloatOrComplex"> {
  let summary = "Elementwise true division (np.true_divide) of floats";
  let description = [{
    IEEE division: x/0 is ±inf or nan. numpy divides integers as float64; the runtime
    casts them first.
    ```mlir
    %r = ag.div %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    ```
  }];
}
def Ag_FloorDivOp : Ag_BinaryOp<"floor_div", "Numeric"> {
  let summary = "Elementwise floor division (np.floor_divide)";
  let description = [{
    Rounds toward negative infinity, like numpy. Integer division by zero yields 0 and
    INT_MIN // -1 yields INT_MIN (numpy's results; never a trap). Floats follow numpy's
    `npy_divmod`: x // 0 is x / 0.
    ```mlir
    %r = ag.floor_div %a, %b : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
    ```
  }];
}
def Ag_ModOp : Ag_BinaryOp<"mod", "Numeric"> {
  let summary = "Elementwise remainder with the divisor's sign (np.remainder)";
  let description = [{
    `a - floor_div(a, b) * b`. Integer x % 0 yields 0; float x % 0 yields nan.
    ```mlir
    %r = ag.mod %a, %b : tensor<4xi64>, tensor<4xi64> -> tensor<4xi64>
    ```
  }];
}
def Ag_PowOp : Ag_BinaryOp<"pow", "NumericOrComplex"> {
  let summary = "Elementwise power (np.power)";
  let description = [{
    Floats use `pow`; integers use exact repeated squaring (negative exponents, which
    numpy rejects, give 0 unless the base is ±1). Complex operands follow numpy's
    nc_pow: 1 for a zero exponent, 0 or NaN for a zero base, repeated multiplication
    for an integer exponent below 100 in magnitude, libm's cpow otherwise.
    ```mlir
    %r = ag.pow %a, %b : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
    ```
  }];
}
def Ag_MaximumOp : Ag_BinaryOp<"maximum", "All", 0, [Commutative]> {
  let summary = "Elementwise maximum propagating NaN (np.maximum)";
  let description = [{
    ```mlir
    %r = ag.maximum %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    ```
  }];
}
def Ag_MinimumOp : Ag_BinaryOp<"minimum", "All", 0, [Commutative]> {
  let summary = "Elementwise minimum propagating NaN (np.minimum)";
  let description = [{
    ```mlir
    %r = ag.minimum %a, %b : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
    ```
  }];
}

class Ag_CompareOp<string mnemonic, string ufunc, list<Trait> traits = [],
                   string dtypes = "All"> :
    Ag_BinaryOp<mnemonic, dtypes, 1, traits> {
  let summary = "Elementwise comparison (np." # ufunc # "), bool result";
  let description = [{
    Ordered comparison for floats except `ne`, which is true when either side is NaN,
    as in numpy. Complex operands: `eq` and `ne` only (both parts compared).
    ```mlir
    %r = ag.}] # mnemonic # [{ %a, %b : tensor<4xf32>, tensor<f32> -> tensor<4xi1>
    ```
  }];
}
def Ag_EqOp : Ag_CompareOp<"eq", "equal", [Commutative], "AllOrComplex">;
def Ag_NeOp : Ag_CompareOp<"ne", "not_equal", [Commutative], "AllOrComplex">;
def Ag_LtOp : Ag_CompareOp<"lt", "less">;
def Ag_LeOp : Ag_CompareOp<"le", "less_equal">;
def Ag_GtOp : Ag_CompareOp<"gt", "greater">;
def Ag_GeOp : Ag_CompareOp<"ge", "greater_equal">;

class Ag_LogicalBinaryOp<string mnemonic, string ufunc> :
    Ag_BinaryOp<mnemonic, "Bool", 1, [Commutative]> {
  let summary = "Elementwise np." # ufunc # " of bools";
  let description = [{
    The runtime turns other dtypes into bool (`x != 0`) first, as numpy does.
    ```mlir
    %r = ag.}] # mnemonic # [{ %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
    ```
  }];
}
def Ag_LogicalAndOp : Ag_LogicalBinaryOp<"logical_and", "logical_and">;
def Ag_LogicalOrOp : Ag_LogicalBinaryOp<"logical_or", "logical_or">;
def Ag_LogicalXorOp : Ag_LogicalBinaryOp<"logical_xor", "logical_xor">;

class Ag_BitwiseOp<string mnemonic, string ufunc> :
    Ag_BinaryOp<mnemonic, "IntOrBool", 0, [Commutative]> {
  let summary = "Elementwise np." # ufunc # " of integers or bools (`&`, `|`, `^`)";
  let description = [{
    ```mlir
    %r = ag.}] # mnemonic # [{ %a, %b : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
    ```
  }];
}
def Ag_BitwiseAndOp : Ag_BitwiseOp<"bitwise_and", "bitwise_and">;
def Ag_BitwiseOrOp : Ag_BitwiseOp<"bitwise_or", "bitwise_or">;
def Ag_BitwiseXorOp : Ag_BitwiseOp<"bitwise_xor", "bitwise_xor">;

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

class Ag_UnaryOp<string mnemonic, string dtypes, string ufunc, bit resultI1 = 0> :
    Ag_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "Elementwise np." # ufunc;
  let description = [{
    ```mlir
    %r = ag.}] # mnemonic # [{ %x : tensor<4x8xf32> -> tensor<4x8x}] #
        !if(resultI1, "i1", "f32") # [{>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::ag::inferUnaryResult(ctx, loc, getOperationName(),
          adaptor.getOperand().getType(), ::mlir::ag::DTypeSet::}] # dtypes #
          [{, }] # !if(resultI1, "true", "false") # [{, types);
    }
  }];
}

def Ag_NegOp : Ag_UnaryOp<"neg", "NumericOrComplex", "negative">;
def Ag_AbsOp : Ag_UnaryOp<"abs", "All", "abs">;
def Ag_SignOp : Ag_UnaryOp<"sign", "Numeric", "sign">;
def Ag_ExpOp : Ag_UnaryOp<"exp", "FloatOrComplex", "exp">;
def Ag_Exp2Op : Ag_UnaryOp<"exp2", "Float", "exp2">;
def Ag_Expm1Op : Ag_UnaryOp<"expm1", "Float", "expm1">;
def Ag_LogOp : Ag_UnaryOp<"log", "FloatOrComplex", "log">;
def Ag_Log2Op : Ag_UnaryOp<"log2", "Float", "log2">;
def Ag_Log10Op : Ag_UnaryOp<"log10", "Float", "log10">;
def Ag_Log1pOp : Ag_UnaryOp<"log1p", "Float", "log1p">;
def Ag_SqrtOp : Ag_UnaryOp<"sqrt", "FloatOrComplex", "sqrt">;
def Ag_SinOp : Ag_UnaryOp<"sin", "FloatOrComplex", "sin">;
def Ag_CosOp : Ag_UnaryOp<"cos", "FloatOrComplex", "cos">;
def Ag_TanOp : Ag_UnaryOp<"tan", "FloatOrComplex", "tan">;
def Ag_ArctanOp : Ag_UnaryOp<"arctan", "FloatOrComplex", "arctan">;
def Ag_SinhOp : Ag_UnaryOp<"sinh", "FloatOrComplex", "sinh">;
def Ag_CoshOp : Ag_UnaryOp<"cosh", "FloatOrComplex", "cosh">;
def Ag_TanhOp : Ag_UnaryOp<"tanh", "FloatOrComplex", "tanh">;
def Ag_ErfOp : Ag_UnaryOp<"erf", "Float", "erf (scipy.special.erf; math.erf)">;
def Ag_FloorOp : Ag_UnaryOp<"floor", "Float", "floor">;
def Ag_CeilOp : Ag_UnaryOp<"ceil", "Float", "ceil">;
def Ag_TruncOp : Ag_UnaryOp<"trunc", "Float", "trunc">;
def Ag_RoundOp : Ag_UnaryOp<"round", "Float", "round (half to even)">;
def Ag_LogicalNotOp : Ag_UnaryOp<"logical_not", "Bool", "logical_not">;
def Ag_BitwiseNotOp : Ag_UnaryOp<"bitwise_not", "IntOrBool", "invert (`~`)">;
def Ag_IsNanOp : Ag_UnaryOp<"isnan", "FloatOrComplex", "isnan", 1>;
def Ag_IsInfOp : Ag_UnaryOp<"isinf", "FloatOrComplex", "isinf", 1>;
def Ag_IsFiniteOp : Ag_UnaryOp<"isfinite", "FloatOrComplex", "isfinite", 1>;
def Ag_ConjOp : Ag_UnaryOp<"conj", "Complex", "conjugate">;

/// Unary ops from a complex tensor to its part's float type.
class Ag_ComplexPartOp<string mnemonic, string what> :
    Ag_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "Elementwise " # what # " of a complex tensor, in its float type";
  let description = [{
    ```mlir
    %r = ag.}] # mnemonic # [{ %x : tensor<4xcomplex<f32>> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::ag::inferComplexPartResult(ctx, loc, getOperationName(),
          adaptor.getOperand().getType(), types);
    }
  }];
}
def Ag_RealOp : Ag_ComplexPartOp<"real", "real part (np.real, .real)">;
def Ag_ImagOp : Ag_ComplexPartOp<"imag", "imaginary part (np.imag, .imag)">;
def Ag_ComplexAbsOp : Ag_ComplexPartOp<"complex_abs",
    "magnitude (np.abs: hypot of the parts, without overflow)">;
def Ag_AngleOp : Ag_ComplexPartOp<"angle", "argument (np.angle: atan2(imag, real))">;

def Ag_ComplexLibmOp : Ag_Op<"complex_libm", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise complex function of libm's (np.arcsin & co. on complex)";
  let description = [{
    Calls C99's `fn` (one of casin, cacos, casinh, cacosh, catanh; the `f` variant for
    complex<f32>) on each element, as numpy 1.24's complex loops do on glibc, so
    special values and branch cuts come out as numpy's. (sin, cos, tan, arctan, sinh,
    cosh, tanh, exp, log and sqrt of complex operands are their own ops.)
    ```mlir
    %r = ag.complex_libm %z {fn = "casin"} : tensor<4xcomplex<f64>> -> tensor<4xcomplex<f64>>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, StrAttr:$fn);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}

def Ag_MakeComplexOp : Ag_Op<"make_complex", [Pure, InferTypeOpAdaptor]> {
  let summary = "A complex tensor from its real and imaginary parts (broadcast)";
  let description = [{
    Both parts have one float type (f32 or f64); the result is its complex type. The
    parts are kept bit for bit (unlike `re + im * 1j`, which turns inf * 0 into NaN).
    ```mlir
    %z = ag.make_complex %re, %im : tensor<4xf32>, tensor<f32> -> tensor<4xcomplex<f32>>
    ```
  }];
  let arguments = (ins Ag_Tensor:$real, Ag_Tensor:$imag);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $real `,` $imag attr-dict `:` type($real) `,` type($imag) `->` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Select and cast
//===----------------------------------------------------------------------===//

def Ag_SelectOp : Ag_Op<"select", [Pure, InferTypeOpAdaptor]> {
  let summary = "Elementwise choice (np.where with three arguments)";
  let description = [{
    All three operands broadcast together; `true_value` and `false_value` share an element
    type.
    ```mlir
    %r = ag.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>, tensor<f32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$condition, Ag_Tensor:$true_value,
                       Ag_Tensor:$false_value);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:` type($condition) `,`
    type($true_value) `,` type($false_value) `->` type($result)
  }];
}

def Ag_CastOp : Ag_Op<"cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "Element type conversion (ndarray.astype)";
  let description = [{
    numpy's unsafe casting: floats to integers truncate toward zero, anything to bool is
    `x != 0`, bool to numbers is 0/1, f64 to f32 rounds to nearest.
    ```mlir
    %r = ag.cast %x : tensor<4xf32> -> tensor<4xi32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasFolder = 1;
}

def Ag_BitcastOp : Ag_Op<"bitcast", [Pure, SameOperandsAndResultShape]> {
  let summary = "Reinterprets each element's bits as another dtype of the same width";
  let description = [{
    numpy's `x.view(dtype)` for a dtype of the same item size, and the primitive of the
    functions that read or build a float's bits (signbit and copysign of NaNs, nextafter,
    spacing, ldexp). Bool and complex elements have no bitcast.
    ```mlir
    %r = ag.bitcast %x : tensor<4xf32> -> tensor<4xui32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Ag_ReduceOp<string mnemonic, string dtypes, string ufunc> :
    Ag_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "Reduction np." # ufunc # " over a set of axes";
  let description = [{
    `axes` lists distinct, non-negative axes (the runtime normalises `axis=None` and
    negative axes); `keepdims` keeps reduced axes with size 1. `in_memory_order`: the
    operand's own order is the order numpy walks its memory (the frontend knew its
    layout and permuted it so); without it, the operand of a transpose is taken to be
    in C order, and a reduction of the transpose walks that operand.
    ```mlir
    %r = ag.}] # mnemonic # [{ %x {axes = array<i64: 0, 2>, keepdims = true}
        : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$in_memory_order);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::ag::inferReduceResult(ctx, loc, getOperationName(),
          adaptor.getOperand().getType(), adaptor.getAxes(), adaptor.getKeepdims(),
          ::mlir::ag::DTypeSet::}] # dtypes # [{, types);
    }
  }];
}

def Ag_SumOp : Ag_ReduceOp<"sum", "Numeric", "sum"> {
  let description = [{
    Sum over `axes` in the operand's element type, in numpy's order: a float sum whose
    reduced dims are innermost follows numpy's pairwise summation (buffers of 8192
    elements, leaves of 128 in 8 accumulators), any other sum adds element after element
    in row-major order. Results equal numpy's bit for bit, float32 overflow to inf included.
    ```mlir
    %r = ag.sum %x {axes = array<i64: 1>} : tensor<8x32xf32> -> tensor<8xf32>
    ```
  }];
}
def Ag_ProdOp : Ag_ReduceOp<"prod", "NumericOrComplex", "prod"> {
  let description = [{
    Product over `axes`, element after element in row-major order from the identity
    (1, or 1+0j: numpy starts a complex product from it, so 1 * (inf+0j) is inf+nanj).
    ```mlir
    %r = ag.prod %x {axes = array<i64: 0>} : tensor<8x3xcomplex<f32>> -> tensor<3xcomplex<f32>>
    ```
  }];
}
def Ag_MaxOp : Ag_ReduceOp<"max", "All", "max (NaN propagates)">;
def Ag_MinOp : Ag_ReduceOp<"min", "All", "min (NaN propagates)">;
def Ag_MeanOp : Ag_ReduceOp<"mean", "Float", "mean">;
def Ag_AllOp : Ag_ReduceOp<"all", "Bool", "all">;
def Ag_AnyOp : Ag_ReduceOp<"any", "Bool", "any">;

class Ag_ArgReduceOp<string mnemonic, string ufunc> :
    Ag_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "np." # ufunc # " along one axis, int64 result";
  let description = [{
    The first index of the extreme value; a NaN counts as the extreme (numpy's rule).
    `axis=None` is a reshape to 1-D first.
    ```mlir
    %r = ag.}] # mnemonic # [{ %x {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi64>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdims);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::ag::inferArgReduceResult(ctx, loc, getOperationName(),
          adaptor.getOperand().getType(), adaptor.getAxis(), adaptor.getKeepdims(),
          types);
    }
  }];
}
def Ag_ArgMaxOp : Ag_ArgReduceOp<"argmax", "argmax">;
def Ag_ArgMinOp : Ag_ArgReduceOp<"argmin", "argmin">;

//===----------------------------------------------------------------------===//
// Scans and sorting
//===----------------------------------------------------------------------===//

/// A running reduction along one axis: result[..., i, ...] is `combine` of result[...,
/// i - 1, ...] and operand[..., i, ...], left to right, in the operand's dtype.
class Ag_CumulativeOp<string mnemonic, string ufunc> :
    Ag_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "np." # ufunc # ".accumulate along one axis";
  let description = [{
    Element i along `axis` combines the result at i - 1 with the operand at i, one
    element after another as numpy's accumulate loops do, so float results equal
    numpy's bit for bit; the combination is the elementwise op's (`ag.add` on bool is
    `or`, NaN propagates through maximum/minimum). The runtime casts the operand to
    the result dtype first (numpy's cumsum of int32 is int64) and normalises `axis`.
    ```mlir
    %r = ag.}] # mnemonic # [{ %x {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, I64Attr:$axis);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}
def Ag_CumsumOp : Ag_CumulativeOp<"cumsum", "add">;
def Ag_CumprodOp : Ag_CumulativeOp<"cumprod", "multiply">;
def Ag_CummaxOp : Ag_CumulativeOp<"cummax", "maximum">;
def Ag_CumminOp : Ag_CumulativeOp<"cummin", "minimum">;

/// numpy's sort kinds (`kind=`): the algorithm decides the order of ties.
class Ag_SortLikeOp<string mnemonic, string summaryText> :
    Ag_Op<mnemonic, [Pure]> {
  let summary = summaryText;
  let arguments = (ins Ag_Tensor:$operand, I64Attr:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$kind);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}

def Ag_SortOp : Ag_SortLikeOp<"sort", "Sort along one axis (np.sort)"> {
  let description = [{
    Sorts each 1-D lane along `axis` in ascending order with NaNs last, by numpy 1.24's
    own algorithm for `kind`: 0 is numpy's "quicksort" (its introsort: median-of-3
    quicksort, insertion sort below 16 elements, heapsort past a depth of 2 log2 n),
    1 is "heapsort", 2 is "stable" (also numpy's "mergesort"). The lanes are sorted by
    `ag_sort_<dtype>` (ag/Abi/ag_abi.h) in a new buffer during bufferization,
    as ag.host_call is, since a sort has no linalg form.
    ```mlir
    %r = ag.sort %x {axis = 1 : i64, kind = 0 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
    ```
  }];
}

def Ag_ArgsortOp : Ag_SortLikeOp<"argsort", "Indices that sort along one axis (np.argsort)"> {
  let description = [{
    The int64 indices along `axis` that sort each lane, ties and NaNs in exactly the
    order numpy's algorithm for `kind` gives them (see `ag.sort`): a different order of
    equal elements would be a different result. Computed by `ag_argsort_<dtype>`.
    ```mlir
    %r = ag.argsort %x {axis = 0 : i64, kind = 2 : i64} : tensor<4x5xf32> -> tensor<4x5xi64>
    ```
  }];
}


/// numpy's partition: introselect at each of the sorted, in-range indices `kth`.
class Ag_PartitionLikeOp<string mnemonic, string summaryText> :
    Ag_Op<mnemonic, [Pure]> {
  let summary = summaryText;
  let arguments = (ins Ag_Tensor:$operand, I64Attr:$axis, DenseI64ArrayAttr:$kth);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}

def Ag_PartitionOp : Ag_PartitionLikeOp<"partition", "Partition along one axis (np.partition)"> {
  let description = [{
    Each 1-D lane along `axis` is rearranged by numpy 1.24's introselect at each index
    of `kth` in turn (ascending, in [0, size); the runtime normalises numpy's kth): the
    element at a kth is the one a sort would put there, smaller ones before it and larger
    ones after, and everything else is in exactly the order numpy's algorithm leaves it.
    Computed by `ag_partition_<dtype>` in a new buffer during bufferization.
    ```mlir
    %r = ag.partition %x {axis = 0 : i64, kth = array<i64: 1, 3>}
        : tensor<5x2xf64> -> tensor<5x2xf64>
    ```
  }];
}

def Ag_ArgpartitionOp : Ag_PartitionLikeOp<"argpartition",
    "Indices that partition along one axis (np.argpartition)"> {
  let description = [{
    The int64 indices of `ag.partition`'s order, as numpy's introselect leaves them.
    Computed by `ag_argpartition_<dtype>`.
    ```mlir
    %r = ag.argpartition %x {axis = 1 : i64, kth = array<i64: 2>}
        : tensor<2x5xi32> -> tensor<2x5xi64>
    ```
  }];
}


def Ag_OrderStatisticsOp : Ag_Op<"order_statistics", [Pure]> {
  let summary = "The k-th smallest elements of each lane along one axis (np.median, "
                "np.percentile, np.quantile)";
  let description = [{
    For each 1-D lane along `axis`, the elements a sort would put at each index of
    `kth` (ascending, repeats allowed, in [0, size)), NaNs ordered last as np.sort
    orders them: the result has the operand's shape with `axis` of size len(kth).
    Only these values are defined, not an arrangement of the rest, so the kernel need
    not follow numpy's introselect as `ag.partition` must (median and quantile read no
    more of numpy's partition than this). Computed by `ag_order_statistics_<dtype>`
    into a new buffer during bufferization; the operand is only read.
    ```mlir
    %r = ag.order_statistics %x {axis = 1 : i64, kth = array<i64: 511, 512, 1023>}
        : tensor<512x1024xf64> -> tensor<512x3xf64>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, I64Attr:$axis, DenseI64ArrayAttr:$kth);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}


def Ag_SearchsortedOp : Ag_Op<"searchsorted", [Pure]> {
  let summary = "Insertion positions of values in a sorted 1-D tensor (np.searchsorted)";
  let description = [{
    For each element of the 1-D `values`, in order, numpy 1.24's binary search in the
    1-D `sorted` (of the same dtype) gives an int64 position: before equal elements, or
    after them with `right`. numpy starts each search from the previous value's bounds,
    which decides the answer when `sorted` is not sorted; this op does the same. With
    `sorter` (int64 indices, the size of `sorted`), `sorted[sorter[i]]` is the i-th
    element; a sorter index out of range gives -1 from that value on (the runtime
    checks for it and raises numpy's ValueError). Computed by `ag_searchsorted_<dtype>`
    during bufferization.
    ```mlir
    %r = ag.searchsorted %a, %v {right = true} : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
    %s = ag.searchsorted %a, %v sorter(%p : tensor<8xi64>)
        : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
    ```
  }];
  let arguments = (ins Ag_Tensor:$sorted, Ag_Tensor:$values, Optional<Ag_Tensor>:$sorter,
                       DefaultValuedAttr<BoolAttr, "false">:$right);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $sorted `,` $values (`sorter` `(` $sorter^ `:` type($sorter) `)`)? attr-dict `:`
    type($sorted) `,` type($values) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Linear algebra and neural-network ops
//===----------------------------------------------------------------------===//

def Ag_MatmulOp : Ag_Op<"matmul", [Pure, InferTypeOpAdaptor]> {
  let summary = "Matrix product with numpy's rules (np.matmul, `@`)";
  let description = [{
    1-D operands are promoted to a row (lhs) or column (rhs) vector and the added
    dimension removed from the result; leading (batch) dimensions broadcast.
    float32 runs on oneDNN after bufferization (see ag-linalg-to-onednn).
    ```mlir
    %r = ag.matmul %a, %b : tensor<7x4x5xf32>, tensor<5x6xf32> -> tensor<7x4x6xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$lhs, Ag_Tensor:$rhs);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
}

def Ag_Conv2DOp : Ag_Op<"conv2d", [Pure, InferTypeOpAdaptor]> {
  let summary = "2-D cross-correlation, NCHW input and OIHW weights (torch's conv2d)";
  let description = [{
    Zero padding of `padding` on both sides of H and W, then a strided, dilated
    cross-correlation. float32 runs on oneDNN.
    ```mlir
    %r = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>}
        : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$input, Ag_Tensor:$weight,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` type($input) `,` type($weight) `->` type($result)
  }];
}

class Ag_Pool2DOp<string mnemonic, string what> :
    Ag_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = what # " pooling over H and W of an NCHW tensor";
  let arguments = (ins Ag_Tensor:$input, DenseI64ArrayAttr:$kernel,
                       DenseI64ArrayAttr:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$padding);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::ag::inferPool2DResult(ctx, loc, getOperationName(),
          adaptor.getInput().getType(), adaptor.getKernel(), adaptor.getStrides(),
          adaptor.getPadding(), types);
    }
  }];
}
def Ag_MaxPool2DOp : Ag_Pool2DOp<"max_pool2d", "Max"> {
  let description = [{
    Padding cells never win (they act as -inf), as in torch.
    ```mlir
    %r = ag.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
    ```
  }];
}
def Ag_AvgPool2DOp : Ag_Pool2DOp<"avg_pool2d", "Average"> {
  let description = [{
    Float only. Padding cells count in the divisor (torch's count_include_pad=True).
    ```mlir
    %r = ag.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

def Ag_ReshapeOp : Ag_Op<"reshape", [Pure]> {
  let summary = "Row-major reshape (np.reshape)";
  let description = [{
    Without `sizes`, each dynamic result dimension follows from the operand (a dim kept
    or merged, or the total over the static dims). With `sizes` (0-d integers, one per
    dynamic result dimension, e.g. `y.reshape(x.shape[0], -1)`), they are the result's
    sizes; the staging runtime checks that they multiply to the operand's size, and the
    lowering makes the result empty when they do not, so it never reads past the operand.
    ```mlir
    %r = ag.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
    %s = ag.reshape %y sizes(%n, %m : tensor<i64>, tensor<i64>)
        : tensor<?x4x4xf32> -> tensor<?x?xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_IndexTensor>:$sizes);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand (`sizes` `(` $sizes^ `:` type($sizes) `)`)? attr-dict `:` type($operand)
    `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_TransposeOp : Ag_Op<"transpose", [Pure, InferTypeOpAdaptor]> {
  let summary = "Axis permutation (np.transpose, `.T`)";
  let description = [{
    Result dimension i is operand dimension `permutation[i]`.
    ```mlir
    %r = ag.transpose %x {permutation = array<i64: 1, 0>}
        : tensor<2x3xf32> -> tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasFolder = 1;
}

def Ag_BroadcastToOp : Ag_Op<"broadcast_to", [Pure]> {
  let summary = "Broadcast to a shape (np.broadcast_to, np.zeros((n, 4)), ...)";
  let description = [{
    Each dynamic result dimension takes its size from `sizes` (0-d integers, in order;
    a negative size counts as 0: the staging runtime checks for it). An operand dimension
    that is dynamic must equal the result's at run time (the runtime checks); the lowering
    reads the operand at no more than its own size.
    ```mlir
    %r = ag.broadcast_to %x : tensor<3x1xf32> -> tensor<2x3x4xf32>
    %z = ag.broadcast_to %zero sizes(%n : tensor<i64>) : tensor<f32> -> tensor<?x4xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_IndexTensor>:$sizes);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand (`sizes` `(` $sizes^ `:` type($sizes) `)`)? attr-dict `:` type($operand)
    `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_EmptyOp : Ag_Op<"empty", [Pure]> {
  let summary = "A new tensor whose every element is written before any is read";
  let description = [{
    The output np.pad writes in full (its middle, then each pad area): lowered to
    `tensor.empty`, so nothing writes it first -- starting from zeros cost np.pad of a
    1024x1024 array one more pass over its 8.6 MB output, 10 % of its time. The staging
    runtime records it only where every element is written before any is read. Static
    shapes only.
    ```mlir
    %e = ag.empty : tensor<4x8xf32>
    ```
  }];
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Ag_SliceOp : Ag_Op<"slice", [Pure]> {
  let summary = "Static strided slice, steps may be negative (x[a:b:c, ...])";
  let description = [{
    Result dimension d holds elements `starts[d] + k * steps[d]` for k in
    [0, result.shape[d]). The runtime normalises Python's start/stop/step (negative and
    out-of-range bounds) to this form; integer indices are a slice of size 1 followed by
    `ag.reshape`. A dynamic result dimension is the whole dynamic operand dimension
    (start 0, step 1).
    ```mlir
    %r = ag.slice %x {starts = array<i64: 9, 0>, steps = array<i64: -1, 2>}
        : tensor<10x10xf32> -> tensor<10x5xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$steps);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}

def Ag_InsertSliceOp : Ag_Op<"insert_slice", [Pure,
    AllTypesMatch<["dest", "result"]>]> {
  let summary = "Value-semantics strided slice assignment (x[a:b:c] = v)";
  let description = [{
    Returns `dest` with the elements selected as in `ag.slice` (same `starts`/`steps`,
    counts from `source`'s shape) replaced by `source`.
    ```mlir
    %r = ag.insert_slice %v into %x {starts = array<i64: 0>, steps = array<i64: 2>}
        : tensor<5xf32> into tensor<10xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$source, Ag_Tensor:$dest,
                       DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$steps);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $source `into` $dest attr-dict `:` type($source) `into` type($dest)
  }];
  let hasVerifier = 1;
}

def Ag_DynamicIndexOp : Ag_Op<"dynamic_index", [Pure, InferTypeOpAdaptor]> {
  let summary = "Index leading dimensions by staged 0-d integers (x[i, j])";
  let description = [{
    Drops the indexed dimensions. Negative indices count from the end (numpy). Indices
    still out of range after that are clamped, so compiled code never reads out of bounds;
    the staging runtime records an `ag.assert` bounds check before the op and raises
    IndexError after the call.
    ```mlir
    %r = ag.dynamic_index %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<32xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_IndexTensor>:$indices);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $indices `]` attr-dict `:` type($operand) `,` type($indices) `->`
    type($result)
  }];
}

def Ag_DynamicSliceOp : Ag_Op<"dynamic_slice", [Pure]> {
  let summary = "Fixed-size window at staged offsets of leading dimensions";
  let description = [{
    `x[i:i+n]` where `n` is static: starts come from 0-d integers (negative ones count
    from the end), sizes from the result type. The start is clamped so the window lies
    inside the operand (XLA's dynamic_slice rule), since a static result shape cannot
    shrink at run time.
    ```mlir
    %r = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<3x32xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_IndexTensor>:$starts);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $starts `]` attr-dict `:` type($operand) `,` type($starts) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Ag_WindowOp : Ag_Op<"window", [Pure, AttrSizedOperandSegments]> {
  let summary = "Strided window with run-time bounds (x[a:b] on a dynamic dim, x[:n])";
  let description = [{
    Result dimension d holds elements `starts[d] + k * steps[d]` of the operand for k in
    [0, size), the size being the result's static size or the next of `sizes`. The
    staging runtime computes numpy's start and size from Python's start/stop/step and the
    run-time dim; a negative step walks back from the start. The lowering clamps each
    window into the operand, so compiled code never reads out of bounds whatever the
    operands.
    ```mlir
    %r = ag.window %x[%c1, %c0] sizes(%n) {steps = array<i64: 1, 2>}
        : (tensor<?x8xf32>, tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?x4xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_IndexTensor>:$starts,
                       Variadic<Ag_IndexTensor>:$sizes, DenseI64ArrayAttr:$steps);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $starts `]` `sizes` `(` $sizes `)` attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Ag_InsertWindowOp : Ag_Op<"insert_window", [Pure,
    AllTypesMatch<["dest", "result"]>]> {
  let summary = "Value-semantics x[a:b, j] = v with run-time starts (ag.window's write)";
  let description = [{
    Returns `dest` with elements `starts[d] + k * steps[d]`, k in [0, source.shape[d]),
    replaced by `source` (a staged integer index is a window of size 1 at it; a negative
    step walks back from the start). The staging runtime checks the indices and that the
    source has the window's shape; the lowering clamps the window into `dest` as
    `ag.window` does, so compiled code never writes out of bounds whatever the operands.
    ```mlir
    %r = ag.insert_window %v into %x[%c0, %j] {steps = array<i64: 1, 1>}
        : tensor<8x1xf32> into tensor<8x8xf32>, tensor<i64>, tensor<i64>
    ```
  }];
  let arguments = (ins Ag_Tensor:$source, Ag_Tensor:$dest,
                       Variadic<Ag_IndexTensor>:$starts, DenseI64ArrayAttr:$steps);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $source `into` $dest `[` $starts `]` attr-dict `:` type($source) `into` type($dest)
    `,` type($starts)
  }];
  let hasVerifier = 1;
}

def Ag_DynamicUpdateOp : Ag_Op<"dynamic_update", [Pure,
    AllTypesMatch<["dest", "result"]>]> {
  let summary = "Value-semantics x[i, j] = v at staged 0-d integer indices";
  let description = [{
    `source` has the shape of `dest` without its first `indices.size()` dimensions.
    Index handling as in `ag.dynamic_index`.
    ```mlir
    %r = ag.dynamic_update %v into %x[%i]
        : tensor<32xf32> into tensor<8x32xf32>, tensor<i64>
    ```
  }];
  let arguments = (ins Ag_Tensor:$source, Ag_Tensor:$dest,
                       Variadic<Ag_IndexTensor>:$indices);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $source `into` $dest `[` $indices `]` attr-dict `:` type($source) `into` type($dest)
    `,` type($indices)
  }];
  let hasVerifier = 1;
}

def Ag_ConcatenateOp : Ag_Op<"concatenate", [Pure, InferTypeOpAdaptor]> {
  let summary = "Join tensors along an existing axis (np.concatenate)";
  let description = [{
    ```mlir
    %r = ag.concatenate %a, %b {axis = 0 : i64}
        : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<6x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` type($inputs) `->` type($result)";
}

def Ag_StackOp : Ag_Op<"stack", [Pure, InferTypeOpAdaptor]> {
  let summary = "Join same-shaped tensors along a new axis (np.stack)";
  let description = [{
    ```mlir
    %r = ag.stack %a, %b {axis = 1 : i64}
        : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x2x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` type($inputs) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Host callbacks: staged print and assert, and host calls returning a value
//===----------------------------------------------------------------------===//

def Ag_PrintOp : Ag_Op<"print", [MemoryEffects<[MemWrite]>]> {
  let summary = "Print values at run time through the runtime's print callback";
  let description = [{
    When execution reaches this op, the values are handed to the runtime (in order, as
    numpy arrays) together with `callback`, an id the runtime maps to the user's print
    call (its literal arguments, separators and formatting). Inside scf regions it runs
    only on the taken path, once per iteration. Bufferization turns it into calls of
    `ag_rt_print_*` (ag/Abi/ag_abi.h).
    ```mlir
    ag.print %x, %n {callback = 3 : i64} : tensor<4xf32>, tensor<i64>
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$values, I64Attr:$callback);
  let assemblyFormat = "$values attr-dict `:` type($values)";
}

def Ag_AssertOp : Ag_Op<"assert", [MemoryEffects<[MemWrite]>]> {
  let summary = "Fail the call at run time when a 0-d bool is false";
  let description = [{
    When `condition` is false, reports `callback` (the runtime's id of the user's assert
    and message) to the runtime, which raises AssertionError once the call returns.
    ```mlir
    ag.assert %ok {callback = 1 : i64} : tensor<i1>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I1]>:$condition, I64Attr:$callback);
  let assemblyFormat = "$condition attr-dict `:` type($condition)";
}

def Ag_StackGuardOp : Ag_Op<"stack_guard", [MemoryEffects<[MemRead, MemWrite]>]> {
  let summary = "Whether the native stack has room for another recursive call";
  let description = [{
    Staged recursion runs on the native stack. When execution reaches this op the
    runtime is asked whether the stack has room for more calls; the result is a 0-d
    bool. When it has not, the runtime also records failure `callback` (the call
    raises RecursionError after it returns), and the function is expected to return
    without recursing further. The effects keep every check where it is: two guards
    are never merged, none is hoisted out of its branch or dropped. `convert-ag-to-linalg`
    turns it into a call of `ag_rt_stack_ok` (ag/Abi/ag_abi.h).
    ```mlir
    %ok = ag.stack_guard {callback = 4 : i64} : tensor<i1>
    ```
  }];
  let arguments = (ins I64Attr:$callback);
  let results = (outs 0DTensorOf<[I1]>:$ok);
  let assemblyFormat = "attr-dict `:` type($ok)";
}

def Ag_HostCallOp : Ag_Op<"host_call", [AttrSizedOperandSegments,
    MemoryEffects<[MemRead, MemWrite]>]> {
  let summary = "Call the host (Python) at run time for a new tensor";
  let description = [{
    When execution reaches this op, `args` are handed to the runtime (in order, as numpy
    arrays) together with `callback`, an id the runtime maps to a Python function (a
    random draw such as `np.random.normal(loc, scale, size)` with the staged operands
    in their places); the function's result, of the result's dtype and shape, is the
    op's result. Each dynamic result dim has the next of `sizes` (0-d integers) as its
    size; a negative size allocates an empty buffer, and the callback raises numpy's
    error for it.

    The effects (the host reads and advances state, e.g. numpy's generator) keep two
    identical calls apart (no CSE), keep the op in its loop body and branch (no
    hoisting), keep an unused result's call (the draw still advances the generator)
    and order it with `ag.print` and other host calls. Bufferization allocates the
    result and turns the op into calls of `ag_rt_host_arg_*` (one per argument) and
    `ag_rt_host_call_*` (ag/Abi/ag_abi.h).
    ```mlir
    %r = ag.host_call(%loc, %n) sizes(%n) {callback = 7 : i64}
        : (tensor<3xf64>, tensor<i64>, tensor<i64>) -> tensor<?x3xf64>
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$args, Variadic<Ag_IndexTensor>:$sizes,
                       I64Attr:$callback);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    `(` $args `)` `sizes` `(` $sizes `)` attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

include "ag/IR/AgIndexingOps.td"
include "ag/IR/AgLapackOps.td"

#endif // AG_OPS_TD
