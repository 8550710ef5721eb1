// Per-target array loops: every public operation is one Apply<kOp, Tag, T> over the arrays.
// Each block of lanes is loaded, promoted to the compute type (double lanes for the float
// kernels that are not kInOwnLanes), evaluated, fixed up for special values, demoted and stored;
// lanes within InRangeMax take EvaluateInRange (families/*-inl.h), always in lanes of the
// element type, with no fix-ups, lanes in a saturated tail (SaturationOf) take the lean path
// and then their tail's results, and the path is chosen per lane (DESIGN.md, "Two paths").
// The tail is copied through a small buffer, so any length and alignment works, and because a
// block is fully loaded before it is stored, an output may be exactly its input (in-place).

#if defined(ACT_LOOPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_LOOPS_INL_H_
#undef ACT_LOOPS_INL_H_
#else
#define ACT_LOOPS_INL_H_
#endif

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/detail.h"
#include "kernels/families/exponential-inl.h"
#include "kernels/families/from_output-inl.h"
#include "kernels/families/gelu-inl.h"
#include "kernels/families/interface-inl.h"
#include "kernels/families/logistic-inl.h"
#include "kernels/families/mish-inl.h"
#include "kernels/families/piecewise_linear-inl.h"
#include "kernels/families/softplus-inl.h"
#include "kernels/storage-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// How far ahead of a step the in-range loops prefetch their inputs and their output. On an
// Intel Xeon (AVX-512) at 16Mi, prefetching x 1 KiB ahead made sigmoid forward 1.32x faster
// (1.30 -> 1.72 Gelem/s; 4 KiB and 8 KiB 1-6% less than 1 KiB). On an AMD EPYC (AVX-512), the
// output's lines prefetched too, and 2 KiB ahead, against x and dy alone 1 KiB ahead, at 16Mi
// (best of four rounds, uniform inputs): forward sigmoid, silu 1.3x, elu 1.2x, tanh,
// softplus 1.1x; backward elu 1.4x, softplus, sigmoid, silu 1.2-1.3x, tanh 1.03x; AVX2 and
// outliers_256 1.0-1.1x; 16Ki within 3%. A store to a line not in the cache waits for the
// line to be read first, and those waits, not the loads, held these loops back.
inline constexpr size_t kPrefetchBytes = 2048;
// Except for selu and mish, whose loops the output's prefetches made slower at 16Mi, in two
// builds (selu forward 0.84-0.94x, backward 0.78-0.92x, mish forward 0.81-0.88x), where
// without them they already run at 0.85-0.9x their in-cache speed.
template <class Tag>
inline constexpr bool kPrefetchOutput = !std::is_same_v<Tag, Selu> && !std::is_same_v<Tag, Mish>;

// Whether this target compiles the in-range path for lanes of C.
template <typename C>
inline constexpr bool kHasInRangePath = HWY_NATIVE_FMA && std::is_same_v<C, float>;

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

// Lanes in which Tag is evaluated on arrays of T (see kInOwnLanes).
template <class Tag, typename T>
using ComputeType = std::conditional_t<kInOwnLanes<Tag>, T, double>;

template <class DC, class DT, class V>
HWY_INLINE hn::Vec<DC> ToCompute(DC dc, DT, V v) {
  if constexpr (std::is_same_v<hn::TFromD<DC>, hn::TFromD<DT>>) {
    return v;
  } else {
    return hn::PromoteTo(dc, v);
  }
}
template <class DT, class V>
HWY_INLINE hn::Vec<DT> ToElement(DT dt, V v) {
  if constexpr (std::is_same_v<hn::TFromD<DT>, hn::TFromV<V>>) {
    return v;
  } else {
#if HWY_TARGET == HWY_SCALAR || HWY_TARGET == HWY_EMU128
    // These targets' DemoteTo saturates +-inf and overflow to +-FLT_MAX; IEEE rounds to +-inf
    // from FLT_MAX + half a spacing (0x1.ffffffp+127) on.
    const hn::DFromV<V> dc;
    const auto overflow = hn::Ge(hn::Abs(v), hn::Set(dc, 0x1.ffffffp+127));
    const auto flag = hn::DemoteTo(dt, hn::IfThenElseZero(overflow, hn::Set(dc, 1.0)));
    const auto r = hn::DemoteTo(dt, v);
    const auto inf = hn::CopySign(hn::Set(dt, HUGE_VALF), r);
    return hn::IfThenElse(hn::Eq(flag, hn::Set(dt, 1.0f)), inf, r);
#else
    return hn::DemoteTo(dt, v);  // IEEE conversion: rounds, keeps infinities and subnormals
#endif
  }
}

// Whether a loop applies the special-value fix-ups after the finite-x formulas (kNone where
// the formulas are known to get NaN and +-inf right themselves, see FixupFor).
// kNaN: the formulas reach the limits at +-inf by themselves, NaN alone needs its blend.
enum class Fixup { kNone, kNaN, kNaNAndInfinities };

// The contract for NaN and +-inf inputs (registry.h Limits): NaN in, NaN out; the limits at
// +-inf.
template <Fixup kFix, class D, class V>
HWY_INLINE V ApplyLimits(D d, V x, V v, double at_neg_inf, double at_pos_inf) {
  using T = hn::TFromD<D>;
  if constexpr (kFix == Fixup::kNaNAndInfinities) {
    const auto inf = hn::Set(d, static_cast<T>(kInf));
    v = hn::IfThenElse(hn::Eq(x, hn::Neg(inf)), hn::Set(d, static_cast<T>(at_neg_inf)), v);
    v = hn::IfThenElse(hn::Eq(x, inf), hn::Set(d, static_cast<T>(at_pos_inf)), v);
  }
  if constexpr (kFix != Fixup::kNone) v = hn::IfThenElse(hn::IsNaN(x), x, v);
  return v;
}

