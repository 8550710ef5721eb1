// The derivative from the output: f'(f^-1(y)) for the activations whose derivative is a
// function of their value (registry.h kSlopeFromOutput), for BackwardFromOutput. The error is
// measured against the exact f'(f^-1(y)) over every float y in f's range (verify/
// test_from_output.cc); y outside f's range gets the formula's value.
//
// identity    1                                          exact
// sigmoid     y (1 - y) = y - y^2, one FMA               0.5 ULP (AVX2, AVX3): y^2 is exact inside
//                                                        the FMA, so it is correctly rounded;
//                                                        1.5 ULP as y (1 - y) without FMA
// tanh        1 - y^2, one FMA                           0.5 ULP likewise; 1.5 ULP as
//                                                        (1 - |y|)(1 + |y|) without FMA
// relu        y > 0 ? 1 : 0                              exact; NaN y gives NaN
// leaky_relu, prelu  y > 0 ? 1 : slope (slope > 0)       exact; NaN y gives NaN
// elu         y > 0 ? 1 : y + alpha (alpha > 0)          0.5 ULP: y >= -alpha (y = alpha expm1(x)),
//                                                        and y + alpha is exact for y <= -alpha/2
// selu        y > 0 ? lambda : y + lambda alpha          1 ULP: lambda alpha in two parts, so the
//                                                        sum keeps its accuracy where it is tiny
//                                                        (y = -lambda alpha rounded to float is
//                                                        the value of x near -18.1, f' = 2.3e-8)
//
// None needs fix-ups: NaN propagates through each formula (or its blend), and the y of f(+-inf)
// gives f'(+-inf): sigmoid(+-inf) = 1 or 0 and tanh(+-inf) = +-1 give 0, relu(+inf) = inf gives
// 1, elu(-inf) = -alpha gives 0.

#if defined(ACT_FAMILIES_FROM_OUTPUT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_FROM_OUTPUT_INL_H_
#undef ACT_FAMILIES_FROM_OUTPUT_INL_H_
#else
#define ACT_FAMILIES_FROM_OUTPUT_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/families/exponential-inl.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class D, class V>
HWY_INLINE V SlopeFromOutput(Identity, D d, V, V) {
  return hn::Set(d, hn::TFromD<D>(1));
}
// With FMA, y^2 is exact inside it and the result is rounded once. Without (SSE4, scalar),
// y - y^2 would cancel for y near 1: the products below round two or three times (1 - y is
// exact for y >= 1/2), 1.5 ULP at most (measured: 1.4998 float, 1.381 double).
template <class D, class V>
HWY_INLINE V SlopeFromOutput(Sigmoid, D d, V y, V) {
#if HWY_NATIVE_FMA
  (void)d;
  return hn::NegMulAdd(y, y, y);
#else
  return hn::Mul(y, hn::Sub(hn::Set(d, hn::TFromD<D>(1)), y));
#endif
}
template <class D, class V>
HWY_INLINE V SlopeFromOutput(Tanh, D d, V y, V) {
  const auto one = hn::Set(d, hn::TFromD<D>(1));
#if HWY_NATIVE_FMA
  return hn::NegMulAdd(y, y, one);
#else
  const auto a = hn::Abs(y);
  return hn::Mul(hn::Sub(one, a), hn::Add(one, a));
#endif
}
// y * 0 is +0 for relu's outputs (relu(-0) = +0) and NaN for NaN.
template <class D, class V>
HWY_INLINE V SlopeFromOutput(Relu, D d, V y, V) {
  return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), hn::Set(d, hn::TFromD<D>(1)), hn::Mul(y, hn::Zero(d)));
}
template <class D, class V>
HWY_INLINE V SlopeFromPositiveSlope(D d, V y, V slope) {
  const auto s = hn::IfThenElse(hn::Gt(y, hn::Zero(d)), hn::Set(d, hn::TFromD<D>(1)), slope);
  return hn::IfThenElse(hn::IsNaN(y), y, s);
}
template <class D, class V>
HWY_INLINE V SlopeFromOutput(LeakyRelu, D d, V y, V slope) {
  return SlopeFromPositiveSlope(d, y, slope);
}
template <class D, class V>
HWY_INLINE V SlopeFromOutput(Prelu, D d, V y, V slope) {
  return SlopeFromPositiveSlope(d, y, slope);
}
template <class D, class V>
HWY_INLINE V SlopeFromOutput(Elu, D d, V y, V alpha) {
  return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), hn::Set(d, hn::TFromD<D>(1)), hn::Add(y, alpha));
}
template <class D, class V>
HWY_INLINE V SlopeFromOutput(Selu, D d, V y, V) {
  using K = SeluConstants<hn::TFromD<D>>;
  const auto negative = hn::Add(hn::Add(y, hn::Set(d, K::kLambdaAlpha)), hn::Set(d, K::kLambdaAlphaLow));
  return hn::IfThenElse(hn::Gt(y, hn::Zero(d)), hn::Set(d, K::kLambda), negative);
}

// Tag's derivative from the output as a tag of its own, so the loops (loops-inl.h) run it as
// the Backward of an exact kernel: Evaluate's x is y, and only its slope is used.
template <class Tag>
struct FromOutput {
  static constexpr bool kPiecewiseLinear = true;  // no in-range path, per-lane formulas
  static constexpr Limits GetLimits(double) { return {}; }  // unused: no fix-ups
};
template <class Out, class D, class V, class Tag>
HWY_INLINE ValueAndSlope<D> Evaluate(FromOutput<Tag>, D d, V y, V param) {
  return {y, SlopeFromOutput(Tag{}, d, y, param)};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_FROM_OUTPUT_INL_H_
