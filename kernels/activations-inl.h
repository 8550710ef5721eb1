// Per-target vector code: one Evaluate(tag, d, x, p) per activation, returning f(x) and f'(x).
// Loops that store only one of them let the compiler drop the other, and the fused pass is
// bit-identical to the separate ones because it runs the same instructions.
//
// Lanes: kernels marked kInOwnLanes run in the element type itself, and get their accuracy
// from ExpSplit / LogisticHalves (exp_split-inl.h: e^x and 1 / (1 + e^x) carried with a few
// extra bits, rounded once at the end). The others still promote float inputs to double lanes
// (loops-inl.h), which keeps float results within 0.5 ULP + 2^-40 relative of exact but halves
// the lanes per vector. `Out` is the element type the caller stores.
// On FMA targets, float vectors with every |x| within a few tens take in_range-inl.h's lean
// versions of the exp-based kernels instead (loops-inl.h decides per vector).
// Special values (NaN, +-inf) are fixed up by the loops from registry.h's Limits, so the code
// below only has to be right for finite x; each kernel says what it does at the extremes.
// Max errors are the registry's kMaxUlpValue / kMaxUlpSlope; the README accuracy table has measured ones.

#if defined(ACT_ACTIVATIONS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_ACTIVATIONS_INL_H_
#undef ACT_ACTIVATIONS_INL_H_
#else
#define ACT_ACTIVATIONS_INL_H_
#endif

#include <type_traits>

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/erf-inl.h"
#include "kernels/exp_split-inl.h"
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Whether Tag's full-range kernel is evaluated in lanes of the element type itself (true) or,
// for float arrays, in promoted double lanes (false: gelu_erf, whose full-range erfc is
// double-only; its in-range path, which takes nearly every float input on AVX2/AVX3, runs in
// float lanes). Own-type lanes are twice as many per vector and avoid the conversions.
template <class Tag>
inline constexpr bool kInOwnLanes = true;
template <>
inline constexpr bool kInOwnLanes<GeluErf> = false;

template <class D>
struct ValueAndSlope {
  hn::Vec<D> value;  // f(x)
  hn::Vec<D> slope;  // f'(x)
};

// ---- identity: f = x, f' = 1. Exact. ----------------------------------------------------------
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Identity, D d, V x, V) {
  return {x, hn::Set(d, 1)};
}

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

// ---- relu: x > 0 ? x : +0 (relu(-0) = +0), relu'(0) = 0. Exact.
// The value tests x <= 0 rather than x > 0: the same on numbers, but a NaN lane then keeps x,
// so the forward loop needs no NaN fix-up (FixupFor) and runs at copy speed.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Relu, D d, V x, V) {
  return {hn::IfThenZeroElse(hn::Le(x, hn::Zero(d)), x),
          hn::IfThenElseZero(hn::Gt(x, hn::Zero(d)), hn::Set(d, 1))};
}

// ---- leaky_relu / prelu: x > 0 ? x : slope x (one rounding), f'(0) = slope.
// The value is x f'(x), one product: x 1 = x exactly, and it keeps the loop at one load of x
// per vector (with Mul(slope, x) on one side of a blend, GCC loads x twice, and twice a split
// load when x is not aligned to a line: leaky_relu forward 13.6 Gelem/s against 23 at 16Ki).
template <class D, class V>
HWY_INLINE ValueAndSlope<D> PiecewiseLinear(D d, V x, V slope) {
  const auto derivative = hn::IfThenElse(hn::Gt(x, hn::Zero(d)), hn::Set(d, 1), slope);
  return {hn::Mul(x, derivative), derivative};
}
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(LeakyRelu, D d, V x, V slope) {
  return PiecewiseLinear(d, x, slope);
}
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Prelu, D d, V x, V slope) {
  return PiecewiseLinear(d, x, slope);
}

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

