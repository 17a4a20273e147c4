// Round trip of every ag op: parse, print, parse the printed form again (and the generic
// form), and check that op, operands, attributes and the inferred result types survive.
// Covers each op on every element type it accepts, 0-d tensors, numpy broadcasting,
// dynamic (`?`) dims where the verifier accepts them, keepdims and negative slice steps.
//
// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s -mlir-print-op-generic | ag-opt | FileCheck %s

// CHECK-LABEL: func.func @constant(
// CHECK:         %[[A:.*]] = ag.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         %[[B:.*]] = ag.constant dense<-2.500000e+00> : tensor<2x3xf64>
// CHECK:         %[[C:.*]] = ag.constant dense<{{\[\[}}1, 2], [3, 4]]> : tensor<2x2xi32>
// CHECK:         %[[D:.*]] = ag.constant dense<7> : tensor<i64>
// CHECK:         %[[E:.*]] = ag.constant dense<[true, false, true]> : tensor<3xi1>
// CHECK:         %[[F:.*]] = ag.constant dense<> : tensor<0x4xf32>
// CHECK:         return %[[A]] : tensor<2xf32>
func.func @constant() -> tensor<2xf32> {
  %a = ag.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = ag.constant dense<-2.5> : tensor<2x3xf64>
  %c = ag.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %d = ag.constant dense<7> : tensor<i64>
  %e = ag.constant dense<[true, false, true]> : tensor<3xi1>
  %f = ag.constant dense<> : tensor<0x4xf32>
  return %a : tensor<2xf32>
}

// CHECK-LABEL: func.func @add(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.add %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.add %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.add %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.add %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         %[[I1:.*]] = ag.add %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @add(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.add %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.add %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.add %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.add %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  %i1 = ag.add %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @sub(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>)
// CHECK:         %[[F32:.*]] = ag.sub %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.sub %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.sub %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.sub %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         return
func.func @sub(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>) {
  %f32 = ag.sub %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.sub %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.sub %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.sub %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  return
}

// CHECK-LABEL: func.func @mul(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.mul %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.mul %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.mul %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.mul %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         %[[I1:.*]] = ag.mul %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @mul(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.mul %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.mul %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.mul %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.mul %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  %i1 = ag.mul %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @div(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>)
// CHECK:         %[[F32:.*]] = ag.div %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.div %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         return
func.func @div(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>) {
  %f32 = ag.div %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.div %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  return
}

// CHECK-LABEL: func.func @floor_div(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>)
// CHECK:         %[[F32:.*]] = ag.floor_div %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.floor_div %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.floor_div %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.floor_div %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         return
func.func @floor_div(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>) {
  %f32 = ag.floor_div %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.floor_div %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.floor_div %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.floor_div %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  return
}

// CHECK-LABEL: func.func @mod(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>)
// CHECK:         %[[F32:.*]] = ag.mod %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.mod %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.mod %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.mod %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         return
func.func @mod(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>) {
  %f32 = ag.mod %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.mod %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.mod %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.mod %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  return
}

// CHECK-LABEL: func.func @pow(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>)
// CHECK:         %[[F32:.*]] = ag.pow %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.pow %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.pow %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.pow %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         return
func.func @pow(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>) {
  %f32 = ag.pow %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.pow %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.pow %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.pow %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  return
}

