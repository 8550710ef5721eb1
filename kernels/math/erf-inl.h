// The normal tail Phi(-a) = erfc(a / sqrt2) / 2 for gelu_erf's full-range path (double lanes;
// float arrays promote outside the in-range path, whose own tables are in
// families/gelu_tables.h). Highway 1.0.3 has no Erf; this is the project's own.
//
// Method. For z >= 0,
//     erfc(z) = exp(-z^2) * F(t) / (1 + 2z),   t = (z - 4) / (z + 4) in [-1, 1),
// where F(t) = (1 + 2z) erfcx(z) is smooth and bounded (1 at z = 0, 2/sqrt(pi) as z -> inf),
// so one degree-26 polynomial covers the whole half line. exp(-z^2) is evaluated from z^2 split
// exactly into h + l: without the split, the rounding of z^2 alone costs up to 2 z^2 2^-53
// relative error, ~700 ULP where erfc underflows. Near 0, gelu_erf takes Phi(x) = 1/2 + x H(x^2)
// from erf's odd polynomial G (kErfCore) instead.
//
// Coefficients: Chebyshev interpolants computed in 50-digit arithmetic and converted to
// monomials by kernels/tools/fit_tables.cc (`fit_tables 26 10` prints these tables and their
// error: both polynomials are within 1 ULP of F and G including Horner evaluation in double).
//
//   NormalTail(d, a): Phi(-a) and e^(-a^2/2), both scaled as ScaledExp, for a >= 0 (clamped at
//     40.5, where both are 0). Relative accuracy down to underflow; within a few double ULP, so
//     0.5 ULP after rounding to float (gelu_erf's float full-range path).
//   NormalTailSplit(d, a): the same Phi(-a) in two parts (e^(-a^2/2) from ExpSplit, F's last
//     Horner step and 1 / (1 + 2z) carried with their errors), within ~0.4 ULP before the
//     caller's last rounding: double gelu_erf (1.36 ULP value, README accuracy table).

#if defined(ACT_MATH_ERF_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_MATH_ERF_INL_H_
#undef ACT_MATH_ERF_INL_H_
#else
#define ACT_MATH_ERF_INL_H_
#endif

#include <cstddef>

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/math/exact-inl.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/polynomial-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// F(t) = (1 + 2z) erfcx(z), t = (z - 4) / (z + 4); lowest order first.
inline constexpr double kErfcxNumerator[] = {
      0x1.3ba5916e9fd7fp+0,  // 1.2329951186255526
      -0x1.1df1ad154a28ep-3,  // -0.1396211168405625
      0x1.f7f5df66fd7bep-7,  // 0.015379652102620042
      0x1.16ecefcfa533fp-4,  // 0.068097054254690356
      -0x1.9ddb23c3e9106p-4,  // -0.10103906603632504
      0x1.7fee004e13186p-4,  // 0.093732834998439513
      -0x1.0fb06dfe48b0ep-4,  // -0.066330365811648501
      0x1.3079edf668f38p-5,  // 0.037167515535911411
      -0x1.0962388548d8dp-6,  // -0.01619773406595253
      0x1.49c6728db72cdp-8,  // 0.0050319699928109253
      -0x1.8d4a9990c5199p-11,  // -0.00075777321953522929
      -0x1.a1df2ad41dddep-13,  // -0.00019925677645791969
      0x1.3be032de511d3p-13,  // 0.00015062130746391778
      -0x1.9958a8c635c6bp-16,  // -2.4398942309069806e-05
      -0x1.788189c990557p-17,  // -1.1220753452725425e-05
      0x1.7f235478fdcf6p-18,  // 5.7092012122263518e-06
      0x1.385bb6c82456ap-22,  // 2.9090629683714269e-07
      -0x1.badf24e872985p-21,  // -8.2491274349645722e-07
      0x1.5305495fa5317p-24,  // 7.89343963476142e-08
      0x1.d8d5b12b4bdebp-24,  // 1.1009041560728304e-07
      -0x1.78888d24fa8a1p-26,  // -2.1917128684776733e-08
      -0x1.f9443297365a1p-27,  // -1.470518755238763e-08
      0x1.117f492198859p-28,  // 3.9799082099353338e-09
      0x1.ebb009434f4efp-30,  // 1.7887492189077536e-09
      -0x1.2d277a41632e3p-31,  // -5.4779631540379301e-10
      -0x1.2dbbbb75b6682p-33,  // -1.37212432109558e-10
      0x1.7d604a7f621f4p-35,  // 4.335744696880128e-11
};

