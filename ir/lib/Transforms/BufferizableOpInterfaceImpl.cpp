//===- BufferizableOpInterfaceImpl.cpp - Bufferizing the host callbacks ----===//
//
// ag.print, ag.assert and ag.host_call survive the ag -> linalg conversion (they have
// no linalg meaning) and become host calls during bufferization, when their operands'
// buffers exist: each value is passed as an unranked memref to `ag_rt_print_<dtype>`;
// an assert loads its 0-d condition and calls `ag_rt_fail` under an scf.if when it is
// false; a host call allocates its result, passes each argument to
// `ag_rt_host_arg_<dtype>` and the result buffer to `ag_rt_host_call_<dtype>`, which
// fills it. ag.sort, ag.argsort, ag.partition, ag.argpartition and ag.order_statistics
// likewise allocate their result and call the sort kernels (`ag_sort_<dtype>` sorts a
// copy of the operand in place, `ag_argsort_<dtype>` writes the indices; partitions
// likewise; `ag_order_statistics_<dtype>` writes the values at kth): a sort has no
// linalg form, and the kernels port numpy's own algorithms so that ties come out in
// numpy's order. ag.lapack allocates its results and calls `ag_lapack_<routine>`.
//
//===----------------------------------------------------------------------===//

#include "ag/Conversion/HostCalls.h"
#include "ag/IR/AgOps.h"
#include "ag/InitAll.h"
#include "ag/Abi/ag_abi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::bufferization;

namespace {

/// The host callback `name`, declared in the module enclosing `from`.
func::FuncOp declareCallback(Operation *from, StringRef name, TypeRange inputs) {
  return ag::declareHostFunction(from->getParentOfType<ModuleOp>(), name, inputs);
}

/// The kernels' name for a dtype: f16/32/64, i1/8/16/32/64, c64/128, or u8/16/32/64 when the
/// (by now signless) value was unsigned.
std::string dtypeSuffix(Type t, bool isUnsigned = false) {
  if (auto c = dyn_cast<ComplexType>(t)) // complex64 is c64: numpy's names count bits
    return "c" + std::to_string(2 * c.getElementType().getIntOrFloatBitWidth());
  if (isa<FloatType>(t))
    return "f" + std::to_string(t.getIntOrFloatBitWidth());
  return (isUnsigned ? "u" : "i") + std::to_string(t.getIntOrFloatBitWidth());
}

/// Whether value `index` (operands, then results) of `op` was unsigned before
/// convert-ag-to-linalg made it signless (its `ag.unsigned` attribute).
bool wasUnsigned(Operation *op, unsigned index) {
  auto flags = op->getAttrOfType<DenseBoolArrayAttr>("ag.unsigned");
  return flags && index < flags.size() && flags[index];
}

/// Calls runtime entry `prefix` + <dtype> with `id` and `buffer` as an unranked memref.
void callWithBuffer(RewriterBase &rewriter, Operation *op, StringRef prefix, Value id,
                    Value buffer, bool isUnsigned) {
  Location loc = op->getLoc();
  Type element = cast<MemRefType>(buffer.getType()).getElementType();
  auto unranked = UnrankedMemRefType::get(element, 0);
  Value cast = rewriter.create<memref::CastOp>(loc, unranked, buffer);
  auto fn = declareCallback(op, (Twine(prefix) + dtypeSuffix(element, isUnsigned)).str(),
                            {rewriter.getI64Type(), unranked});
  rewriter.create<func::CallOp>(loc, fn, ValueRange{id, cast});
}

/// The ops only read their operands (ag.host_call's result is a new buffer).
template <typename ConcreteModel, typename OpTy>
struct CallbackOpModel
    : public BufferizableOpInterface::ExternalModel<ConcreteModel, OpTy> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &, const AnalysisState &) const {
    return true;
  }
  bool bufferizesToMemoryWrite(Operation *, OpOperand &, const AnalysisState &) const {
    return false;
  }
  AliasingValueList getAliasingValues(Operation *, OpOperand &,
                                      const AnalysisState &) const {
    return {};
  }
};

struct PrintOpModel : CallbackOpModel<PrintOpModel, ag::PrintOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto print = cast<ag::PrintOp>(op);
    Location loc = op->getLoc();
    Value id = rewriter.create<arith::ConstantIntOp>(loc, print.getCallback(), 64);
    for (auto [i, v] : llvm::enumerate(print.getValues())) {
      FailureOr<Value> buffer = getBuffer(rewriter, v, options);
      if (failed(buffer))
        return failure();
      callWithBuffer(rewriter, op, AG_ABI_PRINT_PREFIX, id, *buffer,
                     wasUnsigned(op, print.getValues().getBeginOperandIndex() + i));
    }
    auto end = declareCallback(op, AG_ABI_PRINT_END, {rewriter.getI64Type()});
    rewriter.create<func::CallOp>(loc, end, ValueRange{id});
    rewriter.eraseOp(op);
    return success();
  }
};

