// fuzz: a differential fuzz of the public API on every SIMD target.
//
//   fuzz [--elements=N] [--seed=S]
//
// Each call picks an activation, element type, operation and parameter (the default, its
// valid range's edges, or log-uniform across the range), a length (0 to 3000, often next to a
// multiple of a vector or a block), byte offsets for every array, in-place or separate outputs,
// and inputs from a mixture: uniform ranges, the in-range thresholds of the kernels and their
// neighbours, roots of f', +-0, subnormals, huge values, +-inf, NaNs with random payloads, and
// random bit patterns. It runs the call on every target, with guard bytes around every output,
// and checks:
//   - nothing outside the outputs is written;
//   - NaN in gives NaN out (which NaN is not part of the contract: payloads are not kept, and
//     bit-for-bit comparisons below treat any two NaNs as equal), +-inf give the registry's
//     limits bit for bit, every finite input meets the accuracy bound against the reference
//     (so no NaN, and inf only where the exact value overflows);
//   - Backward == dy * Derivative and the fused pass == Forward and Derivative, bit for bit;
//   - every target against SCALAR: the same special results, finite results within the sum of
//     the two bounds.
// Stops after N elements (counted per target; default 10^7), prints a summary and the first
// failures with %a, and exits 1 if anything failed. ctest runs a short fuzz; the long run is
// `fuzz --elements=1000000000` (README).
#include <bit>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include "verify/support/flags.h"
#include "verify/sweep.h"

