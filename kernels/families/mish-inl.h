// mish: x tanh(softplus(x)), rational in e^-|x| (full range) or e^x (the in-range value).
//
// mish  f(x) = x tanh(softplus(x))            f'(x) = tanh(sp) + x sech^2(sp) s(x),
//       root at -1.1924
//   Valid Range: all x; f(-inf) = f'(-inf) = -0, f(+inf) = inf, f'(+inf) = 1, f(-0) = -0.
//   Max Error: float 1.480 / 3.238 ULP (every input; 7.2e-9 absolute in [-1.3125, -1.0625]);
//   double 1.20 / 3.23 ULP. Bound: 2 / 4, 2^-24 absolute near the root.
//   Paths: full range from ExpSplit with every rounding carried; in range |x| <= 20 (float,
//   AVX2/AVX3): value n / (n + 2), n = w (w + 2), w = e^x (ExpLeanSixteenths); slope from two
//   tables of sixteen polynomials in u = e^-|x| (mish_tables.h).

#if defined(ACT_FAMILIES_MISH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_MISH_INL_H_
#undef ACT_FAMILIES_MISH_INL_H_
#else
#define ACT_FAMILIES_MISH_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"
#include "kernels/families/mish_tables.h"
#include "kernels/math/exact-inl.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/exp_lean-inl.h"
#include "kernels/math/polynomial-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- mish: x tanh(softplus(x)). With e = e^-|x| (ExpSplit), tanh(softplus(x)) is rational in e:
//   x >= 0: 1 - q, q = 2e^2 / (1 + 2e + 2e^2)       (y = x - x q, no cancellation)
//   x <  0: n / (n + 2), n = e (e + 2)
// mish' = tanh(sp) + x sech^2(sp) s(x), sech^2(sp) = 1 - tanh^2(sp) without cancellation:
//   x >= 0: [(1 + 2e) D + 4 x e^2 (1 + e)] / D^2,  D = 1 + 2e + 2e^2
//   x <  0: e B / (n + 2)^2,  B = (e + 2)(n + 2) + 4 x (1 + e) = 4 (1 + x) + 6e + 4e^2 + e^3 + 4xe
// B vanishes at the root x = -1.1924 with terms of size 2, so it is summed from exact products
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

// ---- mish: x tanh(softplus(x)). The value in w = e^x (MishValueInRange); the slope from
// u = e^-|x| = scale (1 + em1) (ExpLean) and the tables of mish_tables.h at the
// rounded u (MishTablePoint):
//   x < 0:  mish' = u (h(u) + x g(u)),   x >= 0: mish' = T(u) + x u^2 G(u),
// h, g and T in two parts. h + x g is an exact product and a rounding away from its sum, which
// cancels next to mish's root (-1.19): the low parts carry it. The tables sit at the rounded
// u, whose error moves h, g and T by at most 2^-25 u |f'| (their slopes are below 1). In range
// up to |x| = 20: u >= e^-20 > 2^-29, so u^2 and x u^2 G stay normal floats with no clamp;
// beyond (mish(x) = x to 2^-56, or |mish(x)| < 5e-8, and rare in a network) the full-range
// kernel.
// Max Error (every float input, reports/accuracy.md): value 1.480 ULP, f' 3.238 ULP (7.2e-9
// absolute next to the root).
template <>
inline constexpr bool kHasInRange<Mish> = true;
inline float InRangeMax(Mish, float) { return 20.0f; }
// Below -110 value and slope (|x| e^x < 2^-151) round to -0; above the bound the value is x
// (1 - tanh(softplus x) ~ 2 e^-2x) and the slope 1.
template <>
inline constexpr TailKinds kTails<Mish> = {Tail::kConstant, Tail::kIdentity};
inline Saturation SaturationOf(Mish, float) { return {-110.0f, 20.0f}; }