// The fix-ups operation kOp needs for Tag with this parameter, found by running the formulas
// once on NaN, -inf and +inf: leaky_relu's value, for one, propagates NaN and reaches its limits
// by itself unless its slope is 0 (-inf * 0 is NaN), while its derivative maps NaN to the
// slope (and needs only the NaN blend: relu backward on SSE4 at 16Ki on an AMD EPYC ran at
// 3.3 Gelem/s with all three blends, 6.6 with the NaN blend alone). Probed once per call, so the
// loops of the piecewise-linear kernels (a handful of instructions per vector) drop up to
// three compares and blends per output.
// Whether a has the bits of b rounded to C (a registry limit): -0 is not +0, NaN is what it is.
template <typename C>
bool SameBits(C a, double b) {
  const C expected = static_cast<C>(b);
  return std::memcmp(&a, &expected, sizeof(C)) == 0;
}

template <Op kOp, class Tag, typename T>
Fixup FixupFor(T param_t) {
  using C = ComputeType<Tag, T>;
  const hn::ScalableTag<C> dc;
  const auto p = hn::Set(dc, static_cast<C>(param_t));
  const Limits limits = Tag::GetLimits(param_t);
  const bool value = kOp == Op::kForward || kOp == Op::kForwardAndDerivative;
  const bool slope = kOp != Op::kForward;
  for (const bool negative : {true, false}) {
    const auto r = Evaluate<T>(Tag{}, dc, hn::Set(dc, static_cast<C>(negative ? -kInf : kInf)), p);
    if ((value && !SameBits(hn::GetLane(r.value), negative ? limits.value_at_neg_inf : limits.value_at_pos_inf)) ||
        (slope && !SameBits(hn::GetLane(r.slope), negative ? limits.slope_at_neg_inf : limits.slope_at_pos_inf))) {
      return Fixup::kNaNAndInfinities;
    }
  }
  const auto nan = Evaluate<T>(Tag{}, dc, hn::Set(dc, std::numeric_limits<C>::quiet_NaN()), p);
  if ((value && !std::isnan(hn::GetLane(nan.value))) || (slope && !std::isnan(hn::GetLane(nan.slope)))) {
    return Fixup::kNaN;
  }
  return Fixup::kNone;
}

// Whether every output of kOp for Tag is a value of any storage type that holds x (and dy):
// x or 0, dy or 0, or a slope of 0, 1 or the parameter, which the API rounds to the storage
// type. Such outputs are stored without rounding (StoreStoredExact).
template <class Tag>
inline constexpr bool kSlopesAreStorageValues = Tag::kPiecewiseLinear;
template <class Tag>  // the wrapper runs through the loops as piecewise linear, whatever Tag is
inline constexpr bool kSlopesAreStorageValues<FromOutput<Tag>> = Tag::kPiecewiseLinear;
template <Op kOp, class Tag>
inline constexpr bool kStoresStorageValues =
    std::is_same_v<Tag, Identity> || std::is_same_v<Tag, Relu> || (kSlopesAreStorageValues<Tag> && kOp == Op::kDerivative);

// T is the element type the kernel computes in, S the arrays' storage type: T itself, or a
// 16-bit type (storage-inl.h) for T = float.
template <Op kOp, class Tag, typename T, Fixup kFix, typename S = T>
HWY_NOINLINE void ApplyLoop(const S* x, const S* dy, S* out, S* out2, size_t n, double param);

template <Op kOp, class Tag, typename T, typename S = T>
HWY_INLINE void Apply(const S* x, const S* dy, S* out, S* out2, size_t n, double param) {
  if constexpr (Tag::kPiecewiseLinear) {
    switch (FixupFor<kOp, Tag, T>(static_cast<T>(param))) {
      case Fixup::kNone:
        return ApplyLoop<kOp, Tag, T, Fixup::kNone, S>(x, dy, out, out2, n, param);
      case Fixup::kNaN:
        return ApplyLoop<kOp, Tag, T, Fixup::kNaN, S>(x, dy, out, out2, n, param);
      case Fixup::kNaNAndInfinities:
        break;
    }
  }
  ApplyLoop<kOp, Tag, T, Fixup::kNaNAndInfinities, S>(x, dy, out, out2, n, param);
}

// The union of masks.
template <class M, class... Ms>
HWY_INLINE M OrMasks(M m, Ms... ms) {
  if constexpr (sizeof...(ms) == 0) {
    return m;
  } else {
    return hn::Or(m, OrMasks(ms...));
  }
}

// Lanes of the in-range loops that are outside the bound, waiting for the full-range path:
// their x, dy and position (an offset from `base`), appended a whole compressed vector at a
// time, so room for three vectors (fewer than one waiting, at most one added per step, and the
// unused tail of the last store).
template <typename T>
inline constexpr size_t kMaxQueued = HWY_MAX_BYTES / sizeof(T);
template <typename T>
struct OutOfRangeQueue {
  static constexpr size_t kCapacity = 3 * kMaxQueued<T>;
  HWY_ALIGN T x[kCapacity];
  HWY_ALIGN T dy[kCapacity];
  HWY_ALIGN uint32_t offset[kCapacity];
  size_t base = 0;
  size_t size = 0;

  void Drop(size_t count) {  // the first count, once stored
    size -= count;
    std::copy_n(offset + count, size, offset);
    std::copy_n(x + count, size, x);
    std::copy_n(dy + count, size, dy);
  }
};

