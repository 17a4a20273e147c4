//===- AgDialect.cpp - ag dialect registration ----------------------------===//
//
// Registers the ops, materialises folded constants as ag.constant, and keeps the
// passes' per-context objects (getContextCache).
//
//===----------------------------------------------------------------------===//

#include "ag/IR/AgDialect.h"
#include "ag/IR/AgOps.h"

#include "mlir/IR/MLIRContext.h"

using namespace mlir;
using namespace mlir::ag;

#include "ag/IR/AgOpsDialect.cpp.inc"

void AgDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ag/IR/AgOps.cpp.inc"
      >();
}

Operation *AgDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}

std::shared_ptr<const void>
AgDialect::getContextCache(StringRef key,
                           function_ref<std::shared_ptr<const void>()> build) {
  llvm::hash_code registry = getContext()->getRegistryHash();
  std::lock_guard<std::mutex> lock(contextCacheMutex);
  auto &entry = contextCache[key];
  if (!entry.second || entry.first != registry)
    entry = {registry, build()};
  return entry.second;
}
