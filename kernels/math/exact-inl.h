// Exact arithmetic: the error-free transformations the compensated kernels are built from, and
// the reciprocals refined from them. Valid Lane Types: float, double (ReciprocalSeed and
// ReciprocalInRange: float lanes on FMA targets, the in-range path).
//
//   ProductError(a, b, fl(ab)) = ab - fl(ab), exactly: one FMA, or Dekker's product with
//     Veltkamp splitting on targets without FMA (where Highway's MulSub rounds twice).
//   TwoSum / FastTwoSum: a + b = sum + error exactly (FastTwoSum needs |a| >= |b|).
//   Reciprocal(hi, lo): 1 / (hi + lo) in two parts, one division and a Newton step whose
//     residual is exact (OneMinusProduct).
//   ReciprocalInRange(den, den_lo): 1 / (den + den_lo) = q (1 + residual) to about 2^-28, from
//     rcp14 (AVX3) or a division, and one Newton residual.
//   MinusAbs, WithSignOf: sign-bit operations, one instruction each.

#if defined(ACT_MATH_EXACT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_MATH_EXACT_INL_H_
#undef ACT_MATH_EXACT_INL_H_
#else
#define ACT_MATH_EXACT_INL_H_
#endif

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The rounding error of a*b given p = fl(a*b), exactly: a*b - p. With a fused multiply-add that
// is one instruction; targets without FMA (where Highway's MulSub rounds twice) use Dekker's
// product with Veltkamp splitting. Valid while a*b does not overflow.
template <class D>
HWY_INLINE hn::Vec<D> ProductError(D d, hn::Vec<D> a, hn::Vec<D> b, hn::Vec<D> p) {
#if HWY_TARGET == HWY_SSE4 || HWY_TARGET == HWY_SSSE3 || HWY_TARGET == HWY_SCALAR || \
    HWY_TARGET == HWY_EMU128
  // 2^27 + 1 (double) or 2^12 + 1 (float): splits a significand into two halves.
  const auto split = hn::Set(d, sizeof(hn::TFromD<D>) == 4 ? 4097.0f : 134217729.0);
  const auto a_big = hn::Mul(a, split);
  const auto a_hi = hn::Sub(a_big, hn::Sub(a_big, a));
  const auto a_lo = hn::Sub(a, a_hi);
  const auto b_big = hn::Mul(b, split);
  const auto b_hi = hn::Sub(b_big, hn::Sub(b_big, b));
  const auto b_lo = hn::Sub(b, b_hi);
  const auto err = hn::Sub(hn::Mul(a_hi, b_hi), p);
  return hn::Add(hn::Mul(a_lo, b_lo),
                 hn::Add(hn::Add(err, hn::Mul(a_hi, b_lo)), hn::Mul(a_lo, b_hi)));
#else
  (void)d;
  return hn::MulSub(a, b, p);
#endif
}

// 1 - a*b, exactly when a*b is within a few ULP of 1 (a Newton residual).
template <class D>
HWY_INLINE hn::Vec<D> OneMinusProduct(D d, hn::Vec<D> a, hn::Vec<D> b) {
  const auto p = hn::Mul(a, b);
  return hn::Sub(hn::Sub(hn::Set(d, hn::TFromD<D>(1)), p), ProductError(d, a, b, p));
}

// 1 / (hi + lo) = hi' + lo' for an unevaluated sum hi + lo (|lo| a few ULP of hi at most):
// hi' = fl(1 / hi), then one Newton step, whose residual 1 - hi' hi is exact (OneMinusProduct).
template <class D>
struct ReciprocalResult {
  hn::Vec<D> hi, lo;
};
template <class D>
HWY_INLINE ReciprocalResult<D> Reciprocal(D d, hn::Vec<D> hi, hn::Vec<D> lo) {
  const auto r = hn::Div(hn::Set(d, hn::TFromD<D>(1)), hi);
  return {r, hn::Mul(r, hn::NegMulAdd(r, lo, OneMinusProduct(d, r, hi)))};
}

// a + b = sum + error exactly (Knuth's TwoSum: no ordering of |a|, |b| needed).
template <class D>
struct TwoSumResult {
  hn::Vec<D> sum, error;
};
template <class D>
HWY_INLINE TwoSumResult<D> TwoSum(D, hn::Vec<D> a, hn::Vec<D> b) {
  const auto sum = hn::Add(a, b);
  const auto b_virtual = hn::Sub(sum, a);
  const auto error = hn::Add(hn::Sub(a, hn::Sub(sum, b_virtual)), hn::Sub(b, b_virtual));
  return {sum, error};
}

// a + b = sum + error exactly for |a| >= |b| (Fast2Sum): one operation and one dependent step
// fewer than TwoSum.
template <class D>
HWY_INLINE TwoSumResult<D> FastTwoSum(D, hn::Vec<D> a, hn::Vec<D> b) {
  const auto sum = hn::Add(a, b);
  return {sum, hn::Sub(b, hn::Sub(sum, a))};
}

// 1 / v to within 2^-14 (AVX3's rcp14), or rounded (a division elsewhere): the start of a
// Newton step.
template <class D>
HWY_INLINE hn::Vec<D> ReciprocalSeed(D d, hn::Vec<D> v) {
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL || HWY_TARGET == HWY_AVX3_ZEN4
  (void)d;
  return hn::ApproximateReciprocal(v);
#else
  return hn::Div(hn::Set(d, 1.0f), v);
#endif
}

// 1 / (den + den_lo) = q (1 + residual) to about 2^-28, for |den_lo| a few ULP of den: the
// seed q and one Newton residual, whose FMA products are exact where they matter.
template <class D>
struct ReciprocalInRangeResult {
  hn::Vec<D> q, residual;
};
// residual = 1 - q (den + den_lo), the FMA products exact where they matter.
template <class D>
HWY_INLINE hn::Vec<D> ReciprocalResidual(D d, hn::Vec<D> q, hn::Vec<D> den, hn::Vec<D> den_lo) {
  return hn::NegMulAdd(q, den_lo, hn::NegMulAdd(q, den, hn::Set(d, 1.0f)));
}
template <class D>
HWY_INLINE ReciprocalInRangeResult<D> ReciprocalInRange(D d, hn::Vec<D> den, hn::Vec<D> den_lo) {
  const auto q = ReciprocalSeed(d, den);
  return {q, ReciprocalResidual(d, q, den, den_lo)};
}

// ---- Sign bits.

// -|x| in one operation (the sign bit set), one step shorter than Neg(Abs(x)).
template <class D>
HWY_INLINE hn::Vec<D> MinusAbs(D d, hn::Vec<D> x) {
  return hn::Or(x, hn::Set(d, -0.0f));
}

// value with x's sign bit set, for the f whose sign is x's (gelu_erf, mish): where a kernel's
// last sum returns +0 for x = -0 (gelu_erf: max(-0, 0) - 0; mish: the signs of its small terms
// follow the Newton residual's), f(-0) = -0 again; every other lane is unchanged (f(x) < 0
// already for x < 0). One vpternlogd on AVX3.
template <class D>
HWY_INLINE hn::Vec<D> WithSignOf(D d, hn::Vec<D> x, hn::Vec<D> value) {
  return hn::Or(value, hn::And(x, hn::Set(d, -0.0f)));
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_MATH_EXACT_INL_H_
