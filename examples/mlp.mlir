// A two-layer MLP with a softmax head, written directly in the ag dialect: what
// `ag.stage` records for
//     h = np.maximum(x @ w1 + b1, 0); z = h @ w2; e = np.exp(z - z.max(1, keepdims=True))
//     return e / e.sum(1, keepdims=True)
// Run: build/bin/ag-run examples/mlp.mlir --entry=mlp --print-stages
func.func @mlp(%x: tensor<4x8xf32>, %w1: tensor<8x16xf32>, %b1: tensor<16xf32>,
               %w2: tensor<16x3xf32>) -> tensor<4x3xf32> {
  %xw = ag.matmul %x, %w1 : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %pre = ag.add %xw, %b1 : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
  %zero = ag.constant dense<0.0> : tensor<f32>
  %h = ag.maximum %pre, %zero : tensor<4x16xf32>, tensor<f32> -> tensor<4x16xf32>
  %z = ag.matmul %h, %w2 : tensor<4x16xf32>, tensor<16x3xf32> -> tensor<4x3xf32>
  %m = ag.max %z {axes = array<i64: 1>, keepdims = true} : tensor<4x3xf32> -> tensor<4x1xf32>
  %d = ag.sub %z, %m : tensor<4x3xf32>, tensor<4x1xf32> -> tensor<4x3xf32>
  %e = ag.exp %d : tensor<4x3xf32> -> tensor<4x3xf32>
  %s = ag.sum %e {axes = array<i64: 1>, keepdims = true} : tensor<4x3xf32> -> tensor<4x1xf32>
  %p = ag.div %e, %s : tensor<4x3xf32>, tensor<4x1xf32> -> tensor<4x3xf32>
  return %p : tensor<4x3xf32>
}
