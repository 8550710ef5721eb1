// The activation registry: one tag struct per row of activation_list.h with everything about
// the activation that is not code. Kernels (kernels/families/), references (verify/reference.h),
// tests, benchmarks and the MLP are all derived from these tags and ACT_FOR_EACH_ENABLED.
//
// Conventions shared by every activation:
// - A parameter is rounded to the element type T before use, so a float kernel computes
//   f(x; float(p)) and is measured against exactly that.
// - Accuracy bounds are in ULP of the exact result: |y - exact| / spacing(exact), with the
//   smallest subnormal spacing as the floor. kMaxUlpValue / kMaxUlpSlope bound the float
//   kernels (the project's targets: 2 and 4 ULP). kMaxUlpValueDouble / kMaxUlpSlopeDouble are
//   what the double kernels guarantee, measured on a dense sweep: 2 / 4 for every activation
//   (exact or 0.5 ULP for the piecewise-linear ones).
// - Where f' has a root, the relative bound cannot hold (the exact value is ~0); inside
//   kDerivativeRoot (kDerivativeRoot.Contains(x)) the bound is an absolute error of one epsilon/2 of T
//   (2^-24 for float, 2^-53 for double) instead.
#pragma once

#include <concepts>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

#include "act/act_config.h"
#include "kernels/half.h"

namespace act {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// A parameter and its valid range. The public API rounds a parameter to the element type T
// first and then rejects (std::invalid_argument) one that is not finite in T or lies outside
// [lo, hi] (-kInf / kInf: any finite T). The bounds are those that keep every intermediate
// value of the kernel finite; each tag says where its bounds come from.
struct ParamSpec {
  std::string_view name;  // empty: the activation takes no parameter
  double default_value, lo, hi;
  constexpr bool Exists() const { return !name.empty(); }
};
inline constexpr ParamSpec kNoParam{"", 0.0, 0.0, 0.0};

// The derivative as a function of the output, f'(f^-1(y)), for BackwardFromOutput (training
// that keeps y = f(x) and drops x, as oneDNN's *_use_dst_for_bwd and PyTorch's
// sigmoid_backward do): its formula (empty: f' is not a function of y), its bound in ULP of T
// against the exact f'(f^-1(y)) over every y in f's range, and whether the parameter must be
// positive (a slope or alpha of 0 or below makes f map x < 0 and x > 0 to the same y).
struct SlopeFromOutput {
  std::string_view formula;
  double max_ulp = 0.0;
  bool needs_positive_param = false;
  constexpr bool Exists() const { return !formula.empty(); }
};
inline constexpr SlopeFromOutput kNoSlopeFromOutput{};

// f and f' at -inf and +inf: what the kernels return bit-exactly for infinite inputs.
struct Limits {
  double value_at_neg_inf, value_at_pos_inf, slope_at_neg_inf, slope_at_pos_inf;
};

// The root of f' (`at`) and the interval around it where the absolute-error rule applies.
struct SlopeRoot {
  double at, lo, hi;
  constexpr bool Exists() const { return lo <= hi; }
  constexpr bool Contains(double x) const { return x >= lo && x <= hi; }
};
inline constexpr SlopeRoot kNoSlopeRoot{std::numeric_limits<double>::quiet_NaN(), 1.0, -1.0};

// SELU's fixed constants (Klambauer et al. 2017), to double precision.
inline constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
inline constexpr double kSeluLambda = 1.0507009873554804934193349852946;
// lambda * alpha correctly rounded (50-digit product); the double product of the two rounded
// constants is one ULP lower.
inline constexpr double kSeluLambdaAlpha = 0x1.c212cc640f031p+0;  // 1.7580993408473768

// Sign of a slope parameter times +-inf, with slope 0 giving the limit of the zero function.
constexpr double TimesInf(double slope, double inf) {
  return slope == 0.0 ? (inf < 0 ? -0.0 : 0.0) : slope * inf;
}

struct Identity {
  static constexpr std::string_view kName = "identity";
  static constexpr std::string_view kDisplayName = "Linear";
  static constexpr std::string_view kFormula = "x";
  static constexpr std::string_view kDerivativeFormula = "1";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = true;
  static constexpr double kMaxUlpValue = 0.0, kMaxUlpSlope = 0.0;
  static constexpr double kMaxUlpValueDouble = 0.0, kMaxUlpSlopeDouble = 0.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"1", 0.0};
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = true;
  static constexpr Limits GetLimits(double) { return {-kInf, kInf, 1.0, 1.0}; }
};