// ---- gelu_erf: x Phi(x), gelu' = Phi(x) + x phi(x), phi(x) = e^(-x^2/2) / sqrt(2 pi); root of
// gelu' at x = r = -0.7518. Phi(-|x|) = erfc(|x|/sqrt2)/2 keeps relative accuracy down to
// underflow (no 1 + erf cancellation), Phi(|x|) = 1 - Phi(-|x|).
// Float arrays outside the in-range path (|x| > 11.5, NaN and +-inf lanes, targets without FMA;
// in_range-inl.h has the float-lane version): double lanes, rounded once to float at the store,
// NormalTail, plain products.
template <class D, class V>
HWY_INLINE ValueAndSlope<D> GeluErfForFloat(D d, V x) {
  const auto normal = NormalTail(d, hn::Abs(x));
  const auto pdf_scaled = hn::Mul(normal.gaussian, hn::Set(d, 0.39894228040143267794));  // 1/sqrt(2pi)
  const auto negative = hn::Lt(x, hn::Zero(d));
  // x < 0: everything is a multiple of scale, applied last.
  const auto value_neg = hn::Mul(hn::Mul(x, normal.tail), normal.scale);
  const auto slope_neg = hn::Mul(hn::MulAdd(x, pdf_scaled, normal.tail), normal.scale);
  // x >= 0: Phi(x) = 1 - Phi(-x).
  const auto cdf_pos = hn::NegMulAdd(normal.tail, normal.scale, hn::Set(d, 1.0));
  const auto value_pos = hn::Mul(x, cdf_pos);
  const auto slope_pos = hn::MulAdd(x, hn::Mul(pdf_scaled, normal.scale), cdf_pos);
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// Double: Phi(-|x|) and |x| phi(x) in two parts (NormalTailSplit), each result rounded once.
// Next to the root, gelu' = (x - r) Q(s), s = x + 13/16, for x in [-21/16, -7/16] (fit_erf
// gelu_root 16: Q within 0.03 ULP; float lanes need no window, in_range-inl.h), where
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

// |x| <= 1/2: Phi(x) = 1/2 + x H, H = G(x^2 / 2) / (2 sqrt2) with erf's core G (erf-inl.h),
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
// shared by the full-range kernel and the in-range one (in_range-inl.h).
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

// ---- mish: x tanh(softplus(x)). With e = e^-|x| (ExpSplit), tanh(softplus(x)) is rational in e:
//   x >= 0: 1 - q, q = 2e^2 / (1 + 2e + 2e^2)       (y = x - x q, no cancellation)
//   x <  0: n / (n + 2), n = e (e + 2)
// mish' = tanh(sp) + x sech^2(sp) s(x), sech^2(sp) = 1 - tanh^2(sp) without cancellation:
//   x >= 0: [(1 + 2e) D + 4 x e^2 (1 + e)] / D^2,  D = 1 + 2e + 2e^2
//   x <  0: e B / (n + 2)^2,  B = (e + 2)(n + 2) + 4 x (1 + e) = 4 (1 + x) + 6e + 4e^2 + e^3 + 4xe
// B vanishes at the root x = -1.1918 with terms of size 2, so it is summed from exact products
// and compensated additions (TwoSum): 10x cancellation at the edges of the root interval would
// otherwise cost 10 ULP. The quotients are a product with 1 / den carried in two parts (one
// division, a Newton step), and e, n and den keep their low parts until the last rounding.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V MishBracket(D d, V xc, V e_hi, V e_lo) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto four = hn::Set(d, T(4));
  const auto six = hn::Set(d, T(6));
  const auto four_x = hn::Mul(four, xc);
  const auto c = hn::Mul(four, hn::Add(one, xc));  // exact near the root (Sterbenz)
  const auto p1 = hn::Mul(six, e_hi);
  const auto p2 = hn::Mul(four, hn::Mul(e_hi, e_hi));
  const auto p3 = hn::Mul(four_x, e_hi);
  const auto s1 = TwoSum(d, c, p1);
  const auto s2 = TwoSum(d, s1.sum, p2);
  const auto s3 = TwoSum(d, s2.sum, p3);
  auto low = hn::Add(hn::Add(s1.error, s2.error), s3.error);
  low = hn::Add(low, ProductError(d, six, e_hi, p1));
  low = hn::MulAdd(four, ProductError(d, e_hi, e_hi, hn::Mul(e_hi, e_hi)), low);
  low = hn::Add(low, ProductError(d, four_x, e_hi, p3));
  // 6 e_lo + 8 e_hi e_lo + 4x e_lo + e^3
  low = hn::MulAdd(hn::Add(hn::MulAdd(hn::Set(d, T(8)), e_hi, six), four_x), e_lo, low);
  low = hn::MulAdd(hn::Mul(e_hi, e_hi), e_hi, low);
  return hn::Add(s3.sum, low);
}

