// The lean e^t and logistic halves of the in-range path: float lanes on targets with a fused
// multiply-add (AVX2, AVX3), for |t| within a few tens, where every intermediate is a normal
// float and nothing needs a clamp or a special-value blend. kernels/DESIGN.md says why there is
// a second path; the exactness arguments below (r1, the Newton residuals) rely on
// single-rounding MulAdd.
//
//   ExpInRange(d, t, t_lo): e^t = scale (hi + lo) for t in [-kInRangeArgMax, 0]: k = round(t /
//     ln2) by the 1.5 * 2^23 shift, whose low bits also give 2^k; r1 = t - k kLn2High exact
//     (Cody-Waite); hi = fl(1 + r1), lo = the rest of r1 + r2 + r^2 P(r) (ExpSplit's
//     polynomial by Estrin). Max Error of hi + lo: about 2^-28 relative.
//   ExpLean(d, t): the same e^t as scale (1 + em1), em1 rounded once, for the forward values
//     whose 2 ULP bound leaves room. Max Error: e^t - 1 within 0.925 ULP (elu's value).
//   ExpLeanSixteenths(d, t): the lean e^t from a table of 2^(j/16) (math/exp2_table.h) and a
//     degree-3 polynomial, t in [-87, 88]: em1 within 2^-29 relative to e^t; three multiplies
//     fewer and a chain four steps shorter than ExpLean (softplus's and mish's values).
//   RoundExp, RoundLean, RoundLeanExpm1: e^t (or e^t - 1) rounded once, with that rounding's
//     exact error.
//   LogisticInRange(d, -a), LogisticOfExp: s(a) and s(-a) for a in [0, kInRangeArgMax] from
//     ExpInRange, 1 + e^-a as an exact sum, one reciprocal refined by a Newton step.
//     Max Error: 0.764 ULP through softplus'.
//   LogisticLean(d, -a): the same halves from the lean e^-a (the forward values).

#if defined(ACT_MATH_EXP_LEAN_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_MATH_EXP_LEAN_INL_H_
#undef ACT_MATH_EXP_LEAN_INL_H_
#else
#define ACT_MATH_EXP_LEAN_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/math/exact-inl.h"
#include "kernels/math/exp-inl.h"
#include "kernels/math/exp2_table.h"
#include "kernels/math/polynomial-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// e^t stays above 2^-100 for t >= -69: 2^k, lo 2^k and every product a kernel forms with them
// down to 2^-24 of their size are normal floats, so no lane pays a subnormal microcode assist.
inline constexpr float kInRangeArgMax = 69.0f;

template <class D>
struct ExpInRangeResult {
  hn::Vec<D> scale;   // 2^k
  hn::Vec<D> hi, lo;  // e^r = hi + lo, hi = fl(1 + r1), |lo| <= 0.06
};

// The argument reduction and polynomial both forms of e^t below share: e^t = scale e^r,
// r = r1 + r2 with r1 exact, e^r = 1 + r + rr poly.
template <class D>
struct ExpReduced {
  hn::Vec<D> scale;  // 2^k
  hn::Vec<D> r1, r2, r, rr, poly;
};
// t + t_lo (|t_lo| a few ULP of t at most) in [-87.3, 0]: 2^k is then normal (k >= -126),
// though below -kInRangeArgMax the products with it need not be.
template <class D>
HWY_INLINE ExpReduced<D> ReduceExp(D d, hn::Vec<D> t, hn::Vec<D> t_lo) {
  using K = ExpSplitConstants<float>;
  const hn::RebindToSigned<D> di;
  // t / ln2 + 1.5 * 2^23 + 127 rounds to an integer whose low bits are k + 127: shifted into
  // the exponent field they are 2^k, and subtracting the shift gives k.
  const auto shift = hn::Set(d, 0x1.8p23f + 127.0f);
  const auto shifted = hn::MulAdd(t, hn::Set(d, 1.44269504088896341f), shift);
  const auto k = hn::Sub(shifted, shift);
  const auto r1 = hn::NegMulAdd(k, hn::Set(d, K::kLn2High), t);  // exact (Cody-Waite)
  const auto r2 = hn::MulAdd(k, hn::Set(d, -K::kLn2Low), t_lo);
  const auto r = hn::Add(r1, r2);
  // P(r) by Estrin's scheme: half the dependent steps of Horner's, which is what bounds the
  // loop (its chain of dependent operations, not their count, fills the scheduler).
  const auto& c = K::kPoly;
  const auto rr = hn::Mul(r, r);
  const auto c01 = hn::MulAdd(hn::Set(d, c[1]), r, hn::Set(d, c[0]));
  const auto c23 = hn::MulAdd(hn::Set(d, c[3]), r, hn::Set(d, c[2]));
  const auto c45 = hn::MulAdd(hn::Set(d, c[5]), r, hn::Set(d, c[4]));
  const auto poly = hn::MulAdd(hn::MulAdd(c45, rr, c23), rr, c01);
  return {hn::BitCast(d, hn::ShiftLeft<23>(hn::BitCast(di, shifted))), r1, r2, r, rr, poly};
}

