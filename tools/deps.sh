#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages esock needs that are missing (Debian 12, as
# root or through sudo). Quick when everything is there: one dpkg query.
set -euo pipefail

packages=(
  meson ninja-build g++ pkg-config
  python3 python3-jinja2 python3-yaml python3-jsonschema
  libyaml-cpp-dev libboost-test-dev
  clang-format  # the style test checks hand-written C++ against .clang-format
  netbase  # /etc/protocols, which protocol names are resolved against
  iproute2 util-linux  # ip (also `ip -j addr` for the getifaddrs test), unshare, setpriv: the namespace and unprivileged test runs
  cmake doxygen  # the install tests' CMake consumers; the API reference and its no-warnings test
  binutils  # nm and readelf: the install test's look at the exported symbols and the soname
)
# Extra packages for optional jobs, e.g. ESOCK_EXTRA_PACKAGES="clang libclang-rt-14-dev".
if [ -n "${ESOCK_EXTRA_PACKAGES:-}" ]; then
  read -r -a extra <<<"$ESOCK_EXTRA_PACKAGES"
  packages+=("${extra[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "esock: installing missing packages: ${missing[*]}" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "esock: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