struct AssertOpModel : CallbackOpModel<AssertOpModel, ag::AssertOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto assertOp = cast<ag::AssertOp>(op);
    Location loc = op->getLoc();
    FailureOr<Value> buffer = getBuffer(rewriter, assertOp.getCondition(), options);
    if (failed(buffer))
      return failure();
    Value ok = rewriter.create<memref::LoadOp>(loc, *buffer, ValueRange{});
    Value failed = rewriter.create<arith::XOrIOp>(
        loc, ok, rewriter.create<arith::ConstantIntOp>(loc, 1, 1));
    auto fn = declareCallback(op, AG_ABI_FAIL, {rewriter.getI64Type()});
    auto ifOp = rewriter.create<scf::IfOp>(loc, failed, /*withElseRegion=*/false);
    rewriter.setInsertionPointToStart(ifOp.thenBlock());
    Value id = rewriter.create<arith::ConstantIntOp>(loc, assertOp.getCallback(), 64);
    rewriter.create<func::CallOp>(loc, fn, ValueRange{id});
    rewriter.eraseOp(op);
    return success();
  }
};

struct HostCallOpModel : CallbackOpModel<HostCallOpModel, ag::HostCallOp> {
  bool bufferizesToAllocation(Operation *, Value) const { return true; }

  /// The result is a new buffer of identity layout (the runtime views it as a C-order
  /// numpy array).
  FailureOr<BaseMemRefType> getBufferType(Operation *, Value value,
                                          const BufferizationOptions &,
                                          SmallVector<Value> &) const {
    auto type = cast<RankedTensorType>(value.getType());
    return cast<BaseMemRefType>(MemRefType::get(type.getShape(), type.getElementType()));
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto call = cast<ag::HostCallOp>(op);
    Location loc = op->getLoc();
    auto type = call.getResult().getType();
    auto resultType = MemRefType::get(type.getShape(), type.getElementType());
    // A negative size (numpy raises for it, from the callback) allocates nothing.
    SmallVector<Value> sizes;
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    for (Value size : call.getSizes()) {
      FailureOr<Value> buffer = getBuffer(rewriter, size, options);
      if (failed(buffer))
        return failure();
      Value n = rewriter.create<memref::LoadOp>(loc, *buffer, ValueRange{});
      n = rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(), n);
      sizes.push_back(rewriter.create<arith::MaxSIOp>(loc, n, zero));
    }
    FailureOr<Value> result = options.createAlloc(rewriter, loc, resultType, sizes);
    if (failed(result))
      return failure();
    Value id = rewriter.create<arith::ConstantIntOp>(loc, call.getCallback(), 64);
    for (auto [i, v] : llvm::enumerate(call.getArgs())) {
      FailureOr<Value> buffer = getBuffer(rewriter, v, options);
      if (failed(buffer))
        return failure();
      callWithBuffer(rewriter, op, AG_ABI_HOST_ARG_PREFIX, id, *buffer,
                     wasUnsigned(op, call.getArgs().getBeginOperandIndex() + i));
    }
    callWithBuffer(rewriter, op, AG_ABI_HOST_CALL_PREFIX, id, *result,
                   wasUnsigned(op, op->getNumOperands()));
    replaceOpWithBufferizedValues(rewriter, op, *result);
    return success();
  }
};

/// A new identity-layout buffer for `value` (a tensor result), sized like `like`.
FailureOr<Value> allocLike(RewriterBase &rewriter, Location loc, Value value, Value like,
                           const BufferizationOptions &options) {
  auto type = cast<RankedTensorType>(value.getType());
  auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(rewriter.create<memref::DimOp>(loc, like, d));
  return options.createAlloc(rewriter, loc, memrefType, sizes);
}

/// ag.sort / ag.argsort / ag.partition / ag.argpartition / ag.order_statistics: the
/// result is a new buffer the kernel fills.
template <typename ConcreteModel, typename OpTy>
struct SortLikeOpModel : CallbackOpModel<ConcreteModel, OpTy> {
  static constexpr bool isPartition =
      std::is_same_v<OpTy, ag::PartitionOp> || std::is_same_v<OpTy, ag::ArgpartitionOp>;
  static constexpr bool hasKth = isPartition || std::is_same_v<OpTy, ag::OrderStatisticsOp>;
  /// The values themselves are rearranged (not their indices).
  static constexpr bool inPlace =
      std::is_same_v<OpTy, ag::SortOp> || std::is_same_v<OpTy, ag::PartitionOp>;

