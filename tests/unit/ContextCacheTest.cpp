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

TEST(ContextCache, BuiltOnceAndShared) {
  MLIRContext ctx;
  auto *dialect = ctx.getOrLoadDialect<ag::AgDialect>();
  Counter count;
  auto build = [&] { return count(); };
  std::shared_ptr<const void> first = dialect->getContextCache("patterns", build);
  std::shared_ptr<const void> again = dialect->getContextCache("patterns", build);
  EXPECT_EQ(count.builds, 1);
  EXPECT_EQ(first, again);
  // Another key is another object.
  std::shared_ptr<const void> other = dialect->getContextCache("other", build);
  EXPECT_EQ(count.builds, 2);
  EXPECT_NE(first, other);
}

TEST(ContextCache, RebuiltWhenTheRegistryChanges) {
  MLIRContext ctx;
  auto *dialect = ctx.getOrLoadDialect<ag::AgDialect>();
  Counter count;
  auto build = [&] { return count(); };
  std::shared_ptr<const void> before = dialect->getContextCache("patterns", build);
  ctx.getOrLoadDialect<arith::ArithDialect>();
  std::shared_ptr<const void> after = dialect->getContextCache("patterns", build);
  EXPECT_EQ(count.builds, 2);
  EXPECT_EQ(valueOf(before), 1); // (still alive for whoever holds it)
  EXPECT_EQ(valueOf(after), 2);
  EXPECT_EQ(after, dialect->getContextCache("patterns", build));
  EXPECT_EQ(count.builds, 2);
}

TEST(ContextCache, OwnedByItsContext) {
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
