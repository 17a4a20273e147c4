//===- Tracer.cpp - Records staged numpy operations as an ag function -----===//

#include "ag/Runtime/Tracer.h"

#include "ag/IR/AgOps.h"
#include "ag/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/Support/raw_ostream.h"

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

Tracer::Tracer(llvm::StringRef functionName) : opBuilder(&globalContext()) {
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

llvm::Expected<Value> Tracer::buildOp(llvm::StringRef name, llvm::ArrayRef<Value> operands,
                                      llvm::ArrayRef<NamedAttribute> attributes,
                                      Type resultType, const SourceLoc &loc) {
  MLIRContext *ctx = &globalContext();
  std::optional<RegisteredOperationName> opName = RegisteredOperationName::lookup(name, ctx);
  if (!opName)
    return makeError("unknown op '" + name + "'");
  DiagnosticCollector diags(ctx);
  bool infers = opName->hasInterface<InferTypeOpInterface>();
  if (!resultType && !infers)
    return makeError("'" + name + "' needs an explicit result type");

  // Create with a placeholder type, then infer: creation moves the attributes into the
  // op's properties, which inference reads.
  OperationState state(location(loc), *opName);
  state.addOperands(operands);
  state.addAttributes(attributes);
  state.addTypes(resultType ? resultType : NoneType::get(ctx));
  Operation *op = opBuilder.create(state);
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
