// BackwardFromOutput's accuracy: the exact f'(f^-1(y)) from y alone, where y lies in f's range,
// and a measurement over a set of ys, shared by test_from_output (a stride, every target) and
// from_output_sweep (every float y).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <vector>

#include "kernels/activations.h"
#include "verify/sweep.h"

namespace act::verify {

// lambda alpha = kSeluLambdaAlpha + kSeluLambdaAlphaLow (from the 32-digit constants), so the
// reference keeps its accuracy where y + lambda alpha is tiny.
inline constexpr double kSeluLambdaAlphaLow = 0x1.05161b045a1fep-56;

// Whether y is a value f takes on the extended reals (its limits included): the ys that
// f'(f^-1(y)) is defined for. NaN is not.
template <class Tag>
bool InOutputRange(long double y, long double param) {
  if (std::isnan(y)) return false;
  if constexpr (std::is_same_v<Tag, Sigmoid>) return y >= 0 && y <= 1;
  if constexpr (std::is_same_v<Tag, Tanh>) return y >= -1 && y <= 1;
  if constexpr (std::is_same_v<Tag, Relu>) return y >= 0;
  if constexpr (std::is_same_v<Tag, Elu>) return y >= -param;
  if constexpr (std::is_same_v<Tag, Selu>) return y + kSeluLambdaAlpha + kSeluLambdaAlphaLow >= 0;
  return true;  // identity, leaky_relu and prelu (slope > 0): every y
}

// f'(f^-1(y)) for y in f's range, in R: long double for the tests (each formula rounds at
// most at 2^-64, far below a double's spacing, except selu's lambda alpha, whose two parts are
// exact to ~2^-106); double for the exhaustive float sweep (within 2^-52 relative of exact, so
// a float error is measured to ~2^-28 ULP).
template <class Tag, typename R = long double>
R ExactSlopeFromOutput(R y, R param) {
  if constexpr (std::is_same_v<Tag, Identity>) return 1;
  if constexpr (std::is_same_v<Tag, Sigmoid>) return y * (1 - y);
  if constexpr (std::is_same_v<Tag, Tanh>) return (1 - y) * (1 + y);
  if constexpr (std::is_same_v<Tag, Relu>) return y > 0 ? 1 : 0;
  if constexpr (std::is_same_v<Tag, LeakyRelu> || std::is_same_v<Tag, Prelu>) return y > 0 ? 1 : param;
  if constexpr (std::is_same_v<Tag, Elu>) return y > 0 ? 1 : y + param;
  if constexpr (std::is_same_v<Tag, Selu>) {
    return y > 0 ? static_cast<R>(kSeluLambda) : (y + static_cast<R>(kSeluLambdaAlpha)) + static_cast<R>(kSeluLambdaAlphaLow);
  }
  return NAN;
}

// The parameter BackwardFromOutput is measured at: the default, which is positive wherever
// it must be.
template <class Tag, typename T>
T FromOutputParam() {
  return static_cast<T>(Tag::kParam.default_value);
}

// dx of BackwardFromOutput(ys, dy = 1) on the current target; NaN-filled first, so an unwritten
// lane cannot pass.
template <class Tag, typename T>
std::vector<T> RunFromOutput(std::span<const T> ys, T param) {
  const std::vector<T> ones(ys.size(), T(1));
  std::vector<T> dx(ys.size(), std::numeric_limits<T>::quiet_NaN());
  BackwardFromOutput<T>(KindOf<Tag>::value, ys, ones, dx, ParamArgument<Tag>(param));
  return dx;
}

// The error of every y in f's range among ys (the others are skipped), in ULP of T, against
// the long double reference.
template <class Tag, typename T>
void MeasureFromOutput(std::span<const T> ys, T param, ErrorStats& stats) {
  const std::vector<T> dx = RunFromOutput<Tag, T>(ys, param);
  for (size_t i = 0; i < ys.size(); ++i) {
    if (!InOutputRange<Tag>(ys[i], param)) continue;
    Record<T>(stats, ys[i], dx[i], ExactSlopeFromOutput<Tag, long double>(ys[i], param), false);
  }
}

// The float ys in f's range among the bit patterns [begin, end) at a stride, measured against
// the double reference: the exhaustive sweep's fast path, reusing the caller's buffers.
struct FromOutputBuffers {
  std::vector<float> ys, ones, dx;
};
template <class Tag>
void MeasureFromOutputFast(uint64_t begin, uint64_t end, uint64_t stride, float param,
                           FromOutputBuffers& b, ErrorStats& stats) {
  b.ys.clear();
  for (uint64_t bits = begin; bits < end; bits += stride) {
    const float y = std::bit_cast<float>(static_cast<uint32_t>(bits));
    if (std::isfinite(y) && InOutputRange<Tag>(y, param)) b.ys.push_back(y);
  }
  const size_t n = b.ys.size();
  b.ones.resize(n, 1.0f);
  b.dx.assign(n, NAN);
  BackwardFromOutput<float>(KindOf<Tag>::value, b.ys, std::span<const float>(b.ones.data(), n), b.dx,
                            ParamArgument<Tag>(param));
  for (size_t i = 0; i < n; ++i) {
    const double exact = ExactSlopeFromOutput<Tag, double>(b.ys[i], param);
    Note<float>(stats, b.ys[i], b.dx[i], FloatUlpError(b.dx[i], exact), false);
  }
}

}  // namespace act::verify
