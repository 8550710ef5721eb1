// fingerprint: a checksum of every kernel's output bits, per element type, SIMD target,
// operation and activation, for refactors that must not change a single result. Build it on
// the commit before and after a change and diff the two outputs: equal lines mean equal bits
// on every input swept (the exhaustive accuracy table cannot differ then either).
//
//   fingerprint [--float-stride=N] [--double-count=N] [--targets=A,B]
//
// Float: every N-th of the 2^32 bit patterns (default 1, all of them) through Forward and
// Derivative, and every (97 N)-th through Backward and ForwardAndDerivative. Double: N bit
// patterns spread over the whole 2^64 range (default 2^24) through all four. Each activation
// at its default parameter. About ten minutes per target at the defaults on 2 cores. The
// checksum is sum(bits_i * (2 i + 1)) mod 2^64 over the outputs in order: any single changed
// output changes it. Public API only, so it builds against any commit that has that API.
#include <bit>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/activations.h"
#include "verify/support/flags.h"

namespace act::verify {
namespace {

constexpr size_t kChunk = size_t{1} << 16;

template <typename T>
using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;

struct Checksum {
  uint64_t sum = 0, count = 0;
  template <typename T>
  void Add(std::span<const T> out) {
    for (const T v : out) {
      sum += uint64_t{std::bit_cast<Bits<T>>(v)} * (2 * count + 1);
      ++count;
    }
  }
};

// Runs op on x[0, n) chunk by chunk with inputs from input(i) and dy = a fixed pattern.
template <typename T, class Input>
void Sweep(Kind kind, const char* op_name, uint64_t n, Input&& input, const std::string& target) {
  std::vector<T> x(kChunk), dy(kChunk), out(kChunk), out2(kChunk);
  for (size_t j = 0; j < kChunk; ++j) dy[j] = static_cast<T>(1.0 - 0x1p-7 * static_cast<double>(j % 255));
  Checksum a, b;
  const std::string_view op = op_name;
  for (uint64_t start = 0; start < n; start += kChunk) {
    const size_t m = static_cast<size_t>(std::min<uint64_t>(kChunk, n - start));
    for (size_t j = 0; j < m; ++j) x[j] = input(start + j);
    const std::span<const T> xs(x.data(), m);
    const std::span<T> o(out.data(), m), o2(out2.data(), m);
    if (op == "forward") Forward<T>(kind, xs, o);
    if (op == "derivative") Derivative<T>(kind, xs, o);
    if (op == "backward") Backward<T>(kind, xs, std::span<const T>(dy.data(), m), o);
    if (op == "fused") ForwardAndDerivative<T>(kind, xs, o, o2);
    a.Add<T>(o);
    if (op == "fused") b.Add<T>(o2);
  }
  std::printf("%-6s %-7s %-10s %-12s %016" PRIx64 " %016" PRIx64 " n=%" PRIu64 "\n",
              sizeof(T) == 4 ? "float" : "double", target.c_str(), op_name,
              std::string(Name(kind)).c_str(), a.sum, b.sum, a.count);
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  uint64_t float_stride = 1, double_count = uint64_t{1} << 24;
  std::vector<std::string> targets = AvailableTargets();
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto v = support::FlagValue(arg, "--float-stride")) {
      float_stride = static_cast<uint64_t>(support::ParseInteger("--float-stride", *v, 1, 1 << 30));
    } else if (const auto v = support::FlagValue(arg, "--double-count")) {
      double_count = static_cast<uint64_t>(support::ParseInteger("--double-count", *v, 1, 1LL << 40));
    } else if (const auto v = support::FlagValue(arg, "--targets")) {
      targets = support::SplitList(*v);
    } else {
      throw support::UsageError("unknown flag '" + std::string(arg) + "'");
    }
  }

  for (const std::string& target : targets) {
    ForceTarget(target);
    for (const Kind kind : EnabledKinds()) {
#if ACT_HAS_FLOAT
      for (const char* op : {"forward", "derivative", "backward", "fused"}) {
        const std::string_view o = op;
        const uint64_t stride = (o == "forward" || o == "derivative") ? float_stride : 97 * float_stride;
        const auto input = [&](uint64_t i) { return std::bit_cast<float>(static_cast<uint32_t>(i * stride)); };
        Sweep<float>(kind, op, ((uint64_t{1} << 32) + stride - 1) / stride, input, target);
      }
#endif
#if ACT_HAS_DOUBLE
      for (const char* op : {"forward", "derivative", "backward", "fused"}) {
        const uint64_t step = (~uint64_t{0} / double_count) | 1;  // odd: every bit varies
        const auto input = [&](uint64_t i) { return std::bit_cast<double>(i * step); };
        Sweep<double>(kind, op, double_count, input, target);
      }
#endif
    }
  }
  ResetTarget();
  return 0;
}

}  // namespace
}  // namespace act::verify

int main(int argc, char** argv) {
  try {
    return act::verify::Main(argc, argv);
  } catch (const std::exception& e) {  // bad flags, unknown targets
    std::fprintf(stderr, "fingerprint: %s\n", e.what());
    return 2;
  }
}