template <class D>
HWY_INLINE ExpInRangeResult<D> ExpInRange(D d, hn::Vec<D> t, hn::Vec<D> t_lo) {
  const auto one = hn::Set(d, 1.0f);
  const auto x = ReduceExp(d, t, t_lo);
  // e^r = 1 + r1 + r2 + r^2 P(r), with 1 + r1 split exactly (Fast2Sum).
  const auto hi = hn::Add(one, x.r1);
  const auto lo = hn::MulAdd(x.rr, x.poly, hn::Add(hn::Sub(x.r1, hn::Sub(hi, one)), x.r2));
  return {x.scale, hi, lo};
}

// The lean form, for values whose bound leaves room (the forward values): e^t = scale (1 +
// em1), em1 = e^r - 1 rounded once (|em1| <= 0.42, so within 2^-26 plus the polynomial's and
// r's errors), and every result below rounded once from it by a MulAdd, 8 operations fewer
// than ExpInRange and RoundExp. Max Error: e^t - 1 within 0.925 ULP (elu's value, every float
// input, reports/accuracy.md).
template <class D>
struct ExpLeanResult {
  hn::Vec<D> scale, em1;
};
template <class D>
HWY_INLINE ExpLeanResult<D> ExpLean(D d, hn::Vec<D> t, hn::Vec<D> t_lo) {
  const auto x = ReduceExp(d, t, t_lo);
  return {x.scale, hn::MulAdd(x.rr, x.poly, x.r)};
}
template <class D>
HWY_INLINE ExpLeanResult<D> ExpLean(D d, hn::Vec<D> t) {
  return ExpLean(d, t, hn::Zero(d));
}
// The lean e^t in ExpInRange's form (hi = 1, lo = em1), for formulas written on hi + lo that
// can afford em1's error.
template <class D>
HWY_INLINE ExpInRangeResult<D> AsExpInRange(D d, const ExpLeanResult<D>& x) {
  return {x.scale, hn::Set(d, 1.0f), x.em1};
}
// e^t, rounded once.
template <class D>
HWY_INLINE hn::Vec<D> ExpOfLean(const ExpLeanResult<D>& x) {
  return hn::MulAdd(x.scale, x.em1, x.scale);
}

// The lean e^t = scale (1 + em1) again (ExpLeanResult), from a sixteen-entry table
// (kernels/math/exp2_table.h), for t in [-87, 88]: k = round(16 t / ln2) by the 1.5 * 2^23 shift,
// j = k & 15, scale = 2^(k >> 4) T[j] (exact: T[j]'s bits plus k's shifted into the exponent
// field), r = t - k ln2/16 with k kLn2SixteenthHigh exact (Cody-Waite), and em1 = e^(r +
// tau[j]) - 1 = r' + r'^2 (c2 + c3 r') on |r'| <= ln2/32 + 2^-24. Max Error: em1 within 2^-29
// relative to e^t (the fit's 2^-29.22 and r' rounded once), where ExpLean's |em1| <= 0.42
// rounds to 2^-26; scale is a float, not a power of two, so its products round.
// Against ExpLean (degree 7 on |r| <= ln2/2): three multiplies fewer and a chain four steps
// shorter, for two permutes: worth it where the chain is long (mish's and softplus's values).
template <class D>
HWY_INLINE ExpLeanResult<D> ExpLeanSixteenths(D d, hn::Vec<D> t) {
  const hn::RebindToSigned<D> di;
  const auto shift = hn::Set(d, 0x1.8p23f);
  const auto shifted = hn::MulAdd(t, hn::Set(d, kInvLn2Sixteenth), shift);
  const auto k = hn::Sub(shifted, shift);
  const auto r1 = hn::NegMulAdd(k, hn::Set(d, kLn2SixteenthHigh), t);  // exact
  // The permutes read only the low four bits; the mask keeps indices in range for Highway's
  // debug-build check and for the two-register lookup of eight-lane targets.
  const auto j = hn::And(hn::BitCast(di, shifted), hn::Set(di, 15));
  const auto r2 = hn::NegMulAdd(k, hn::Set(d, kLn2SixteenthLow), LookupSixteen(d, kExp2SixteenthsTau, j));
  const auto r = hn::Add(r1, r2);
  const auto rr = hn::Mul(r, r);
  const auto em1 = hn::MulAdd(rr, hn::MulAdd(hn::Set(d, kExpm1Sixteenth[1]), r, hn::Set(d, kExpm1Sixteenth[0])), r);
  const auto table = LookupSixteen(di, kExp2SixteenthsBits.bits, j);
  return {hn::BitCast(d, hn::Add(table, hn::ShiftLeft<19>(hn::BitCast(di, shifted)))), em1};
}

