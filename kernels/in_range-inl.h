// The in-range fast path of the float kernels: lean formulas for vectors whose every lane has
// |x| <= InRangeMax(tag, param), where every intermediate is a normal float and nothing needs
// clamping or a special-value fix-up. The loops (loops-inl.h) test each vector once and send
// any vector with a lane outside that range (or a NaN) to the full-range Evaluate
// (activations-inl.h); both paths meet the same bounds and the sweeps measure both (README).
//
// Why a second path: the full-range kernels carry e^x in two parts with two scale factors (for
// subnormal results), clamp their arguments and blend in the limits at +-inf, about 60 vector
// operations for sigmoid. Activations in a network live in a few tens around 0, where e^x needs
// one power of two: about 35 operations.
//
// Only for float lanes on targets with a fused multiply-add (HWY_NATIVE_FMA: AVX2, AVX3): the
// exactness arguments below (r1, the Newton residuals) rely on single-rounding MulAdd.
//
//   ExpInRange(d, t): e^t = scale (hi + lo) for t in [-kInRangeArgMax, 0].
//   Method: k = round(t / ln2) by the 1.5 * 2^23 shift, whose low bits also give 2^k; r =
//     r1 + r2, r1 = t - k kLn2High exact (Cody-Waite); e^r = hi + lo, hi = fl(1 + r1) and lo
//     = the rest of r1 + r2 + r^2 P(r) (ExpSplit's polynomial), as ExpSplit without its clamp
//     and second scale factor. Max Error of hi + lo: about 2^-28 relative.
//
//   LogisticInRange(d, -a): for a in [0, kInRangeArgMax], s(a) = 1 / (1 + e^-a) and s(-a).
//   Method: e = fl(scale (hi + lo)) and its exact error, 1 + e as an unevaluated sum, then one
//     reciprocal (rcp14 on AVX3, division on AVX2) refined by a Newton step whose residual
//     takes both parts (ReciprocalInRange). Max Error: 0.764 ULP through softplus' (every float
//     input, reports/accuracy.md).
//
//   ExpLeanSixteenths(d, t): the lean e^t from a table of 2^(j/16) and a degree-3 polynomial,
//     for the values of softplus and mish.
//
//   ExpLean(d, t), LogisticLean(d, -a): the same e^t without hi + lo (e^t = scale (1 + em1),
//     em1 rounded once), for the forward values, whose 2 ULP bound leaves room: sigmoid, tanh,
//     elu, silu, softplus and gelu_tanh take their value from these and their slope from the
//     forms above, so Forward runs the short chain and Backward the accurate one (and
//     ForwardAndDerivative both, sharing the reduction). Each keeps the compensations that
//     the exhaustive sweep showed it needs, e.g. e^-a's rounding error for s(-a) (README).
//
//   EvaluateTable(d, table, point): piecewise polynomials on sixteen intervals, one permute
//   per coefficient: gelu_erf's in a = |x| (GeluErfTablePoint), mish's slope in u = e^-|x|
//   (MishTablePoint).
//
// The loops here are bound by latency (the chain of dependent operations) more than by their
// count: measured on an AMD EPYC (AVX-512), Horner instead of Estrin for gelu_erf's polynomial
// cost 4-12%, a division seeding the Newton steps instead of rcp14 cost 2-10%, and the lean
// values run 20-50% faster eight vectors at a time than four (kInRangeSteps*); a compensation
// that lengthens the chain near its end costs far more than its operation count (e^-a's
// rounding error folded into 1 + e^-a slowed sigmoid by 20%). Where the operations are many,
// their count matters too: gelu_erf's division and degree-11 polynomial gave way to per-lane
// table lookups (1.4x forward, 2.2x backward), and so did mish's two quotients for its slope
// (1.5x); mish's value from such tables ran 20% slower than its w = e^x form, which stays.

#if defined(ACT_IN_RANGE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_IN_RANGE_INL_H_
#undef ACT_IN_RANGE_INL_H_
#else
#define ACT_IN_RANGE_INL_H_
#endif

