//===- Canonicalize.cpp - canonicalize with a pattern set kept per context -===//
//
// Upstream's canonicalize pass freezes the canonicalization patterns of every loaded
// dialect and registered op in initialize(), and MLIR 19's PassManager::run re-runs
// initialize() on every run (its check of whether the pipeline changed never records
// the pipeline it initialized), so keeping pass managers did not keep their pattern
// sets: nine canonicalizations per compile froze nine sets, ~0.5 ms each whatever the
// size of the module. This pass is upstream's with its default options, its frozen set
// built once per context and shared (AgDialect::getContextCache).
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "ag/IR/AgDialect.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGCANONICALIZE
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct Canonicalize : ag::impl::AgCanonicalizeBase<Canonicalize> {
  std::shared_ptr<const FrozenRewritePatternSet> patterns;

  LogicalResult initialize(MLIRContext *ctx) override {
    auto *dialect = ctx->getOrLoadDialect<ag::AgDialect>();
    patterns = std::static_pointer_cast<const FrozenRewritePatternSet>(
        dialect->getContextCache("ag-canonicalize", [ctx] {
          // What upstream's Canonicalizer::initialize collects.
          RewritePatternSet owning(ctx);
          for (Dialect *loaded : ctx->getLoadedDialects())
            loaded->getCanonicalizationPatterns(owning);
          for (RegisteredOperationName op : ctx->getRegisteredOperations())
            op.getCanonicalizationPatterns(owning, ctx);
          return std::static_pointer_cast<const void>(
              std::make_shared<const FrozenRewritePatternSet>(std::move(owning)));
        }));
    return success();
  }

  void runOnOperation() override {
    // Upstream's defaults (mlir/Transforms/Passes.td, Canonicalizer's options).
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Normal;
    config.maxIterations = 10;
    config.maxNumRewrites = GreedyRewriteConfig::kNoLimit;
    // Canonicalization is best effort: not converging is not a failure.
    (void)applyPatternsAndFoldGreedily(getOperation(), *patterns, config);
  }
};

} // namespace
