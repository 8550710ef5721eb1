// The piecewise-linear family: identity, relu, leaky_relu, prelu. Exact (one rounding at most),
// every target, one path; their loops run at the copy speed of the same bytes.
//
// identity   f(x) = x                          f'(x) = 1
//   Valid Range: all x. Max Error: 0 ULP (value and f', float and double). Bound: 0 / 0.
// relu       f(x) = x > 0 ? x : +0             f'(x) = x > 0 ? 1 : 0 (relu'(0) = 0)
//   Valid Range: all x; relu(-0) = +0. Max Error: 0 / 0 ULP. Bound: 0 / 0.
// leaky_relu f(x) = x > 0 ? x : slope x        f'(x) = x > 0 ? 1 : slope (f'(0) = slope)
// prelu      the same function; act::PreluBackward also returns dL/dslope.
//   Valid Range: all x, any finite slope; f(-0) = slope * -0. Max Error: value 0.5 ULP (one
//   product), f' 0 ULP. Bound: 0.5 / 0.

#if defined(ACT_FAMILIES_PIECEWISE_LINEAR_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_FAMILIES_PIECEWISE_LINEAR_INL_H_
#undef ACT_FAMILIES_PIECEWISE_LINEAR_INL_H_
#else
#define ACT_FAMILIES_PIECEWISE_LINEAR_INL_H_
#endif

#include "hwy/highway.h"
#include "kernels/families/interface-inl.h"
#include "kernels/registry.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- identity: f = x, f' = 1. Exact. ----------------------------------------------------------
template <class Out, class D, class V>
HWY_INLINE ValueAndSlope<D> Evaluate(Identity, D d, V x, V) {
  return {x, hn::Set(d, 1)};
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

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_FAMILIES_PIECEWISE_LINEAR_INL_H_
