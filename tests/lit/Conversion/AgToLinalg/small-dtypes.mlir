// numpy's unsigned integers are `ui8` ... `ui64` in the ag dialect: convert-ag-to-linalg
// picks the unsigned arith ops for them (divui/remui, cmpi ult, maxui, extui, uitofp)
// and then makes every type signless. float16 ufuncs compute in float32 and round back
// after every op, as numpy's half loops do.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope

// Unsigned floor division is truncating division, with x // 0 = 0 (never a trap).
// CHECK-LABEL: func.func @floor_div_u8(
// CHECK-SAME:      %{{.*}}: tensor<4xi8>, %{{.*}}: tensor<4xi8>) -> tensor<4xi8>
// CHECK:         ^bb0(%[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i8):
// CHECK:           %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK:           %[[ISZ:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i8
// CHECK:           %[[SAFE:.*]] = arith.select %[[ISZ]], %{{.*}}, %[[Y]] : i8
// CHECK:           %[[Q:.*]] = arith.divui %[[X]], %[[SAFE]] : i8
// CHECK:           %[[R:.*]] = arith.select %[[ISZ]], %[[ZERO]], %[[Q]] : i8
// CHECK:           linalg.yield %[[R]] : i8
// CHECK-NOT:     ui8
func.func @floor_div_u8(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  %r = ag.floor_div %a, %b : tensor<4xui8>, tensor<4xui8> -> tensor<4xui8>
  return %r : tensor<4xui8>
}

// CHECK-LABEL: func.func @mod_u32(
// CHECK:         arith.remui %{{.*}}, %{{.*}} : i32
func.func @mod_u32(%a: tensor<4xui32>, %b: tensor<4xui32>) -> tensor<4xui32> {
  %r = ag.mod %a, %b : tensor<4xui32>, tensor<4xui32> -> tensor<4xui32>
  return %r : tensor<4xui32>
}

// Signed int8 keeps numpy's floor rules (divsi + fix-up).
// CHECK-LABEL: func.func @floor_div_i8(
// CHECK:         arith.divsi %{{.*}}, %{{.*}} : i8
func.func @floor_div_i8(%a: tensor<4xi8>, %b: tensor<4xi8>) -> tensor<4xi8> {
  %r = ag.floor_div %a, %b : tensor<4xi8>, tensor<4xi8> -> tensor<4xi8>
  return %r : tensor<4xi8>
}

