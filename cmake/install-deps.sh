#!/usr/bin/env bash
# Installs the Debian 12 packages hwy-activations builds against. Idempotent: packages already
# present are skipped by apt-get. Run as root (or through sudo).
set -euo pipefail

packages=(
  build-essential cmake git
  libhwy-dev          # Google Highway 1.0.3: the SIMD kernels
  libboost-dev        # Boost.Math / Boost.Multiprecision 1.74: high-precision references
  catch2              # Catch2 2.13.10: the verification suite
  libbenchmark-dev    # Google Benchmark 1.7.1: bench_activations
  libfccp-dev         # the CSV Parser: golden values, baselines
  gnuplot-nox         # plots in reports/
  libdnnl-dev         # oneDNN 2.6: the peer in bench_activations (optional for the build)
)

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
