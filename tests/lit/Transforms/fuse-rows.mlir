// RUN: ag-opt %s --ag-fuse-rows --split-input-file | FileCheck %s
// RUN: ag-opt %s --ag-fuse-rows --split-input-file --ag-bufferize --ag-to-llvm -o /dev/null

// Row sums feeding an elementwise op that reads the same input: one loop over blocks of
// rows (256 KiB of 1024-wide f32 rows = 64 rows), every op of the chain inside it on its
// block, the input sliced once per block and the result inserted into the destination.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0, 0)>
#col = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @centre
// CHECK-SAME:    (%[[X:.*]]: tensor<256x1024xf32>, %[[G:.*]]: tensor<1024xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<256x1024xf32>
// CHECK:         %[[C64:.*]] = arith.constant 64 : index
// CHECK:         %[[R:.*]] = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %[[C64]] iter_args(%[[ACC:.*]] = %[[E]])
// CHECK:           %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<64x1xf32>
// CHECK:           %[[XS:.*]] = tensor.extract_slice %[[X]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[XS]] : tensor<64x1024xf32>) outs(%[[FILL]] : tensor<64x1xf32>)
// CHECK:           %[[OS:.*]] = tensor.extract_slice %[[ACC]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           %[[Y:.*]] = linalg.generic {{.*}} ins(%[[XS]], %[[SUM]], %[[G]] : tensor<64x1024xf32>, tensor<64x1xf32>, tensor<1024xf32>) outs(%[[OS]] : tensor<64x1024xf32>)
// CHECK:           %[[INS:.*]] = tensor.insert_slice %[[Y]] into %[[ACC]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           scf.yield %[[INS]]
// CHECK:         return %[[R]]
func.func @centre(%x: tensor<256x1024xf32>, %g: tensor<1024xf32>) -> tensor<256x1024xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<256x1xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<256x1xf32>) -> tensor<256x1xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<256x1024xf32>) outs(%f : tensor<256x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<256x1xf32>
  %e = tensor.empty() : tensor<256x1024xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s, %g : tensor<256x1024xf32>, tensor<256x1xf32>, tensor<1024xf32>) outs(%e : tensor<256x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32, %out: f32):
    %d = arith.subf %a, %b : f32
    %m = arith.mulf %d, %c : f32
    linalg.yield %m : f32
  } -> tensor<256x1024xf32>
  return %y : tensor<256x1024xf32>
}

// -----

// A run-time row count: the last block is min(block, rows - i) rows; linalg.index 0
// counts rows of the whole, so it is offset by the block's start.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0, 0)>

// CHECK-LABEL: func.func @dynamic_rows
// CHECK:         scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK:           %[[N:.*]] = arith.subi %{{.*}}, %[[I]] : index
// CHECK:           %[[B:.*]] = arith.minsi %{{.*}}, %[[N]] : index
// CHECK:           tensor.extract_slice %{{.*}}[%[[I]], 0] [%[[B]], 1024] [1, 1]
// CHECK:           linalg.generic
// CHECK:             %[[IDX:.*]] = linalg.index 0 : index
// CHECK:             arith.addi %[[IDX]], %[[I]] : index
func.func @dynamic_rows(%x: tensor<?x1024xf32>) -> tensor<?x1024xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x1024xf32>
  %e1 = tensor.empty(%n) : tensor<?x1xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x1xf32>) -> tensor<?x1xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x1024xf32>) outs(%f : tensor<?x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<?x1xf32>
  %e = tensor.empty(%n) : tensor<?x1024xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : tensor<?x1024xf32>, tensor<?x1xf32>) outs(%e : tensor<?x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %fi = arith.sitofp %ii : i64 to f32
    %d = arith.subf %a, %b : f32
    %m = arith.addf %d, %fi : f32
    linalg.yield %m : f32
  } -> tensor<?x1024xf32>
  return %y : tensor<?x1024xf32>
}

// -----

// Not fused: a reduction over rows (column sums) is not row-local, and a row sum whose
// input no other op of the chain reads gains nothing from blocking.

#id = affine_map<(d0, d1) -> (d0, d1)>
#colsum = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0, 0)>