// The value alone, in w = e^x rather than e^-|x|: tanh(softplus(x)) = n / (n + 2), n = w (w +
// 2), for either sign, so one chain and no choice between two quotients. With |x| <= 20 the
// chain needs no clamp (a clamp at 20 for a bound of 69 cost 4%). w = e^x is rounded once
// (ExpLeanSixteenths); from there every rounding is carried: w + 2 is split exactly (wp2 - 2
// and w - (wp2 - 2) are exact while w < 2^24; beyond, its error is damped by 2 / (n + 2) <
// 2^-47); n = w wp2 keeps its FMA error, and den = fl(n + 2) carries n's low part plus its own
// rounding error n - (den - 2) (den - 2 is exact below 2^25, x < 8.66; above, den_lo may be
// off by 2, 2^-24 of den, where n / (n + 2) is within 2^-24 of 1). den as an addition rather
// than an FMA moves two operations off the multiply ports (3%).
// So the result sees w's rounding, which passes into mish whole as x -> -inf, and its own
// last rounding: value within 1.5 ULP (every float input, reports/accuracy.md). Carrying w's
// rounding error too would give 1.08 ULP at 12% of the forward pass's speed.
template <class D, class V>
HWY_INLINE V MishValueInRange(D d, V x) {
  const auto two = hn::Set(d, 2.0f);
  const auto w = ExpOfLean(ExpLeanSixteenths(d, x));
  const auto wp2 = hn::Add(w, two);
  const auto wp2_lo = hn::Sub(w, hn::Sub(wp2, two));
  const auto n = hn::Mul(w, wp2);
  const auto n_lo = hn::MulAdd(w, wp2_lo, hn::MulSub(w, wp2, n));
  const auto den = hn::Add(n, two);
  const auto den_lo = hn::Add(hn::Sub(n, hn::Sub(den, two)), n_lo);
  // n / (den + den_lo) = (n + n_lo - t den_lo) / den to first order: den_lo joins after the
  // reciprocal instead of in its residual, where it held up the whole chain (mish 1.4x slower).
  const auto q = ReciprocalSeed(d, den);
  const auto residual = hn::NegMulAdd(q, den, hn::Set(d, 1.0f));
  const auto t = hn::Mul(n, q);
  // x (t + t_lo), t_lo = t residual + q (n_lo - t den_lo) + (n q - t), with x applied to each
  // small term before the residual arrives, so only two steps wait for it.
  const auto others = hn::MulAdd(hn::Mul(x, q), hn::NegMulAdd(t, den_lo, n_lo),
                                 hn::Mul(x, hn::MulSub(n, q, t)));
  return WithSignOf(d, x, hn::MulAdd(x, t, hn::MulAdd(hn::Mul(x, t), residual, others)));
}

// Interval i = floor(8u) (at most 7) for x < 0 and 8 + that for x >= 0.
template <class D, class V, class M>
HWY_INLINE TablePoint<D> MishTablePoint(D d, V u, M positive) {
  const hn::RebindToSigned<D> di;
  const auto below_eight = FloorNonNegative(d, hn::Min(hn::Mul(u, hn::Set(d, 8.0f)), hn::Set(d, 7.0f)));
  const auto eight_if_positive =
      hn::And(hn::BitCast(di, hn::VecFromMask(d, positive)), hn::Set(di, 8));
  const auto i = hn::Or(below_eight, eight_if_positive);
  return {i, hn::Sub(u, LookupSixteen(d, kMishTableCenters, i))};
}

template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Mish, D d, V x, V) {
  const auto ex = ExpLean(d, MinusAbs(d, x));
  const auto u = ExpOfLean(ex);
  const auto positive = hn::Ge(x, hn::Zero(d));
  const auto at = MishTablePoint(d, u, positive);
  const auto v = EvaluateTable(d, kMishTanhTable, at);  // h or T
  const auto g = EvaluateTable(d, kMishSlopeTable, at);  // g or G
  // x < 0: scale (1 + em1) B, B = h + x g = b + b_lo.
  const auto b = hn::MulAdd(x, g.hi, v.hi);
  const auto b_lo = hn::MulAdd(x, g.lo, v.lo);
  const auto big_b = hn::Add(b, b_lo);
  const auto slope_neg = hn::Mul(ex.scale, hn::MulAdd(ex.em1, big_b, big_b));
  // x >= 0: T + (T_lo + x u^2 G).
  const auto slope_pos = hn::Add(v.hi, hn::MulAdd(hn::Mul(x, hn::Mul(u, u)), g.hi, v.lo));
  return {MishValueInRange(d, x), hn::IfThenElse(positive, slope_pos, slope_neg)};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_MISH_INL_H_