struct Sigmoid {
  static constexpr std::string_view kName = "sigmoid";
  static constexpr std::string_view kDisplayName = "Sigmoid";
  static constexpr std::string_view kFormula = "1 / (1 + e^-x), from e^-|x| and reflected";
  static constexpr std::string_view kDerivativeFormula = "s(x) s(-x)";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"y (1 - y)", 1.5};
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = true;
  static constexpr Limits GetLimits(double) { return {0.0, 1.0, 0.0, 0.0}; }
};

struct Tanh {
  static constexpr std::string_view kName = "tanh";
  static constexpr std::string_view kDisplayName = "Tanh";
  static constexpr std::string_view kFormula = "tanh|x| = -expm1(-2|x|) / (1 + e^-2|x|), sign of x";
  static constexpr std::string_view kDerivativeFormula = "sech^2(x) = 4 s(2x) s(-2x)";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"1 - y^2", 1.5};
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = false;
  static constexpr Limits GetLimits(double) { return {-1.0, 1.0, 0.0, 0.0}; }
};

// relu(-0) = +0 (the sign of a clamped zero is not kept); relu'(0) = 0.
struct Relu {
  static constexpr std::string_view kName = "relu";
  static constexpr std::string_view kDisplayName = "ReLU";
  static constexpr std::string_view kFormula = "x > 0 ? x : +0";
  static constexpr std::string_view kDerivativeFormula = "x > 0 ? 1 : 0";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = true;
  static constexpr double kMaxUlpValue = 0.0, kMaxUlpSlope = 0.0;
  static constexpr double kMaxUlpValueDouble = 0.0, kMaxUlpSlopeDouble = 0.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"y > 0 ? 1 : 0", 0.0};
  static constexpr bool kKinkAtZero = true;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = true;
  static constexpr Limits GetLimits(double) { return {0.0, kInf, 0.0, 1.0}; }
};

// leaky_relu(-0) = slope * -0 = -0 for slope > 0; leaky_relu'(0) = slope (PyTorch's convention).
struct LeakyRelu {
  static constexpr std::string_view kName = "leaky_relu";
  static constexpr std::string_view kDisplayName = "LeakyReLU";
  static constexpr std::string_view kFormula = "x > 0 ? x : slope x";
  static constexpr std::string_view kDerivativeFormula = "x > 0 ? 1 : slope";
  // Any finite slope: the kernel forms only x f'(x), which overflows only where the true value
  // does.
  static constexpr ParamSpec kParam = {"slope", 0.01, -kInf, kInf};
  static constexpr bool kPiecewiseLinear = true;
  static constexpr double kMaxUlpValue = 0.5, kMaxUlpSlope = 0.0;
  static constexpr double kMaxUlpValueDouble = 0.5, kMaxUlpSlopeDouble = 0.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"y > 0 ? 1 : slope", 0.0, true};
  static constexpr bool kKinkAtZero = true;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = true;
  static constexpr Limits GetLimits(double slope) {
    return {TimesInf(slope, -kInf), kInf, slope, 1.0};
  }
};

// Same function as LeakyRelu, but the slope is a learned parameter: PReluBackward also returns
// dL/dslope = sum of dy x over x < 0.
struct Prelu {
  static constexpr std::string_view kName = "prelu";
  static constexpr std::string_view kDisplayName = "PReLU";
  static constexpr std::string_view kFormula = "x > 0 ? x : slope x";
  static constexpr std::string_view kDerivativeFormula = "x > 0 ? 1 : slope";
  static constexpr ParamSpec kParam = {"slope", 0.25, -kInf, kInf};  // as LeakyRelu
  static constexpr bool kPiecewiseLinear = true;
  static constexpr double kMaxUlpValue = 0.5, kMaxUlpSlope = 0.0;
  static constexpr double kMaxUlpValueDouble = 0.5, kMaxUlpSlopeDouble = 0.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"y > 0 ? 1 : slope", 0.0, true};
  static constexpr bool kKinkAtZero = true;
  static constexpr bool kInSeedExperiments = false, kInPublishedTable = false;
  static constexpr Limits GetLimits(double slope) {
    return {TimesInf(slope, -kInf), kInf, slope, 1.0};
  }
};

