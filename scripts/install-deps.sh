#!/usr/bin/env bash
# Installs the Debian 12 packages that lingrok's build, tests and figures need.
# Idempotent and non-interactive: packages already present are skipped; any failure stops
# the script with a message (set -e). Must run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libboost-test-dev libboost-iostreams-dev libboost-filesystem-dev
  libboost-program-options-dev
  libeigen3-dev libmpfr-dev libgmp-dev libginac-dev
  libcli11-dev nlohmann-json3-dev
  # gnuplot-nox named explicitly: otherwise libgnuplot-iostream-dev pulls the Qt/GTK gnuplot.
  libgnuplot-iostream-dev gnuplot-nox
  # The Python module (bindings/python) and its tests, for Debian's /usr/bin/python3.
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pytest python3-mpmath
  python3-matplotlib
  # Distributed GD over MPI ranks (numerics/distributed/) and its mpirun tests.
  libopenmpi-dev openmpi-bin
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root to install: ${missing[*]} (run as root or install sudo)" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
  || { echo "install-deps: apt-get install failed for: ${missing[*]}" >&2; exit 1; }
echo "install-deps: done"
