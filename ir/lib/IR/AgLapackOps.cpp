//===- AgLapackOps.cpp - ag.lapack: result types of each routine ----------===//
//
// The result types of ag.lapack follow from its routine and operand shapes (the table in
// AgLapackOps.td); inference doubles as the verifier, since the kernels trust the shapes
// they are given. Shapes must be static: the results are allocated before the call.
//
//===----------------------------------------------------------------------===//

#include "ag/IR/AgOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::ag;

namespace {

enum class Kind { Solve, Inv, Slogdet, Cholesky, Eigh, Eigvalsh, Eig, Eigvals, SvdFull,
                  SvdReduced, SvdValues, QrReduced, QrComplete, QrR, Lstsq, Unknown };

Kind kindOf(StringRef routine) {
  return llvm::StringSwitch<Kind>(routine)
      .Case("solve", Kind::Solve)
      .Case("inv", Kind::Inv)
      .Case("slogdet", Kind::Slogdet)
      .Case("cholesky", Kind::Cholesky)
      .Cases("eigh_l", "eigh_u", Kind::Eigh)
      .Cases("eigvalsh_l", "eigvalsh_u", Kind::Eigvalsh)
      .Case("eig", Kind::Eig)
      .Case("eigvals", Kind::Eigvals)
      .Case("svd_full", Kind::SvdFull)
      .Case("svd_reduced", Kind::SvdReduced)
      .Case("svd_values", Kind::SvdValues)
      .Case("qr_reduced", Kind::QrReduced)
      .Case("qr_complete", Kind::QrComplete)
      .Case("qr_r", Kind::QrR)
      .Case("lstsq", Kind::Lstsq)
      .Default(Kind::Unknown);
}

/// `batch` followed by `dims`.
SmallVector<int64_t> shapeOf(ArrayRef<int64_t> batch, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> s(batch);
  llvm::append_range(s, dims);
  return s;
}

} // namespace

LogicalResult LapackOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef routine = adaptor.getRoutine();
  auto fail = [&](const Twine &message) {
    return emitOptionalError(loc, "'ag.lapack' routine '", routine, "': ", message);
  };
  Kind kind = kindOf(routine);
  if (kind == Kind::Unknown)
    return fail("unknown routine");
  unsigned expected = kind == Kind::Solve ? 2 : kind == Kind::Lstsq ? 3 : 1;
  ValueRange inputs = adaptor.getInputs();
  if (inputs.size() != expected)
    return fail("expects " + Twine(expected) + " operands, got " + Twine(inputs.size()));
  Type f64 = Float64Type::get(ctx);
  SmallVector<RankedTensorType> in;
  for (Value v : inputs) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getElementType() != f64)
      return fail("operands must be float64");
    if (!t.hasStaticShape())
      return fail("operands must have static shapes");
    in.push_back(t);
  }
  auto a = in[0];
  if (a.getRank() < 2)
    return fail("the matrix operand needs at least 2 dims");
  ArrayRef<int64_t> shape = a.getShape();
  ArrayRef<int64_t> batch = shape.drop_back(2);
  int64_t m = shape[shape.size() - 2], n = shape.back(), k = std::min(m, n);
  bool square = kind == Kind::Solve || kind == Kind::Inv || kind == Kind::Slogdet ||
                kind == Kind::Cholesky || kind == Kind::Eigh || kind == Kind::Eigvalsh ||
                kind == Kind::Eig || kind == Kind::Eigvals;
  if (square && m != n)
    return fail("the matrix must be square");
  int64_t r = 0;
  if (kind == Kind::Solve || kind == Kind::Lstsq) {
    ArrayRef<int64_t> b = in[1].getShape();
    if (b.size() != shape.size() || b.drop_back(2) != batch || b[b.size() - 2] != m)
      return fail("the right-hand side must be [batch..., " + Twine(m) + ", r]");
    r = b.back();
  }
  if (kind == Kind::Lstsq && in[2].getRank() != 0)
    return fail("rcond must be 0-d");
  auto t = [&](ArrayRef<int64_t> dims, Type element = Type()) {
    types.push_back(RankedTensorType::get(shapeOf(batch, dims), element ? element : f64));
  };
  switch (kind) {
  case Kind::Solve:
    t({n, r});
    break;
  case Kind::Inv:
  case Kind::Cholesky:
    t({n, n});
    break;
  case Kind::Slogdet:
    t({});
    t({});
    break;
  case Kind::Eigh:
    t({n});
    t({n, n});
    break;
  case Kind::Eigvalsh:
    t({n});
    break;
  case Kind::Eig:
    t({n});
    t({n});
    t({n, n});
    break;
  case Kind::Eigvals:
    t({n});
    t({n});
    break;
  case Kind::SvdFull:
    t({m, m});
    t({k});
    t({n, n});
    break;
  case Kind::SvdReduced:
    t({m, k});
    t({k});
    t({k, n});
    break;
  case Kind::SvdValues:
    t({k});
    break;
  case Kind::QrReduced:
    t({m, k});
    t({k, n});
    break;
  case Kind::QrComplete:
    t({m, m});
    t({m, n});
    break;
  case Kind::QrR:
    t({k, n});
    break;
  case Kind::Lstsq:
    t({n, r});
    t({r});
    t({}, IntegerType::get(ctx, 64));
    t({k});
    break;
  case Kind::Unknown:
    break;
  }
  types.push_back(RankedTensorType::get({}, IntegerType::get(ctx, 64)));
  return success();
}