// elu'(0) = alpha (the x <= 0 branch, as PyTorch); continuous at 0 only for alpha = 1.
struct Elu {
  static constexpr std::string_view kName = "elu";
  static constexpr std::string_view kDisplayName = "ELU";
  static constexpr std::string_view kFormula = "x > 0 ? x : alpha expm1(x)";
  static constexpr std::string_view kDerivativeFormula = "x > 0 ? 1 : alpha e^x";
  // alpha <= 2^30: the full-range kernel multiplies alpha by e^x's mantissa part before its
  // power of two (so it must not overflow), and takes e^x at x = -125 (float) or -1100
  // (double) for every x below, which is exact only while alpha e^-125 < 2^-150 rounds to 0.
  static constexpr ParamSpec kParam = {"alpha", 1.0, 0.0, 0x1p30};
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"y > 0 ? 1 : y + alpha", 0.5, true};
  static constexpr bool kKinkAtZero = true;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = false;
  static constexpr Limits GetLimits(double alpha) { return {-alpha, kInf, 0.0, 1.0}; }
};

struct Selu {
  static constexpr std::string_view kName = "selu";
  static constexpr std::string_view kDisplayName = "SELU";
  static constexpr std::string_view kFormula = "lambda (x > 0 ? x : alpha expm1(x))";
  static constexpr std::string_view kDerivativeFormula = "lambda (x > 0 ? 1 : alpha e^x)";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = {"y > 0 ? lambda : y + lambda alpha (lambda alpha in two parts)", 1.0};
  static constexpr bool kKinkAtZero = true;
  static constexpr bool kInSeedExperiments = false, kInPublishedTable = false;
  static constexpr Limits GetLimits(double) {
    return {-kSeluLambdaAlpha, kInf, 0.0, kSeluLambda};
  }
};

// silu' has its root at x = -1.2784645...
struct Silu {
  static constexpr std::string_view kName = "silu";
  static constexpr std::string_view kDisplayName = "SiLU";
  static constexpr std::string_view kFormula = "x s(x)";
  static constexpr std::string_view kDerivativeFormula = "s(x) (1 + x s(-x))";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = {-1.2784645427610738, -1.375, -1.1875};
  static constexpr SlopeFromOutput kSlopeFromOutput = kNoSlopeFromOutput;
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = false;
  static constexpr Limits GetLimits(double) { return {-0.0, kInf, -0.0, 1.0}; }
};

// gelu' has its root at x = -0.7517916...
struct GeluErf {
  static constexpr std::string_view kName = "gelu_erf";
  static constexpr std::string_view kDisplayName = "GELU";
  static constexpr std::string_view kFormula = "x Phi(x), Phi(-|x|) = erfc(|x|/sqrt2)/2 from exp(-x^2/2)";
  static constexpr std::string_view kDerivativeFormula = "Phi(x) + x phi(x)";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = {-0.7517915246935645, -0.8125, -0.6875};
  static constexpr SlopeFromOutput kSlopeFromOutput = kNoSlopeFromOutput;
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = true, kInPublishedTable = true;
  static constexpr Limits GetLimits(double) { return {-0.0, kInf, -0.0, 1.0}; }
};

// gelu_tanh' has its root at x = -0.7524614...
struct GeluTanh {
  static constexpr std::string_view kName = "gelu_tanh";
  static constexpr std::string_view kDisplayName = "GELU (tanh)";
  static constexpr std::string_view kFormula = "x s(2u), u = sqrt(2/pi) (x + 0.044715 x^3)";
  static constexpr std::string_view kDerivativeFormula = "s(2u) + x s(2u) s(-2u) 2u'";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = {-0.75246142, -0.8125, -0.6875};
  static constexpr SlopeFromOutput kSlopeFromOutput = kNoSlopeFromOutput;
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = false, kInPublishedTable = false;
  static constexpr Limits GetLimits(double) { return {-0.0, kInf, -0.0, 1.0}; }
};

