//===- AgDialect.cpp - ag dialect registration ----------------------------===//
//
// Registers the ops and materialises folded constants as ag.constant.
//
//===----------------------------------------------------------------------===//

#include "ag/IR/AgDialect.h"
#include "ag/IR/AgOps.h"

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
