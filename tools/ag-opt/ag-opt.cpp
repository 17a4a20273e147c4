//===- ag-opt.cpp - mlir-opt for the ag dialect ---------------------------===//
//
// The registry comes from ag/InitAll.h, the same header the JIT and ag-dump-ir use, so
// every pass and pipeline a test runs here is the one the compiler runs.
//
//===----------------------------------------------------------------------===//

#include "ag/InitAll.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::ag::registerAllDialects(registry);
  mlir::ag::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ag optimizer driver\n", registry));
}
