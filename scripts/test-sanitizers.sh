#!/usr/bin/env bash
# Builds the test suite and the parsers' fuzz targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer in
# ./build-sanitize (one build serves both: scripts/fuzz.sh runs the fuzz targets from it) and runs the test suite;
# any report fails the run. -O1 with line tables only: the sanitizers need no more. This build has no oneDNN (the
# fuzz instrumentation leaves it out), so it tests the FP64 route of the fold Grams; the INT8 route is tested in the
# plain build. The slowest tests run in the plain build only, as they exercise no code the
# faster ones miss here, at several times the cost: the null calibration at two prevalences, Firth on every 1000
# Genomes variant against PLINK 2 and on a permuted trait, the 8 killed-and-resumed runs, the split runs (1, 3 and
# 7 parts of every command; each part a gwas, step1, assoc or predict run that cli.determinism and
# cli.predict_dosages also run, and the part and checkpoint files' parser is fuzzed), step 1 at 5,000 x 50,000
# against the simulated truth (its code runs in cli.determinism and cli.binary_stress), every format and sample-ID
# layout on all 1000 Genomes variants (each reader runs here in its unit tests and cli.pgen_1000genomes,
# cli.regions_1000genomes, and is fuzzed by scripts/fuzz.sh), predict's precision and epistasis runs (its code runs
# in cli.predict_dosages), the report's page and corrections (cairo's drawing; the result-table parser is fuzzed
# and runs in cli.determinism here), the chromosome X gwas at 10,000 samples (its code runs in
# cli.chrx_1000genomes), the progress lines of batch runs (a gwas long enough for several 10-second lines; the run
# log's code runs in every test and tests/unit/run_log_test.cpp), regenie's command lines (each run twice under
# both names; the option parsing runs in every test), conditional analysis in every step-2 mode (fourteen runs;
# the conditioning code runs here in cli.conditional_1000genomes and cli.bad_input), and --test dominant/recessive and
# the rank-based inverse normal transforms against PLINK 2 and scipy (their code runs here in
# tests/unit/genetic_model_test.cpp).
# This build leaves MPI out (-DRIDGEWAY_MPI=OFF): it is the single-process build,
# so every change is also built and tested without MPI, and the distributed runs (cli.mpi_runs, which skips here)
# are tested in the plain build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# A build-sanitize configured with another compiler (g++, before) is started afresh.
if [ -f build-sanitize/CMakeCache.txt ] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang++' build-sanitize/CMakeCache.txt; then
  rm -rf build-sanitize
fi
CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" \
  -DRIDGEWAY_TESTS=ON -DRIDGEWAY_SANITIZE=ON -DRIDGEWAY_FUZZ=ON -DRIDGEWAY_MPI=OFF >/dev/null
cmake --build build-sanitize -j"$(nproc)"
cd build-sanitize
# Leak checking is off: OpenBLAS keeps per-thread buffers until exit by design.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 RIDGEWAY_SANITIZED=1
slow='binary_calibration|plink2_firth_1000genomes|firth_lrt_1000genomes|kill_resume|step1_simulated'
slow+='|formats_1000genomes|sample_ids_1000genomes|predict_precision|predict_epistasis|split_runs|report'
slow+='|report_corrections|chrx_gwas|batch_runs|regenie_command_lines|models_1000genomes|rank_normal_scipy'
slow+='|conditional_modes'
ctest --output-on-failure -j2 -E "cli\.($slow)" "$@"
