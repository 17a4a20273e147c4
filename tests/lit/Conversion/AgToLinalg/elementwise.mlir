// Elementwise ag ops become one all-parallel linalg.generic each, reading operands through
// numpy-broadcasting indexing maps; the body is the op's scalar meaning per element type.
//
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --enable-var-scope
// RUN: ag-opt %s -convert-ag-to-linalg | FileCheck %s --check-prefix=NOAG

// Every ag op is converted.
// NOAG-NOT: {{[ ]ag\.}}

// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$SCALAR1:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW2:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$COL2:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$FIRST2:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[$SCALAR2:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$MID3:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[$LAST3:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>

// A lower-rank operand drops the leading loop dims.
// CHECK-LABEL: func.func @add_broadcast_row(
// CHECK-SAME:    %[[A:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<4x3xf32>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$ROW2]], #[[$ID2]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<4x3xf32>, tensor<3xf32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<4x3xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK:         } -> tensor<4x3xf32>
// CHECK:         return %[[R]]
func.func @add_broadcast_row(%a: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %r = ag.add %a, %b : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// Static size-1 dims that stretch read index 0; both operands stretch here.
// CHECK-LABEL: func.func @sub_stretch_both(
// CHECK-SAME:    %[[A:.*]]: tensor<2x1x5xi32>, %[[B:.*]]: tensor<3x1xi32>)
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<2x3x5xi32>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$MID3]], #[[$LAST3]], #[[$ID3]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<2x1x5xi32>, tensor<3x1xi32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<2x3x5xi32>)
// CHECK:         ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK:           %[[S:.*]] = arith.subi %[[X]], %[[Y]] : i32
// CHECK:           linalg.yield %[[S]] : i32
func.func @sub_stretch_both(%a: tensor<2x1x5xi32>, %b: tensor<3x1xi32>) -> tensor<2x3x5xi32> {
  %r = ag.sub %a, %b : tensor<2x1x5xi32>, tensor<3x1xi32> -> tensor<2x3x5xi32>
  return %r : tensor<2x3x5xi32>
}

