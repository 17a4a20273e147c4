//===- Passes.td - ag conversion and transform passes ---------*- tablegen -*-===//
//
// Every pass of the ag compiler. Their order lives in one place: lib/Pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef AG_CONVERSION_PASSES_TD
#define AG_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAgToLinalg : Pass<"convert-ag-to-linalg", "ModuleOp"> {
  let summary = "Lower ag ops to linalg, tensor, arith, math and scf on tensors";
  let description = [{
    Elementwise ops and broadcasts become `linalg.generic` with parallel iterators (so
    `linalg-fuse-elementwise-ops` can merge chains into one loop nest); reductions become
    `linalg.generic` with reduction iterators; matmul, conv and pooling become linalg
    named ops on zero- or identity-filled inits; views become `tensor.extract_slice`,
    `tensor.insert_slice` and reshapes. Integer division is emitted so that it never
    traps.

    ```mlir
    %r = ag.add %a, %b : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
    // becomes
    %e = tensor.empty() : tensor<4xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>,
                                          affine_map<(d0) -> ()>,
                                          affine_map<(d0) -> (d0)>],
                         iterator_types = ["parallel"]}
        ins(%a, %b : tensor<4xf32>, tensor<f32>) outs(%e : tensor<4xf32>) { ... }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AgLinalgToOnednn : Pass<"ag-linalg-to-onednn", "ModuleOp"> {
  let summary = "Replace float32 linalg matmul/batch_matmul/conv on memrefs by oneDNN calls";
  let description = [{
    Runs after bufferization. Each `linalg.matmul`, `linalg.batch_matmul` and
    `linalg.conv_2d_nchw_fchw` on f32 memrefs becomes a `func.call` to the C ABI in
    `backends/abi/ag_abi.h` (memref descriptors by pointer via `llvm.emit_c_interface`).
    A `linalg.fill` of zero that immediately initialises the output is folded into the call
    (beta = 0); otherwise the call accumulates (beta = 1), preserving linalg's semantics.

    ```mlir
    linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
    linalg.matmul ins(%a, %b : memref<4x5xf32>, memref<5x6xf32>) outs(%c : memref<4x6xf32>)
    // becomes
    func.call @ag_onednn_matmul_f32(%a', %b', %c', %beta0) : (...) -> ()
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def AgMathApproximation : Pass<"ag-math-approximation"> {
  let summary = "Replace float32 transcendental math ops by vectorisable polynomials";
  let description = [{
    Wraps MLIR's polynomial approximations (tanh, exp, expm1, log, log1p, log2, erf, ...
    for f32) so that elementwise loops containing them stay free of libm calls and LLVM
    can vectorise them. f64 ops are untouched (they go to libm).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect"
  ];
}

#endif // AG_CONVERSION_PASSES_TD
