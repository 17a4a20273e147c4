// A print of numpy's small and unsigned dtypes: convert-ag-to-linalg makes the values
// signless but records which were unsigned (`ag.unsigned`), so bufferization calls the
// callback of the value's numpy dtype (u8, not i8; f16).
// RUN: ag-opt %s --ag-to-linalg --ag-bufferize | FileCheck %s

// CHECK-LABEL: func.func @f(
// CHECK: call @ag_rt_print_u8(%{{.*}}, %{{.*}}) : (i64, memref<*xi8>) -> ()
// CHECK: call @ag_rt_print_i8(%{{.*}}, %{{.*}}) : (i64, memref<*xi8>) -> ()
// CHECK: call @ag_rt_print_f16(%{{.*}}, %{{.*}}) : (i64, memref<*xf16>) -> ()
// CHECK: call @ag_rt_print_u64(%{{.*}}, %{{.*}}) : (i64, memref<*xi64>) -> ()
// CHECK: call @ag_rt_print_end(%{{.*}}) : (i64) -> ()
func.func @f(%a: tensor<4xui8>, %b: tensor<4xi8>, %c: tensor<2xf16>, %d: tensor<ui64>) {
  ag.print %a, %b, %c, %d {callback = 1 : i64} : tensor<4xui8>, tensor<4xi8>, tensor<2xf16>, tensor<ui64>
  return
}
