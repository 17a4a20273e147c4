//===- ExpandStridedMetadata.cpp - expand-strided-metadata on memref ops only ---===//
//
// Upstream's pass applies its patterns with the greedy driver to the whole module:
// every op is visited and folded until a fixpoint, and the CFG regions are simplified
// (blocks merged, dead arguments dropped) -- on a module that, right after scf-to-cf,
// is mostly arith and branches. Its patterns all match memref ops (views, reshapes,
// allocations, casts under extract_strided_metadata), so they are applied here to
// those ops and to the ops they create. LLVM folds whatever else the greedy driver
// would have folded.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGEXPANDSTRIDEDMETADATA
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct ExpandStridedMetadataPass
    : ag::impl::AgExpandStridedMetadataBase<ExpandStridedMetadataPass> {
  void runOnOperation() override {
    SmallVector<Operation *> memrefOps;
    getOperation()->walk([&](Operation *op) {
      if (isa_and_nonnull<memref::MemRefDialect>(op->getDialect()))
        memrefOps.push_back(op);
    });
    RewritePatternSet patterns(&getContext());
    memref::populateExpandStridedMetadataPatterns(patterns);
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    // (Not converging within the driver's limits leaves valid IR, as upstream's.)
    (void)applyOpPatternsAndFold(memrefOps, std::move(patterns), config);
  }
};

} // namespace