template <Op kOp, class Tag, typename T, Fixup kFix, typename S>
HWY_NOINLINE void ApplyLoop(const S* x, const S* dy, S* out, S* out2, size_t n, double param) {
  using C = ComputeType<Tag, T>;
  const hn::ScalableTag<C> dc;
  const hn::Rebind<T, decltype(dc)> dt;
  const T param_t = static_cast<T>(param);  // parameters are rounded to T (registry.h)
  const auto p = hn::Set(dc, static_cast<C>(param_t));
  const Limits limits = Tag::GetLimits(param_t);

  // Every helper below captures by value and takes the position as an argument: the out-of-line
  // ones (NOINLINE) would otherwise take the addresses of the loop's variables (i, x, out, the
  // in-range constants), and GCC then reloads them after every vector store in the hot loop
  // (softplus forward at 16Ki: -25%). The rare paths' helpers (vector_with_outliers, drain,
  // the steps) take the other helpers, never the loop's variables, by reference: a
  // closure holds copies of the closures it captures, made on every call, and by value those
  // copies cost up to 7% at 16Ki.
  //
  // Stores what kOp wants of r (lanes of dcomp, stored as lanes of delem), with the fix-ups of
  // kF for NaN and +-inf lanes of xv. In a 16-bit type, Backward is dy times the derivative
  // rounded to S, rounded once more: the product of two 16-bit values is exact in float.
  const auto store_to = [=](auto delem, auto v, S* to) HWY_ATTR __attribute__((always_inline)) {
    if constexpr (kStoresStorageValues<kOp, Tag>) {
      StoreStoredExact(v, delem, to);
    } else {
      StoreStored(v, delem, to);
    }
  };
  const auto store = [=]<Fixup kF>(auto dcomp, auto delem, auto xv, const auto& r, const S* dys,
                                   S* o, S* o2) HWY_ATTR __attribute__((always_inline)) {
    if constexpr (kOp == Op::kForward || kOp == Op::kForwardAndDerivative) {
      const auto y = ApplyLimits<kF>(dcomp, xv, r.value, limits.value_at_neg_inf, limits.value_at_pos_inf);
      store_to(delem, ToElement(delem, y), o);
    }
    if constexpr (kOp != Op::kForward) {
      const auto slope = ToElement(
          delem, ApplyLimits<kF>(dcomp, xv, r.slope, limits.slope_at_neg_inf, limits.slope_at_pos_inf));
      if constexpr (kOp == Op::kDerivative) store_to(delem, slope, o);
      if constexpr (kOp == Op::kBackward) {
        // A piecewise-linear slope is 0, 1 or the parameter, which is rounded to S already.
        const auto slope_s = kSlopesAreStorageValues<Tag> ? slope : RoundedTo<S>(delem, slope);
        store_to(delem, hn::Mul(LoadStored(delem, dys), slope_s), o);
      }
      if constexpr (kOp == Op::kForwardAndDerivative) store_to(delem, slope, o2);
    }
  };
  // The full-range kernel on the lanes of dc starting at xs.
  const auto full = [=](const S* xs, const S* dys, S* o, S* o2) HWY_ATTR {
    const auto xv = ToCompute(dc, dt, LoadStored(dt, xs));
    store.template operator()<kFix>(dc, dt, xv, Evaluate<T>(Tag{}, dc, xv, p), dys, o, o2);
  };
  // The same, out of line: where there is an in-range path, the full one is the rare case, and
  // keeping it out of the loop lets GCC inline the block (the forced inline below) with the
  // in-range constants in registers; it would otherwise call the block, reloading them per vector.
  const auto full_out_of_line = [=](const S* xs, const S* dys, S* o, S* o2) HWY_ATTR HWY_NOINLINE {
    full(xs, dys, o, o2);
  };
  // Vectors whose lanes are all within the in-range bound take the lean path (EvaluateInRange),
  // always in lanes of T: for a kernel computed in double lanes (not kInOwnLanes), a block is
  // one vector of T, which falls back to two double vectors. NaN lanes compare false and go the
  // full way.
  constexpr bool kInRange = kHasInRange<Tag> && kHasInRangePath<T>;
  constexpr bool kPromoted = !std::is_same_v<C, T>;
  const hn::ScalableTag<T> df;
  const auto pf = hn::Set(df, param_t);
  const size_t lanes = kInRange ? hn::Lanes(df) : hn::Lanes(dc);
  const auto in_range_max = hn::Set(df, static_cast<T>(InRangeMax(Tag{}, static_cast<float>(param_t))));
  const auto in_range = [=](auto xv) HWY_ATTR __attribute__((always_inline)) { return hn::Le(hn::Abs(xv), in_range_max); };
  // The full-range kernel on one vector of T (two of double where the kernel is promoted).
  const auto full_vector = [=](const S* xs, const S* dys, S* o, S* o2) HWY_ATTR {
    full_out_of_line(xs, dys, o, o2);
    if constexpr (kPromoted) {
      const size_t half = hn::Lanes(dc);
      full_out_of_line(xs + half, dys ? dys + half : nullptr, o + half, o2 ? o2 + half : nullptr);
    }
  };
  // Beyond the bound, lanes in a saturated tail (kTails, SaturationOf) need no full-range path:
  // kConstant and kIdentity lanes run the lean path with x = 0 and are then set to their tail's
  // results (lean_patched), kLean lanes keep their x. The tails' results are the full-range
  // kernel's at the thresholds, evaluated once per call, when a call first meets a lane outside
  // the bound. The kinds are compile-time constants, so a kernel blends only what it has.
  constexpr TailKinds kKinds = kTails<Tag>;
  const auto fixed = [](Tail kind) { return kInRange && (kind == Tail::kConstant || kind == Tail::kIdentity); };
  constexpr bool kFixedBelow = fixed(kKinds.below), kFixedAbove = fixed(kKinds.above);
  constexpr bool kLeanBelow = kInRange && kKinds.below == Tail::kLean;
  constexpr bool kLeanAbove = kInRange && kKinds.above == Tail::kLean;
  const Saturation saturation = SaturationOf(Tag{}, static_cast<float>(param_t));
  const float bound = static_cast<float>(InRangeMax(Tag{}, static_cast<float>(param_t)));
  // Scalars, not vectors, for the same reason: closures copy what they capture on every call.
  const T below_at = static_cast<T>(std::min(saturation.below, -bound));
  const T above_at = static_cast<T>(std::max(saturation.above, bound));
  struct Tails {
    bool ready = false;
    T below = 0, above = 0;  // where the fixed tails start (NaN: nowhere, see evaluate_tails)
    T value_below = 0, slope_below = 0, value_above = 0, slope_above = 0;
  };
  Tails tails;
  // The thresholds take -inf and +inf into the tails (one compare per side), so a tail is used
  // only where its results are also the limits at its infinity (registry.h Limits); where they
  // are not (no kernel so far), its lanes go the full way.
  const auto evaluate_tails = [=](Tails& t) HWY_ATTR HWY_NOINLINE {
    HWY_ALIGN T xs[kMaxQueued<T>] = {}, values[kMaxQueued<T>], slopes[kMaxQueued<T>];
    xs[0] = std::isfinite(below_at) ? below_at : T(0);
    xs[1] = std::isfinite(above_at) ? above_at : T(0);
    const auto r = Evaluate<T>(Tag{}, dc, ToCompute(dc, dt, hn::Load(dt, xs)), p);
    hn::Store(ToElement(dt, r.value), dt, values);
    hn::Store(ToElement(dt, r.slope), dt, slopes);
    // What the tail gives x = inf (on its side's sign): its constants, or inf itself (kIdentity).
    const auto takes_limits = [](Tail kind, T value, T slope, T inf, double at_inf_value, double at_inf_slope) {
      return SameBits(kind == Tail::kIdentity ? inf : value, at_inf_value) && SameBits(slope, at_inf_slope);
    };
    const T nowhere = std::numeric_limits<T>::quiet_NaN(), inf = static_cast<T>(kInf);
    const bool below = kFixedBelow && takes_limits(kKinds.below, values[0], slopes[0], -inf, limits.value_at_neg_inf,
                                                   limits.slope_at_neg_inf);
    const bool above = kFixedAbove && takes_limits(kKinds.above, values[1], slopes[1], inf, limits.value_at_pos_inf,
                                                   limits.slope_at_pos_inf);
    t = {true, below ? below_at : nowhere, above ? above_at : nowhere, values[0], slopes[0], values[1], slopes[1]};
  };
  using VT = hn::Vec<decltype(df)>;
  struct TailVectors {
    VT below, above, value_below, value_above, slope_below, slope_above;
  };
  const auto tail_vectors = [=](Tails& t) HWY_ATTR __attribute__((always_inline)) {
    if (!t.ready) evaluate_tails(t);
    return TailVectors{hn::Set(df, t.below),       hn::Set(df, t.above),       hn::Set(df, t.value_below),
                       hn::Set(df, t.value_above), hn::Set(df, t.slope_below), hn::Set(df, t.slope_above)};
  };
  // The lanes the lean formula takes: within the bound, or in a kLean tail.
  const auto lean_lanes = [=](auto xv) HWY_ATTR __attribute__((always_inline)) {
    auto lean = in_range(xv);
    const auto inf = hn::Set(df, static_cast<T>(kInf));
    if constexpr (kLeanBelow) lean = hn::Or(lean, hn::And(hn::Le(xv, hn::Set(df, below_at)), hn::Gt(xv, hn::Neg(inf))));
    if constexpr (kLeanAbove) lean = hn::Or(lean, hn::And(hn::Ge(xv, hn::Set(df, above_at)), hn::Lt(xv, inf)));
    return lean;
  };
  // Lanes left for the full-range path: NaN, and x between the bound and a tail.
  const auto middle_of = [=](const TailVectors& tv, auto xv) HWY_ATTR __attribute__((always_inline)) {
    auto taken = lean_lanes(xv);
    if constexpr (kFixedBelow) taken = hn::Or(taken, hn::Le(xv, tv.below));
    if constexpr (kFixedAbove) taken = hn::Or(taken, hn::Ge(xv, tv.above));
    return hn::Not(taken);
  };
  // The lean path on xv, its lanes outside the lean formula's range run with x = 0 and then set
  // to their tail's results; the middle lanes' results are to be replaced. The masks for the
  // blends are formed after the lean path, not kept through it: the eight chains of a step
  // leave no mask registers to spare (kept, they spilled, and the step ran 2x slower).
  const auto lean_patched = [=](const TailVectors& tv, auto xv) HWY_ATTR __attribute__((always_inline)) {
    auto r = EvaluateInRange(Tag{}, df, hn::IfThenElseZero(lean_lanes(xv), xv), pf);
    const auto value_below = kKinds.below == Tail::kIdentity ? xv : tv.value_below;
    const auto value_above = kKinds.above == Tail::kIdentity ? xv : tv.value_above;
    if constexpr (kFixedBelow && kFixedAbove) {  // beyond the bound on either side, by the sign
      const auto out = hn::Gt(hn::Abs(xv), in_range_max);
      r.value = hn::IfThenElse(out, hn::IfNegativeThenElse(xv, value_below, value_above), r.value);
      r.slope = hn::IfThenElse(out, hn::IfNegativeThenElse(xv, tv.slope_below, tv.slope_above), r.slope);
    } else if constexpr (kFixedBelow) {
      const auto below = hn::Le(xv, tv.below);
      r.value = hn::IfThenElse(below, value_below, r.value);
      r.slope = hn::IfThenElse(below, tv.slope_below, r.slope);
    } else if constexpr (kFixedAbove) {
      const auto above = hn::Ge(xv, tv.above);
      r.value = hn::IfThenElse(above, value_above, r.value);
      r.slope = hn::IfThenElse(above, tv.slope_above, r.slope);
    }
    return r;
  };
  // A vector with lanes outside the bound: the full path into buffers first where some lanes
  // need it (it reads dy, which the lean store may overwrite in place), then the lean path,
  // patched, then the full results over the middle lanes.
  const auto vector_with_outliers = [=, &full_vector, &lean_patched, &tail_vectors, &middle_of](
                                        Tails& tails, auto xv, const S* xs, const S* dys, S* o, S* o2) HWY_ATTR HWY_NOINLINE {
    const TailVectors tv = tail_vectors(tails);
    const auto middle = middle_of(tv, xv);
    if (hn::AllTrue(df, middle)) return full_vector(xs, dys, o, o2);
    HWY_ALIGN S o_buf[kMaxQueued<T>], o2_buf[kMaxQueued<T>];  // a vector of T
    const bool any_middle = !hn::AllFalse(df, middle);
    if (any_middle) full_vector(xs, dys, o_buf, o2_buf);
    store.template operator()<Fixup::kNone>(df, df, xv, lean_patched(tv, xv), dys, o, o2);
    if (any_middle) {
      CopyStoredLanes(df, middle, o_buf, o);
      if (kOp == Op::kForwardAndDerivative) CopyStoredLanes(df, middle, o2_buf, o2);
    }
  };
  // The path is chosen per lane: in-range lanes always take the lean path, lanes in a tail
  // theirs, and the others the full one, so a lane's result depends on its own x only, not on
  // its neighbours (nor on the length or offset of the call).
  const auto block = [=, &tails](const S* xs, const S* dys, S* o, S* o2) HWY_ATTR __attribute__((always_inline)) {
    if constexpr (kInRange) {
      const auto xv = LoadStored(df, xs);
      if (hn::AllTrue(df, in_range(xv))) {
        return store.template operator()<Fixup::kNone>(df, df, xv, EvaluateInRange(Tag{}, df, xv, pf),
                                                       dys, o, o2);
      }
      return vector_with_outliers(tails, xv, xs, dys, o, o2);
    }
    full(xs, dys, o, o2);
  };

  const auto dy_at = [=](size_t j) __attribute__((always_inline)) { return kOp == Op::kBackward ? dy + j : nullptr; };
  const auto out2_at = [=](size_t j) __attribute__((always_inline)) { return kOp == Op::kForwardAndDerivative ? out2 + j : nullptr; };
  // Fewer than a block's lanes, from element `start` on, go through zero-padded buffers.
  const auto partial = [=](size_t start, size_t count) HWY_ATTR {
    constexpr size_t kMaxLanes = HWY_MAX_BYTES / sizeof(T);
    HWY_ALIGN S x_buf[kMaxLanes] = {}, dy_buf[kMaxLanes] = {}, o_buf[kMaxLanes], o2_buf[kMaxLanes];
    std::memcpy(x_buf, x + start, count * sizeof(S));
    if (kOp == Op::kBackward) std::memcpy(dy_buf, dy + start, count * sizeof(S));
    block(x_buf, dy_buf, o_buf, o2_buf);
    std::memcpy(out + start, o_buf, count * sizeof(S));
    if (kOp == Op::kForwardAndDerivative) std::memcpy(out2 + start, o2_buf, count * sizeof(S));
  };
  size_t i = 0;
  if constexpr (!kInRange) {
    // A vector store that straddles two cache lines costs about twice an aligned one, and the
    // loops without an in-range path are the cheap ones, bound by loads and stores (leaky_relu
    // forward at 16Ki: 14.4 Gelem/s with out 16 bytes off a 64-byte line, 21 aligned). So the
    // elements before out's first aligned vector go through the buffers first. Their lanes are
    // computed independently of each other, so where the blocks start cannot change a result;
    // the in-range loops choose their path per block and keep their blocks where they are.
    const size_t bytes = lanes * sizeof(S);
    const auto address = reinterpret_cast<uintptr_t>(out);
    if (n > 0 && address % sizeof(S) == 0 && address % bytes != 0) {  // n = 0: x may be null
      i = std::min(n, (bytes - address % bytes) / sizeof(S));
      partial(0, i);
    }
  }
  if constexpr (kInRange) {
    // kSteps vectors per step when all are in range, evaluated side by side: the in-range loops
    // are bound by their chains of dependent operations, and with the kernels compiled with
    // -fschedule-insns (kernels/CMakeLists.txt) GCC interleaves the independent chains of a
    // step (one basic block), pair by pair as written. Named vectors, not arrays: GCC keeps
    // arrays of them on the stack.
    constexpr size_t kSteps = InRangeSteps<Tag, kOp>();
    static_assert(kSteps == 2 || kSteps == 4 || kSteps == 8, "two, four or eight vectors per step");
    const auto load = [=](size_t at) HWY_ATTR __attribute__((always_inline)) { return LoadStored(df, x + at); };
    // The lanes' masks combined, not the maximum of |x|: Max may drop a NaN, which must go the
    // full way.
    const auto both_in_range = [=](auto xa, auto xb) HWY_ATTR __attribute__((always_inline)) { return hn::And(in_range(xa), in_range(xb)); };
    // The lean path on the vectors at j and j + lanes.
    const auto pair = [=](size_t j, auto xa, auto xb) HWY_ATTR __attribute__((always_inline)) {
      const auto ra = EvaluateInRange(Tag{}, df, xa, pf);
      const auto rb = EvaluateInRange(Tag{}, df, xb, pf);
      store.template operator()<Fixup::kNone>(df, df, xa, ra, dy_at(j), out + j, out2_at(j));
      store.template operator()<Fixup::kNone>(df, df, xb, rb, dy_at(j + lanes), out + j + lanes,
                                              out2_at(j + lanes));
    };
    // A step with lanes outside the bound (large pre-activations among ordinary ones, or
    // saturated inputs) runs the lean path on all its vectors, patched for the lanes in a tail
    // (lean_patched: a zeroed x and two blends per output). The lanes in neither, NaN and the
    // middle bands between the bound and a tail, are queued (position, x and dy, read before
    // the step stores anything, so in-place works) and, a vector of them at a time, run through
    // vector_with_outliers, stored over the lean ones. Each lane gets the path `block` would
    // give it (the choice is per lane everywhere), and an outlier no longer costs its step the
    // interleaved lean evaluation. A step with more than a vector's worth of middle lanes goes
    // through `block` a vector at a time, as the tail does.
    // The queue pays where a step is eight vectors (AVX3); with two or four (AVX2, and the
    // GELU/mish fused passes) it measured slower than taking the step a vector at a time
    // (elu backward, AVX2, outliers_64: 0.50 against 1.57 Gelem/s), which such steps do when
    // they have middle lanes.
    constexpr bool kQueueOutliers = kSteps == 8;
    OutOfRangeQueue<T> queue;
    const hn::RebindToUnsigned<decltype(df)> du;
    static_assert(sizeof(T) == sizeof(uint32_t), "the in-range paths are float");
    // Appends the lanes of the step's vectors xv... that `queued` picks, without a branch per
    // vector (which lanes are is random): false if they are more than a vector's worth, for
    // the step to take another path instead.
    const auto enqueue = [=, &queue](size_t at, auto queued, auto... xv) HWY_ATTR {
      if ((hn::CountTrue(df, queued(xv)) + ...) > lanes) return false;
      size_t k = 0;
      const auto append = [&](auto v) HWY_ATTR {
        const auto mask = queued(v);
        const size_t j = at + k++ * lanes;
        hn::StoreU(hn::Compress(v, mask), df, queue.x + queue.size);
        if constexpr (kOp == Op::kBackward) {
          hn::StoreU(hn::Compress(LoadStored(df, dy + j), mask), df, queue.dy + queue.size);
        }
        const auto offsets = hn::Iota(du, static_cast<uint32_t>(j - queue.base));
        hn::StoreU(hn::Compress(offsets, hn::RebindMask(du, mask)), du, queue.offset + queue.size);
        queue.size += hn::CountTrue(df, mask);
      };
      (append(xv), ...);
      return true;
    };
    // Runs the first `count` queued lanes through vector_with_outliers and stores their results.
    // `at`: the step being run, the base of later offsets once the queue is empty.
    const auto drain = [=, &queue, &tails, &vector_with_outliers](size_t count, size_t at) HWY_ATTR HWY_NOINLINE {
      HWY_ALIGN S x_buf[kMaxQueued<T>] = {}, dy_buf[kMaxQueued<T>] = {}, o_buf[kMaxQueued<T>],
                  o2_buf[kMaxQueued<T>];
      std::transform(queue.x, queue.x + count, x_buf, ToStorage<S, T>);  // exact: they came from S
      if (kOp == Op::kBackward) std::transform(queue.dy, queue.dy + count, dy_buf, ToStorage<S, T>);
      vector_with_outliers(tails, LoadStored(df, x_buf), x_buf, dy_buf, o_buf, o2_buf);
      for (size_t k = 0; k < count; ++k) {
        const size_t j = queue.base + queue.offset[k];
        out[j] = o_buf[k];
        if (kOp == Op::kForwardAndDerivative) out2[j] = o2_buf[k];
      }
      queue.Drop(count);
      if (queue.size == 0) queue.base = at;
    };
    // The inputs kPrefetchBytes ahead of the step at `at`, a cache line at a time (none near
    // the end, whose lines are on their way). A step's
    // hundreds of dependent operations fill the out-of-order window, so the loads of later steps
    // issue late and past L2 their latency adds to the arithmetic instead of overlapping it.
    const auto prefetch = [=](size_t at) HWY_ATTR __attribute__((always_inline)) {
      constexpr size_t kStepBytes = kSteps * hn::MaxLanes(df) * sizeof(S);
      if (at + kPrefetchBytes / sizeof(S) + kSteps * lanes > n) return;
      const auto* xb = reinterpret_cast<const char*>(x + at) + kPrefetchBytes;
      const auto* dyb = kOp == Op::kBackward ? reinterpret_cast<const char*>(dy + at) + kPrefetchBytes : nullptr;
      const auto* ob = reinterpret_cast<const char*>(out + at) + kPrefetchBytes;
      const auto* o2b = kOp == Op::kForwardAndDerivative ? reinterpret_cast<const char*>(out2 + at) + kPrefetchBytes : nullptr;
      for (size_t b = 0; b < kStepBytes; b += 64) {
        hwy::Prefetch(xb + b);
        if (kOp == Op::kBackward) hwy::Prefetch(dyb + b);
        if (kPrefetchOutput<Tag>) hwy::Prefetch(ob + b);
        if (kPrefetchOutput<Tag> && kOp == Op::kForwardAndDerivative) hwy::Prefetch(o2b + b);
      }
    };
    const auto per_vector = [=](size_t at) HWY_ATTR HWY_NOINLINE {
      for (size_t j = at; j < at + kSteps * lanes; j += lanes) block(x + j, dy_at(j), out + j, out2_at(j));
    };
    // The start of a step that may queue lanes. Offsets are 32 bits: lanes waiting since 2^31
    // elements ago are run now.
    const auto begin_queued_step = [=, &queue](size_t at) HWY_ATTR __attribute__((always_inline)) {
      if (queue.size > 0 && at - queue.base >= (size_t{1} << 31)) drain(queue.size, at);
      if (queue.size == 0) queue.base = at;
    };
    // The middle lanes of the step at `at`, if any, queued: false if they are more than a
    // vector's worth, or if there is no queue. Out of line, so that the step's lean path has
    // the registers.
    const auto queue_middle = [=, &queue, &tails, &enqueue, &middle_of, &tail_vectors](size_t at) HWY_ATTR HWY_NOINLINE {
      const TailVectors tv = tail_vectors(tails);
      const auto middle = [&](auto xv) HWY_ATTR __attribute__((always_inline)) { return middle_of(tv, xv); };
      const auto queue_lanes = [&](auto... xv) HWY_ATTR __attribute__((always_inline)) {
        if (hn::AllFalse(df, OrMasks(middle(xv)...))) return true;
        if constexpr (kQueueOutliers) {
          begin_queued_step(at);
          return enqueue(at, middle, xv...);
        }
        return false;
      };
      const auto v = [&](size_t k) HWY_ATTR __attribute__((always_inline)) { return load(at + k * lanes); };
      if constexpr (kSteps == 2) return queue_lanes(v(0), v(1));
      if constexpr (kSteps == 4) return queue_lanes(v(0), v(1), v(2), v(3));
      if constexpr (kSteps == 8) return queue_lanes(v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7));
    };
    // A step with a few lanes outside the bound, where some of them need the full-range path:
    // the lean path on all eight vectors with those lanes' x replaced by 0, and the lanes
    // themselves queued, tails included. Cheaper than patching the tails in the step when the
    // queue is needed anyway (sigmoid, outliers_64: 2.3 against 1.9 Gelem/s). False if they
    // are more than a vector's worth.
    const auto step_queueing_outliers = [=, &queue, &enqueue, &drain](size_t at) HWY_ATTR HWY_NOINLINE {
      if constexpr (kQueueOutliers) {
        begin_queued_step(at);
        const auto outside = [=](auto xv) HWY_ATTR __attribute__((always_inline)) { return hn::Not(in_range(xv)); };
        const auto zeroed = [=](auto xv) HWY_ATTR __attribute__((always_inline)) {
          return hn::IfThenElseZero(in_range(xv), xv);
        };
        const auto v = [&](size_t k) HWY_ATTR __attribute__((always_inline)) { return load(at + k * lanes); };
        const auto x0 = v(0), x1 = v(1), x2 = v(2), x3 = v(3), x4 = v(4), x5 = v(5), x6 = v(6), x7 = v(7);
        if (!enqueue(at, outside, x0, x1, x2, x3, x4, x5, x6, x7)) return false;
        const auto lean_pair = pair;  // a local copy, as in step_with_outliers
        lean_pair(at, zeroed(x0), zeroed(x1));
        lean_pair(at + 2 * lanes, zeroed(x2), zeroed(x3));
        lean_pair(at + 4 * lanes, zeroed(x4), zeroed(x5));
        lean_pair(at + 6 * lanes, zeroed(x6), zeroed(x7));
        if (queue.size >= lanes) drain(lanes, at);
        return true;
      }
      return false;
    };
    // The step at `at` when some lane is outside the bound, patched: out of line, so that the
    // hot loop below keeps its registers for the lean path. False if it has middle lanes and
    // may not queue them (queue_any), or cannot (too many, or no queue).
    const auto step_with_outliers = [=, &queue, &tails, &lean_patched, &tail_vectors, &middle_of, &queue_middle,
                                      &drain](size_t at, bool queue_any) HWY_ATTR HWY_NOINLINE {
      const TailVectors tv = tail_vectors(tails);
      // Local copies of the closures with vector constants: as far as GCC knows, a store to out
      // may change the constants held by a closure outside this function, so it would reload
      // them after every store and evaluate the pairs of vectors one after another instead of
      // side by side (2x slower).
      const auto patched = lean_patched;
      const auto put = store;
      // Whether the step can run patched: no middle lanes, or, if queue_any, all of them queued.
      const auto ready = [&](auto... xv) HWY_ATTR __attribute__((always_inline)) {
        if (hn::AllFalse(df, OrMasks(middle_of(tv, xv)...))) return true;
        return queue_any && queue_middle(at);
      };
      const auto v = [&](size_t k) HWY_ATTR __attribute__((always_inline)) { return load(at + k * lanes); };
      const auto run = [&](size_t k, auto xa, auto xb) HWY_ATTR __attribute__((always_inline)) {
        const size_t j = at + k * lanes;
        const auto ra = patched(tv, xa);
        const auto rb = patched(tv, xb);
        put.template operator()<Fixup::kNone>(df, df, xa, ra, dy_at(j), out + j, out2_at(j));
        put.template operator()<Fixup::kNone>(df, df, xb, rb, dy_at(j + lanes), out + j + lanes,
                                              out2_at(j + lanes));
      };
      const auto x0 = v(0), x1 = v(1);
      if constexpr (kSteps == 2) {
        if (!ready(x0, x1)) return false;
        run(0, x0, x1);
      } else if constexpr (kSteps == 4) {
        const auto x2 = v(2), x3 = v(3);
        if (!ready(x0, x1, x2, x3)) return false;
        run(0, x0, x1);
        run(2, x2, x3);
      } else {
        const auto x2 = v(2), x3 = v(3), x4 = v(4), x5 = v(5), x6 = v(6), x7 = v(7);
        if (!ready(x0, x1, x2, x3, x4, x5, x6, x7)) return false;
        run(0, x0, x1);
        run(2, x2, x3);
        run(4, x4, x5);
        run(6, x6, x7);
      }
      if (kQueueOutliers && queue.size >= lanes) drain(lanes, at);
      return true;
    };
    // Patched if no lane needs the full-range path (tried first where the tails take every
    // |x| past the lean e^x's range, so large outliers never do); else queueing the lanes
    // outside the bound (cheaper than patching the step where the queue is needed anyway);
    // else patched with the middle lanes queued; else a vector at a time. Measured against
    // queueing first on an AMD EPYC (AVX-512, 16Ki): tanh and the GELUs 1.6-2x faster on
    // saturated inputs, the same on outliers; sigmoid, silu, elu, selu, whose middle bands
    // (69 to 105-110) take large outliers, 8-20% slower on outliers had they tried it too.
    const bool patched_first = kFixedBelow && kFixedAbove && -below_at <= kInRangeArgMax && above_at <= kInRangeArgMax;
    const auto outlier_step = [=, &step_with_outliers, &step_queueing_outliers, &per_vector](size_t at) HWY_ATTR HWY_NOINLINE {
      if (patched_first && step_with_outliers(at, false)) return;
      if (!step_queueing_outliers(at) && !step_with_outliers(at, true)) per_vector(at);
    };
    for (; i + kSteps * lanes <= n; i += kSteps * lanes) {
      prefetch(i);
      const auto v = [&](size_t k) HWY_ATTR __attribute__((always_inline)) { return load(i + k * lanes); };
      const auto run = [&](size_t k, auto xa, auto xb) HWY_ATTR __attribute__((always_inline)) {
        pair(i + k * lanes, xa, xb);
      };
      const auto x0 = v(0), x1 = v(1);
      if constexpr (kSteps == 2) {
        if (hn::AllTrue(df, both_in_range(x0, x1))) {
          run(0, x0, x1);
          continue;
        }
      } else if constexpr (kSteps == 4) {
        const auto x2 = v(2), x3 = v(3);
        if (hn::AllTrue(df, hn::And(both_in_range(x0, x1), both_in_range(x2, x3)))) {
          run(0, x0, x1);
          run(2, x2, x3);
          continue;
        }
      } else {
        const auto x2 = v(2), x3 = v(3), x4 = v(4), x5 = v(5), x6 = v(6), x7 = v(7);
        if (hn::AllTrue(df, hn::And(hn::And(both_in_range(x0, x1), both_in_range(x2, x3)),
                                    hn::And(both_in_range(x4, x5), both_in_range(x6, x7))))) {
          run(0, x0, x1);
          run(2, x2, x3);
          run(4, x4, x5);
          run(6, x6, x7);
          continue;
        }
      }
      outlier_step(i);
    }
    if (kQueueOutliers && queue.size > 0) drain(queue.size, i);
  }
  for (; i + lanes <= n; i += lanes) block(x + i, dy_at(i), out + i, out2_at(i));
  if (i < n) partial(i, n - i);
}