// CHECK-LABEL: func.func @compare_u16(
// CHECK:         arith.cmpi ult, %{{.*}}, %{{.*}} : i16
func.func @compare_u16(%a: tensor<4xui16>, %b: tensor<4xui16>) -> tensor<4xi1> {
  %r = ag.lt %a, %b : tensor<4xui16>, tensor<4xui16> -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// CHECK-LABEL: func.func @maximum_u64(
// CHECK:         arith.maxui %{{.*}}, %{{.*}} : i64
func.func @maximum_u64(%a: tensor<4xui64>, %b: tensor<4xui64>) -> tensor<4xui64> {
  %r = ag.maximum %a, %b : tensor<4xui64>, tensor<4xui64> -> tensor<4xui64>
  return %r : tensor<4xui64>
}

// Widening follows the source's signedness; to float too.
// CHECK-LABEL: func.func @widen(
// CHECK:         arith.extui %{{.*}} : i8 to i32
// CHECK:         arith.extsi %{{.*}} : i8 to i32
// CHECK:         arith.uitofp %{{.*}} : i64 to f64
func.func @widen(%a: tensor<4xui8>, %b: tensor<4xi8>, %c: tensor<4xui64>)
    -> (tensor<4xi32>, tensor<4xi32>, tensor<4xf64>) {
  %x = ag.cast %a : tensor<4xui8> -> tensor<4xi32>
  %y = ag.cast %b : tensor<4xi8> -> tensor<4xi32>
  %z = ag.cast %c : tensor<4xui64> -> tensor<4xf64>
  return %x, %y, %z : tensor<4xi32>, tensor<4xi32>, tensor<4xf64>
}

// float -> uint8 goes through C's int32 conversion, then keeps the low byte.
// CHECK-LABEL: func.func @f32_to_u8(
// CHECK:         arith.fptosi %{{.*}} : f32 to i32
// CHECK:         arith.trunci %{{.*}} : i32 to i8
func.func @f32_to_u8(%a: tensor<4xf32>) -> tensor<4xui8> {
  %r = ag.cast %a : tensor<4xf32> -> tensor<4xui8>
  return %r : tensor<4xui8>
}

// abs of an unsigned value is itself; sign is 0 or 1.
// CHECK-LABEL: func.func @abs_sign_u8(
// CHECK-NOT:     math.absi
// CHECK:         arith.cmpi ne
func.func @abs_sign_u8(%a: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xui8>) {
  %x = ag.abs %a : tensor<4xui8> -> tensor<4xui8>
  %y = ag.sign %a : tensor<4xui8> -> tensor<4xui8>
  return %x, %y : tensor<4xui8>, tensor<4xui8>
}

// float16: widened, computed in float32, rounded back after the op.
// CHECK-LABEL: func.func @add_f16(
// CHECK:         ^bb0(%[[X:.*]]: f16, %[[Y:.*]]: f16, %{{.*}}: f16):
// CHECK-DAG:       %[[WX:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-DAG:       %[[WY:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK:           %[[S:.*]] = arith.addf %[[WX]], %[[WY]] : f32
// CHECK:           %[[R:.*]] = arith.truncf %[[S]] : f32 to f16
// CHECK:           linalg.yield %[[R]] : f16
func.func @add_f16(%a: tensor<4xf16>, %b: tensor<4xf16>) -> tensor<4xf16> {
  %r = ag.add %a, %b : tensor<4xf16>, tensor<4xf16> -> tensor<4xf16>
  return %r : tensor<4xf16>
}

// Unsigned constants keep their bits.
// CHECK-LABEL: func.func @constant_u8(
// CHECK:         arith.constant dense<[-1, 0, 127, -128]> : tensor<4xi8>
func.func @constant_u8() -> tensor<4xui8> {
  %c = ag.constant dense<[255, 0, 127, 128]> : tensor<4xui8>
  return %c : tensor<4xui8>
}

// A print of unsigned values remembers their signedness for its callback's name.
// CHECK-LABEL: func.func @print_u8(
// CHECK:         ag.print {{.*}}ag.unsigned = array<i1: true, false>{{.*}} : tensor<4xi8>, tensor<4xi8>
func.func @print_u8(%a: tensor<4xui8>, %b: tensor<4xi8>) {
  ag.print %a, %b {callback = 0 : i64} : tensor<4xui8>, tensor<4xi8>
  return
}

// A contiguous float16 sum: numpy's pairwise sum of the run in float32, added to the
// float16 result in float32 and rounded back (HALF_add's reduce loop).
// CHECK-LABEL: func.func @sum_f16(
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK:         ^bb0(%[[PART:.*]]: f32, %[[ACC:.*]]: f16):
// CHECK:           %[[W:.*]] = arith.extf %[[ACC]] : f16 to f32
// CHECK:           %[[S:.*]] = arith.addf %[[W]], %[[PART]] : f32
// CHECK:           %[[R:.*]] = arith.truncf %[[S]] : f32 to f16
// CHECK:           linalg.yield %[[R]] : f16
func.func @sum_f16(%a: tensor<64xf16>) -> tensor<f16> {
  %r = ag.sum %a {axes = array<i64: 0>} : tensor<64xf16> -> tensor<f16>
  return %r : tensor<f16>
}

// An unsigned argmax compares unsigned.
// CHECK-LABEL: func.func @argmax_u32(
// CHECK:         arith.cmpi ugt
func.func @argmax_u32(%a: tensor<64xui32>) -> tensor<i64> {
  %r = ag.argmax %a {axis = 0 : i64} : tensor<64xui32> -> tensor<i64>
  return %r : tensor<i64>
}
