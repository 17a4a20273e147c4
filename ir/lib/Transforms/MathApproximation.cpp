//===- MathApproximation.cpp - vectorisable float32 transcendental math ---===//
//
// A libm call in a loop body stops LLVM's vectoriser; MLIR's polynomial approximations
// are plain arithmetic with float32 accuracy, so tanh/exp/log/erf chains vectorise and
// fuse. The upstream pass that applies them is a test pass, hence this wrapper. Only ops
// whose approximation was checked against numpy (incl. inf) are rewritten: the sin/cos
// polynomials lose accuracy for |x| >> 1 and return numbers for inf/NaN, so they stay
// libm calls. The exp approximation maps NaN to a number; the ag lowering of exp/expm1
// selects NaN through explicitly.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGMATHAPPROXIMATION
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {
struct AgMathApproximationPass
    : public ag::impl::AgMathApproximationBase<AgMathApproximationPass> {
  void runOnOperation() override {
    SmallVector<Operation *> targets;
    getOperation()->walk([&](Operation *op) {
      if (isa<math::ExpOp, math::ExpM1Op, math::LogOp, math::Log1pOp, math::Log2Op,
              math::TanhOp, math::ErfOp>(op) &&
          op->getResult(0).getType().isF32())
        targets.push_back(op);
    });
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    if (failed(applyOpPatternsAndFold(targets, std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace
