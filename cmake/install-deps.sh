#!/usr/bin/env bash
# Installs the Debian 12 packages hwy-activations builds against. Idempotent: packages already
# present are skipped by apt-get. Run as root (or through sudo).
#   bash cmake/install-deps.sh [--with-pytorch]
# --with-pytorch adds libtorch-dev (PyTorch ATen, about 200 packages), the optional peer the
# README's main command measures too; the tests do not need it.
set -euo pipefail

packages=(
  build-essential cmake git pkg-config
  libhwy-dev          # Google Highway 1.0.3: the SIMD kernels
  libboost-dev        # Boost.Math / Boost.Multiprecision 1.74: high-precision references
  catch2              # Catch2 2.13.10: the verification suite
  libbenchmark-dev    # Google Benchmark 1.7.1: bench_activations
  libfccp-dev         # the CSV Parser: golden values, baselines
  gnuplot-nox         # plots in reports/
  libdnnl-dev         # oneDNN 2.6: a peer in bench/ (optional for the build)
  libeigen3-dev       # Eigen 3.4: a peer in bench/ (optional for the build)
  libsleef-dev        # SLEEF 3.5: a peer in bench/ (optional for the build)
)
case "${1:-}" in
  "") ;;
  --with-pytorch) packages+=(libtorch-dev) ;;  # PyTorch ATen 1.13: the optional, large peer
  *) echo "install-deps: unknown argument '$1' (usage: bash cmake/install-deps.sh [--with-pytorch])" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
