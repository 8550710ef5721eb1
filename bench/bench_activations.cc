// bench_activations: throughput of every configured activation x element type x operation x
// input distribution x size, on every SIMD target the CPU supports, beside a scalar baseline,
// the copy bandwidth of the same bytes, and the peer libraries this build found
// (bench/peers/). Single-threaded by design: one core is the unit users compare. Names:
//   <op>/<activation>/<type>/<impl>/<distribution>/N:<n>
//       impl = a Highway target (AVX3, AVX2, SSE4) or scalar
//   <peer>/<op>/<activation>/float/<distribution>/N:<n>
//       peer = onednn, eigen_avx512, sleef_avx2, pytorch_avx512, ...; op = forward or backward
//   copy/<pattern>/<type>/N:<n>   pattern = read1_write1, read2_write1, read1_write2
// Distributions (bench/workload.h): uniform, normal, outliers_4096, outliers_256, outliers_64,
// saturated, mlp.
// Every row first runs once and is checked against the scalar formulas in a wider type (an
// error beyond the kernel's bound skips the row with an error); the measured max ULP error is
// reported beside the speed as the counter `max_ulp`.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <string_view>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "bench/copy_kernels.h"
#include "bench/peers/peer.h"
#include "bench/scalar_baseline.h"
#include "bench/workload.h"
#include "kernels/activations.h"
#include "verify/support/ulp.h"

