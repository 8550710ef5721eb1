// hwy-activations public API: SIMD activation functions and their derivatives.
//
// Every call takes plain arrays of any length (including 0) and any alignment. In-place is
// allowed where stated (an output may be exactly the same array as an input); partial overlap
// between an input and an output is undefined. A length mismatch, or a parameter that is
// non-finite or out of range, throws std::invalid_argument naming the activation and the values.
//
// `param` is the activation's parameter (see registry.h: leaky_relu/prelu slope, elu alpha,
// softplus beta); std::nullopt means its default. It is rounded to T before use.
//
// T is float or double, or a 16-bit storage type (act::bfloat16, act::float16: half.h) for
// the types in ACT_TYPES. A 16-bit call widens x to float exactly, runs the float kernel and
// rounds each result to T (nearest, ties to even), so it is within 0.5 ULP of T plus the float
// kernel's error (registry.h: Bound16). Backward in a 16-bit type is dy * Derivative rounded to
// T: T(float(dy) * float(Derivative)), the correctly rounded 16-bit product.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "act/act_config.h"
#include "half.h"
#include "registry.h"

namespace act {

// ---- Activations --------------------------------------------------------------------------

// The four array operations below, for code that picks one at run time (benchmarks, tools).
enum class Op { kForward, kDerivative, kBackward, kForwardAndDerivative };

// The enabled activations, in registry order.
std::span<const Kind> EnabledKinds();
std::string_view Name(Kind kind);
// The name the published write-ups use ("GELU", "Linear", "LeakyReLU").
std::string_view DisplayName(Kind kind);
// nullopt for an unknown or disabled name.
std::optional<Kind> KindFromName(std::string_view name);
// "identity, sigmoid, ..." (for error messages).
std::string EnabledNames();
const ParamSpec& Parameter(Kind kind);

// y = f(x). y may be x.
template <typename T>
void Forward(Kind kind, std::span<const T> x, std::span<T> y, std::optional<double> param = {});

// dydx = f'(x). dydx may be x.
template <typename T>
void Derivative(Kind kind, std::span<const T> x, std::span<T> dydx,
                std::optional<double> param = {});

// dx = dy * f'(x), with f'(x) rounded to T first (so it equals dy * Derivative bit for bit).
// dx may be dy or x. identity's is dx = dy, a copy: it does not read x (a NaN x does not reach
// dx, and dy's bits, NaN payloads included, are kept).
template <typename T>
void Backward(Kind kind, std::span<const T> x, std::span<const T> dy, std::span<T> dx,
              std::optional<double> param = {});

// Whether BackwardFromOutput exists for kind with this parameter (its default if absent):
// identity, sigmoid, tanh, relu, selu, and leaky_relu, prelu and elu with a positive slope or
// alpha, whose derivative is a function of their output (registry.h kSlopeFromOutput).
bool HasBackwardFromOutput(Kind kind, std::optional<double> param = {});

// dx = dy * f'(f^-1(y)) from the forward output y = f(x), so training can keep y and drop x
// (oneDNN's *_use_dst_for_bwd, PyTorch's sigmoid_backward): with f' rounded to T first, within
// kSlopeFromOutput.max_ulp of the exact f'(f^-1(y)) for every y in f's range (y outside it
// gets the formula's value). NaN y gives NaN; the y of f(+-inf) gives f'(+-inf).
// leaky_relu and prelu need slope > 0 and elu alpha > 0 (else f is not invertible); any other
// activation, or such a parameter, throws std::invalid_argument naming it. dx may be y or dy.
// identity's, as its Backward, is a copy of dy.
template <typename T>
void BackwardFromOutput(Kind kind, std::span<const T> y, std::span<const T> dy, std::span<T> dx,
                        std::optional<double> param = {});

// y = f(x) and dydx = f'(x) in one pass, bit-identical to Forward and Derivative.
// y may be x; dydx must not alias x or y.
template <typename T>
void ForwardAndDerivative(Kind kind, std::span<const T> x, std::span<T> y, std::span<T> dydx,
                          std::optional<double> param = {});

#if ACT_ENABLED_Prelu
// PReLU's backward pass: dx = dy * prelu'(x) and the return value dL/dslope = sum of dy * x
// over x < 0 (accumulated in double).
template <typename T>
double PreluBackward(std::span<const T> x, std::span<const T> dy, std::span<T> dx,
                     std::optional<double> slope = {});
#endif

// ---- SIMD targets --------------------------------------------------------------------------
// Every function here is safe to call from any thread. A forced target applies to the calls of
// the thread that forced it, so threads can run different targets side by side.

// Highway targets compiled into this binary that the CPU supports, best first ("AVX3", ...).
std::vector<std::string> AvailableTargets();
// The target this thread's next call runs on.
std::string CurrentTarget();
// Runs this thread's calls on one of AvailableTargets() (throws invalid_argument for any other
// name).
void ForceTarget(std::string_view name);
// Undoes ForceTarget for this thread: the best available target again.
void ResetTarget();

// Forces a target for this thread for the lifetime of the object, then restores the previous
// choice.
class ScopedTarget {
 public:
  explicit ScopedTarget(std::string_view name);
  ~ScopedTarget();
  ScopedTarget(const ScopedTarget&) = delete;
  ScopedTarget& operator=(const ScopedTarget&) = delete;

 private:
  int64_t previous_;
};

}  // namespace act