// CHECK-LABEL: func.func @column_sums
// CHECK-NOT:     scf.for
func.func @column_sums(%x: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1024xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1024xf32>) -> tensor<1024xf32>
  %s = linalg.generic {indexing_maps = [#id, #colsum], iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<256x1024xf32>) outs(%f : tensor<1024xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<1024xf32>
  %e = tensor.empty() : tensor<256x1024xf32>
  %y = linalg.generic {indexing_maps = [#id, #colsum, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : tensor<256x1024xf32>, tensor<1024xf32>) outs(%e : tensor<256x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %d = arith.subf %a, %b : f32
    linalg.yield %d : f32
  } -> tensor<256x1024xf32>
  return %y : tensor<256x1024xf32>
}

// CHECK-LABEL: func.func @single_reader
// CHECK-NOT:     scf.for
func.func @single_reader(%x: tensor<256x1024xf32>) -> tensor<256x1xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<256x1xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<256x1xf32>) -> tensor<256x1xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<256x1024xf32>) outs(%f : tensor<256x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<256x1xf32>
  %e = tensor.empty() : tensor<256x1xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<256x1xf32>) outs(%e : tensor<256x1xf32>) {
  ^bb0(%a: f32, %out: f32):
    %d = arith.mulf %a, %a : f32
    linalg.yield %d : f32
  } -> tensor<256x1xf32>
  return %y : tensor<256x1xf32>
}

// A row sum that is also returned stays outside, computed once: what is left of the
// chain has no reduction, nothing to gain.
// CHECK-LABEL: func.func @shared_sum
// CHECK-NOT:     scf.for
func.func @shared_sum(%x: tensor<256x1024xf32>) -> (tensor<256x1024xf32>, tensor<256x1xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<256x1xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<256x1xf32>) -> tensor<256x1xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<256x1024xf32>) outs(%f : tensor<256x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<256x1xf32>
  %e = tensor.empty() : tensor<256x1024xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : tensor<256x1024xf32>, tensor<256x1xf32>) outs(%e : tensor<256x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %d = arith.subf %a, %b : f32
    linalg.yield %d : f32
  } -> tensor<256x1024xf32>
  return %y, %s : tensor<256x1024xf32>, tensor<256x1xf32>
}

// -----

// A softmax: the exponentials are written into the tensor the quotients are then written
// into (unfused, they bufferize into one array). Fused, the exponentials go into the
// destination's block as well, not into a fresh block per iteration.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0, 0)>

// CHECK-LABEL: func.func @softmax_in_destination
// CHECK-SAME:    (%[[X:.*]]: tensor<256x1024xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<256x1024xf32>
// CHECK:         scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[E]])
// CHECK-NOT:       tensor.empty() : tensor<64x1024xf32>
// CHECK:           %[[XS:.*]] = tensor.extract_slice %[[X]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           %[[MAX:.*]] = linalg.generic {{.*}} ins(%[[XS]] : tensor<64x1024xf32>)
// CHECK:           %[[OS:.*]] = tensor.extract_slice %[[ACC]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           %[[EXP:.*]] = linalg.generic {{.*}} ins(%[[XS]], %[[MAX]] : {{.*}}) outs(%[[OS]] : tensor<64x1024xf32>)
// CHECK:             math.exp
// CHECK:           %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[EXP]] : tensor<64x1024xf32>)
// CHECK:           %[[OS2:.*]] = tensor.extract_slice %[[ACC]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           %[[Q:.*]] = linalg.generic {{.*}} ins(%[[EXP]], %[[SUM]] : {{.*}}) outs(%[[OS2]] : tensor<64x1024xf32>)
// CHECK:           tensor.insert_slice %[[Q]] into %[[ACC]][%[[I]], 0] [64, 1024] [1, 1]
func.func @softmax_in_destination(%x: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<256x1xf32>
  %fm = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<256x1xf32>) -> tensor<256x1xf32>
  %m = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<256x1024xf32>) outs(%fm : tensor<256x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.maximumf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<256x1xf32>
  %e = tensor.empty() : tensor<256x1024xf32>
  %exp = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %m : tensor<256x1024xf32>, tensor<256x1xf32>) outs(%e : tensor<256x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %d = arith.subf %a, %b : f32
    %x2 = math.exp %d : f32
    linalg.yield %x2 : f32
  } -> tensor<256x1024xf32>
  %fs = linalg.fill ins(%zero : f32) outs(%e1 : tensor<256x1xf32>) -> tensor<256x1xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%exp : tensor<256x1024xf32>) outs(%fs : tensor<256x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<256x1xf32>
  %q = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%exp, %s : tensor<256x1024xf32>, tensor<256x1xf32>) outs(%e : tensor<256x1024xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %d = arith.divf %a, %b : f32
    linalg.yield %d : f32
  } -> tensor<256x1024xf32>
  return %q : tensor<256x1024xf32>
}

// -----

// An argmin along rows: the input read once, but its lanes (values and block numbers,
// 2 x 1 MiB for 4096 rows) are written to memory and read back by two ops. Fused, the
// lanes of a block of rows stay in cache; the expand_shape that makes each row blocks
// of lanes takes the block's rows.

#in3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#lane3 = affine_map<(d0, d1, d2) -> (d0, d2)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row2 = affine_map<(d0, d1) -> (d0)>

