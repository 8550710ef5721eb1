// Per-target vector code: one Evaluate(tag, d, x, p) per activation, returning f(x) and f'(x).
// Loops that store only one of them let the compiler drop the other, and the fused pass is
// bit-identical to the separate ones because it runs the same instructions.
//
// Lanes are double for every transcendental activation (float inputs are promoted by the
// loops in loops-inl.h, which keeps float results within 0.5 ULP + 2^-40 relative of exact);
// piecewise-linear activations run in the element type itself. `Out` is the element type the
// caller stores: a few kernels need extra care (double-double steps) only when Out is double.
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
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class D>
struct ValueAndSlope {
  hn::Vec<D> value;  // f(x)
  hn::Vec<D> slope;  // f'(x)
};

// s(|x|) and s(-|x|) from e = e^-|x| (in (0, 1]): both without cancellation.
template <class D>
struct SigmoidHalves {
  hn::Vec<D> upper;  // s(|x|) = 1 / (1 + e)
  hn::Vec<D> lower;  // s(-|x|) = e / (1 + e)
};
template <class D>
HWY_INLINE SigmoidHalves<D> SigmoidFromExp(D d, hn::Vec<D> e) {
  const auto upper = hn::Div(hn::Set(d, 1.0), hn::Add(hn::Set(d, 1.0), e));
  return {upper, hn::Mul(e, upper)};
}

// ---- identity: f = x, f' = 1. Exact. ----------------------------------------------------------
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Identity, D d, V x, V) {
  return {x, hn::Set(d, 1)};
}

// ---- sigmoid: s(x) = 1/(1+e^-x), computed from e = e^-|x| and reflected, so neither tail
// overflows or cancels. s' = s(x) s(-x) (not y(1-y), which is 0 above x ~ 17 in float).
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Sigmoid, D d, V x, V) {
  const auto halves = SigmoidFromExp(d, hn::Exp(d, hn::Neg(hn::Abs(x))));
  const auto value = hn::IfThenElse(hn::Lt(x, hn::Zero(d)), halves.lower, halves.upper);
  return {value, hn::Mul(halves.upper, halves.lower)};
}

// ---- tanh: tanh|x| = -m / (2 + m), m = expm1(-2|x|) (accurate near 0, no overflow), sign of x
// restored (tanh(-0) = -0). tanh' = sech^2 = 4u / (1 + u)^2 with u = e^-2|x|, not 1 - y^2,
// which cancels to 0 where the true value is still ~e^-2|x|.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Tanh, D d, V x, V) {
  const auto minus_2a = hn::Mul(hn::Set(d, -2.0), hn::Abs(x));
  const auto m = hn::Expm1(d, minus_2a);
  const auto magnitude = hn::Div(hn::Neg(m), hn::Add(hn::Set(d, 2.0), m));
  const auto u = hn::Exp(d, minus_2a);
  const auto one_plus_u = hn::Add(hn::Set(d, 1.0), u);
  const auto slope = hn::Div(hn::Mul(hn::Set(d, 4.0), u), hn::Mul(one_plus_u, one_plus_u));
  return {hn::CopySign(magnitude, x), slope};
}

// ---- relu: x > 0 ? x : +0 (relu(-0) = +0), relu'(0) = 0. Exact.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Relu, D d, V x, V) {
  const auto positive = hn::Gt(x, hn::Zero(d));
  return {hn::IfThenElseZero(positive, x), hn::IfThenElseZero(positive, hn::Set(d, 1))};
}

// ---- leaky_relu / prelu: x > 0 ? x : slope x (one rounding), f'(0) = slope.
template <class D, class V>
HWY_INLINE ValueAndSlope<D> PiecewiseLinear(D d, V x, V slope) {
  const auto positive = hn::Gt(x, hn::Zero(d));
  return {hn::IfThenElse(positive, x, hn::Mul(slope, x)),
          hn::IfThenElse(positive, hn::Set(d, 1), slope)};
}
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(LeakyRelu, D d, V x, V slope) {
  return PiecewiseLinear(d, x, slope);
}
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Prelu, D d, V x, V slope) {
  return PiecewiseLinear(d, x, slope);
}

