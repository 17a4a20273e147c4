//===- ReadOnlyArguments.cpp - callers' arrays are never written in place -===//
//
// The staging runtime passes the caller's numpy buffers as a public function's
// arguments. numpy semantics still let the function write them (`x[0] = 2`), but the
// runtime writes them back itself once the call has succeeded (a call that raises part
// way must leave them untouched), and a read-only array must never be written at all.
// So bufferization copies before writing into an argument; private functions (staged
// recursion) are called by compiled code only and keep in-place writes.
//
//===----------------------------------------------------------------------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir {
namespace ag {
#define GEN_PASS_DEF_AGREADONLYARGUMENTS
#include "ag/Transforms/Passes.h.inc"
} // namespace ag
} // namespace mlir

using namespace mlir;

namespace {

struct ReadOnlyArgumentsPass
    : ag::impl::AgReadOnlyArgumentsBase<ReadOnlyArgumentsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    for (auto fn : getOperation().getOps<func::FuncOp>()) {
      if (fn.isPrivate() || fn.isExternal())
        continue;
      for (unsigned i = 0; i < fn.getNumArguments(); ++i)
        fn.setArgAttr(i, "bufferization.writable", BoolAttr::get(ctx, false));
    }
  }
};

} // namespace