namespace act::bench {
namespace {

constexpr std::array<int64_t, 5> kSizes = {1 << 10, 1 << 14, 1 << 18, 1 << 22, 1 << 24};
constexpr std::array kOps = {Op::kForward, Op::kDerivative, Op::kBackward, Op::kForwardAndDerivative};

// Arrays of N elements an operation reads plus writes (for bytes/s).
int64_t ArraysMoved(Op op) { return op == Op::kForward || op == Op::kDerivative ? 2 : 3; }

// ---- Checking each row once before it is timed ----------------------------------------------

// Wider than T: the check evaluates the scalar formulas in it.
template <typename T>
using Wide = std::conditional_t<std::is_same_v<T, double>, long double, double>;

// T's value in a wider type, an error in ULP of T, and the NaN outputs are pre-filled with,
// for the arithmetic types and the 16-bit storage types alike.
template <typename T>
long double Widen(T v) {
  if constexpr (Storage16<T>) {
    return ToFloat(v);
  } else {
    return v;
  }
}
template <typename T>
double UlpOf(T got, long double exact) {
  if constexpr (Storage16<T>) {
    return support::UlpErrorIn(std::is_same_v<T, bfloat16> ? support::kBfloat16Format : support::kFloat16Format,
                               ToFloat(got), exact);
  } else {
    return support::UlpError<T>(got, exact);
  }
}
template <typename T>
T NaNOf() {
  if constexpr (Storage16<T>) {
    return FromFloat<T>(NAN);
  } else {
    return std::numeric_limits<T>::quiet_NaN();
  }
}
// The parameter as the kernel uses it (rounded to T).
template <typename T>
long double RoundedParam(double param) {
  if constexpr (Storage16<T>) {
    return ToFloat(FromDouble<T>(param));
  } else {
    return static_cast<T>(param);
  }
}
// The bounds of our kernels in T.
template <class Tag, typename T>
double BoundValue() {
  if constexpr (Storage16<T>) {
    return MaxUlpValue16<T, Tag>();
  } else {
    return MaxUlpValue<Tag, T>();
  }
}
template <class Tag, typename T>
double BoundSlope() {
  if constexpr (Storage16<T>) {
    return MaxUlpSlope16<T, Tag>();
  } else {
    return MaxUlpSlope<Tag, T>();
  }
}

// A row passes when every checked element is within max_ulp of the wide result, or (where the
// derivative has a root, and for the loose rules) within abs_tolerance of it.
struct CheckRule {
  double max_ulp;
  double abs_tolerance;
};

struct CheckResult {
  double max_ulp = 0;  // outside the root interval of f'
  std::string failure;  // empty: passed
};

template <class Tag, typename T>
CheckResult CheckOutput(Op op, std::span<const T> x, std::span<const T> dy, std::span<const T> out,
                        std::span<const T> out2, double param, const CheckRule& rule) {
  using W = Wide<T>;
  const W p = static_cast<W>(RoundedParam<T>(param));
  CheckResult result;
  const size_t n = x.size();
  const size_t stride = n > 8192 ? n / 8192 : 1;  // ~8K elements, and always the last one
  const auto check = [&](size_t i, T got, long double exact, bool is_slope) {
    const double ulp = UlpOf<T>(got, exact);
    const bool near_root = is_slope && Tag::kDerivativeRoot.Contains(static_cast<double>(Widen(x[i])));
    if (!near_root) result.max_ulp = std::max(result.max_ulp, ulp);
    const double abs_error = std::fabs(Widen(got) - exact);
    const bool ok = ulp <= rule.max_ulp || abs_error <= rule.abs_tolerance;
    if (!ok && result.failure.empty()) {
      char text[200];
      std::snprintf(text, sizeof text, "element %zu (x = %a): %a, expected %La (%.3g ULP)", i,
                    static_cast<double>(Widen(x[i])), static_cast<double>(Widen(got)), exact, ulp);
      result.failure = text;
    }
  };
  for (size_t i = 0; i < n; i = (i + stride < n || i == n - 1) ? i + stride : n - 1) {
    const ScalarResult<W> r = Scalar(Tag{}, static_cast<W>(Widen(x[i])), p);
    switch (op) {
      case Op::kForward: check(i, out[i], r.value, false); break;
      case Op::kDerivative: check(i, out[i], r.slope, true); break;
      case Op::kBackward: check(i, out[i], static_cast<W>(Widen(dy[i])) * r.slope, true); break;
      case Op::kForwardAndDerivative:
        check(i, out[i], r.value, false);
        check(i, out2[i], r.slope, true);
        break;
    }
  }
  return result;
}

// Our kernels: their registry bound (plus 1 ULP for backward's extra rounding and the wide
// scalar's own error), and 2 epsilon absolute next to a root of f' (2^-23 for the 16-bit
// types, whose float kernels are held to 2^-24 there, plus their own half ULP).
template <class Tag, typename T>
CheckRule KernelRule(Op op) {
  const double bound = op == Op::kForward ? BoundValue<Tag, T>() : std::max(BoundValue<Tag, T>(), BoundSlope<Tag, T>());
  if constexpr (Storage16<T>) {
    return {bound + 1, 0x1p-23};
  } else {
    return {bound + 1, 2 * std::numeric_limits<T>::epsilon()};
  }
}
// The scalar baseline and the peers are not held to our bounds; the check only proves they compute
// the same function (a wiring error is off by far more).
constexpr CheckRule kSameFunctionRule = {1 << 20, 1e-5};

// ---- Timing ------------------------------------------------------------------------------------

// A prepared computation over fixed buffers, called once per timed iteration.
using Computation = std::function<void()>;
template <typename T>
using MakeComputation =
    std::function<Computation(std::span<const T> x, std::span<const T> dy, std::span<T> out, std::span<T> out2)>;

// Runs the computation once, checks it, then times it over N elements of distribution d.
template <class Tag, typename T>
void Measure(benchmark::State& state, Op op, Distribution d, double param, const CheckRule& rule,
             const MakeComputation<T>& make) {
  const size_t n = static_cast<size_t>(state.range(0));
  const std::span<const T> x = InputX<T>(d).first(n), dy = InputDy<T>().first(n);
  std::vector<T> out(n, NaNOf<T>()), out2(out);  // unwritten lanes fail
  const Computation compute = make(x, dy, out, out2);
  compute();
  const CheckResult check = CheckOutput<Tag, T>(op, x, dy, out, out2, param, rule);
  if (!check.failure.empty()) {
    state.SkipWithError(("output differs from the scalar formulas: " + check.failure).c_str());
    return;
  }
  for (auto _ : state) {
    compute();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(n * sizeof(T)) * ArraysMoved(op));
  state.counters["max_ulp"] = check.max_ulp;
}

template <Op kOp, class Tag, typename T>
Computation ScalarComputation(std::span<const T> x, std::span<const T> dy, std::span<T> out,
                              std::span<T> out2, double param) {
  return [=] { ScalarApply<kOp, Tag, T>(x.data(), dy.data(), out.data(), out2.data(), x.size(), T(param)); };
}
template <class Tag, typename T>
Computation ScalarFor(Op op, std::span<const T> x, std::span<const T> dy, std::span<T> out,
                      std::span<T> out2, double param) {
  switch (op) {
    case Op::kForward: return ScalarComputation<Op::kForward, Tag, T>(x, dy, out, out2, param);
    case Op::kDerivative: return ScalarComputation<Op::kDerivative, Tag, T>(x, dy, out, out2, param);
    case Op::kBackward: return ScalarComputation<Op::kBackward, Tag, T>(x, dy, out, out2, param);
    case Op::kForwardAndDerivative:
      return ScalarComputation<Op::kForwardAndDerivative, Tag, T>(x, dy, out, out2, param);
  }
  return {};
}

benchmark::internal::Benchmark* WithSizes(benchmark::internal::Benchmark* b) {
  b->ArgName("N");
  for (int64_t n : kSizes) b->Arg(n);
  return b;
}

// ---- Registration, from the registry ----------------------------------------------------------

template <class Tag, typename T>
void RegisterActivation(const std::vector<std::string>& targets) {
  constexpr Kind kind = KindOf<Tag>::value;
  const double param = Tag::kParam.default_value;
  const std::optional<double> p = ParamArgument<Tag>(param);
  for (Op op : kOps) {
    const std::string row = std::string(OpName(op)) + "/" + std::string(Tag::kName) + "/" + TypeName<T>() + "/";
    for (Distribution d : kAllDistributions) {
      const std::string dist = std::string("/") + DistributionName(d);
      for (const std::string& target : targets) {
        WithSizes(benchmark::RegisterBenchmark((row + target + dist).c_str(), [=](benchmark::State& state) {
          ForceTarget(target);
          Measure<Tag, T>(state, op, d, param, KernelRule<Tag, T>(op), [&](auto x, auto dy, auto out, auto out2) {
            return Computation([=] { CallKernel<T>(op, kind, x, dy, out, out2, p); });
          });
          ResetTarget();
        }));
      }
      WithSizes(benchmark::RegisterBenchmark((row + "scalar" + dist).c_str(), [=](benchmark::State& state) {
        Measure<Tag, T>(state, op, d, param, kSameFunctionRule, [&](auto x, auto dy, auto out, auto out2) {
          return ScalarFor<Tag, T>(op, x, dy, out, out2, param);
        });
      }));
      if constexpr (std::is_same_v<T, float>) {
        for (const auto& peer : Peers()) {
          const Peer* peer_ptr = peer.get();
          if (!peer->Has(kind, op, param)) continue;  // the library has no such call
          WithSizes(benchmark::RegisterBenchmark((peer->Name() + "/" + row + dist.substr(1)).c_str(), [=](benchmark::State& state) {
            Measure<Tag, T>(state, op, d, param, kSameFunctionRule, [&](auto x, auto dy, auto out, auto) {
              return Computation(peer_ptr->Prepare(kind, op, param, {x, dy, out}));
            });
          }));
        }
      }
    }
  }
}

// A 16-bit storage type: ours on every target and the peers with kernels for the type (the
// scalar baseline is float's).
template <class Tag, Storage16 S>
void RegisterActivation16(const std::vector<std::string>& targets) {
  constexpr Kind kind = KindOf<Tag>::value;
  const double param = Tag::kParam.default_value;
  const std::optional<double> p = ParamArgument<Tag>(param);
  for (Op op : kOps) {
    const std::string row = std::string(OpName(op)) + "/" + std::string(Tag::kName) + "/" + TypeName<S>() + "/";
    for (Distribution d : kAllDistributions) {
      const std::string dist = std::string("/") + DistributionName(d);
      for (const std::string& target : targets) {
        WithSizes(benchmark::RegisterBenchmark((row + target + dist).c_str(), [=](benchmark::State& state) {
          ForceTarget(target);
          Measure<Tag, S>(state, op, d, param, KernelRule<Tag, S>(op), [&](auto x, auto dy, auto out, auto out2) {
            return Computation([=] { CallKernel<S>(op, kind, x, dy, out, out2, p); });
          });
          ResetTarget();
        }));
      }
      for (const auto& peer : Peers()) {
        const Peer* peer_ptr = peer.get();
        if (!peer->Has16(kind, op, param, kType16<S>)) continue;
        WithSizes(benchmark::RegisterBenchmark((peer->Name() + "/" + row + dist.substr(1)).c_str(), [=](benchmark::State& state) {
          Measure<Tag, S>(state, op, d, param, kSameFunctionRule, [&](auto x, auto dy, auto out, auto) {
            const auto bits = [](auto span) { return std::span(reinterpret_cast<const uint16_t*>(span.data()), span.size()); };
            const PeerBuffers16 buffers{bits(x), bits(dy), {reinterpret_cast<uint16_t*>(out.data()), out.size()}};
            return Computation(peer_ptr->Prepare16(kind, op, param, kType16<S>, buffers));
          });
        }));
      }
    }
  }
}

template <typename T>
void RegisterCopies() {
  using B = std::conditional_t<Storage16<T>, uint16_t, T>;  // what the copy moves: T's bytes
  const auto copy = [](const char* pattern, auto body) {
    const std::string name = std::string("copy/") + pattern + "/" + TypeName<T>();
    const bool writes_out2 = std::string_view(pattern) == "read1_write2";
    WithSizes(benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
      const size_t n = static_cast<size_t>(state.range(0));
      const B* a = reinterpret_cast<const B*>(InputX<T>(Distribution::kUniform).data());
      const B* b = reinterpret_cast<const B*>(InputDy<T>().data());
      std::vector<T> out_t(n, NaNOf<T>()), out2_t(out_t);
      B* out = reinterpret_cast<B*>(out_t.data());
      B* out2 = reinterpret_cast<B*>(out2_t.data());
      const int64_t arrays = body(a, b, out, out2, n);
      // Every output element what the copy computes (a, or a + b: 16-bit types add their bits
      // as integers, so a NaN pattern can be a correct sum and NaN cannot mark unwritten).
      const bool adds = std::string_view(pattern) == "read2_write1";
      const auto unwritten = [&](const B* v) {
        for (size_t i = 0; i < n; ++i) {
          const B want = adds ? static_cast<B>(a[i] + b[i]) : a[i];
          if (std::memcmp(&v[i], &want, sizeof(B)) != 0) return true;
        }
        return false;
      };
      if (unwritten(out) || (writes_out2 && unwritten(out2))) {
        state.SkipWithError("copy left its output unwritten");
        return;
      }
      for (auto _ : state) {
        body(a, b, out, out2, n);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
      }
      state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
      state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(n * sizeof(T)) * arrays);
      // Checked bit for bit above. Every row carries the same counters: Google Benchmark's CSV
      // reporter takes its columns from the first row it prints and aborts on a later row with
      // another counter, and with --benchmark_enable_random_interleaving a copy can come first.
      state.counters["max_ulp"] = 0;
    }));
  };
  copy("read1_write1", [](const B* a, const B*, B* o, B*, size_t n) { CopyRead1Write1(a, o, n); return int64_t{2}; });
  copy("read2_write1", [](const B* a, const B* b, B* o, B*, size_t n) { CopyRead2Write1(a, b, o, n); return int64_t{3}; });
  copy("read1_write2", [](const B* a, const B*, B* o, B* o2, size_t n) { CopyRead1Write2(a, o, o2, n); return int64_t{3}; });
}