// CHECK-LABEL: func.func @argmin_lanes
// CHECK-SAME:    (%[[X:.*]]: tensor<4096x1024xf32>)
// CHECK:         %[[C64:.*]] = arith.constant 64 : index
// CHECK:         scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %[[C64]]
// CHECK:           linalg.fill {{.*}} -> tensor<64x64xf32>
// CHECK:           linalg.fill {{.*}} -> tensor<64x64xi32>
// CHECK:           %[[XS:.*]] = tensor.extract_slice %[[X]][%[[I]], 0] [64, 1024] [1, 1]
// CHECK:           %[[XE:.*]] = tensor.expand_shape %[[XS]] {{\[}}[0], [1, 2]] output_shape [64, 16, 64]
// CHECK:           %[[L:.*]]:2 = linalg.generic {{.*}} ins(%[[XE]] : tensor<64x16x64xf32>)
// CHECK:           %[[M:.*]] = linalg.generic {{.*}} ins(%[[L]]#0 : tensor<64x64xf32>)
// CHECK:           linalg.generic {{.*}} ins(%[[L]]#0, %[[L]]#1, %[[M]] : tensor<64x64xf32>, tensor<64x64xi32>, tensor<64xf32>)
// CHECK:           tensor.insert_slice
// CHECK:         } {ag.independent_iterations}
func.func @argmin_lanes(%x: tensor<4096x1024xf32>) -> tensor<4096xi64> {
  %c64_i64 = arith.constant 64 : i64
  %big = arith.constant 9223372036854775807 : i64
  %c0_i32 = arith.constant 0 : i32
  %inf = arith.constant 0x7F800000 : f32
  %0 = tensor.empty() : tensor<4096x64xf32>
  %1 = linalg.fill ins(%inf : f32) outs(%0 : tensor<4096x64xf32>) -> tensor<4096x64xf32>
  %2 = tensor.empty() : tensor<4096x64xi32>
  %3 = linalg.fill ins(%c0_i32 : i32) outs(%2 : tensor<4096x64xi32>) -> tensor<4096x64xi32>
  %xe = tensor.expand_shape %x [[0], [1, 2]] output_shape [4096, 16, 64] : tensor<4096x1024xf32> into tensor<4096x16x64xf32>
  %4:2 = linalg.generic {indexing_maps = [#in3, #lane3, #lane3], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%xe : tensor<4096x16x64xf32>) outs(%1, %3 : tensor<4096x64xf32>, tensor<4096x64xi32>) {
  ^bb0(%in: f32, %out: f32, %out_0: i32):
    %11 = linalg.index 1 : index
    %12 = arith.index_cast %11 : index to i32
    %13 = arith.cmpf ult, %in, %out : f32
    %14 = arith.cmpf ord, %out, %out : f32
    %15 = arith.andi %13, %14 : i1
    %16 = arith.select %15, %in, %out : f32
    %17 = arith.select %15, %12, %out_0 : i32
    linalg.yield %16, %17 : f32, i32
  } -> (tensor<4096x64xf32>, tensor<4096x64xi32>)
  %5 = tensor.empty() : tensor<4096xf32>
  %6 = linalg.fill ins(%inf : f32) outs(%5 : tensor<4096xf32>) -> tensor<4096xf32>
  %7 = linalg.generic {indexing_maps = [#id2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%4#0 : tensor<4096x64xf32>) outs(%6 : tensor<4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %11 = arith.minimumf %in, %out : f32
    linalg.yield %11 : f32
  } -> tensor<4096xf32>
  %8 = tensor.empty() : tensor<4096xi64>
  %9 = linalg.fill ins(%big : i64) outs(%8 : tensor<4096xi64>) -> tensor<4096xi64>
  %10 = linalg.generic {indexing_maps = [#id2, #id2, #row2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%4#0, %4#1, %7 : tensor<4096x64xf32>, tensor<4096x64xi32>, tensor<4096xf32>) outs(%9 : tensor<4096xi64>) {
  ^bb0(%in: f32, %in_0: i32, %in_1: f32, %out: i64):
    %11 = arith.cmpf uno, %in, %in : f32
    %12 = arith.cmpf oeq, %in, %in_1 : f32
    %13 = arith.ori %12, %11 : i1
    %14 = arith.extsi %in_0 : i32 to i64
    %15 = linalg.index 1 : index
    %16 = arith.index_cast %15 : index to i64
    %17 = arith.muli %14, %c64_i64 : i64
    %18 = arith.addi %17, %16 : i64
    %19 = arith.select %13, %18, %big : i64
    %20 = arith.minsi %out, %19 : i64
    linalg.yield %20 : i64
  } -> tensor<4096xi64>
  return %10 : tensor<4096xi64>
}

// -----

// The same with rows known only at run time: the last block may be shorter, and the
// expand_shape's row count is the block's.

#in3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#lane3 = affine_map<(d0, d1, d2) -> (d0, d2)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row2 = affine_map<(d0, d1) -> (d0)>

// CHECK-LABEL: func.func @argmax_lanes_dynamic_rows
// CHECK:         scf.for %[[I:[a-z0-9_]+]] =
// CHECK:           %[[N:[a-z0-9_]+]] = arith.minsi
// CHECK:           %[[XS:.*]] = tensor.extract_slice %{{.*}}[%[[I]], 0] [%[[N]], 1024] [1, 1]
// CHECK:           tensor.expand_shape %[[XS]] {{\[}}[0], [1, 2]] output_shape [%[[N]], 16, 64] : tensor<?x1024xf32> into tensor<?x16x64xf32>
// CHECK:         } {ag.independent_iterations}
func.func @argmax_lanes_dynamic_rows(%x: tensor<?x1024xf32>) -> tensor<?xi64> {
  %c0 = arith.constant 0 : index
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i32 = arith.constant 0 : i32
  %rows = tensor.dim %x, %c0 : tensor<?x1024xf32>
  %0 = tensor.empty(%rows) : tensor<?x64xf32>
  %1 = linalg.fill ins(%ninf : f32) outs(%0 : tensor<?x64xf32>) -> tensor<?x64xf32>
  %2 = tensor.empty(%rows) : tensor<?x64xi32>
  %3 = linalg.fill ins(%c0_i32 : i32) outs(%2 : tensor<?x64xi32>) -> tensor<?x64xi32>
  %xe = tensor.expand_shape %x [[0], [1, 2]] output_shape [%rows, 16, 64] : tensor<?x1024xf32> into tensor<?x16x64xf32>
  %4:2 = linalg.generic {indexing_maps = [#in3, #lane3, #lane3], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%xe : tensor<?x16x64xf32>) outs(%1, %3 : tensor<?x64xf32>, tensor<?x64xi32>) {
  ^bb0(%in: f32, %out: f32, %out_0: i32):
    %11 = linalg.index 1 : index
    %12 = arith.index_cast %11 : index to i32
    %13 = arith.cmpf ogt, %in, %out : f32
    %16 = arith.select %13, %in, %out : f32
    %17 = arith.select %13, %12, %out_0 : i32
    linalg.yield %16, %17 : f32, i32
  } -> (tensor<?x64xf32>, tensor<?x64xi32>)
  %8 = tensor.empty(%rows) : tensor<?xi64>
  %c0_i64 = arith.constant 0 : i64
  %9 = linalg.fill ins(%c0_i64 : i64) outs(%8 : tensor<?xi64>) -> tensor<?xi64>
  %10 = linalg.generic {indexing_maps = [#id2, #id2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%4#0, %4#1 : tensor<?x64xf32>, tensor<?x64xi32>) outs(%9 : tensor<?xi64>) {
  ^bb0(%in: f32, %in_0: i32, %out: i64):
    %14 = arith.extsi %in_0 : i32 to i64
    %20 = arith.maxsi %out, %14 : i64
    linalg.yield %20 : i64
  } -> tensor<?xi64>
  return %10 : tensor<?xi64>
}

// -----

// Lanes of few rows stay in cache unfused: 16 rows of lanes are 4 KiB.

#in3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#lane3 = affine_map<(d0, d1, d2) -> (d0, d2)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row2 = affine_map<(d0, d1) -> (d0)>

// CHECK-LABEL: func.func @small_lanes
// CHECK-NOT:     scf.for
// CHECK:         return
func.func @small_lanes(%x: tensor<16x1024xf32>) -> tensor<16xf32> {
  %inf = arith.constant 0x7F800000 : f32
  %0 = tensor.empty() : tensor<16x64xf32>
  %1 = linalg.fill ins(%inf : f32) outs(%0 : tensor<16x64xf32>) -> tensor<16x64xf32>
  %xe = tensor.expand_shape %x [[0], [1, 2]] output_shape [16, 16, 64] : tensor<16x1024xf32> into tensor<16x16x64xf32>
  %4 = linalg.generic {indexing_maps = [#in3, #lane3], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%xe : tensor<16x16x64xf32>) outs(%1 : tensor<16x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %16 = arith.minimumf %in, %out : f32
    linalg.yield %16 : f32
  } -> tensor<16x64xf32>
  %5 = tensor.empty() : tensor<16xf32>
  %6 = linalg.fill ins(%inf : f32) outs(%5 : tensor<16xf32>) -> tensor<16xf32>
  %7 = linalg.generic {indexing_maps = [#id2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%4 : tensor<16x64xf32>) outs(%6 : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %11 = arith.minimumf %in, %out : f32
    linalg.yield %11 : f32
  } -> tensor<16xf32>
  return %7 : tensor<16xf32>
}
