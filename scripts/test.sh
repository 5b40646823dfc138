#!/usr/bin/env bash
# Installs, builds with the test suite, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DRIDGEWAY_TESTS=ON
cd build
ctest --output-on-failure -j2 "$@"
