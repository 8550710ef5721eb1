// The logistic family: sigmoid, tanh, silu, all built on s(a) and s(-a) from e^-|x| (never
// e^+|x|, so nothing overflows) and reflected, so neither tail cancels.
//
// sigmoid  f(x) = s(x) = 1 / (1 + e^-x)       f'(x) = s(x) s(-x) (not y (1 - y))
//   Valid Range: all x; f(-inf) = +0, f(+inf) = 1, f'(+-inf) = 0.
//   Max Error: float value 1.496 ULP, f' 1.977 ULP (every input); double 0.684 / 1.88 ULP
//   (dense sweep). Bound (registry): 2 / 4 ULP.
//   Paths: full range LogisticHalves; in range |x| <= 69 (float, AVX2/AVX3) value LogisticLean,
//   slope LogisticInRange.
// tanh     f(x) = -expm1(-2|x|) / (1 + e^-2|x|), sign of x      f'(x) = 4 s(2x) s(-2x)
//   Valid Range: all x; f(+-inf) = +-1, f'(+-inf) = 0, tanh(-0) = -0.
//   Max Error: float 1.674 / 1.977 ULP (every input); double 1.50 / 1.84 ULP. Bound: 2 / 4.
//   Paths: full range LogisticHalves on 2|x|; in range |x| <= 34.5: value from ExpLean's
//   expm1, slope LogisticInRange.
// silu     f(x) = x s(x)                       f'(x) = s(x) (1 + x s(-x)), root at -1.2785
//   Valid Range: all x; f(-inf) = f'(-inf) = -0, f(+inf) = inf, f'(+inf) = 1.
//   Max Error: float 1.085 / 2.639 ULP (every input; 2.5e-9 absolute in the root interval
//   [-1.375, -1.1875]); double 1.11 / 2.06 ULP. Bound: 2 / 4, 2^-24 absolute near the root.
//   Paths: full range LogisticHalves, x s(-x) in two parts next to the root; in range
//   |x| <= 69: value LogisticLean, slope LogisticInRange.

#if defined(ACT_FAMILIES_LOGISTIC_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_LOGISTIC_INL_H_
#undef ACT_FAMILIES_LOGISTIC_INL_H_
#else
#define ACT_FAMILIES_LOGISTIC_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"
#include "kernels/math/exact-inl.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/exp_lean-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- sigmoid: s(x) = 1/(1+e^-x), from the halves s(|x|), s(-|x|) of e^-|x| (LogisticHalves),
// reflected, so neither tail overflows or cancels. s' = s(x) s(-x) (not y(1-y), which is 0
// above x ~ 17 in float), scaled last so subnormal slopes round once.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Sigmoid, D d, V x, V) {
  const auto h = LogisticHalves(d, hn::Abs(x), hn::Zero(d));
  const auto upper = hn::Add(h.upper_hi, h.upper_lo);
  const auto lower = Scale(h.exp, h.lower_scaled);
  const auto value = hn::IfThenElse(hn::Lt(x, hn::Zero(d)), lower, upper);
  return {value, Scale(h.exp, hn::Mul(h.lower_scaled, upper))};
}

// ---- sigmoid: s(x) = x < 0 ? s(-|x|) : s(|x|), s' = s(|x|) s(-|x|).
template <>
inline constexpr bool kHasInRange<Sigmoid> = true;
inline float InRangeMax(Sigmoid, float) { return kInRangeArgMax; }
// Past |x| = 105 the value is 0 or 1 and the slope e^-|x| < 2^-151 rounds to +0.
template <>
inline constexpr TailKinds kTails<Sigmoid> = {Tail::kConstant, Tail::kConstant};
inline Saturation SaturationOf(Sigmoid, float) { return {-105.0f, 105.0f}; }
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Sigmoid, D d, V x, V) {
  const auto minus_a = MinusAbs(d, x);
  const auto v = LogisticLean(d, minus_a);
  const auto h = LogisticInRange(d, minus_a);
  return {hn::IfThenElse(hn::Lt(x, hn::Zero(d)), v.lower, v.upper), hn::Mul(h.upper, h.lower)};
}

