//===- RowIndexing.h - Shared by the row-splitting transforms ---*- C++ -*-===//
//
// What ag-fuse-rows (row blocks of a chain) and ag-parallel-loops (row ranges across
// threads) both ask of an indexing map: whether row i of the operand is touched by
// iteration i of loop 0 only.
//
//===----------------------------------------------------------------------===//

#ifndef AG_LIB_TRANSFORMS_ROWINDEXING_H
#define AG_LIB_TRANSFORMS_ROWINDEXING_H

#include "mlir/IR/AffineMap.h"
#include "llvm/ADT/STLExtras.h"

namespace mlir {
namespace ag {

/// Whether `map` indexes its operand's dim 0 by loop 0 alone, and no other dim by it.
inline bool rowIndexed(AffineMap map) {
  if (map.getNumResults() == 0)
    return false;
  auto first = dyn_cast<AffineDimExpr>(map.getResult(0));
  if (!first || first.getPosition() != 0)
    return false;
  return llvm::none_of(map.getResults().drop_front(),
                       [](AffineExpr e) { return e.isFunctionOfDim(0); });
}

} // namespace ag
} // namespace mlir

#endif // AG_LIB_TRANSFORMS_ROWINDEXING_H