// G(w) = erf(z) / z, w = z^2 in [0, 0.75^2]; lowest order first.
inline constexpr double kErfCore[] = {
      0x1.20dd750429b6dp+0,  // 1.1283791670955126
      -0x1.812746b0379ep-2,  // -0.37612638903183715
      0x1.ce2f21a0424c3p-4,  // 0.11283791670952596
      -0x1.b82ce31257412p-6,  // -0.026866170644428485
      0x1.565bcd03657cp-8,  // 0.0052239776154205386
      -0x1.c02db1220cfe6p-11,  // -0.00085483261887597524
      0x1.f9a2afa3a8f86p-14,  // 0.00012055289567541706
      -0x1.f4c5debf1228ap-17,  // -1.4924196305569617e-05
      0x1.b90ecd4aeec12p-20,  // 1.6430684179741549e-06
      -0x1.564f71bbc0d35p-23,  // -1.5940066854661717e-07
      0x1.8a312cb07e6ccp-27,  // 1.1472499701094691e-08
};

// e^arg for finite arg <= 0 as scaled * scale, with scaled normal down to the type's exp
// underflow. Results below the smallest normal (2^-1022 double, 2^-126 float) are subnormal:
// a kernel that multiplies a subnormal e^arg by a large factor (x e^x in silu at x = -740)
// rounds twice and loses up to |x|/2 ULP. Kernels instead multiply by `scaled` and apply
// `scale` last, so only one rounding lands in the subnormals.
// Below kTail, scaled = e^(arg + 64 ln2) and scale = 2^-64; arg + kLn2x64High is exact there
// (double: multiples of 2^-43 below 1024 in magnitude; float: multiples of 2^-17 below 128,
// and below -128 every float result is 0 anyway).
template <typename T>
struct ScaledExpConstants;
template <>
struct ScaledExpConstants<double> {
  static constexpr double kTail = -600.0;
  static constexpr double kLn2x64High = 0x1.62e42fefa39fp+5;   // 64 ln2 to a multiple of 2^-43
  static constexpr double kLn2x64Low = -0x1.950d871319ffp-48;  // 64 ln2 - kLn2x64High
};
template <>
struct ScaledExpConstants<float> {
  static constexpr float kTail = -80.0f;
  static constexpr float kLn2x64High = 0x1.62e43p+5f;    // 64 ln2 to a multiple of 2^-17
  static constexpr float kLn2x64Low = -0x1.05c61p-23f;   // 64 ln2 - kLn2x64High
};
template <class D>
struct ScaledExpResult {
  hn::Vec<D> scaled;
  hn::Vec<D> scale;  // 1 or 2^-64
};
template <class D>
HWY_INLINE ScaledExpResult<D> ScaledExp(D d, hn::Vec<D> arg) {
  using K = ScaledExpConstants<hn::TFromD<D>>;
  const auto tail = hn::Lt(arg, hn::Set(d, K::kTail));
  const auto e = hn::Exp(d, hn::IfThenElse(tail, hn::Add(arg, hn::Set(d, K::kLn2x64High)), arg));
  const auto scaled = hn::IfThenElse(tail, hn::MulAdd(e, hn::Set(d, K::kLn2x64Low), e), e);
  return {scaled, hn::IfThenElse(tail, hn::Set(d, 0x1p-64f), hn::Set(d, 1.0f))};
}