// ---- tanh: with u = e^-2|x| and w = 1 / (1 + u) = s(2|x|) (LogisticHalves),
// tanh|x| = -m w where m = u - 1 = expm1(-2|x|) comes out of ExpSplit's parts exactly enough
// (no 1 - u cancellation near 0; tanh x = x for tiny x), sign of x restored (tanh(-0) = -0).
// tanh' = sech^2 = 4 s(2x) s(-2x) = 4 u w^2, not 1 - y^2, which cancels to 0 where the true
// value is still ~4e^-2|x|.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Tanh, D d, V x, V) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto a = hn::Abs(x);
  const auto h = LogisticHalves(d, hn::Add(a, a), hn::Zero(d));
  // m = u - 1 = m_hi + m_lo (Fast2Sum: 1 >= u_hi).
  const auto u_hi = Scale(h.exp, h.exp.hi);
  const auto m_hi = hn::Sub(u_hi, one);
  const auto m_lo = hn::Add(hn::Sub(u_hi, hn::Add(m_hi, one)), Scale(h.exp, h.exp.lo));
  // -m w = -(m_hi + m_lo)(w_hi + w_lo), rounded once.
  const auto magnitude =
      hn::Neg(hn::MulAdd(m_hi, h.upper_hi, hn::MulAdd(m_hi, h.upper_lo, hn::Mul(m_lo, h.upper_hi))));
  const auto w = hn::Add(h.upper_hi, h.upper_lo);
  const auto slope = Scale(h.exp, hn::Mul(hn::Mul(hn::Set(d, T(4)), h.lower_scaled), w));
  // Below 2^-12 (float; 2^-27 double) tanh a = a (1 - a^2/3) rounds to a within 0.33 ULP, while
  // the products above, whose parts are then all in the low halves, can reach 1 ULP.
  const auto tiny = hn::Lt(a, hn::Set(d, sizeof(T) == 4 ? T(0x1p-12) : T(0x1p-27)));
  return {hn::CopySign(hn::IfThenElse(tiny, a, magnitude), x), slope};
}

// ---- tanh: tanh|x| = -m w, m = e^-2|x| - 1 (the lean form, rounded once, with that
// rounding's error m_err), w = s(2|x|) = 1 / (2 + m) = q (1 + residual), with 2 + m = 1 +
// e^-2|x| from m and m_err (Fast2Sum: |m| < 1), so e^-2|x| is never rounded on its own; exact
// for tiny x as well (m = em1). m_err goes into the denominator only: the numerator passes
// m's rounding on (1.674 ULP, every float input) and the chain's end stays two steps short.
// tanh' = 4 s(2|x|) s(-2|x|) from LogisticInRange instead, whose rounded
// e^-2|x| carries its exact error: more accurate there (1.9 against 2.5 ULP) and shorter for
// the derivative alone; Forward and Backward each drop the other half.
template <>
inline constexpr bool kHasInRange<Tanh> = true;
inline float InRangeMax(Tanh, float) { return kInRangeArgMax / 2; }
// Past |x| = 54 the value is +-1 and the slope 4 e^-2|x| < 2^-151 rounds to +0.
template <>
inline constexpr TailKinds kTails<Tanh> = {Tail::kConstant, Tail::kConstant};
inline Saturation SaturationOf(Tanh, float) { return {-54.0f, 54.0f}; }
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Tanh, D d, V x, V) {
  const auto two = hn::Set(d, 2.0f);
  const auto minus_a = MinusAbs(d, x);
  const auto minus_2a = hn::Add(minus_a, minus_a);
  const auto [m, m_err] = RoundLeanExpm1(d, ExpLean(d, minus_2a));
  const auto sum = hn::Add(two, m);
  const auto tail = hn::Add(hn::Sub(m, hn::Sub(sum, two)), m_err);
  const auto [q, residual] = ReciprocalInRange(d, sum, tail);
  // m w < 0; CopySign gives it the sign of x (tanh(-0) = -0).
  const auto value = hn::CopySign(hn::MulAdd(m, q, hn::Mul(hn::Mul(m, q), residual)), x);
  const auto h = LogisticInRange(d, minus_2a);
  return {value, hn::Mul(hn::Mul(hn::Set(d, 4.0f), h.upper), h.lower)};
}

