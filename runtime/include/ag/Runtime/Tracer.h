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

  /// Dim `index` of `tensor` as a 0-d int64 tensor (a dynamic dim's run-time size).
  llvm::Expected<Value> dim(Value tensor, int64_t index, const SourceLoc &loc);

  /// Adds a function argument of `dtype` and `shape` (ShapedType::kDynamic: a dim whose
  /// size is known only at run time).
  Value addArgument(DType dtype, llvm::ArrayRef<int64_t> shape, const SourceLoc &loc);

  /// Builds op `name` (e.g. "ag.add"). Attributes are given already converted to MLIR.
  /// `resultType` is required only by ops whose result type is not inferred (cast,
  /// reshape, broadcast_to, slice, dynamic_slice).
  llvm::Expected<Value> buildOp(llvm::StringRef name, llvm::ArrayRef<Value> operands,
                                llvm::ArrayRef<NamedAttribute> attributes,
                                Type resultType, const SourceLoc &loc);

  /// Builds op `name` whose results (any number, e.g. ag.lapack's) are all inferred.
  llvm::Expected<std::vector<Value>>
  buildMultiResultOp(llvm::StringRef name, llvm::ArrayRef<Value> operands,
                     llvm::ArrayRef<NamedAttribute> attributes, const SourceLoc &loc);

  /// An ag.constant holding `array`'s values.
  llvm::Expected<Value> buildConstant(const HostArray &array, const SourceLoc &loc);

  /// Terminates the function with `func.return` of `results`.
  llvm::Error finish(llvm::ArrayRef<Value> results, const SourceLoc &loc);

  //===--------------------------------------------------------------------===//
  // Regions. Structured control flow is recorded region by region: begin an op, record
  // the ops of its first region, move to the next, end it. Result types are known only
  // once every region has yielded, so the op is created without results and rebuilt
  // with them at the end. Loop-carried values must keep their type across iterations.
  //===--------------------------------------------------------------------===//

  /// scf.if on a 0-d bool tensor; the then-region is current. Returns a handle.
  llvm::Expected<int> beginIf(Value condition, const SourceLoc &loc);
  /// Makes region `which` (0: then, 1: else) of an open scf.if current. Branches are
  /// recorded one after the other and may be re-entered (to stage a value one branch
  /// left as a Python constant) until endIf.
  llvm::Error enterBranch(int handle, int which);
  /// Ends the scf.if: each branch yields its values (pairwise the same types); returns
  /// the results.
  llvm::Expected<std::vector<Value>> endIf(int handle, llvm::ArrayRef<Value> thenValues,
                                           llvm::ArrayRef<Value> elseValues);

  /// scf.while over loop-carried `inits`; the before-region (condition) is current.
  /// Returns the handle and the region's block arguments.
  llvm::Expected<std::pair<int, std::vector<Value>>> beginWhile(llvm::ArrayRef<Value> inits,
                                                                const SourceLoc &loc);
  /// Ends the condition region: continue while the 0-d bool `condition` holds, passing
  /// `values` on. Returns the body's block arguments.
  llvm::Expected<std::vector<Value>> whileBody(int handle, Value condition,
                                               llvm::ArrayRef<Value> values);
  /// Ends the body yielding the next iteration's values; returns the loop results.
  llvm::Expected<std::vector<Value>> endWhile(int handle, llvm::ArrayRef<Value> values);

  /// scf.for from `lower` to `upper` by `step` (0-d integer tensors) with loop-carried
  /// `inits`. Returns the handle, the induction variable as a 0-d int64 tensor and the
  /// carried values' block arguments.
  llvm::Expected<std::tuple<int, Value, std::vector<Value>>>
  beginFor(Value lower, Value upper, Value step, llvm::ArrayRef<Value> inits,
           const SourceLoc &loc);
  llvm::Expected<std::vector<Value>> endFor(int handle, llvm::ArrayRef<Value> values);

  /// Abandons open region op `handle` with every region and function begun inside it,
  /// and resumes recording where it was begun. The ops are detached, not destroyed:
  /// values the frontend still holds stay valid memory, and a later use of one fails
  /// verification instead of crashing. The frontend uses this to try staging a loop
  /// over a Python range and fall back to Python iteration when the body cannot be
  /// staged.
  llvm::Error abortRegion(int handle);
  /// Whether recording happens inside a region op (an scf.if/while/for body) of the
  /// current function.
  bool inRegion();

  /// A new function `name` in the module taking `argTypes`; it becomes the current
  /// insertion point. Returns its arguments.
  llvm::Expected<std::vector<Value>> beginFunction(llvm::StringRef name,
                                                   llvm::ArrayRef<Type> argTypes,
                                                   const SourceLoc &loc);
  /// A function for staged recursion: like beginFunction, but its result types are
  /// declared up front so that its body (and others) can call it before it is complete.
  /// It carries `ag.recursive` (see ag-prepare-recursion).
  llvm::Expected<std::vector<Value>> beginRecursiveFunction(llvm::StringRef name,
                                                            llvm::ArrayRef<Type> argTypes,
                                                            llvm::ArrayRef<Type> resultTypes,
                                                            const SourceLoc &loc);
  /// ag.stack_guard, a 0-d bool tensor: whether the native stack has room for another
  /// recursive call. When it has not, compiled code reports failure `callback` (the
  /// frontend raises RecursionError), and the function must return without recursing
  /// further.
  llvm::Expected<Value> stackGuard(int64_t callback, const SourceLoc &loc);
  /// Returns `results` from the function begun last and resumes the enclosing one.
  llvm::Error endFunction(llvm::ArrayRef<Value> results, const SourceLoc &loc);
  /// func.call of a function of the module (recursion allowed once it is declared).
  llvm::Expected<std::vector<Value>> call(llvm::StringRef name, llvm::ArrayRef<Value> args,
                                          const SourceLoc &loc);

  /// Replaces the runtime's callback ids in the finished module (the `callback` of
  /// ag.print/ag.assert/ag.host_call/ag.stack_guard) by their ordinals,
  /// AG_ABI_CALLBACK_BASE + 0, 1, ... (ag_abi.h) in order of first appearance; returns the ids in
  /// that order (the table the runtime translates by when the code runs). The ids are
  /// the process's own; the ordinals make equal programs equal text, which the
  /// persistent cache keys on, and object code any process can run.
  std::vector<int64_t> numberCallbacks();

  /// The recorded module (in the ag dialect until compiled).
  ModuleOp module() { return *moduleOp; }
  /// Compiling lowers the module in place: the values recorded are gone from then on
  /// (a staged value Python kept past its trace, say in a global's attribute, must not
  /// be read).
  void markLowered() { isLowered = true; }
  bool lowered() const { return isLowered; }
  /// Text of the module.
  std::string print();

  OpBuilder &builder() { return opBuilder; }
  Location location(const SourceLoc &loc);

private:
  /// An open region op: the op, where to continue after it, and its kind.
  struct OpenRegion {
    Operation *op;
    OpBuilder::InsertPoint after;
    size_t openFunctions; // functions.size() when the region was begun
  };
  llvm::Expected<Value> scalarOf(Value tensor, Type elementType);
  Value tensorOf(Value scalar, Type tensorElement);
  OpenRegion *region(int handle, llvm::StringRef kind);

  void detach(Operation *op);

  // Declared before the module so it is destroyed after it: module ops may still use
  // values of detached ops (a use the final verification rejects).
  std::unique_ptr<Block> detached;
  OwningOpRef<ModuleOp> moduleOp;
  func::FuncOp function;
  OpBuilder opBuilder;
  std::vector<OpenRegion> regions;
  std::vector<std::pair<func::FuncOp, OpBuilder::InsertPoint>> functions;
  bool isLowered = false;
};

} // namespace ag
} // namespace mlir

#endif // AG_RUNTIME_TRACER_H
