// BackwardFromOutput, on every SIMD target:
//   - accuracy against the exact f'(f^-1(y)) (verify/from_output.h) on a stride over all float
//     and double bit patterns plus every y within a few thousand ULP of the ends of f's range
//     and of 0, with the registry bound (kSlopeFromOutput.max_ulp) printed beside what was
//     measured (every float y: verify/from_output_sweep);
//   - for the piecewise-linear activations, BackwardFromOutput(Forward(x)) == Backward(x) bit for
//     bit (the output loses nothing they need), and for all at NaN, +-inf and +-0;
//   - the 16-bit types: S(dy * S(slope)) of the float slope, bit for bit, every 16-bit y;
//   - the errors: an activation without one, a parameter that makes f non-invertible, lengths.
// Outputs are pre-filled with NaN so an unwritten lane cannot pass.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "verify/from_output.h"
#include "verify/test_support.h"

namespace act::verify {
namespace {

template <typename T>
bool SameBits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

// Every T within `count` steps either side of each of `centres`.
template <typename T>
std::vector<T> Neighbours(std::initializer_list<T> centres, int count) {
  std::vector<T> ys;
  for (const T c : centres) {
    T up = c, down = c;
    ys.push_back(c);
    for (int i = 0; i < count; ++i) {
      up = std::nextafter(up, std::numeric_limits<T>::infinity());
      down = std::nextafter(down, -std::numeric_limits<T>::infinity());
      ys.push_back(up);
      ys.push_back(down);
    }
  }
  return ys;
}

// The ys of the accuracy test for Tag in T.
template <class Tag, typename T>
std::vector<T> TestOutputs(T param) {
  std::vector<T> ys;
  if constexpr (std::is_same_v<T, float>) {
    ys = FloatPatterns(0, uint64_t{1} << 32, 4099);
  } else {
    ys = DoublePatterns(1 << 20, 0x9e3779b97f4a7c15ull);
  }
  const T lower = std::is_same_v<Tag, Selu> ? static_cast<T>(-kSeluLambdaAlpha) : -param;
  for (const T y : Neighbours<T>({T(0), T(1), T(-1), T(0.5), lower}, 4096)) ys.push_back(y);
  for (const T y : FineGrid<T>(-2, 2, 1 << 16)) ys.push_back(y);
  return ys;
}

template <class Tag, typename T>
void CheckAccuracy() {
  const T param = FromOutputParam<Tag, T>();
  const std::vector<T> ys = TestOutputs<Tag, T>(param);
  const double bound = Tag::kSlopeFromOutput.max_ulp;
  ForEachTarget([&](const std::string& target) {
    ErrorStats stats;
    MeasureFromOutput<Tag, T>(ys, param, stats);
    std::printf("%-10s %-6s %-7s from output: max %.3f ULP at y = %s (bound %.1f, %lld ys in f's range)\n",
                std::string(Tag::kName).c_str(), TypeName<T>(), target.c_str(), stats.max_ulp,
                Hex(stats.arg_max_ulp).c_str(), bound, stats.count);
    INFO(Tag::kName << " " << TypeName<T>() << " on " << target << ": max " << stats.max_ulp
                    << " ULP at y = " << Hex(stats.arg_max_ulp));
    CHECK(stats.count > 100000);
    CHECK(stats.max_ulp <= bound);
  });
}

// Where the output carries all Backward needs (and at the special values for all): the same bits.
template <class Tag, typename T>
void CheckAgainstBackward() {
  const Kind kind = KindOf<Tag>::value;
  const T param = FromOutputParam<Tag, T>();
  constexpr T kInf = std::numeric_limits<T>::infinity(), kNaN = std::numeric_limits<T>::quiet_NaN();
  std::vector<T> x = {kNaN, -kInf, kInf, T(0), -T(0)};
  if constexpr (Tag::kPiecewiseLinear) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> uniform(-100, 100);
    for (int i = 0; i < 1000; ++i) x.push_back(static_cast<T>(uniform(rng)));
  }
  // selu(-inf) = -lambda alpha rounds above the limit: that y is f(x) at x near -18.1 (float)
  // or -40 (double), and gets f' there, not f'(-inf) = 0 (the accuracy test covers it).
  if constexpr (std::is_same_v<Tag, Selu>) x.erase(x.begin() + 1);
  std::vector<T> dy(x.size());
  for (size_t i = 0; i < dy.size(); ++i) dy[i] = static_cast<T>(0.75 - 0.125 * static_cast<double>(i % 13));
  ForEachTarget([&](const std::string& target) {
    std::vector<T> y(x.size(), kNaN), expected(x.size(), kNaN), got(x.size(), kNaN);
    Forward<T>(kind, x, y, ParamArgument<Tag>(param));
    Backward<T>(kind, x, dy, expected, ParamArgument<Tag>(param));
    BackwardFromOutput<T>(kind, y, dy, got, ParamArgument<Tag>(param));
    size_t mismatches = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const bool same = std::isnan(expected[i]) ? std::isnan(got[i]) : SameBits(got[i], expected[i]);
      if (!same && ++mismatches <= 5) {
        UNSCOPED_INFO("x = " << Hex(x[i]) << ", y = " << Hex(y[i]) << ": from output " << Hex(got[i])
                             << ", Backward " << Hex(expected[i]));
      }
    }
    INFO(Tag::kName << " " << TypeName<T>() << " on " << target);
    CHECK(mismatches == 0);
  });
}

