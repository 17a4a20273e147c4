//===- MathApproximation.cpp - vectorisable float32 transcendental math ---===//
//
// A libm call in a loop body stops LLVM's vectoriser; MLIR's polynomial approximations
// are plain arithmetic with float32 accuracy, so tanh/exp/log/erf chains vectorise and
// fuse. The upstream pass that applies them is a test pass, hence this wrapper.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/Passes.h"

#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGMATHAPPROXIMATION
#include "ag/Conversion/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {
struct AgMathApproximationPass
    : public ag::impl::AgMathApproximationBase<AgMathApproximationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
