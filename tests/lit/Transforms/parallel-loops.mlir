// RUN: ag-opt %s --ag-parallel-loops --split-input-file | FileCheck %s
// RUN: ag-opt %s --ag-parallel-loops --split-input-file --ag-to-llvm -o /dev/null
// RUN: ag-opt %s --ag-parallel-loops=min-work=1 --split-input-file | FileCheck %s --check-prefix=ALL

// A large elementwise op with a broadcast operand: its rows move into a body function
// of (begin, end, context); the captured buffers travel as descriptors in a stack
// struct; the broadcast row is read whole, the rest sliced to rows [begin, end).

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @scale
// CHECK-SAME:    (%[[X:.*]]: memref<512x1024xf32>, %[[G:.*]]: memref<1024xf32>)
// CHECK:         %[[CTX:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK:         %[[Y:.*]] = memref.alloc() {alignment = 64 : i64} : memref<512x1024xf32>
// CHECK:         %[[N:.*]] = memref.dim %[[Y]], %{{.*}} : memref<512x1024xf32>
// Work: 512 x 1024 elements x (1 + tanh 3 + mulf 1).
// CHECK:         %[[WORK:.*]] = arith.constant 2621440 : i64
// CHECK:         %[[XD:.*]] = builtin.unrealized_conversion_cast %[[X]] : memref<512x1024xf32> to !llvm.struct
// CHECK:         %[[P0:.*]] = llvm.getelementptr %[[CTX]][0, 0]
// CHECK:         llvm.store %[[XD]], %[[P0]]
// CHECK:         llvm.getelementptr %[[CTX]][0, 1]
// CHECK:         llvm.getelementptr %[[CTX]][0, 2]
// CHECK:         %[[FN:.*]] = constant @scale_parallel : (index, index, !llvm.ptr) -> ()
// CHECK:         %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK:         call @ag_rt_parallel_for(%[[N64]], %[[WORK]], %[[FN]], %[[CTX]])
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[Y]]
// The entry unpacks the context and calls the body, which takes the descriptors' fields
// as arguments (LLVM then knows the body's own allocations are none of them). The
// output overlaps no other buffer: its aligned pointer is noalias (the two arguments
// may be one array).
// CHECK:       func.func private @scale_parallel(%[[B:.*]]: index, %[[E:.*]]: index, %[[C:.*]]: !llvm.ptr) attributes {ag.parallel_body}
// CHECK:         %[[L0:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK:         %[[A0:.*]] = llvm.extractvalue %[[L0]][0]
// CHECK:         %[[A1:.*]] = llvm.extractvalue %[[L0]][1]
// CHECK:         call @scale_parallel_body(%[[B]], %[[E]], %[[A0]], %[[A1]],
// CHECK-SAME:      : (index, index, !llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>, !llvm.ptr, !llvm.ptr, i64, !llvm.array<1 x i64>, !llvm.array<1 x i64>, !llvm.ptr, !llvm.ptr, i64, !llvm.array<2 x i64>, !llvm.array<2 x i64>) -> ()
// CHECK:       func.func private @scale_parallel_body(%[[BB:.*]]: index, %[[EB:.*]]: index,
// CHECK-SAME:      %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64,
// CHECK-SAME:      %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr {llvm.noalias}, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: !llvm.array<2 x i64>, %{{[a-z0-9]+}}: !llvm.array<2 x i64>) attributes {ag.parallel_body, no_inline}
// CHECK:         %[[XB:.*]] = builtin.unrealized_conversion_cast %{{.*}} : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<512x1024xf32>
// CHECK:         %[[GA:.*]] = builtin.unrealized_conversion_cast %{{.*}} to memref<1024xf32>
// CHECK:         %[[YB:.*]] = builtin.unrealized_conversion_cast %{{.*}} to memref<512x1024xf32>
// CHECK:         %[[SIZE:.*]] = arith.subi %[[EB]], %[[BB]] : index
// CHECK:         %[[XS:.*]] = memref.subview %[[XB]][%[[BB]], 0] [%[[SIZE]], 1024] [1, 1]
// CHECK:         %[[YS:.*]] = memref.subview %[[YB]][%[[BB]], 0] [%[[SIZE]], 1024] [1, 1]
// CHECK:         linalg.generic {{.*}} ins(%[[XS]], %[[GA]] : memref<?x1024xf32, strided<[1024, 1], offset: ?>>, memref<1024xf32>) outs(%[[YS]] : memref<?x1024xf32, strided<[1024, 1], offset: ?>>)
// CHECK:           math.tanh
// CHECK:         return
// CHECK:       func.func private @ag_rt_parallel_for(i64, i64, (index, index, !llvm.ptr) -> (), !llvm.ptr)
func.func @scale(%x: memref<512x1024xf32>, %g: memref<1024xf32>) -> memref<512x1024xf32> {
  %y = memref.alloc() {alignment = 64 : i64} : memref<512x1024xf32>
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %g : memref<512x1024xf32>, memref<1024xf32>) outs(%y : memref<512x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %t = math.tanh %a : f32
    %m = arith.mulf %t, %b : f32
    linalg.yield %m : f32
  }
  return %y : memref<512x1024xf32>
}

