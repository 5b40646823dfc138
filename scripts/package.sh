#!/usr/bin/env bash
# Installs the build dependencies, builds ridgeway (Release, in ./build-package) and makes the Debian package
# ./ridgeway_<version>_<architecture>.deb with CPack: the binary, man page, documentation and bash completion under
# /usr, its Depends computed from the libraries the binary links. Install it with apt install ./ridgeway_*.deb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-package -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DRIDGEWAY_TESTS=OFF >/dev/null
cmake --build build-package -j"$(nproc)"
rm -f build-package/ridgeway_*.deb
(cd build-package && cpack -G DEB >/dev/null)
deb=$(cd build-package && ls ridgeway_*.deb)
mv "build-package/$deb" .
dpkg-deb --field "$deb" Package Version Architecture Depends
echo "Built $PWD/$deb"