// exp(-(a*a) * s) as ScaledExp, with a*a split exactly (s is 1 or 1/2, so h*s is exact).
template <class D>
HWY_INLINE ScaledExpResult<D> ExpMinusSquare(D d, hn::Vec<D> a, double s) {
  const auto h = hn::Mul(a, a);
  const auto l = ProductError(d, a, a, h);  // a*a - h, exact
  const auto s_v = hn::Set(d, s);
  auto r = ScaledExp(d, hn::Neg(hn::Mul(h, s_v)));
  // exp(-(h + l) s) = exp(-h s) (1 - l s + ...), |l s| <= 2^-53 h.
  r.scaled = hn::NegMulAdd(r.scaled, hn::Mul(l, s_v), r.scaled);
  return r;
}

// Phi(-a) = erfc(a / sqrt2) / 2 and exp(-a^2 / 2) for a >= 0 (clamped), both scaled by
// `scale` as in ScaledExp: Phi(-a) = tail * scale.
template <class D>
struct NormalTailResult {
  hn::Vec<D> tail;      // Phi(-a) / scale
  hn::Vec<D> gaussian;  // exp(-a^2 / 2) / scale
  hn::Vec<D> scale;
};
template <class D>
HWY_INLINE NormalTailResult<D> NormalTail(D d, hn::Vec<D> a) {
  // Both are 0 beyond a = 40.5 even scaled (a^2/2 - 64 ln2 > 745), so the clamp changes no
  // result and keeps a^2 finite.
  const auto ac = hn::Min(a, hn::Set(d, 40.5));
  const auto gaussian = ExpMinusSquare(d, ac, 0.5);
  const auto z = hn::Mul(ac, hn::Set(d, 0.70710678118654752440));  // a / sqrt2
  // ScaledErfc for float results: F by Estrin, and one division for both t = (z - 4) / (z + 4)
  // and 1 / (1 + 2z) (through 1 / ((z + 4)(1 + 2z))), a few double ULP from the exact quotients.
  const auto z_plus_4 = hn::Add(z, hn::Set(d, 4.0));
  const auto one_plus_2z = hn::MulAdd(hn::Set(d, 2.0), z, hn::Set(d, 1.0));
  const auto inv = hn::Div(hn::Set(d, 1.0), hn::Mul(z_plus_4, one_plus_2z));
  const auto t = hn::Mul(hn::Mul(hn::Sub(z, hn::Set(d, 4.0)), one_plus_2z), inv);
  const auto f = hn::Mul(Estrin(d, t, kErfcxNumerator), hn::Mul(z_plus_4, inv));
  const auto tail = hn::Mul(hn::Mul(gaussian.scaled, hn::Set(d, 0.5)), f);
  return {tail, gaussian.scaled, gaussian.scale};
}