// A 0-d operand is read with an empty map.
// CHECK-LABEL: func.func @mul_scalar_lhs(
// CHECK-SAME:    %[[A:.*]]: tensor<f64>, %[[B:.*]]: tensor<4xf64>)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$SCALAR1]], #[[$ID1]], #[[$ID1]]]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<f64>, tensor<4xf64>)
// CHECK:           arith.mulf
func.func @mul_scalar_lhs(%a: tensor<f64>, %b: tensor<4xf64>) -> tensor<4xf64> {
  %r = ag.mul %a, %b : tensor<f64>, tensor<4xf64> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// A dynamic result dim takes its size from the operand that has it (with several such
// operands, the smallest size, at which all are viewed: see add_dynamic_facing_static).
// CHECK-LABEL: func.func @add_dynamic(
// CHECK-SAME:    %[[A:.*]]: tensor<1x3xf32>, %[[B:.*]]: tensor<?x3xf32>)
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[D:.*]] = tensor.dim %[[B]], %[[C0]] : tensor<?x3xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<?x3xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$FIRST2]], #[[$ID2]], #[[$ID2]]]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<1x3xf32>, tensor<?x3xf32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<?x3xf32>)
// CHECK:         } -> tensor<?x3xf32>
func.func @add_dynamic(%a: tensor<1x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = ag.add %a, %b : tensor<1x3xf32>, tensor<?x3xf32> -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// A dynamic dim facing a static size > 1 stays dynamic (the staging runtime checks that
// the sizes match): the result has the smaller size and every operand is viewed at it,
// so a mismatch never reads or writes past an end. No broadcast: identity maps.
// CHECK-LABEL: func.func @add_dynamic_facing_static(
// CHECK-SAME:    %[[A:.*]]: tensor<?xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK:         %[[DA:.*]] = tensor.dim %[[A]]
// CHECK:         %[[N:.*]] = arith.minui %[[DA]], %{{.*}} : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK:         %[[SA:.*]] = tensor.extract_slice %[[A]][0] [%{{.*}}] [1]
// CHECK:         %[[SB:.*]] = tensor.extract_slice %[[B]][0] [%{{.*}}] [1] : tensor<4xf32> to tensor<?xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[ID:.*]], #[[ID]], #[[ID]]]
// CHECK-SAME:      ins(%[[SA]], %[[SB]] : tensor<?xf32>, tensor<?xf32>) outs(%[[E]] : tensor<?xf32>)
func.func @add_dynamic_facing_static(%a: tensor<?xf32>, %b: tensor<4xf32>) -> tensor<?xf32> {
  %r = ag.add %a, %b : tensor<?xf32>, tensor<4xf32> -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// 0-d result: scalar arithmetic, no generic (canonicalization folds the extracts of
// from_elements between chained scalar ops).
// CHECK-LABEL: func.func @div_scalars(
// CHECK-NEXT:    %[[A:.*]] = tensor.extract %arg0[] : tensor<f32>
// CHECK-NEXT:    %[[B:.*]] = tensor.extract %arg1[] : tensor<f32>
// CHECK-NEXT:    %[[Q:.*]] = arith.divf %[[A]], %[[B]] : f32
// CHECK-NEXT:    %[[R:.*]] = tensor.from_elements %[[Q]] : tensor<f32>
// CHECK-NEXT:    return %[[R]]
func.func @div_scalars(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %r = ag.div %a, %b : tensor<f32>, tensor<f32> -> tensor<f32>
  return %r : tensor<f32>
}

// Bool arithmetic is logic: add is or, mul is and, maximum is or, minimum is and.
// CHECK-LABEL: func.func @bool_arith(
// CHECK:         ^bb0(%[[X0:.*]]: i1, %[[Y0:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[R0:.*]] = arith.ori %[[X0]], %[[Y0]] : i1
// CHECK-NEXT:      linalg.yield %[[R0]]
// CHECK:         ^bb0(%[[X1:.*]]: i1, %[[Y1:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[R1:.*]] = arith.andi %[[X1]], %[[Y1]] : i1
// CHECK-NEXT:      linalg.yield %[[R1]]
// CHECK:         ^bb0(%[[X2:.*]]: i1, %[[Y2:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[R2:.*]] = arith.ori %[[X2]], %[[Y2]] : i1
// CHECK-NEXT:      linalg.yield %[[R2]]
// CHECK:         ^bb0(%[[X3:.*]]: i1, %[[Y3:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[R3:.*]] = arith.andi %[[X3]], %[[Y3]] : i1
// CHECK-NEXT:      linalg.yield %[[R3]]
func.func @bool_arith(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  %0 = ag.add %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %1 = ag.mul %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %2 = ag.maximum %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %3 = ag.minimum %a, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// maximum/minimum propagate NaN for floats (the first operand's NaN is selected
// explicitly, the second's falls out of the ordered compare) and return the second
// operand on ties (numpy: maximum(0.0, -0.0) is -0.0); signed for integers.
// CHECK-LABEL: func.func @max_min(
// CHECK:           %[[GT:.*]] = arith.cmpf ogt, %[[A:.*]], %[[B:.*]] : f32
// CHECK:           %[[N:.*]] = arith.cmpf uno, %[[A]], %[[A]] : f32
// CHECK:           %[[T:.*]] = arith.ori %[[N]], %[[GT]] : i1
// CHECK:           arith.select %[[T]], %[[A]], %[[B]] : f32
// CHECK:           arith.cmpf olt, %{{.*}}, %{{.*}} : f64
// CHECK:           arith.maxsi %{{.*}}, %{{.*}} : i32
// CHECK:           arith.minsi %{{.*}}, %{{.*}} : i64
func.func @max_min(%f: tensor<4xf32>, %d: tensor<4xf64>, %i: tensor<4xi32>, %l: tensor<4xi64>) {
  %0 = ag.maximum %f, %f : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %1 = ag.minimum %d, %d : tensor<4xf64>, tensor<4xf64> -> tensor<4xf64>
  %2 = ag.maximum %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %3 = ag.minimum %l, %l : tensor<4xi64>, tensor<4xi64> -> tensor<4xi64>
  return
}

// Integer floor division never traps: the divisor is replaced by 1 where it is 0 or where
// INT_MIN // -1 would overflow, the quotient steps down when the signs differ, and x // 0
// is 0.
// CHECK-LABEL: func.func @floor_div_i32(
// CHECK-SAME:    %[[A:.*]]: tensor<4xi32>, %[[B:.*]]: tensor<4xi32>)
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<4xi32>, tensor<4xi32>)
// CHECK:         ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG:       %[[MINUS1:.*]] = arith.constant -1 : i32
// CHECK-DAG:       %[[INTMIN:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG:       %[[YZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i32
// CHECK-DAG:       %[[YM1:.*]] = arith.cmpi eq, %[[Y]], %[[MINUS1]] : i32
// CHECK-DAG:       %[[XMIN:.*]] = arith.cmpi eq, %[[X]], %[[INTMIN]] : i32
// CHECK:           %[[OVF:.*]] = arith.andi %[[XMIN]], %[[YM1]] : i1
// CHECK:           %[[UNSAFE:.*]] = arith.ori %[[YZERO]], %[[OVF]] : i1
// CHECK:           %[[SAFE:.*]] = arith.select %[[UNSAFE]], %[[ONE]], %[[Y]] : i32
// CHECK:           %[[Q:.*]] = arith.divsi %[[X]], %[[SAFE]] : i32
// CHECK:           %[[REM:.*]] = arith.remsi %[[X]], %[[SAFE]] : i32
// CHECK-DAG:       %[[SNEG:.*]] = arith.cmpi slt, %[[SAFE]], %[[ZERO]] : i32
// CHECK-DAG:       %[[RNEG:.*]] = arith.cmpi slt, %[[REM]], %[[ZERO]] : i32
// CHECK-DAG:       %[[DIFF:.*]] = arith.cmpi ne, %[[RNEG]], %[[SNEG]] : i1
// CHECK-DAG:       %[[RNZ:.*]] = arith.cmpi ne, %[[REM]], %[[ZERO]] : i32
// CHECK:           %[[ADJ:.*]] = arith.andi %[[RNZ]], %[[DIFF]] : i1
// CHECK:           %[[QM1:.*]] = arith.subi %[[Q]], %[[ONE]] : i32
// CHECK:           %[[FLOOR:.*]] = arith.select %[[ADJ]], %[[QM1]], %[[Q]] : i32
// CHECK:           %[[RES:.*]] = arith.select %[[YZERO]], %[[ZERO]], %[[FLOOR]] : i32
// CHECK:           linalg.yield %[[RES]] : i32
// CHECK-NOT:       arith.divsi
func.func @floor_div_i32(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %r = ag.floor_div %a, %b : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// Integer remainder: same safe divisor (INT64_MIN for i64), the remainder takes the
// divisor's sign, and x % 0 is 0.
// CHECK-LABEL: func.func @mod_i64(
// CHECK:         ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %{{.*}}: i64):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-DAG:       %[[INTMIN:.*]] = arith.constant -9223372036854775808 : i64
// CHECK-DAG:       %[[YZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i64
// CHECK-DAG:       %[[XMIN:.*]] = arith.cmpi eq, %[[X]], %[[INTMIN]] : i64
// CHECK:           %[[SAFE:.*]] = arith.select %{{.*}}, %[[ONE]], %[[Y]] : i64
// CHECK:           %[[REM:.*]] = arith.remsi %[[X]], %[[SAFE]] : i64
// CHECK:           %[[ADJ:.*]] = arith.andi
// CHECK:           %[[SUM:.*]] = arith.addi %[[REM]], %[[SAFE]] : i64
// CHECK:           %[[FIXED:.*]] = arith.select %[[ADJ]], %[[SUM]], %[[REM]] : i64
// CHECK:           %[[RES:.*]] = arith.select %[[YZERO]], %[[ZERO]], %[[FIXED]] : i64
// CHECK:           linalg.yield %[[RES]] : i64
func.func @mod_i64(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  %r = ag.mod %a, %b : tensor<4xi64>, tensor<4xi64> -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// Float remainder follows npy_divmod: fmod (remf), moved into the divisor's sign, a zero
// result takes the divisor's sign (copysign), and x % 0 is fmod's NaN.
// CHECK-LABEL: func.func @mod_f32(
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[MOD:.*]] = arith.remf %[[X]], %[[Y]] : f32
// CHECK:           %[[YZERO:.*]] = arith.cmpf oeq, %[[Y]], %[[ZERO]] : f32
// CHECK:           %[[MODNZ:.*]] = arith.cmpf une, %[[MOD]], %[[ZERO]] : f32
// CHECK-DAG:       %[[MODNEG:.*]] = arith.cmpf olt, %[[MOD]], %[[ZERO]] : f32
// CHECK-DAG:       %[[YNEG:.*]] = arith.cmpf olt, %[[Y]], %[[ZERO]] : f32
// CHECK:           %[[DIFF:.*]] = arith.xori %[[YNEG]], %[[MODNEG]] : i1
// CHECK:           %[[FIX:.*]] = arith.andi %[[MODNZ]], %[[DIFF]] : i1
// CHECK:           %[[SUM:.*]] = arith.addf %[[MOD]], %[[Y]] : f32
// CHECK:           %[[FIXED:.*]] = arith.select %[[FIX]], %[[SUM]], %[[MOD]] : f32
// CHECK:           %[[SZERO:.*]] = math.copysign %[[ZERO]], %[[Y]] : f32
// CHECK:           %[[NZ:.*]] = arith.select %[[MODNZ]], %[[FIXED]], %[[SZERO]] : f32
// CHECK:           %[[RES:.*]] = arith.select %[[YZERO]], %[[MOD]], %[[NZ]] : f32
// CHECK:           linalg.yield %[[RES]] : f32
func.func @mod_f32(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %r = ag.mod %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// Float floor division: (x - fmod(x, y)) / y, stepped down when signs differ, floored and
// snapped; x // 0 is x / 0.
// CHECK-LABEL: func.func @floor_div_f64(
// CHECK:         ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: f64):
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:           %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK:           %[[HALF:.*]] = arith.constant 5.000000e-01 : f64
// CHECK:           %[[MOD:.*]] = arith.remf %[[X]], %[[Y]] : f64
// CHECK:           %[[YZERO:.*]] = arith.cmpf oeq, %[[Y]], %[[ZERO]] : f64
// CHECK:           %[[FIX:.*]] = arith.andi
// CHECK:           %[[XM:.*]] = arith.subf %[[X]], %[[MOD]] : f64
// CHECK:           %[[DIV:.*]] = arith.divf %[[XM]], %[[Y]] : f64
// CHECK:           %[[DM1:.*]] = arith.subf %[[DIV]], %[[ONE]] : f64
// CHECK:           %[[DIV2:.*]] = arith.select %[[FIX]], %[[DM1]], %[[DIV]] : f64
// CHECK:           %[[FL:.*]] = math.floor %[[DIV2]] : f64
// CHECK:           %[[FRAC:.*]] = arith.subf %[[DIV2]], %[[FL]] : f64
// CHECK:           %[[SNAP:.*]] = arith.cmpf ogt, %[[FRAC]], %[[HALF]] : f64
// CHECK:           %[[UP:.*]] = arith.addf %[[FL]], %[[ONE]] : f64
// CHECK:           %[[FL2:.*]] = arith.select %[[SNAP]], %[[UP]], %[[FL]] : f64
// CHECK:           %[[QUOT:.*]] = arith.divf %[[X]], %[[Y]] : f64
// CHECK:           %[[DNZ:.*]] = arith.cmpf une, %[[DIV2]], %[[ZERO]] : f64
// CHECK:           %[[SZERO:.*]] = math.copysign %[[ZERO]], %[[QUOT]] : f64
// CHECK:           %[[NZ:.*]] = arith.select %[[DNZ]], %[[FL2]], %[[SZERO]] : f64
// CHECK:           %[[RES:.*]] = arith.select %[[YZERO]], %[[QUOT]], %[[NZ]] : f64
// CHECK:           linalg.yield %[[RES]] : f64
func.func @floor_div_f64(%a: tensor<4xf64>, %b: tensor<4xf64>) -> tensor<4xf64> {
  %r = ag.floor_div %a, %b : tensor<4xf64>, tensor<4xf64> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// Float pow is math.powf; integer pow is exact repeated squaring in an scf.while, with
// negative exponents giving 1, +-1 or 0.
// CHECK-LABEL: func.func @pow(
// CHECK:         ^bb0(%[[FX:.*]]: f32, %[[FY:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[P:.*]] = math.powf %[[FX]], %[[FY]] : f32
// CHECK-NEXT:      linalg.yield %[[P]] : f32
// CHECK:         ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %{{.*}}: i64):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1 : i64
// CHECK:           %[[LOOP:.*]]:3 = scf.while (%[[ACC:.*]] = %[[ONE]], %[[BASE:.*]] = %[[X]], %[[EXP:.*]] = %[[Y]]) : (i64, i64, i64) -> (i64, i64, i64)
// CHECK:             %[[MORE:.*]] = arith.cmpi sgt, %[[EXP]], %[[ZERO]] : i64
// CHECK:             scf.condition(%[[MORE]])
// CHECK:           } do {
// CHECK:             arith.muli
// CHECK:             arith.muli
// CHECK:             arith.shrui
// CHECK:             scf.yield
// CHECK:           %[[NEG:.*]] = arith.cmpi slt, %[[Y]], %[[ZERO]] : i64
// CHECK:           %[[RES:.*]] = arith.select %[[NEG]], %{{.*}}, %[[LOOP]]#0 : i64
// CHECK:           linalg.yield %[[RES]] : i64
func.func @pow(%f: tensor<4xf32>, %i: tensor<4xi64>) {
  %0 = ag.pow %f, %f : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %1 = ag.pow %i, %i : tensor<4xi64>, tensor<4xi64> -> tensor<4xi64>
  return
}

// Comparisons: ordered float predicates except ne (une: true with NaN), signed integer
// predicates, unsigned for bool (false < true).
// CHECK-LABEL: func.func @compare(
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<4xi1>
// CHECK:         linalg.generic {{.*}} outs(%[[INIT]] : tensor<4xi1>)
// CHECK:           arith.cmpf oeq, %{{.*}}, %{{.*}} : f32
// CHECK:           arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK:           arith.cmpf olt, %{{.*}}, %{{.*}} : f64
// CHECK:           arith.cmpf ole, %{{.*}}, %{{.*}} : f64
// CHECK:           arith.cmpf ogt, %{{.*}}, %{{.*}} : f32
// CHECK:           arith.cmpf oge, %{{.*}}, %{{.*}} : f32
// CHECK:           arith.cmpi slt, %{{.*}}, %{{.*}} : i32
// CHECK:           arith.cmpi sge, %{{.*}}, %{{.*}} : i64
// CHECK:           arith.cmpi ne, %{{.*}}, %{{.*}} : i64
// CHECK:           arith.cmpi ult, %{{.*}}, %{{.*}} : i1
// CHECK:           arith.cmpi ule, %{{.*}}, %{{.*}} : i1
// CHECK:           arith.cmpi ugt, %{{.*}}, %{{.*}} : i1
// CHECK:           arith.cmpi uge, %{{.*}}, %{{.*}} : i1
// CHECK:           arith.cmpi eq, %{{.*}}, %{{.*}} : i1
func.func @compare(%f: tensor<4xf32>, %d: tensor<4xf64>, %i: tensor<4xi32>, %l: tensor<4xi64>, %b: tensor<4xi1>) {
  %0 = ag.eq %f, %f : tensor<4xf32>, tensor<4xf32> -> tensor<4xi1>
  %1 = ag.ne %f, %f : tensor<4xf32>, tensor<4xf32> -> tensor<4xi1>
  %2 = ag.lt %d, %d : tensor<4xf64>, tensor<4xf64> -> tensor<4xi1>
  %3 = ag.le %d, %d : tensor<4xf64>, tensor<4xf64> -> tensor<4xi1>
  %4 = ag.gt %f, %f : tensor<4xf32>, tensor<4xf32> -> tensor<4xi1>
  %5 = ag.ge %f, %f : tensor<4xf32>, tensor<4xf32> -> tensor<4xi1>
  %6 = ag.lt %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi1>
  %7 = ag.ge %l, %l : tensor<4xi64>, tensor<4xi64> -> tensor<4xi1>
  %8 = ag.ne %l, %l : tensor<4xi64>, tensor<4xi64> -> tensor<4xi1>
  %9 = ag.lt %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %10 = ag.le %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %11 = ag.gt %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %12 = ag.ge %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %13 = ag.eq %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// A comparison of broadcast float operands still yields an i1 tensor of the result shape.
// CHECK-LABEL: func.func @ne_broadcast(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf64>, %[[B:.*]]: tensor<f64>)
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<2x3xi1>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$SCALAR2]], #[[$ID2]]]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<2x3xf64>, tensor<f64>) outs(%[[INIT]] : tensor<2x3xi1>)
// CHECK:         ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: i1):
// CHECK-NEXT:      %[[C:.*]] = arith.cmpf une, %[[X]], %[[Y]] : f64
// CHECK-NEXT:      linalg.yield %[[C]] : i1
func.func @ne_broadcast(%a: tensor<2x3xf64>, %b: tensor<f64>) -> tensor<2x3xi1> {
  %r = ag.ne %a, %b : tensor<2x3xf64>, tensor<f64> -> tensor<2x3xi1>
  return %r : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @logical_bitwise(
// CHECK:           arith.andi %{{.*}}, %{{.*}} : i1
// CHECK:           arith.ori %{{.*}}, %{{.*}} : i1
// CHECK:           arith.xori %{{.*}}, %{{.*}} : i1
// CHECK:           arith.andi %{{.*}}, %{{.*}} : i32
// CHECK:           arith.ori %{{.*}}, %{{.*}} : i64
// CHECK:           arith.xori %{{.*}}, %{{.*}} : i1
func.func @logical_bitwise(%b: tensor<4xi1>, %i: tensor<4xi32>, %l: tensor<4xi64>) {
  %0 = ag.logical_and %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %1 = ag.logical_or %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %2 = ag.logical_xor %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  %3 = ag.bitwise_and %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %4 = ag.bitwise_or %l, %l : tensor<4xi64>, tensor<4xi64> -> tensor<4xi64>
  %5 = ag.bitwise_xor %b, %b : tensor<4xi1>, tensor<4xi1> -> tensor<4xi1>
  return
}

// CHECK-LABEL: func.func @unary(
// neg on integers is 0 - x.
// CHECK:         ^bb0(%[[N:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[NEG:.*]] = arith.subi %[[Z]], %[[N]] : i32
// CHECK-NEXT:      linalg.yield %[[NEG]]
// abs of bool is the identity.
// CHECK:         ^bb0(%[[AB:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      linalg.yield %[[AB]] : i1
// sign of a float: 1, -1, or x itself for 0 and NaN (0 replaced by +0).
// CHECK:         ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[SZ:.*]] = arith.cmpf oeq, %[[S]], %{{.*}} : f32
// CHECK:           %[[S1:.*]] = arith.select %[[SZ]], %{{.*}}, %[[S]] : f32
// CHECK:           %[[SN:.*]] = arith.cmpf olt, %[[S]], %{{.*}} : f32
// CHECK:           %[[S2:.*]] = arith.select %[[SN]], %{{.*}}, %[[S1]] : f32
// CHECK:           %[[SP:.*]] = arith.cmpf ogt, %[[S]], %{{.*}} : f32
// CHECK:           %[[S3:.*]] = arith.select %[[SP]], %{{.*}}, %[[S2]] : f32
// CHECK:           linalg.yield %[[S3]] : f32
// logical_not is xor with true, bitwise_not xor with -1.
// CHECK:           %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:      arith.xori %{{.*}}, %[[TRUE]] : i1
// CHECK:           %[[ALL:.*]] = arith.constant -1 : i32
// CHECK-NEXT:      arith.xori %{{.*}}, %[[ALL]] : i32
// isnan: unordered self-compare; isinf / isfinite compare |x| with +inf.
// CHECK:         ^bb0(%[[NAN:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT:      arith.cmpf uno, %[[NAN]], %[[NAN]] : f32
// CHECK:           %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK:           %[[ABS:.*]] = math.absf
// CHECK:           arith.cmpf oeq, %[[ABS]], %[[INF]] : f32
// CHECK:           %[[INF2:.*]] = arith.constant 0x7F800000 : f32
// CHECK:           %[[ABS2:.*]] = math.absf
// CHECK:           arith.cmpf olt, %[[ABS2]], %[[INF2]] : f32
// round is half to even.
// CHECK:           math.roundeven %{{.*}} : f32
// CHECK:           math.atan %{{.*}} : f32
// CHECK:           math.tanh %{{.*}} : f64
// f64 expm1 avoids exp(x) - 1 cancellation: (u - 1) * (x / log(u)), u = exp(x).
// CHECK:         ^bb0(%[[EX:.*]]: f64, %{{.*}}: f64):
// CHECK:           %[[U:.*]] = math.exp %[[EX]] : f64
// CHECK:           %[[UM1:.*]] = arith.subf %[[U]], %{{.*}} : f64
// CHECK:           %[[LOG:.*]] = math.log %[[U]] : f64
// CHECK:           %[[Q:.*]] = arith.divf %[[EX]], %[[LOG]] : f64
// CHECK:           arith.mulf %[[UM1]], %[[Q]] : f64
// CHECK:           %[[ENAN:.*]] = arith.cmpf uno, %[[EX]], %[[EX]] : f64
// CHECK:           %[[ER:.*]] = arith.select %[[ENAN]], %[[EX]], %{{.*}} : f64
// CHECK-NEXT:      linalg.yield %[[ER]] : f64
// CHECK:           math.log1p %{{.*}} : f32
// CHECK:           math.erf %{{.*}} : f32
// CHECK:           math.trunc %{{.*}} : f64
func.func @unary(%f: tensor<3xf32>, %i: tensor<3xi32>, %b: tensor<3xi1>, %d: tensor<3xf64>) {
  %0 = ag.neg %i : tensor<3xi32> -> tensor<3xi32>
  %1 = ag.abs %b : tensor<3xi1> -> tensor<3xi1>
  %2 = ag.sign %f : tensor<3xf32> -> tensor<3xf32>
  %3 = ag.logical_not %b : tensor<3xi1> -> tensor<3xi1>
  %4 = ag.bitwise_not %i : tensor<3xi32> -> tensor<3xi32>
  %5 = ag.isnan %f : tensor<3xf32> -> tensor<3xi1>
  %6 = ag.isinf %f : tensor<3xf32> -> tensor<3xi1>
  %7 = ag.isfinite %f : tensor<3xf32> -> tensor<3xi1>
  %8 = ag.round %f : tensor<3xf32> -> tensor<3xf32>
  %9 = ag.arctan %f : tensor<3xf32> -> tensor<3xf32>
  %10 = ag.tanh %d : tensor<3xf64> -> tensor<3xf64>
  %11 = ag.expm1 %d : tensor<3xf64> -> tensor<3xf64>
  %12 = ag.log1p %f : tensor<3xf32> -> tensor<3xf32>
  %13 = ag.erf %f : tensor<3xf32> -> tensor<3xf32>
  %14 = ag.trunc %d : tensor<3xf64> -> tensor<3xf64>
  return
}

// Unary ops keep dynamic dims.
// CHECK-LABEL: func.func @exp_dynamic(
// CHECK-SAME:    %[[A:.*]]: tensor<2x?xf32>)
// CHECK:         %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[D:.*]] = tensor.dim %[[A]], %[[C1]] : tensor<2x?xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<2x?xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[A]] : tensor<2x?xf32>) outs(%[[INIT]] : tensor<2x?xf32>)
// exp passes NaN through explicitly (the f32 approximation would not).
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[X]] : f32
// CHECK-NEXT:      %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[NAN]], %[[X]], %[[E]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @exp_dynamic(%a: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %r = ag.exp %a : tensor<2x?xf32> -> tensor<2x?xf32>
  return %r : tensor<2x?xf32>
}

// numpy's astype: floats truncate to integers, anything to bool is x != 0 (une: NaN is
// true), bool to numbers is unsigned, integers sign-extend or truncate.
// CHECK-LABEL: func.func @cast(
// CHECK:           arith.fptosi %{{.*}} : f32 to i32
// CHECK:           %[[FZ:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      arith.cmpf une, %{{.*}}, %[[FZ]] : f64
// CHECK:           arith.uitofp %{{.*}} : i1 to f64
// CHECK:           arith.extsi %{{.*}} : i32 to i64
// CHECK:           arith.trunci %{{.*}} : i64 to i32
// CHECK:           arith.extui %{{.*}} : i1 to i32
// CHECK:           arith.truncf %{{.*}} : f64 to f32
// CHECK:           arith.extf %{{.*}} : f32 to f64
// CHECK:           arith.sitofp %{{.*}} : i64 to f32
// CHECK:           %[[IZ:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      arith.cmpi ne, %{{.*}}, %[[IZ]] : i32
func.func @cast(%f: tensor<3xf32>, %d: tensor<3xf64>, %i: tensor<3xi32>, %l: tensor<3xi64>, %b: tensor<3xi1>) {
  %0 = ag.cast %f : tensor<3xf32> -> tensor<3xi32>
  %1 = ag.cast %d : tensor<3xf64> -> tensor<3xi1>
  %2 = ag.cast %b : tensor<3xi1> -> tensor<3xf64>
  %3 = ag.cast %i : tensor<3xi32> -> tensor<3xi64>
  %4 = ag.cast %l : tensor<3xi64> -> tensor<3xi32>
  %5 = ag.cast %b : tensor<3xi1> -> tensor<3xi32>
  %6 = ag.cast %d : tensor<3xf64> -> tensor<3xf32>
  %7 = ag.cast %f : tensor<3xf32> -> tensor<3xf64>
  %8 = ag.cast %l : tensor<3xi64> -> tensor<3xf32>
  %9 = ag.cast %i : tensor<3xi32> -> tensor<3xi1>
  return
}

// All three select operands broadcast.
// CHECK-LABEL: func.func @select(
// CHECK-SAME:    %[[C:.*]]: tensor<3x1xi1>, %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<f32>)
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<3x4xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$COL2]], #[[$ROW2]], #[[$SCALAR2]], #[[$ID2]]]
// CHECK-SAME:      ins(%[[C]], %[[A]], %[[B]] : tensor<3x1xi1>, tensor<4xf32>, tensor<f32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<3x4xf32>)
// CHECK:         ^bb0(%[[CC:.*]]: i1, %[[AA:.*]]: f32, %[[BB:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.select %[[CC]], %[[AA]], %[[BB]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
func.func @select(%c: tensor<3x1xi1>, %a: tensor<4xf32>, %b: tensor<f32>) -> tensor<3x4xf32> {
  %r = ag.select %c, %a, %b : tensor<3x1xi1>, tensor<4xf32>, tensor<f32> -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @constant(
// CHECK:         %[[C:.*]] = arith.constant dense<[3, -4]> : tensor<2xi64>
// CHECK:         return %[[C]] : tensor<2xi64>
func.func @constant() -> tensor<2xi64> {
  %c = ag.constant dense<[3, -4]> : tensor<2xi64>
  return %c : tensor<2xi64>
}

