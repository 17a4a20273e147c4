//===- MemoizedBufferTypes.cpp - getBufferType of scf ops in linear time ---===//
//
// One-Shot Bufferize asks for the buffer type of a tensor value (its memory space and
// layout) by walking back through the ops that produce it. MLIR 19 does not remember
// the answers: an scf.if asks for both of its yielded values, an scf.for for its init
// and (through the iter_arg) its yield, and each asks again for the same values further
// up. Staged ifs one after another, each of whose branches reaches the previous one's
// result (a write under a staged `continue`, `break` or `return` flag), so cost 2^depth
// queries: fuzz programs with ~20 such ifs spent minutes in insertTensorCopies.
//
// The scf ops' models are upstream's (scf::registerBufferizableOpInterfaceExternalModels)
// and their getBufferType is a plain function pointer in the interface's Concept. This
// extension wraps that pointer for scf.if, scf.for and scf.while with one that remembers
// each op result's answer for as long as the outermost wrapped query runs. No IR changes
// during a query (bufferization rewrites ops between queries, never inside one), so an
// answer cannot go stale while remembered; and the answers do not depend on where a
// value is reached from, because every path to a value inside a loop body enters
// through that loop's iter_arg, which is then on the invocation stack the loop model
// consults to cut the cycle.
//
//===----------------------------------------------------------------------===//

#include "ag/InitAll.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include "llvm/ADT/DenseMap.h"

#include <atomic>

using namespace mlir;
using namespace mlir::bufferization;

namespace {

using InterfaceConcept =
    bufferization::detail::BufferizableOpInterfaceInterfaceTraits::Concept;
using GetBufferTypeFn = decltype(InterfaceConcept::getBufferType);

/// The answers of the query in progress on this thread (compiles run on many threads,
/// each with its own context).
struct Memo {
  unsigned depth = 0;
  const BufferizationOptions *options = nullptr;
  llvm::DenseMap<Value, BaseMemRefType> types;
};
thread_local Memo memo;

/// The wrapper for one op kind (the template parameter keeps each kind's original).
template <typename OpTy> struct Memoized {
  static inline std::atomic<GetBufferTypeFn> original{nullptr};

  static FailureOr<BaseMemRefType> getBufferType(const InterfaceConcept *impl, Operation *op,
                                                 Value value,
                                                 const BufferizationOptions &options,
                                                 SmallVector<Value> &invocationStack) {
    // An iter_arg's answer depends on whether it is already on the invocation stack
    // (the loop model cuts the cycle there with a provisional type): never remembered.
    if (!isa<OpResult>(value))
      return original.load(std::memory_order_relaxed)(impl, op, value, options,
                                                      invocationStack);
    // The memo is empty between outermost queries (cleared when the outermost one
    // ends: the IR may change before the next).
    if (memo.depth == 0) {
      memo.options = &options;
    } else if (memo.options == &options) {
      auto known = memo.types.find(value);
      if (known != memo.types.end())
        return known->second;
    }
    ++memo.depth;
    FailureOr<BaseMemRefType> type =
        original.load(std::memory_order_relaxed)(impl, op, value, options, invocationStack);
    --memo.depth;
    if (succeeded(type) && memo.options == &options)
      memo.types[value] = *type;
    if (memo.depth == 0)
      memo.types.clear();
    return type;
  }

  static void wrap(MLIRContext *ctx) {
    auto *concept_ =
        RegisteredOperationName::lookup(OpTy::getOperationName(), ctx)
            ->template getInterface<BufferizableOpInterface>();
    if (!concept_ || concept_->getBufferType == &getBufferType)
      return;
    original.store(concept_->getBufferType, std::memory_order_relaxed);
    concept_->getBufferType = &getBufferType;
  }
};

} // namespace

void mlir::ag::registerMemoizedBufferTypes(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, scf::SCFDialect *) {
    Memoized<scf::IfOp>::wrap(ctx);
    Memoized<scf::ForOp>::wrap(ctx);
    Memoized<scf::WhileOp>::wrap(ctx);
  });
}
