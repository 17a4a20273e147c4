//===- Passes.td - ag conversion passes -----------------------*- tablegen -*-===//
//
// The passes that change dialect: ag to linalg, linalg on memrefs to the library calls
// of ag/Abi/ag_abi.h. The passes within a dialect are in ag/Transforms/Passes.td; their
// order lives in one place: lib/Pipelines.
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
    traps. `ag.stack_guard` becomes a call of the runtime's stack check; the other host
    callbacks, sorts and LAPACK calls stay for bufferization.

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
    "::mlir::arith::ArithDialect", "::mlir::complex::ComplexDialect",
    "::mlir::func::FuncDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect"
  ];
}

def AgLinalgToBlas : Pass<"ag-linalg-to-blas", "ModuleOp"> {
  let summary = "Replace linalg matmul/batch_matmul/matvec/vecmat on memrefs by OpenBLAS calls";
  let description = [{
    Runs after bufferization, before `ag-linalg-to-onednn`. float64 `linalg.matmul`,
    `linalg.batch_matmul`, `linalg.matvec` and `linalg.vecmat`, and their float32 forms
    with a vector side (static M or N of 1, matvec, vecmat; batch_matmul with N of 1)
    or a small static size (M*N*K <= 2^19), become a `func.call` to the `ag_blas_*` C
    ABI in `ag/Abi/ag_abi.h` (GEMM, GEMV or dot in OpenBLAS); other float32
    shapes stay for oneDNN, float64 batches of tiny matrices for loops. The choice is
    measured, see LinalgToBlas.cpp. As in `ag-linalg-to-onednn`, a zero fill right
    before the op becomes beta = 0, and an operand that is a transposed copy made just
    for the op is read through a `memref.transpose` view instead.

    ```mlir
    linalg.fill ins(%zero : f64) outs(%c : memref<4x6xf64>)
    linalg.matmul ins(%a, %b : memref<4x5xf64>, memref<5x6xf64>) outs(%c : memref<4x6xf64>)
    // becomes
    func.call @ag_blas_matmul_f64(%a', %b', %c', %beta0) : (...) -> ()
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def AgLinalgToOnednn : Pass<"ag-linalg-to-onednn", "ModuleOp"> {
  let summary = "Replace float32 linalg matmul/batch_matmul/conv on memrefs by oneDNN calls";
  let description = [{
    Runs after bufferization. Each `linalg.matmul`, `linalg.batch_matmul` and
    `linalg.conv_2d_nchw_fchw` on f32 memrefs becomes a `func.call` to the C ABI in
    `ag/Abi/ag_abi.h` (memref descriptors by pointer via `llvm.emit_c_interface`).
    A `linalg.fill` of zero that immediately initialises the output is folded into the call
    (beta = 0); otherwise the call accumulates (beta = 1), preserving linalg's semantics.
    A matmul or convolution followed by a `linalg.generic` that adds a bias (maybe then
    relu) in place on its output (see `ag-onednn-post-ops-in-place`) becomes one
    `ag_onednn_matmul_post_f32` / `ag_onednn_conv2d_post_f32` call: oneDNN adds the bias
    while the product is in registers. A relu stays a loop after the call: oneDNN's relu
    maps NaN to 0, numpy's np.maximum(x, 0) keeps NaN.

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

def AgOnednnPostOpsInPlace : Pass<"ag-onednn-post-ops-in-place", "ModuleOp"> {
  let summary = "Make a bias/activation consumer of a float32 matmul or conv write into it";
  let description = [{
    Runs on tensors, right before bufferization. A `linalg.generic` that is the only
    reader of a float32 `linalg.matmul` or `linalg.conv_2d_nchw_fchw` result and computes
    `x + bias` (a bias along the channel: N of a matmul, C of an NCHW convolution),
    `relu(x)` (`np.maximum(x, 0)`) or `relu(x + bias)` of it is rewritten to write its
    result into the product (reading it through its output block argument). After
    bufferization it then is the op right after the product on the same buffer, and
    `ag-linalg-to-onednn` folds its bias add into the oneDNN call. A product
    whose zero fill is shared with another op gets a fill of its own.

    ```mlir
    %p = linalg.matmul ins(%a, %b : ...) outs(%zeros : tensor<4x6xf32>) -> tensor<4x6xf32>
    %y = linalg.generic {indexing_maps = [#id, #col, #id], ...}
        ins(%p, %bias : tensor<4x6xf32>, tensor<6xf32>) outs(%e : tensor<4x6xf32>) {...}
    // becomes
    %y = linalg.generic {indexing_maps = [#col, #id], ...}
        ins(%bias : tensor<6xf32>) outs(%p : tensor<4x6xf32>) {...}
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect"];
}

def AgConvertToLLVM : Pass<"ag-convert-to-llvm", "ModuleOp"> {
  let summary = "Lower memref, arith, cf, func, index, complex and math to the LLVM dialect at once";
  let description = [{
    What `finalize-memref-to-llvm` (aligned allocations through the generic allocation
    functions), `convert-math-to-llvm` (log1p not approximated), `convert-math-to-libm`,
    `convert-complex-to-llvm`, `convert-arith-to-llvm`, `convert-cf-to-llvm`,
    `convert-func-to-llvm` and `convert-index-to-llvm` do one after another, with their
    patterns built and frozen once, when the pass manager initialises the pass, and
    applied in one conversion. Each of those passes builds its pattern set on every run,
    which on the small modules of a first call cost more than converting them (~1 ms
    per pass). Math ops go first, in two steps as before (LLVM intrinsics where
    `convert-math-to-llvm` has them, libm calls for the rest), and only when the module
    has any.

    ```mlir
    func.func @f(%m: memref<4xf32>, %i: index) -> f32 {
      %v = memref.load %m[%i] : memref<4xf32>
      %t = math.tanh %v : f32
      return %t : f32
    }
    // becomes llvm.func @f(...) with llvm.load and a call of libm's tanhf
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect", "::mlir::func::FuncDialect",
                           "::mlir::ag::AgDialect"];
}

#endif // AG_CONVERSION_PASSES_TD