// Every enabled activation for element type T (a 16-bit type: RegisterType16), then the
// copies of T.
template <typename T>
void RegisterType(const std::vector<std::string>& targets) {
#define ACT_REGISTER(Type) RegisterActivation<Type, T>(targets);
  ACT_FOR_EACH_ENABLED(ACT_REGISTER)
#undef ACT_REGISTER
  RegisterCopies<T>();
}
template <Storage16 S>
void RegisterType16(const std::vector<std::string>& targets) {
#define ACT_REGISTER(Type) RegisterActivation16<Type, S>(targets);
  ACT_FOR_EACH_ENABLED(ACT_REGISTER)
#undef ACT_REGISTER
  RegisterCopies<S>();
}

// The Highway targets benchmarked: every SIMD target the CPU supports (not Highway's portable
// scalar fallback; the scalar baseline is the plain-C++ row).
std::vector<std::string> SimdTargets() {
  std::vector<std::string> targets;
  for (const std::string& t : AvailableTargets()) {
    if (t != "SCALAR" && t != "EMU128") targets.push_back(t);
  }
  return targets;
}

std::string FirstLineOf(const std::string& command) {
  std::string line;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    if (std::fgets(buffer, sizeof buffer, pipe)) line = buffer;
    pclose(pipe);
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line.empty() ? "unknown" : line;
}

}  // namespace
}  // namespace act::bench

