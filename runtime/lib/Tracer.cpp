//===- Tracer.cpp - Records staged numpy operations as an ag function -----===//

#include "ag/Runtime/Tracer.h"
#include "ag/Runtime/DTypeMlir.h"

#include "ag/Abi/ag_abi.h"

#include "ag/IR/AgOps.h"
#include "ag/InitAll.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::ag;

MLIRContext &mlir::ag::globalContext() {
  static MLIRContext *context = [] {
    DialectRegistry registry;
    registerAllDialects(registry);
    auto *ctx = new MLIRContext(registry);
    ctx->loadAllAvailableDialects();
    return ctx;
  }();
  return *context;
}

namespace {

constexpr llvm::StringLiteral kRecursiveAttr = "ag.recursive";

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Collects diagnostics emitted while it lives (without their locations: the frontend
/// adds the user's file:line itself).
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext *ctx)
      : handler(ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error) {
            if (!text.empty())
              text += "; ";
            text += diag.str();
          }
          return success();
        }) {}
  std::string text;

private:
  ScopedDiagnosticHandler handler;
};

} // namespace

Tracer::Tracer(llvm::StringRef functionName)
    : detached(std::make_unique<Block>()), opBuilder(&globalContext()) {
  MLIRContext *ctx = &globalContext();
  moduleOp = ModuleOp::create(UnknownLoc::get(ctx));
  opBuilder.setInsertionPointToEnd(moduleOp->getBody());
  auto fn = opBuilder.create<func::FuncOp>(UnknownLoc::get(ctx), functionName,
                                           opBuilder.getFunctionType({}, {}));
  function = fn;
  opBuilder.setInsertionPointToStart(fn.addEntryBlock());
}

Tracer::~Tracer() = default;

Location Tracer::location(const SourceLoc &loc) {
  MLIRContext *ctx = &globalContext();
  if (loc.file.empty())
    return UnknownLoc::get(ctx);
  return FileLineColLoc::get(ctx, loc.file, loc.line, loc.column);
}

Value Tracer::addArgument(DType dtype, llvm::ArrayRef<int64_t> shape,
                          const SourceLoc &loc) {
  Type type = RankedTensorType::get(shape, toMlirType(dtype, &globalContext()));
  Block &entry = function.getBody().front();
  Value arg = entry.addArgument(type, location(loc));
  SmallVector<Type> inputs(entry.getArgumentTypes());
  function.setFunctionType(opBuilder.getFunctionType(inputs, {}));
  return arg;
}

llvm::Expected<Value> Tracer::dim(Value tensor, int64_t index, const SourceLoc &loc) {
  auto type = dyn_cast<RankedTensorType>(tensor.getType());
  if (!type || index < 0 || index >= type.getRank())
    return makeError("dim: no dim " + llvm::Twine(index));
  Location l = location(loc);
  Value size = opBuilder.create<tensor::DimOp>(l, tensor, index);
  return tensorOf(size, opBuilder.getI64Type());
}

llvm::Expected<Value> Tracer::buildOp(llvm::StringRef name, llvm::ArrayRef<Value> operands,
                                      llvm::ArrayRef<NamedAttribute> attributes,
                                      Type resultType, const SourceLoc &loc) {
  MLIRContext *ctx = &globalContext();
  std::optional<RegisteredOperationName> opName = RegisteredOperationName::lookup(name, ctx);
  if (!opName)
    return makeError("unknown op '" + name + "'");
  DiagnosticCollector diags(ctx);
  bool infers = opName->hasInterface<InferTypeOpInterface>();
  if (!resultType && !infers && !opName->hasTrait<OpTrait::ZeroResults>())
    return makeError("'" + name + "' needs an explicit result type");

  // Create with a placeholder type, then infer: creation moves the attributes into the
  // op's properties, which inference reads.
  OperationState state(location(loc), *opName);
  state.addOperands(operands);
  state.addAttributes(attributes);
  bool noResults = opName->hasTrait<OpTrait::ZeroResults>();
  if (!noResults)
    state.addTypes(resultType ? resultType : NoneType::get(ctx));
  Operation *op = opBuilder.create(state);
  if (noResults) { // ag.print, ag.assert: effects only
    if (failed(verify(op))) {
      op->erase();
      return makeError(diags.text);
    }
    return Value();
  }
  if (!resultType) {
    SmallVector<Type> inferred;
    auto iface = cast<InferTypeOpInterface>(op);
    if (failed(iface.inferReturnTypes(ctx, op->getLoc(), op->getOperands(),
                                      op->getAttrDictionary(), op->getPropertiesStorage(),
                                      op->getRegions(), inferred))) {
      op->erase();
      return makeError(diags.text.empty() ? "cannot infer the result of '" + name + "'"
                                          : diags.text);
    }
    op->getResult(0).setType(inferred.front());
  }
  if (failed(verify(op))) {
    op->erase();
    return makeError(diags.text);
  }
  return op->getResult(0);
}