#if (ACT_HAS_BFLOAT16 || ACT_HAS_FLOAT16) && ACT_HAS_FLOAT
template <Storage16 S, class Tag>
void Check16() {
  const Kind kind = KindOf<Tag>::value;
  const float param = ToFloat(FromDouble<S>(Tag::kParam.default_value));
  std::vector<S> y(1 << 16), dy(y.size());
  std::vector<float> yf(y.size()), ones(y.size(), 1.0f);
  for (size_t i = 0; i < y.size(); ++i) {
    y[i] = S{static_cast<uint16_t>(i)};
    yf[i] = ToFloat(y[i]);
    dy[i] = FromFloat<S>(static_cast<float>(0.75 - 0.125 * static_cast<double>(i % 13)));
  }
  ForEachTarget([&](const std::string& target) {
    std::vector<float> slope(y.size(), NAN);
    BackwardFromOutput<float>(kind, yf, ones, slope, ParamArgument<Tag>(param));
    std::vector<S> dx(y.size(), FromFloat<S>(NAN));
    BackwardFromOutput<S>(kind, y, dy, dx, ParamArgument<Tag>(double(param)));
    size_t mismatches = 0;
    for (size_t i = 0; i < y.size(); ++i) {
      const float expected = ToFloat(FromFloat<S>(ToFloat(dy[i]) * ToFloat(FromFloat<S>(slope[i]))));
      const float got = ToFloat(dx[i]);
      if (!(std::isnan(expected) ? std::isnan(got) : SameBits(got, expected))) ++mismatches;
    }
    INFO(Tag::kName << " " << TypeName<S>() << " on " << target << ": " << mismatches << " of 65536 differ");
    CHECK(mismatches == 0);
  });
}
#endif

// f(Tag{}) for every enabled activation with a slope from the output.
template <class F>
void ForEachWithSlopeFromOutput(F&& f) {
#define ACT_VISIT(Type) \
  if constexpr (Type::kSlopeFromOutput.Exists()) f(Type{});
  ACT_FOR_EACH_ENABLED(ACT_VISIT)
#undef ACT_VISIT
}

