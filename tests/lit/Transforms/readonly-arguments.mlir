// RUN: ag-opt %s --ag-readonly-arguments | FileCheck %s
// RUN: ag-opt %s --ag-bufferize | FileCheck %s --check-prefix=BUF

// Public functions' arguments are the caller's arrays: marked not writable, so that a
// write into one (x[0] = 2) bufferizes to a copy first. Private functions (staged
// recursion, called by compiled code only) keep in-place writes.

// CHECK-LABEL: func.func @writes_argument
// CHECK-SAME:    (%arg0: tensor<4xf32> {bufferization.writable = false}, %arg1: tensor<1xf32> {bufferization.writable = false})
// BUF-LABEL:   func.func @writes_argument
// BUF:           %[[COPY:.*]] = memref.alloc()
// BUF:           memref.copy %arg0, %[[COPY]]
// BUF:           memref.subview %[[COPY]][0] [1] [1]
// BUF-NOT:       memref.subview %arg0
// BUF:           return %[[COPY]]
func.func @writes_argument(%x: tensor<4xf32>, %v: tensor<1xf32>) -> tensor<4xf32> {
  %r = tensor.insert_slice %v into %x[0] [1] [1] : tensor<1xf32> into tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func private @helper
// CHECK-SAME:    (%arg0: tensor<4xf32>)
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