template <class D>
HWY_INLINE ExpInRangeResult<D> ExpInRange(D d, hn::Vec<D> t) {
  return ExpInRange(d, t, hn::Zero(d));  // the same cost: MulAdd(k, -kLn2Low, 0) is one FMA
}

// e^t = e + e_err: e rounded once, e_err its exact error (scale hi - e is exact: Sterbenz).
template <class D>
struct ExpValue {
  hn::Vec<D> e, e_err;
};
template <class D>
HWY_INLINE ExpValue<D> RoundExp(const ExpInRangeResult<D>& x) {
  const auto e_scaled_hi = hn::Mul(x.scale, x.hi);  // exact
  const auto e = hn::MulAdd(x.scale, x.lo, e_scaled_hi);
  return {e, hn::MulAdd(x.scale, x.lo, hn::Sub(e_scaled_hi, e))};
}
// The lean e^t rounded once and that rounding's error (not em1's own): scale - e is exact
// (Sterbenz), and the MulAdd forms the rest of scale (1 + em1) - e.
template <class D>
HWY_INLINE ExpValue<D> RoundLean(const ExpLeanResult<D>& x) {
  const auto e = ExpOfLean(x);
  return {e, hn::MulAdd(x.scale, x.em1, hn::Sub(x.scale, e))};
}
// The same for e^t - 1 = (scale - 1) + scale em1: scale - 1 is exact down to 2^-24 and rounds
// to -1 below, where it is the whole result; (scale - 1) - m is exact (Sterbenz, m between
// scale - 1 and 1.42 scale - 1, or m = em1 for scale = 1). Callers that do not use the error
// (elu) do not compute it.
template <class D>
HWY_INLINE ExpValue<D> RoundLeanExpm1(D d, const ExpLeanResult<D>& x) {
  const auto scale_m1 = hn::Sub(x.scale, hn::Set(d, 1.0f));
  const auto m = hn::MulAdd(x.scale, x.em1, scale_m1);
  return {m, hn::MulAdd(x.scale, x.em1, hn::Sub(scale_m1, m))};
}

template <class D>
struct LogisticInRangeResult {
  hn::Vec<D> upper;  // s(a), rounded
  hn::Vec<D> lower;  // s(-a), rounded
  hn::Vec<D> e;                 // e^-a, rounded
  hn::Vec<D> sum, tail;         // 1 + e^-a = sum + tail
  hn::Vec<D> q, q_lo;           // s(a) = q + q_lo, to 2^-28 (q_lo = q residual)
  ExpInRangeResult<D> exp;      // e^-a = scale (hi + lo)
};

// From e^-a = x.scale (x.hi + x.lo) already evaluated (gelu_tanh clamps its scale first).
template <class D>
HWY_INLINE LogisticInRangeResult<D> LogisticOfExp(D d, const ExpInRangeResult<D>& x) {
  const auto one = hn::Set(d, 1.0f);
  const auto [e, e_err] = RoundExp(x);
  // 1 + e^-a = sum + tail (Fast2Sum: 1 >= e).
  const auto sum = hn::Add(one, e);
  const auto tail = hn::Add(hn::Sub(e, hn::Sub(sum, one)), e_err);
  const auto [q, residual] = ReciprocalInRange(d, sum, tail);
  // s(-a) = e^-a q (1 + residual): e q exact inside the MulAdd, the small terms rounded.
  const auto lower = hn::MulAdd(e, q, hn::Mul(hn::MulAdd(e, residual, e_err), q));
  return {hn::MulAdd(q, residual, q), lower, e, sum, tail, q, hn::Mul(q, residual), x};
}
template <class D>
HWY_INLINE LogisticInRangeResult<D> LogisticInRange(D d, hn::Vec<D> minus_a) {
  return LogisticOfExp(d, ExpInRange(d, minus_a));
}

// s(a) and s(-a) for a in [0, kInRangeArgMax] from the lean e^-a (ExpLean): 1 + e^-a as an
// exact sum, one reciprocal refined by a Newton step, each half rounded once at the end.
template <class D>
struct LogisticLeanResult {
  hn::Vec<D> upper, lower;  // s(a), s(-a), rounded
  hn::Vec<D> e, e_err;      // e^-a rounded, and its rounding error (not em1's)
  hn::Vec<D> q, residual;   // s(a) = q (1 + residual) to 2^-28
};
template <class D>
HWY_INLINE LogisticLeanResult<D> LogisticLean(D d, hn::Vec<D> minus_a) {
  const auto one = hn::Set(d, 1.0f);
  const auto [e, e_err] = RoundLean(ExpLean(d, minus_a));
  const auto sum = hn::Add(one, e);
  const auto tail = hn::Sub(e, hn::Sub(sum, one));  // Fast2Sum: 1 >= e
  const auto [q, residual] = ReciprocalInRange(d, sum, tail);
  return {hn::MulAdd(q, residual, q), hn::MulAdd(e, q, hn::Mul(hn::Mul(e, q), residual)), e, e_err, q, residual};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_MATH_EXP_LEAN_INL_H_