// dx = dy * prelu'(x) (as Apply<kBackward>) and the sum of dy * x over x < 0, in double.
template <typename T, typename S = T>
HWY_NOINLINE double PreluBackwardLoop(const S* x, const S* dy, S* dx, size_t n, double slope) {
  const hn::ScalableTag<double> dd;
  const hn::Rebind<T, decltype(dd)> dt;
  const size_t lanes = hn::Lanes(dd);
  const T slope_t = static_cast<T>(slope);  // rounded to T, as in Apply
  const auto slope_v = hn::Set(dd, static_cast<double>(slope_t));
  const Limits limits = Prelu::GetLimits(slope_t);
  auto sum = hn::Zero(dd);
  const auto block = [&](const S* xs, const S* dys, S* o) HWY_ATTR {
    const auto xv = ToCompute(dd, dt, LoadStored(dt, xs));
    const auto dy_t = LoadStored(dt, dys);
    const auto dyv = ToCompute(dd, dt, dy_t);
    const auto r = Evaluate<T>(Prelu{}, dd, xv, slope_v);
    const auto dydx = ToElement(
        dt, ApplyLimits<Fixup::kNaNAndInfinities>(dd, xv, r.slope, limits.slope_at_neg_inf, limits.slope_at_pos_inf));
    StoreStored(hn::Mul(dy_t, RoundedTo<S>(dt, dydx)), dt, o);  // bit-identical to Apply<kBackward>
    // dy * x is exact in double for float inputs.
    sum = hn::Add(sum, hn::IfThenElseZero(hn::Lt(xv, hn::Zero(dd)), hn::Mul(dyv, xv)));
  };
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) block(x + i, dy + i, dx + i);
  if (i < n) {
    constexpr size_t kMaxLanes = HWY_MAX_BYTES / sizeof(double);
    HWY_ALIGN S x_buf[kMaxLanes] = {}, dy_buf[kMaxLanes] = {}, o_buf[kMaxLanes];
    const size_t rest = n - i;
    std::memcpy(x_buf, x + i, rest * sizeof(S));
    std::memcpy(dy_buf, dy + i, rest * sizeof(S));
    block(x_buf, dy_buf, o_buf);
    std::memcpy(dx + i, o_buf, rest * sizeof(S));
  }
  return hn::GetLane(hn::SumOfLanes(dd, sum));
}