// ---- silu: x s(x); silu' = s(x) (1 + x s(-x)), root at x = -1.2785. Next to the root
// 1 + x s(-x) cancels (by 10x at the edges of the root interval), so x s(-x) is formed exactly
// from the two-part s(-x) there. Finite x -> -inf gives -0 (x times an underflowed s(x)).
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Silu, D d, V x, V) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto h = LogisticHalves(d, hn::Abs(x), hn::Zero(d));
  const auto upper = hn::Add(h.upper_hi, h.upper_lo);
  const auto lower_scaled = h.lower_scaled;
  // Below ExpSplit's clamp the exp is e^kMinArg, not e^x: x is clamped with it (result 0 there).
  const auto xc = hn::Max(x, hn::Set(d, ExpSplitConstants<T>::kMinArg));
  // x < 0: s(x) = lower, s(-x) = upper.
  const auto value_neg = Scale(h.exp, hn::MulAdd(xc, h.lower_hi, hn::Mul(xc, h.lower_lo)));
  const auto g_hi = hn::Mul(xc, h.upper_hi);  // x s(-x) = g_hi + g_lo
  const auto g_lo = hn::MulAdd(xc, h.upper_lo, ProductError(d, xc, h.upper_hi, g_hi));
  const auto bracket_neg = hn::Add(hn::Add(one, g_hi), g_lo);  // 1 + g_hi exact near the root
  const auto slope_neg = Scale(h.exp, hn::Mul(lower_scaled, bracket_neg));
  // x >= 0: s(x) = upper, s(-x) = lower.
  const auto value_pos = hn::MulAdd(x, h.upper_hi, hn::Mul(x, h.upper_lo));
  const auto bracket_pos = hn::MulAdd(x, Scale(h.exp, lower_scaled), one);
  const auto slope_pos = hn::Mul(upper, bracket_pos);
  const auto negative = hn::Lt(x, hn::Zero(d));
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// ---- silu: x s(x); silu' = s(x) (1 + x s(-x)). For x < 0, x s(-x) = g_hi + g_lo with
// 1 + g_hi exact next to the root (-1.2785), as in the full-range kernel.
template <>
inline constexpr bool kHasInRange<Silu> = true;
inline float InRangeMax(Silu, float) { return kInRangeArgMax; }
// Below -110 value and slope (|x| e^x < 2^-151) round to -0; above the bound the value is x
// (e^-x < 2^-25) and the slope 1.
template <>
inline constexpr TailKinds kTails<Silu> = {Tail::kConstant, Tail::kIdentity};
inline Saturation SaturationOf(Silu, float) { return {-110.0f, kInRangeArgMax}; }
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Silu, D d, V x, V) {
  const auto one = hn::Set(d, 1.0f);
  const auto minus_a = MinusAbs(d, x);
  // The value from LogisticLean: x >= 0, x q (1 + residual); x < 0, x e q (1 + residual) with
  // e q = lower_hi + lower_lo (x times each exact inside a MulAdd).
  const auto v = LogisticLean(d, minus_a);
  const auto xq = hn::Mul(x, v.q);
  const auto value_pos = hn::MulAdd(x, v.q, hn::Mul(xq, v.residual));
  const auto lower_hi = hn::Mul(v.e, v.q);
  const auto lower_lo = hn::MulAdd(lower_hi, v.residual, hn::MulAdd(v.e_err, v.q, hn::MulSub(v.e, v.q, lower_hi)));
  const auto value_neg = hn::MulAdd(x, lower_hi, hn::Mul(x, lower_lo));
  // The slope from LogisticInRange.
  const auto h = LogisticInRange(d, minus_a);
  const auto slope_pos = hn::Mul(h.upper, hn::MulAdd(x, h.lower, one));
  const auto g_hi = hn::Mul(x, h.q);
  const auto g_lo = hn::MulAdd(x, h.q_lo, hn::MulSub(x, h.q, g_hi));
  const auto slope_neg = hn::Mul(h.lower, hn::Add(hn::Add(one, g_hi), g_lo));
  const auto negative = hn::Lt(x, hn::Zero(d));
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_LOGISTIC_INL_H_
