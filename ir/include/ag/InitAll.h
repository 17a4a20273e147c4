//===- InitAll.h - One registry for every ag tool ---------------*- C++ -*-===//
//
// ag-opt, ag-dump-ir, the JIT and the Python runtime all register dialects, interfaces
// and passes through these two functions, so they accept the same IR and passes.
//
//===----------------------------------------------------------------------===//

#ifndef AG_INITALL_H
#define AG_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir {
namespace ag {

/// The ag dialect, every dialect the lowering produces, their bufferization and
/// LLVM-translation interfaces.
void registerAllDialects(DialectRegistry &registry);

/// Bufferization of ag.print / ag.assert into host calls (part of registerAllDialects).
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);

/// getBufferType of scf.if/for/while results remembered within one bufferization
/// query (upstream's is exponential in the nesting of such ops); after the scf models.
void registerMemoizedBufferTypes(DialectRegistry &registry);

/// ag's passes, its named pipelines and the upstream passes its pipelines use.
void registerAllPasses();

} // namespace ag
} // namespace mlir

#endif // AG_INITALL_H