llvm::Expected<std::vector<Value>>
Tracer::buildMultiResultOp(llvm::StringRef name, llvm::ArrayRef<Value> operands,
                           llvm::ArrayRef<NamedAttribute> attributes, const SourceLoc &loc) {
  MLIRContext *ctx = &globalContext();
  std::optional<RegisteredOperationName> opName = RegisteredOperationName::lookup(name, ctx);
  if (!opName || !opName->hasInterface<InferTypeOpInterface>())
    return makeError("'" + name + "' is not an op with inferred results");
  DiagnosticCollector diags(ctx);
  // The number of results is known only from inference, which reads the attributes
  // from the properties creation fills: infer on a probe without results, then build.
  auto create = [&](TypeRange types) {
    OperationState state(location(loc), *opName);
    state.addOperands(operands);
    state.addAttributes(attributes);
    state.addTypes(types);
    return opBuilder.create(state);
  };
  Operation *probe = create({});
  SmallVector<Type> inferred;
  LogicalResult inferredOk = cast<InferTypeOpInterface>(probe).inferReturnTypes(
      ctx, probe->getLoc(), probe->getOperands(), probe->getAttrDictionary(),
      probe->getPropertiesStorage(), probe->getRegions(), inferred);
  probe->erase();
  if (failed(inferredOk))
    return makeError(diags.text.empty() ? "cannot infer the results of '" + name + "'"
                                        : diags.text);
  Operation *op = create(inferred);
  if (failed(verify(op))) {
    op->erase();
    return makeError(diags.text);
  }
  return std::vector<Value>(op->getResults().begin(), op->getResults().end());
}

llvm::Expected<Value> Tracer::buildConstant(const HostArray &array, const SourceLoc &loc) {
  MLIRContext *ctx = &globalContext();
  auto type = RankedTensorType::get(array.shape, toMlirType(array.dtype, ctx));
  DenseElementsAttr value;
  size_t n = array.numElements();
  switch (array.dtype) {
  case DType::Float32:
    value = DenseElementsAttr::get(type, llvm::ArrayRef(array.as<float>(), n));
    break;
  case DType::Float64:
    value = DenseElementsAttr::get(type, llvm::ArrayRef(array.as<double>(), n));
    break;
  case DType::Int32:
    value = DenseElementsAttr::get(type, llvm::ArrayRef(array.as<int32_t>(), n));
    break;
  case DType::Int64:
    value = DenseElementsAttr::get(type, llvm::ArrayRef(array.as<int64_t>(), n));
    break;
  case DType::Bool: {
    SmallVector<bool> bits(n);
    for (size_t i = 0; i < n; ++i)
      bits[i] = array.as<uint8_t>()[i] != 0;
    value = DenseElementsAttr::get(type, llvm::ArrayRef<bool>(bits));
    break;
  }
  default: // float16 and the 8/16-bit and unsigned integers: numpy's bytes are MLIR's.
    value = DenseElementsAttr::getFromRawBuffer(
        type, llvm::ArrayRef(static_cast<const char *>(array.data), array.numBytes()));
    break;
  }
  return buildOp("ag.constant", {}, {opBuilder.getNamedAttr("value", value)}, Type(), loc);
}

llvm::Error Tracer::finish(llvm::ArrayRef<Value> results, const SourceLoc &loc) {
  opBuilder.create<func::ReturnOp>(location(loc), results);
  SmallVector<Type> inputs(function.getBody().front().getArgumentTypes());
  SmallVector<Type> outputs;
  for (Value v : results)
    outputs.push_back(v.getType());
  function.setFunctionType(opBuilder.getFunctionType(inputs, outputs));
  DiagnosticCollector diags(&globalContext());
  if (failed(verify(*moduleOp)))
    return makeError("the recorded function does not verify: " + diags.text);
  return llvm::Error::success();
}

std::string Tracer::print() {
  std::string s;
  llvm::raw_string_ostream os(s);
  OpPrintingFlags flags;
  flags.enableDebugInfo(/*enable=*/false);
  moduleOp->print(os, flags);
  return s;
}

//===----------------------------------------------------------------------===//
// Regions
//===----------------------------------------------------------------------===//