// CHECK-LABEL: func.func @maximum(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.maximum %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.maximum %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.maximum %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.maximum %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         %[[I1:.*]] = ag.maximum %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @maximum(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.maximum %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.maximum %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.maximum %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.maximum %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  %i1 = ag.maximum %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @minimum(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.minimum %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK:         %[[F64:.*]] = ag.minimum %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
// CHECK:         %[[I32:.*]] = ag.minimum %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
// CHECK:         %[[I64:.*]] = ag.minimum %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
// CHECK:         %[[I1:.*]] = ag.minimum %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @minimum(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.minimum %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %f64 = ag.minimum %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xf64>
  %i32 = ag.minimum %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi32>
  %i64 = ag.minimum %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi64>
  %i1 = ag.minimum %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @eq(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.eq %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
// CHECK:         %[[F64:.*]] = ag.eq %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
// CHECK:         %[[I32:.*]] = ag.eq %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
// CHECK:         %[[I64:.*]] = ag.eq %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
// CHECK:         %[[I1:.*]] = ag.eq %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @eq(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.eq %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
  %f64 = ag.eq %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
  %i32 = ag.eq %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
  %i64 = ag.eq %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
  %i1 = ag.eq %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @ne(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.ne %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
// CHECK:         %[[F64:.*]] = ag.ne %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
// CHECK:         %[[I32:.*]] = ag.ne %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
// CHECK:         %[[I64:.*]] = ag.ne %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
// CHECK:         %[[I1:.*]] = ag.ne %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @ne(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.ne %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
  %f64 = ag.ne %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
  %i32 = ag.ne %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
  %i64 = ag.ne %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
  %i1 = ag.ne %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @lt(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.lt %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
// CHECK:         %[[F64:.*]] = ag.lt %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
// CHECK:         %[[I32:.*]] = ag.lt %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
// CHECK:         %[[I64:.*]] = ag.lt %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
// CHECK:         %[[I1:.*]] = ag.lt %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @lt(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.lt %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
  %f64 = ag.lt %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
  %i32 = ag.lt %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
  %i64 = ag.lt %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
  %i1 = ag.lt %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @le(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.le %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
// CHECK:         %[[F64:.*]] = ag.le %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
// CHECK:         %[[I32:.*]] = ag.le %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
// CHECK:         %[[I64:.*]] = ag.le %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
// CHECK:         %[[I1:.*]] = ag.le %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @le(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.le %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
  %f64 = ag.le %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
  %i32 = ag.le %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
  %i64 = ag.le %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
  %i1 = ag.le %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @gt(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.gt %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
// CHECK:         %[[F64:.*]] = ag.gt %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
// CHECK:         %[[I32:.*]] = ag.gt %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
// CHECK:         %[[I64:.*]] = ag.gt %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
// CHECK:         %[[I1:.*]] = ag.gt %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @gt(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.gt %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
  %f64 = ag.gt %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
  %i32 = ag.gt %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
  %i64 = ag.gt %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
  %i1 = ag.gt %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @ge(
// CHECK-SAME:    %[[LF32:.*]]: tensor<4x3xf32>, %[[RF32:.*]]: tensor<3xf32>, %[[LF64:.*]]: tensor<2x1x5xf64>, %[[RF64:.*]]: tensor<3x1xf64>, %[[LI32:.*]]: tensor<i32>, %[[RI32:.*]]: tensor<4xi32>, %[[LI64:.*]]: tensor<?x3xi64>, %[[RI64:.*]]: tensor<1x3xi64>, %[[LI1:.*]]: tensor<0x2xi1>, %[[RI1:.*]]: tensor<2xi1>)
// CHECK:         %[[F32:.*]] = ag.ge %[[LF32]], %[[RF32]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
// CHECK:         %[[F64:.*]] = ag.ge %[[LF64]], %[[RF64]] : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
// CHECK:         %[[I32:.*]] = ag.ge %[[LI32]], %[[RI32]] : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
// CHECK:         %[[I64:.*]] = ag.ge %[[LI64]], %[[RI64]] : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
// CHECK:         %[[I1:.*]] = ag.ge %[[LI1]], %[[RI1]] : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
// CHECK:         return
func.func @ge(%lf32: tensor<4x3xf32>, %rf32: tensor<3xf32>, %lf64: tensor<2x1x5xf64>, %rf64: tensor<3x1xf64>, %li32: tensor<i32>, %ri32: tensor<4xi32>, %li64: tensor<?x3xi64>, %ri64: tensor<1x3xi64>, %li1: tensor<0x2xi1>, %ri1: tensor<2xi1>) {
  %f32 = ag.ge %lf32, %rf32 : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xi1>
  %f64 = ag.ge %lf64, %rf64 : tensor<2x1x5xf64>, tensor<3x1xf64> -> tensor<2x3x5xi1>
  %i32 = ag.ge %li32, %ri32 : tensor<i32>, tensor<4xi32> -> tensor<4xi1>
  %i64 = ag.ge %li64, %ri64 : tensor<?x3xi64>, tensor<1x3xi64> -> tensor<?x3xi1>
  %i1 = ag.ge %li1, %ri1 : tensor<0x2xi1>, tensor<2xi1> -> tensor<0x2xi1>
  return
}

// CHECK-LABEL: func.func @logical_and(
// CHECK-SAME:    %[[LI1:.*]]: tensor<4x3xi1>, %[[RI1:.*]]: tensor<3xi1>)
// CHECK:         %[[I1:.*]] = ag.logical_and %[[LI1]], %[[RI1]] : tensor<4x3xi1>, tensor<3xi1> -> tensor<4x3xi1>
// CHECK:         return
func.func @logical_and(%li1: tensor<4x3xi1>, %ri1: tensor<3xi1>) {
  %i1 = ag.logical_and %li1, %ri1 : tensor<4x3xi1>, tensor<3xi1> -> tensor<4x3xi1>
  return
}

// CHECK-LABEL: func.func @logical_or(
// CHECK-SAME:    %[[LI1:.*]]: tensor<4x3xi1>, %[[RI1:.*]]: tensor<3xi1>)
// CHECK:         %[[I1:.*]] = ag.logical_or %[[LI1]], %[[RI1]] : tensor<4x3xi1>, tensor<3xi1> -> tensor<4x3xi1>
// CHECK:         return
func.func @logical_or(%li1: tensor<4x3xi1>, %ri1: tensor<3xi1>) {
  %i1 = ag.logical_or %li1, %ri1 : tensor<4x3xi1>, tensor<3xi1> -> tensor<4x3xi1>
  return
}

// CHECK-LABEL: func.func @logical_xor(
// CHECK-SAME:    %[[LI1:.*]]: tensor<4x3xi1>, %[[RI1:.*]]: tensor<3xi1>)
// CHECK:         %[[I1:.*]] = ag.logical_xor %[[LI1]], %[[RI1]] : tensor<4x3xi1>, tensor<3xi1> -> tensor<4x3xi1>
// CHECK:         return
func.func @logical_xor(%li1: tensor<4x3xi1>, %ri1: tensor<3xi1>) {
  %i1 = ag.logical_xor %li1, %ri1 : tensor<4x3xi1>, tensor<3xi1> -> tensor<4x3xi1>
  return
}

// CHECK-LABEL: func.func @bitwise_and(
// CHECK-SAME:    %[[LI32:.*]]: tensor<4x3xi32>, %[[RI32:.*]]: tensor<3xi32>, %[[LI64:.*]]: tensor<2x1x5xi64>, %[[RI64:.*]]: tensor<3x1xi64>, %[[LI1:.*]]: tensor<i1>, %[[RI1:.*]]: tensor<4xi1>)
// CHECK:         %[[I32:.*]] = ag.bitwise_and %[[LI32]], %[[RI32]] : tensor<4x3xi32>, tensor<3xi32> -> tensor<4x3xi32>
// CHECK:         %[[I64:.*]] = ag.bitwise_and %[[LI64]], %[[RI64]] : tensor<2x1x5xi64>, tensor<3x1xi64> -> tensor<2x3x5xi64>
// CHECK:         %[[I1:.*]] = ag.bitwise_and %[[LI1]], %[[RI1]] : tensor<i1>, tensor<4xi1> -> tensor<4xi1>
// CHECK:         return
func.func @bitwise_and(%li32: tensor<4x3xi32>, %ri32: tensor<3xi32>, %li64: tensor<2x1x5xi64>, %ri64: tensor<3x1xi64>, %li1: tensor<i1>, %ri1: tensor<4xi1>) {
  %i32 = ag.bitwise_and %li32, %ri32 : tensor<4x3xi32>, tensor<3xi32> -> tensor<4x3xi32>
  %i64 = ag.bitwise_and %li64, %ri64 : tensor<2x1x5xi64>, tensor<3x1xi64> -> tensor<2x3x5xi64>
  %i1 = ag.bitwise_and %li1, %ri1 : tensor<i1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// CHECK-LABEL: func.func @bitwise_or(
// CHECK-SAME:    %[[LI32:.*]]: tensor<4x3xi32>, %[[RI32:.*]]: tensor<3xi32>, %[[LI64:.*]]: tensor<2x1x5xi64>, %[[RI64:.*]]: tensor<3x1xi64>, %[[LI1:.*]]: tensor<i1>, %[[RI1:.*]]: tensor<4xi1>)
// CHECK:         %[[I32:.*]] = ag.bitwise_or %[[LI32]], %[[RI32]] : tensor<4x3xi32>, tensor<3xi32> -> tensor<4x3xi32>
// CHECK:         %[[I64:.*]] = ag.bitwise_or %[[LI64]], %[[RI64]] : tensor<2x1x5xi64>, tensor<3x1xi64> -> tensor<2x3x5xi64>
// CHECK:         %[[I1:.*]] = ag.bitwise_or %[[LI1]], %[[RI1]] : tensor<i1>, tensor<4xi1> -> tensor<4xi1>
// CHECK:         return
func.func @bitwise_or(%li32: tensor<4x3xi32>, %ri32: tensor<3xi32>, %li64: tensor<2x1x5xi64>, %ri64: tensor<3x1xi64>, %li1: tensor<i1>, %ri1: tensor<4xi1>) {
  %i32 = ag.bitwise_or %li32, %ri32 : tensor<4x3xi32>, tensor<3xi32> -> tensor<4x3xi32>
  %i64 = ag.bitwise_or %li64, %ri64 : tensor<2x1x5xi64>, tensor<3x1xi64> -> tensor<2x3x5xi64>
  %i1 = ag.bitwise_or %li1, %ri1 : tensor<i1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// CHECK-LABEL: func.func @bitwise_xor(
// CHECK-SAME:    %[[LI32:.*]]: tensor<4x3xi32>, %[[RI32:.*]]: tensor<3xi32>, %[[LI64:.*]]: tensor<2x1x5xi64>, %[[RI64:.*]]: tensor<3x1xi64>, %[[LI1:.*]]: tensor<i1>, %[[RI1:.*]]: tensor<4xi1>)
// CHECK:         %[[I32:.*]] = ag.bitwise_xor %[[LI32]], %[[RI32]] : tensor<4x3xi32>, tensor<3xi32> -> tensor<4x3xi32>
// CHECK:         %[[I64:.*]] = ag.bitwise_xor %[[LI64]], %[[RI64]] : tensor<2x1x5xi64>, tensor<3x1xi64> -> tensor<2x3x5xi64>
// CHECK:         %[[I1:.*]] = ag.bitwise_xor %[[LI1]], %[[RI1]] : tensor<i1>, tensor<4xi1> -> tensor<4xi1>
// CHECK:         return
func.func @bitwise_xor(%li32: tensor<4x3xi32>, %ri32: tensor<3xi32>, %li64: tensor<2x1x5xi64>, %ri64: tensor<3x1xi64>, %li1: tensor<i1>, %ri1: tensor<4xi1>) {
  %i32 = ag.bitwise_xor %li32, %ri32 : tensor<4x3xi32>, tensor<3xi32> -> tensor<4x3xi32>
  %i64 = ag.bitwise_xor %li64, %ri64 : tensor<2x1x5xi64>, tensor<3x1xi64> -> tensor<2x3x5xi64>
  %i1 = ag.bitwise_xor %li1, %ri1 : tensor<i1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// CHECK-LABEL: func.func @neg(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>, %[[XI32:.*]]: tensor<?x3xi32>, %[[XI64:.*]]: tensor<0xi64>)
// CHECK:         %[[F32:.*]] = ag.neg %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.neg %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.neg %[[XI32]] : tensor<?x3xi32> -> tensor<?x3xi32>
// CHECK:         %[[I64:.*]] = ag.neg %[[XI64]] : tensor<0xi64> -> tensor<0xi64>
// CHECK:         return
func.func @neg(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>, %xi32: tensor<?x3xi32>, %xi64: tensor<0xi64>) {
  %f32 = ag.neg %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.neg %xf64 : tensor<f64> -> tensor<f64>
  %i32 = ag.neg %xi32 : tensor<?x3xi32> -> tensor<?x3xi32>
  %i64 = ag.neg %xi64 : tensor<0xi64> -> tensor<0xi64>
  return
}

// CHECK-LABEL: func.func @abs(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>, %[[XI32:.*]]: tensor<?x3xi32>, %[[XI64:.*]]: tensor<0xi64>, %[[XI1:.*]]: tensor<2x?x1xi1>)
// CHECK:         %[[F32:.*]] = ag.abs %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.abs %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.abs %[[XI32]] : tensor<?x3xi32> -> tensor<?x3xi32>
// CHECK:         %[[I64:.*]] = ag.abs %[[XI64]] : tensor<0xi64> -> tensor<0xi64>
// CHECK:         %[[I1:.*]] = ag.abs %[[XI1]] : tensor<2x?x1xi1> -> tensor<2x?x1xi1>
// CHECK:         return
func.func @abs(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>, %xi32: tensor<?x3xi32>, %xi64: tensor<0xi64>, %xi1: tensor<2x?x1xi1>) {
  %f32 = ag.abs %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.abs %xf64 : tensor<f64> -> tensor<f64>
  %i32 = ag.abs %xi32 : tensor<?x3xi32> -> tensor<?x3xi32>
  %i64 = ag.abs %xi64 : tensor<0xi64> -> tensor<0xi64>
  %i1 = ag.abs %xi1 : tensor<2x?x1xi1> -> tensor<2x?x1xi1>
  return
}

// CHECK-LABEL: func.func @sign(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>, %[[XI32:.*]]: tensor<?x3xi32>, %[[XI64:.*]]: tensor<0xi64>)
// CHECK:         %[[F32:.*]] = ag.sign %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.sign %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.sign %[[XI32]] : tensor<?x3xi32> -> tensor<?x3xi32>
// CHECK:         %[[I64:.*]] = ag.sign %[[XI64]] : tensor<0xi64> -> tensor<0xi64>
// CHECK:         return
func.func @sign(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>, %xi32: tensor<?x3xi32>, %xi64: tensor<0xi64>) {
  %f32 = ag.sign %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.sign %xf64 : tensor<f64> -> tensor<f64>
  %i32 = ag.sign %xi32 : tensor<?x3xi32> -> tensor<?x3xi32>
  %i64 = ag.sign %xi64 : tensor<0xi64> -> tensor<0xi64>
  return
}

// CHECK-LABEL: func.func @logical_not(
// CHECK-SAME:    %[[XI1:.*]]: tensor<4x8xi1>)
// CHECK:         %[[I1:.*]] = ag.logical_not %[[XI1]] : tensor<4x8xi1> -> tensor<4x8xi1>
// CHECK:         return
func.func @logical_not(%xi1: tensor<4x8xi1>) {
  %i1 = ag.logical_not %xi1 : tensor<4x8xi1> -> tensor<4x8xi1>
  return
}

// CHECK-LABEL: func.func @bitwise_not(
// CHECK-SAME:    %[[XI32:.*]]: tensor<4x8xi32>, %[[XI64:.*]]: tensor<i64>, %[[XI1:.*]]: tensor<?x3xi1>)
// CHECK:         %[[I32:.*]] = ag.bitwise_not %[[XI32]] : tensor<4x8xi32> -> tensor<4x8xi32>
// CHECK:         %[[I64:.*]] = ag.bitwise_not %[[XI64]] : tensor<i64> -> tensor<i64>
// CHECK:         %[[I1:.*]] = ag.bitwise_not %[[XI1]] : tensor<?x3xi1> -> tensor<?x3xi1>
// CHECK:         return
func.func @bitwise_not(%xi32: tensor<4x8xi32>, %xi64: tensor<i64>, %xi1: tensor<?x3xi1>) {
  %i32 = ag.bitwise_not %xi32 : tensor<4x8xi32> -> tensor<4x8xi32>
  %i64 = ag.bitwise_not %xi64 : tensor<i64> -> tensor<i64>
  %i1 = ag.bitwise_not %xi1 : tensor<?x3xi1> -> tensor<?x3xi1>
  return
}

// CHECK-LABEL: func.func @isnan(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.isnan %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK:         %[[F64:.*]] = ag.isnan %[[XF64]] : tensor<f64> -> tensor<i1>
// CHECK:         return
func.func @isnan(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.isnan %xf32 : tensor<4x8xf32> -> tensor<4x8xi1>
  %f64 = ag.isnan %xf64 : tensor<f64> -> tensor<i1>
  return
}

// CHECK-LABEL: func.func @isinf(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.isinf %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK:         %[[F64:.*]] = ag.isinf %[[XF64]] : tensor<f64> -> tensor<i1>
// CHECK:         return
func.func @isinf(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.isinf %xf32 : tensor<4x8xf32> -> tensor<4x8xi1>
  %f64 = ag.isinf %xf64 : tensor<f64> -> tensor<i1>
  return
}

// CHECK-LABEL: func.func @isfinite(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.isfinite %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xi1>
// CHECK:         %[[F64:.*]] = ag.isfinite %[[XF64]] : tensor<f64> -> tensor<i1>
// CHECK:         return
func.func @isfinite(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.isfinite %xf32 : tensor<4x8xf32> -> tensor<4x8xi1>
  %f64 = ag.isfinite %xf64 : tensor<f64> -> tensor<i1>
  return
}

// CHECK-LABEL: func.func @exp(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.exp %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.exp %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @exp(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.exp %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.exp %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @exp2(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.exp2 %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.exp2 %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @exp2(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.exp2 %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.exp2 %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @expm1(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.expm1 %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.expm1 %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @expm1(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.expm1 %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.expm1 %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @log(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.log %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.log %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @log(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.log %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.log %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @log2(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.log2 %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.log2 %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @log2(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.log2 %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.log2 %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @log10(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.log10 %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.log10 %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @log10(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.log10 %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.log10 %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @log1p(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.log1p %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.log1p %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @log1p(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.log1p %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.log1p %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @sqrt(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.sqrt %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.sqrt %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @sqrt(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.sqrt %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.sqrt %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @sin(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.sin %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.sin %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @sin(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.sin %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.sin %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @cos(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.cos %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.cos %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @cos(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.cos %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.cos %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @tan(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.tan %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.tan %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @tan(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.tan %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.tan %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @arctan(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.arctan %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.arctan %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @arctan(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.arctan %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.arctan %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @sinh(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.sinh %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.sinh %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @sinh(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.sinh %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.sinh %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @cosh(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.cosh %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.cosh %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @cosh(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.cosh %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.cosh %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @tanh(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.tanh %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.tanh %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @tanh(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.tanh %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.tanh %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @erf(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.erf %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.erf %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @erf(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.erf %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.erf %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @floor(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.floor %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.floor %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @floor(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.floor %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.floor %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @ceil(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.ceil %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.ceil %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @ceil(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.ceil %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.ceil %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @trunc(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.trunc %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.trunc %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @trunc(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.trunc %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.trunc %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @round(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x8xf32>, %[[XF64:.*]]: tensor<f64>)
// CHECK:         %[[F32:.*]] = ag.round %[[XF32]] : tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK:         %[[F64:.*]] = ag.round %[[XF64]] : tensor<f64> -> tensor<f64>
// CHECK:         return
func.func @round(%xf32: tensor<4x8xf32>, %xf64: tensor<f64>) {
  %f32 = ag.round %xf32 : tensor<4x8xf32> -> tensor<4x8xf32>
  %f64 = ag.round %xf64 : tensor<f64> -> tensor<f64>
  return
}

// CHECK-LABEL: func.func @select(
// CHECK-SAME:    %[[CF32:.*]]: tensor<3x1xi1>, %[[AF32:.*]]: tensor<4xf32>, %[[BF32:.*]]: tensor<f32>, %[[CF64:.*]]: tensor<3x1xi1>, %[[AF64:.*]]: tensor<4xf64>, %[[BF64:.*]]: tensor<f64>, %[[CI32:.*]]: tensor<3x1xi1>, %[[AI32:.*]]: tensor<4xi32>, %[[BI32:.*]]: tensor<i32>, %[[CI64:.*]]: tensor<3x1xi1>, %[[AI64:.*]]: tensor<4xi64>, %[[BI64:.*]]: tensor<i64>, %[[CI1:.*]]: tensor<3x1xi1>, %[[AI1:.*]]: tensor<4xi1>, %[[BI1:.*]]: tensor<i1>, %[[CD:.*]]: tensor<?xi1>, %[[AD:.*]]: tensor<1xf32>, %[[BD:.*]]: tensor<?xf32>)
// CHECK:         %[[F32:.*]] = ag.select %[[CF32]], %[[AF32]], %[[BF32]] : tensor<3x1xi1>, tensor<4xf32>, tensor<f32> -> tensor<3x4xf32>
// CHECK:         %[[F64:.*]] = ag.select %[[CF64]], %[[AF64]], %[[BF64]] : tensor<3x1xi1>, tensor<4xf64>, tensor<f64> -> tensor<3x4xf64>
// CHECK:         %[[I32:.*]] = ag.select %[[CI32]], %[[AI32]], %[[BI32]] : tensor<3x1xi1>, tensor<4xi32>, tensor<i32> -> tensor<3x4xi32>
// CHECK:         %[[I64:.*]] = ag.select %[[CI64]], %[[AI64]], %[[BI64]] : tensor<3x1xi1>, tensor<4xi64>, tensor<i64> -> tensor<3x4xi64>
// CHECK:         %[[I1:.*]] = ag.select %[[CI1]], %[[AI1]], %[[BI1]] : tensor<3x1xi1>, tensor<4xi1>, tensor<i1> -> tensor<3x4xi1>
// CHECK:         %[[DYN:.*]] = ag.select %[[CD]], %[[AD]], %[[BD]] : tensor<?xi1>, tensor<1xf32>, tensor<?xf32> -> tensor<?xf32>
// CHECK:         return
func.func @select(%cf32: tensor<3x1xi1>, %af32: tensor<4xf32>, %bf32: tensor<f32>, %cf64: tensor<3x1xi1>, %af64: tensor<4xf64>, %bf64: tensor<f64>, %ci32: tensor<3x1xi1>, %ai32: tensor<4xi32>, %bi32: tensor<i32>, %ci64: tensor<3x1xi1>, %ai64: tensor<4xi64>, %bi64: tensor<i64>, %ci1: tensor<3x1xi1>, %ai1: tensor<4xi1>, %bi1: tensor<i1>, %cd: tensor<?xi1>, %ad: tensor<1xf32>, %bd: tensor<?xf32>) {
  %f32 = ag.select %cf32, %af32, %bf32 : tensor<3x1xi1>, tensor<4xf32>, tensor<f32> -> tensor<3x4xf32>
  %f64 = ag.select %cf64, %af64, %bf64 : tensor<3x1xi1>, tensor<4xf64>, tensor<f64> -> tensor<3x4xf64>
  %i32 = ag.select %ci32, %ai32, %bi32 : tensor<3x1xi1>, tensor<4xi32>, tensor<i32> -> tensor<3x4xi32>
  %i64 = ag.select %ci64, %ai64, %bi64 : tensor<3x1xi1>, tensor<4xi64>, tensor<i64> -> tensor<3x4xi64>
  %i1 = ag.select %ci1, %ai1, %bi1 : tensor<3x1xi1>, tensor<4xi1>, tensor<i1> -> tensor<3x4xi1>
  %dyn = ag.select %cd, %ad, %bd : tensor<?xi1>, tensor<1xf32>, tensor<?xf32> -> tensor<?xf32>
  return
}

// CHECK-LABEL: func.func @cast(
// CHECK-SAME:    %[[XF32:.*]]: tensor<2x?xf32>, %[[XF64:.*]]: tensor<2x?xf64>, %[[XI32:.*]]: tensor<2x?xi32>, %[[XI64:.*]]: tensor<2x?xi64>, %[[XI1:.*]]: tensor<2x?xi1>)
// CHECK:         %[[F32_F64:.*]] = ag.cast %[[XF32]] : tensor<2x?xf32> -> tensor<2x?xf64>
// CHECK:         %[[F32_I32:.*]] = ag.cast %[[XF32]] : tensor<2x?xf32> -> tensor<2x?xi32>
// CHECK:         %[[F32_I64:.*]] = ag.cast %[[XF32]] : tensor<2x?xf32> -> tensor<2x?xi64>
// CHECK:         %[[F32_I1:.*]] = ag.cast %[[XF32]] : tensor<2x?xf32> -> tensor<2x?xi1>
// CHECK:         %[[F64_F32:.*]] = ag.cast %[[XF64]] : tensor<2x?xf64> -> tensor<2x?xf32>
// CHECK:         %[[F64_I32:.*]] = ag.cast %[[XF64]] : tensor<2x?xf64> -> tensor<2x?xi32>
// CHECK:         %[[F64_I64:.*]] = ag.cast %[[XF64]] : tensor<2x?xf64> -> tensor<2x?xi64>
// CHECK:         %[[F64_I1:.*]] = ag.cast %[[XF64]] : tensor<2x?xf64> -> tensor<2x?xi1>
// CHECK:         %[[I32_F32:.*]] = ag.cast %[[XI32]] : tensor<2x?xi32> -> tensor<2x?xf32>
// CHECK:         %[[I32_F64:.*]] = ag.cast %[[XI32]] : tensor<2x?xi32> -> tensor<2x?xf64>
// CHECK:         %[[I32_I64:.*]] = ag.cast %[[XI32]] : tensor<2x?xi32> -> tensor<2x?xi64>
// CHECK:         %[[I32_I1:.*]] = ag.cast %[[XI32]] : tensor<2x?xi32> -> tensor<2x?xi1>
// CHECK:         %[[I64_F32:.*]] = ag.cast %[[XI64]] : tensor<2x?xi64> -> tensor<2x?xf32>
// CHECK:         %[[I64_F64:.*]] = ag.cast %[[XI64]] : tensor<2x?xi64> -> tensor<2x?xf64>
// CHECK:         %[[I64_I32:.*]] = ag.cast %[[XI64]] : tensor<2x?xi64> -> tensor<2x?xi32>
// CHECK:         %[[I64_I1:.*]] = ag.cast %[[XI64]] : tensor<2x?xi64> -> tensor<2x?xi1>
// CHECK:         %[[I1_F32:.*]] = ag.cast %[[XI1]] : tensor<2x?xi1> -> tensor<2x?xf32>
// CHECK:         %[[I1_F64:.*]] = ag.cast %[[XI1]] : tensor<2x?xi1> -> tensor<2x?xf64>
// CHECK:         %[[I1_I32:.*]] = ag.cast %[[XI1]] : tensor<2x?xi1> -> tensor<2x?xi32>
// CHECK:         %[[I1_I64:.*]] = ag.cast %[[XI1]] : tensor<2x?xi1> -> tensor<2x?xi64>
// CHECK:         %[[SAME:.*]] = ag.cast %[[XF32]] : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK:         return
func.func @cast(%xf32: tensor<2x?xf32>, %xf64: tensor<2x?xf64>, %xi32: tensor<2x?xi32>, %xi64: tensor<2x?xi64>, %xi1: tensor<2x?xi1>) {
  %f32_f64 = ag.cast %xf32 : tensor<2x?xf32> -> tensor<2x?xf64>
  %f32_i32 = ag.cast %xf32 : tensor<2x?xf32> -> tensor<2x?xi32>
  %f32_i64 = ag.cast %xf32 : tensor<2x?xf32> -> tensor<2x?xi64>
  %f32_i1 = ag.cast %xf32 : tensor<2x?xf32> -> tensor<2x?xi1>
  %f64_f32 = ag.cast %xf64 : tensor<2x?xf64> -> tensor<2x?xf32>
  %f64_i32 = ag.cast %xf64 : tensor<2x?xf64> -> tensor<2x?xi32>
  %f64_i64 = ag.cast %xf64 : tensor<2x?xf64> -> tensor<2x?xi64>
  %f64_i1 = ag.cast %xf64 : tensor<2x?xf64> -> tensor<2x?xi1>
  %i32_f32 = ag.cast %xi32 : tensor<2x?xi32> -> tensor<2x?xf32>
  %i32_f64 = ag.cast %xi32 : tensor<2x?xi32> -> tensor<2x?xf64>
  %i32_i64 = ag.cast %xi32 : tensor<2x?xi32> -> tensor<2x?xi64>
  %i32_i1 = ag.cast %xi32 : tensor<2x?xi32> -> tensor<2x?xi1>
  %i64_f32 = ag.cast %xi64 : tensor<2x?xi64> -> tensor<2x?xf32>
  %i64_f64 = ag.cast %xi64 : tensor<2x?xi64> -> tensor<2x?xf64>
  %i64_i32 = ag.cast %xi64 : tensor<2x?xi64> -> tensor<2x?xi32>
  %i64_i1 = ag.cast %xi64 : tensor<2x?xi64> -> tensor<2x?xi1>
  %i1_f32 = ag.cast %xi1 : tensor<2x?xi1> -> tensor<2x?xf32>
  %i1_f64 = ag.cast %xi1 : tensor<2x?xi1> -> tensor<2x?xf64>
  %i1_i32 = ag.cast %xi1 : tensor<2x?xi1> -> tensor<2x?xi32>
  %i1_i64 = ag.cast %xi1 : tensor<2x?xi1> -> tensor<2x?xi64>
  %same = ag.cast %xf32 : tensor<2x?xf32> -> tensor<2x?xf32>
  return
}

// CHECK-LABEL: func.func @sum(
// CHECK-SAME:    %[[XF32:.*]]: tensor<2x3x4xf32>, %[[XF64:.*]]: tensor<2x3x4xf64>, %[[XI32:.*]]: tensor<2x3x4xi32>, %[[XI64:.*]]: tensor<2x3x4xi64>, %[[SCALAR:.*]]: tensor<f32>, %[[DYN:.*]]: tensor<?x5xf32>, %[[EMPTY:.*]]: tensor<0x5xf32>)
// CHECK:         %[[F32:.*]] = ag.sum %[[XF32]] {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// CHECK:         %[[F32_KEEP:.*]] = ag.sum %[[XF32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
// CHECK:         %[[F32_ALL:.*]] = ag.sum %[[XF32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
// CHECK:         %[[F64:.*]] = ag.sum %[[XF64]] {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
// CHECK:         %[[F64_KEEP:.*]] = ag.sum %[[XF64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
// CHECK:         %[[F64_ALL:.*]] = ag.sum %[[XF64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.sum %[[XI32]] {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
// CHECK:         %[[I32_KEEP:.*]] = ag.sum %[[XI32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
// CHECK:         %[[I32_ALL:.*]] = ag.sum %[[XI32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
// CHECK:         %[[I64:.*]] = ag.sum %[[XI64]] {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
// CHECK:         %[[I64_KEEP:.*]] = ag.sum %[[XI64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
// CHECK:         %[[I64_ALL:.*]] = ag.sum %[[XI64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
// CHECK:         %[[NONE:.*]] = ag.sum %[[SCALAR]] {axes = array<i64>} : tensor<f32> -> tensor<f32>
// CHECK:         %[[DYN_R:.*]] = ag.sum %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
// CHECK:         %[[DYN_K:.*]] = ag.sum %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
// CHECK:         %[[EMPTY_R:.*]] = ag.sum %[[EMPTY]] {axes = array<i64: 0>} : tensor<0x5xf32> -> tensor<5xf32>
// CHECK:         return
func.func @sum(%xf32: tensor<2x3x4xf32>, %xf64: tensor<2x3x4xf64>, %xi32: tensor<2x3x4xi32>, %xi64: tensor<2x3x4xi64>, %scalar: tensor<f32>, %dyn: tensor<?x5xf32>, %empty: tensor<0x5xf32>) {
  %f32 = ag.sum %xf32 {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %f32_keep = ag.sum %xf32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  %f32_all = ag.sum %xf32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
  %f64 = ag.sum %xf64 {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
  %f64_keep = ag.sum %xf64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  %f64_all = ag.sum %xf64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
  %i32 = ag.sum %xi32 {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
  %i32_keep = ag.sum %xi32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
  %i32_all = ag.sum %xi32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
  %i64 = ag.sum %xi64 {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
  %i64_keep = ag.sum %xi64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
  %i64_all = ag.sum %xi64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
  %none = ag.sum %scalar {axes = array<i64>} : tensor<f32> -> tensor<f32>
  %dyn_r = ag.sum %dyn {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
  %dyn_k = ag.sum %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
  %empty_r = ag.sum %empty {axes = array<i64: 0>} : tensor<0x5xf32> -> tensor<5xf32>
  return
}

// CHECK-LABEL: func.func @prod(
// CHECK-SAME:    %[[XF32:.*]]: tensor<2x3x4xf32>, %[[XF64:.*]]: tensor<2x3x4xf64>, %[[XI32:.*]]: tensor<2x3x4xi32>, %[[XI64:.*]]: tensor<2x3x4xi64>, %[[SCALAR:.*]]: tensor<f32>, %[[DYN:.*]]: tensor<?x5xf32>, %[[EMPTY:.*]]: tensor<0x5xf32>)
// CHECK:         %[[F32:.*]] = ag.prod %[[XF32]] {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// CHECK:         %[[F32_KEEP:.*]] = ag.prod %[[XF32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
// CHECK:         %[[F32_ALL:.*]] = ag.prod %[[XF32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
// CHECK:         %[[F64:.*]] = ag.prod %[[XF64]] {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
// CHECK:         %[[F64_KEEP:.*]] = ag.prod %[[XF64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
// CHECK:         %[[F64_ALL:.*]] = ag.prod %[[XF64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.prod %[[XI32]] {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
// CHECK:         %[[I32_KEEP:.*]] = ag.prod %[[XI32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
// CHECK:         %[[I32_ALL:.*]] = ag.prod %[[XI32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
// CHECK:         %[[I64:.*]] = ag.prod %[[XI64]] {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
// CHECK:         %[[I64_KEEP:.*]] = ag.prod %[[XI64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
// CHECK:         %[[I64_ALL:.*]] = ag.prod %[[XI64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
// CHECK:         %[[NONE:.*]] = ag.prod %[[SCALAR]] {axes = array<i64>} : tensor<f32> -> tensor<f32>
// CHECK:         %[[DYN_R:.*]] = ag.prod %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
// CHECK:         %[[DYN_K:.*]] = ag.prod %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
// CHECK:         %[[EMPTY_R:.*]] = ag.prod %[[EMPTY]] {axes = array<i64: 0>} : tensor<0x5xf32> -> tensor<5xf32>
// CHECK:         return
func.func @prod(%xf32: tensor<2x3x4xf32>, %xf64: tensor<2x3x4xf64>, %xi32: tensor<2x3x4xi32>, %xi64: tensor<2x3x4xi64>, %scalar: tensor<f32>, %dyn: tensor<?x5xf32>, %empty: tensor<0x5xf32>) {
  %f32 = ag.prod %xf32 {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %f32_keep = ag.prod %xf32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  %f32_all = ag.prod %xf32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
  %f64 = ag.prod %xf64 {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
  %f64_keep = ag.prod %xf64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  %f64_all = ag.prod %xf64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
  %i32 = ag.prod %xi32 {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
  %i32_keep = ag.prod %xi32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
  %i32_all = ag.prod %xi32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
  %i64 = ag.prod %xi64 {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
  %i64_keep = ag.prod %xi64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
  %i64_all = ag.prod %xi64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
  %none = ag.prod %scalar {axes = array<i64>} : tensor<f32> -> tensor<f32>
  %dyn_r = ag.prod %dyn {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
  %dyn_k = ag.prod %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
  %empty_r = ag.prod %empty {axes = array<i64: 0>} : tensor<0x5xf32> -> tensor<5xf32>
  return
}

// CHECK-LABEL: func.func @max(
// CHECK-SAME:    %[[XF32:.*]]: tensor<2x3x4xf32>, %[[XF64:.*]]: tensor<2x3x4xf64>, %[[XI32:.*]]: tensor<2x3x4xi32>, %[[XI64:.*]]: tensor<2x3x4xi64>, %[[XI1:.*]]: tensor<2x3x4xi1>, %[[SCALAR:.*]]: tensor<f32>, %[[DYN:.*]]: tensor<?x5xf32>)
// CHECK:         %[[F32:.*]] = ag.max %[[XF32]] {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// CHECK:         %[[F32_KEEP:.*]] = ag.max %[[XF32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
// CHECK:         %[[F32_ALL:.*]] = ag.max %[[XF32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
// CHECK:         %[[F64:.*]] = ag.max %[[XF64]] {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
// CHECK:         %[[F64_KEEP:.*]] = ag.max %[[XF64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
// CHECK:         %[[F64_ALL:.*]] = ag.max %[[XF64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.max %[[XI32]] {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
// CHECK:         %[[I32_KEEP:.*]] = ag.max %[[XI32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
// CHECK:         %[[I32_ALL:.*]] = ag.max %[[XI32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
// CHECK:         %[[I64:.*]] = ag.max %[[XI64]] {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
// CHECK:         %[[I64_KEEP:.*]] = ag.max %[[XI64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
// CHECK:         %[[I64_ALL:.*]] = ag.max %[[XI64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
// CHECK:         %[[I1:.*]] = ag.max %[[XI1]] {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
// CHECK:         %[[I1_KEEP:.*]] = ag.max %[[XI1]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
// CHECK:         %[[I1_ALL:.*]] = ag.max %[[XI1]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
// CHECK:         %[[NONE:.*]] = ag.max %[[SCALAR]] {axes = array<i64>} : tensor<f32> -> tensor<f32>
// CHECK:         %[[DYN_R:.*]] = ag.max %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
// CHECK:         %[[DYN_K:.*]] = ag.max %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
// CHECK:         return
func.func @max(%xf32: tensor<2x3x4xf32>, %xf64: tensor<2x3x4xf64>, %xi32: tensor<2x3x4xi32>, %xi64: tensor<2x3x4xi64>, %xi1: tensor<2x3x4xi1>, %scalar: tensor<f32>, %dyn: tensor<?x5xf32>) {
  %f32 = ag.max %xf32 {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %f32_keep = ag.max %xf32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  %f32_all = ag.max %xf32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
  %f64 = ag.max %xf64 {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
  %f64_keep = ag.max %xf64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  %f64_all = ag.max %xf64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
  %i32 = ag.max %xi32 {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
  %i32_keep = ag.max %xi32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
  %i32_all = ag.max %xi32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
  %i64 = ag.max %xi64 {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
  %i64_keep = ag.max %xi64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
  %i64_all = ag.max %xi64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
  %i1 = ag.max %xi1 {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
  %i1_keep = ag.max %xi1 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
  %i1_all = ag.max %xi1 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
  %none = ag.max %scalar {axes = array<i64>} : tensor<f32> -> tensor<f32>
  %dyn_r = ag.max %dyn {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
  %dyn_k = ag.max %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
  return
}

// CHECK-LABEL: func.func @min(
// CHECK-SAME:    %[[XF32:.*]]: tensor<2x3x4xf32>, %[[XF64:.*]]: tensor<2x3x4xf64>, %[[XI32:.*]]: tensor<2x3x4xi32>, %[[XI64:.*]]: tensor<2x3x4xi64>, %[[XI1:.*]]: tensor<2x3x4xi1>, %[[SCALAR:.*]]: tensor<f32>, %[[DYN:.*]]: tensor<?x5xf32>)
// CHECK:         %[[F32:.*]] = ag.min %[[XF32]] {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// CHECK:         %[[F32_KEEP:.*]] = ag.min %[[XF32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
// CHECK:         %[[F32_ALL:.*]] = ag.min %[[XF32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
// CHECK:         %[[F64:.*]] = ag.min %[[XF64]] {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
// CHECK:         %[[F64_KEEP:.*]] = ag.min %[[XF64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
// CHECK:         %[[F64_ALL:.*]] = ag.min %[[XF64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
// CHECK:         %[[I32:.*]] = ag.min %[[XI32]] {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
// CHECK:         %[[I32_KEEP:.*]] = ag.min %[[XI32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
// CHECK:         %[[I32_ALL:.*]] = ag.min %[[XI32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
// CHECK:         %[[I64:.*]] = ag.min %[[XI64]] {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
// CHECK:         %[[I64_KEEP:.*]] = ag.min %[[XI64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
// CHECK:         %[[I64_ALL:.*]] = ag.min %[[XI64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
// CHECK:         %[[I1:.*]] = ag.min %[[XI1]] {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
// CHECK:         %[[I1_KEEP:.*]] = ag.min %[[XI1]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
// CHECK:         %[[I1_ALL:.*]] = ag.min %[[XI1]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
// CHECK:         %[[NONE:.*]] = ag.min %[[SCALAR]] {axes = array<i64>} : tensor<f32> -> tensor<f32>
// CHECK:         %[[DYN_R:.*]] = ag.min %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
// CHECK:         %[[DYN_K:.*]] = ag.min %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
// CHECK:         return
func.func @min(%xf32: tensor<2x3x4xf32>, %xf64: tensor<2x3x4xf64>, %xi32: tensor<2x3x4xi32>, %xi64: tensor<2x3x4xi64>, %xi1: tensor<2x3x4xi1>, %scalar: tensor<f32>, %dyn: tensor<?x5xf32>) {
  %f32 = ag.min %xf32 {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %f32_keep = ag.min %xf32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  %f32_all = ag.min %xf32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
  %f64 = ag.min %xf64 {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
  %f64_keep = ag.min %xf64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  %f64_all = ag.min %xf64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
  %i32 = ag.min %xi32 {axes = array<i64: 1>} : tensor<2x3x4xi32> -> tensor<2x4xi32>
  %i32_keep = ag.min %xi32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi32> -> tensor<1x3x1xi32>
  %i32_all = ag.min %xi32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<i32>
  %i64 = ag.min %xi64 {axes = array<i64: 1>} : tensor<2x3x4xi64> -> tensor<2x4xi64>
  %i64_keep = ag.min %xi64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi64> -> tensor<1x3x1xi64>
  %i64_all = ag.min %xi64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi64> -> tensor<i64>
  %i1 = ag.min %xi1 {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
  %i1_keep = ag.min %xi1 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
  %i1_all = ag.min %xi1 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
  %none = ag.min %scalar {axes = array<i64>} : tensor<f32> -> tensor<f32>
  %dyn_r = ag.min %dyn {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
  %dyn_k = ag.min %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
  return
}

// CHECK-LABEL: func.func @mean(
// CHECK-SAME:    %[[XF32:.*]]: tensor<2x3x4xf32>, %[[XF64:.*]]: tensor<2x3x4xf64>, %[[SCALAR:.*]]: tensor<f32>, %[[DYN:.*]]: tensor<?x5xf32>, %[[EMPTY:.*]]: tensor<0x5xf32>)
// CHECK:         %[[F32:.*]] = ag.mean %[[XF32]] {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// CHECK:         %[[F32_KEEP:.*]] = ag.mean %[[XF32]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
// CHECK:         %[[F32_ALL:.*]] = ag.mean %[[XF32]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
// CHECK:         %[[F64:.*]] = ag.mean %[[XF64]] {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
// CHECK:         %[[F64_KEEP:.*]] = ag.mean %[[XF64]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
// CHECK:         %[[F64_ALL:.*]] = ag.mean %[[XF64]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
// CHECK:         %[[NONE:.*]] = ag.mean %[[SCALAR]] {axes = array<i64>} : tensor<f32> -> tensor<f32>
// CHECK:         %[[DYN_R:.*]] = ag.mean %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
// CHECK:         %[[DYN_K:.*]] = ag.mean %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
// CHECK:         %[[EMPTY_R:.*]] = ag.mean %[[EMPTY]] {axes = array<i64: 0>} : tensor<0x5xf32> -> tensor<5xf32>
// CHECK:         return
func.func @mean(%xf32: tensor<2x3x4xf32>, %xf64: tensor<2x3x4xf64>, %scalar: tensor<f32>, %dyn: tensor<?x5xf32>, %empty: tensor<0x5xf32>) {
  %f32 = ag.mean %xf32 {axes = array<i64: 1>} : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %f32_keep = ag.mean %xf32 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  %f32_all = ag.mean %xf32 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<f32>
  %f64 = ag.mean %xf64 {axes = array<i64: 1>} : tensor<2x3x4xf64> -> tensor<2x4xf64>
  %f64_keep = ag.mean %xf64 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xf64> -> tensor<1x3x1xf64>
  %f64_all = ag.mean %xf64 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xf64> -> tensor<f64>
  %none = ag.mean %scalar {axes = array<i64>} : tensor<f32> -> tensor<f32>
  %dyn_r = ag.mean %dyn {axes = array<i64: 1>} : tensor<?x5xf32> -> tensor<?xf32>
  %dyn_k = ag.mean %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xf32> -> tensor<1x5xf32>
  %empty_r = ag.mean %empty {axes = array<i64: 0>} : tensor<0x5xf32> -> tensor<5xf32>
  return
}

// CHECK-LABEL: func.func @all(
// CHECK-SAME:    %[[XI1:.*]]: tensor<2x3x4xi1>, %[[SCALAR:.*]]: tensor<i1>, %[[DYN:.*]]: tensor<?x5xi1>, %[[EMPTY:.*]]: tensor<0x5xi1>)
// CHECK:         %[[I1:.*]] = ag.all %[[XI1]] {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
// CHECK:         %[[I1_KEEP:.*]] = ag.all %[[XI1]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
// CHECK:         %[[I1_ALL:.*]] = ag.all %[[XI1]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
// CHECK:         %[[NONE:.*]] = ag.all %[[SCALAR]] {axes = array<i64>} : tensor<i1> -> tensor<i1>
// CHECK:         %[[DYN_R:.*]] = ag.all %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xi1> -> tensor<?xi1>
// CHECK:         %[[DYN_K:.*]] = ag.all %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xi1> -> tensor<1x5xi1>
// CHECK:         %[[EMPTY_R:.*]] = ag.all %[[EMPTY]] {axes = array<i64: 0>} : tensor<0x5xi1> -> tensor<5xi1>
// CHECK:         return
func.func @all(%xi1: tensor<2x3x4xi1>, %scalar: tensor<i1>, %dyn: tensor<?x5xi1>, %empty: tensor<0x5xi1>) {
  %i1 = ag.all %xi1 {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
  %i1_keep = ag.all %xi1 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
  %i1_all = ag.all %xi1 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
  %none = ag.all %scalar {axes = array<i64>} : tensor<i1> -> tensor<i1>
  %dyn_r = ag.all %dyn {axes = array<i64: 1>} : tensor<?x5xi1> -> tensor<?xi1>
  %dyn_k = ag.all %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xi1> -> tensor<1x5xi1>
  %empty_r = ag.all %empty {axes = array<i64: 0>} : tensor<0x5xi1> -> tensor<5xi1>
  return
}

// CHECK-LABEL: func.func @any(
// CHECK-SAME:    %[[XI1:.*]]: tensor<2x3x4xi1>, %[[SCALAR:.*]]: tensor<i1>, %[[DYN:.*]]: tensor<?x5xi1>, %[[EMPTY:.*]]: tensor<0x5xi1>)
// CHECK:         %[[I1:.*]] = ag.any %[[XI1]] {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
// CHECK:         %[[I1_KEEP:.*]] = ag.any %[[XI1]] {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
// CHECK:         %[[I1_ALL:.*]] = ag.any %[[XI1]] {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
// CHECK:         %[[NONE:.*]] = ag.any %[[SCALAR]] {axes = array<i64>} : tensor<i1> -> tensor<i1>
// CHECK:         %[[DYN_R:.*]] = ag.any %[[DYN]] {axes = array<i64: 1>} : tensor<?x5xi1> -> tensor<?xi1>
// CHECK:         %[[DYN_K:.*]] = ag.any %[[DYN]] {axes = array<i64: 0>, keepdims = true} : tensor<?x5xi1> -> tensor<1x5xi1>
// CHECK:         %[[EMPTY_R:.*]] = ag.any %[[EMPTY]] {axes = array<i64: 0>} : tensor<0x5xi1> -> tensor<5xi1>
// CHECK:         return
func.func @any(%xi1: tensor<2x3x4xi1>, %scalar: tensor<i1>, %dyn: tensor<?x5xi1>, %empty: tensor<0x5xi1>) {
  %i1 = ag.any %xi1 {axes = array<i64: 1>} : tensor<2x3x4xi1> -> tensor<2x4xi1>
  %i1_keep = ag.any %xi1 {axes = array<i64: 0, 2>, keepdims = true} : tensor<2x3x4xi1> -> tensor<1x3x1xi1>
  %i1_all = ag.any %xi1 {axes = array<i64: 2, 0, 1>} : tensor<2x3x4xi1> -> tensor<i1>
  %none = ag.any %scalar {axes = array<i64>} : tensor<i1> -> tensor<i1>
  %dyn_r = ag.any %dyn {axes = array<i64: 1>} : tensor<?x5xi1> -> tensor<?xi1>
  %dyn_k = ag.any %dyn {axes = array<i64: 0>, keepdims = true} : tensor<?x5xi1> -> tensor<1x5xi1>
  %empty_r = ag.any %empty {axes = array<i64: 0>} : tensor<0x5xi1> -> tensor<5xi1>
  return
}

// CHECK-LABEL: func.func @argmax(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x5xf32>, %[[XF64:.*]]: tensor<4x5xf64>, %[[XI32:.*]]: tensor<4x5xi32>, %[[XI64:.*]]: tensor<4x5xi64>, %[[XI1:.*]]: tensor<4x5xi1>, %[[K:.*]]: tensor<2x3x4xf32>, %[[D:.*]]: tensor<?x3xf64>, %[[V:.*]]: tensor<7xi32>)
// CHECK:         %[[F32:.*]] = ag.argmax %[[XF32]] {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi64>
// CHECK:         %[[F64:.*]] = ag.argmax %[[XF64]] {axis = 1 : i64} : tensor<4x5xf64> -> tensor<4xi64>
// CHECK:         %[[I32:.*]] = ag.argmax %[[XI32]] {axis = 1 : i64} : tensor<4x5xi32> -> tensor<4xi64>
// CHECK:         %[[I64:.*]] = ag.argmax %[[XI64]] {axis = 1 : i64} : tensor<4x5xi64> -> tensor<4xi64>
// CHECK:         %[[I1:.*]] = ag.argmax %[[XI1]] {axis = 1 : i64} : tensor<4x5xi1> -> tensor<4xi64>
// CHECK:         %[[KEEP:.*]] = ag.argmax %[[K]] {axis = 1 : i64, keepdims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xi64>
// CHECK:         %[[DYN:.*]] = ag.argmax %[[D]] {axis = 0 : i64} : tensor<?x3xf64> -> tensor<3xi64>
// CHECK:         %[[DYN2:.*]] = ag.argmax %[[D]] {axis = 1 : i64} : tensor<?x3xf64> -> tensor<?xi64>
// CHECK:         %[[VEC:.*]] = ag.argmax %[[V]] {axis = 0 : i64} : tensor<7xi32> -> tensor<i64>
// CHECK:         return
func.func @argmax(%xf32: tensor<4x5xf32>, %xf64: tensor<4x5xf64>, %xi32: tensor<4x5xi32>, %xi64: tensor<4x5xi64>, %xi1: tensor<4x5xi1>, %k: tensor<2x3x4xf32>, %d: tensor<?x3xf64>, %v: tensor<7xi32>) {
  %f32 = ag.argmax %xf32 {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi64>
  %f64 = ag.argmax %xf64 {axis = 1 : i64} : tensor<4x5xf64> -> tensor<4xi64>
  %i32 = ag.argmax %xi32 {axis = 1 : i64} : tensor<4x5xi32> -> tensor<4xi64>
  %i64 = ag.argmax %xi64 {axis = 1 : i64} : tensor<4x5xi64> -> tensor<4xi64>
  %i1 = ag.argmax %xi1 {axis = 1 : i64} : tensor<4x5xi1> -> tensor<4xi64>
  %keep = ag.argmax %k {axis = 1 : i64, keepdims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xi64>
  %dyn = ag.argmax %d {axis = 0 : i64} : tensor<?x3xf64> -> tensor<3xi64>
  %dyn2 = ag.argmax %d {axis = 1 : i64} : tensor<?x3xf64> -> tensor<?xi64>
  %vec = ag.argmax %v {axis = 0 : i64} : tensor<7xi32> -> tensor<i64>
  return
}

// CHECK-LABEL: func.func @argmin(
// CHECK-SAME:    %[[XF32:.*]]: tensor<4x5xf32>, %[[XF64:.*]]: tensor<4x5xf64>, %[[XI32:.*]]: tensor<4x5xi32>, %[[XI64:.*]]: tensor<4x5xi64>, %[[XI1:.*]]: tensor<4x5xi1>, %[[K:.*]]: tensor<2x3x4xf32>, %[[D:.*]]: tensor<?x3xf64>, %[[V:.*]]: tensor<7xi32>)
// CHECK:         %[[F32:.*]] = ag.argmin %[[XF32]] {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi64>
// CHECK:         %[[F64:.*]] = ag.argmin %[[XF64]] {axis = 1 : i64} : tensor<4x5xf64> -> tensor<4xi64>
// CHECK:         %[[I32:.*]] = ag.argmin %[[XI32]] {axis = 1 : i64} : tensor<4x5xi32> -> tensor<4xi64>
// CHECK:         %[[I64:.*]] = ag.argmin %[[XI64]] {axis = 1 : i64} : tensor<4x5xi64> -> tensor<4xi64>
// CHECK:         %[[I1:.*]] = ag.argmin %[[XI1]] {axis = 1 : i64} : tensor<4x5xi1> -> tensor<4xi64>
// CHECK:         %[[KEEP:.*]] = ag.argmin %[[K]] {axis = 1 : i64, keepdims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xi64>
// CHECK:         %[[DYN:.*]] = ag.argmin %[[D]] {axis = 0 : i64} : tensor<?x3xf64> -> tensor<3xi64>
// CHECK:         %[[DYN2:.*]] = ag.argmin %[[D]] {axis = 1 : i64} : tensor<?x3xf64> -> tensor<?xi64>
// CHECK:         %[[VEC:.*]] = ag.argmin %[[V]] {axis = 0 : i64} : tensor<7xi32> -> tensor<i64>
// CHECK:         return
func.func @argmin(%xf32: tensor<4x5xf32>, %xf64: tensor<4x5xf64>, %xi32: tensor<4x5xi32>, %xi64: tensor<4x5xi64>, %xi1: tensor<4x5xi1>, %k: tensor<2x3x4xf32>, %d: tensor<?x3xf64>, %v: tensor<7xi32>) {
  %f32 = ag.argmin %xf32 {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4xi64>
  %f64 = ag.argmin %xf64 {axis = 1 : i64} : tensor<4x5xf64> -> tensor<4xi64>
  %i32 = ag.argmin %xi32 {axis = 1 : i64} : tensor<4x5xi32> -> tensor<4xi64>
  %i64 = ag.argmin %xi64 {axis = 1 : i64} : tensor<4x5xi64> -> tensor<4xi64>
  %i1 = ag.argmin %xi1 {axis = 1 : i64} : tensor<4x5xi1> -> tensor<4xi64>
  %keep = ag.argmin %k {axis = 1 : i64, keepdims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xi64>
  %dyn = ag.argmin %d {axis = 0 : i64} : tensor<?x3xf64> -> tensor<3xi64>
  %dyn2 = ag.argmin %d {axis = 1 : i64} : tensor<?x3xf64> -> tensor<?xi64>
  %vec = ag.argmin %v {axis = 0 : i64} : tensor<7xi32> -> tensor<i64>
  return
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<5x6xf32>, %[[C:.*]]: tensor<7x4x5xf64>, %[[D:.*]]: tensor<5x6xf64>, %[[E:.*]]: tensor<2x1x4x5xi32>, %[[F:.*]]: tensor<3x5x6xi32>, %[[G:.*]]: tensor<5xi64>, %[[H:.*]]: tensor<5xi64>, %[[I:.*]]: tensor<2x5x6xi64>, %[[J:.*]]: tensor<?x4x?xf32>, %[[K:.*]]: tensor<?x6xf32>, %[[K2:.*]]: tensor<2x6x3xi64>)
// CHECK:         %[[MM:.*]] = ag.matmul %[[A]], %[[B]] : tensor<4x5xf32>, tensor<5x6xf32> -> tensor<4x6xf32>
// CHECK:         %[[ROWS:.*]] = ag.matmul %[[C]], %[[D]] : tensor<7x4x5xf64>, tensor<5x6xf64> -> tensor<7x4x6xf64>
// CHECK:         %[[BCAST:.*]] = ag.matmul %[[E]], %[[F]] : tensor<2x1x4x5xi32>, tensor<3x5x6xi32> -> tensor<2x3x4x6xi32>
// CHECK:         %[[DOT:.*]] = ag.matmul %[[G]], %[[H]] : tensor<5xi64>, tensor<5xi64> -> tensor<i64>
// CHECK:         %[[VECMAT:.*]] = ag.matmul %[[G]], %[[I]] : tensor<5xi64>, tensor<2x5x6xi64> -> tensor<2x6xi64>
// CHECK:         %[[BATCH:.*]] = ag.matmul %[[I]], %[[K2]] : tensor<2x5x6xi64>, tensor<2x6x3xi64> -> tensor<2x5x3xi64>
// CHECK:         %[[DYN:.*]] = ag.matmul %[[J]], %[[K]] : tensor<?x4x?xf32>, tensor<?x6xf32> -> tensor<?x4x6xf32>
// CHECK:         return
func.func @matmul(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %c: tensor<7x4x5xf64>, %d: tensor<5x6xf64>, %e: tensor<2x1x4x5xi32>, %f: tensor<3x5x6xi32>, %g: tensor<5xi64>, %h: tensor<5xi64>, %i: tensor<2x5x6xi64>, %j: tensor<?x4x?xf32>, %k: tensor<?x6xf32>, %k2: tensor<2x6x3xi64>) {
  %mm = ag.matmul %a, %b : tensor<4x5xf32>, tensor<5x6xf32> -> tensor<4x6xf32>
  %rows = ag.matmul %c, %d : tensor<7x4x5xf64>, tensor<5x6xf64> -> tensor<7x4x6xf64>
  %bcast = ag.matmul %e, %f : tensor<2x1x4x5xi32>, tensor<3x5x6xi32> -> tensor<2x3x4x6xi32>
  %dot = ag.matmul %g, %h : tensor<5xi64>, tensor<5xi64> -> tensor<i64>
  %vecmat = ag.matmul %g, %i : tensor<5xi64>, tensor<2x5x6xi64> -> tensor<2x6xi64>
  %batch = ag.matmul %i, %k2 : tensor<2x5x6xi64>, tensor<2x6x3xi64> -> tensor<2x5x3xi64>
  %dyn = ag.matmul %j, %k : tensor<?x4x?xf32>, tensor<?x6xf32> -> tensor<?x4x6xf32>
  return
}

// CHECK-LABEL: func.func @matvec(
// CHECK-SAME:    %[[A:.*]]: tensor<4x5xf32>, %[[V:.*]]: tensor<5xf32>) -> tensor<4xf32>
// CHECK:         %[[R:.*]] = ag.matmul %[[A]], %[[V]] : tensor<4x5xf32>, tensor<5xf32> -> tensor<4xf32>
// CHECK:         return %[[R]] : tensor<4xf32>
func.func @matvec(%a: tensor<4x5xf32>, %v: tensor<5xf32>) -> tensor<4xf32> {
  %r = ag.matmul %a, %v : tensor<4x5xf32>, tensor<5xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[XD:.*]]: tensor<2x3x9x7xf64>, %[[WD:.*]]: tensor<5x3x2x3xf64>, %[[XN:.*]]: tensor<?x3x8x?xf32>)
// CHECK:         %[[SAME:.*]] = ag.conv2d %[[X]], %[[W]] {padding = array<i64: 1, 1>, strides = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
// CHECK:         %[[STRIDED:.*]] = ag.conv2d %[[XD]], %[[WD]] {dilations = array<i64: 2, 1>, padding = array<i64: 0, 1>, strides = array<i64: 2, 3>} : tensor<2x3x9x7xf64>, tensor<5x3x2x3xf64> -> tensor<2x5x4x3xf64>
// CHECK:         %[[DYN:.*]] = ag.conv2d %[[XN]], %[[W]] {padding = array<i64: 0, 0>, strides = array<i64: 1, 1>} : tensor<?x3x8x?xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x?xf32>
// CHECK:         return
func.func @conv2d(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %xd: tensor<2x3x9x7xf64>, %wd: tensor<5x3x2x3xf64>, %xn: tensor<?x3x8x?xf32>) {
  %same = ag.conv2d %x, %w {strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  %strided = ag.conv2d %xd, %wd {strides = array<i64: 2, 3>, padding = array<i64: 0, 1>, dilations = array<i64: 2, 1>} : tensor<2x3x9x7xf64>, tensor<5x3x2x3xf64> -> tensor<2x5x4x3xf64>
  %dyn = ag.conv2d %xn, %w {strides = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<?x3x8x?xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x?xf32>
  return
}

// CHECK-LABEL: func.func @pool2d(
// CHECK-SAME:    %[[F32:.*]]: tensor<1x3x8x8xf32>, %[[F64:.*]]: tensor<2x1x5x5xf64>, %[[I32:.*]]: tensor<1x2x4x4xi32>, %[[I64:.*]]: tensor<1x1x7x6xi64>, %[[DYN:.*]]: tensor<?x3x?x8xf32>)
// CHECK:         %[[M32:.*]] = ag.max_pool2d %[[F32]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
// CHECK:         %[[M64:.*]] = ag.max_pool2d %[[F64]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : tensor<2x1x5x5xf64> -> tensor<2x1x3x3xf64>
// CHECK:         %[[MI32:.*]] = ag.max_pool2d %[[I32]] {kernel = array<i64: 2, 1>, strides = array<i64: 1, 1>} : tensor<1x2x4x4xi32> -> tensor<1x2x3x4xi32>
// CHECK:         %[[MI64:.*]] = ag.max_pool2d %[[I64]] {kernel = array<i64: 3, 2>, padding = array<i64: 1, 0>, strides = array<i64: 3, 2>} : tensor<1x1x7x6xi64> -> tensor<1x1x3x3xi64>
// CHECK:         %[[A32:.*]] = ag.avg_pool2d %[[F32]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
// CHECK:         %[[A64:.*]] = ag.avg_pool2d %[[F64]] {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, strides = array<i64: 1, 1>} : tensor<2x1x5x5xf64> -> tensor<2x1x5x5xf64>
// CHECK:         %[[ADYN:.*]] = ag.avg_pool2d %[[DYN]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x?x8xf32> -> tensor<?x3x?x4xf32>
// CHECK:         return
func.func @pool2d(%f32: tensor<1x3x8x8xf32>, %f64: tensor<2x1x5x5xf64>, %i32: tensor<1x2x4x4xi32>, %i64: tensor<1x1x7x6xi64>, %dyn: tensor<?x3x?x8xf32>) {
  %m32 = ag.max_pool2d %f32 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  %m64 = ag.max_pool2d %f64 {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x1x5x5xf64> -> tensor<2x1x3x3xf64>
  %mi32 = ag.max_pool2d %i32 {kernel = array<i64: 2, 1>, strides = array<i64: 1, 1>} : tensor<1x2x4x4xi32> -> tensor<1x2x3x4xi32>
  %mi64 = ag.max_pool2d %i64 {kernel = array<i64: 3, 2>, strides = array<i64: 3, 2>, padding = array<i64: 1, 0>} : tensor<1x1x7x6xi64> -> tensor<1x1x3x3xi64>
  %a32 = ag.avg_pool2d %f32 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  %a64 = ag.avg_pool2d %f64 {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<2x1x5x5xf64> -> tensor<2x1x5x5xf64>
  %adyn = ag.avg_pool2d %dyn {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x?x8xf32> -> tensor<?x3x?x4xf32>
  return
}

// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<i64>, %[[B:.*]]: tensor<2x?xi1>, %[[E:.*]]: tensor<0x3xf64>)
// CHECK:         %[[FLAT:.*]] = ag.reshape %[[A]] : tensor<2x3xf32> -> tensor<6xf32>
// CHECK:         %[[UP:.*]] = ag.reshape %[[A]] : tensor<2x3xf32> -> tensor<3x1x2xf32>
// CHECK:         %[[LIFT:.*]] = ag.reshape %[[S]] : tensor<i64> -> tensor<1x1xi64>
// CHECK:         %[[DYN:.*]] = ag.reshape %[[B]] : tensor<2x?xi1> -> tensor<?xi1>
// CHECK:         %[[EMPTY:.*]] = ag.reshape %[[E]] : tensor<0x3xf64> -> tensor<3x0xf64>
// CHECK:         return
func.func @reshape(%a: tensor<2x3xf32>, %s: tensor<i64>, %b: tensor<2x?xi1>, %e: tensor<0x3xf64>) {
  %flat = ag.reshape %a : tensor<2x3xf32> -> tensor<6xf32>
  %up = ag.reshape %a : tensor<2x3xf32> -> tensor<3x1x2xf32>
  %lift = ag.reshape %s : tensor<i64> -> tensor<1x1xi64>
  %dyn = ag.reshape %b : tensor<2x?xi1> -> tensor<?xi1>
  %empty = ag.reshape %e : tensor<0x3xf64> -> tensor<3x0xf64>
  return
}

// CHECK-LABEL: func.func @reshape_to_scalar(
// CHECK-SAME:    %[[A:.*]]: tensor<1x1xi32>) -> tensor<i32>
// CHECK:         %[[R:.*]] = ag.reshape %[[A]] : tensor<1x1xi32> -> tensor<i32>
// CHECK:         return %[[R]] : tensor<i32>
func.func @reshape_to_scalar(%a: tensor<1x1xi32>) -> tensor<i32> {
  %r = ag.reshape %a : tensor<1x1xi32> -> tensor<i32>
  return %r : tensor<i32>
}

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<?x5xi64>, %[[C:.*]]: tensor<i1>)
// CHECK:         %[[T:.*]] = ag.transpose %[[A]] {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
// CHECK:         %[[D:.*]] = ag.transpose %[[B]] {permutation = array<i64: 1, 0>} : tensor<?x5xi64> -> tensor<5x?xi64>
// CHECK:         %[[S:.*]] = ag.transpose %[[C]] {permutation = array<i64>} : tensor<i1> -> tensor<i1>
// CHECK:         return
func.func @transpose(%a: tensor<2x3x4xf32>, %b: tensor<?x5xi64>, %c: tensor<i1>) {
  %t = ag.transpose %a {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %d = ag.transpose %b {permutation = array<i64: 1, 0>} : tensor<?x5xi64> -> tensor<5x?xi64>
  %s = ag.transpose %c {permutation = array<i64>} : tensor<i1> -> tensor<i1>
  return
}

// CHECK-LABEL: func.func @broadcast_to(
// CHECK-SAME:    %[[A:.*]]: tensor<3x1xf32>, %[[S:.*]]: tensor<i1>, %[[D:.*]]: tensor<?x1xi32>, %[[N:.*]]: tensor<i64>)
// CHECK:         %[[B:.*]] = ag.broadcast_to %[[A]] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// CHECK:         %[[BS:.*]] = ag.broadcast_to %[[S]] : tensor<i1> -> tensor<5x2xi1>
// CHECK:         %[[BD:.*]] = ag.broadcast_to %[[D]] sizes(%[[N]] : tensor<i64>) : tensor<?x1xi32> -> tensor<7x?x3xi32>
// CHECK:         return
func.func @broadcast_to(%a: tensor<3x1xf32>, %s: tensor<i1>, %d: tensor<?x1xi32>, %n: tensor<i64>) {
  %b = ag.broadcast_to %a : tensor<3x1xf32> -> tensor<2x3x4xf32>
  %bs = ag.broadcast_to %s : tensor<i1> -> tensor<5x2xi1>
  %bd = ag.broadcast_to %d sizes(%n : tensor<i64>) : tensor<?x1xi32> -> tensor<7x?x3xi32>
  return
}

// CHECK-LABEL: func.func @empty(
// CHECK:         %[[E:.*]] = ag.empty : tensor<4x8xf32>
// CHECK:         %[[B:.*]] = ag.empty : tensor<3xi1>
// CHECK:         %[[Z:.*]] = ag.empty : tensor<i64>
// CHECK:         return %[[E]] : tensor<4x8xf32>
func.func @empty() -> tensor<4x8xf32> {
  %e = ag.empty : tensor<4x8xf32>
  %b = ag.empty : tensor<3xi1>
  %z = ag.empty : tensor<i64>
  return %e : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @slice(
// CHECK-SAME:    %[[A:.*]]: tensor<10x10xf32>, %[[B:.*]]: tensor<6xi64>, %[[C:.*]]: tensor<?x4xf64>)
// CHECK:         %[[S:.*]] = ag.slice %[[A]] {starts = array<i64: 1, 0>, steps = array<i64: 2, 3>} : tensor<10x10xf32> -> tensor<4x4xf32>
// CHECK:         %[[R:.*]] = ag.slice %[[A]] {starts = array<i64: 9, 0>, steps = array<i64: -1, 2>} : tensor<10x10xf32> -> tensor<10x5xf32>
// CHECK:         %[[N:.*]] = ag.slice %[[B]] {starts = array<i64: 5>, steps = array<i64: -2>} : tensor<6xi64> -> tensor<3xi64>
// CHECK:         %[[E:.*]] = ag.slice %[[B]] {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<6xi64> -> tensor<0xi64>
// CHECK:         %[[D:.*]] = ag.slice %[[C]] {starts = array<i64: 0, 3>, steps = array<i64: 1, -1>} : tensor<?x4xf64> -> tensor<?x4xf64>
// CHECK:         return
func.func @slice(%a: tensor<10x10xf32>, %b: tensor<6xi64>, %c: tensor<?x4xf64>) {
  %s = ag.slice %a {starts = array<i64: 1, 0>, steps = array<i64: 2, 3>} : tensor<10x10xf32> -> tensor<4x4xf32>
  %r = ag.slice %a {starts = array<i64: 9, 0>, steps = array<i64: -1, 2>} : tensor<10x10xf32> -> tensor<10x5xf32>
  %n = ag.slice %b {starts = array<i64: 5>, steps = array<i64: -2>} : tensor<6xi64> -> tensor<3xi64>
  %e = ag.slice %b {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<6xi64> -> tensor<0xi64>
  %d = ag.slice %c {starts = array<i64: 0, 3>, steps = array<i64: 1, -1>} : tensor<?x4xf64> -> tensor<?x4xf64>
  return
}

// CHECK-LABEL: func.func @insert_slice(
// CHECK-SAME:    %[[V:.*]]: tensor<5xf32>, %[[X:.*]]: tensor<10xf32>, %[[W:.*]]: tensor<2x3xi32>, %[[Y:.*]]: tensor<4x6xi32>)
// CHECK:         %[[A:.*]] = ag.insert_slice %[[V]] into %[[X]] {starts = array<i64: 0>, steps = array<i64: 2>} : tensor<5xf32> into tensor<10xf32>
// CHECK:         %[[B:.*]] = ag.insert_slice %[[V]] into %[[X]] {starts = array<i64: 9>, steps = array<i64: -2>} : tensor<5xf32> into tensor<10xf32>
// CHECK:         %[[C:.*]] = ag.insert_slice %[[W]] into %[[Y]] {starts = array<i64: 3, 1>, steps = array<i64: -3, 2>} : tensor<2x3xi32> into tensor<4x6xi32>
// CHECK:         return
func.func @insert_slice(%v: tensor<5xf32>, %x: tensor<10xf32>, %w: tensor<2x3xi32>, %y: tensor<4x6xi32>) {
  %a = ag.insert_slice %v into %x {starts = array<i64: 0>, steps = array<i64: 2>} : tensor<5xf32> into tensor<10xf32>
  %b = ag.insert_slice %v into %x {starts = array<i64: 9>, steps = array<i64: -2>} : tensor<5xf32> into tensor<10xf32>
  %c = ag.insert_slice %w into %y {starts = array<i64: 3, 1>, steps = array<i64: -3, 2>} : tensor<2x3xi32> into tensor<4x6xi32>
  return
}

// CHECK-LABEL: func.func @dynamic_index(
// CHECK-SAME:    %[[X:.*]]: tensor<8x32xf32>, %[[I:.*]]: tensor<i64>, %[[J:.*]]: tensor<i32>, %[[Y:.*]]: tensor<?x4x2xi1>)
// CHECK:         %[[ROW:.*]] = ag.dynamic_index %[[X]][%[[I]]] : tensor<8x32xf32>, tensor<i64> -> tensor<32xf32>
// CHECK:         %[[ELT:.*]] = ag.dynamic_index %[[X]][%[[J]], %[[I]]] : tensor<8x32xf32>, tensor<i32>, tensor<i64> -> tensor<f32>
// CHECK:         %[[DYN:.*]] = ag.dynamic_index %[[Y]][%[[J]]] : tensor<?x4x2xi1>, tensor<i32> -> tensor<4x2xi1>
// CHECK:         return
func.func @dynamic_index(%x: tensor<8x32xf32>, %i: tensor<i64>, %j: tensor<i32>, %y: tensor<?x4x2xi1>) {
  %row = ag.dynamic_index %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<32xf32>
  %elt = ag.dynamic_index %x[%j, %i] : tensor<8x32xf32>, tensor<i32>, tensor<i64> -> tensor<f32>
  %dyn = ag.dynamic_index %y[%j] : tensor<?x4x2xi1>, tensor<i32> -> tensor<4x2xi1>
  return
}

// CHECK-LABEL: func.func @dynamic_slice(
// CHECK-SAME:    %[[X:.*]]: tensor<8x32xf32>, %[[I:.*]]: tensor<i64>, %[[J:.*]]: tensor<i32>, %[[Y:.*]]: tensor<?x4xi64>)
// CHECK:         %[[A:.*]] = ag.dynamic_slice %[[X]][%[[I]]] : tensor<8x32xf32>, tensor<i64> -> tensor<3x32xf32>
// CHECK:         %[[B:.*]] = ag.dynamic_slice %[[X]][%[[I]], %[[J]]] : tensor<8x32xf32>, tensor<i64>, tensor<i32> -> tensor<8x1xf32>
// CHECK:         %[[C:.*]] = ag.dynamic_slice %[[Y]][%[[J]]] : tensor<?x4xi64>, tensor<i32> -> tensor<2x4xi64>
// CHECK:         return
func.func @dynamic_slice(%x: tensor<8x32xf32>, %i: tensor<i64>, %j: tensor<i32>, %y: tensor<?x4xi64>) {
  %a = ag.dynamic_slice %x[%i] : tensor<8x32xf32>, tensor<i64> -> tensor<3x32xf32>
  %b = ag.dynamic_slice %x[%i, %j] : tensor<8x32xf32>, tensor<i64>, tensor<i32> -> tensor<8x1xf32>
  %c = ag.dynamic_slice %y[%j] : tensor<?x4xi64>, tensor<i32> -> tensor<2x4xi64>
  return
}

// CHECK-LABEL: func.func @dynamic_update(
// CHECK-SAME:    %[[V:.*]]: tensor<32xf32>, %[[X:.*]]: tensor<8x32xf32>, %[[I:.*]]: tensor<i64>, %[[J:.*]]: tensor<i32>, %[[S:.*]]: tensor<f32>, %[[B:.*]]: tensor<4xi1>, %[[Y:.*]]: tensor<?x4xi1>)
// CHECK:         %[[A:.*]] = ag.dynamic_update %[[V]] into %[[X]][%[[I]]] : tensor<32xf32> into tensor<8x32xf32>, tensor<i64>
// CHECK:         %[[E:.*]] = ag.dynamic_update %[[S]] into %[[X]][%[[I]], %[[J]]] : tensor<f32> into tensor<8x32xf32>, tensor<i64>, tensor<i32>
// CHECK:         %[[D:.*]] = ag.dynamic_update %[[B]] into %[[Y]][%[[J]]] : tensor<4xi1> into tensor<?x4xi1>, tensor<i32>
// CHECK:         return
func.func @dynamic_update(%v: tensor<32xf32>, %x: tensor<8x32xf32>, %i: tensor<i64>, %j: tensor<i32>, %s: tensor<f32>, %b: tensor<4xi1>, %y: tensor<?x4xi1>) {
  %a = ag.dynamic_update %v into %x[%i] : tensor<32xf32> into tensor<8x32xf32>, tensor<i64>
  %e = ag.dynamic_update %s into %x[%i, %j] : tensor<f32> into tensor<8x32xf32>, tensor<i64>, tensor<i32>
  %d = ag.dynamic_update %b into %y[%j] : tensor<4xi1> into tensor<?x4xi1>, tensor<i32>
  return
}

// CHECK-LABEL: func.func @concatenate(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<4x3xf32>, %[[C:.*]]: tensor<1x3xf32>, %[[D:.*]]: tensor<2x?xi64>, %[[E:.*]]: tensor<2x5xi64>, %[[F:.*]]: tensor<3xi1>)
// CHECK:         %[[R0:.*]] = ag.concatenate %[[A]], %[[B]], %[[C]] {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x3xf32>, tensor<1x3xf32> -> tensor<7x3xf32>
// CHECK:         %[[R1:.*]] = ag.concatenate %[[D]], %[[E]] {axis = 1 : i64} : tensor<2x?xi64>, tensor<2x5xi64> -> tensor<2x?xi64>
// CHECK:         %[[R2:.*]] = ag.concatenate %[[F]] {axis = 0 : i64} : tensor<3xi1> -> tensor<3xi1>
// CHECK:         return
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<1x3xf32>, %d: tensor<2x?xi64>, %e: tensor<2x5xi64>, %f: tensor<3xi1>) {
  %r0 = ag.concatenate %a, %b, %c {axis = 0 : i64} : tensor<2x3xf32>, tensor<4x3xf32>, tensor<1x3xf32> -> tensor<7x3xf32>
  %r1 = ag.concatenate %d, %e {axis = 1 : i64} : tensor<2x?xi64>, tensor<2x5xi64> -> tensor<2x?xi64>
  %r2 = ag.concatenate %f {axis = 0 : i64} : tensor<3xi1> -> tensor<3xi1>
  return
}

// CHECK-LABEL: func.func @stack(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<i32>, %[[T:.*]]: tensor<i32>, %[[D:.*]]: tensor<?xf64>)
// CHECK:         %[[S0:.*]] = ag.stack %[[A]], %[[B]] {axis = 0 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x2x3xf32>
// CHECK:         %[[S2:.*]] = ag.stack %[[A]], %[[B]], %[[A]] {axis = 2 : i64} : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x3xf32>
// CHECK:         %[[SS:.*]] = ag.stack %[[S]], %[[T]] {axis = 0 : i64} : tensor<i32>, tensor<i32> -> tensor<2xi32>
// CHECK:         %[[SD:.*]] = ag.stack %[[D]], %[[D]] {axis = 1 : i64} : tensor<?xf64>, tensor<?xf64> -> tensor<?x2xf64>
// CHECK:         return
func.func @stack(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %s: tensor<i32>, %t: tensor<i32>, %d: tensor<?xf64>) {
  %s0 = ag.stack %a, %b {axis = 0 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x2x3xf32>
  %s2 = ag.stack %a, %b, %a {axis = 2 : i64} : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x3xf32>
  %ss = ag.stack %s, %t {axis = 0 : i64} : tensor<i32>, tensor<i32> -> tensor<2xi32>
  %sd = ag.stack %d, %d {axis = 1 : i64} : tensor<?xf64>, tensor<?xf64> -> tensor<?x2xf64>
  return
}

// CHECK-LABEL: func.func @host_call(
// CHECK-SAME:    %[[LOC:.*]]: tensor<3xf64>, %[[N:.*]]: tensor<i64>, %[[M:.*]]: tensor<i32>)
// CHECK:         %[[R0:.*]] = ag.host_call() sizes() {callback = 1 : i64} : () -> tensor<f64>
// CHECK:         %[[R1:.*]] = ag.host_call(%[[LOC]], %[[N]]) sizes(%[[N]], %[[M]]) {callback = 2 : i64} : (tensor<3xf64>, tensor<i64>, tensor<i64>, tensor<i32>) -> tensor<?x?x3xf64>
// CHECK:         %[[R2:.*]] = ag.host_call(%[[M]]) sizes() {callback = 3 : i64} : (tensor<i32>) -> tensor<2xi1>
// CHECK:         return
func.func @host_call(%loc: tensor<3xf64>, %n: tensor<i64>, %m: tensor<i32>) {
  %r0 = ag.host_call() sizes() {callback = 1 : i64} : () -> tensor<f64>
  %r1 = ag.host_call(%loc, %n) sizes(%n, %m) {callback = 2 : i64} : (tensor<3xf64>, tensor<i64>, tensor<i64>, tensor<i32>) -> tensor<?x?x3xf64>
  %r2 = ag.host_call(%m) sizes() {callback = 3 : i64} : (tensor<i32>) -> tensor<2xi1>
  return
}

// Two guards stay two ops (their effects keep them apart).
// CHECK-LABEL: func.func @stack_guard(
// CHECK:         %[[OK:.*]] = ag.stack_guard {callback = 4 : i64} : tensor<i1>
// CHECK:         %[[AGAIN:.*]] = ag.stack_guard {callback = 4 : i64} : tensor<i1>
// CHECK:         return %[[OK]], %[[AGAIN]] : tensor<i1>, tensor<i1>
func.func @stack_guard() -> (tensor<i1>, tensor<i1>) {
  %ok = ag.stack_guard {callback = 4 : i64} : tensor<i1>
  %again = ag.stack_guard {callback = 4 : i64} : tensor<i1>
  return %ok, %again : tensor<i1>, tensor<i1>
}

// CHECK-LABEL: func.func @scans(
// CHECK-SAME:    %[[F:.*]]: tensor<4x5xf32>, %[[I:.*]]: tensor<7xi64>, %[[B:.*]]: tensor<2x3xi1>, %[[D:.*]]: tensor<?x3xf64>)
// CHECK:         %{{.*}} = ag.cumsum %[[F]] {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
// CHECK:         %{{.*}} = ag.cumprod %[[I]] {axis = 0 : i64} : tensor<7xi64> -> tensor<7xi64>
// CHECK:         %{{.*}} = ag.cummax %[[B]] {axis = 0 : i64} : tensor<2x3xi1> -> tensor<2x3xi1>
// CHECK:         %{{.*}} = ag.cummin %[[D]] {axis = 1 : i64} : tensor<?x3xf64> -> tensor<?x3xf64>
func.func @scans(%f: tensor<4x5xf32>, %i: tensor<7xi64>, %b: tensor<2x3xi1>, %d: tensor<?x3xf64>) {
  %0 = ag.cumsum %f {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
  %1 = ag.cumprod %i {axis = 0 : i64} : tensor<7xi64> -> tensor<7xi64>
  %2 = ag.cummax %b {axis = 0 : i64} : tensor<2x3xi1> -> tensor<2x3xi1>
  %3 = ag.cummin %d {axis = 1 : i64} : tensor<?x3xf64> -> tensor<?x3xf64>
  return
}

// CHECK-LABEL: func.func @sorts(
// CHECK-SAME:    %[[F:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<9xi1>, %[[D:.*]]: tensor<?x3xi32>)
// CHECK:         %{{.*}} = ag.sort %[[F]] {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
// CHECK:         %{{.*}} = ag.sort %[[B]] {axis = 0 : i64, kind = 1 : i64} : tensor<9xi1> -> tensor<9xi1>
// CHECK:         %{{.*}} = ag.argsort %[[F]] {axis = 0 : i64, kind = 2 : i64} : tensor<4x5xf32> -> tensor<4x5xi64>
// CHECK:         %{{.*}} = ag.argsort %[[D]] {axis = 0 : i64} : tensor<?x3xi32> -> tensor<?x3xi64>
func.func @sorts(%f: tensor<4x5xf32>, %b: tensor<9xi1>, %d: tensor<?x3xi32>) {
  %0 = ag.sort %f {axis = 1 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
  %1 = ag.sort %b {axis = 0 : i64, kind = 1 : i64} : tensor<9xi1> -> tensor<9xi1>
  %2 = ag.argsort %f {axis = 0 : i64, kind = 2 : i64} : tensor<4x5xf32> -> tensor<4x5xi64>
  %3 = ag.argsort %d {axis = 0 : i64, kind = 0 : i64} : tensor<?x3xi32> -> tensor<?x3xi64>
  return
}

// CHECK-LABEL: func.func @partitions(
// CHECK-SAME:    %[[F:.*]]: tensor<5x2xf64>, %[[I:.*]]: tensor<2x5xi32>)
// CHECK:         %{{.*}} = ag.partition %[[F]] {axis = 0 : i64, kth = array<i64: 1, 3>} : tensor<5x2xf64> -> tensor<5x2xf64>
// CHECK:         %{{.*}} = ag.argpartition %[[I]] {axis = 1 : i64, kth = array<i64: 2, 2, 4>} : tensor<2x5xi32> -> tensor<2x5xi64>
func.func @partitions(%f: tensor<5x2xf64>, %i: tensor<2x5xi32>) {
  %0 = ag.partition %f {axis = 0 : i64, kth = array<i64: 1, 3>} : tensor<5x2xf64> -> tensor<5x2xf64>
  %1 = ag.argpartition %i {axis = 1 : i64, kth = array<i64: 2, 2, 4>} : tensor<2x5xi32> -> tensor<2x5xi64>
  return
}

// CHECK-LABEL: func.func @order_statistics(
// CHECK:         ag.order_statistics %{{.*}} {axis = 1 : i64, kth = array<i64: 0, 2, 2, 4>} : tensor<3x5xf64> -> tensor<3x4xf64>
// CHECK:         ag.order_statistics %{{.*}} {axis = 0 : i64, kth = array<i64: 1>} : tensor<?x2xi32> -> tensor<1x2xi32>
func.func @order_statistics(%f: tensor<3x5xf64>, %i: tensor<?x2xi32>) {
  %0 = ag.order_statistics %f {axis = 1 : i64, kth = array<i64: 0, 2, 2, 4>} : tensor<3x5xf64> -> tensor<3x4xf64>
  %1 = ag.order_statistics %i {axis = 0 : i64, kth = array<i64: 1>} : tensor<?x2xi32> -> tensor<1x2xi32>
  return
}

// CHECK-LABEL: func.func @searchsorted(
// CHECK-SAME:    %[[A:.*]]: tensor<8xf64>, %[[V:.*]]: tensor<5xf64>, %[[S:.*]]: tensor<8xi64>, %[[D:.*]]: tensor<?xi32>)
// CHECK:         %{{.*}} = ag.searchsorted %[[A]], %[[V]] : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
// CHECK:         %{{.*}} = ag.searchsorted %[[A]], %[[V]] sorter(%[[S]] : tensor<8xi64>) {right = true} : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
// CHECK:         %{{.*}} = ag.searchsorted %[[D]], %[[D]] : tensor<?xi32>, tensor<?xi32> -> tensor<?xi64>
func.func @searchsorted(%a: tensor<8xf64>, %v: tensor<5xf64>, %s: tensor<8xi64>, %d: tensor<?xi32>) {
  %0 = ag.searchsorted %a, %v : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
  %1 = ag.searchsorted %a, %v sorter(%s : tensor<8xi64>) {right = true} : tensor<8xf64>, tensor<5xf64> -> tensor<5xi64>
  %2 = ag.searchsorted %d, %d : tensor<?xi32>, tensor<?xi32> -> tensor<?xi64>
  return
}
