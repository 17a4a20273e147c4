//===- Passes.td - ag transform passes ------------------------*- tablegen -*-===//
//
// The passes that rewrite IR within its dialects (ag's own conversions are in
// ag/Conversion/Passes.td). Listed in the order the pipelines run them; that order lives
// in one place: lib/Pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef AG_TRANSFORMS_PASSES_TD
#define AG_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AgCanonicalize : Pass<"ag-canonicalize"> {
  let summary = "Canonicalize, with the pattern set built once per context";
  let description = [{
    Upstream `canonicalize` with its default options (top-down, normal region
    simplification, 10 iterations), whose pattern set (every loaded dialect's and
    registered op's canonicalization patterns) is frozen once per context and kept
    (AgDialect::getContextCache). MLIR 19's PassManager re-runs `initialize()` of every
    pass on every run, and the upstream pass freezes its set there: ~0.5 ms a pass
    whatever the module, nine times in each compile of the pipelines.
  }];
  let dependentDialects = ["::mlir::ag::AgDialect"];
}

def AgScalarizeControlFlow : Pass<"ag-scalarize-control-flow"> {
  let summary = "Pass 0-d tensors across scf.if/for/while boundaries as scalars";
  let description = [{
    A numpy scalar is a 0-d tensor; carried through a loop or out of a branch as a
    tensor, bufferization would give it a heap buffer per iteration. Each 0-d result,
    iter_arg and region argument of scf.if, scf.for and scf.while becomes its element
    type, with `tensor.extract` before the region's terminators and `tensor.from_elements`
    for its users (canonicalization then folds the pairs away). An `arith.select` of two
    0-d tensors on a scalar condition (the canonical form of an `scf.if` that only picks
    one of two values) selects their elements instead. Likewise an `ag.assert`
    on a computed 0-d condition is tested as a scalar: the assert itself moves into an
    `scf.if` on its failure, on a constant false (its operand would otherwise get a heap
    buffer each time it runs).

    ```mlir
    %r = scf.for %i = %lb to %ub step %c1 iter_args(%acc = %init) -> (tensor<f64>) {
      ...
      scf.yield %next : tensor<f64>
    }
    // becomes
    %s = tensor.extract %init[] : tensor<f64>
    %f = scf.for %i = %lb to %ub step %c1 iter_args(%a = %s) -> (f64) {
      %acc = tensor.from_elements %a : tensor<f64>
      ...
      %n = tensor.extract %next[] : tensor<f64>
      scf.yield %n : f64
    }
    %r = tensor.from_elements %f : tensor<f64>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AgViewsIntoElementwise : Pass<"ag-views-into-elementwise"> {
  let summary = "Views of an elementwise result become the producer computing the view";
  let description = [{
    Run before elementwise fusion, which stops at views of a producer: it fuses through
    a reshape only producers whose operand maps are all projected permutations (a
    broadcast operand's, `x - mean(x, keepdims=True)`: `(d0) -> (0)`, is not), and a
    producer read through two slices not at all. A float sum reads its operand through
    both (the run as a single row, then the whole buffers and the partial one), so
    np.std wrote its squared deviations to memory and read them back, and so did
    `np.sum(x * x)` for any length not a multiple of 8192. Two rewrites of a plain
    elementwise `linalg.generic` (parallel loops, identity result map, no index):
    - a `tensor.expand_shape` adding only unit dims to its result, its only use,
      becomes the generic computing the expanded shape (one loop per result dim);
    - when every use is a `tensor.extract_slice` of static offsets and sizes, unit
      strides, and the slices are disjoint (no element computed twice), each becomes a
      copy of the generic on the same slices of its operands -- whose producers, their
      results now sliced, follow.

    ```mlir
    %y = linalg.generic {maps = [(d0) -> (d0), (d0) -> (0), (d0) -> (d0)], ...}
        ins(%x, %m : tensor<?xf64>, tensor<1xf64>) outs(%e : tensor<?xf64>)
    %r = tensor.expand_shape %y [[0, 1]] output_shape [1, %n] : ... into tensor<1x?xf64>
    // becomes
    %r = linalg.generic {maps = [(d0, d1) -> (d1), (d0, d1) -> (0), (d0, d1) -> (d0, d1)]}
        ins(%x, %m : tensor<?xf64>, tensor<1xf64>) outs(%e2 : tensor<1x?xf64>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AgHoistLoopInvariants : Pass<"ag-hoist-loop-invariants"> {
  let summary = "Move loop-invariant linalg work on tensors out of scf loops";
  let description = [{
    Loop-invariant code motion that, besides speculatable ops, moves linalg ops with
    pure tensor semantics and tensor reshapes/empties whose operands are defined outside
    the loop: ag emits no trapping arithmetic in linalg bodies, so running them once
    before a loop that may not run is safe.

    ```mlir
    scf.for ... {
      %t = linalg.transpose ins(%x : tensor<2048x64xf64>) outs(%e : ...)
      ...
    }
    // becomes
    %t = linalg.transpose ins(%x : tensor<2048x64xf64>) outs(%e : ...)
    scf.for ... { ... }
    ```
  }];
}

def AgReadOnlyArguments : Pass<"ag-readonly-arguments", "ModuleOp"> {
  let summary = "Mark the arguments of public functions not writable for bufferization";
  let description = [{
    A public function's arguments are the caller's arrays: compiled code must not write
    into them (they may be read-only, or written back only when the call succeeds).
    Marking them `bufferization.writable = false` makes One-Shot Bufferize copy before a
    write (`x[i] = v` on an argument), and the runtime copies written arguments back when
    the call ends. It is a pass of the bufferize stage, not a step of the JIT driver, so
    `ag-opt`, `ag-dump-ir` and `.ir(emit=...)` show the copy that runs.

    ```mlir
    func.func @f(%x: tensor<4xf32>) -> tensor<4xf32>
    // becomes
    func.func @f(%x: tensor<4xf32> {bufferization.writable = false}) -> tensor<4xf32>
    ```
  }];
}

def AgPrepareRecursion : Pass<"ag-prepare-recursion", "ModuleOp"> {
  let summary = "Pass scalars by value to recursive functions and hide their call cycles "
                "from bufferization";
  let description = [{
    Functions the staging runtime records for staged recursion carry the `ag.recursive`
    attribute. Their 0-d tensor arguments and results become scalars (so a recursive
    call allocates nothing), and every call to them is redirected to a body-less
    declaration: One-Shot Bufferize of MLIR 19 rejects call graphs with cycles, and a call
    to a declaration is bufferized conservatively (its operands are copied if needed).
    `ag-resolve-recursion` points the calls back at the functions after bufferization.

    ```mlir
    func.func private @fib(%n: tensor<i64>) -> tensor<i64> attributes {ag.recursive}
    %r = func.call @fib(%m) : (tensor<i64>) -> tensor<i64>
    // becomes
    func.func private @fib(%n: i64) -> i64 attributes {ag.recursive}
    func.func private @fib.recursive_call(i64) -> i64 attributes {ag.recursive_target = @fib}
    %s = tensor.extract %m[] : tensor<i64>
    %c = func.call @fib.recursive_call(%s) : (i64) -> i64
    %r = tensor.from_elements %c : tensor<i64>
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::func::FuncDialect", "::mlir::tensor::TensorDialect"];
}

def AgResolveRecursion : Pass<"ag-resolve-recursion", "ModuleOp"> {
  let summary = "Point calls to recursion declarations back at their functions";
  let description = [{
    Runs after One-Shot Bufferize: calls to a declaration made by `ag-prepare-recursion`
    call its `ag.recursive_target` again (both were bufferized to the same signature),
    and the declarations are erased.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def AgSplitEmptyTensors : Pass<"ag-split-empty-tensors"> {
  let summary = "Give every few uses of a shared tensor.empty their own tensor.empty";
  let description = [{
    CSE merges the `tensor.empty` destinations of all ops of one type into a single
    value. One-Shot Bufferize's analysis then sees one alias set holding every op that
    writes into it, and each in-place decision is checked against all of the set's
    uses: quadratic in a function's length (a fuzz program of 1,100 elementwise ops
    on one tensor<4xf32> spent 80 s in EmptyTensorElimination and One-Shot Bufferize,
    1-3 s once split). Each run of `uses-per-empty` consecutive uses (in the order the
    users appear) gets its own `tensor.empty`, placed where the original is, so
    allocations stay where they were (outside the loops that use them) and
    neighbouring ops can still share one buffer. The default leaves the bench's
    programs as they were (a split at 8 uses made newton_cg's run 1.5x slower). Run
    after the last CSE before bufferization.

    ```mlir
    %e = tensor.empty() : tensor<4xf32>
    %a = linalg.generic ... outs(%e : tensor<4xf32>)
    %b = linalg.generic ... outs(%e : tensor<4xf32>)
    // becomes, with uses-per-empty=1
    %e = tensor.empty() : tensor<4xf32>
    %e1 = tensor.empty() : tensor<4xf32>
    %a = linalg.generic ... outs(%e : tensor<4xf32>)
    %b = linalg.generic ... outs(%e1 : tensor<4xf32>)
    ```
  }];
  let options = [
    Option<"usesPerEmpty", "uses-per-empty", "unsigned", /*default=*/"32",
           "How many uses one tensor.empty keeps">
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def AgBoundInPlaceChains : Pass<"ag-bound-in-place-chains"> {
  let summary = "Copy a tensor every few in-place writes of a long chain of them";
  let description = [{
    Straight-line code writing one array many times (`x[i % 7] += y * i` unrolled,
    `x[1:3] -= x[4:6]` repeated) is a chain of destination-passing ops
    (`tensor.insert_slice`, `linalg` outs, ...), each writing the previous one's result.
    One-Shot Bufferize puts the whole chain, with every view read from it, into one
    alias set and checks each in-place decision against all of the set's reads and
    writes: cubic in the chain's length (60 writes of an 8-element array took 2 s,
    300 writes over 6 minutes). Every `writes-per-copy` writes, the chain continues
    from a `bufferization.alloc_tensor` copy of the value, which starts a new alias
    set; the copy is what an out-of-place write would have cost anyway, once per
    `writes-per-copy` writes. Chains within one block only; shorter chains are
    unchanged.

    ```mlir
    %x1 = tensor.insert_slice %a into %x0[0] [1] [1] : tensor<1xf32> into tensor<8xf32>
    %x2 = tensor.insert_slice %b into %x1[1] [1] [1] : tensor<1xf32> into tensor<8xf32>
    // becomes, with writes-per-copy=1
    %x1 = tensor.insert_slice %a into %x0[0] [1] [1] : tensor<1xf32> into tensor<8xf32>
    %c = bufferization.alloc_tensor() copy(%x1) : tensor<8xf32>
    %x2 = tensor.insert_slice %b into %c[1] [1] [1] : tensor<1xf32> into tensor<8xf32>
    ```
  }];
  let options = [
    Option<"writesPerCopy", "writes-per-copy", "unsigned", /*default=*/"16",
           "How many in-place writes a chain makes before it is copied">
  ];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def AgFoldedPayloads : Pass<"ag-folded-payloads"> {
  let summary = "Make linalg ops whose folded payload ignores its operands bufferize right";
  let description = [{
    Run right before One-Shot Bufferize. A reduction whose payload ignores an
    accumulator (`and(false, acc)` is `false`) still yields its inits over an empty
    domain: One-Shot Bufferize would treat the init as unread and leave the result
    unfilled. A statically empty one is replaced by its inits, a possibly empty one is
    guarded by an `scf.if` on its loop extents. A parallel generic yielding only values
    defined outside its payload becomes a `linalg.fill` of them: on buffers, upstream's
    EraseIdentityLinalgOp would erase it when its input and output are one buffer,
    whatever it yields.

    ```mlir
    %r = linalg.generic {... ["reduction"]} ins(%x : tensor<0xi1>) outs(%init : tensor<i1>) {
    ^bb0(%in: i1, %acc: i1):
      linalg.yield %false : i1
    } -> tensor<i1>
    // becomes %init
    %z = linalg.generic {... ["parallel"]} ins(%t : tensor<3xf32>) outs(%e : tensor<3xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %cst : f32
    } -> tensor<3xf32>
    // becomes
    %z = linalg.fill ins(%cst : f32) outs(%e : tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect",
                           "::mlir::linalg::LinalgDialect"];
}

def AgContiguousIfYields : Pass<"ag-contiguous-if-yields"> {
  let summary = "Copy the slices and reshapes an scf.if yields into new tensors";
  let description = [{
    One-Shot Bufferize in MLIR 19 skips the layout cast of a branch that yields an
    identity-layout buffer when the other yields a strided view (it asks for the if
    result's type before the other branch is bufferized): the scf.if then fails to
    verify. Run right before One-Shot Bufferize: every view op result (extract_slice,
    collapse_shape, expand_shape, cast) an scf.if yields is copied in its branch, so the
    if's results have identity layouts.

    ```mlir
    scf.yield %slice : tensor<1xi64>
    // becomes
    %copy = bufferization.alloc_tensor() copy(%slice) : tensor<1xi64>
    scf.yield %copy : tensor<1xi64>
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def AgSplatFills : Pass<"ag-splat-fills"> {
  let summary = "Large splat tensor constants and splats of -0.0 become fills";
  let description = [{
    Run before bufferization, which turns tensor constants into memref.globals. A splat
    constant of at least 64 elements becomes a `linalg.fill` of its scalar into a
    `tensor.empty`: `np.zeros((1040, 1040))` was an 8.6 MB global in the object code and
    a copy of it per call. A splat of -0.0 becomes one at any size: MLIR 19's
    translation to LLVM IR emits a splat constant equal to zero as `zeroinitializer`,
    -0.0 included (`1 / x` was inf, not -inf).

    ```mlir
    %c = arith.constant dense<-0.000000e+00> : tensor<2xf64>
    // becomes
    %z = arith.constant -0.000000e+00 : f64
    %e = tensor.empty() : tensor<2xf64>
    %c = linalg.fill ins(%z : f64) outs(%e : tensor<2xf64>) -> tensor<2xf64>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
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

def AgExpandStridedMetadata : Pass<"ag-expand-strided-metadata"> {
  let summary = "expand-strided-metadata, applied to the memref ops only";
  let description = [{
    Upstream `expand-strided-metadata`'s patterns (views become
    `memref.reinterpret_cast` of `memref.extract_strided_metadata`, with the offsets,
    sizes and strides in affine.apply / arith), applied to the memref ops of the module
    and the ops they create, without region simplification. Upstream runs the greedy
    driver over every op of the module, the CFG's block merging included: by then
    (after scf-to-cf) the module is mostly arith and branches, and the pass was a tenth
    of the MLIR pipeline's instructions on newton_cg.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def AgFuseRows : Pass<"ag-fuse-rows"> {
  let summary = "Run row-local reduction chains (layer norm, softmax) block of rows by block";
  let description = [{
    A chain of row-local linalg ops on tensors (generics whose loop 0 indexes dim 0 of
    every row-indexed operand, fills, collapse_shapes that keep dim 0) that ends in a
    generic fed by a row reduction, and reads some input in several of its ops, becomes
    one scf.for over blocks of rows holding the whole chain on each block: the input is
    read from memory once instead of once per op. Reductions keep their order within a
    row, so every value is unchanged.

    ```mlir
    %m = linalg.generic {..."parallel", "reduction"} ins(%x) outs(%fill)   // row sums
    %y = linalg.generic {..."parallel", "parallel"} ins(%x, %m) outs(%e)
    // becomes
    %y = scf.for %i = %c0 to %rows step %c8 iter_args(%acc = %e) {
      %xs = tensor.extract_slice %x[%i, 0] [8, 1024] [1, 1]
      %ms = linalg.generic ... ins(%xs) outs(...)
      %ys = linalg.generic ... ins(%xs, %ms) outs(...)
      scf.yield (tensor.insert_slice %ys into %acc[%i, 0] [8, 1024] [1, 1])
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def AgParallelLoops : Pass<"ag-parallel-loops", "::mlir::ModuleOp"> {
  let summary = "Split loops with independent iterations across threads (ag_rt_parallel_for)";
  let description = [{
    After bufferization, an op whose outermost loop runs independent iterations -- a
    linalg.generic whose loop 0 is parallel, indexes dim 0 of every output and of every
    input it does not read whole, with no output aliasing another operand (other than
    an input it updates in place element for element), and a pure body; or an scf.for
    that ag-fuse-rows marked `ag.independent_iterations` (its blocks of rows) -- moves
    into a new private function `(begin, end, context)` that runs iterations [begin,
    end) of it, and is replaced by a call to `ag_rt_parallel_for` (ag_abi.h), which runs
    ranges of the iterations on several threads. Captured values travel in a stack
    struct (`context`): memrefs as their LLVM descriptors, index as i64, scalars as they
    are; constants are cloned into the body instead. Every output element is computed by
    the same instructions in the same order as before (loop 0 only picks which thread
    computes it), so results are bit for bit those of the serial loop: reductions are
    never split, only the independent rows around them.

    Work (iterations x body cost, in units of one simple arithmetic op on one element)
    known at compile time to be below `min-work` is left serial, with no call at all; work
    known only at run time is passed to ag_rt_parallel_for, which runs it on the calling
    thread below AG_PARALLEL_MIN_WORK.

    ```mlir
    linalg.generic {iterator_types = ["parallel", "parallel"]}
        ins(%x : memref<512x1024xf32>) outs(%y : memref<512x1024xf32>) {...}
    // becomes
    %ctx = llvm.alloca %c1 x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, ...)>, ...)>
    ... llvm.store of %x's and %y's descriptors into %ctx ...
    %f = func.constant @fn_parallel0 : (index, index, !llvm.ptr) -> ()
    call @ag_rt_parallel_for(%c512, %work, %f, %ctx)
    func.func private @fn_parallel0(%begin: index, %end: index, %ctx: !llvm.ptr) {
      ... loads of the descriptors, memref.subview of rows [%begin, %end) ...
      linalg.generic ... ins(%xs) outs(%ys) {...}
    }
    ```
  }];
  let options = [
    Option<"minWork", "min-work", "int64_t", "AG_PARALLEL_MIN_WORK",
           "Loops whose work is known to be below this stay serial">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect", "::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

#endif // AG_TRANSFORMS_PASSES_TD
