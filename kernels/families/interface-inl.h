// What each family file (families/*-inl.h) defines per activation tag, and the defaults:
//
//   Evaluate<Out>(tag, d, x, param) -> ValueAndSlope: f(x) and f'(x) for every finite x on the
//     full-range path, in lanes of the element type (or of double for float arrays where
//     kInOwnLanes<Tag> is false). Special values (NaN, +-inf) are fixed up by the loops from
//     registry.h's Limits, so Evaluate only has to be right for finite x.
//   kHasInRange<Tag>, InRangeMax(tag, param), EvaluateInRange(tag, d, x, param): the lean
//     float path (AVX2, AVX3) for vectors whose lanes all have |x| <= InRangeMax; no fix-ups.
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

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_INTERFACE_INL_H_
