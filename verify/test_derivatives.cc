// Derivatives against finite differences (Boost.Math finite_difference_derivative), twice:
//  1. the reference's analytic f' against the 8th-order difference of the reference's f, in
//     long double (an error in a derivative formula of reference.h shows here);
//  2. the double kernels' Derivative against the 6th-order difference of their Forward, on every
//     SIMD target (a kernel whose f' disagrees with its own f shows here).
// Points: 401 on [-20, 20] plus the roots of f'. Kinks (relu, leaky_relu, prelu, elu, selu at 0)
// are skipped explicitly where the difference stencil would straddle them.
#include <boost/math/differentiation/finite_difference.hpp>
#include <catch2/catch.hpp>

#include "verify/test_support.h"

namespace act::verify {
namespace {

// Tolerances: the differences' own truncation and rounding error, scaled by the size of f.
constexpr long double kReferenceTolerance = 1e-13L;  // long double, order 8 (measured <= 1.4e-15)
constexpr double kKernelTolerance = 1e-11;  // double, order 6 (measured <= 9e-14)
constexpr double kKinkMargin = 0.25;                 // wider than either stencil

std::vector<double> DerivativePoints() {
  std::vector<double> xs;
  for (int i = -200; i <= 200; ++i) xs.push_back(i * 0.1 + 0.0123);  // off the grid of kinks
  for (const act::SlopeRoot& root : act::kAllSlopeRoots) {
    if (root.Exists()) xs.push_back(root.at);
  }
  return xs;
}

template <class Tag>
bool NearKink(double x) {
  return Tag::kKinkAtZero && std::fabs(x) < kKinkMargin;
}

template <class Tag>
void ReferenceAgainstDifferences() {
  const long double param = static_cast<float>(Tag::kParam.default_value);
  long double worst = 0, worst_x = 0;
  int skipped = 0;
  for (const double x0 : DerivativePoints()) {
    if (NearKink<Tag>(x0)) {
      ++skipped;
      continue;
    }
    const long double x = x0;
    const auto f = [&](long double t) { return Reference(Tag{}, t, param).value; };
    const long double fd =
        boost::math::differentiation::finite_difference_derivative<decltype(f), long double, 8>(f, x);
    const long double analytic = Reference(Tag{}, x, param).slope;
    const long double scale = std::max({1.0L, std::fabs(f(x)), std::fabs(x)});
    const long double error = std::fabs(fd - analytic) / scale;
    if (error > worst) worst = error, worst_x = x;
  }
  std::printf("%-10s reference f' vs 8th-order differences: max scaled error %.3Lg at x = %.4Lf "
              "(bound %.0Lg; %d points at the kink skipped)\n",
              std::string(Tag::kName).c_str(), worst, worst_x, kReferenceTolerance, skipped);
  CHECK(worst <= kReferenceTolerance);
}

template <class Tag>
void KernelAgainstDifferences() {
  const double param = static_cast<float>(Tag::kParam.default_value);
  const auto p = ParamArgument<Tag>(param);
  const Kind kind = KindOf<Tag>::value;
  const auto forward = [&](double t) {
    double y = std::numeric_limits<double>::quiet_NaN();
    Forward<double>(kind, std::span<const double>(&t, 1), std::span<double>(&y, 1), p);
    return y;
  };
  ForEachTarget([&](const std::string& target) {
    double worst = 0, worst_x = 0;
    for (const double x : DerivativePoints()) {
      if (NearKink<Tag>(x)) continue;
      double slope = std::numeric_limits<double>::quiet_NaN();
      Derivative<double>(kind, std::span<const double>(&x, 1), std::span<double>(&slope, 1), p);
      const double fd =
          boost::math::differentiation::finite_difference_derivative<decltype(forward), double, 6>(
              forward, x);
      const double scale = std::max({1.0, std::fabs(forward(x)), std::fabs(x)});
      const double error = std::isnan(slope) ? INFINITY : std::fabs(fd - slope) / scale;
      if (error > worst) worst = error, worst_x = x;
    }
    std::printf("%-10s double %-7s kernel f' vs 6th-order differences of its f: max scaled "
                "error %.3g at x = %.4f (bound %.0g)\n",
                std::string(Tag::kName).c_str(), target.c_str(), worst, worst_x, kKernelTolerance);
    CHECK(worst <= kKernelTolerance);
  });
}

#define ACT_REFERENCE_DERIVATIVE_TEST(Type)                               \
  TEST_CASE("finite differences - reference - " #Type, "[derivatives]") { \
    ReferenceAgainstDifferences<Type>();                                  \
  }
ACT_FOR_EACH_ENABLED(ACT_REFERENCE_DERIVATIVE_TEST)

#if ACT_HAS_DOUBLE
#define ACT_KERNEL_DERIVATIVE_TEST(Type)                                      \
  TEST_CASE("finite differences - double kernel - " #Type, "[derivatives]") { \
    KernelAgainstDifferences<Type>();                                         \
  }
ACT_FOR_EACH_ENABLED(ACT_KERNEL_DERIVATIVE_TEST)
#endif

}  // namespace
}  // namespace act::verify
