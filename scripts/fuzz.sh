#!/usr/bin/env bash
# Runs each parser's libFuzzer target (built with clang, AddressSanitizer and UndefinedBehaviorSanitizer on, in
# ./build-sanitize by scripts/test-sanitizers.sh, which this builds first if needed) for SECONDS (default 60), starting
# from the seeds in tests/fuzz/corpus; the corpus grows in build-sanitize/corpus. A crash, sanitizer report, timeout
# or any exception other than ridgeway's own input error fails the run and leaves the input in build-sanitize/. CI
# runs it for a few seconds per target.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/install-deps.sh
if [ ! -f build-sanitize/CMakeCache.txt ] || ! grep -q '^RIDGEWAY_FUZZ:BOOL=ON' build-sanitize/CMakeCache.txt; then
  CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" \
    -DRIDGEWAY_TESTS=ON -DRIDGEWAY_SANITIZE=ON -DRIDGEWAY_FUZZ=ON -DRIDGEWAY_MPI=OFF >/dev/null
fi
cmake --build build-sanitize -j"$(nproc)" --target fuzz_results fuzz_tables fuzz_loco fuzz_plink1 fuzz_numbers \
  fuzz_model fuzz_bgen fuzz_vcf fuzz_pgen fuzz_split
cd build-sanitize
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for parser in results tables loco plink1 numbers model bgen vcf pgen split; do
  mkdir -p "corpus/$parser"
  cp -n ../tests/fuzz/corpus/$parser/* "corpus/$parser/"
  echo "== fuzz_$parser for $seconds s"
  status=0
  "./tests/fuzz/fuzz_$parser" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "corpus/$parser" > "fuzz_$parser.log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|==[0-9]+==|SUMMARY)|^Done" "fuzz_$parser.log" || true
  [ "$status" -eq 0 ] || { tail -30 "fuzz_$parser.log"; echo "fuzz_$parser found a failing input (build-sanitize/crash-*)"; exit 1; }
done
