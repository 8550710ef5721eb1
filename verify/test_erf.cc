// The vectorized erf and erfc of kernels/erf-inl.h on their own, in float and double lanes, on
// every SIMD target, against Boost.Math's erf/erfc in long double. Compiled per target here
// (the kernels library does not export them).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "verify/test_erf.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/erf-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act::verify {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// n must be a multiple of the lane count (the test pads its inputs).
template <typename T>
void ErfArrays(const T* x, T* erf_out, T* erfc_out, size_t n) {
  const hn::ScalableTag<T> d;
  for (size_t i = 0; i < n; i += hn::Lanes(d)) {
    const auto v = hn::LoadU(d, x + i);
    hn::StoreU(act::HWY_NAMESPACE::Erf(d, v), d, erf_out + i);
    hn::StoreU(act::HWY_NAMESPACE::Erfc(d, v), d, erfc_out + i);
  }
}
void ErfFloat(const float* x, float* e, float* c, size_t n) { ErfArrays(x, e, c, n); }
void ErfDouble(const double* x, double* e, double* c, size_t n) { ErfArrays(x, e, c, n); }

}  // namespace HWY_NAMESPACE
}  // namespace act::verify
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <boost/math/special_functions/erf.hpp>
#include <catch2/catch.hpp>

#include "verify/test_support.h"

namespace act::verify {
HWY_EXPORT(ErfFloat);
HWY_EXPORT(ErfDouble);

namespace {

// Bounds (ULP of the exact result) over the sweep below, a little above what was measured on
// AVX3/AVX2/SSE4/SCALAR: erf float 2.37, double 1.55; erfc float 5.54, double 5.62. The float
// lanes (degree-12 F, evaluated in float) are not used by any kernel yet: gelu_erf on float
// arrays runs in double lanes and rounds once.
template <typename T>
struct ErfBounds;
template <>
struct ErfBounds<float> {
  static constexpr double kErf = 2.5, kErfc = 6.0;
};
template <>
struct ErfBounds<double> {
  static constexpr double kErf = 2.0, kErfc = 6.0;
};

template <typename T>
void CheckErf() {
  std::vector<T> xs;
  if constexpr (std::is_same_v<T, float>) {
    xs = FloatPatterns(0, uint64_t{1} << 32, 4097);
  } else {
    xs = DoublePatterns(uint64_t{1} << 19, (uint64_t{1} << 44) + 4097);
  }
  const std::vector<T> fine = FineGrid<T>(-30, 30, 1 << 17);
  xs.insert(xs.end(), fine.begin(), fine.end());
  xs.resize((xs.size() + 15) / 16 * 16, T(0));  // whole vectors on every target
  std::vector<long double> exact_erf(xs.size()), exact_erfc(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) {
    exact_erf[i] = boost::math::erf(static_cast<long double>(xs[i]));
    exact_erfc[i] = boost::math::erfc(static_cast<long double>(xs[i]));
  }
  ForEachTarget([&](const std::string& target) {
    std::vector<T> e(xs.size(), std::numeric_limits<T>::quiet_NaN()), c = e;
    if constexpr (std::is_same_v<T, float>) {
      HWY_DYNAMIC_DISPATCH(ErfFloat)(xs.data(), e.data(), c.data(), xs.size());
    } else {
      HWY_DYNAMIC_DISPATCH(ErfDouble)(xs.data(), e.data(), c.data(), xs.size());
    }
    ErrorStats erf_stats, erfc_stats;
    for (size_t i = 0; i < xs.size(); ++i) {
      Record<T>(erf_stats, xs[i], e[i], exact_erf[i], false);
      Record<T>(erfc_stats, xs[i], c[i], exact_erfc[i], false);
    }
    std::printf("erf  %-6s %-7s max %.3f ULP at %s (bound %.1f), erfc max %.3f ULP at %s (bound "
                "%.1f), %lld inputs\n",
                TypeName<T>(), target.c_str(), erf_stats.max_ulp, Hex(erf_stats.arg_max_ulp).c_str(),
                ErfBounds<T>::kErf, erfc_stats.max_ulp, Hex(erfc_stats.arg_max_ulp).c_str(),
                ErfBounds<T>::kErfc, erf_stats.count);
    CHECK(erf_stats.max_ulp <= ErfBounds<T>::kErf);
    CHECK(erfc_stats.max_ulp <= ErfBounds<T>::kErfc);
    CHECK(erf_stats.SaturatedFraction() < 0.9);
  });
}

TEST_CASE("erf and erfc - float", "[erf]") { CheckErf<float>(); }
TEST_CASE("erf and erfc - double", "[erf]") { CheckErf<double>(); }

}  // namespace
}  // namespace act::verify
#endif  // HWY_ONCE