template <typename T>
void CheckErrors() {
  const std::vector<T> v(4, T(0.5));
  std::vector<T> out(4), shorter(3);
  size_t without = 0;
  for (const Kind kind : EnabledKinds()) {
    INFO(Name(kind));
    if (!HasBackwardFromOutput(kind)) {
      ++without;
      CHECK_THROWS_WITH(BackwardFromOutput<T>(kind, v, v, out),
                        Catch::Contains(std::string(Name(kind))) && Catch::Contains("not a function of its output"));
      continue;
    }
    CHECK_THROWS_AS(BackwardFromOutput<T>(kind, v, shorter, out), std::invalid_argument);
    CHECK_THROWS_AS(BackwardFromOutput<T>(kind, v, v, shorter), std::invalid_argument);
    CHECK_NOTHROW(BackwardFromOutput<T>(kind, std::span<const T>(), std::span<const T>(), std::span<T>()));
  }
  std::printf("BackwardFromOutput<%s>: %zu of %zu enabled activations have none and throw\n", TypeName<T>(),
              without, EnabledKinds().size());
  // f must be invertible: a slope or alpha of 0 or below is refused, naming it.
  for (const char* name : {"leaky_relu", "prelu", "elu"}) {
    const auto kind = KindFromName(name);
    if (!kind) continue;
    for (const double p : {0.0, -0.5}) {
      if (p < Parameter(*kind).lo) continue;  // refused as out of range anyway
      INFO(name << " with " << p);
      CHECK_THROWS_WITH(BackwardFromOutput<T>(*kind, v, v, out, p),
                        Catch::Contains(name) && Catch::Contains("> 0"));
    }
  }
}

#define ACT_FROM_OUTPUT_TESTS(T, unused)                                                         \
  TEST_CASE("from output accuracy - " #T, "[from_output]") {                                    \
    ForEachWithSlopeFromOutput([]<class Tag>(Tag) { CheckAccuracy<Tag, T>(); });                 \
  }                                                                                              \
  TEST_CASE("from output == Backward where the output holds all it needs - " #T, "[from_output]") { \
    ForEachWithSlopeFromOutput([]<class Tag>(Tag) { CheckAgainstBackward<Tag, T>(); });          \
  }                                                                                              \
  TEST_CASE("from output errors - " #T, "[from_output]") { CheckErrors<T>(); }
ACT_FOR_EACH_TYPE(ACT_FROM_OUTPUT_TESTS, unused)
#undef ACT_FROM_OUTPUT_TESTS

#if (ACT_HAS_BFLOAT16 || ACT_HAS_FLOAT16) && ACT_HAS_FLOAT
#define ACT_FROM_OUTPUT_16_TEST(S, unused)                                         \
  TEST_CASE("from output, every 16-bit y - " #S, "[from_output][half]") {          \
    ForEachWithSlopeFromOutput([]<class Tag>(Tag) { Check16<S, Tag>(); });          \
  }
ACT_FOR_EACH_STORAGE16(ACT_FROM_OUTPUT_16_TEST, unused)
#undef ACT_FROM_OUTPUT_16_TEST
#endif

#if ACT_ENABLED_Identity && ACT_HAS_FLOAT
// identity's Backward is a copy of dy: x is not read, and dy's bits (NaN payloads, signalling
// ones included) reach dx unchanged.
TEST_CASE("identity Backward copies dy", "[from_output]") {
  const std::vector<uint32_t> bits = {0x7fa00001u, 0xffc00123u, 0x80000000u, 0x3f800000u, 0x00000001u};
  std::vector<float> dy(bits.size()), x(bits.size(), NAN), dx(bits.size(), 0.0f);
  std::memcpy(dy.data(), bits.data(), bits.size() * sizeof(float));
  ForEachTarget([&](const std::string& target) {
    Backward<float>(Kind::kIdentity, x, dy, dx);
    INFO(target);
    CHECK(std::memcmp(dx.data(), dy.data(), dy.size() * sizeof(float)) == 0);
  });
}
#endif

}  // namespace
}  // namespace act::verify