// mish' has its root at x = -1.1924312...
struct Mish {
  static constexpr std::string_view kName = "mish";
  static constexpr std::string_view kDisplayName = "Mish";
  static constexpr std::string_view kFormula = "x tanh(softplus(x)), rational in e^-|x|";
  static constexpr std::string_view kDerivativeFormula = "tanh(sp) + x sech^2(sp) s(x)";
  static constexpr ParamSpec kParam = kNoParam;
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = {-1.1924312145154952, -1.3125, -1.0625};
  static constexpr SlopeFromOutput kSlopeFromOutput = kNoSlopeFromOutput;
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = false, kInPublishedTable = false;
  static constexpr Limits GetLimits(double) { return {-0.0, kInf, -0.0, 1.0}; }
};

struct Softplus {
  static constexpr std::string_view kName = "softplus";
  static constexpr std::string_view kDisplayName = "Softplus";
  static constexpr std::string_view kFormula = "max(x, 0) + log1p(e^-beta|x|) / beta, log1p from 1 + e kept in two parts";
  static constexpr std::string_view kDerivativeFormula = "s(beta x)";
  // beta in [2^-30, 2^64]: the split of beta and of x (up to 1000/beta) that forms beta x's
  // rounding error on targets without FMA (their product with 4097) must be finite, and the
  // full-range kernel takes e^(beta x) at beta x = -125 (float) for every beta x below, which
  // is exact only while e^-125 / beta < 2^-150 rounds to 0.
  static constexpr ParamSpec kParam = {"beta", 1.0, 0x1p-30, 0x1p64};
  static constexpr bool kPiecewiseLinear = false;
  static constexpr double kMaxUlpValue = 2.0, kMaxUlpSlope = 4.0;
  static constexpr double kMaxUlpValueDouble = 2.0, kMaxUlpSlopeDouble = 4.0;
  static constexpr SlopeRoot kDerivativeRoot = kNoSlopeRoot;
  static constexpr SlopeFromOutput kSlopeFromOutput = kNoSlopeFromOutput;
  static constexpr bool kKinkAtZero = false;
  static constexpr bool kInSeedExperiments = false, kInPublishedTable = false;
  static constexpr Limits GetLimits(double) { return {0.0, kInf, 0.0, 1.0}; }
};

// Every tag's root of f', enabled or not, in list order (so that the golden points are the
// same in every configuration).
inline constexpr SlopeRoot kAllSlopeRoots[] = {
#define ACT_ACTIVATION(Type, name) Type::kDerivativeRoot,
#include "kernels/activation_list.h"
#undef ACT_ACTIVATION
};

