// The contract around the numbers, for every activation x element type x SIMD target:
// special values bit for bit, every length / alignment / aliasing the API allows, Backward and
// the fused pass bit-identical to Derivative and Forward, and bad arguments rejected.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <stdexcept>

#include "verify/test_support.h"

namespace act::verify {
namespace {

template <typename T>
bool SameBits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <class Tag>
std::optional<double> DefaultParam() {
  return ParamArgument<Tag>(Tag::kParam.default_value);
}

// The special values at parameter `param` (the default, or an edge of the valid range).
template <class Tag, typename T>
void SpecialValues(T param) {
  using L = std::numeric_limits<T>;
  const Kind kind = KindOf<Tag>::value;
  const Limits lim = Tag::GetLimits(param);
  const std::vector<T> x = {L::quiet_NaN(), -L::infinity(), L::infinity(), T(-0.0), T(0.0),
                            L::denorm_min(), -L::denorm_min(), L::min(), -L::min(),
                            L::max(), -L::max(), T(1e-30), T(-1e-30)};
  // A finite special's value and slope: signed zeros exactly the reference's (documented in
  // registry.h); subnormal, tiny and huge inputs within the bounds, never NaN.
  const auto check_finite_special = [&](T xi, T yi, T dyi) {
    const Exact<long double> exact = ReferenceFor<Tag, T>(xi, param);
    INFO("x = " << Hex(xi) << " y = " << Hex(yi) << " y' = " << Hex(dyi));
    if (xi == 0) {
      CHECK(SameBits(yi, static_cast<T>(exact.value)));
      CHECK(SameBits(dyi, static_cast<T>(exact.slope)));
    } else {
      CHECK(UlpError<T>(yi, exact.value) <= MaxUlpValue<Tag, T>());
      CHECK(UlpError<T>(dyi, exact.slope) <= MaxUlpSlope<Tag, T>());
    }
  };
  ForEachTarget([&](const std::string& target) {
    std::vector<T> y(x.size(), L::quiet_NaN()), dydx(x.size(), L::quiet_NaN());
    ForwardAndDerivative<T>(kind, x, y, dydx, ParamArgument<Tag>(param));
    std::printf("%-10s %-6s %-7s param %-13a f(nan)=%g f(-inf)=%a f(+inf)=%a f(-0)=%a f(+0)=%a | "
                "f'(nan)=%g f'(-inf)=%a f'(+inf)=%a f'(-0)=%a\n",
                std::string(Tag::kName).c_str(), TypeName<T>(), target.c_str(), double(param),
                double(y[0]), double(y[1]), double(y[2]), double(y[3]), double(y[4]), double(dydx[0]),
                double(dydx[1]), double(dydx[2]), double(dydx[3]));
    INFO(Tag::kName << " " << TypeName<T>() << " on " << target << " at param " << Hex(param));
    CHECK(std::isnan(y[0]));
    CHECK(std::isnan(dydx[0]));
    CHECK(SameBits(y[1], static_cast<T>(lim.value_at_neg_inf)));
    CHECK(SameBits(y[2], static_cast<T>(lim.value_at_pos_inf)));
    CHECK(SameBits(dydx[1], static_cast<T>(lim.slope_at_neg_inf)));
    CHECK(SameBits(dydx[2], static_cast<T>(lim.slope_at_pos_inf)));
    for (size_t i = 3; i < x.size(); ++i) check_finite_special(x[i], y[i], dydx[i]);
  });
  // The same finite specials, those within every in-range bound (|x| < 1), amid ordinary
  // lanes, so that the in-range path (EvaluateInRange) evaluates them: signed zeros keep their
  // sign there too, subnormal and tiny inputs meet the bounds.
  std::vector<T> specials;
  for (size_t i = 3; i < x.size(); ++i) {
    if (std::fabs(x[i]) < 1) specials.push_back(x[i]);
  }
  std::vector<T> amid(256);
  for (size_t i = 0; i < amid.size(); ++i) amid[i] = static_cast<T>((static_cast<int>(i % 9) - 4) * 0.375);
  std::vector<size_t> at;
  for (size_t k = 0; k < specials.size(); ++k) {
    at.push_back(3 + 19 * k);
    amid[at.back()] = specials[k];
  }
  ForEachTarget([&](const std::string& target) {
    std::vector<T> y(amid.size(), L::quiet_NaN()), dydx(amid.size(), L::quiet_NaN());
    ForwardAndDerivative<T>(kind, amid, y, dydx, ParamArgument<Tag>(param));
    std::printf("%-10s %-6s %-7s amid in-range lanes: f(-0)=%a f(+0)=%a f'(-0)=%a f'(+0)=%a\n",
                std::string(Tag::kName).c_str(), TypeName<T>(), target.c_str(), double(y[at[0]]),
                double(y[at[1]]), double(dydx[at[0]]), double(dydx[at[1]]));
    INFO(Tag::kName << " " << TypeName<T>() << " on " << target << " at param " << Hex(param)
                    << ", amid in-range lanes");
    for (const size_t i : at) check_finite_special(amid[i], y[i], dydx[i]);
  });
  // The limits are the reference's values far out (sign of zero aside).
  for (const double far : {-1e30, 1e30}) {
    const Exact<long double> exact = Reference(Tag{}, static_cast<long double>(far),
                                               static_cast<long double>(param));
    const double value_limit = far < 0 ? lim.value_at_neg_inf : lim.value_at_pos_inf;
    const double slope_limit = far < 0 ? lim.slope_at_neg_inf : lim.slope_at_pos_inf;
    INFO("x = " << far);
    if (std::isinf(value_limit)) {
      CHECK((std::signbit(exact.value) == std::signbit(value_limit) && std::fabs(exact.value) >= 1e27L));
    } else {
      // The limits are stored as doubles: equal to the reference up to one double rounding.
      CHECK(std::fabs(exact.value - value_limit) <= std::fabs(value_limit) * 0x1p-52 + 1e-300);
    }
    CHECK(std::fabs(exact.slope - slope_limit) <= std::fabs(slope_limit) * 0x1p-52 + 1e-300);
  }
}

// Every length up to 3 full vectors + 1 (and a few odd ones), offsets that break alignment,
// and in-place calls give exactly the elements of one aligned full-length call.
template <class Tag, typename T>
void Shapes() {
  const Kind kind = KindOf<Tag>::value;
  const auto param = DefaultParam<Tag>();
  constexpr size_t kMaxN = 3 * 64 / sizeof(T) + 1;  // 3 AVX-512 vectors + 1 (more on smaller targets)
  constexpr T kNaN = std::numeric_limits<T>::quiet_NaN();
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> uniform(-10, 10);
  std::vector<T> x(512), dy(x.size());  // covers every size below
  for (T& v : x) v = static_cast<T>(uniform(rng));
  for (T& v : dy) v = static_cast<T>(uniform(rng) / 10);
  // Two lanes beyond every in-range bound: their vectors (and the in-range vectors evaluated
  // in the same loop step) fall back to the full-range kernel, at different places per length.
  x[70] = 100;
  x[300] = -100;
  // And a NaN amid in-range lanes (in the second vector of a loop step): it must reach the
  // full-range kernel too, whose fix-ups give NaN.
  constexpr size_t kNaNAt = 150;
  x[kNaNAt] = kNaN;
  ForEachTarget([&](const std::string& target) {
    std::vector<T> y(x.size(), kNaN), slope(x.size(), kNaN), dx(x.size(), kNaN);
    Forward<T>(kind, x, y, param);
    Derivative<T>(kind, x, slope, param);
    Backward<T>(kind, x, dy, dx, param);
    INFO(Tag::kName << " " << TypeName<T>() << " on " << target);
    size_t mismatches = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      mismatches += !SameBits(dx[i], ExpectedBackward<Tag>(dy[i], slope[i]));  // Backward = dy f'
      if (i == kNaNAt) {
        mismatches += !std::isnan(y[i]) || !std::isnan(slope[i]);          // NaN in, NaN out
      } else {
        mismatches += std::isnan(y[i]) || std::isnan(slope[i]);          // every lane written
      }
    }
    std::vector<T> fused_y(x.size(), kNaN), fused_slope(x.size(), kNaN);
    ForwardAndDerivative<T>(kind, x, fused_y, fused_slope, param);
    for (size_t i = 0; i < x.size(); ++i) {
      mismatches += !SameBits(fused_y[i], y[i]) || !SameBits(fused_slope[i], slope[i]);
    }
    std::vector<size_t> sizes;
    for (size_t n = 0; n <= kMaxN; ++n) sizes.push_back(n);
    for (size_t n : {size_t{127}, size_t{251}}) sizes.push_back(n);
    for (size_t n : sizes) {
      for (size_t offset : {size_t{0}, size_t{1}, size_t{3}}) {
        // Separate buffers at an unaligned offset, with a NaN sentinel after the end.
        std::vector<T> in(n + offset + 1, kNaN), out(n + offset + 1, kNaN);
        std::copy(x.begin(), x.begin() + n, in.begin() + offset);
        Forward<T>(kind, std::span<const T>(in.data() + offset, n),
                   std::span<T>(out.data() + offset, n), param);
        for (size_t i = 0; i < n; ++i) {
          if (!SameBits(out[offset + i], y[i])) {
            ++mismatches;
            UNSCOPED_INFO("n " << n << " offset " << offset << " i " << i << ": " << Hex(out[offset + i]) << " vs " << Hex(y[i]));
          }
        }
        mismatches += !std::isnan(out[offset + n]);  // nothing written past the end
        // In place: y is x.
        Derivative<T>(kind, std::span<const T>(in.data() + offset, n),
                      std::span<T>(in.data() + offset, n), param);
        for (size_t i = 0; i < n; ++i) mismatches += !SameBits(in[offset + i], slope[i]);
      }
    }
    std::printf("%-10s %-6s %-7s shapes: %zu lengths x 3 offsets, in-place, fused, backward: "
                "%zu mismatches\n", std::string(Tag::kName).c_str(), TypeName<T>(),
                target.c_str(), sizes.size(), mismatches);
    CHECK(mismatches == 0);
  });
}

template <class Tag, typename T>
void BadArguments() {
  const Kind kind = KindOf<Tag>::value;
  std::vector<T> x(5), y(4), z(5);
  CHECK_THROWS_WITH(Forward<T>(kind, x, y), Catch::Contains(std::string(Tag::kName)) &&
                                                Catch::Contains("4") && Catch::Contains("5"));
  CHECK_THROWS_AS(Derivative<T>(kind, x, y), std::invalid_argument);
  CHECK_THROWS_AS(Backward<T>(kind, x, y, z), std::invalid_argument);
  CHECK_THROWS_AS(Backward<T>(kind, x, z, y), std::invalid_argument);
  CHECK_THROWS_AS(ForwardAndDerivative<T>(kind, x, z, y), std::invalid_argument);
  CHECK_NOTHROW(Forward<T>(kind, std::span<const T>(), std::span<T>()));
  // Empty arrays: a null x with a misaligned, empty out (UBSan caught a memcpy from null here).
  alignas(64) T buffer[16] = {};
  for (const std::span<T> empty : {std::span<T>(buffer + 1, 0), std::span<T>(buffer + 3, 0)}) {
    CHECK_NOTHROW(Forward<T>(kind, std::span<const T>(), empty));
    CHECK_NOTHROW(Derivative<T>(kind, std::span<const T>(), empty));
    CHECK_NOTHROW(Backward<T>(kind, std::span<const T>(), std::span<const T>(), empty));
    CHECK_NOTHROW(ForwardAndDerivative<T>(kind, std::span<const T>(), empty, std::span<T>(buffer + 5, 0)));
  }
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  if constexpr (!Tag::kParam.Exists()) {
    CHECK_THROWS_WITH(Forward<T>(kind, x, z, 1.0), Catch::Contains("takes no parameter"));
  } else {
    CHECK_THROWS_WITH(Forward<T>(kind, x, z, kNaN), Catch::Contains("not finite"));
    CHECK_THROWS_AS(Forward<T>(kind, x, z, kInf), std::invalid_argument);
    // Checked as the kernel uses it, rounded to T: 1e300 is inf in float, 1e-50 is 0.
    if constexpr (sizeof(T) == sizeof(float)) {
      CHECK_THROWS_WITH(Forward<T>(kind, x, z, 1e300), Catch::Contains("not finite") && Catch::Contains("as float"));
    }
    if (Tag::kParam.lo > 0) {
      CHECK_THROWS_WITH(Forward<T>(kind, x, z, 0.0), Catch::Contains("outside its valid range"));
      CHECK_THROWS_AS(Forward<T>(kind, x, z, 1e-320), std::invalid_argument);  // 0 in float
    }
    if (Tag::kParam.lo == 0) {
      CHECK_THROWS_WITH(Forward<T>(kind, x, z, -1.0), Catch::Contains("outside its valid range"));
    }
  }
}

// A parameterised activation at the edges of its valid range (registry.h ParamSpec): the
// smallest and largest valid values of T and their neighbours inside take the whole special
// value contract on every target; the neighbours outside are rejected. An activation without
// a parameter rejects every one.
template <class Tag, typename T>
void ParameterRange() {
  if constexpr (!Tag::kParam.Exists()) {
    std::vector<T> x(3), y(3);
    for (const double p : {0.0, 1.0, Tag::kParam.default_value}) {
      CHECK_THROWS_WITH(Forward<T>(KindOf<Tag>::value, x, y, p), Catch::Contains("takes no parameter"));
    }
    return;
  }
  using L = std::numeric_limits<T>;
  const auto edge = [](double bound) {  // -kInf / kInf: the largest finite T of that sign
    return std::isinf(bound) ? std::copysign(L::max(), static_cast<T>(bound)) : static_cast<T>(bound);
  };
  const T lo = edge(Tag::kParam.lo), hi = edge(Tag::kParam.hi);
  // The registry's bounds are values of T (or -kInf / kInf).
  REQUIRE((std::isinf(Tag::kParam.lo) || static_cast<double>(lo) == Tag::kParam.lo));
  REQUIRE((std::isinf(Tag::kParam.hi) || static_cast<double>(hi) == Tag::kParam.hi));
  const T def = static_cast<T>(Tag::kParam.default_value);
  const std::vector<T> valid = {lo, std::nextafter(lo, def), std::nextafter(hi, def), hi};
  for (const T p : valid) SpecialValues<Tag, T>(p);
  const Kind kind = KindOf<Tag>::value;
  std::vector<T> x(5, T(1)), y(5);
  for (const T outside : {std::nextafter(lo, -L::infinity()), std::nextafter(hi, L::infinity())}) {
    INFO(Tag::kName << " " << TypeName<T>() << " at param " << Hex(outside));
    CHECK_THROWS_AS(Forward<T>(kind, x, y, static_cast<double>(outside)), std::invalid_argument);
  }
}

#define ACT_CONTRACT_TEST(T, Type)                                                        \
  TEST_CASE("special values - " #Type " - " #T, "[contract]") {                            \
    SpecialValues<Type, T>(static_cast<T>(Type::kParam.default_value));                     \
  }                                                                                         \
  TEST_CASE("parameter range - " #Type " - " #T, "[contract]") { ParameterRange<Type, T>(); } \
  TEST_CASE("shapes - " #Type " - " #T, "[contract]") { Shapes<Type, T>(); }                \
  TEST_CASE("bad arguments - " #Type " - " #T, "[contract]") { BadArguments<Type, T>(); }
#define ACT_CONTRACT_TESTS(Type) ACT_FOR_EACH_TYPE(ACT_CONTRACT_TEST, Type)
ACT_FOR_EACH_ENABLED(ACT_CONTRACT_TESTS)

#if ACT_ENABLED_Prelu
#define ACT_PRELU_TEST(T, unused)                                                          \
  TEST_CASE("prelu slope gradient - " #T, "[contract]") {                                  \
    std::vector<T> x(1001), dy(1001), dx(1001), dx_ref(1001);                              \
    long double expected = 0;                                                              \
    for (size_t i = 0; i < x.size(); ++i) {                                                \
      x[i] = static_cast<T>(std::sin(i * 0.37) * 5);                                       \
      dy[i] = static_cast<T>(std::cos(i * 0.11));                                          \
      if (x[i] < 0) expected += static_cast<long double>(dy[i]) * x[i];                    \
    }                                                                                      \
    Backward<T>(Kind::kPrelu, x, dy, dx_ref, 0.3);                                         \
    ForEachTarget([&](const std::string& target) {                                         \
      std::fill(dx.begin(), dx.end(), std::numeric_limits<T>::quiet_NaN());                \
      const double grad = PreluBackward<T>(x, dy, dx, 0.3);                                \
      std::printf("prelu %s %s: dL/dslope %.17g, exact %.17Lg\n", #T, target.c_str(), grad, \
                  expected);                                                               \
      CHECK(std::fabs(grad - expected) <= 1e-12L * std::fabs(expected));                   \
      CHECK(std::equal(dx.begin(), dx.end(), dx_ref.begin()));                             \
    });                                                                                    \
  }
ACT_FOR_EACH_TYPE(ACT_PRELU_TEST, unused)
#endif

// Slopes other than the default at the special values: the loops skip the +-inf fix-ups when
// the formulas give the limits themselves, which is not the case for slope 0 (-inf * 0 = NaN).
template <class Tag, typename T>
void SlopeLimits() {
  using L = std::numeric_limits<T>;
  const std::vector<T> x = {L::quiet_NaN(), -L::infinity(), L::infinity(), T(-2), T(3)};
  for (const double slope : {0.0, -0.5, 2.0, 0.01}) {
    const Limits lim = Tag::GetLimits(static_cast<T>(slope));
    ForEachTarget([&](const std::string& target) {
      std::vector<T> y(x.size(), L::quiet_NaN()), dydx(x.size(), L::quiet_NaN());
      ForwardAndDerivative<T>(KindOf<Tag>::value, x, y, dydx, slope);
      INFO(Tag::kName << " " << TypeName<T>() << " " << target << " slope " << slope);
      CHECK((std::isnan(y[0]) && std::isnan(dydx[0])));
      CHECK(SameBits(y[1], static_cast<T>(lim.value_at_neg_inf)));
      CHECK(SameBits(y[2], static_cast<T>(lim.value_at_pos_inf)));
      CHECK(SameBits(dydx[1], static_cast<T>(lim.slope_at_neg_inf)));
      CHECK(SameBits(dydx[2], static_cast<T>(lim.slope_at_pos_inf)));
      CHECK(SameBits(y[3], static_cast<T>(static_cast<T>(slope) * T(-2))));
      CHECK(SameBits(y[4], T(3)));
    });
  }
}
#if ACT_ENABLED_LeakyRelu
#define ACT_LEAKY_SLOPE_TEST(T, unused) \
  TEST_CASE("special values at other slopes - LeakyRelu - " #T, "[contract]") { SlopeLimits<LeakyRelu, T>(); }
ACT_FOR_EACH_TYPE(ACT_LEAKY_SLOPE_TEST, unused)
#endif
#if ACT_ENABLED_Prelu
#define ACT_PRELU_SLOPE_TEST(T, unused) \
  TEST_CASE("special values at other slopes - Prelu - " #T, "[contract]") { SlopeLimits<Prelu, T>(); }
ACT_FOR_EACH_TYPE(ACT_PRELU_SLOPE_TEST, unused)
#endif

#if ACT_ENABLED_Identity
// identity's forward and backward copy through memmove up to 1 MiB and through identity's
// vector loop past it (activations.cc): every bit of x and dy, random patterns (NaN payloads,
// signalling NaNs, -0, subnormals included), on both sides of the switch and every target.
template <typename T>
void IdentityCopies() {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  std::mt19937_64 rng(7);
  for (const size_t n : {size_t{1000}, (size_t{1} << 20) / sizeof(T) + 37}) {
    std::vector<T> x(n), dy(n);
    for (size_t i = 0; i < n; ++i) {
      const Bits a = static_cast<Bits>(rng()), b = static_cast<Bits>(rng());
      std::memcpy(&x[i], &a, sizeof(T));
      std::memcpy(&dy[i], &b, sizeof(T));
    }
    const auto differing = [](const std::vector<T>& a, const std::vector<T>& b) {
      size_t count = 0;
      for (size_t i = 0; i < a.size(); ++i) count += !SameBits(a[i], b[i]);
      return count;
    };
    ForEachTarget([&](const std::string& target) {
      const T nan = std::numeric_limits<T>::quiet_NaN();
      std::vector<T> y(n, nan), dx(n, nan), dx_from_y(n, nan);
      Forward<T>(Kind::kIdentity, x, y);
      Backward<T>(Kind::kIdentity, x, dy, dx);
      BackwardFromOutput<T>(Kind::kIdentity, x, dy, dx_from_y);
      const size_t bad = differing(y, x) + differing(dx, dy) + differing(dx_from_y, dy);
      std::printf("identity copies %s %s n=%zu: %zu elements not bit for bit\n", TypeName<T>(), target.c_str(), n, bad);
      CHECK(bad == 0);
    });
  }
}
#define ACT_IDENTITY_COPY_TEST(T, unused) \
  TEST_CASE("identity copies bit for bit - " #T, "[contract]") { IdentityCopies<T>(); }
ACT_FOR_EACH_TYPE(ACT_IDENTITY_COPY_TEST, unused)
#endif

TEST_CASE("names and targets", "[contract]") {
  for (Kind kind : EnabledKinds()) CHECK(KindFromName(Name(kind)) == kind);
  CHECK_FALSE(KindFromName("swish2").has_value());
  const auto targets = AvailableTargets();
  REQUIRE_FALSE(targets.empty());
  CHECK(CurrentTarget() == targets.front());
  ForceTarget(targets.back());
  CHECK(CurrentTarget() == targets.back());
  CHECK(AvailableTargets() == targets);  // listing does not undo a forced target
  CHECK(CurrentTarget() == targets.back());
  CHECK_THROWS_WITH(ForceTarget("NEON9"), Catch::Contains("available"));
  ResetTarget();
  CHECK(CurrentTarget() == targets.front());
  std::printf("targets:");
  for (const auto& t : targets) std::printf(" %s", t.c_str());
  std::printf(" (dispatch picks %s)\n", CurrentTarget().c_str());
}

}  // namespace
}  // namespace act::verify
