// e^x with a few extra bits, and the logistic halves built on it: the full-range building
// blocks, valid for every input, in float and double lanes alike. They let a kernel stay in its
// own element type and still round close to once.
//
//   ExpSplit(d, arg, arg_low): e^(arg + arg_low) = (hi + lo) * scale1 * scale2, where
//     hi = fl(1 + r1) and lo carries the rest of e^r - 1 (|lo| <= 0.06), so hi + lo is within
//     about 2^-5 ULP of exact. Valid Range: arg <= 0, any value (clamped at the type's
//     underflow, where every result it feeds is 0); arg_low is a small correction (|arg_low|
//     <= ulp(arg)) for arguments that are themselves rounded. Subnormal results come out of
//     Scale with one rounding: scale1 * scale2 = 2^k, each factor normal.
//   Method: k = round(arg / ln2), r = arg - k ln2 with ln2 = kLn2High + kLn2Low, where
//     kLn2High has trailing zeros so r1 = arg - k kLn2High is exact (Cody-Waite); then
//     e^r = 1 + r + r^2 P(r) with Highway's (Cephes) polynomial for P, and 1 + r1 split by
//     Fast2Sum. Max Error of hi + lo: 2^-28 (float), 2^-58 (double) relative.
//
//   LogisticHalves(d, a, a_low): for a >= 0, s(a) = 1 / (1 + e^-a) as upper_hi + upper_lo and
//     s(-a) = lower_scaled * scale1 * scale2. 1 + e is kept as an unevaluated sum and the one
//     division is corrected by a Newton step with an exact (FMA) residual, so both halves are
//     within 0.5 ULP + 2^-4 ULP once rounded.

#if defined(ACT_MATH_EXP_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_MATH_EXP_INL_H_
#undef ACT_MATH_EXP_INL_H_
#else
#define ACT_MATH_EXP_INL_H_
#endif

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/math/exact-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
struct ExpSplitConstants;
template <>
struct ExpSplitConstants<float> {
  static constexpr float kLn2High = 0x1.62e4p-1f;        // 17 bits: k * kLn2High is exact
  static constexpr float kLn2Low = 0x1.7f7d1cp-20f;      // ln2 - kLn2High
  // e^-125 * 2^20 < 2^-150: every result is 0, also times a kernel's bounded factor (gelu_tanh'
  // multiplies e^v by up to 7000).
  static constexpr float kMinArg = -125.0f;
  static constexpr float kFar = 64.0f;                   // e^-64 < 2^-92
  // e^r = 1 + r + r^2 (c0 + c1 r + ...), |r| <= ln2/2 (Highway's ExpImpl<float>, from Cephes).
  static constexpr float kPoly[] = {0.5f, 0.166666671633720397949219f, 0.0416664853692054748535156f,
                                    0.00833336077630519866943359f, 0.00139304355252534151077271f,
                                    0.000198527617612853646278381f};
};
template <>
struct ExpSplitConstants<double> {
  static constexpr double kLn2High = 0x1.62e42fefa3p-1;  // 41 bits: k * kLn2High is exact
  static constexpr double kLn2Low = 0x1.3de6af278ece6p-42;
  static constexpr double kMinArg = -1100.0;             // e^-1100 < 2^-1075: every result is 0
  static constexpr double kFar = 128.0;                  // e^-128 < 2^-184
  // Highway's ExpImpl<double>.
  static constexpr double kPoly[] = {0.5,
                                     0.166666666666666851703837,
                                     0.0416666666666665047591422,
                                     0.00833333333331652721664984,
                                     0.00138888888889774492207962,
                                     0.000198412698960509205564975,
                                     2.4801587159235472998791e-5,
                                     2.75572362911928827629423e-6,
                                     2.75573911234900471893338e-7,
                                     2.51112930892876518610661e-8,
                                     2.08860621107283687536341e-9};
};

template <class D>
struct ExpSplitResult {
  hn::Vec<D> hi, lo;            // e^r = hi + lo, in [0.7, 1.42]
  hn::Vec<D> scale1, scale2;    // 2^k = scale1 * scale2, both normal
};

// v * 2^k with one rounding, also when the result is subnormal.
template <class D>
HWY_INLINE hn::Vec<D> Scale(const ExpSplitResult<D>& e, hn::Vec<D> v) {
  return hn::Mul(hn::Mul(v, e.scale1), e.scale2);
}

