// Accuracy sweeps: value and derivative of every activation x element type x SIMD target
// against the high-precision reference, with the registry's ULP bounds.
//   float:  every 4097th bit pattern of the whole float range (~1M inputs, subnormals and
//           both signs included) plus 2^18 points on [-20, 20];
//   double: 2^20 bit patterns spread over every exponent plus 2^17 points on [-20, 20].
// Float sweeps go through MeasureFloat, the code path of the exhaustive 2^32 sweep
// (verify/ulp_sweep, which writes reports/accuracy.md).
#include <catch2/catch.hpp>

#include "verify/sweep.h"
#include "verify/test_support.h"

namespace act::verify {
namespace {

template <typename T>
std::vector<T> SweepInputs() {
  std::vector<T> xs;
  if constexpr (std::is_same_v<T, float>) {
    xs = FloatPatterns(0, uint64_t{1} << 32, 4097);
  } else {
    xs = DoublePatterns(uint64_t{1} << 20, (uint64_t{1} << 44) + 4097);
  }
  return xs;
}

template <class Tag, typename T>
void CheckStats(const char* what, const char* target, const SweepStats& st, bool guard) {
  ReportStats<Tag, T>(what, target, st);
  CHECK(st.value.max_ulp <= MaxUlpValue<Tag, T>());
  CHECK(st.slope.max_ulp <= MaxUlpSlope<Tag, T>());
  CHECK(st.slope.max_root_abs <= kRootAbsBound<T>);
  if (guard) {
    // A sweep whose outputs are nearly all 0 or +-1 would pass for a broken kernel.
    CHECK(st.value.SaturatedFraction() < 0.9);
    if (!Tag::kPiecewiseLinear) CHECK(st.slope.SaturatedFraction() < 0.9);
  }
}

// Float: the path of verify/ulp_sweep (MeasureFloat), on a strided subset of its 2^32 inputs.
template <class Tag>
void FloatSweep() {
  const float param = static_cast<float>(Tag::kParam.default_value);
  const std::vector<float> patterns = SweepInputs<float>();
  const std::vector<float> fine = FineGrid<float>(-20, 20, 1 << 18);
  ForEachTarget([&](const std::string& target) {
    SweepStats on_patterns, on_fine;
    MeasureFloat<Tag>(patterns, param, on_patterns);
    MeasureFloat<Tag>(fine, param, on_fine);
    CheckStats<Tag, float>("bit patterns", target.c_str(), on_patterns, false);
    CheckStats<Tag, float>("[-20, 20]", target.c_str(), on_fine, true);
  });
}

// Double: references in long double (50 digits where needed), computed once for all targets.
template <class Tag>
void DoubleSweep() {
  const double param = Tag::kParam.default_value;
  const std::vector<double> patterns = SweepInputs<double>();
  const std::vector<double> fine = FineGrid<double>(-20, 20, 1 << 17);
  const auto pattern_refs = References<Tag, double>(patterns, param);
  const auto fine_refs = References<Tag, double>(fine, param);
  ForEachTarget([&](const std::string& target) {
    CheckStats<Tag, double>("bit patterns", target.c_str(),
                            Compare<Tag, double>(patterns, pattern_refs, param), false);
    CheckStats<Tag, double>("[-20, 20]", target.c_str(),
                            Compare<Tag, double>(fine, fine_refs, param), true);
  });
}

template <class Tag, typename T>
void AccuracySweep() {
  if constexpr (std::is_same_v<T, float>) {
    FloatSweep<Tag>();
  } else {
    DoubleSweep<Tag>();
  }
}

#define ACT_ACCURACY_TEST(T, Type) \
  TEST_CASE("accuracy - " #Type " - " #T, "[accuracy]") { AccuracySweep<Type, T>(); }
#define ACT_ACCURACY_TESTS(Type) ACT_FOR_EACH_TYPE(ACT_ACCURACY_TEST, Type)
ACT_FOR_EACH_ENABLED(ACT_ACCURACY_TESTS)

}  // namespace
}  // namespace act::verify
