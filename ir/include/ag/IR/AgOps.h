//===- AgOps.h - ag dialect operations --------------------------*- C++ -*-===//
//
// Op classes generated from AgOps.td plus numpy's shape and dtype rules they share. The
// rules are exported because the staging runtime asks the same questions (what is the
// broadcast shape of these operands?) before it builds an op.
//
//===----------------------------------------------------------------------===//

#ifndef AG_IR_AGOPS_H
#define AG_IR_AGOPS_H

#include "ag/IR/AgDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir {
namespace ag {

/// Which element types an op accepts (numpy's dtype names in messages).
enum class DTypeSet {
  All,       ///< f32, f64, i32, i64, i1
  Numeric,   ///< f32, f64, i32, i64
  Float,     ///< f32, f64
  IntOrBool, ///< i32, i64, i1
  Bool,      ///< i1
  // Complex dtypes are accepted only where the op has a complex meaning written to
  // match numpy's (the others stay a verifier error the runtime reports on the line).
  AllOrComplex,     ///< All, complex<f32>, complex<f64>
  NumericOrComplex, ///< Numeric, complex<f32>, complex<f64>
  FloatOrComplex,   ///< Float, complex<f32>, complex<f64>
  Complex,          ///< complex<f32>, complex<f64>
};

/// numpy's name for an element type ("float32", ..., "bool").
std::string dtypeName(Type elementType);
/// Returns true if `elementType` is in `set`.
bool isInDTypeSet(Type elementType, DTypeSet set);

/// Broadcasts two shapes with numpy's rules; returns failure when they are incompatible.
/// Dynamic dims broadcast with anything (checked at run time).
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                ArrayRef<int64_t> b);
/// Returns true if `from` can be broadcast to `to` (np.broadcast_to).
bool isBroadcastableTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to);

// Result type inference shared by the ODS-generated inferReturnTypes methods.
LogicalResult inferBinaryResult(MLIRContext *ctx, std::optional<Location> loc,
                                StringRef opName, Type lhs, Type rhs, DTypeSet dtypes,
                                bool resultIsBool, SmallVectorImpl<Type> &types);
LogicalResult inferUnaryResult(MLIRContext *ctx, std::optional<Location> loc,
                               StringRef opName, Type operand, DTypeSet dtypes,
                               bool resultIsBool, SmallVectorImpl<Type> &types);
/// A complex operand's float part type (ag.real, ag.imag, ag.complex_abs, ag.angle).
LogicalResult inferComplexPartResult(MLIRContext *ctx, std::optional<Location> loc,
                                     StringRef opName, Type operand,
                                     SmallVectorImpl<Type> &types);
LogicalResult inferReduceResult(MLIRContext *ctx, std::optional<Location> loc,
                                StringRef opName, Type operand, ArrayRef<int64_t> axes,
                                bool keepdims, DTypeSet dtypes,
                                SmallVectorImpl<Type> &types);
LogicalResult inferArgReduceResult(MLIRContext *ctx, std::optional<Location> loc,
                                   StringRef opName, Type operand, int64_t axis,
                                   bool keepdims, SmallVectorImpl<Type> &types);
LogicalResult inferPool2DResult(MLIRContext *ctx, std::optional<Location> loc,
                                StringRef opName, Type input, ArrayRef<int64_t> kernel,
                                ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
                                SmallVectorImpl<Type> &types);

/// Checks that every statically shaped tensor operand and result of `op` has a byte size
/// below numpy's limit (the largest intp).
LogicalResult verifyShapesFit(Operation *op);

} // namespace ag

namespace OpTrait {
/// ODS trait Ag_ShapesFit (see AgDialect.td).
template <typename ConcreteType>
class AgShapesFit : public TraitBase<ConcreteType, AgShapesFit> {
public:
  static LogicalResult verifyTrait(Operation *op) { return ag::verifyShapesFit(op); }
};
} // namespace OpTrait
} // namespace mlir

#define GET_OP_CLASSES
#include "ag/IR/AgOps.h.inc"

#endif // AG_IR_AGOPS_H