namespace {
std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

/// Checks that `values` have exactly `types` (loop-carried values and branch results
/// must keep their dtype and shape).
llvm::Error checkTypes(llvm::StringRef what, TypeRange types, ValueRange values) {
  if (types.size() != values.size())
    return makeError(what + ": expected " + llvm::Twine(types.size()) + " values, got " +
                     llvm::Twine(values.size()));
  for (auto [i, t, v] : llvm::enumerate(types, values))
    if (t != v.getType())
      return makeError(what + ": value #" + llvm::Twine(i) + " changes type from " +
                       typeString(t) + " to " + typeString(v.getType()));
  return llvm::Error::success();
}

std::vector<Value> toVector(ValueRange values) { return {values.begin(), values.end()}; }
} // namespace

llvm::Expected<Value> Tracer::scalarOf(Value tensor, Type elementType) {
  auto type = dyn_cast<RankedTensorType>(tensor.getType());
  if (!type || type.getRank() != 0 || type.getElementType() != elementType)
    return makeError(llvm::Twine("expected a 0-d ") + dtypeString(*fromMlirType(elementType)) +
                     " array, got " + typeString(tensor.getType()));
  return opBuilder.create<tensor::ExtractOp>(tensor.getLoc(), tensor, ValueRange{})
      .getResult();
}

Value Tracer::tensorOf(Value scalar, Type tensorElement) {
  Location loc = scalar.getLoc();
  if (scalar.getType().isIndex())
    scalar = opBuilder.create<arith::IndexCastOp>(loc, tensorElement, scalar);
  return opBuilder.create<tensor::FromElementsOp>(
      loc, RankedTensorType::get({}, tensorElement), scalar);
}

Tracer::OpenRegion *Tracer::region(int handle, llvm::StringRef kind) {
  if (handle < 0 || handle >= (int)regions.size() || !regions[handle].op ||
      regions[handle].op->getName().getStringRef() != kind)
    return nullptr;
  return &regions[handle];
}

llvm::Expected<int> Tracer::beginIf(Value condition, const SourceLoc &loc) {
  auto cond = scalarOf(condition, opBuilder.getI1Type());
  if (!cond)
    return cond.takeError();
  auto ifOp = opBuilder.create<scf::IfOp>(location(loc), TypeRange{}, *cond,
                                          /*addThenBlock=*/true, /*addElseBlock=*/true);
  regions.push_back({ifOp, opBuilder.saveInsertionPoint(), functions.size()});
  opBuilder.setInsertionPointToEnd(&ifOp.getThenRegion().front());
  return (int)regions.size() - 1;
}

llvm::Error Tracer::enterBranch(int handle, int which) {
  OpenRegion *r = region(handle, "scf.if");
  if (!r || (which != 0 && which != 1))
    return makeError("enterBranch: no open scf.if with this handle");
  auto ifOp = cast<scf::IfOp>(r->op);
  opBuilder.setInsertionPointToEnd(
      which == 0 ? &ifOp.getThenRegion().front() : &ifOp.getElseRegion().front());
  return llvm::Error::success();
}

llvm::Expected<std::vector<Value>> Tracer::endIf(int handle,
                                                 llvm::ArrayRef<Value> thenValues,
                                                 llvm::ArrayRef<Value> elseValues) {
  OpenRegion *r = region(handle, "scf.if");
  if (!r)
    return makeError("endIf: no open scf.if with this handle");
  auto ifOp = cast<scf::IfOp>(r->op);
  SmallVector<Type> types;
  for (Value v : thenValues)
    types.push_back(v.getType());
  if (auto err = checkTypes("if: the else branch", types, elseValues))
    return std::move(err);
  opBuilder.setInsertionPointToEnd(&ifOp.getThenRegion().front());
  opBuilder.create<scf::YieldOp>(ifOp.getLoc(), thenValues);
  opBuilder.setInsertionPointToEnd(&ifOp.getElseRegion().front());
  opBuilder.create<scf::YieldOp>(ifOp.getLoc(), elseValues);
  // Rebuild with the now known result types, moving both regions over.
  opBuilder.setInsertionPoint(ifOp);
  auto typed = opBuilder.create<scf::IfOp>(ifOp.getLoc(), types, ifOp.getCondition(),
                                           /*addThenBlock=*/false, /*addElseBlock=*/false);
  typed.getThenRegion().takeBody(ifOp.getThenRegion());
  typed.getElseRegion().takeBody(ifOp.getElseRegion());
  ifOp.erase();
  r->op = nullptr;
  opBuilder.setInsertionPointAfter(typed);
  return toVector(typed.getResults());
}