// Phi(-a) = erfc(a / sqrt2) / 2 for a >= 0 in double lanes, in two parts, for kernels that round
// once more after it (gelu_erf in double): Phi(-a) = Scale(exp, tail_hi + tail_lo), within
// ~0.4 ULP before that rounding (NormalTail's three rounded factors reach 3 ULP). The same
// F(t) / (1 + 2z), but e^(-a^2/2) from ExpSplit, F's last Horner step and 1 / (1 + 2z) in two
// parts, and the rounding of z = a / sqrt2 corrected to first order with erfcx' = 2z erfcx - 2/sqrtpi.
template <class D>
struct NormalTailSplitResult {
  hn::Vec<D> tail_hi, tail_lo;  // Phi(-a) = Scale(exp, tail_hi + tail_lo)
  ExpSplitResult<D> exp;        // e^(-a^2/2) = Scale(exp, exp.hi + exp.lo)
};
// Valid for 0 <= a <= kNormalTailMax: callers clamp a there (e^-800 = 0, so every Phi(-a)
// beyond is 0 in double) and use the clamped a in their own products too.
inline constexpr double kNormalTailMax = 40.0;
template <class D>
HWY_INLINE NormalTailSplitResult<D> NormalTailSplit(D d, hn::Vec<D> ac) {
  static_assert(sizeof(hn::TFromD<D>) == sizeof(double), "double lanes only");
  const auto minus_half = hn::Set(d, -0.5);
  const auto sq = hn::Mul(ac, ac);
  const auto e = ExpSplit(d, hn::Mul(sq, minus_half), hn::Mul(ProductError(d, ac, ac, sq), minus_half));
  // z = a / sqrt2 = z + z_lo.
  const auto inv_sqrt2 = hn::Set(d, 0x1.6a09e667f3bcdp-1);
  const auto z = hn::Mul(ac, inv_sqrt2);
  const auto z_lo = hn::MulAdd(ac, hn::Set(d, -0x1.bdd3413b26456p-55), ProductError(d, ac, inv_sqrt2, z));
  // t = (z - 4) / (z + 4) = t + t_lo: z -+ 4 alone lose up to 2^-51 of z, which F'(-1) = 1.7
  // turns into 3.5 ULP of erfc near z = 0.
  const auto k4 = hn::Set(d, 4.0);
  const auto num = TwoSum(d, z, hn::Neg(k4));
  const auto den4 = TwoSum(d, z, k4);
  const auto t = hn::Div(num.sum, den4.sum);
  const auto t_rem = hn::Sub(hn::NegMulAdd(t, den4.error, num.error), ProductError(d, t, den4.sum, num.sum));
  const auto t_lo = hn::Div(t_rem, den4.sum);
  // F(t) = c0 + t p(t); |t p| < 0.25 < c0, so Fast2Sum applies.
  const auto p = Horner(d, t, kErfcxNumerator, 1);
  const auto c0 = hn::Set(d, kErfcxNumerator[0]);
  const auto tp = hn::Mul(t, p);
  const auto f_hi = hn::Add(c0, tp);
  auto f_lo = hn::Add(hn::Add(hn::Sub(c0, f_hi), tp), ProductError(d, t, p, tp));
  // w = 1 / (1 + 2z) = w_hi + w_lo (Newton step on the exact 1 + 2z).
  const auto one = hn::Set(d, 1.0);
  const auto two_z = hn::Add(z, z);
  const auto den = TwoSum(d, one, two_z);
  const auto w = Reciprocal(d, den.sum, den.error);
  const auto w_hi = w.hi;
  const auto w_lo = w.lo;
  // erfcx(z) ~ F w (to first order) gives erfcx'(z) = 2z erfcx - 2/sqrt(pi) and
  // dF/dt = (2 erfcx + (1 + 2z) erfcx') (z + 4)^2 / 8, for the corrections by t_lo and z_lo.
  const auto approx = hn::Mul(f_hi, w_hi);
  const auto dex_dz = hn::MulSub(two_z, approx, hn::Set(d, 0x1.20dd750429b6dp+0));
  const auto df_dz = hn::MulAdd(den.sum, dex_dz, hn::Add(approx, approx));
  const auto df_dt = hn::Mul(df_dz, hn::Mul(hn::Mul(den4.sum, den4.sum), hn::Set(d, 0.125)));
  f_lo = hn::MulAdd(t_lo, df_dt, f_lo);
  // erfcx(z) = F w, plus z_lo erfcx'(z).
  const auto ex_hi = hn::Mul(f_hi, w_hi);
  auto ex_lo = hn::MulAdd(f_hi, w_lo, hn::MulAdd(f_lo, w_hi, ProductError(d, f_hi, w_hi, ex_hi)));
  ex_lo = hn::MulAdd(z_lo, dex_dz, ex_lo);
  // Phi(-a) = erfcx(z) e^(-a^2/2) / 2.
  const auto m = hn::Mul(e.hi, ex_hi);
  const auto m_lo = hn::MulAdd(e.hi, ex_lo, hn::MulAdd(e.lo, ex_hi, ProductError(d, e.hi, ex_hi, m)));
  return {hn::Mul(m, hn::Set(d, 0.5)), hn::Mul(m_lo, hn::Set(d, 0.5)), e};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_MATH_ERF_INL_H_
