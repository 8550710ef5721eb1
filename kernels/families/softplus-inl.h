// softplus: max(x, 0) + log1p(e^-beta|x|) / beta, which never overflows, is never negative
// and tends to +0 as x -> -inf.
//
// softplus  f(x) = max(x, 0) + log1p(e^-|beta x|) / beta      f'(x) = s(beta x)
//   Valid Range: all x, beta in [2^-30, 2^64]; f(-inf) = +0, f(+inf) = inf, f'(-inf) = 0,
//   f'(+inf) = 1.
//   Max Error: float 1.186 / 0.764 ULP (every input, beta = 1); double 1.15 / 0.684 ULP.
//   Bound: 2 / 4.
//   Paths: full range LogisticHalves and LogOfSum; in range |x| <= 64 / beta (float,
//   AVX2/AVX3): value from ExpLeanSixteenths, slope LogisticInRange.

#if defined(ACT_FAMILIES_SOFTPLUS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_SOFTPLUS_INL_H_
#undef ACT_FAMILIES_SOFTPLUS_INL_H_
#else
#define ACT_FAMILIES_SOFTPLUS_INL_H_
#endif

#include <algorithm>
#include <cmath>

#include "hwy/highway.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"
#include "kernels/math/exact-inl.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/exp_lean-inl.h"
#include "kernels/math/log-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- softplus: max(x, 0) + log1p(e^-beta|x|) / beta: no overflow, never negative, -> +0 as
// x -> -inf. softplus' = s(beta x). With e = e^-|beta x| from LogisticHalves, 1 + e = sum + tail
// (sum in [1, 2]), and
//   log1p(e) = log(sum) + log1p(t),  t = tail / sum (tiny: log1p(t) = t - t^2/2),
//   log(sum) = k ln2 + log(y), sum = 2^k y, y in [sqrt2/2, sqrt2], k in {0, 1},
//   log(y) = f - s (f - R(s)),  f = y - 1 (exact), s = f / (2 + f)  (Highway's Log, musl).
// beta x is carried with its rounding error, so the tail is not off by |beta x| 2^-24 relative.


template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Softplus, D d, V x, V beta) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto half = hn::Set(d, T(0.5));
  const auto bx = hn::Mul(beta, x);
  // |beta x| = |bx| + a_low; past |bx| = 1000 e is 0 anyway (and the error term may be inf).
  const auto bx_low = hn::IfThenZeroElse(hn::Gt(hn::Abs(bx), hn::Set(d, T(1000))),
                                         ProductError(d, beta, x, bx));
  const auto negative = hn::Lt(bx, hn::Zero(d));
  const auto h = LogisticHalves(d, hn::Abs(bx), hn::IfThenElse(negative, hn::Neg(bx_low), bx_low));
  const auto log1p_e = LogOfSum(d, h.sum, h.tail, h.upper_hi);  // upper_hi = 1 / sum
  // e below 2^-24 (sum = 1): log1p(e) = e (1 - e/2) straight from e's parts, divided by beta
  // before e's power of two is applied, so that a result that is subnormal, or normal only
  // thanks to a small beta, is rounded once.
  const auto& e = h.exp;
  const auto e_scaled = hn::Add(e.hi, hn::NegMulAdd(e.hi, hn::Mul(Scale(e, e.hi), half), e.lo));
  const auto tiny = hn::Eq(h.sum, one);
  // A division, not a product with 1/beta: the rounding of 1/beta and of the product would
  // take the sum below past 2 ULP for beta != 1 (and it is exact for beta = 1).
  const auto quotient = hn::Div(hn::IfThenElse(tiny, e_scaled, log1p_e), beta);
  const auto value = hn::Add(hn::IfThenElse(tiny, Scale(e, quotient), quotient), hn::Max(x, hn::Zero(d)));
  const auto slope = hn::IfThenElse(negative, Scale(e, h.lower_scaled),
                                    hn::Add(h.upper_hi, h.upper_lo));
  return {value, slope};
}

// ---- softplus: max(x, 0) + log1p(e^-|beta x|) / beta, softplus' = s(beta x), as the
// full-range kernel (LogOfSum) on LogisticInRange; log1p(e) = e once 1 + e rounds to 1. The
// value's e^-|beta x| from ExpLeanSixteenths. Max Error (every float input,
// reports/accuracy.md): value 1.186 ULP, f' 0.764 ULP.
template <>
inline constexpr bool kHasInRange<Softplus> = true;
inline float InRangeMax(Softplus, float beta) { return 64.0f / beta; }  // |beta x| <= 69 after rounding
// Below beta x = -105 the slope s(beta x) < 2^-151 rounds to +0, and so does the value
// e^(beta x) / beta when beta >= 1 (further out by -ln beta below 1); above the bound the value
// is x (log1p(e^-64) / beta is below half an ULP of x) and the slope 1.
template <>
inline constexpr TailKinds kTails<Softplus> = {Tail::kConstant, Tail::kIdentity};
inline Saturation SaturationOf(Softplus, float beta) {
  return {-(105.0f + std::max(0.0f, -std::log(beta))) / beta, 64.0f / beta};
}
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Softplus, D d, V x, V beta) {
  const auto one = hn::Set(d, 1.0f);
  const auto bx = hn::Mul(beta, x);
  const auto bx_low = hn::MulSub(beta, x, bx);
  const auto negative = hn::Lt(bx, hn::Zero(d));
  const auto minus_abx = MinusAbs(d, bx);
  // The value from the lean e^-|bx| and its rounding error. -|beta x| to first order: its
  // rounding error shifts e^-|bx| by the factor 1 -+ bx_low.
  const auto correction = hn::IfThenElse(negative, bx_low, hn::Neg(bx_low));
  const auto [e, e_err] = RoundLean(ExpLeanSixteenths(d, minus_abx));
  const auto sum = hn::Add(one, e);
  const auto tail = hn::MulAdd(e, correction, hn::Add(hn::Sub(e, hn::Sub(sum, one)), e_err));
  const auto [q, residual] = ReciprocalInRange(d, sum, tail);
  const auto log1p_e = hn::IfThenElse(hn::Eq(sum, one), hn::MulAdd(e, correction, e),
                                      LogOfSum(d, sum, tail, hn::MulAdd(q, residual, q)));
  const auto value = hn::MulAdd(log1p_e, hn::Div(one, beta), hn::Max(x, hn::Zero(d)));
  // The slope from LogisticInRange: s(bx + bx_low) = s(bx) + s(bx) s(-bx) bx_low.
  const auto h = LogisticInRange(d, minus_abx);
  const auto slope = hn::MulAdd(hn::Mul(h.upper, h.lower), bx_low,
                                hn::IfThenElse(negative, h.lower, h.upper));
  return {value, slope};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_SOFTPLUS_INL_H_
