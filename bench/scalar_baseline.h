// The scalar baseline: what a careful user writes without SIMD. A plain loop per operation over
// the same stable formulas as the kernels (kernels/families/), with <cmath> in the element type
// W and the project's compiler flags. Benchmarked as `.../scalar/N:n` with W = T; evaluated with
// W wider than T (double for float, long double for double) it is the check each benchmark
// runs on its output before timing.
#pragma once

#include <cmath>
#include <cstddef>

#include "kernels/activations.h"
#include "kernels/registry.h"

namespace act::bench {

template <typename W>
struct ScalarResult {
  W value, slope;
};

template <typename W>
W Logistic(W x) {
  if (x >= 0) return 1 / (1 + std::exp(-x));
  const W e = std::exp(x);
  return e / (1 + e);
}

template <typename W>
ScalarResult<W> Scalar(Identity, W x, W) { return {x, 1}; }
template <typename W>
ScalarResult<W> Scalar(Sigmoid, W x, W) { return {Logistic(x), Logistic(x) * Logistic(-x)}; }
template <typename W>
ScalarResult<W> Scalar(Tanh, W x, W) {
  const W u = std::exp(-2 * std::fabs(x));
  return {std::tanh(x), 4 * u / ((1 + u) * (1 + u))};
}
template <typename W>
ScalarResult<W> Scalar(Relu, W x, W) { return {x > 0 ? x : W(0), W(x > 0 ? 1 : 0)}; }
template <typename W>
ScalarResult<W> Scalar(LeakyRelu, W x, W slope) { return {x > 0 ? x : slope * x, x > 0 ? W(1) : slope}; }
template <typename W>
ScalarResult<W> Scalar(Prelu, W x, W slope) { return Scalar(LeakyRelu{}, x, slope); }
template <typename W>
ScalarResult<W> Scalar(Elu, W x, W alpha) {
  if (x > 0) return {x, 1};
  return {alpha * std::expm1(x), alpha * std::exp(x)};
}
template <typename W>
ScalarResult<W> Scalar(Selu, W x, W) {
  if (x > 0) return {W(kSeluLambda) * x, W(kSeluLambda)};
  return {W(kSeluLambdaAlpha) * std::expm1(x), W(kSeluLambdaAlpha) * std::exp(x)};
}
template <typename W>
ScalarResult<W> Scalar(Silu, W x, W) {
  const W s = Logistic(x);
  return {x * s, s * (1 + x * Logistic(-x))};
}
template <typename W>
ScalarResult<W> Scalar(GeluErf, W x, W) {
  const W cdf = std::erfc(-x * W(0.70710678118654752440L)) / 2;
  const W pdf = std::exp(-x * x / 2) * W(0.39894228040143267794L);
  return {x * cdf, cdf + x * pdf};
}
template <typename W>
ScalarResult<W> Scalar(GeluTanh, W x, W) {
  const W v = x * (W(1.5957691216057307117597842397375L) + W(0.071354816272600250148L) * x * x);
  const W dv = W(1.5957691216057307117597842397375L) + 3 * W(0.071354816272600250148L) * x * x;
  const W s = Logistic(v);
  return {x * s, s * (1 + x * Logistic(-v) * dv)};
}
template <typename W>
ScalarResult<W> Scalar(Mish, W x, W) {
  const W softplus = std::fmax(x, W(0)) + std::log1p(std::exp(-std::fabs(x)));
  const W t = std::tanh(softplus);
  const W sech = 1 / std::cosh(softplus);
  return {x * t, t + x * Logistic(x) * sech * sech};
}
template <typename W>
ScalarResult<W> Scalar(Softplus, W x, W beta) {
  const W bx = beta * x;
  return {std::fmax(x, W(0)) + std::log1p(std::exp(-std::fabs(bx))) / beta, Logistic(bx)};
}

// The operation kOp over n elements, one Scalar() call per element, in W.
template <Op kOp, class Tag, typename W>
void ScalarApply(const W* x, const W* dy, W* out, W* out2, std::size_t n, W param) {
  for (std::size_t i = 0; i < n; ++i) {
    const ScalarResult<W> r = Scalar(Tag{}, x[i], param);
    if constexpr (kOp == Op::kForward) out[i] = r.value;
    if constexpr (kOp == Op::kDerivative) out[i] = r.slope;
    if constexpr (kOp == Op::kBackward) out[i] = dy[i] * r.slope;
    if constexpr (kOp == Op::kForwardAndDerivative) out[i] = r.value, out2[i] = r.slope;
  }
}

}  // namespace act::bench
