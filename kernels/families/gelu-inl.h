// The GELU family: gelu_erf (exact, from erfc) and gelu_tanh (the tanh approximation), both
// written on the tail that keeps relative accuracy: Phi(-|x|) and s(-|v|), never 1 + erf or
// 1 + tanh, which cancel for x < 0.
//
// gelu_erf   f(x) = x Phi(x)                   f'(x) = Phi(x) + x phi(x), root at -0.7518
//   Valid Range: all x; f(-inf) = f'(-inf) = -0, f(+inf) = inf, f'(+inf) = 1, f(-0) = -0.
//   Max Error: float 1.013 / 2.578 ULP (every input; 4e-9 absolute in [-0.8125, -0.6875]);
//   double 1.36 / 1.19 ULP. Bound: 2 / 4, 2^-24 absolute near the root.
//   Paths: in range |x| <= 11.5 (float, AVX2/AVX3): e^(-a^2/2) from ExpInRange on the exact a^2
//   and two tables of sixteen polynomials (gelu_tables.h); float otherwise: NormalTail in
//   double lanes, rounded once; double: NormalTailSplit, with a window next to the root.
// gelu_tanh  f(x) = x s(v), v = 2 sqrt(2/pi) (x + 0.044715 x^3)
//            f'(x) = s(v) (1 + x v' s(-v)), root at -0.7525
//   Valid Range: all x; limits as gelu_erf.
//   Max Error: float 1.122 / 2.626 ULP (every input; 4.2e-9 absolute near the root); double
//   1.06 / 2.14 ULP. Bound: 2 / 4, 2^-24 absolute near the root.
//   Paths: full range LogisticHalves on v carried in two parts (GeluTanhArgument); in range
//   |x| <= 10: value ExpLean, slope LogisticOfExp.

#if defined(ACT_FAMILIES_GELU_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_GELU_INL_H_
#undef ACT_FAMILIES_GELU_INL_H_
#else
#define ACT_FAMILIES_GELU_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"
#include "kernels/families/gelu_tables.h"
#include "kernels/math/erf-inl.h"
#include "kernels/math/exact-inl.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/exp_lean-inl.h"
#include "kernels/math/polynomial-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <>
inline constexpr bool kInOwnLanes<GeluErf> = false;