template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Mish, D d, V x, V) {
  using T = hn::TFromD<D>;
  const auto one = hn::Set(d, T(1));
  const auto two = hn::Set(d, T(2));
  const auto four = hn::Set(d, T(4));
  const auto ex = ExpSplit(d, hn::Neg(hn::Abs(x)), hn::Zero(d));
  const auto e_scaled = hn::Add(ex.hi, ex.lo);
  const auto e = Scale(ex, e_scaled);
  // e^-|x| = 2^k (e_scaled + lo_scaled) = e + e_lo exactly where it matters (Scale is exact
  // there): |lo| reaches 6% of hi, so the parts are renormalized (Fast2Sum) before products of
  // two low parts are dropped.
  const auto lo_scaled = hn::Sub(ex.lo, hn::Sub(e_scaled, ex.hi));
  const auto e_lo = Scale(ex, lo_scaled);
  const auto e_hi = e;
  const auto negative = hn::Lt(x, hn::Zero(d));
  // x >= 0: tanh(sp) = (1 + 2e) / (1 + 2e + 2e^2) = num w, num and w = 1 / den in two parts.
  const auto two_e = hn::Add(e, e);
  const auto num = TwoSum(d, one, two_e);
  const auto num_lo = hn::MulAdd(two, e_lo, num.error);
  const auto sq = hn::Mul(e, e);
  const auto sq_lo = hn::MulAdd(two_e, e_lo, ProductError(d, e, e, sq));
  const auto den_pos = TwoSum(d, num.sum, hn::Add(sq, sq));
  const auto den_pos_lo = hn::MulAdd(two, sq_lo, hn::Add(den_pos.error, num_lo));
  const auto wp = Reciprocal(d, den_pos.sum, den_pos_lo);
  const auto wp_hi = wp.hi;
  const auto wp_lo = wp.lo;
  const auto tp = hn::Mul(num.sum, wp_hi);
  const auto tp_lo = hn::MulAdd(num.sum, wp_lo, hn::MulAdd(num_lo, wp_hi, ProductError(d, num.sum, wp_hi, tp)));
  const auto value_pos = hn::CopySign(hn::MulAdd(x, tp, hn::Mul(x, tp_lo)), x);  // mish(-0) = -0
  // mish' = tanh(sp) + x 4e^2 (1 + e) w^2 (no cancellation for x >= 0). (4 e^2) x, not
  // (4 x) e^2: e = 0 already for x where 4x would overflow.
  const auto wp2 = hn::Mul(wp_hi, wp_hi);
  const auto slope_pos =
      hn::Add(tp, hn::MulAdd(hn::Mul(hn::Mul(four, sq), x), hn::Mul(hn::Add(one, e), wp2), tp_lo));
  // x < 0, with everything proportional to e kept as a multiple of 2^k, applied last (one
  // rounding into subnormals). Below ExpSplit's clamp e is e^kMinArg, so x is clamped with it
  // (the results are 0 there).
  const auto xc = hn::Max(x, hn::Set(d, ExpSplitConstants<T>::kMinArg));
  // e + 2 = ep2_hi + ep2_lo and n = e (e + 2) = 2^k (n_hi + n_lo), each pair exact to ~2^-48.
  const auto ep2_hi = hn::Add(e, two);
  const auto ep2_lo = hn::Add(hn::Sub(e, hn::Sub(ep2_hi, two)), e_lo);
  const auto n_hi = hn::Mul(e_scaled, ep2_hi);
  const auto n_lo = hn::MulAdd(e_scaled, ep2_lo, hn::MulAdd(lo_scaled, ep2_hi,
                                                            ProductError(d, e_scaled, ep2_hi, n_hi)));
  // n + 2 = den_hi + den_lo (Fast2Sum: 2 > n), and w = 1 / (n + 2) = w_hi + w_lo (Newton step).
  const auto n_rounded = Scale(ex, n_hi);
  const auto den_hi = hn::Add(n_rounded, two);
  const auto den_lo = hn::Add(hn::Sub(n_rounded, hn::Sub(den_hi, two)), Scale(ex, n_lo));
  const auto w = Reciprocal(d, den_hi, den_lo);
  const auto w_hi = w.hi;
  const auto w_lo = w.lo;
  // y = x n w, summed before one rounding.
  const auto t = hn::Mul(n_hi, w_hi);
  const auto t_lo = hn::MulAdd(n_hi, w_lo, hn::MulAdd(n_lo, w_hi, ProductError(d, n_hi, w_hi, t)));
  const auto value_neg = Scale(ex, hn::MulAdd(xc, t, hn::Mul(xc, t_lo)));
  const auto bracket = MishBracket(d, xc, e_hi, e_lo);
  // e B w^2, w^2 = w_hi^2 + 2 w_hi w_lo.
  const auto w2 = hn::MulAdd(w_hi, w_hi, hn::Mul(hn::Add(w_hi, w_hi), w_lo));
  const auto slope_neg =
      Scale(ex, hn::Mul(hn::MulAdd(e_scaled, bracket, hn::Mul(lo_scaled, bracket)), w2));
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// ---- softplus: max(x, 0) + log1p(e^-beta|x|) / beta: no overflow, never negative, -> +0 as
// x -> -inf. softplus' = s(beta x). With e = e^-|beta x| from LogisticHalves, 1 + e = sum + tail
// (sum in [1, 2]), and
//   log1p(e) = log(sum) + log1p(t),  t = tail / sum (tiny: log1p(t) = t - t^2/2),
//   log(sum) = k ln2 + log(y), sum = 2^k y, y in [sqrt2/2, sqrt2], k in {0, 1},
//   log(y) = f - s (f - R(s)),  f = y - 1 (exact), s = f / (2 + f)  (Highway's Log, musl).
// beta x is carried with its rounding error, so the tail is not off by |beta x| 2^-24 relative.
// For beta != 1 the division by beta is a multiplication by 1/beta (one more rounding).
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
  auto log1p_e = LogOfSum(d, h.sum, h.tail, h.upper_hi);  // upper_hi = 1 / sum
  // e below 2^-24 (sum = 1): log1p(e) = e (1 - e/2) straight from e's parts, scaled last, so
  // subnormal results are rounded once.
  const auto& e = h.exp;
  const auto e_scaled = hn::Add(e.hi, hn::NegMulAdd(e.hi, hn::Mul(Scale(e, e.hi), half), e.lo));
  log1p_e = hn::IfThenElse(hn::Eq(h.sum, one), Scale(e, e_scaled), log1p_e);
  const auto value = hn::MulAdd(log1p_e, hn::Div(one, beta), hn::Max(x, hn::Zero(d)));
  const auto slope = hn::IfThenElse(negative, Scale(e, h.lower_scaled),
                                    hn::Add(h.upper_hi, h.upper_lo));
  return {value, slope};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_ACTIVATIONS_INL_H_
