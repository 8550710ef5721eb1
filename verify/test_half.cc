// The 16-bit storage types (act::bfloat16, act::float16), exhaustively: every one of the 65,536
// inputs of each type through every activation and operation, on every SIMD target.
//   - conversions: half.h's scalar conversions against a reference rounding (nearest, ties to
//     even, overflow to inf, subnormals) on every 16-bit value, every midpoint between two and
//     their float neighbours, and a stride over all float bit patterns;
//   - each output is bit for bit the float kernel's result rounded by half.h (so the SIMD
//     conversions equal the scalar ones) and within the stated bound of the exact value
//     (registry.h: MaxUlpValue16 / MaxUlpSlope16, printed with what was measured);
//   - Backward == S(dy * Derivative), the fused pass == the separate ones, bit for bit;
//   - the special values: NaN gives NaN, ±inf the float limits rounded to S, ±0 exactly.
// Outputs are pre-filled with a NaN so an unwritten lane cannot pass.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "verify/test_support.h"

#if ACT_HAS_BFLOAT16 || ACT_HAS_FLOAT16
namespace act::verify {
namespace {

// The format of S and a NaN pre-filled into outputs.
template <Storage16 S>
struct Format;
template <>
struct Format<bfloat16> {
  static constexpr support::BinaryFormat kFormat = support::kBfloat16Format;
  static constexpr int kDigits = kFormat.digits, kMaxExponent = kFormat.max_exponent;
  static constexpr uint16_t kUnwritten = 0x7fc1;
};
template <>
struct Format<float16> {
  static constexpr support::BinaryFormat kFormat = support::kFloat16Format;
  static constexpr int kDigits = kFormat.digits, kMaxExponent = kFormat.max_exponent;
  static constexpr uint16_t kUnwritten = 0x7e01;
};

template <Storage16 S>
long double Spacing(long double exact) {
  return support::SpacingIn(Format<S>::kFormat, exact);
}
template <Storage16 S>
long double LargestFinite() {
  return support::LargestFiniteIn(Format<S>::kFormat);
}
template <Storage16 S>
double Ulp16(float y, long double exact) {
  return support::UlpErrorIn(Format<S>::kFormat, y, exact);
}

// The 16-bit value exactly, from its fields (independent of half.h).
template <Storage16 S>
long double Decode(uint16_t bits) {
  using F = Format<S>;
  constexpr int kExponentBits = 15 - (F::kDigits - 1);
  const int exponent_field = (bits >> (F::kDigits - 1)) & ((1 << kExponentBits) - 1);
  const int mantissa = bits & ((1 << (F::kDigits - 1)) - 1);
  const int bias = F::kMaxExponent - 1;
  const long double sign = bits & 0x8000 ? -1.0L : 1.0L;
  if (exponent_field == (1 << kExponentBits) - 1) return mantissa ? NAN : sign * INFINITY;
  if (exponent_field == 0) return sign * std::ldexp(static_cast<long double>(mantissa), 1 - bias - (F::kDigits - 1));
  return sign * std::ldexp(static_cast<long double>(mantissa + (1 << (F::kDigits - 1))),
                           exponent_field - bias - (F::kDigits - 1));
}

// The reference rounding of a float to S: nearest of the finite values, ties to the even
// encoding, inf beyond the largest finite value plus half its spacing.
template <Storage16 S>
uint16_t RoundReference(float f, const std::vector<long double>& positive) {
  if (std::isnan(f)) return 0x7fff;  // any NaN
  const uint16_t sign = std::signbit(f) ? 0x8000 : 0;
  const long double a = std::fabs(static_cast<long double>(f));
  if (a >= LargestFinite<S>() + Spacing<S>(LargestFinite<S>()) / 2) {
    return sign | static_cast<uint16_t>(std::lower_bound(positive.begin(), positive.end(), INFINITY) - positive.begin());
  }
  const size_t above = std::lower_bound(positive.begin(), positive.end(), a) - positive.begin();
  if (positive[above] == a || above == 0) return sign | static_cast<uint16_t>(above);
  const long double up = positive[above] - a, down = a - positive[above - 1];
  const size_t pick = up < down ? above : down < up ? above - 1 : (above % 2 == 0 ? above : above - 1);
  return sign | static_cast<uint16_t>(pick);
}

template <Storage16 S>
std::vector<long double> PositiveValues() {  // bits 0x0000 .. the +inf encoding, ascending
  std::vector<long double> v;
  for (uint32_t b = 0; b < 0x8000; ++b) {
    const long double d = Decode<S>(static_cast<uint16_t>(b));
    if (std::isnan(d)) break;
    v.push_back(d);
  }
  return v;
}

template <Storage16 S>
void CheckConversions() {
  const std::vector<long double> positive = PositiveValues<S>();
  long long checked = 0, wrong = 0;
  const auto check = [&](float f) {
    const uint16_t expected = RoundReference<S>(f, positive), got = FromFloat<S>(f).bits;
    const bool ok = std::isnan(f) ? std::isnan(ToFloat(S{got})) : got == expected;
    if (!ok && ++wrong <= 5) UNSCOPED_INFO("FromFloat(" << Hex(f) << ") = " << got << ", expected " << expected);
    ++checked;
  };
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    const S s{static_cast<uint16_t>(b)};
    const long double exact = Decode<S>(s.bits);
    const float f = ToFloat(s);
    // Widening is exact (NaN stays NaN).
    if (std::isnan(exact) ? !std::isnan(f) : static_cast<long double>(f) != exact) {
      if (++wrong <= 5) UNSCOPED_INFO("ToFloat(" << b << ") = " << Hex(f));
    }
    if (std::isnan(f)) continue;
    check(f);
    // The midpoint to the next value up (exact in float) and its float neighbours.
    const long double next = Decode<S>(static_cast<uint16_t>(b + 1));
    if ((b & 0x7fff) < 0x7fff && std::isfinite(next) && std::isfinite(exact)) {
      const float mid = static_cast<float>((exact + next) / 2);
      check(mid);
      check(std::nextafter(mid, INFINITY));
      check(std::nextafter(mid, -INFINITY));
    }
  }
  for (uint64_t b = 0; b <= 0xffffffffu; b += 65537) check(std::bit_cast<float>(static_cast<uint32_t>(b)));
  std::printf("%-8s conversions: %lld roundings and 65536 widenings checked, %lld wrong\n", TypeName<S>(), checked,
              wrong);
  CHECK(wrong == 0);
}

// Errors of one output over the sweep, in ULP of S (absolute inside the root interval).
struct Measured {
  double max_ulp = 0, max_root_abs = 0;
  float arg = 0;
};

template <class Tag, Storage16 S>
void CheckActivation() {
  const Kind kind = KindOf<Tag>::value;
  const float param = ToFloat(FromDouble<S>(Tag::kParam.default_value));
  const std::optional<double> arg = ParamArgument<Tag>(param);
  const size_t n = 65536;
  std::vector<S> x(n), dy(n);
  std::vector<float> xf(n);
  std::vector<Exact<long double>> exact(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = S{static_cast<uint16_t>(i)};
    dy[i] = S{static_cast<uint16_t>((i * 40503u + 12345u) & 0xffffu)};  // a permutation of all values
    xf[i] = ToFloat(x[i]);
    exact[i] = ReferenceFor<Tag, float>(xf[i], param);
  }
  const Limits limits = Tag::GetLimits(param);
  const auto same = [](S a, S b) { return a == b || (std::isnan(ToFloat(a)) && std::isnan(ToFloat(b))); };
  ForEachTarget([&](const std::string& target) {
    // Every operation twice, into outputs pre-filled with a NaN and with a finite value: a
    // lane left unwritten differs between the two (a NaN fill alone could be a NaN result).
    const auto run = [&](S fill) {
      std::vector<std::vector<S>> out(5, std::vector<S>(n, fill));
      Forward<S>(kind, x, out[0], arg);
      Derivative<S>(kind, x, out[1], arg);
      ForwardAndDerivative<S>(kind, x, out[2], out[3], arg);
      Backward<S>(kind, x, dy, out[4], arg);
      return out;
    };
    const auto outputs = run(S{Format<S>::kUnwritten});
    const auto again = run(FromFloat<S>(1.5f));
    const std::vector<S>&y = outputs[0], &dydx = outputs[1], &y2 = outputs[2], &d2 = outputs[3], &dx = outputs[4];
#if ACT_HAS_FLOAT
    std::vector<float> yf(n, NAN), df(n, NAN);
    ForwardAndDerivative<float>(kind, xf, yf, df, arg);
#endif
    Measured value, slope;
    long long mismatches = 0;
    const auto mismatch = [&](const char* what, size_t i) {
      if (++mismatches <= 5) UNSCOPED_INFO(what << " at x = " << Hex(xf[i]));
    };
    for (size_t i = 0; i < n; ++i) {
      const float xi = xf[i];
      for (size_t k = 0; k < outputs.size(); ++k) {
        if (outputs[k][i] != again[k][i]) mismatch("unwritten output", i);
      }
#if ACT_HAS_FLOAT
      if (!same(y[i], FromFloat<S>(yf[i])) || !same(dydx[i], FromFloat<S>(df[i]))) mismatch("not the rounded float kernel", i);
#endif
      if (!same(y[i], y2[i]) || !same(dydx[i], d2[i])) mismatch("fused != separate", i);
      const S expected_dx = std::is_same_v<Tag, Identity> ? dy[i] : FromFloat<S>(ToFloat(dy[i]) * ToFloat(dydx[i]));
      if (!same(dx[i], expected_dx)) mismatch("Backward != S(dy * Derivative)", i);
      if (std::isnan(xi)) {
        if (!std::isnan(ToFloat(y[i])) || !std::isnan(ToFloat(dydx[i]))) mismatch("NaN not propagated", i);
        continue;
      }
      if (std::isinf(xi)) {
        const bool neg = xi < 0;
        const S want_y = FromFloat<S>(static_cast<float>(neg ? limits.value_at_neg_inf : limits.value_at_pos_inf));
        const S want_d = FromFloat<S>(static_cast<float>(neg ? limits.slope_at_neg_inf : limits.slope_at_pos_inf));
        if (!same(y[i], want_y) || !same(dydx[i], want_d)) mismatch("limit at inf", i);
        continue;
      }
      if (xi == 0) {
        if (!same(y[i], FromFloat<S>(static_cast<float>(exact[i].value))) ||
            !same(dydx[i], FromFloat<S>(static_cast<float>(exact[i].slope)))) {
          mismatch("signed zero", i);
        }
      }
      const double ev = Ulp16<S>(ToFloat(y[i]), exact[i].value);
      if (ev > value.max_ulp) value = {ev, 0, xi};
      const float d = ToFloat(dydx[i]);
      if (Tag::kDerivativeRoot.Contains(xi) && std::isfinite(d)) {
        // Absolute: half a spacing of S plus the float kernel's 2^-24.
        const double excess = static_cast<double>(std::fabs(d - exact[i].slope) - Spacing<S>(exact[i].slope) / 2);
        slope.max_root_abs = std::max(slope.max_root_abs, excess);
      } else {
        const double es = Ulp16<S>(d, exact[i].slope);
        if (es > slope.max_ulp) slope = {es, slope.max_root_abs, xi};
      }
    }
    std::printf("%-10s %-8s %-7s value: max %.6f ULP at %s (bound %.6f)  slope: max %.6f ULP at %s (bound %.6f)",
                std::string(Tag::kName).c_str(), TypeName<S>(), target.c_str(), value.max_ulp, Hex(value.arg).c_str(),
                MaxUlpValue16<S, Tag>(), slope.max_ulp, Hex(slope.arg).c_str(), MaxUlpSlope16<S, Tag>());
    if (Tag::kDerivativeRoot.Exists()) std::printf("  near root: abs beyond half a spacing %.3g (bound 2^-24)", slope.max_root_abs);
    std::printf("\n");
    INFO(Tag::kName << " " << TypeName<S>() << " on " << target);
    CHECK(mismatches == 0);
    CHECK(value.max_ulp <= MaxUlpValue16<S, Tag>());
    CHECK(slope.max_ulp <= MaxUlpSlope16<S, Tag>());
    CHECK(slope.max_root_abs <= 0x1p-24);
  });
}

#define ACT_HALF_TEST(S, Type)                                                    \
  TEST_CASE("all 16-bit inputs - " #Type " - " #S, "[half]") { CheckActivation<Type, S>(); }
#define ACT_HALF_TESTS(S, unused)                                                 \
  TEST_CASE("conversions - " #S, "[half]") { CheckConversions<S>(); }
ACT_FOR_EACH_STORAGE16(ACT_HALF_TESTS, unused)
#undef ACT_HALF_TESTS
#define ACT_HALF_ACTIVATION_TESTS(Type) ACT_FOR_EACH_STORAGE16(ACT_HALF_TEST, Type)
ACT_FOR_EACH_ENABLED(ACT_HALF_ACTIVATION_TESTS)

#if ACT_ENABLED_Prelu
template <Storage16 S>
void CheckPreluBackward() {
  std::vector<S> x(65536), dy(65536), dx(65536, S{Format<S>::kUnwritten}), expected(65536);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = S{static_cast<uint16_t>(i)};
    dy[i] = S{static_cast<uint16_t>((i * 40503u + 12345u) & 0xffffu)};
  }
  const double slope = 0.3;
  double sum = 0, sum_abs = 0;  // the terms are exact in double; only their order differs
  for (size_t i = 0; i < x.size(); ++i) {
    const float xi = ToFloat(x[i]), dyi = ToFloat(dy[i]);
    if (xi < 0 && std::isfinite(xi) && std::isfinite(dyi)) sum += double(dyi) * xi, sum_abs += std::fabs(double(dyi) * xi);
  }
  // dL/dslope over finite values only: an inf or NaN term would hide everything else.
  std::vector<S> xs, dys;
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isfinite(ToFloat(x[i])) && std::isfinite(ToFloat(dy[i]))) xs.push_back(x[i]), dys.push_back(dy[i]);
  }
  ForEachTarget([&](const std::string& target) {
    Backward<S>(Kind::kPrelu, x, dy, expected, slope);
    PreluBackward<S>(x, dy, dx, slope);
    std::vector<S> dxs(xs.size());
    const double dslope = PreluBackward<S>(xs, dys, dxs, slope);
    INFO("prelu " << TypeName<S>() << " on " << target);
    // Bit for bit, but for which of two NaNs (x's, dy's) a product propagates: IEEE leaves it
    // open, and the compiler may order the operands of the two loops' products differently.
    long long differ = 0;
    for (size_t i = 0; i < dx.size(); ++i) {
      differ += !(dx[i] == expected[i] || (std::isnan(ToFloat(dx[i])) && std::isnan(ToFloat(expected[i]))));
    }
    CHECK(differ == 0);
    std::printf("prelu    %-8s %-7s dL/dslope %.17g, summed here %.17g\n", TypeName<S>(), target.c_str(), dslope, sum);
    CHECK(std::fabs(dslope - sum) <= 1e-13 * sum_abs);
  });
}
#define ACT_PRELU_HALF_TEST(S, unused) \
  TEST_CASE("PreluBackward - " #S, "[half]") { CheckPreluBackward<S>(); }
ACT_FOR_EACH_STORAGE16(ACT_PRELU_HALF_TEST, unused)
#endif

#if ACT_ENABLED_Softplus
TEST_CASE("16-bit parameters are checked after rounding to the type", "[half]") {
  std::vector<float16> x(4), y(4);
  std::vector<bfloat16> xb(4), yb(4);
#if ACT_HAS_FLOAT16
  // 2^64 is inside softplus beta's range, but float16's largest value is 65504: inf as float16.
  CHECK_THROWS_WITH(Forward<float16>(Kind::kSoftplus, x, y, 0x1p64),
                    Catch::Contains("beta") && Catch::Contains("not finite") && Catch::Contains("float16"));
  CHECK_NOTHROW(Forward<float16>(Kind::kSoftplus, x, y, 2.0));
#endif
#if ACT_HAS_BFLOAT16
  CHECK_THROWS_WITH(Forward<bfloat16>(Kind::kSoftplus, xb, yb, 1e300), Catch::Contains("not finite"));
  CHECK_THROWS_WITH(Forward<bfloat16>(Kind::kSoftplus, xb, yb, 0x1p-31), Catch::Contains("outside its valid range"));
  CHECK_THROWS_WITH(Forward<bfloat16>(Kind::kSoftplus, xb, std::span<bfloat16>(yb).first(3)),
                    Catch::Contains("3 elements"));
#endif
}
#endif

}  // namespace
}  // namespace act::verify
#endif