  bool bufferizesToAllocation(Operation *, Value) const { return true; }

  FailureOr<BaseMemRefType> getBufferType(Operation *, Value value,
                                          const BufferizationOptions &,
                                          SmallVector<Value> &) const {
    auto type = cast<RankedTensorType>(value.getType());
    return cast<BaseMemRefType>(MemRefType::get(type.getShape(), type.getElementType()));
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto sortOp = cast<OpTy>(op);
    Location loc = op->getLoc();
    FailureOr<Value> operand = getBuffer(rewriter, sortOp.getOperand(), options);
    if (failed(operand))
      return failure();
    FailureOr<Value> result =
        allocLike(rewriter, loc, sortOp.getResult(), *operand, options);
    if (failed(result))
      return failure();
    Type element = cast<MemRefType>(operand->getType()).getElementType();
    auto unranked = [&](Value buffer) {
      auto elementType = cast<MemRefType>(buffer.getType()).getElementType();
      return rewriter.create<memref::CastOp>(
          loc, UnrankedMemRefType::get(elementType, 0), buffer).getResult();
    };
    Value axis = rewriter.create<arith::ConstantIntOp>(loc, sortOp.getAxis(), 64);
    // The last argument: the sort kind, or the kth indices of a partition (a buffer
    // holding the constants; heap, not stack: the op may sit in a loop).
    Value last;
    if constexpr (hasKth) {
      ArrayRef<int64_t> kth = sortOp.getKth();
      auto kthType = MemRefType::get({(int64_t)kth.size()}, rewriter.getI64Type());
      FailureOr<Value> kthBuffer = options.createAlloc(rewriter, loc, kthType, {});
      if (failed(kthBuffer))
        return failure();
      Value buffer = *kthBuffer;
      for (auto [i, k] : llvm::enumerate(kth))
        rewriter.create<memref::StoreOp>(
            loc, rewriter.create<arith::ConstantIntOp>(loc, k, 64), buffer,
            ValueRange{rewriter.create<arith::ConstantIndexOp>(loc, i)});
      last = unranked(buffer);
    } else {
      last = rewriter.create<arith::ConstantIntOp>(loc, sortOp.getKind(), 64);
    }
    SmallVector<Value> args;
    std::string name;
    if constexpr (inPlace) {
      // numpy sorts (partitions) a copy lane by lane in place.
      rewriter.create<memref::CopyOp>(loc, *operand, *result);
      name = (Twine(isPartition ? AG_ABI_PARTITION_PREFIX : AG_ABI_SORT_PREFIX) +
              dtypeSuffix(element)).str();
      args = {unranked(*result), axis, last};
    } else {
      const char *prefix = std::is_same_v<OpTy, ag::OrderStatisticsOp>
                               ? AG_ABI_ORDER_STATISTICS_PREFIX
                           : isPartition ? AG_ABI_ARGPARTITION_PREFIX
                                         : AG_ABI_ARGSORT_PREFIX;
      name = (Twine(prefix) + dtypeSuffix(element)).str();
      args = {unranked(*operand), unranked(*result), axis, last};
    }
    auto fn = declareCallback(op, name, TypeRange(ValueRange(args)));
    rewriter.create<func::CallOp>(loc, fn, args);
    replaceOpWithBufferizedValues(rewriter, op, *result);
    return success();
  }
};

struct SortOpModel : SortLikeOpModel<SortOpModel, ag::SortOp> {};
struct ArgsortOpModel : SortLikeOpModel<ArgsortOpModel, ag::ArgsortOp> {};
struct PartitionOpModel : SortLikeOpModel<PartitionOpModel, ag::PartitionOp> {};
struct ArgpartitionOpModel : SortLikeOpModel<ArgpartitionOpModel, ag::ArgpartitionOp> {};
struct OrderStatisticsOpModel
    : SortLikeOpModel<OrderStatisticsOpModel, ag::OrderStatisticsOp> {};

/// ag.searchsorted: a new int64 buffer the kernel fills.
struct SearchsortedOpModel : CallbackOpModel<SearchsortedOpModel, ag::SearchsortedOp> {
  bool bufferizesToAllocation(Operation *, Value) const { return true; }