// -----

// Below the threshold: no call, no body function (small ops pay nothing).

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @small
// CHECK-NOT:     ag_rt_parallel_for
// CHECK:         linalg.generic
// CHECK-NOT:     ag_rt_parallel_for
// ALL-LABEL:   func.func @small
// ALL:           call @ag_rt_parallel_for
func.func @small(%x: memref<8x8xf64>) -> memref<8x8xf64> {
  %y = memref.alloc() : memref<8x8xf64>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<8x8xf64>) outs(%y : memref<8x8xf64>) {
  ^bb0(%a: f64, %o: f64):
    %m = arith.addf %a, %a : f64
    linalg.yield %m : f64
  }
  return %y : memref<8x8xf64>
}

// -----

// Sizes known at run time: the work is computed before the call (the runtime decides).

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @dynamic
// CHECK-SAME:    (%[[X:.*]]: memref<?x?xi64>)
// CHECK:         %[[Y:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xi64>
// CHECK:         %[[N:.*]] = memref.dim %[[Y]], %{{.*}}
// CHECK:         %[[COST:.*]] = arith.constant 2 : index
// CHECK:         %[[W0:.*]] = arith.muli %[[COST]], %{{.*}} : index
// CHECK:         %[[W1:.*]] = arith.muli %[[W0]], %{{.*}} : index
// CHECK:         %[[WORK:.*]] = arith.index_cast %[[W1]] : index to i64
// CHECK:         call @ag_rt_parallel_for(%{{.*}}, %[[WORK]], %{{.*}}, %{{.*}})
// CHECK:       func.func private @dynamic_parallel_body
// CHECK:         memref.subview {{.*}} : memref<?x?xi64> to memref<?x?xi64, strided<[?, 1], offset: ?>>
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i64
func.func @dynamic(%x: memref<?x?xi64>) -> memref<?x?xi64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = memref.dim %x, %c0 : memref<?x?xi64>
  %d1 = memref.dim %x, %c1 : memref<?x?xi64>
  %y = memref.alloc(%d0, %d1) : memref<?x?xi64>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x?xi64>) outs(%y : memref<?x?xi64>) {
  ^bb0(%a: i64, %o: i64):
    %m = arith.muli %a, %a : i64
    linalg.yield %m : i64
  }
  return %y : memref<?x?xi64>
}

// -----

// Row reductions split by rows (each row's sum keeps its order); a reduction over the
// outermost loop is never split.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0, 0)>
#first = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @rows
// CHECK:         call @ag_rt_parallel_for
// CHECK:         linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]
// CHECK:         return
// CHECK:       func.func private @rows_parallel_body
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
func.func @rows(%x: memref<2048x512xf32>) -> (memref<2048x1xf32>, memref<512xf32>) {
  %s = memref.alloc() : memref<2048x1xf32>
  %c = memref.alloc() : memref<512xf32>
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<2048x512xf32>) outs(%s : memref<2048x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.addf %o, %a : f32
    linalg.yield %m : f32
  }
  linalg.generic {indexing_maps = [#id, #first], iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<2048x512xf32>) outs(%c : memref<512xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.addf %o, %a : f32
    linalg.yield %m : f32
  }
  return %s, %c : memref<2048x1xf32>, memref<512xf32>
}

// -----

// Aliasing: an in-place update of the same element is split; an output that another
// operand may overlap at other elements (a transpose into itself, two arguments that
// may be one array) is not; an output allocated after its inputs were defined is fresh.

#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>