llvm::Expected<std::pair<int, std::vector<Value>>>
Tracer::beginWhile(llvm::ArrayRef<Value> inits, const SourceLoc &loc) {
  Location l = location(loc);
  SmallVector<Type> types;
  for (Value v : inits)
    types.push_back(v.getType());
  auto whileOp = opBuilder.create<scf::WhileOp>(l, types, inits);
  regions.push_back({whileOp, opBuilder.saveInsertionPoint(), functions.size()});
  SmallVector<Location> locs(types.size(), l);
  Block *before = opBuilder.createBlock(&whileOp.getBefore(), {}, types, locs);
  opBuilder.setInsertionPointToEnd(before);
  return std::make_pair((int)regions.size() - 1, toVector(before->getArguments()));
}

llvm::Expected<std::vector<Value>> Tracer::whileBody(int handle, Value condition,
                                                     llvm::ArrayRef<Value> values) {
  OpenRegion *r = region(handle, "scf.while");
  if (!r)
    return makeError("whileBody: no open scf.while with this handle");
  auto whileOp = cast<scf::WhileOp>(r->op);
  if (auto err = checkTypes("while: the values passed to the body",
                            whileOp.getResultTypes(), values))
    return std::move(err);
  auto cond = scalarOf(condition, opBuilder.getI1Type());
  if (!cond)
    return cond.takeError();
  opBuilder.create<scf::ConditionOp>(whileOp.getLoc(), *cond, values);
  SmallVector<Location> locs(values.size(), whileOp.getLoc());
  Block *after = opBuilder.createBlock(&whileOp.getAfter(), {},
                                       whileOp.getResultTypes(), locs);
  opBuilder.setInsertionPointToEnd(after);
  return toVector(after->getArguments());
}

llvm::Expected<std::vector<Value>> Tracer::endWhile(int handle,
                                                    llvm::ArrayRef<Value> values) {
  OpenRegion *r = region(handle, "scf.while");
  if (!r)
    return makeError("endWhile: no open scf.while with this handle");
  auto whileOp = cast<scf::WhileOp>(r->op);
  if (auto err = checkTypes("while: a loop-carried value", whileOp.getResultTypes(),
                            values))
    return std::move(err);
  opBuilder.create<scf::YieldOp>(whileOp.getLoc(), values);
  r->op = nullptr;
  opBuilder.setInsertionPointAfter(whileOp);
  return toVector(whileOp.getResults());
}

llvm::Expected<std::tuple<int, Value, std::vector<Value>>>
Tracer::beginFor(Value lower, Value upper, Value step, llvm::ArrayRef<Value> inits,
                 const SourceLoc &loc) {
  Location l = location(loc);
  SmallVector<Value> bounds;
  for (Value v : {lower, upper, step}) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    Type element = type ? type.getElementType() : Type();
    if (!element || !(element.isInteger(32) || element.isInteger(64)))
      return makeError("for: bounds must be 0-d int32 or int64 arrays, got " +
                       typeString(v.getType()));
    auto scalar = scalarOf(v, element);
    if (!scalar)
      return scalar.takeError();
    bounds.push_back(
        opBuilder.create<arith::IndexCastOp>(l, opBuilder.getIndexType(), *scalar));
  }
  auto forOp = opBuilder.create<scf::ForOp>(l, bounds[0], bounds[1], bounds[2], inits);
  Block *body = forOp.getBody();
  // A loop without carried values comes with an empty scf.yield: endFor writes its own.
  if (!body->empty())
    body->getTerminator()->erase();
  regions.push_back({forOp, opBuilder.saveInsertionPoint(), functions.size()});
  opBuilder.setInsertionPointToEnd(body);
  Value iv = tensorOf(forOp.getInductionVar(), opBuilder.getI64Type());
  return std::make_tuple((int)regions.size() - 1, iv,
                         toVector(forOp.getRegionIterArgs()));
}

llvm::Expected<std::vector<Value>> Tracer::endFor(int handle, llvm::ArrayRef<Value> values) {
  OpenRegion *r = region(handle, "scf.for");
  if (!r)
    return makeError("endFor: no open scf.for with this handle");
  auto forOp = cast<scf::ForOp>(r->op);
  if (auto err = checkTypes("for: a loop-carried value", forOp.getResultTypes(), values))
    return std::move(err);
  opBuilder.create<scf::YieldOp>(forOp.getLoc(), values);
  r->op = nullptr;
  opBuilder.setInsertionPointAfter(forOp);
  return toVector(forOp.getResults());
}

void Tracer::detach(Operation *op) {
  // Dropping the operands unlinks the op from the values it uses, so those can be
  // destroyed with the module in any order; its own results stay alive in `detached`.
  op->dropAllReferences();
  op->remove();
  detached->push_back(op);
}