int main(int argc, char** argv) {
  using namespace act::bench;
  benchmark::Initialize(&argc, argv);
  if (argc > 1) {  // Initialize removed every flag it knows
    std::fprintf(stderr, "bench_activations: unknown flag '%s' (Google Benchmark's flags: --help)\n", argv[1]);
    return 2;
  }
  const std::vector<std::string> targets = SimdTargets();
  std::string target_list;
  for (const std::string& t : targets) target_list += (target_list.empty() ? "" : ",") + t;
  benchmark::AddCustomContext("highway_target", act::CurrentTarget());
  benchmark::AddCustomContext("highway_targets_benchmarked", target_list);
  benchmark::AddCustomContext("cpu", CpuModel());
  benchmark::AddCustomContext("git_commit",
                              FirstLineOf("git -C '" ACT_SOURCE_DIR "' describe --always --dirty 2>/dev/null"));
  for (const auto& peer : Peers()) benchmark::AddCustomContext("peer_" + peer->Name(), peer->Description());
  for (const std::string& missing : MissingPeers()) {
    benchmark::AddCustomContext("peer_missing_" + missing.substr(0, missing.find(':')), missing);
    std::fprintf(stderr, "bench_activations: peer %s; its rows are absent\n", missing.c_str());
  }

#define ACT_REGISTER_TYPE(T, ...) RegisterType<T>(targets);
  ACT_FOR_EACH_TYPE(ACT_REGISTER_TYPE)
#undef ACT_REGISTER_TYPE
#define ACT_REGISTER_TYPE16(S, ...) RegisterType16<S>(targets);
  ACT_FOR_EACH_STORAGE16(ACT_REGISTER_TYPE16)
#undef ACT_REGISTER_TYPE16

  const size_t ran = benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (ran == 0) {  // a filter that matches nothing is a mistake, not an empty success
    std::fprintf(stderr, "bench_activations: no benchmark matches the filter (rows look like "
                         "forward/mish/float/AVX3/uniform/N:16384; --benchmark_list_tests lists them)\n");
    return 2;
  }
  return 0;
}
