// The exponential family: elu and selu, expm1(x) for x <= 0 without the cancellation of
// e^x - 1 (or Highway's 4-ULP Expm1).
//
// elu   f(x) = x > 0 ? x : alpha expm1(x)      f'(x) = x > 0 ? 1 : alpha e^x (elu'(0) = alpha)
//   Valid Range: all x, alpha in [0, 2^30]; f(-inf) = -alpha, f'(-inf) = 0, elu(-0) = -0.
//   Max Error: float 0.925 / 0.764 ULP (every input); double 0.749 / 0.644 ULP. Bound: 2 / 4.
//   Paths: full range Expm1NonPositive (ExpSplit); in range |x| <= 69: value ExpLean's expm1,
//   slope ExpInRange.
// selu  f(x) = lambda (x > 0 ? x : alpha expm1(x)), fixed constants
//       f'(x) = lambda (x > 0 ? 1 : alpha e^x)
//   Valid Range: all x; f(-inf) = -lambda alpha, f'(+inf) = lambda, selu(-0) = -0.
//   Max Error: float 1.000 / 0.795 ULP (every input); double 1.61 / 1.07 ULP. Bound: 2 / 4.
//   Paths: as elu, with lambda and lambda alpha in two parts (SeluConstants), rounded once.

#if defined(ACT_FAMILIES_EXPONENTIAL_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_EXPONENTIAL_INL_H_
#undef ACT_FAMILIES_EXPONENTIAL_INL_H_
#else
#define ACT_FAMILIES_EXPONENTIAL_INL_H_
#endif

#include <algorithm>
#include <cmath>

#include "hwy/highway.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/exp_lean-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// e^x - 1 = m_hi + m_lo and e^x = Scale(e, e.hi + e.lo) for x <= 0 (ExpSplit), the shared part of
// elu and selu: expm1 without the cancellation of e^x - 1 (0 for tiny x) or Highway's 4-ULP Expm1.
template <class D>
struct Expm1Result {
  hn::Vec<D> m_hi, m_lo;
  ExpSplitResult<D> exp;
};
template <class D>
HWY_INLINE Expm1Result<D> Expm1NonPositive(D d, hn::Vec<D> x) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto e = ExpSplit(d, x, hn::Zero(d));
  const auto e_hi = Scale(e, e.hi);
  const auto m_hi = hn::Sub(e_hi, one);  // Fast2Sum: 1 >= e_hi
  const auto m_lo = hn::Add(hn::Sub(e_hi, hn::Add(m_hi, one)), Scale(e, e.lo));
  return {m_hi, m_lo, e};
}

// ---- elu: x > 0 ? x : alpha expm1(x); elu' = x > 0 ? 1 : alpha e^x, so elu'(0) = alpha.
// Negative tail -> -alpha.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Elu, D d, V x, V alpha) {
  const auto positive = hn::Gt(x, hn::Zero(d));
  // x for x <= 0, else 0: keeps the exp in range and -0 as -0 (Min(-0, 0) may be +0).
  const auto m = Expm1NonPositive(d, hn::IfThenZeroElse(positive, x));
  // alpha (m_hi + m_lo) rounded once; CopySign keeps elu(-0) = -0 (m is +0 there).
  const auto value_neg = hn::CopySign(hn::MulAdd(alpha, m.m_hi, hn::Mul(alpha, m.m_lo)), x);
  const auto slope_neg = Scale(m.exp, hn::MulAdd(alpha, m.exp.hi, hn::Mul(alpha, m.exp.lo)));
  return {hn::IfThenElse(positive, x, value_neg), hn::IfThenElse(positive, hn::Set(d, 1), slope_neg)};
}

// e^t - 1 = m_hi + m_lo for t in [-kInRangeArgMax, 0], from e^t = scale (hi + lo): a = scale hi
// is exact, a - 1 is split exactly (Fast2Sum: 1 >= a or a - 1 exact), and m_hi, the one
// rounding, keeps its error in m_lo (m_hi and a - 1 are within a factor 2: Sterbenz).
template <class D>
struct Expm1InRangeResult {
  hn::Vec<D> m_hi, m_lo;
};
template <class D>
HWY_INLINE Expm1InRangeResult<D> Expm1InRange(D d, const ExpInRangeResult<D>& x) {
  const auto one = hn::Set(d, 1.0f);
  const auto a = hn::Mul(x.scale, x.hi);
  const auto a_m1 = hn::Sub(a, one);
  const auto a_m1_err = hn::Sub(a, hn::Add(a_m1, one));
  const auto m_hi = hn::MulAdd(x.scale, x.lo, a_m1);
  return {m_hi, hn::Add(hn::MulAdd(x.scale, x.lo, hn::Sub(a_m1, m_hi)), a_m1_err)};
}