namespace act::verify {
namespace {

using Rng = std::mt19937_64;
constexpr size_t kGuard = 64;
constexpr unsigned char kCanary = 0xA5;
constexpr int kMaxPrinted = 20;

struct Stats {
  uint64_t calls = 0, elements = 0, failures = 0;
};

// A buffer of n T with kGuard canary bytes before and after, starting `offset` elements in.
template <typename T>
struct Guarded {
  std::vector<unsigned char> bytes;
  size_t offset;
  size_t n;
  Guarded(size_t n_, size_t offset_) : bytes(2 * kGuard + (n_ + offset_) * sizeof(T), kCanary), offset(offset_), n(n_) {}
  T* data() { return reinterpret_cast<T*>(bytes.data() + kGuard) + offset; }
  std::span<T> span() { return {data(), n}; }
  bool GuardsIntact() const {
    const size_t begin = kGuard + offset * sizeof(T), end = begin + n * sizeof(T);
    for (size_t i = 0; i < bytes.size(); ++i) {
      if ((i < begin || i >= end) && bytes[i] != kCanary) return false;
    }
    return true;
  }
};

template <typename T>
bool SameBitsOrBothNaN(T a, T b) {
  return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <typename T>
T Pick(Rng& rng, const std::vector<T>& values) {
  return values[rng() % values.size()];
}

double Uniform(Rng& rng, double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }

// A parameter: the default, an edge of the valid range (or its neighbour inside), or
// log-uniform across the range with a random sign where negatives are valid.
template <class Tag, typename T>
T FuzzParam(Rng& rng) {
  const ParamSpec& p = Tag::kParam;
  const T lo = std::isinf(p.lo) ? -std::numeric_limits<T>::max() : static_cast<T>(p.lo);
  const T hi = std::isinf(p.hi) ? std::numeric_limits<T>::max() : static_cast<T>(p.hi);
  const T def = static_cast<T>(p.default_value);
  switch (rng() % 4) {
    case 0: return def;
    case 1: {
      const T edge = rng() % 2 ? lo : hi;
      return rng() % 2 ? edge : std::nextafter(edge, def);
    }
    default: {
      const double smallest = std::max(static_cast<double>(lo > 0 ? lo : T(1e-6)), 1e-30);
      const double largest = std::min(static_cast<double>(hi), 1e30);
      const double magnitude = std::exp(Uniform(rng, std::log(smallest), std::log(largest)));
      const double sign = lo < 0 && rng() % 2 ? -1.0 : 1.0;
      return rng() % 8 == 0 && lo <= 0 ? T(0) : static_cast<T>(sign * magnitude);
    }
  }
}

// One input from the mixture.
template <class Tag, typename T>
T FuzzValue(Rng& rng, T param) {
  using L = std::numeric_limits<T>;
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  const double sign = rng() % 2 ? -1.0 : 1.0;
  switch (rng() % 10) {
    case 0: case 1: case 2: return static_cast<T>(Uniform(rng, -1, 1) * Pick<double>(rng, {1, 4, 10, 30, 100}));
    case 3: {  // thresholds of the kernels (in-range bounds, saturation, exp underflow) and neighbours
      double t = Pick<double>(rng, {0.5, 0.75, 1, 2, 4, 8, 9, 10, 11.5, 16, 17, 20, 32, 34.5, 40, 64, 69, 87.3, 88.7,
                                    103.9, 128, 709.78, 745.13});
      if (rng() % 4 == 0 && param > 0) t = 64 / static_cast<double>(param);  // softplus's bound
      T v = static_cast<T>(sign * t);
      for (int k = static_cast<int>(rng() % 5) - 2; k != 0; k += k > 0 ? -1 : 1) {
        v = std::nextafter(v, k > 0 ? L::infinity() : -L::infinity());
      }
      return v;
    }
    case 4: {  // next to a root of f'
      if (Tag::kDerivativeRoot.Exists()) {
        return static_cast<T>(Tag::kDerivativeRoot.at + Uniform(rng, -0.3, 0.3) * Pick<double>(rng, {1, 1e-3, 1e-6}));
      }
      return static_cast<T>(sign * Uniform(rng, 0, 1e-3));
    }
    case 5:
      return Pick<T>(rng, {T(0), T(-0.0), L::denorm_min(), -L::denorm_min(), L::min(), -L::min(), L::max(),
                           -L::max(), L::infinity(), -L::infinity(), L::epsilon(), T(1), T(-1)});
    case 6: {  // NaN with a random payload and sign (quiet or signaling)
      Bits bits = std::bit_cast<Bits>(L::quiet_NaN()) | (static_cast<Bits>(rng()) & (std::bit_cast<Bits>(L::quiet_NaN()) >> 2));
      if (rng() % 2) bits |= Bits{1} << (8 * sizeof(T) - 1);
      if (rng() % 4 == 0) bits &= ~(std::bit_cast<Bits>(L::quiet_NaN()) & ~std::bit_cast<Bits>(L::infinity()));
      const T v = std::bit_cast<T>(bits);
      return std::isnan(v) ? v : L::quiet_NaN();
    }
    case 7:  // huge and tiny
      return static_cast<T>(sign * std::ldexp(Uniform(rng, 1, 2), static_cast<int>(rng() % (2 * L::max_exponent)) - L::max_exponent));
    default:  // any bit pattern
      return std::bit_cast<T>(static_cast<Bits>(rng()));
  }
}

size_t FuzzLength(Rng& rng) {
  switch (rng() % 4) {
    case 0: return rng() % 40;
    case 1: return (1 + rng() % 24) * 16 + rng() % 5 - 2;   // around vector multiples
    case 2: return (1 + rng() % 24) * 128 + rng() % 5 - 2;  // around block multiples
    default: return rng() % 3001;
  }
}

// Whether `got` for x meets the contract: NaN for NaN, the limit at +-inf, the bound otherwise.
template <class Tag, typename T>
bool Correct(T x, T got, T param, bool slope, const Exact<long double>* exact) {
  if (std::isnan(x)) return std::isnan(got);
  if (std::isinf(x)) {
    const Limits lim = Tag::GetLimits(param);
    const double limit = slope ? (x < 0 ? lim.slope_at_neg_inf : lim.slope_at_pos_inf)
                               : (x < 0 ? lim.value_at_neg_inf : lim.value_at_pos_inf);
    return SameBitsOrBothNaN(got, static_cast<T>(limit));
  }
  const long double e = slope ? exact->slope : exact->value;
  if (slope && Tag::kDerivativeRoot.Contains(x)) return AbsError(got, e) <= kRootAbsBound<T>;
  return UlpError<T>(got, e) <= (slope ? MaxUlpSlope<Tag, T>() : MaxUlpValue<Tag, T>());
}

// Distance in ULP of T between two results of different targets (specials must agree).
template <typename T>
bool Agree(T a, T b, double bound) {
  if (std::isnan(a) || std::isnan(b) || std::isinf(a) || std::isinf(b) || a == 0 || b == 0) {
    return SameBitsOrBothNaN(a, b) || (a == 0 && b == 0) || UlpError<T>(a, b) <= bound;
  }
  return UlpError<T>(a, b) <= bound;
}

const char* OpName(Op op) {
  constexpr const char* kNames[] = {"forward", "derivative", "backward", "fused"};
  return kNames[static_cast<int>(op)];
}

template <class Tag, typename T>
void FuzzCall(Rng& rng, const std::vector<std::string>& targets, Stats& stats) {
  const Kind kind = KindOf<Tag>::value;
  const T param = Tag::kParam.Exists() ? FuzzParam<Tag, T>(rng) : T(0);
  const auto p = ParamArgument<Tag>(param);
  const size_t n = FuzzLength(rng);
  const Op op = static_cast<Op>(rng() % 4);
  const bool in_place = rng() % 3 == 0;
  std::vector<T> x(n), dy(n);
  for (T& v : x) v = FuzzValue<Tag, T>(rng, param);
  for (T& v : dy) v = rng() % 16 ? static_cast<T>(Uniform(rng, -2, 2)) : FuzzValue<Tag, T>(rng, param);
  std::vector<Exact<long double>> exact(n);
  for (size_t i = 0; i < n; ++i) {
    if (std::isfinite(x[i])) exact[i] = ReferenceFor<Tag, T>(x[i], param);
  }
  const auto fail = [&](const std::string& target, size_t i, const char* what, T got) {
    if (++stats.failures <= kMaxPrinted) {
      std::printf("FAIL %s %s %s %s param %a n %zu%s: %s at i %zu x %a dy %a: got %a (exact value %.9Lg slope %.9Lg)\n",
                  std::string(Tag::kName).c_str(), TypeName<T>(), target.c_str(), OpName(op),
                  static_cast<double>(param), n, in_place ? " in place" : "", what, i, i < n ? double(x[i]) : 0.0,
                  i < n ? double(dy[i]) : 0.0, double(got), i < n ? exact[i].value : 0.0L, i < n ? exact[i].slope : 0.0L);
    }
  };
  std::vector<T> scalar_out, scalar_out2;
  // SCALAR (the last target) runs first: every other target is compared with it.
  for (size_t t = targets.size(); t-- > 0;) {
    const std::string& target = targets[t];
    ScopedTarget scoped(target);
    const size_t ox = rng() % 16, ody = rng() % 16, oout = rng() % 16, oout2 = rng() % 16;
    Guarded<T> gx(n, ox), gdy(n, ody), gout(n, oout), gout2(n, oout2);
    std::copy(x.begin(), x.end(), gx.data());
    std::copy(dy.begin(), dy.end(), gdy.data());
    const std::span<const T> xs(gx.data(), n), dys(gdy.data(), n);
    std::span<T> out = gout.span();
    if (in_place && op != Op::kBackward) out = gx.span();
    if (in_place && op == Op::kBackward) out = rng() % 2 ? gdy.span() : gx.span();
    switch (op) {
      case Op::kForward: Forward<T>(kind, xs, out, p); break;
      case Op::kDerivative: Derivative<T>(kind, xs, out, p); break;
      case Op::kBackward: Backward<T>(kind, xs, dys, out, p); break;
      case Op::kForwardAndDerivative: ForwardAndDerivative<T>(kind, xs, out, gout2.span(), p); break;
    }
    const std::vector<T> got(out.begin(), out.end());
    const std::vector<T> got2 = op == Op::kForwardAndDerivative ? std::vector<T>(gout2.data(), gout2.data() + n) : std::vector<T>();
    for (Guarded<T>* g : {&gx, &gdy, &gout, &gout2}) {
      if (!g->GuardsIntact()) fail(target, n, "a guard byte was overwritten", T(0));
    }
    // The separate passes, for Backward and the fused pass.
    std::vector<T> value(n), slope(n);
    Forward<T>(kind, x, value, p);
    Derivative<T>(kind, x, slope, p);
    for (size_t i = 0; i < n; ++i) {
      const Exact<long double>* e = std::isfinite(x[i]) ? &exact[i] : nullptr;
      switch (op) {
        case Op::kForward:
          if (!Correct<Tag, T>(x[i], got[i], param, false, e)) fail(target, i, "value outside its bound", got[i]);
          break;
        case Op::kDerivative:
          if (!Correct<Tag, T>(x[i], got[i], param, true, e)) fail(target, i, "slope outside its bound", got[i]);
          break;
        case Op::kBackward:
          if (!SameBitsOrBothNaN(got[i], ExpectedBackward<Tag>(dy[i], slope[i]))) fail(target, i, "backward != dy * derivative", got[i]);
          break;
        case Op::kForwardAndDerivative:
          if (!SameBitsOrBothNaN(got[i], value[i])) fail(target, i, "fused value != forward", got[i]);
          if (!SameBitsOrBothNaN(got2[i], slope[i])) fail(target, i, "fused slope != derivative", got2[i]);
          if (!Correct<Tag, T>(x[i], got2[i], param, true, e)) fail(target, i, "slope outside its bound", got2[i]);
          break;
      }
    }
    if (t + 1 == targets.size()) {
      scalar_out = got, scalar_out2 = got2;
    } else {
      const double value_bound = 2 * MaxUlpValue<Tag, T>() + 0.5, slope_bound = 2 * MaxUlpSlope<Tag, T>() + 0.5;
      const bool is_slope = op == Op::kDerivative;
      for (size_t i = 0; i < n; ++i) {
        // Backward multiplies by dy, which can take the result anywhere: compared above instead.
        if (op == Op::kBackward || (is_slope && Tag::kDerivativeRoot.Contains(x[i]))) continue;
        if (!Agree(got[i], scalar_out[i], is_slope ? slope_bound : value_bound)) fail(target, i, "differs from SCALAR", got[i]);
      }
    }
    stats.elements += n;
  }
  ++stats.calls;
}

int Main(int argc, char** argv) {
  uint64_t elements = 10'000'000, seed = 20261205;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto v = support::FlagValue(arg, "--elements")) {
      elements = static_cast<uint64_t>(support::ParseInteger("--elements", *v, 1, 1LL << 50));
    } else if (const auto v = support::FlagValue(arg, "--seed")) {
      seed = static_cast<uint64_t>(support::ParseInteger("--seed", *v, 0, 1LL << 62));
    } else {
      throw support::UsageError("unknown flag '" + std::string(arg) + "' (usage: fuzz [--elements=N] [--seed=S])");
    }
  }
  const std::vector<std::string> targets = AvailableTargets();
  Rng rng(seed);
  Stats stats;
  using Call = void (*)(Rng&, const std::vector<std::string>&, Stats&);
  std::vector<Call> calls;
#define ACT_FUZZ_CALL(T, Type) calls.push_back(&FuzzCall<Type, T>);
#define ACT_FUZZ_CALLS(Type) ACT_FOR_EACH_TYPE(ACT_FUZZ_CALL, Type)
  ACT_FOR_EACH_ENABLED(ACT_FUZZ_CALLS)
#undef ACT_FUZZ_CALLS
#undef ACT_FUZZ_CALL
  uint64_t next_report = 1;
  while (stats.elements < elements) {
    calls[rng() % calls.size()](rng, targets, stats);
    if (stats.elements >= next_report * (elements / 10 + 1)) {
      std::fprintf(stderr, "fuzz: %" PRIu64 " calls, %" PRIu64 " elements, %" PRIu64 " failures\n", stats.calls,
                   stats.elements, stats.failures);
      ++next_report;
    }
  }
  std::printf("fuzz: seed %" PRIu64 ", %" PRIu64 " calls, %" PRIu64 " elements (per target, on", seed, stats.calls,
              stats.elements);
  for (const std::string& t : targets) std::printf(" %s", t.c_str());
  std::printf("), %" PRIu64 " failures\n", stats.failures);
  return stats.failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace act::verify

int main(int argc, char** argv) {
  try {
    return act::verify::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: %s\n", e.what());
    return 2;
  }
}
