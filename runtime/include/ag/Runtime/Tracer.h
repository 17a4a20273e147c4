//===- Tracer.h - Records staged numpy operations as an ag function -*- C++ -*-===//
//
// The staging runtime's builder. A Tracer owns one module with one function being
// recorded; the frontend adds arguments, then ops by name with operands, attributes and
// the user's source location, and finally the results. Result types come from each op's
// own inference (numpy's shape rules live in the dialect, once); an op that fails to
// verify is erased and its diagnostic returned, so a user error never leaves a broken
// function behind.
//
//===----------------------------------------------------------------------===//

#ifndef AG_RUNTIME_TRACER_H
#define AG_RUNTIME_TRACER_H

#include "ag/Runtime/HostArray.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir {
namespace ag {

/// The process-wide context with every dialect the compiler uses loaded.
MLIRContext &globalContext();

/// A source position in the user's program.
struct SourceLoc {
  std::string file;
  unsigned line = 0, column = 0;
};

class Tracer {
public:
  explicit Tracer(llvm::StringRef functionName);
  ~Tracer();

  /// Adds a function argument of `dtype` and `shape`.
  Value addArgument(DType dtype, llvm::ArrayRef<int64_t> shape, const SourceLoc &loc);

  /// Builds op `name` (e.g. "ag.add"). Attributes are given already converted to MLIR.
  /// `resultType` is required only by ops whose result type is not inferred (cast,
  /// reshape, broadcast_to, slice, dynamic_slice).
  llvm::Expected<Value> buildOp(llvm::StringRef name, llvm::ArrayRef<Value> operands,
                                llvm::ArrayRef<NamedAttribute> attributes,
                                Type resultType, const SourceLoc &loc);

  /// An ag.constant holding `array`'s values.
  llvm::Expected<Value> buildConstant(const HostArray &array, const SourceLoc &loc);

  /// Terminates the function with `func.return` of `results`.
  llvm::Error finish(llvm::ArrayRef<Value> results, const SourceLoc &loc);

  /// The recorded module (in the ag dialect until compiled).
  ModuleOp module() { return *moduleOp; }
  /// Text of the module.
  std::string print();

  OpBuilder &builder() { return opBuilder; }
  Location location(const SourceLoc &loc);

private:
  OwningOpRef<ModuleOp> moduleOp;
  func::FuncOp function;
  OpBuilder opBuilder;
};

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_TRACER_H