// ---- elu: x > 0 ? x : alpha expm1(x) (expm1, not e^x - 1, which is 0 for tiny x);
// elu' = x > 0 ? 1 : alpha e^x, so elu'(0) = alpha. Negative tail -> -alpha.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Elu, D d, V x, V alpha) {
  const auto positive = hn::Gt(x, hn::Zero(d));
  // x for x <= 0, else 0: keeps e^x finite for huge x and -0 as -0 (Min(-0, 0) may be +0).
  const auto negative_x = hn::IfThenZeroElse(positive, x);
  // CopySign: Highway's Expm1(-0) is +0, and elu(-0) must be -0 like the x <= 0 formula.
  const auto value =
      hn::IfThenElse(positive, x, hn::CopySign(hn::Mul(alpha, hn::Expm1(d, negative_x)), x));
  const auto slope = hn::IfThenElse(positive, hn::Set(d, 1.0), hn::Mul(alpha, hn::Exp(d, negative_x)));
  return {value, slope};
}

// ---- selu: lambda elu_alpha(x) with the fixed SELU constants; lambda alpha rounded once.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Selu, D d, V x, V) {
  const auto lambda = hn::Set(d, kSeluLambda);
  const auto lambda_alpha = hn::Set(d, kSeluLambdaAlpha);
  const auto positive = hn::Gt(x, hn::Zero(d));
  const auto negative_x = hn::IfThenZeroElse(positive, x);
  const auto value = hn::IfThenElse(
      positive, hn::Mul(lambda, x),
      hn::CopySign(hn::Mul(lambda_alpha, hn::Expm1(d, negative_x)), x));  // selu(-0) = -0
  const auto slope = hn::IfThenElse(positive, lambda, hn::Mul(lambda_alpha, hn::Exp(d, negative_x)));
  return {value, slope};
}

// ---- silu: x s(x); silu' = s(x) (1 + x s(-x)), root at x = -1.2785 (cancellation there only).
// Finite x -> -inf gives -0 (x times an underflowed s(x)).
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Silu, D d, V x, V) {
  // e^-|x| = scaled * scale (ScaledExp): the x < 0 tail applies scale last, so subnormal
  // results are rounded once.
  const auto e = ScaledExp(d, hn::Neg(hn::Abs(x)));
  const auto upper = hn::Div(hn::Set(d, 1.0), hn::MulAdd(e.scaled, e.scale, hn::Set(d, 1.0)));
  const auto lower_scaled = hn::Mul(e.scaled, upper);  // s(-|x|) / scale
  const auto negative = hn::Lt(x, hn::Zero(d));
  const auto s_x = hn::IfThenElse(negative, lower_scaled, upper);  // s(x) / scale_x
  const auto scale_x = hn::IfThenElse(negative, e.scale, hn::Set(d, 1.0));
  const auto s_minus_x = hn::IfThenElse(negative, upper, hn::Mul(lower_scaled, e.scale));
  const auto slope = hn::Mul(s_x, hn::MulAdd(x, s_minus_x, hn::Set(d, 1.0)));
  return {hn::Mul(hn::Mul(x, s_x), scale_x), hn::Mul(slope, scale_x)};
}

