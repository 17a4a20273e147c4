//===- HostArray.cpp - numpy-like arrays on the C++ side ------------------===//
//
// Links no MLIR or LLVM: the light runtime (libag_py, the record-hit path) uses it too.
// The MLIR type of a dtype is DTypeMlir.cpp's.
//
//===----------------------------------------------------------------------===//

#include "ag/Runtime/HostArray.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace mlir::ag;

size_t mlir::ag::itemSize(DType dtype) {
  switch (dtype) {
  case DType::Float32:
  case DType::Int32:
  case DType::UInt32:
    return 4;
  case DType::Float64:
  case DType::Int64:
  case DType::UInt64:
  case DType::Complex64:
    return 8;
  case DType::Complex128:
    return 16;
  case DType::Bool:
  case DType::Int8:
  case DType::UInt8:
    return 1;
  case DType::Float16:
  case DType::Int16:
  case DType::UInt16:
    return 2;
  }
  return 0;
}

const char *mlir::ag::dtypeString(DType dtype) {
  switch (dtype) {
  case DType::Float32:
    return "float32";
  case DType::Float64:
    return "float64";
  case DType::Int32:
    return "int32";
  case DType::Int64:
    return "int64";
  case DType::Bool:
    return "bool";
  case DType::Float16:
    return "float16";
  case DType::Int8:
    return "int8";
  case DType::Int16:
    return "int16";
  case DType::UInt8:
    return "uint8";
  case DType::UInt16:
    return "uint16";
  case DType::UInt32:
    return "uint32";
  case DType::UInt64:
    return "uint64";
  case DType::Complex64:
    return "complex64";
  case DType::Complex128:
    return "complex128";
  }
  return "?";
}

std::optional<DType> mlir::ag::dtypeFromString(const std::string &name) {
  for (DType d : {DType::Float32, DType::Float64, DType::Int32, DType::Int64, DType::Bool,
                  DType::Float16, DType::Int8, DType::Int16, DType::UInt8, DType::UInt16,
                  DType::UInt32, DType::UInt64, DType::Complex64, DType::Complex128})
    if (name == dtypeString(d))
      return d;
  return std::nullopt;
}

HostArray HostArray::zeros(DType dtype, std::vector<int64_t> shape) {
  HostArray a;
  a.dtype = dtype;
  a.shape = std::move(shape);
  size_t bytes = std::max<size_t>(a.numBytes(), 1);
  size_t rounded = (bytes + 63) / 64 * 64;
  void *p = std::aligned_alloc(64, rounded);
  std::memset(p, 0, rounded);
  a.storage = std::shared_ptr<void>(p, std::free);
  a.data = p;
  return a;
}

int64_t HostArray::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

namespace {
/// IEEE binary16 to float (for text only).
float halfToFloat(uint16_t h) {
  int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  float v = exponent == 0    ? std::ldexp((float)mantissa, -24)
            : exponent == 31 ? (mantissa ? NAN : INFINITY)
                             : std::ldexp((float)(mantissa | 0x400), exponent - 25);
  return (h & 0x8000) ? -v : v;
}

void formatElement(const HostArray &a, int64_t i, std::string &out) {
  char buf[64];
  switch (a.dtype) {
  case DType::Float32:
    std::snprintf(buf, sizeof buf, "%.8g", (double)a.as<float>()[i]);
    break;
  case DType::Float64:
    std::snprintf(buf, sizeof buf, "%.16g", a.as<double>()[i]);
    break;
  case DType::Int32:
    std::snprintf(buf, sizeof buf, "%d", a.as<int32_t>()[i]);
    break;
  case DType::Int64:
    std::snprintf(buf, sizeof buf, "%lld", (long long)a.as<int64_t>()[i]);
    break;
  case DType::Bool:
    std::snprintf(buf, sizeof buf, "%s", a.as<uint8_t>()[i] ? "True" : "False");
    break;
  case DType::Float16:
    std::snprintf(buf, sizeof buf, "%.5g", (double)halfToFloat(a.as<uint16_t>()[i]));
    break;
  case DType::Int8:
    std::snprintf(buf, sizeof buf, "%d", (int)a.as<int8_t>()[i]);
    break;
  case DType::Int16:
    std::snprintf(buf, sizeof buf, "%d", (int)a.as<int16_t>()[i]);
    break;
  case DType::UInt8:
    std::snprintf(buf, sizeof buf, "%u", (unsigned)a.as<uint8_t>()[i]);
    break;
  case DType::UInt16:
    std::snprintf(buf, sizeof buf, "%u", (unsigned)a.as<uint16_t>()[i]);
    break;
  case DType::UInt32:
    std::snprintf(buf, sizeof buf, "%u", a.as<uint32_t>()[i]);
    break;
  case DType::UInt64:
    std::snprintf(buf, sizeof buf, "%llu", (unsigned long long)a.as<uint64_t>()[i]);
    break;
  case DType::Complex64:
    std::snprintf(buf, sizeof buf, "%g%+gj", (double)a.as<float>()[2 * i],
                  (double)a.as<float>()[2 * i + 1]);
    break;
  case DType::Complex128:
    std::snprintf(buf, sizeof buf, "%.17g%+.17gj", a.as<double>()[2 * i],
                  a.as<double>()[2 * i + 1]);
    break;
  }
  out += buf;
}

void formatLevel(const HostArray &a, size_t dim, int64_t &index, std::string &out) {
  if (dim == a.shape.size()) {
    formatElement(a, index++, out);
    return;
  }
  out += "[";
  for (int64_t i = 0; i < a.shape[dim]; ++i) {
    if (i)
      out += ", ";
    formatLevel(a, dim + 1, index, out);
  }
  out += "]";
}
} // namespace

std::string HostArray::toString(int64_t maxElements) const {
  std::string out = dtypeString(dtype);
  out += "[";
  for (size_t i = 0; i < shape.size(); ++i)
    out += (i ? "," : "") + std::to_string(shape[i]);
  out += "] ";
  if (numElements() <= maxElements) {
    int64_t index = 0;
    formatLevel(*this, 0, index, out);
    return out;
  }
  // Too long to nest: the first elements in flat (row-major) order.
  out += "flat [";
  for (int64_t i = 0; i < maxElements; ++i) {
    formatElement(*this, i, out);
    out += ", ";
  }
  out += "...]";
  return out;
}
