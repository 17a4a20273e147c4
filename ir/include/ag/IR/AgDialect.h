//===- AgDialect.h - The ag dialect -----------------------------*- C++ -*-===//
//
// Declares the dialect class generated from AgDialect.td.
//
//===----------------------------------------------------------------------===//

#ifndef AG_IR_AGDIALECT_H
#define AG_IR_AGDIALECT_H

#include "mlir/IR/Dialect.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <mutex>

#include "ag/IR/AgOpsDialect.h.inc"

#endif // AG_IR_AGDIALECT_H
