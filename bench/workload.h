// What both benchmark binaries (bench_activations, versus_onednn) run: the fixed-seed inputs,
// the operations' names, and a kernel called by operation.
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "kernels/activations.h"

namespace act::bench {

// As the rows are named: forward/mish/float/AVX3/N:16384.
inline const char* OpName(Op op) {
  switch (op) {
    case Op::kForward: return "forward";
    case Op::kDerivative: return "derivative";
    case Op::kBackward: return "backward";
    case Op::kForwardAndDerivative: return "forward_and_derivative";
  }
  return "?";
}

// The public call for operation op (out2 only for the fused pass).
template <typename T>
void CallKernel(Op op, Kind kind, std::span<const T> x, std::span<const T> dy, std::span<T> out,
                std::span<T> out2, std::optional<double> param) {
  switch (op) {
    case Op::kForward: Forward<T>(kind, x, out, param); break;
    case Op::kDerivative: Derivative<T>(kind, x, out, param); break;
    case Op::kBackward: Backward<T>(kind, x, dy, out, param); break;
    case Op::kForwardAndDerivative: ForwardAndDerivative<T>(kind, x, out, out2, param); break;
  }
}

// The CPU's model name, which results record: ratios are comparable only on the same model.
inline std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

// The inputs every row reads: x uniform in [-10, 10] and dy uniform in [-1, 1], built once per
// element type (kMaxSize elements; a row of N uses the first N).
constexpr int64_t kMaxSize = 1 << 24;

template <typename T>
struct Inputs {
  std::vector<T> x, dy;
};

template <typename T>
const Inputs<T>& SharedInputs() {
  static const Inputs<T> inputs = [] {
    std::mt19937_64 rng(20261125);
    std::uniform_real_distribution<T> x(-10, 10), dy(-1, 1);
    Inputs<T> in{std::vector<T>(kMaxSize), std::vector<T>(kMaxSize)};
    for (int64_t i = 0; i < kMaxSize; ++i) in.x[i] = x(rng), in.dy[i] = dy(rng);
    return in;
  }();
  return inputs;
}

}  // namespace act::bench
