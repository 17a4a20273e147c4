// A small well-formed ag program used by truncation-and-corruption.py (not a test).
func.func @sample(%x: tensor<4x5xf32>, %w: tensor<5x6xf32>, %b: tensor<6xf32>, %i: tensor<i64>) -> (tensor<4xi64>, tensor<6xf32>) {
  %true = ag.constant dense<true> : tensor<i1>
  %c = ag.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %0 = ag.matmul %x, %w : tensor<4x5xf32>, tensor<5x6xf32> -> tensor<4x6xf32>
  %1 = ag.add %0, %b : tensor<4x6xf32>, tensor<6xf32> -> tensor<4x6xf32>
  %2 = ag.tanh %1 : tensor<4x6xf32> -> tensor<4x6xf32>
  %3 = ag.argmax %2 {axis = 1 : i64, keepdims = false} : tensor<4x6xf32> -> tensor<4xi64>
  %4 = ag.sum %2 {axes = array<i64: 0>} : tensor<4x6xf32> -> tensor<6xf32>
  %5 = ag.slice %4 {starts = array<i64: 5>, steps = array<i64: -1>} : tensor<6xf32> -> tensor<6xf32>
  %6 = ag.dynamic_index %2[%i] : tensor<4x6xf32>, tensor<i64> -> tensor<6xf32>
  %7 = ag.select %true, %5, %6 : tensor<i1>, tensor<6xf32>, tensor<6xf32> -> tensor<6xf32>
  %8 = ag.concatenate %7, %c {axis = 0 : i64} : tensor<6xf32>, tensor<6xf32> -> tensor<12xf32>
  %9 = ag.reshape %8 : tensor<12xf32> -> tensor<2x6xf32>
  %10 = ag.max %9 {axes = array<i64: 0>} : tensor<2x6xf32> -> tensor<6xf32>
  return %3, %10 : tensor<4xi64>, tensor<6xf32>
}