// ---- gelu_erf: x Phi(x), gelu' = Phi(x) + x phi(x), phi(x) = e^(-x^2/2) / sqrt(2 pi); root of
// gelu' at x = r = -0.7518. Phi(-|x|) = erfc(|x|/sqrt2)/2 keeps relative accuracy down to
// underflow (no 1 + erf cancellation), Phi(|x|) = 1 - Phi(-|x|).
// Float arrays outside the in-range path (|x| > 11.5, NaN and +-inf lanes, targets without FMA;
// EvaluateInRange below has the float-lane version): double lanes, rounded once to float at the store,
// NormalTail, plain products.
template <class D, class V>
HWY_INLINE ValueAndSlope<D> GeluErfForFloat(D d, V x) {
  const auto normal = NormalTail(d, hn::Abs(x));
  const auto pdf_scaled = hn::Mul(normal.gaussian, hn::Set(d, 0.39894228040143267794));  // 1/sqrt(2pi)
  const auto negative = hn::Lt(x, hn::Zero(d));
  // x < 0: everything is a multiple of scale, applied last.
  const auto value_neg = hn::Mul(hn::Mul(x, normal.tail), normal.scale);
  // Past x ~ -39.5 both terms underflow in double and sum to +0; the slope is negative below
  // the root (-0.75), so its zero there is -0, the limit at -inf.
  const auto slope_neg_raw = hn::Mul(hn::MulAdd(x, pdf_scaled, normal.tail), normal.scale);
  const auto slope_neg = hn::IfThenElse(hn::Lt(x, hn::Set(d, -1.0)), hn::Neg(hn::Abs(slope_neg_raw)), slope_neg_raw);
  // x >= 0: Phi(x) = 1 - Phi(-x).
  const auto cdf_pos = hn::NegMulAdd(normal.tail, normal.scale, hn::Set(d, 1.0));
  const auto value_pos = hn::Mul(x, cdf_pos);
  const auto slope_pos = hn::MulAdd(x, hn::Mul(pdf_scaled, normal.scale), cdf_pos);
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// Double: Phi(-|x|) and |x| phi(x) in two parts (NormalTailSplit), each result rounded once.
// Next to the root, gelu' = (x - r) Q(s), s = x + 13/16, for x in [-21/16, -7/16] (fit_tables
// gelu_root 16: Q within 0.03 ULP; float lanes need no window, EvaluateInRange below), where
// x - r_hi is exact and the two lowest orders of Q are summed in two parts; outside that window
// Phi(x) + x phi(x) cancels by less than 2.9x.
template <typename T>
struct GeluRootConstants;
template <>
struct GeluRootConstants<double> {
  static constexpr double kHigh = -0x1.80ead197f00b4p-1, kLow = 0x1.13e74c58cada8p-56;
  static constexpr double kQ0 = 0x1.a1ab4cc6d06e8p-2, kQ0Low = -0x1.6e7d91237ba29p-56;
  static constexpr double kQ1 = 0x1.8e9736b5e3403p-2, kQ1Low = -0x1.6c906ce0ac07fp-58;
  static constexpr double kQ[] = {  // orders 2 to 16
      0x1.1fb37cb34d6a3p-9,   -0x1.c170d89ff4defp-4,  -0x1.4e37e981c6051p-6, 0x1.206ee4c43e863p-6,
      0x1.629a9aabe7e5bp-8,   -0x1.e6641f76314bfp-10, -0x1.b43379168d81ap-11, 0x1.1520dc2019ba3p-13,
      0x1.80cce7fbe2caep-14,  -0x1.7085e2fbddd3fp-18, -0x1.090ae3ca9c8edp-17, -0x1.9fa26d6272f19p-25,
      0x1.292ad70c2ce27p-21,  0x1.0ca86aa183bfdp-25,  -0x1.d6c907d8f0b91p-26,
  };
};
template <class D, class V>
HWY_INLINE V GeluErfSlopeNearRoot(D d, V x) {
  using K = GeluRootConstants<hn::TFromD<D>>;
  const auto s = hn::Add(x, hn::Set(d, 0.8125));  // exact in the window (Sterbenz)
  const auto q = Horner(d, s, K::kQ);
  // p = Q1 + s q, then Q = Q0 + s p, both as high + low (Fast2Sum: the constants dominate).
  const auto q1 = hn::Set(d, K::kQ1);
  const auto sq = hn::Mul(s, q);
  const auto p_hi = hn::Add(q1, sq);
  const auto p_lo = hn::Add(hn::Add(hn::Add(hn::Sub(q1, p_hi), sq), ProductError(d, s, q, sq)),
                            hn::Set(d, K::kQ1Low));
  const auto q0 = hn::Set(d, K::kQ0);
  const auto sp = hn::Mul(s, p_hi);
  const auto sp_lo = hn::MulAdd(s, p_lo, ProductError(d, s, p_hi, sp));
  const auto big_q = hn::Add(q0, sp);
  const auto big_q_lo = hn::Add(hn::Add(hn::Add(hn::Sub(q0, big_q), sp), sp_lo), hn::Set(d, K::kQ0Low));
  // (dx - r_lo)(Q + Q_lo), dx = x - r_hi exact (Sterbenz).
  const auto dx = hn::Sub(x, hn::Set(d, K::kHigh));
  return hn::MulAdd(dx, big_q, hn::MulSub(dx, big_q_lo, hn::Mul(hn::Set(d, K::kLow), big_q)));
}

// |x| <= 1/2: Phi(x) = 1/2 + x H, H = G(x^2 / 2) / (2 sqrt2) with erf's core G (math/erf-inl.h),
// whose constant term dominates and is added in two parts: near x = 0 the erfc route has
// F(t) at t ~ -1, where its alternating Horner sum costs up to 1 ULP. |x| phi(x) comes in as
// pdf_hi + pdf_lo (unscaled here: e^(-x^2/2) needs no scaling).
template <class D, class V>
HWY_INLINE ValueAndSlope<D> GeluErfSmall(D d, V x, V pdf_hi, V pdf_lo) {
  const auto half = hn::Set(d, 0.5);
  const auto w = hn::Mul(hn::Mul(x, x), half);
  const auto g0 = hn::Set(d, kErfCore[0]);
  const auto wg = hn::Mul(w, Horner(d, w, kErfCore, 1));
  const auto g_hi = hn::Add(g0, wg);
  const auto g_lo = hn::Add(hn::Add(hn::Sub(g0, g_hi), wg), hn::Set(d, 0x1.1ae3a914fed80p-56));
  const auto c = hn::Set(d, 0x1.6a09e667f3bcdp-2);  // 1 / (2 sqrt2) - 0x1.bdd3413b26456p-56
  const auto h_hi = hn::Mul(c, g_hi);
  const auto h_lo = hn::MulAdd(c, g_lo, hn::MulAdd(hn::Set(d, -0x1.bdd3413b26456p-56), g_hi,
                                                   ProductError(d, c, g_hi, h_hi)));
  const auto xh = hn::Mul(x, h_hi);
  const auto xh_lo = hn::MulAdd(x, h_lo, ProductError(d, x, h_hi, xh));
  const auto cdf_hi = hn::Add(half, xh);  // Fast2Sum: |x H| < 0.2
  const auto cdf_lo = hn::Add(hn::Add(hn::Sub(half, cdf_hi), xh), xh_lo);
  const auto value = hn::MulAdd(x, cdf_hi, hn::Mul(x, cdf_lo));
  const auto xphi_hi = hn::CopySign(pdf_hi, x);
  const auto xphi_lo = hn::CopySign(pdf_lo, x);  // same sign flip as pdf_hi (x phi = sign(x) |x| phi)
  const auto slope = hn::Add(hn::Add(cdf_hi, xphi_hi), hn::Add(cdf_lo, xphi_lo));
  return {value, slope};
}

template <class D, class V>
HWY_INLINE ValueAndSlope<D> GeluErfDouble(D d, V x) {
  const auto one = hn::Set(d, 1.0);
  const auto ac = hn::Min(hn::Abs(x), hn::Set(d, kNormalTailMax));
  const auto normal = NormalTailSplit(d, ac);
  const auto& e = normal.exp;
  // |x| phi(x) = |x| (e.hi + e.lo) / sqrt(2 pi) = Scale(e, pdf_hi + pdf_lo).
  const auto k = hn::Set(d, 0x1.9884533d43651p-2);  // 1 / sqrt(2 pi) - 0x1.cbc0d30ebfd15p-56
  const auto ak = hn::Mul(ac, k);
  const auto ak_lo = hn::MulAdd(ac, hn::Set(d, -0x1.cbc0d30ebfd15p-56), ProductError(d, ac, k, ak));
  const auto pdf_hi = hn::Mul(ak, e.hi);
  const auto pdf_lo = hn::MulAdd(ak, e.lo, hn::MulAdd(ak_lo, e.hi, ProductError(d, ak, e.hi, pdf_hi)));
  // x < 0 (x = -ac up to the clamp, beyond which every result is 0).
  const auto value_neg = hn::Neg(Scale(e, hn::MulAdd(ac, normal.tail_hi, hn::Mul(ac, normal.tail_lo))));
  const auto slope_far = Scale(e, hn::Add(hn::Sub(normal.tail_hi, pdf_hi), hn::Sub(normal.tail_lo, pdf_lo)));
  const auto in_window = hn::And(hn::Ge(x, hn::Set(d, -1.3125)), hn::Le(x, hn::Set(d, -0.4375)));
  // x >= 0: Phi(x) = 1 - Phi(-x) = cdf_hi + cdf_lo (Fast2Sum: Phi(-x) <= 1/2).
  const auto tail_hi = Scale(e, normal.tail_hi);
  const auto cdf_hi = hn::Sub(one, tail_hi);
  const auto cdf_lo = hn::Sub(hn::Sub(hn::Sub(one, cdf_hi), tail_hi), Scale(e, normal.tail_lo));
  const auto value_pos = hn::MulAdd(x, cdf_hi, hn::Mul(x, cdf_lo));
  const auto slope_pos = hn::Add(cdf_hi, hn::Add(cdf_lo, Scale(e, hn::Add(pdf_hi, pdf_lo))));
  const auto negative = hn::Lt(x, hn::Zero(d));
  const auto small = GeluErfSmall(d, x, pdf_hi, pdf_lo);
  const auto is_small = hn::Le(ac, hn::Set(d, 0.5));
  const auto value = hn::IfThenElse(is_small, small.value, hn::IfThenElse(negative, value_neg, value_pos));
  const auto slope = hn::IfThenElse(is_small, small.slope, hn::IfThenElse(negative, slope_far, slope_pos));
  return {value, hn::IfThenElse(in_window, GeluErfSlopeNearRoot(d, x), slope)};
}

template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(GeluErf, D d, V x, V) {
  if constexpr (sizeof(Out) < sizeof(hn::TFromD<D>)) {
    return GeluErfForFloat(d, x);
  } else {
    return GeluErfDouble(d, x);
  }
}

// gelu_erf's piecewise tables (gelu_tables.h kNormalTable, kGeluSlopeTable) at a in [0, 12):
// interval i = floor(a + min(a, 4)) (1/2 wide below 4, 1 wide above), sixteen of them, and
// delta = a - center(i), exact for a >= 1/8 (Sterbenz: each center is within a factor 2 of its
// interval's a). The centers come from a table too: a permute is off the chain of dependent
// operations that computing them is. In range (a <= 11.5), i <= 15.
template <class D>
HWY_INLINE TablePoint<D> GeluErfTablePoint(D d, hn::Vec<D> a) {
  const auto i = FloorNonNegative(d, hn::Add(a, hn::Min(a, hn::Set(d, 4.0f))));
  return {i, hn::Sub(a, LookupSixteen(d, kNormalTableCenters, i))};
}

// ---- gelu_erf: x Phi(x), with a = |x|, e^(-a^2/2) = E from ExpInRange on the exact a^2 and
//   P, S from the tables at a:  Phi(-a) = E P(a),  gelu'(-a) = E (a - r) S(a), gelu'(a) = 1 -
//   gelu'(-a) (phi is even), so x < 0: gelu = x Phi(-a), x >= 0: gelu = x (1 - Phi(-a)).
// (a - r) S keeps gelu' accurate relative to itself through its root at x = -r: a - r_high is
// exact near it (Sterbenz), so no window of absolute error is needed in float lanes.
// In range up to |x| = 11.5 (a^2/2 <= 66.2 < kInRangeArgMax).
// Max Error (every float input, reports/accuracy.md, with the full-range path beyond 11.5):
// value 1.013 ULP, f' 2.578 ULP (4e-9 absolute next to the root, where the sweep measures it).
template <>
inline constexpr bool kHasInRange<GeluErf> = true;
inline float InRangeMax(GeluErf, float) { return 11.5f; }
// Below -15 value and slope (|x| phi(x) < 2^-151) round to -0; above the bound the value is x
// and the slope 1 (1 - Phi(x) < 2^-90).
template <>
inline constexpr TailKinds kTails<GeluErf> = {Tail::kConstant, Tail::kIdentity};
inline Saturation SaturationOf(GeluErf, float) { return {-15.0f, 11.5f}; }

template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(GeluErf, D d, V x, V) {
  const auto one = hn::Set(d, 1.0f);
  const auto a = hn::Abs(x);
  const auto minus_half_a = hn::Mul(a, hn::Set(d, -0.5f));
  const auto t = hn::Mul(a, minus_half_a);
  const auto t_lo = hn::MulSub(a, minus_half_a, t);
  const auto at = GeluErfTablePoint(d, a);
  const auto negative = hn::Lt(x, hn::Zero(d));
  // Value: a Phi(-a) = a scale (m + m_lo) = tail, rounded once (a scale is exact); then
  // gelu = max(x, 0) - tail for either sign (x - x Phi(-a) = x Phi(a) for x >= 0), which is
  // +0 at x = -0 until WithSignOf.
  const auto ex = ExpInRange(d, t, t_lo);
  const auto p = EvaluateTable(d, kNormalTable, at);
  const auto m = hn::Mul(ex.hi, p.hi);
  const auto m_lo = hn::MulAdd(ex.hi, p.lo, hn::MulAdd(ex.lo, p.hi, hn::MulSub(ex.hi, p.hi, m)));
  const auto a_scale = hn::Mul(a, ex.scale);
  const auto tail = hn::MulAdd(a_scale, m, hn::Mul(a_scale, m_lo));
  const auto value = WithSignOf(d, x, hn::Sub(hn::Max(x, hn::Zero(d)), tail));  // gelu(-0) = -0
  // Slope: E (a - r) S = scale (1 + em1) v, v = (a - r) S rounded once.
  const auto ey = ExpLean(d, t, t_lo);
  const auto sf = EvaluateTable(d, kGeluSlopeTable, at);
  const auto a_minus_r = hn::Sub(hn::Sub(a, hn::Set(d, kGeluRootHigh)), hn::Set(d, kGeluRootLow));
  const auto v = hn::MulAdd(a_minus_r, sf.hi, hn::Mul(a_minus_r, sf.lo));
  const auto w = hn::MulAdd(ey.em1, v, v);
  const auto slope_neg = hn::Mul(ey.scale, w);
  const auto slope_pos = hn::NegMulAdd(ey.scale, w, one);
  return {value, hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// ---- gelu_tanh: 0.5 x (1 + tanh u) = x s(v), v = 2u = x (A + B x^2), u = sqrt(2/pi) (x +
// 0.044715 x^3): the sigmoid form never computes 1 + tanh(u) ~ 0.
//   f' = s(v) (1 + x v' s(-v)),  v' = A + 3 B x^2,  root at x = -0.7525.
// In the negative tail s(v) ~ e^v, so a relative error d in v becomes |v| d in the result
// (|v| reaches 745 in double, 104 in float): v is carried as an unevaluated sum (A and B too)
// into LogisticHalves. Next to the root 1 + x v' s(-v) cancels, so x v' s(-v) is formed in two
// parts as well and 1 + its high part is exact there (Sterbenz). |x| is clamped at 32, where
// every e^-|v| is 0 already, so that v and v' stay finite (no 0 * inf for huge |x|).
// A = 2 sqrt(2/pi), B = 2 * 0.044715 sqrt(2/pi) as High + Low in T (50-digit values rounded).
template <typename T>
struct GeluTanhConstants;
template <>
struct GeluTanhConstants<double> {
  static constexpr double kA = 0x1.9884533d43651p+0;  // 1.5957691216057308
  static constexpr double kALow = -9.9693088091109202e-17;
  static constexpr double kB = 0x1.2444f2a4d8b4bp-4;  // 0.071354816272600249
  static constexpr double kBLow = -6.175149918155315e-19;
};
template <>
struct GeluTanhConstants<float> {
  static constexpr float kA = 0x1.988454p+0f;
  static constexpr float kALow = -0x1.857936p-25f;
  static constexpr float kB = 0x1.2444f2p-4f;
  static constexpr float kBLow = 0x1.49b16ap-29f;
};

// v = x (A + B x^2) = v_hi + v_lo and g = x v' = x (A + 3 B x^2) = g_hi + g_lo, each to a
// few ULP of its low part: the arguments of gelu_tanh's sigmoid and of its slope bracket,
// shared by the full-range kernel and the in-range one (below).
template <class D>
struct GeluTanhArgumentResult {
  hn::Vec<D> v_hi, v_lo, g_hi, g_lo;
};
template <class D, class V = hn::Vec<D>>
HWY_INLINE GeluTanhArgumentResult<D> GeluTanhArgument(D d, V xc) {
  using T = hn::TFromD<D>;
  using K = GeluTanhConstants<T>;
  const auto a = hn::Set(d, K::kA);
  const auto b = hn::Set(d, K::kB);
  // x^2, B x^2 and p = A + B x^2, each as high + low.
  const auto x2 = hn::Mul(xc, xc);
  const auto x2_lo = ProductError(d, xc, xc, x2);
  const auto bx2 = hn::Mul(b, x2);
  const auto bx2_lo =
      hn::MulAdd(b, x2_lo, hn::MulAdd(hn::Set(d, K::kBLow), x2, ProductError(d, b, x2, bx2)));
  // A + B x^2 = p.sum + p.error exactly; both terms are >= 0, so Fast2Sum with the larger
  // first (one operation and one dependent step fewer than TwoSum, the same result).
  const auto p = FastTwoSum(d, hn::Max(a, bx2), hn::Min(a, bx2));
  const auto p_lo = hn::Add(p.error, hn::Add(bx2_lo, hn::Set(d, K::kALow)));  // p.error last: it comes last
  // v = x p, and v' = p + 2 B x^2 = dv + dv_lo.
  const auto v_hi = hn::Mul(xc, p.sum);
  const auto v_lo = hn::MulAdd(xc, p_lo, ProductError(d, xc, p.sum, v_hi));
  const auto dv = TwoSum(d, p.sum, hn::Add(bx2, bx2));
  const auto dv_lo = hn::Add(dv.error, hn::MulAdd(hn::Set(d, T(2)), bx2_lo, p_lo));
  // g = x v'.
  const auto g_hi = hn::Mul(xc, dv.sum);
  const auto g_lo = hn::MulAdd(xc, dv_lo, ProductError(d, xc, dv.sum, g_hi));
  return {v_hi, v_lo, g_hi, g_lo};
}

template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(GeluTanh, D d, V x, V) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto xc = hn::Min(hn::Max(x, hn::Set(d, T(-32))), hn::Set(d, T(32)));
  const auto [v_hi, v_lo, g_hi, g_lo] = GeluTanhArgument(d, xc);
  const auto negative = hn::Lt(v_hi, hn::Zero(d));
  const auto h = LogisticHalves(d, hn::Abs(v_hi), hn::IfThenElse(negative, hn::Neg(v_lo), v_lo));
  // x >= 0: s(v) = upper, s(-v) = lower; nothing cancels. Beyond the clamp s(v) = 1: y = x.
  const auto upper = hn::Add(h.upper_hi, h.upper_lo);
  const auto value_pos = hn::MulAdd(x, h.upper_hi, hn::Mul(x, h.upper_lo));
  const auto bracket_pos = hn::MulAdd(hn::Add(g_hi, g_lo), Scale(h.exp, h.lower_scaled), one);
  const auto slope_pos = hn::Mul(upper, bracket_pos);
  // x < 0: s(v) = lower (a multiple of 2^k, applied last), s(-v) = upper.
  const auto value_neg = Scale(h.exp, hn::MulAdd(xc, h.lower_hi, hn::Mul(xc, h.lower_lo)));
  const auto q_hi = hn::Mul(g_hi, h.upper_hi);  // x v' s(-v) = q_hi + q_lo
  const auto q_lo = hn::MulAdd(g_hi, h.upper_lo,
                               hn::MulAdd(g_lo, h.upper_hi, ProductError(d, g_hi, h.upper_hi, q_hi)));
  const auto bracket_neg = hn::Add(hn::Add(one, q_hi), q_lo);
  const auto slope_neg =
      Scale(h.exp, hn::MulAdd(h.lower_hi, bracket_neg, hn::Mul(h.lower_lo, bracket_neg)));
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// ---- gelu_tanh: x s(v), v = x (A + B x^2) = v_hi + v_lo; f' = s(v) (1 + g s(-v)), g = x v'
// (GeluTanhArgument, as the full-range kernel). v and g are odd in x, so evaluating them at
// -|x| hands ExpInRange -|v| with its low part and no sign fix-up. In range up to |x| = 10,
// |v| <= 87.4, where e^-|v| = scale (hi + lo) still has a normal scale (k >= -126), but the
// products with it do not all stay normal, so:
//   - x < 0 keeps scale apart and applies it last (those results, at least 1e-37, are normal);
//   - 1 + e^-|v| and s(-|v|) on the x >= 0 side use scale clamped at 2^-60, below which
//     e^-|v| no longer moves 1 + e^-|v| (or 1 + g s(-v), |g| <= 230) within 2^-50.
template <>
inline constexpr bool kHasInRange<GeluTanh> = true;
// The value alone, from the lean e^-|v|: x >= 0, x s(|v|) = x q (1 + residual); x < 0,
// x s(-|v|) = scale (x (1 + em1) q (1 + residual)).
template <class D, class V>
HWY_INLINE V GeluTanhValueInRange(D d, V x, const GeluTanhArgumentResult<D>& arg) {
  const auto one = hn::Set(d, 1.0f);
  const auto lean = ExpLean(d, arg.v_hi, arg.v_lo);
  const auto scale_c = hn::Max(lean.scale, hn::Set(d, 0x1p-60f));
  const auto e_c = hn::MulAdd(scale_c, lean.em1, scale_c);
  const auto sum = hn::Add(one, e_c);
  const auto tail = hn::Sub(e_c, hn::Sub(sum, one));  // Fast2Sum: 1 >= e
  const auto [q, residual] = ReciprocalInRange(d, sum, tail);
  const auto value_pos = hn::MulAdd(x, q, hn::Mul(hn::Mul(x, q), residual));
  const auto pq = hn::MulAdd(lean.em1, q, q);
  const auto pq_err = hn::MulAdd(lean.em1, q, hn::Sub(q, pq));  // q - pq exact: Sterbenz
  const auto pq_lo = hn::MulAdd(pq, residual, pq_err);
  const auto value_neg = hn::Mul(lean.scale, hn::MulAdd(x, pq, hn::Mul(x, pq_lo)));
  return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), value_neg, value_pos);
}
inline float InRangeMax(GeluTanh, float) { return 10.0f; }
// Below -12 value and slope (about x^3 e^-2|u|, |u| > 69) round to -0; above the bound the
// value is x and the slope 1.
template <>
inline constexpr TailKinds kTails<GeluTanh> = {Tail::kConstant, Tail::kIdentity};
inline Saturation SaturationOf(GeluTanh, float) { return {-12.0f, 10.0f}; }
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(GeluTanh, D d, V x, V) {
  const auto one = hn::Set(d, 1.0f);
  const auto arg = GeluTanhArgument(d, MinusAbs(d, x));  // -|v|, -|g|
  const auto ex = AsExpInRange(d, ExpLean(d, arg.v_hi, arg.v_lo));
  // s(|v|) = q + q_lo and s(-|v|) = lower (the latter clamped with the scale: x >= 0 only).
  const auto h = LogisticOfExp(d, {hn::Max(ex.scale, hn::Set(d, 0x1p-60f)), ex.hi, ex.lo});
  const auto q = h.q, q_lo = h.q_lo, upper = h.upper;
  const auto value = GeluTanhValueInRange(d, x, arg);
  // x >= 0: 1 + g s(-v) >= 1 does not cancel.
  const auto slope_pos = hn::Mul(upper, hn::NegMulAdd(arg.g_hi, h.lower, one));
  // x < 0: s(v) = scale (hi + lo) (q + q_lo) = scale (lower_hi + lower_lo); lo, up to 0.06,
  // needs q_lo too (rcp14 leaves q_lo up to 2^-14 q).
  const auto lower_hi = hn::Mul(ex.hi, q);
  const auto lower_lo =
      hn::MulAdd(ex.hi, q_lo, hn::MulAdd(ex.lo, upper, hn::MulSub(ex.hi, q, lower_hi)));
  // 1 + g s(-v), which cancels at the root (-0.7525): g (q + q_lo) = gq_hi + gq_lo exactly
  // enough that 1 + gq_hi is exact there (Sterbenz).
  const auto gq_hi = hn::Mul(arg.g_hi, q);
  const auto gq_lo = hn::MulAdd(arg.g_hi, q_lo,
                                hn::MulAdd(arg.g_lo, q, hn::MulSub(arg.g_hi, q, gq_hi)));
  const auto bracket = hn::Add(hn::Add(one, gq_hi), gq_lo);
  const auto slope_neg =
      hn::Mul(ex.scale, hn::MulAdd(lower_hi, bracket, hn::Mul(lower_lo, bracket)));
  const auto negative = hn::Lt(x, hn::Zero(d));
  return {value, hn::IfThenElse(negative, slope_neg, slope_pos)};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_GELU_INL_H_
