//===- ContextCacheTest.cpp - AgDialect::getContextCache -------------------===//
//
// The objects passes build once per context (frozen pattern sets: MLIR 19 re-runs
// every pass's initialize() on every run of a pass manager): built on first use, shared
// afterwards, rebuilt when the context loads another dialect (whose ops the old object
// would not know), and never shared between contexts.
//
//===----------------------------------------------------------------------===//

#include "ag/IR/AgDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

struct Counter {
  int builds = 0;
  std::shared_ptr<const void> operator()() {
    ++builds;
    return std::make_shared<const int>(builds);
  }
};

int valueOf(const std::shared_ptr<const void> &p) { return *static_cast<const int *>(p.get()); }

/// A context with the ag dialect, and its cache's entries built by a counter.
class ContextCache : public ::testing::Test {
protected:
  std::shared_ptr<const void> get(llvm::StringRef key) {
    return dialect->getContextCache(key, [&] { return count(); });
  }
  MLIRContext ctx;
  ag::AgDialect *dialect = ctx.getOrLoadDialect<ag::AgDialect>();
  Counter count;
};

TEST_F(ContextCache, BuiltOnceAndShared) {
  std::shared_ptr<const void> first = get("patterns"), again = get("patterns");
  EXPECT_EQ(count.builds, 1);
  EXPECT_EQ(first, again);
  // Another key is another object.
  std::shared_ptr<const void> other = get("other");
  EXPECT_EQ(count.builds, 2);
  EXPECT_NE(first, other);
}

TEST_F(ContextCache, RebuiltWhenTheRegistryChanges) {
  std::shared_ptr<const void> before = get("patterns");
  ctx.getOrLoadDialect<arith::ArithDialect>();
  std::shared_ptr<const void> after = get("patterns");
  EXPECT_EQ(count.builds, 2);
  EXPECT_EQ(valueOf(before), 1); // (still alive for whoever holds it)
  EXPECT_EQ(valueOf(after), 2);
  EXPECT_EQ(after, get("patterns"));
  EXPECT_EQ(count.builds, 2);
}

TEST(ContextCacheLifetime, OwnedByItsContext) {
  Counter count;
  auto build = [&] { return count(); };
  std::weak_ptr<const void> gone;
  {
    MLIRContext ctx;
    gone = ctx.getOrLoadDialect<ag::AgDialect>()->getContextCache("patterns", build);
    EXPECT_FALSE(gone.expired());
  }
  EXPECT_TRUE(gone.expired()); // freed with the context
  MLIRContext a, b;
  a.getOrLoadDialect<ag::AgDialect>()->getContextCache("patterns", build);
  b.getOrLoadDialect<ag::AgDialect>()->getContextCache("patterns", build);
  EXPECT_EQ(count.builds, 3);
}

} // namespace
