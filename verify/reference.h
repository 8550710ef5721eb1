// High-precision references: f(x) and f'(x) for every activation in numerically stable forms,
// templated on the real type R (double as the fast first pass of the float sweeps, long double
// for the sweeps, cpp_bin_float_50 for golden values and the double kernels' ill-conditioned
// tails). One Reference overload per tag: a tag
// without one does not compile in the tests.
#pragma once

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/log1p.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "kernels/registry.h"

namespace act::verify {

using Wide = boost::multiprecision::cpp_bin_float_50;

template <class R>
struct Exact {
  R value;
  R slope;
};

// A decimal constant to the full precision of R (no double rounding on the way).
template <class R>
R Decimal(const char* digits) {
  if constexpr (std::is_floating_point_v<R>) {
    return static_cast<R>(std::strtold(digits, nullptr));
  } else {
    return R(digits);
  }
}

// s(x) = 1 / (1 + e^-x) without overflow in either tail.
template <class R>
R Logistic(const R& x) {
  using std::exp;
  if (x >= 0) return 1 / (1 + exp(-x));
  const R e = exp(x);
  return e / (1 + e);
}

template <class R>
Exact<R> Reference(Identity, const R& x, const R&) {
  return {x, R(1)};
}
template <class R>
Exact<R> Reference(Sigmoid, const R& x, const R&) {
  return {Logistic(x), Logistic(x) * Logistic(R(-x))};
}
template <class R>
Exact<R> Reference(Tanh, const R& x, const R&) {
  using std::abs, std::exp, std::tanh;
  const R u = exp(-2 * abs(x));  // sech^2 = 4u / (1 + u)^2, no cancellation
  return {tanh(x), 4 * u / ((1 + u) * (1 + u))};
}
template <class R>
Exact<R> Reference(Relu, const R& x, const R&) {
  return {x > 0 ? x : R(0), x > 0 ? R(1) : R(0)};
}
template <class R>
Exact<R> Reference(LeakyRelu, const R& x, const R& slope) {
  return {x > 0 ? x : R(slope * x), x > 0 ? R(1) : slope};
}
template <class R>
Exact<R> Reference(Prelu, const R& x, const R& slope) {
  return Reference(LeakyRelu{}, x, slope);
}
template <class R>
Exact<R> Reference(Elu, const R& x, const R& alpha) {
  using std::exp;
  if (x > 0) return {x, R(1)};
  return {R(alpha * boost::math::expm1(x)), R(alpha * exp(x))};
}
template <class R>
Exact<R> Reference(Selu, const R& x, const R&) {
  // Parsed once: strtold on every call made the exhaustive sweep of selu 10x slower.
  static const R lambda = Decimal<R>("1.0507009873554804934193349852946");
  static const R alpha = Decimal<R>("1.6732632423543772848170429916717");
  const Exact<R> elu = Reference(Elu{}, x, alpha);
  return {R(lambda * elu.value), R(lambda * elu.slope)};
}
template <class R>
Exact<R> Reference(Silu, const R& x, const R&) {
  const R s = Logistic(x);
  return {R(x * s), R(s * (1 + x * Logistic(R(-x))))};
}
template <class R>
Exact<R> Reference(GeluErf, const R& x, const R&) {
  using std::exp;
  const R rsqrt2 = 1 / boost::math::constants::root_two<R>();
  const R cdf = boost::math::erfc(R(-x * rsqrt2)) / 2;
  const R pdf = exp(-x * x / 2) * boost::math::constants::one_div_root_two_pi<R>();
  return {R(x * cdf), R(cdf + x * pdf)};
}
template <class R>
Exact<R> Reference(GeluTanh, const R& x, const R&) {
  // x s(2u), 2u = v = 2 sqrt(2/pi) (x + 0.044715 x^3).
  const R k = 2 * sqrt(2 / boost::math::constants::pi<R>());
  static const R c = Decimal<R>("0.044715");  // parsed once, as in selu
  const R v = k * (x + c * x * x * x);
  const R dv = k * (1 + 3 * c * x * x);
  const R s = Logistic(v);
  return {R(x * s), R(s + x * s * Logistic(R(-v)) * dv)};
}
template <class R>
Exact<R> Reference(Mish, const R& x, const R&) {
  using std::abs, std::cosh, std::exp, std::tanh;
  const R softplus = (x > 0 ? x : R(0)) + boost::math::log1p(exp(-abs(x)));
  const R t = tanh(softplus);
  const R c = cosh(softplus);
  return {R(x * t), R(t + x * Logistic(x) / (c * c))};
}
template <class R>
Exact<R> Reference(Softplus, const R& x, const R& beta) {
  using std::abs, std::exp;
  const R bx = beta * x;
  return {R((x > 0 ? x : R(0)) + boost::math::log1p(exp(-abs(bx))) / beta), Logistic(bx)};
}

// Where a long-double reference is not accurate enough for a double kernel: the erfc and
// sigmoid tails of the GELUs, where an argument error d becomes an error of ~|x|^2 d.
template <class Tag>
inline constexpr bool kNeedsWideTail = false;
template <>
inline constexpr bool kNeedsWideTail<GeluErf> = true;
template <>
inline constexpr bool kNeedsWideTail<GeluTanh> = true;

// The reference for a kernel on element type T: long double, or 50 digits where it must be.
template <class Tag, typename T>
Exact<long double> ReferenceFor(T x, T param) {
  if constexpr (sizeof(T) == sizeof(double) && kNeedsWideTail<Tag>) {
    if (std::fabs(x) > 3) {
      const Exact<Wide> wide = Reference(Tag{}, Wide(x), Wide(param));
      return {static_cast<long double>(wide.value), static_cast<long double>(wide.slope)};
    }
  }
  return Reference(Tag{}, static_cast<long double>(x), static_cast<long double>(param));
}

}  // namespace act::verify