llvm::Error Tracer::abortRegion(int handle) {
  if (handle < 0 || handle >= (int)regions.size() || !regions[handle].op)
    return makeError("abortRegion: no open region with this handle");
  OpenRegion aborted = regions[handle];
  for (size_t i = handle; i < regions.size(); ++i)
    regions[i].op = nullptr; // nested regions go with their parent
  while (functions.size() > aborted.openFunctions) {
    detach(functions.back().first);
    functions.pop_back();
  }
  detach(aborted.op);
  opBuilder.restoreInsertionPoint(aborted.after);
  return llvm::Error::success();
}

bool Tracer::inRegion() {
  Block *block = opBuilder.getInsertionBlock();
  return block && !isa<func::FuncOp>(block->getParentOp());
}

llvm::Expected<std::vector<Value>> Tracer::beginFunction(llvm::StringRef name,
                                                         llvm::ArrayRef<Type> argTypes,
                                                         const SourceLoc &loc) {
  if (moduleOp->lookupSymbol(name))
    return makeError("a function named '" + name + "' already exists");
  OpBuilder::InsertPoint resume = opBuilder.saveInsertionPoint();
  opBuilder.setInsertionPointToEnd(moduleOp->getBody());
  auto fn = opBuilder.create<func::FuncOp>(location(loc), name,
                                           opBuilder.getFunctionType(argTypes, {}));
  fn.setPrivate();
  functions.push_back({fn, resume});
  Block *entry = fn.addEntryBlock();
  opBuilder.setInsertionPointToEnd(entry);
  return toVector(entry->getArguments());
}

llvm::Expected<std::vector<Value>>
Tracer::beginRecursiveFunction(llvm::StringRef name, llvm::ArrayRef<Type> argTypes,
                               llvm::ArrayRef<Type> resultTypes, const SourceLoc &loc) {
  auto args = beginFunction(name, argTypes, loc);
  if (!args)
    return args.takeError();
  func::FuncOp fn = functions.back().first;
  fn.setFunctionType(opBuilder.getFunctionType(argTypes, resultTypes));
  fn->setAttr(kRecursiveAttr, opBuilder.getUnitAttr());
  return args;
}

llvm::Expected<Value> Tracer::stackGuard(int64_t callback, const SourceLoc &loc) {
  Type ok = RankedTensorType::get({}, opBuilder.getI1Type());
  return opBuilder.create<StackGuardOp>(location(loc), ok, callback).getResult();
}

std::vector<int64_t> Tracer::numberCallbacks() {
  std::vector<int64_t> ids;
  auto ordinal = [&](int64_t id) {
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end())
      it = ids.insert(ids.end(), id);
    return AG_ABI_CALLBACK_BASE + (int64_t)(it - ids.begin());
  };
  Builder b(&globalContext());
  moduleOp->walk([&](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "ag")
      if (auto id = op->getAttrOfType<IntegerAttr>("callback"))
        op->setAttr("callback", b.getI64IntegerAttr(ordinal(id.getInt())));
  });
  return ids;
}

llvm::Error Tracer::endFunction(llvm::ArrayRef<Value> results, const SourceLoc &loc) {
  if (functions.empty())
    return makeError("endFunction without beginFunction");
  auto [fn, resume] = functions.back();
  if (fn->hasAttr(kRecursiveAttr))
    if (auto err = checkTypes("function '" + fn.getName().str() + "': a result",
                              fn.getResultTypes(), results))
      return err;
  functions.pop_back();
  opBuilder.create<func::ReturnOp>(location(loc), results);
  SmallVector<Type> outputs;
  for (Value v : results)
    outputs.push_back(v.getType());
  fn.setFunctionType(opBuilder.getFunctionType(fn.getArgumentTypes(), outputs));
  opBuilder.restoreInsertionPoint(resume);
  return llvm::Error::success();
}

llvm::Expected<std::vector<Value>> Tracer::call(llvm::StringRef name,
                                                llvm::ArrayRef<Value> args,
                                                const SourceLoc &loc) {
  auto fn = moduleOp->lookupSymbol<func::FuncOp>(name);
  if (!fn)
    return makeError("no function named '" + name + "'");
  for (auto &open : functions)
    if (open.first == fn && !fn->hasAttr(kRecursiveAttr))
      return makeError("function '" + name + "' is still being recorded: its result "
                       "types are not known yet");
  if (auto err = checkTypes("call of '" + name.str() + "': argument",
                            fn.getArgumentTypes(), args))
    return std::move(err);
  auto callOp = opBuilder.create<func::CallOp>(location(loc), fn, args);
  return toVector(callOp.getResults());
}
