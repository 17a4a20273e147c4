#!/usr/bin/env bash
# Installs the Debian packages ag needs to build, test and benchmark. Idempotent: when every
# package is already installed it prints nothing and touches nothing (no apt-get update).
set -euo pipefail

packages=(
  # compiler toolchain
  cmake ninja-build ccache g++ lld
  # dpkg-shlibdeps: the Depends of the .deb scripts/package-deb.sh builds; CPackDeb runs
  # `file` on every installed file to find the ones dpkg-shlibdeps must read (a fresh
  # minbase root has no `file`: cpack -G DEB failed there)
  dpkg-dev file
  # LLVM/MLIR 19: libmlir-19-dev pulls neither llvm-19-dev nor the tools MLIRConfig.cmake
  # checks for (mlir-tblgen, mlir-pdll), so all four are named. llvm-19-tools has lit+FileCheck.
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools libzstd-dev
  # oneDNN 2.6 (matmul/conv kernels). Its dnnl-config.cmake calls find_package(OpenCL), and
  # the OpenCL headers/loader are only a Recommends of libdnnl-dev, which --no-install-recommends
  # drops: without ocl-icd-opencl-dev a fresh machine fails at configure.
  libdnnl-dev ocl-icd-opencl-dev
  # OpenBLAS 0.3.21 (float64 GEMM, GEMV; backends/blas). libopenblas-dev pulls the pthread
  # build, which ag wants (backends/blas/CMakeLists.txt says why). It also becomes the
  # libblas.so.3 numpy loads, so the bench's numpy is the numpy of a Debian user with it.
  libopenblas-dev
  # test and bench frameworks
  libgtest-dev libbenchmark-dev
  # Debian's Python with numpy: the interpreter ag builds against
  python3-dev python3-numpy python3-pytest pybind11-dev
  # Dask (2022.12; pulls cloudpickle): examples/dask_map.py and tests/python/test_dask.py
  # run staged functions on a distributed.LocalCluster's worker processes
  python3-distributed python3-dask
  # IPython 8.5: tests/python/test_source_unavailable.py stages functions defined in real
  # IPython cells (their source lives only in linecache)
  python3-ipython
)
if [[ "${AG_BENCH_DEPS:-0}" == 1 ]]; then
  # numpy on the reference BLAS would make every comparison unfair (see bench/README.md;
  # libopenblas-dev above already installs it); torch (eager and TorchScript) and numba
  # are the bench's peers, matplotlib draws its plot.
  packages+=(libopenblas0-pthread python3-matplotlib python3-torch python3-numba)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "ag: installing ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
