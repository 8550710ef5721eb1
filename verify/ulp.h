// Error measurement: ULP distance to the exact value, CORE-MATH style.
// ulp(y) = |y - exact| / spacing_T(exact), where spacing_T is the gap between consecutive T
// values around exact, floored at the smallest subnormal spacing (so 0.5 ULP is expressible
// everywhere, subnormal results included). A NaN where the exact value is not NaN, or an
// infinity where it is finite and representable, is an infinite error.
#pragma once

#include <cmath>
#include <limits>

namespace act::verify {

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

// Half an epsilon of T: the absolute-error bound near a root of f' (2^-24 float, 2^-53 double).
template <typename T>
constexpr double kRootAbsBound = std::numeric_limits<T>::epsilon() / 2;

}  // namespace act::verify
