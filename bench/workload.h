// What the benchmark binaries (bench_activations, versus_peers, regression_check) run: the inputs
// of every distribution (fixed seeds), the operations' names, and a kernel called by operation.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <fstream>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
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

// ---- Inputs ------------------------------------------------------------------------------------
// x comes from one of the distributions below (a benchmark dimension, named in every row);
// dy is always uniform in [-1, 1]. Each is built once per element type, kMaxSize elements from
// a fixed seed (a row of N uses the first N), the first time a row asks for it.
constexpr int64_t kMaxSize = 1 << 24;

enum class Distribution {
  kUniform,      // x ~ U[-10, 10]: inside every in-range bound
  kNormal,       // x ~ N(0, 2^2): a typical pre-activation spread
  kOutliers4096, // N(0, 2^2) with 1 element in 4096 replaced by an outlier
  kOutliers256,  //   ... 1 in 256
  kOutliers64,   //   ... 1 in 64
  kSaturated,    // every |x| log-uniform in [kOutlierMin, 10^4]: the tails of every activation
  kMlp,          // pre-activations recorded from the project's trained MLP (bench/data/)
};
inline constexpr Distribution kAllDistributions[] = {
    Distribution::kUniform,     Distribution::kNormal,      Distribution::kOutliers4096,
    Distribution::kOutliers256, Distribution::kOutliers64,  Distribution::kSaturated,
    Distribution::kMlp};

// Outliers have |x| log-uniform in [kOutlierMin, kOutlierMax], either sign: beyond every
// in-range bound (the largest is 69, for sigmoid, silu, elu, selu), as large models produce.
inline constexpr double kOutlierMin = 70, kOutlierMax = 300;

// As the rows name it: forward/mish/float/AVX3/outliers_256/N:16384.
inline const char* DistributionName(Distribution d) {
  switch (d) {
    case Distribution::kUniform: return "uniform";
    case Distribution::kNormal: return "normal";
    case Distribution::kOutliers4096: return "outliers_4096";
    case Distribution::kOutliers256: return "outliers_256";
    case Distribution::kOutliers64: return "outliers_64";
    case Distribution::kSaturated: return "saturated";
    case Distribution::kMlp: return "mlp";
  }
  return "?";
}
inline std::optional<Distribution> DistributionNamed(std::string_view name) {
  for (Distribution d : kAllDistributions) {
    if (name == DistributionName(d)) return d;
  }
  return std::nullopt;
}

// The recorded MLP pre-activations (one value per line after a header), tiled to kMaxSize in
// a fixed-seed shuffled order so that no period lines up with a vector or block.
std::vector<double> RecordedMlpPreactivations();

namespace detail {

template <typename T>
std::vector<T> MakeX(Distribution d) {
  std::vector<T> x(kMaxSize);
  std::mt19937_64 rng(20261125 + static_cast<uint64_t>(d));
  std::normal_distribution<double> normal(0.0, 2.0);
  const auto outlier = [&rng] {
    std::uniform_real_distribution<double> log_magnitude(std::log(kOutlierMin), std::log(kOutlierMax));
    const double magnitude = std::exp(log_magnitude(rng));
    return rng() & 1 ? magnitude : -magnitude;
  };
  const auto with_outliers = [&](int64_t one_in) {
    for (T& e : x) e = static_cast<T>(normal(rng));
    std::uniform_int_distribution<int64_t> position(0, kMaxSize - 1);
    for (int64_t k = 0; k < kMaxSize / one_in; ++k) x[position(rng)] = static_cast<T>(outlier());
  };
  switch (d) {
    case Distribution::kUniform: {
      std::uniform_real_distribution<double> uniform(-10, 10);
      for (T& e : x) e = static_cast<T>(uniform(rng));
      break;
    }
    case Distribution::kNormal:
      for (T& e : x) e = static_cast<T>(normal(rng));
      break;
    case Distribution::kOutliers4096: with_outliers(4096); break;
    case Distribution::kOutliers256: with_outliers(256); break;
    case Distribution::kOutliers64: with_outliers(64); break;
    case Distribution::kSaturated: {
      std::uniform_real_distribution<double> log_magnitude(std::log(kOutlierMin), std::log(1e4));
      for (T& e : x) e = static_cast<T>((rng() & 1 ? 1 : -1) * std::exp(log_magnitude(rng)));
      break;
    }
    case Distribution::kMlp: {
      const std::vector<double> sample = RecordedMlpPreactivations();
      std::vector<size_t> order(sample.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      for (size_t filled = 0; filled < x.size();) {
        std::shuffle(order.begin(), order.end(), rng);
        for (size_t i = 0; i < order.size() && filled < x.size(); ++i) x[filled++] = static_cast<T>(sample[order[i]]);
      }
      break;
    }
  }
  return x;
}

}  // namespace detail

// The x of distribution d and the shared dy, for element type T. Thread-compatible (the
// benchmarks run on one thread).
// For a 16-bit storage type, the float inputs rounded to it.
template <typename T>
std::span<const T> InputX(Distribution d) {
  static std::map<Distribution, std::vector<T>> built;
  auto it = built.find(d);
  if (it == built.end()) {
    if constexpr (Storage16<T>) {
      const std::span<const float> wide = InputX<float>(d);
      std::vector<T> x(wide.size());
      for (size_t i = 0; i < x.size(); ++i) x[i] = FromFloat<T>(wide[i]);
      it = built.emplace(d, std::move(x)).first;
    } else {
      it = built.emplace(d, detail::MakeX<T>(d)).first;
    }
  }
  return it->second;
}
template <typename T>
std::span<const T> InputDy() {
  static const std::vector<T> dy = [] {
    std::mt19937_64 rng(20261126);
    std::uniform_real_distribution<double> uniform(-1, 1);
    std::vector<T> v(kMaxSize);
    for (T& e : v) {
      if constexpr (Storage16<T>) {
        e = FromFloat<T>(static_cast<float>(uniform(rng)));
      } else {
        e = static_cast<T>(uniform(rng));
      }
    }
    return v;
  }();
  return dy;
}

}  // namespace act::bench