// ---- elu: x > 0 ? x : alpha expm1(x); elu' = x > 0 ? 1 : alpha e^x (alpha 2^k exact).
template <>
inline constexpr bool kHasInRange<Elu> = true;
inline float InRangeMax(Elu, float) { return kInRangeArgMax; }
// Below -105 - ln alpha the value is -alpha (e^x < 2^-25) and the slope alpha e^x < 2^-151
// rounds to +0; above the bound the value is x and the slope 1.
template <>
inline constexpr TailKinds kTails<Elu> = {Tail::kConstant, Tail::kIdentity};
inline Saturation SaturationOf(Elu, float alpha) {
  return {-(105.0f + std::max(0.0f, std::log(alpha))), kInRangeArgMax};
}
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Elu, D d, V x, V alpha) {
  const auto positive = hn::Gt(x, hn::Zero(d));
  const auto t = hn::IfThenZeroElse(positive, x);
  const auto e = ExpInRange(d, t);
  const auto value_neg = hn::CopySign(hn::Mul(alpha, RoundLeanExpm1(d, ExpLean(d, t)).e), x);  // elu(-0) = -0
  const auto alpha_scale = hn::Mul(alpha, e.scale);
  const auto slope_neg = hn::MulAdd(alpha_scale, e.hi, hn::Mul(alpha_scale, e.lo));
  return {hn::IfThenElse(positive, x, value_neg), hn::IfThenElse(positive, hn::Set(d, 1.0f), slope_neg)};
}

// ---- selu: lambda elu_alpha(x) with the fixed SELU constants; lambda and lambda alpha are
// carried as High + Low in T so each result is rounded once.
template <typename T>
struct SeluConstants;
template <>
struct SeluConstants<double> {
  static constexpr double kLambda = 0x1.0cfabd6a91132p+0, kLambdaLow = 0x1.6fc7d272f2695p-55;
  static constexpr double kLambdaAlpha = 0x1.c212cc640f031p+0, kLambdaAlphaLow = 0x1.05161b045a1fep-56;
};
template <>
struct SeluConstants<float> {
  static constexpr float kLambda = 0x1.0cfabep+0f, kLambdaLow = -0x1.2addda0p-25f;
  static constexpr float kLambdaAlpha = 0x1.c212ccp+0f, kLambdaAlphaLow = 0x1.903c0cp-26f;
};
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Selu, D d, V x, V) {
  using K = SeluConstants<hn::TFromD<D>>;
  const auto lambda = hn::Set(d, K::kLambda);
  const auto lambda_low = hn::Set(d, K::kLambdaLow);
  const auto la = hn::Set(d, K::kLambdaAlpha);
  const auto la_low = hn::Set(d, K::kLambdaAlphaLow);
  const auto positive = hn::Gt(x, hn::Zero(d));
  const auto m = Expm1NonPositive(d, hn::IfThenZeroElse(positive, x));
  const auto value_pos = hn::MulAdd(lambda, x, hn::Mul(lambda_low, x));
  // (la + la_low)(m_hi + m_lo); for tiny x all of m is in m_lo, so la_low multiplies the sum.
  const auto value_neg = hn::CopySign(  // selu(-0) = -0
      hn::MulAdd(la, m.m_hi, hn::MulAdd(la, m.m_lo, hn::Mul(la_low, hn::Add(m.m_hi, m.m_lo)))), x);
  const auto slope_neg =
      Scale(m.exp, hn::MulAdd(la, m.exp.hi, hn::MulAdd(la, m.exp.lo, hn::Mul(la_low, m.exp.hi))));
  return {hn::IfThenElse(positive, value_pos, value_neg), hn::IfThenElse(positive, lambda, slope_neg)};
}

// ---- selu: lambda elu_alpha(x), the constants in two parts (SeluConstants).
template <>
inline constexpr bool kHasInRange<Selu> = true;
inline float InRangeMax(Selu, float) { return kInRangeArgMax; }
// Below -106 the value is -lambda alpha and the slope (lambda alpha e^x < 2^-151) +0; the
// lean formula's positive side (lambda x, lambda) holds for every x.
template <>
inline constexpr TailKinds kTails<Selu> = {Tail::kConstant, Tail::kLean};
inline Saturation SaturationOf(Selu, float) { return {-106.0f, kInRangeArgMax}; }
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Selu, D d, V x, V) {
  using K = SeluConstants<float>;
  const auto lambda = hn::Set(d, K::kLambda);
  const auto la = hn::Set(d, K::kLambdaAlpha);
  const auto la_low = hn::Set(d, K::kLambdaAlphaLow);
  const auto positive = hn::Gt(x, hn::Zero(d));
  const auto e = ExpInRange(d, hn::IfThenZeroElse(positive, x));
  const auto m = Expm1InRange(d, e);
  const auto value_pos = hn::MulAdd(lambda, x, hn::Mul(hn::Set(d, K::kLambdaLow), x));
  const auto value_neg = hn::CopySign(  // selu(-0) = -0
      hn::MulAdd(la, m.m_hi, hn::MulAdd(la, m.m_lo, hn::Mul(la_low, hn::Add(m.m_hi, m.m_lo)))), x);
  // lambda alpha e^x = (la + la_low) scale (hi + lo)
  const auto la_scale = hn::Mul(la, e.scale);
  const auto slope_neg =
      hn::MulAdd(la_scale, e.hi, hn::MulAdd(la_scale, e.lo, hn::Mul(hn::Mul(la_low, e.scale), e.hi)));
  return {hn::IfThenElse(positive, value_pos, value_neg), hn::IfThenElse(positive, lambda, slope_neg)};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_EXPONENTIAL_INL_H_
