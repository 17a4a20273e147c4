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