template <class D>
HWY_INLINE ExpSplitResult<D> ExpSplit(D d, hn::Vec<D> arg, hn::Vec<D> arg_low) {
  using T = hn::TFromD<D>;
  using K = ExpSplitConstants<T>;
  hn::impl::ExpImpl<T> impl;
  arg = hn::Max(arg, hn::Set(d, K::kMinArg));
  // k = round(arg / ln2), half away from zero (arg <= 0), as Highway's Exp.
  const auto k = impl.ToInt32(d, hn::MulAdd(arg, hn::Set(d, T(1.442695040888963407359924681)),
                                            hn::Set(d, T(-0.5))));
  hn::Vec<D> kf;
  if constexpr (sizeof(T) == sizeof(float)) {
    kf = hn::ConvertTo(d, k);
  } else {
    kf = hn::PromoteTo(d, k);
  }
  const auto r1 = hn::NegMulAdd(kf, hn::Set(d, K::kLn2High), arg);  // exact
  const auto r2 = hn::NegMulAdd(kf, hn::Set(d, K::kLn2Low), arg_low);
  const auto r = hn::Add(r1, r2);
  // r^2 P(r) by Horner: its rounding errors are scaled by r^2 <= 0.12.
  const auto& c = K::kPoly;
  constexpr size_t kTerms = sizeof(K::kPoly) / sizeof(K::kPoly[0]);
  auto p = hn::Set(d, c[kTerms - 1]);
  for (size_t i = kTerms - 1; i-- > 0;) p = hn::MulAdd(p, r, hn::Set(d, c[i]));
  const auto one = hn::Set(d, T(1));
  const auto hi = hn::Add(one, r1);
  const auto lo = hn::Add(hn::Add(hn::Sub(r1, hn::Sub(hi, one)), r2), hn::Mul(hn::Mul(r, r), p));
  // 2^k in two normal factors: k >= kMinArg / ln2 - 1 is above twice the minimum exponent.
  const auto k1 = hn::ShiftRight<1>(k);
  return {hi, lo, impl.Pow2I(d, k1), impl.Pow2I(d, hn::Sub(k, k1))};
}

template <class D>
struct LogisticHalvesResult {
  hn::Vec<D> upper_hi, upper_lo;  // s(a) = 1 / (1 + e^-a) = upper_hi + upper_lo
  hn::Vec<D> lower_scaled;        // s(-a) = Scale(exp, lower_scaled)
  hn::Vec<D> lower_hi, lower_lo;  // lower_scaled before rounding: lower_hi + lower_lo
  hn::Vec<D> sum, tail;           // 1 + e^-a = sum + tail, sum in [1, 2] (softplus' log)
  ExpSplitResult<D> exp;          // e^-a, for kernels that need it as well
};

// The logistic halves of a >= 0 (a + a_low, see ExpSplit).
template <class D>
HWY_INLINE LogisticHalvesResult<D> LogisticHalves(D d, hn::Vec<D> a, hn::Vec<D> a_low) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto e = ExpSplit(d, hn::Neg(a), hn::Neg(a_low));
  // e^-a = e_hi + e_lo, rounded (by Scale) only where 1 + e^-a is 1 anyway; then
  // e_hi + e_lo = e_sum + e_err exactly (Fast2Sum), so that the Newton step below starts
  // from a residual of an ULP, not from |lo| <= 0.06.
  // Beyond kFar, e^-a is below 2^-90 and cannot change 1 + e^-a even in its low part, so it
  // is taken as 0 there: Scale(e, e.lo) would otherwise be subnormal from a ~ 84 (float) on,
  // and every vector holding such a lane pays a microcode assist (5x slower gelu_tanh on
  // x in [-10, 10], where |v| reaches 87).
  const auto far = hn::Gt(a, hn::Set(d, ExpSplitConstants<T>::kFar));
  const auto e_hi = Scale(e, hn::IfThenZeroElse(far, e.hi));
  const auto e_lo = Scale(e, hn::IfThenZeroElse(far, e.lo));
  const auto e_sum = hn::Add(e_hi, e_lo);
  const auto e_err = hn::Sub(e_lo, hn::Sub(e_sum, e_hi));
  // 1 + e^-a = sum + tail (Fast2Sum: 1 >= e_sum).
  const auto sum = hn::Add(one, e_sum);
  const auto tail = hn::Add(hn::Sub(e_sum, hn::Sub(sum, one)), e_err);
  // s(a) = 1 / (sum + tail) = upper.hi + upper.lo.
  const auto upper = Reciprocal(d, sum, tail);
  // s(-a) = e^-a s(a) = 2^k (hi + lo)(upper.hi + upper.lo) = 2^k (lower_hi + lower_lo).
  const auto lower_hi = hn::Mul(e.hi, upper.hi);
  const auto lower_lo = hn::MulAdd(e.hi, upper.lo,
                                   hn::MulAdd(e.lo, upper.hi, ProductError(d, e.hi, upper.hi, lower_hi)));
  return {upper.hi, upper.lo, hn::Add(lower_hi, lower_lo), lower_hi, lower_lo, sum, tail, e};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_MATH_EXP_INL_H_
