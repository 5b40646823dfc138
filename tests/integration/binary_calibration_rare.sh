#!/usr/bin/env bash
# Calibration of every case/control mode on null traits at 1% prevalence (binary_calibration.bash): the corrections
# must be calibrated, and the uncorrected score test must show the rare-variant inflation they remove.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/binary_calibration.bash"
calibrate 0.01 inflated inflated