#include <algorithm>
#include <cstddef>

#include "hwy/highway.h"
#include "kernels/activations-inl.h"
#include "kernels/detail.h"
#include "kernels/erf-inl.h"
#include "kernels/exp2_table.h"
#include "kernels/exp_split-inl.h"
#include "kernels/mish_tables.h"
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Whether this target compiles the in-range path for lanes of C.
template <typename C>
inline constexpr bool kHasInRangePath = HWY_NATIVE_FMA && std::is_same_v<C, float>;

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

// ---- The lean e^t from a sixteen-entry table.
// table[i] in each lane: one permute across sixteen float lanes, two and a blend across eight.
template <class D, typename T>
HWY_INLINE hn::Vec<D> LookupSixteen(D d, const T (&table)[16],
                                    hn::Vec<hn::RebindToSigned<D>> i) {
  if constexpr (hn::MaxLanes(D()) >= 16) {
    return hn::TableLookupLanes(hn::Load(d, table), hn::IndicesFromVec(d, i));
  } else {
    const hn::RebindToSigned<D> di;
    const auto below_eight = hn::IndicesFromVec(d, hn::And(i, hn::Set(di, 7)));
    const auto lower = hn::TableLookupLanes(hn::Load(d, table), below_eight);
    const auto upper = hn::TableLookupLanes(hn::Load(d, table + 8), below_eight);
    return hn::IfThenElse(hn::RebindMask(d, hn::Gt(i, hn::Set(di, 7))), upper, lower);
  }
}

// The lean e^t = scale (1 + em1) again (ExpLeanResult), from a sixteen-entry table
// (kernels/exp2_table.h), for t in [-87, 88]: k = round(16 t / ln2) by the 1.5 * 2^23 shift,
// j = k & 15, scale = 2^(k >> 4) T[j] (exact: T[j]'s bits plus k's shifted into the exponent
// field), r = t - k ln2/16 with k kLn2SixteenthHigh exact (Cody-Waite), and em1 = e^(r +
// tau[j]) - 1 = r' + r'^2 (c2 + c3 r') on |r'| <= ln2/32 + 2^-24. Max Error: em1 within 2^-29
// relative to e^t (the fit's 2^-29.22 and r' rounded once), where ExpLean's |em1| <= 0.42
// rounds to 2^-26; scale is a float, not a power of two, so its products round.
// Against ExpLean (degree 7 on |r| <= ln2/2): three multiplies fewer and a chain four steps
// shorter, for two permutes. mish's forward value, whose chain is the longest of the lean
// values, runs 8% faster with it, and softplus's 3.5% faster (and within 1.186 ULP, from
// 1.317); the other lean values were not retried.
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

// How many vectors the loops evaluate side by side (loops-inl.h) for the value, the slope and
// both: eight on AVX3 (32 registers), fewer for gelu_erf and for the fused mish, and two on
// AVX2 (16 registers). Measured with bench_activations on an AMD EPYC: the loops wait on
// their chains of dependent operations, and more independent chains fill those waits even
// where registers spill (eight against four: sigmoid' +19%, softplus' +50%, gelu_tanh'
// +70% with its lean e^v); gelu_erf, the longest chain with the most live values, runs best
// with four, and gelu_erf and mish fused with two.
template <class Tag>
inline constexpr size_t kInRangeStepsValue = 8;
template <class Tag>
inline constexpr size_t kInRangeStepsSlope = 8;
template <class Tag>
inline constexpr size_t kInRangeStepsBoth = 8;
template <>
inline constexpr size_t kInRangeStepsValue<GeluErf> = 4;
template <>
inline constexpr size_t kInRangeStepsSlope<GeluErf> = 4;
template <>
inline constexpr size_t kInRangeStepsBoth<GeluErf> = 2;
template <>
inline constexpr size_t kInRangeStepsBoth<Mish> = 2;
template <class Tag, Op kOp>
constexpr size_t InRangeSteps() {
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL || HWY_TARGET == HWY_AVX3_ZEN4
  if constexpr (kOp == Op::kForward) return kInRangeStepsValue<Tag>;
  if constexpr (kOp == Op::kForwardAndDerivative) return kInRangeStepsBoth<Tag>;
  return kInRangeStepsSlope<Tag>;
#else
  return 2;
#endif
}

