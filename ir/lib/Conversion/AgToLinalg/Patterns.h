//===- Patterns.h - ag to linalg pattern families ---------------*- C++ -*-===//
//
// The ag -> linalg conversion is split by op family, one file each (Indexing.cpp holds
// gather, scatter and nonzero); this header declares their populate functions and the
// helpers they share (empty tensors, broadcasting indexing maps, scalar constants,
// numpy's pairwise sum).
//
//===----------------------------------------------------------------------===//

#ifndef AG_LIB_CONVERSION_AGTOLINALG_PATTERNS_H
#define AG_LIB_CONVERSION_AGTOLINALG_PATTERNS_H

#include "ag/IR/AgOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir {
namespace ag {

void populateElementwisePatterns(RewritePatternSet &patterns);
/// Elementwise ops on complex operands (Complex.cpp); they take precedence.
void populateComplexPatterns(RewritePatternSet &patterns);
void populateReductionPatterns(RewritePatternSet &patterns);
void populateLinearPatterns(RewritePatternSet &patterns);
void populateDataMovementPatterns(RewritePatternSet &patterns);
void populateIndexingPatterns(RewritePatternSet &patterns);
void populateScanPatterns(RewritePatternSet &patterns);

namespace lowering {

/// A `tensor.empty` of `type`. Dynamic result dims take their size from the first of
/// `shapeSources` whose right-aligned dim at that position is not a static 1 (numpy's
/// broadcasting makes them equal).
Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type,
                  ValueRange shapeSources = {});

/// `createEmpty` filled with `value`.
Value createFilled(OpBuilder &b, Location loc, RankedTensorType type, Value value,
                   ValueRange shapeSources = {});

/// The indexing map reading `operandType` inside a loop nest over `resultRank` dims with
/// numpy broadcasting: leading dims are dropped and static size-1 dims read index 0.
AffineMap broadcastMap(MLIRContext *ctx, RankedTensorType operandType,
                       ArrayRef<int64_t> resultShape);

/// Builds `linalg.generic` over all-parallel loops computing `body(scalars...)` for each
/// element of `resultType`, reading `inputs` with broadcasting maps.
Value buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// The complex product acc * x as numpy 1.24's scalar multiply loop computes it in its
/// reductions and accumulations (np.prod, np.cumprod): for complex128, GCC contracts
/// the loop, built for the AVX2/AVX-512 targets numpy dispatches to, into
/// re = fma(ar, xr, -(ai * xi)), im = fma(ar, xi, ai * xr); complex64's is the plain
/// formula (measured against numpy 1.24 bit for bit). (The contiguous elementwise
/// multiply is SIMD code with the plain formula, which ag.mul's complex lowering uses.)
Value complexReductionProduct(OpBuilder &b, Location loc, Value acc, Value x);
/// The complex scalar re + im j of `type` (complex<f32> or complex<f64>).
Value complexConstant(OpBuilder &b, Location loc, ComplexType type, double re, double im);

/// A scalar constant of `type` (float or integer) holding `value`.
Value scalarConstant(OpBuilder &b, Location loc, Type type, double value);
/// Largest/smallest representable value of `type`, +-inf for floats.
Value highestValue(OpBuilder &b, Location loc, Type type);
/// Whether `type` is one of numpy's unsigned integers (`ui8` ... `ui64` until the end of
/// convert-ag-to-linalg): they take the unsigned arith ops (divui, cmpi ult, extui...).
bool isUnsigned(Type type);
/// Integer compare predicate `signedPredicate` (slt, ...) for `type`'s signedness.
arith::CmpIPredicate intPredicate(Type type, arith::CmpIPredicate signedPredicate);
Value lowestValue(OpBuilder &b, Location loc, Type type);

/// Converts a scalar of one numpy dtype to another with numpy's astype rules.
Value castScalar(OpBuilder &b, Location loc, Value x, Type to);

/// Reshapes `value` (row-major) to `type` with collapse/expand_shape, which bufferize to
/// views of contiguous buffers.
Value reshapeTo(OpBuilder &b, Location loc, Value value, RankedTensorType type);

/// Dynamic-shape building blocks. Where a dynamic dim meets another (operands that numpy
/// requires to agree), both are viewed at the smaller size: the frontend checks equality
/// when the compiled code runs, and the views keep a failed check from reading or
/// writing past a buffer.
/// A tensor of `sizes` filled with `value`.
Value filledOfSizes(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, Value value);
/// `v` viewed with dim `d` cut to `size` (from index 0); `v` itself when it already is.
Value cutDim(OpBuilder &b, Location loc, Value v, int64_t d, OpFoldResult size);
/// The smaller of two sizes (folded when both are static or equal).
OpFoldResult minSize(OpBuilder &b, Location loc, OpFoldResult x, OpFoldResult y);
/// Collapses dims [first, last] of `v` into one.
Value collapseDims(OpBuilder &b, Location loc, Value v, int64_t first, int64_t last);
/// Splits dim `d` of `v` into dims of `sizes` (their product is its size).
Value expandDim(OpBuilder &b, Location loc, Value v, int64_t d, ArrayRef<OpFoldResult> sizes);
/// `v` (row-major) as `type` with run-time `sizes`, by tensor.reshape (any number of
/// dynamic dims; the sizes must multiply to v's size).
Value reshapeToShape(OpBuilder &b, Location loc, Value v, RankedTensorType type,
                     ArrayRef<OpFoldResult> sizes);

/// Sums the float `operand` over `axes` (sorted) as numpy does when its innermost
/// reduced dims are innermost: dims [runStart, rank) are all reduced or of size 1, and
/// each such run is summed in numpy's pairwise order (PairwiseSum.cpp). Returns a
/// tensor of `resultType` (same element type, keepdims applied).
Value buildPairwiseSum(OpBuilder &b, Location loc, Value operand, int64_t runStart,
                       ArrayRef<int64_t> axes, bool keepdims, RankedTensorType resultType);

/// Reads the 0-d integer tensor `index` as an `index` value in [0, size): negative values
/// count from the end, values still out of range are clamped.
Value normalizeIndex(OpBuilder &b, Location loc, Value index, Value size);

} // namespace lowering
} // namespace ag
} // namespace mlir

#endif // AG_LIB_CONVERSION_AGTOLINALG_PATTERNS_H