// Runtime (op, kind) -> the instantiated loop, computing in T on arrays of S. Only enabled
// activations are instantiated.
template <typename T, typename S = T>
void Run(Op op, Kind kind, const S* x, const S* dy, S* out, S* out2, size_t n, double param) {
  switch (kind) {
#define ACT_RUN_CASE(Type)                                                                  \
  case Kind::k##Type:                                                                       \
    switch (op) {                                                                           \
      case Op::kForward:                                                                    \
        return Apply<Op::kForward, Type, T, S>(x, dy, out, out2, n, param);                    \
      case Op::kDerivative:                                                                 \
        return Apply<Op::kDerivative, Type, T, S>(x, dy, out, out2, n, param);                 \
      case Op::kBackward:                                                                   \
        return Apply<Op::kBackward, Type, T, S>(x, dy, out, out2, n, param);                   \
      case Op::kForwardAndDerivative:                                                       \
        return Apply<Op::kForwardAndDerivative, Type, T, S>(x, dy, out, out2, n, param);       \
    }                                                                                       \
    return;
    ACT_FOR_EACH_ENABLED(ACT_RUN_CASE)
#undef ACT_RUN_CASE
  }
}

// dx = dy * f'(f^-1(y)) for the activations with a slope from the output (registry.h
// kSlopeFromOutput); the API checks the kind and the parameter first.
template <typename T, typename S = T>
void RunFromOutput(Kind kind, const S* y, const S* dy, S* dx, size_t n, double param) {
  switch (kind) {
#define ACT_RUN_FROM_OUTPUT_CASE(Type)                                                           \
  case Kind::k##Type:                                                                            \
    if constexpr (Type::kSlopeFromOutput.Exists()) {                                             \
      ApplyLoop<Op::kBackward, FromOutput<Type>, T, Fixup::kNone, S>(y, dy, dx, nullptr, n, param); \
    }                                                                                            \
    return;
    ACT_FOR_EACH_ENABLED(ACT_RUN_FROM_OUTPUT_CASE)
#undef ACT_RUN_FROM_OUTPUT_CASE
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_LOOPS_INL_H_