// CHECK-LABEL: func.func @aliasing
// CHECK:         call @ag_rt_parallel_for
// CHECK-NOT:     call @ag_rt_parallel_for
// CHECK:         return
func.func @aliasing(%a: memref<1024x1024xf32>, %b: memref<1024x1024xf32>) {
  %y = memref.alloc() : memref<1024x1024xf32>
  memref.copy %a, %y : memref<1024x1024xf32> to memref<1024x1024xf32>
  // In place, element for element: split.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : memref<1024x1024xf32>) outs(%y : memref<1024x1024xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.mulf %v, %v : f32
    linalg.yield %m : f32
  }
  // Into itself transposed: row i reads column i, which other rows write.
  linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : memref<1024x1024xf32>) outs(%y : memref<1024x1024xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  // Two arguments: the caller may pass one array twice.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<1024x1024xf32>) outs(%b : memref<1024x1024xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.mulf %v, %v : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// linalg.index 0 would count from each range's start: not split.

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @indexed
// CHECK-NOT:     ag_rt_parallel_for
func.func @indexed(%y: memref<1024x1024xi64>) {
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%y : memref<1024x1024xi64>) {
  ^bb0(%o: i64):
    %i = linalg.index 0 : index
    %v = arith.index_cast %i : index to i64
    linalg.yield %v : i64
  }
  return
}

// -----

// ag-fuse-rows' loop over row blocks: iterations [begin, end) of it run in the body
// (lb + begin * step to min(ub, lb + end * step)); an unmarked loop stays, and a large
// generic in it is split instead.

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @blocks
// CHECK:         %[[C64:.*]] = arith.constant 64 : index
// CHECK:         %[[TRIPS:.*]] = arith.maxsi
// CHECK:         %[[T64:.*]] = arith.index_cast %[[TRIPS]] : index to i64
// CHECK:         call @ag_rt_parallel_for(%[[T64]],
// CHECK:         scf.for
// CHECK-NOT:       ag.independent_iterations
// CHECK:           call @ag_rt_parallel_for
// CHECK:       func.func private @blocks_parallel_1(
// CHECK:       func.func private @blocks_parallel_body_0(
// CHECK:         linalg.generic
// CHECK:       func.func private @blocks_parallel(
// An argument and a fresh allocation: both noalias.
// CHECK:       func.func private @blocks_parallel_body(%[[B:.*]]: index, %[[E:.*]]: index, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr {llvm.noalias}, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: !llvm.array<2 x i64>, %{{[a-z0-9]+}}: !llvm.array<2 x i64>, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr {llvm.noalias},
// CHECK:         %[[LB:.*]] = arith.constant 0 : index
// CHECK:         %[[UB:.*]] = arith.constant 4096 : index
// CHECK:         %[[STEP:.*]] = arith.constant 64 : index
// CHECK:         %[[BS:.*]] = arith.muli %[[B]], %[[STEP]]
// CHECK:         %[[FIRST:.*]] = arith.addi %[[LB]], %[[BS]]
// CHECK:         %[[ES:.*]] = arith.muli %[[E]], %[[STEP]]
// CHECK:         %[[LAST0:.*]] = arith.addi %[[LB]], %[[ES]]
// CHECK:         %[[LAST:.*]] = arith.minsi %[[LAST0]], %[[UB]]
// CHECK:         scf.for %{{.*}} = %[[FIRST]] to %[[LAST]] step %[[STEP]] {
// CHECK:           memref.subview
// CHECK:           linalg.generic
// CHECK:         }
// CHECK-NOT:     ag.independent_iterations
// CHECK:         return
func.func @blocks(%x: memref<4096x1024xf32>, %y: memref<4096x1024xf32>, %t: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  %out = memref.alloc() : memref<4096x1024xf32>
  scf.for %i = %c0 to %c4096 step %c64 {
    %xs = memref.subview %x[%i, 0] [64, 1024] [1, 1] : memref<4096x1024xf32> to memref<64x1024xf32, strided<[1024, 1], offset: ?>>
    %os = memref.subview %out[%i, 0] [64, 1024] [1, 1] : memref<4096x1024xf32> to memref<64x1024xf32, strided<[1024, 1], offset: ?>>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%xs : memref<64x1024xf32, strided<[1024, 1], offset: ?>>) outs(%os : memref<64x1024xf32, strided<[1024, 1], offset: ?>>) {
    ^bb0(%v: f32, %o: f32):
      %m = arith.mulf %v, %v : f32
      linalg.yield %m : f32
    }
  } {ag.independent_iterations}
  scf.for %j = %c0 to %t step %c1 {
    %fresh = memref.alloc() : memref<4096x1024xf32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%out : memref<4096x1024xf32>) outs(%fresh : memref<4096x1024xf32>) {
    ^bb0(%v: f32, %o: f32):
      %m = arith.addf %v, %v : f32
      linalg.yield %m : f32
    }
    memref.dealloc %fresh : memref<4096x1024xf32>
  }
  return
}