  FailureOr<BaseMemRefType> getBufferType(Operation *, Value value,
                                          const BufferizationOptions &,
                                          SmallVector<Value> &) const {
    auto type = cast<RankedTensorType>(value.getType());
    return cast<BaseMemRefType>(MemRefType::get(type.getShape(), type.getElementType()));
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto search = cast<ag::SearchsortedOp>(op);
    Location loc = op->getLoc();
    SmallVector<Value> buffers;
    for (Value operand : op->getOperands()) {
      FailureOr<Value> buffer = getBuffer(rewriter, operand, options);
      if (failed(buffer))
        return failure();
      buffers.push_back(*buffer);
    }
    FailureOr<Value> result =
        allocLike(rewriter, loc, search.getResult(), buffers[1], options);
    if (failed(result))
      return failure();
    auto unranked = [&](Value buffer) {
      auto elementType = cast<MemRefType>(buffer.getType()).getElementType();
      return rewriter.create<memref::CastOp>(
          loc, UnrankedMemRefType::get(elementType, 0), buffer).getResult();
    };
    Type element = cast<MemRefType>(buffers[0].getType()).getElementType();
    SmallVector<Value> args = {unranked(buffers[0]), unranked(buffers[1])};
    if (search.getSorter())
      args.push_back(unranked(buffers[2]));
    args.push_back(rewriter.create<arith::ConstantIntOp>(loc, search.getRight(), 1));
    args.push_back(unranked(*result));
    std::string name = (Twine(search.getSorter() ? AG_ABI_SEARCHSORTED_SORTER_PREFIX
                                                 : AG_ABI_SEARCHSORTED_PREFIX) +
                        dtypeSuffix(element)).str();
    auto fn = declareCallback(op, name, TypeRange(ValueRange(args)));
    rewriter.create<func::CallOp>(loc, fn, args);
    replaceOpWithBufferizedValues(rewriter, op, *result);
    return success();
  }
};

/// ag.lapack: every result is a new buffer; the kernel `ag_lapack_<routine>` reads the
/// operands (any layout, passed unranked with their strides) and fills the results.
struct LapackOpModel : CallbackOpModel<LapackOpModel, ag::LapackOp> {
  bool bufferizesToAllocation(Operation *, Value) const { return true; }

  FailureOr<BaseMemRefType> getBufferType(Operation *, Value value,
                                          const BufferizationOptions &,
                                          SmallVector<Value> &) const {
    auto type = cast<RankedTensorType>(value.getType());
    return cast<BaseMemRefType>(MemRefType::get(type.getShape(), type.getElementType()));
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto lapack = cast<ag::LapackOp>(op);
    Location loc = op->getLoc();
    auto unranked = [&](Value buffer) {
      auto elementType = cast<MemRefType>(buffer.getType()).getElementType();
      return rewriter.create<memref::CastOp>(
          loc, UnrankedMemRefType::get(elementType, 0), buffer).getResult();
    };
    SmallVector<Value> args, results;
    for (Value operand : lapack.getInputs()) {
      FailureOr<Value> buffer = getBuffer(rewriter, operand, options);
      if (failed(buffer))
        return failure();
      args.push_back(unranked(*buffer));
    }
    for (Value output : lapack.getOutputs()) {
      // Static shapes (the op's verifier): no sizes to pass.
      auto type = cast<RankedTensorType>(output.getType());
      FailureOr<Value> buffer = options.createAlloc(
          rewriter, loc, MemRefType::get(type.getShape(), type.getElementType()), {});
      if (failed(buffer))
        return failure();
      results.push_back(*buffer);
      args.push_back(unranked(*buffer));
    }
    std::string name = (Twine(AG_ABI_LAPACK_PREFIX) + lapack.getRoutine()).str();
    auto fn = declareCallback(op, name, TypeRange(ValueRange(args)));
    rewriter.create<func::CallOp>(loc, fn, args);
    replaceOpWithBufferizedValues(rewriter, op, results);
    return success();
  }
};

} // namespace

void mlir::ag::registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, AgDialect *) {
    PrintOp::attachInterface<PrintOpModel>(*ctx);
    AssertOp::attachInterface<AssertOpModel>(*ctx);
    HostCallOp::attachInterface<HostCallOpModel>(*ctx);
    SortOp::attachInterface<SortOpModel>(*ctx);
    ArgsortOp::attachInterface<ArgsortOpModel>(*ctx);
    PartitionOp::attachInterface<PartitionOpModel>(*ctx);
    ArgpartitionOp::attachInterface<ArgpartitionOpModel>(*ctx);
    OrderStatisticsOp::attachInterface<OrderStatisticsOpModel>(*ctx);
    SearchsortedOp::attachInterface<SearchsortedOpModel>(*ctx);
    LapackOp::attachInterface<LapackOpModel>(*ctx);
  });
}