// Everything a tag must define (Identity above shows each field); a missing one fails here,
// naming the tag, before any code that uses it.
//   kName             the name in ACT_ACTIVATIONS, the API and every report
//   kDisplayName      the name the published write-ups use ("GELU", "Linear")
//   kFormula, kDerivativeFormula   for the reports and README
//   kParam            the parameter: name, default, valid range (kNoParam if none)
//   kPiecewiseLinear  exact kernels whose loops need no in-range path
//   kMaxUlpValue, kMaxUlpSlope, kMaxUlpValueDouble, kMaxUlpSlopeDouble   the bounds (see top)
//   kDerivativeRoot   the root of f' and its absolute-error interval (kNoSlopeRoot if none)
//   kSlopeFromOutput  f' as a function of y = f(x), for BackwardFromOutput (kNoSlopeFromOutput
//                     if it is not one)
//   kKinkAtZero       f' jumps at 0: finite differences skip it
//   kInSeedExperiments, kInPublishedTable   the MLP experiments' default set and the rows of
//                     the published vanishing-gradient table
//   GetLimits(param)  f and f' at -inf and +inf, bit-exact
template <class Tag>
concept ActivationTag = requires(double param) {
  { Tag::kName } -> std::convertible_to<std::string_view>;
  { Tag::kDisplayName } -> std::convertible_to<std::string_view>;
  { Tag::kFormula } -> std::convertible_to<std::string_view>;
  { Tag::kDerivativeFormula } -> std::convertible_to<std::string_view>;
  { Tag::kParam } -> std::convertible_to<ParamSpec>;
  { Tag::kPiecewiseLinear } -> std::convertible_to<bool>;
  { Tag::kMaxUlpValue } -> std::convertible_to<double>;
  { Tag::kMaxUlpSlope } -> std::convertible_to<double>;
  { Tag::kMaxUlpValueDouble } -> std::convertible_to<double>;
  { Tag::kMaxUlpSlopeDouble } -> std::convertible_to<double>;
  { Tag::kDerivativeRoot } -> std::convertible_to<SlopeRoot>;
  { Tag::kSlopeFromOutput } -> std::convertible_to<SlopeFromOutput>;
  { Tag::kKinkAtZero } -> std::convertible_to<bool>;
  { Tag::kInSeedExperiments } -> std::convertible_to<bool>;
  { Tag::kInPublishedTable } -> std::convertible_to<bool>;
  { Tag::GetLimits(param) } -> std::same_as<Limits>;
};
#define ACT_CHECK_TAG(Type) \
  static_assert(ActivationTag<Type>, "registry.h: the tag " #Type " lacks a field of ActivationTag");
ACT_FOR_EACH_ENABLED(ACT_CHECK_TAG)
#undef ACT_CHECK_TAG

// The parameter argument that makes the API use `param` for Tag: nullopt for an activation
// without a parameter (passing one would be an error).
template <class Tag>
constexpr std::optional<double> ParamArgument(double param) {
  return Tag::kParam.Exists() ? std::optional<double>(param) : std::nullopt;
}

// The enabled activations as a runtime enum, in list order (disabled ones do not exist).
enum class Kind {
#define ACT_KIND_ENUMERATOR(Type) k##Type,
  ACT_FOR_EACH_ENABLED(ACT_KIND_ENUMERATOR)
#undef ACT_KIND_ENUMERATOR
};

// KindOf<Tag>::value; only enabled tags have one, so code using a disabled tag fails to compile.
template <class Tag>
struct KindOf;
#define ACT_KIND_OF(Type)                            \
  template <>                                        \
  struct KindOf<Type> {                              \
    static constexpr Kind value = Kind::k##Type;     \
  };
ACT_FOR_EACH_ENABLED(ACT_KIND_OF)
#undef ACT_KIND_OF

// The accuracy bounds a kernel on element type T is held to (float: kMaxUlp*, double: kMaxUlp*Double).
template <class Tag, typename T>
constexpr double MaxUlpValue() {
  return std::is_same_v<T, float> ? Tag::kMaxUlpValue : Tag::kMaxUlpValueDouble;
}
template <class Tag, typename T>
constexpr double MaxUlpSlope() {
  return std::is_same_v<T, float> ? Tag::kMaxUlpSlope : Tag::kMaxUlpSlopeDouble;
}

template <typename T>
constexpr const char* TypeName() {
  if constexpr (std::is_same_v<T, bfloat16>) return "bfloat16";
  if constexpr (std::is_same_v<T, float16>) return "float16";
  return std::is_same_v<T, float> ? "float" : "double";
}

// The 16-bit storage types (half.h) return the float kernel's result rounded to S, so their
// bound in ULP of S is 0.5 (that rounding) plus the float bound carried over to S's spacing:
// float has 24 significant bits, bfloat16 8 and float16 11, so a float ULP is 2^-16 of a
// bfloat16 ULP and 2^-13 of a float16 one (also among subnormals, where S's spacing is the
// coarser one). Inside kDerivativeRoot the float kernels' absolute 2^-24 takes the float
// bound's place: |f'16 - f'| <= 0.5 ULP of S + 2^-24.
template <Storage16 S>
inline constexpr double kFloatUlpInStorage16 = std::is_same_v<S, bfloat16> ? 0x1p-16 : 0x1p-13;
template <Storage16 S, class Tag>
constexpr double MaxUlpValue16() {
  return 0.5 + Tag::kMaxUlpValue * kFloatUlpInStorage16<S>;
}
template <Storage16 S, class Tag>
constexpr double MaxUlpSlope16() {
  return 0.5 + Tag::kMaxUlpSlope * kFloatUlpInStorage16<S>;
}

}  // namespace act
