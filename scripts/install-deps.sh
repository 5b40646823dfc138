#!/usr/bin/env bash
# Installs what ridgeway needs to build and test on Debian 12, as root. Does nothing when everything is present.
set -euo pipefail

packages=(
  g++ make cmake pkg-config
  libhts-dev libcli11-dev libfmt-dev libopenblas-dev liblapacke-dev libdnnl-dev ocl-icd-opencl-dev libcairo2-dev zlib1g-dev libzstd-dev libsqlite3-dev libgtest-dev
  # the Debian package (scripts/package.sh): dpkg-shlibdeps and the file tool, which CPack runs on the binary
  dpkg-dev file
  # distributed runs under mpirun (optional for the build: without MPI it is a single-process build)
  libopenmpi-dev openmpi-bin
  # peers and oracles used by the tests and benchmarks (chromium renders the HTML report in a test)
  clang libclang-rt-14-dev chromium python3-pil plink2 bolt-lmm-example tabix bcftools python3 python3-numpy python3-scipy python3-mpmath python3-statsmodels python3-yaml time bc
  # pgrep finds the ranks of a distributed run to kill (tests/integration/mpi_runs.sh); not in a minimal Debian
  procps
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Error: missing Debian packages (${missing[*]}); run this script as root to install them" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
