// The inputs every benchmark row reads: fixed-seed x uniform in [-10, 10] and dy uniform in
// [-1, 1], built once per element type (kMaxSize elements; a row of N uses the first N).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace act::bench {

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
