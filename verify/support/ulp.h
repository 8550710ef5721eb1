// Error measurement: ULP distance to the exact value, CORE-MATH style.
// ulp(y) = |y - exact| / spacing_T(exact), where spacing_T is the gap between consecutive T
// values around exact, floored at the smallest subnormal spacing (so 0.5 ULP is expressible
// everywhere, subnormal results included). A NaN where the exact value is not NaN, or an
// infinity where it is finite and representable, is an infinite error.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace act::support {

template <typename T>
long double SpacingAt(long double exact) {
  using L = std::numeric_limits<T>;
  const long double a = std::fabs(exact);
  const long double floor = L::denorm_min();
  if (a == 0) return floor;
  if (a >= L::max()) return std::ldexp(1.0L, L::max_exponent - L::digits);
  int e = 0;
  std::frexp(a, &e);  // a in [2^(e-1), 2^e)
  return std::fmax(std::ldexp(1.0L, e - L::digits), floor);
}

template <typename T>
double UlpError(T y, long double exact) {
  constexpr double kInfinite = std::numeric_limits<double>::infinity();
  using L = std::numeric_limits<T>;
  if (std::isnan(exact)) return std::isnan(y) ? 0.0 : kInfinite;
  if (std::isnan(y)) return kInfinite;
  if (std::isinf(y)) {
    // Correct only if exact rounds to infinity (beyond max + half a spacing) with that sign.
    const long double overflow = static_cast<long double>(L::max()) +
                                 SpacingAt<T>(L::max()) / 2;
    return (std::fabs(exact) >= overflow && std::signbit(exact) == std::signbit(y)) ? 0.0 : kInfinite;
  }
  return static_cast<double>(std::fabs(static_cast<long double>(y) - exact) / SpacingAt<T>(exact));
}

// UlpError<float> against a double reference, with the spacing read off the exponent bits:
// the fast path of the exhaustive sweeps (the long double one costs more than the kernels).
inline double FloatUlpError(float y, double exact) {
  if (!std::isfinite(y) || !std::isfinite(exact)) return UlpError<float>(y, exact);
  const double a = std::fabs(exact);
  // Spacing of floats around a: 2^(e - 23) for a in [2^e, 2^(e+1)), floored at 2^-149 and
  // capped at the spacing of FLT_MAX (2^104).
  int e = static_cast<int>((std::bit_cast<uint64_t>(a) >> 52) & 0x7ff) - 1023;
  e = std::min(std::max(e, -126), 127);
  const double spacing = std::bit_cast<double>(static_cast<uint64_t>(e - 23 + 1023) << 52);
  return std::fabs(static_cast<double>(y) - exact) / spacing;
}

// A binary floating-point format by its parameters, for the 16-bit storage types (which are not
// arithmetic types): significant bits, exponent of the largest binade (2^(max_exponent-1) <=
// largest finite < 2^max_exponent), exponent of the smallest subnormal.
struct BinaryFormat {
  int digits, max_exponent, min_subnormal_exponent;
};
inline constexpr BinaryFormat kBfloat16Format{8, 128, -133};
inline constexpr BinaryFormat kFloat16Format{11, 16, -24};

inline long double SpacingIn(BinaryFormat f, long double exact) {
  const long double a = std::fabs(exact);
  const long double floor = std::ldexp(1.0L, f.min_subnormal_exponent);
  if (a == 0) return floor;
  int e = 0;
  std::frexp(a, &e);
  return std::fmax(std::ldexp(1.0L, std::min(e, f.max_exponent) - f.digits), floor);
}
inline long double LargestFiniteIn(BinaryFormat f) {
  return std::ldexp(2.0L - std::ldexp(1.0L, 1 - f.digits), f.max_exponent - 1);
}
// UlpError for a value y of format f (passed widened), with the same rules.
inline double UlpErrorIn(BinaryFormat f, long double y, long double exact) {
  constexpr double kInfinite = std::numeric_limits<double>::infinity();
  if (std::isnan(exact)) return std::isnan(y) ? 0.0 : kInfinite;
  if (std::isnan(y)) return kInfinite;
  if (std::isinf(y)) {
    const long double overflow = LargestFiniteIn(f) + SpacingIn(f, LargestFiniteIn(f)) / 2;
    return std::fabs(exact) >= overflow && std::signbit(exact) == std::signbit(y) ? 0.0 : kInfinite;
  }
  return static_cast<double>(std::fabs(y - exact) / SpacingIn(f, exact));
}

// Half an epsilon of T: the absolute-error bound near a root of f' (2^-24 float, 2^-53 double).
template <typename T>
constexpr double kRootAbsBound = std::numeric_limits<T>::epsilon() / 2;

}  // namespace act::support