// ---- gelu_erf: x Phi(x). Phi(-|x|) = erfc(|x|/sqrt2)/2 comes from NormalTail (relative
// accuracy down to underflow: no 1 + erf cancellation), Phi(|x|) = 1 - Phi(-|x|).
// gelu' = Phi(x) + x phi(x), phi(x) = exp(-x^2/2) / sqrt(2 pi); root at x = -0.7518.
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(GeluErf, D d, V x, V) {
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

// ---- gelu_tanh: 0.5 x (1 + tanh u) = x s(2u), u = sqrt(2/pi) (x + 0.044715 x^3): the sigmoid
// form never computes 1 + tanh(u) ~ 0. Writing v = 2u = x (A + B x^2):
// f' = s(v) + x s(v) s(-v) v',  v' = A + 3 B x^2.
// In the negative tail s(v) ~ e^v, so a relative error d in v becomes |v| d in the result
// (|v| reaches 745): for double output v is carried as a double-double (A, B too).
// Huge |x|: v' overflows while s(v) s(-v) underflows, so that term is dropped there (no NaN).
// A = 2 sqrt(2/pi), B = 2 * 0.044715 sqrt(2/pi) as double-doubles (50-digit values rounded).
inline constexpr double kGeluTanhA = 0x1.9884533d43651p+0;      // 1.5957691216057308
inline constexpr double kGeluTanhALow = -9.9693088091109202e-17;
inline constexpr double kGeluTanhB = 0x1.2444f2a4d8b4bp-4;      // 0.071354816272600249
inline constexpr double kGeluTanhBLow = -6.175149918155315e-19;

template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(GeluTanh, D d, V x, V) {
  const auto a = hn::Set(d, kGeluTanhA);
  const auto b = hn::Set(d, kGeluTanhB);
  const auto x2 = hn::Mul(x, x);
  const auto bx2 = hn::Mul(b, x2);
  const auto poly = hn::Add(bx2, a);  // A + B x^2
  const auto v = hn::Mul(x, poly);
  auto e = ScaledExp(d, hn::Neg(hn::Abs(v)));  // e^-|v| = e.scaled * e.scale
  if constexpr (std::is_same_v<Out, double>) {
    // What v misses of x (A + B x^2) with exact constants and x^2, to first order:
    // the rounding errors of x^2, B x^2 (FMA), A + B x^2 (TwoSum) and x * poly (FMA).
    // e is already 0 beyond |x| = 23; clamping keeps the correction finite (0 * finite).
    const auto xc = hn::Min(hn::Max(x, hn::Set(d, -32.0)), hn::Set(d, 32.0));
    const auto xc2 = hn::Mul(xc, xc);
    const auto x2_low = ProductError(d, xc, xc, xc2);
    const auto bxc2 = hn::Mul(b, xc2);
    const auto polyc = hn::Add(bxc2, a);
    const auto bx2_low = hn::MulAdd(b, x2_low, hn::MulAdd(hn::Set(d, kGeluTanhBLow), xc2,
                                                          ProductError(d, b, xc2, bxc2)));
    const auto bb = hn::Sub(polyc, bxc2);
    const auto sum_low = hn::Add(hn::Sub(bxc2, hn::Sub(polyc, bb)), hn::Sub(a, bb));
    const auto poly_low = hn::Add(hn::Add(sum_low, bx2_low), hn::Set(d, kGeluTanhALow));
    const auto vc = hn::Mul(xc, polyc);
    const auto v_low = hn::MulAdd(xc, poly_low, ProductError(d, xc, polyc, vc));
    // e^-|v + v_low| = e^-|v| (1 - sign(v) v_low).
    const auto correction = hn::IfThenElse(hn::Lt(v, hn::Zero(d)), v_low, hn::Neg(v_low));
    e.scaled = hn::MulAdd(e.scaled, correction, e.scaled);
  }
  const auto upper = hn::Div(hn::Set(d, 1.0), hn::MulAdd(e.scaled, e.scale, hn::Set(d, 1.0)));
  const auto lower_scaled = hn::Mul(e.scaled, upper);  // s(-|v|) / scale
  const auto negative = hn::Lt(v, hn::Zero(d));
  const auto s_v = hn::IfThenElse(negative, lower_scaled, upper);  // s(v) / scale_v
  const auto scale_v = hn::IfThenElse(negative, e.scale, hn::Set(d, 1.0));
  const auto s_minus_v = hn::IfThenElse(negative, upper, hn::Mul(lower_scaled, e.scale));
  const auto dv = hn::MulAdd(hn::Mul(hn::Set(d, 3.0), b), x2, a);  // A + 3 B x^2
  // f' = s(v) (1 + x s(-v) v'). Past |v| = 750, s(v) s(-v) is 0 and v' may be inf: the
  // term is dropped there instead of computing 0 * inf.
  const auto bell = hn::IfThenZeroElse(hn::Gt(hn::Abs(v), hn::Set(d, 750.0)),
                                       hn::Mul(hn::Mul(x, s_minus_v), dv));
  const auto slope = hn::Mul(hn::Mul(s_v, hn::Add(hn::Set(d, 1.0), bell)), scale_v);
  return {hn::Mul(hn::Mul(x, s_v), scale_v), slope};
}

// ---- mish: x tanh(softplus(x)). With e = e^-|x|, tanh(softplus(x)) is rational in e:
//   x >= 0: 1 - q, q = 2e^2 / (1 + 2e + 2e^2)       (y = x - x q, no cancellation)
//   x <  0: n / (n + 2), n = e (e + 2)
// mish' = tanh(sp) + x sech^2(sp) s(x), sech^2(sp) = 1 - tanh^2(sp) without cancellation:
//   x >= 0: [(1 + 2e) D + 4 x e^2 (1 + e)] / D^2,  D = 1 + 2e + 2e^2
//   x <  0: e [(e + 2)(n + 2) + 4 x (1 + e)] / (n + 2)^2   (root at x = -1.1918)
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Mish, D d, V x, V) {
  const auto one = hn::Set(d, 1.0);
  const auto two = hn::Set(d, 2.0);
  const auto four = hn::Set(d, 4.0);
  const auto scaled_exp = ScaledExp(d, hn::Neg(hn::Abs(x)));
  const auto e = hn::Mul(scaled_exp.scaled, scaled_exp.scale);  // e^-|x|
  const auto negative = hn::Lt(x, hn::Zero(d));
  // x >= 0
  const auto two_e = hn::Add(e, e);
  const auto one_plus_2e = hn::Add(one, two_e);
  const auto den_pos = hn::MulAdd(two_e, e, one_plus_2e);  // 1 + 2e + 2e^2
  const auto two_e2 = hn::Mul(two_e, e);
  const auto q = hn::Div(two_e2, den_pos);
  const auto value_pos = hn::CopySign(hn::NegMulAdd(x, q, x), x);  // -0 - (-0) q would be +0
  // (4 e^2) x, not (4 x) e^2: e = 0 already for x where 4x would overflow.
  const auto slope_pos_num =
      hn::MulAdd(hn::Mul(hn::Mul(four, hn::Mul(e, e)), x), hn::Add(one, e),
                 hn::Mul(one_plus_2e, den_pos));
  const auto slope_pos = hn::Div(slope_pos_num, hn::Mul(den_pos, den_pos));
  // x < 0
  // x < 0, with e^x = scaled * scale and scale applied last (one rounding into subnormals).
  const auto n = hn::MulAdd(e, e, two_e);  // e (e + 2)
  const auto n_plus_2 = hn::Add(n, two);
  const auto n_scaled = hn::Mul(scaled_exp.scaled, hn::Add(e, two));
  const auto value_neg = hn::Mul(hn::Mul(x, hn::Div(n_scaled, n_plus_2)), scaled_exp.scale);
  // e = 0 below x = -746; clamping there keeps 4x finite so 0 * (...) stays 0.
  const auto x_clamped = hn::Max(x, hn::Set(d, -1024.0));
  const auto slope_neg_num = hn::Mul(
      scaled_exp.scaled, hn::MulAdd(hn::Add(e, two), n_plus_2, hn::Mul(hn::Mul(four, x_clamped), hn::Add(one, e))));
  const auto slope_neg =
      hn::Mul(hn::Div(slope_neg_num, hn::Mul(n_plus_2, n_plus_2)), scaled_exp.scale);
  return {hn::IfThenElse(negative, value_neg, value_pos),
          hn::IfThenElse(negative, slope_neg, slope_pos)};
}

// ---- softplus: max(x, 0) + log1p(e^-beta|x|) / beta: no overflow, never negative, -> +0 as
// x -> -inf. softplus' = s(beta x).
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Softplus, D d, V x, V beta) {
  const auto bx = hn::Mul(beta, x);
  const auto e = hn::Exp(d, hn::Neg(hn::Abs(bx)));
  const auto log_term = hn::Div(hn::Log1p(d, e), beta);
  const auto value = hn::Add(hn::Max(x, hn::Zero(d)), log_term);
  const auto halves = SigmoidFromExp(d, e);
  return {value, hn::IfThenElse(hn::Lt(bx, hn::Zero(d)), halves.lower, halves.upper)};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_ACTIVATIONS_INL_H_
