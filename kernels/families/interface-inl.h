// What each family file (families/*-inl.h) defines per activation tag, and the defaults:
//
//   Evaluate<Out>(tag, d, x, param) -> ValueAndSlope: f(x) and f'(x) for every finite x on the
//     full-range path, in lanes of the element type (or of double for float arrays where
//     kInOwnLanes<Tag> is false). Special values (NaN, +-inf) are fixed up by the loops from
//     registry.h's Limits, so Evaluate only has to be right for finite x.
//   kHasInRange<Tag>, InRangeMax(tag, param), EvaluateInRange(tag, d, x, param): the lean
//     float path (AVX2, AVX3) for vectors whose lanes all have |x| <= InRangeMax; no fix-ups.
//   kTails<Tag>, SaturationOf(tag, param): the tails beyond that bound that need no full-range
//     path.
//
// Loops that store only one of value and slope let the compiler drop the other, and the fused
// pass is bit-identical to the separate ones because it runs the same instructions. Forgetting
// Evaluate for an enabled activation is a compile error in loops-inl.h.

#if defined(ACT_FAMILIES_INTERFACE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_INTERFACE_INL_H_
#undef ACT_FAMILIES_INTERFACE_INL_H_
#else
#define ACT_FAMILIES_INTERFACE_INL_H_
#endif

#include <cmath>

#include "hwy/highway.h"

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

template <class D>
struct ValueAndSlope {
  hn::Vec<D> value;  // f(x)
  hn::Vec<D> slope;  // f'(x)
};

// Which activations have an in-range path, and up to which |x| it is valid for a parameter.
template <class Tag>
inline constexpr bool kHasInRange = false;
template <class Tag>
float InRangeMax(Tag, float) {
  return 0.0f;
}

// Past the in-range bound most kernels saturate: beyond some x every float input has the same
// value and slope (sigmoid below -105: +0 and +0), or the value x itself and a constant slope
// (silu above the bound), or the lean formula is still right (selu's positive side). Lanes
// there skip the full-range path (loops-inl.h): the constants are the full-range kernel's own
// results at the threshold, so such a lane's bits are what the full path gives it.
//   kTails<Tag>: each side's kind of tail, known at compile time so the loops blend only what
//     a kernel has.
//   SaturationOf(tag, param): where each tail starts, at or beyond -/+InRangeMax.
enum class Tail {
  kNone,      // the full-range path
  kConstant,  // value and slope of the full-range kernel at the threshold
  kIdentity,  // value x, slope of the full-range kernel at the threshold
  kLean,      // the in-range formula, valid here too
};
struct TailKinds {
  Tail below = Tail::kNone;
  Tail above = Tail::kNone;
};
template <class Tag>
inline constexpr TailKinds kTails{};
struct Saturation {
  float below = -HUGE_VALF;  // finite x <= below takes kTails<Tag>.below
  float above = HUGE_VALF;   // finite x >= above takes kTails<Tag>.above
};
template <class Tag>
Saturation SaturationOf(Tag, float) {
  return {};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_INTERFACE_INL_H_