// Which activations have an in-range path, and up to which |x| it is valid for a parameter.
template <class Tag>
inline constexpr bool kHasInRange = false;
template <class Tag>
float InRangeMax(Tag, float) {
  return 0.0f;
}

// ---- sigmoid: s(x) = x < 0 ? s(-|x|) : s(|x|), s' = s(|x|) s(-|x|).
template <>
inline constexpr bool kHasInRange<Sigmoid> = true;
inline float InRangeMax(Sigmoid, float) { return kInRangeArgMax; }
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Sigmoid, D d, V x, V) {
  const auto minus_a = MinusAbs(d, x);
  const auto v = LogisticLean(d, minus_a);
  const auto h = LogisticInRange(d, minus_a);
  return {hn::IfThenElse(hn::Lt(x, hn::Zero(d)), v.lower, v.upper), hn::Mul(h.upper, h.lower)};
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

// ---- silu: x s(x); silu' = s(x) (1 + x s(-x)). For x < 0, x s(-x) = g_hi + g_lo with
// 1 + g_hi exact next to the root (-1.2785), as in the full-range kernel.
template <>
inline constexpr bool kHasInRange<Silu> = true;
inline float InRangeMax(Silu, float) { return kInRangeArgMax; }
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

// ---- elu: x > 0 ? x : alpha expm1(x); elu' = x > 0 ? 1 : alpha e^x (alpha 2^k exact).
template <>
inline constexpr bool kHasInRange<Elu> = true;
inline float InRangeMax(Elu, float) { return kInRangeArgMax; }
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

// ---- selu: lambda elu_alpha(x), the constants in two parts (SeluConstants).
template <>
inline constexpr bool kHasInRange<Selu> = true;
inline float InRangeMax(Selu, float) { return kInRangeArgMax; }
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

// ---- softplus: max(x, 0) + log1p(e^-|beta x|) / beta, softplus' = s(beta x), as the
// full-range kernel (LogOfSum) on LogisticInRange; log1p(e) = e once 1 + e rounds to 1. The
// value's e^-|beta x| from ExpLeanSixteenths. Max Error (every float input,
// reports/accuracy.md): value 1.186 ULP, f' 0.764 ULP.
template <>
inline constexpr bool kHasInRange<Softplus> = true;
inline float InRangeMax(Softplus, float beta) { return 64.0f / beta; }  // |beta x| <= 69 after rounding
template <class D, class V>
HWY_INLINE ValueAndSlope<D> EvaluateInRange(Softplus, D d, V x, V beta) {
  const auto one = hn::Set(d, 1.0f);
  const auto bx = hn::Mul(beta, x);
  const auto bx_low = hn::MulSub(beta, x, bx);
  const auto negative = hn::Lt(bx, hn::Zero(d));
  const auto minus_abx = MinusAbs(d, bx);
  // The value from the lean e^-|bx| and its rounding error. -|beta x| to first order: its
  // rounding error shifts e^-|bx| by the factor 1 -+ bx_low.
  const auto correction = hn::IfThenElse(negative, bx_low, hn::Neg(bx_low));
  const auto [e, e_err] = RoundLean(ExpLeanSixteenths(d, minus_abx));
  const auto sum = hn::Add(one, e);
  const auto tail = hn::MulAdd(e, correction, hn::Add(hn::Sub(e, hn::Sub(sum, one)), e_err));
  const auto [q, residual] = ReciprocalInRange(d, sum, tail);
  const auto log1p_e = hn::IfThenElse(hn::Eq(sum, one), hn::MulAdd(e, correction, e),
                                      LogOfSum(d, sum, tail, hn::MulAdd(q, residual, q)));
  const auto value = hn::MulAdd(log1p_e, hn::Div(one, beta), hn::Max(x, hn::Zero(d)));
  // The slope from LogisticInRange: s(bx + bx_low) = s(bx) + s(bx) s(-bx) bx_low.
  const auto h = LogisticInRange(d, minus_abx);
  const auto slope = hn::MulAdd(hn::Mul(h.upper, h.lower), bx_low,
                                hn::IfThenElse(negative, h.lower, h.upper));
  return {value, slope};
}

// ---- Per-lane tables: piecewise polynomials on sixteen intervals (gelu_erf, mish), looked up
// with LookupSixteen.
// A lane's interval i in a sixteen-entry table and its argument delta = a - center(i).
template <class D>
struct TablePoint {
  hn::Vec<hn::RebindToSigned<D>> i;
  hn::Vec<D> delta;
};

// sum_k c[k][i] delta^k = hi + lo for a table of rows c0 .. cn: c1 .. cn as pairs c[2j+1] +
// c[2j+2] delta by Horner in delta^2 (latency, not count, bounds these loops), then c0 +
// delta r in two parts (|delta r| <= 0.21 |c0| in every table: Sterbenz). c0 is exact to 2^-7
// ULP at the tables' accurate centers, which spares a permute and an add per table (gelu_erf'
// and mish' 10% faster than with a low part of c0).
template <class D>
struct TwoPart {
  hn::Vec<D> hi, lo;
};
template <class D, size_t kRows>
HWY_INLINE TwoPart<D> EvaluateTable(D d, const float (&c)[kRows][16], const TablePoint<D>& at) {
  constexpr size_t kDegree = kRows - 1;
  const auto delta = at.delta;
  const auto dd = hn::Mul(delta, delta);
  auto pair = [&](size_t k) {  // c[k] + c[k + 1] delta, or c[k] alone at the top
    return k + 1 <= kDegree
               ? hn::MulAdd(LookupSixteen(d, c[k + 1], at.i), delta, LookupSixteen(d, c[k], at.i))
               : LookupSixteen(d, c[k], at.i);
  };
  size_t k = (kDegree - 1) / 2 * 2 + 1;
  auto r = pair(k);
  while (k > 1) {
    k -= 2;
    r = hn::MulAdd(r, dd, pair(k));
  }
  const auto c0 = LookupSixteen(d, c[0], at.i);
  const auto hi = hn::MulAdd(delta, r, c0);
  return {hi, hn::MulAdd(delta, r, hn::Sub(c0, hi))};
}

// floor(s) for 0 <= s < 2^31 in one conversion: cvttps2dq truncates toward zero, which is the
// floor for s >= 0. Highway's ConvertTo adds an overflow fix-up these callers never need.
template <class D>
HWY_INLINE hn::Vec<hn::RebindToSigned<D>> FloorNonNegative(D d, hn::Vec<D> s) {
  const hn::RebindToSigned<D> di;
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
  if constexpr (hn::MaxLanes(D()) == 16) return hn::VFromD<decltype(di)>{_mm512_cvttps_epi32(s.raw)};
#endif
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX2
  if constexpr (hn::MaxLanes(D()) == 8) return hn::VFromD<decltype(di)>{_mm256_cvttps_epi32(s.raw)};
#endif
  (void)d;
  return hn::ConvertTo(di, s);
}

// ---- mish: x tanh(softplus(x)). The value in w = e^x (MishValueInRange); the slope from
// u = e^-|x| = scale (1 + em1) (ExpLean) and the tables of kernels/mish_tables.h at the
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
// rounding error too gave 1.08 ULP and ran 12% slower, and that 12% is what puts mish's
// forward pass ahead of oneDNN's (bench/).
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
  // small term before the residual arrives, so only two steps wait for it. (The same sum as
  // t + q (n - t den + n_lo - t den_lo), which has three multiplies fewer but measured 3%
  // faster in one hour and 15% slower in another: README, Performance.)
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

// gelu_erf's piecewise tables (erf-inl.h kNormalTable, kGeluSlopeTable) at a in [0, 12):
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

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_IN_RANGE_INL_H_
