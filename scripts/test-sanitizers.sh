#!/usr/bin/env bash
# Builds the test suite with AddressSanitizer and UndefinedBehaviorSanitizer in ./build-sanitize and runs it; any
# report fails the run. The slowest statistical tests (null calibration at two prevalences, Firth on every 1000
# Genomes variant against PLINK 2 and on a permuted trait) run in the plain build only: they exercise no code the
# faster tests miss, at ten times the cost here. This build leaves MPI out (-DRIDGEWAY_MPI=OFF): it is the
# single-process build, so every change is also built and tested without MPI, and the distributed runs
# (cli.mpi_runs, which skips here) are tested in the plain build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRIDGEWAY_TESTS=ON -DRIDGEWAY_SANITIZE=ON -DRIDGEWAY_MPI=OFF >/dev/null
cmake --build build-sanitize -j"$(nproc)"
cd build-sanitize
# Leak checking is off: OpenBLAS and oneDNN keep per-thread buffers until exit by design.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 RIDGEWAY_SANITIZED=1
ctest --output-on-failure -j2 -E 'cli\.(binary_calibration|plink2_firth_1000genomes|firth_lrt_1000genomes)' "$@"
