// log(1 + e) for 1 + e kept as an unevaluated sum: softplus's log1p(e^-|beta x|) in float and
// double lanes. Valid Range: sum in [1, 2], |tail| <= ulp(sum).
//
//   LogOfSum(d, sum, tail, inv_sum) = log(sum) + log1p(tail / sum), with
//     log(sum) = k ln2 + log(y), sum = 2^k y, y in [sqrt2/2, sqrt2], k in {0, 1},
//     log(y) = f - s (f - R(s)), f = y - 1 (exact), s = f / (2 + f) (Highway's Log, musl),
//     and log1p(t) = t - t^2/2 for the tiny t = tail / sum.

#if defined(ACT_MATH_LOG_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_MATH_LOG_INL_H_
#undef ACT_MATH_LOG_INL_H_
#else
#define ACT_MATH_LOG_INL_H_
#endif

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct Ln2Split;
template <>
struct Ln2Split<float> {
  static constexpr float kHigh = 0.69313812256f, kLow = 9.0580006145e-6f;  // as Highway's Log
};
template <>
struct Ln2Split<double> {
  static constexpr double kHigh = 0.693147180369123816490, kLow = 1.90821492927058770002e-10;
};
// log(sum + tail) for sum in [1, 2] and |tail| <= ulp(sum), given inv_sum ~ 1 / sum: softplus'
// log1p(e^-|x|) with 1 + e^-|x| = sum + tail (see softplus below).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V LogOfSum(D d, V sum, V tail, V inv_sum) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto half = hn::Set(d, T(0.5));
  const auto big = hn::Gt(sum, hn::Set(d, T(1.41421356237309504880)));
  const auto y = hn::IfThenElse(big, hn::Mul(sum, half), sum);
  const auto f = hn::Sub(y, one);
  const auto s = hn::Div(f, hn::Add(f, hn::Set(d, T(2))));
  hn::impl::LogImpl<T> log_impl;
  const auto r = log_impl.LogPoly(d, s);
  const auto ln2_high = hn::IfThenElseZero(big, hn::Set(d, Ln2Split<T>::kHigh));
  const auto ln2_low = hn::IfThenElseZero(big, hn::Set(d, Ln2Split<T>::kLow));
  const auto t = hn::Mul(tail, inv_sum);
  const auto log1p_t = hn::NegMulAdd(hn::Mul(t, half), t, t);
  // k ln2_high + (f - (s (f - R) - k ln2_low - log1p(t)))
  const auto small_terms = hn::Sub(hn::MulSub(s, hn::Sub(f, r), ln2_low), log1p_t);
  return hn::Add(ln2_high, hn::Sub(f, small_terms));
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_MATH_LOG_INL_H_
