// peer_accuracy: every implementation's accuracy through the verification suite's own
// machinery (verify/sweep.h: the same references, the same ULP definition, the same
// absolute-error rule next to a root of f'): ours on every SIMD target and every peer library
// (bench/peers/), float, value and backward with dy = 1 (so f' as the library computes it,
// from its stored output where its backward takes one).
//
//   peer_accuracy [--stride=N] [--filter=SUBSTRING] [--peers=a,b] --out=FILE.csv
//
// Inputs: every N-th float bit pattern (default 4099: about a million, every exponent, both
// signs), plus a dense grid of 2^20 points on [-20, 20]; and the special values NaN, +-inf,
// +-0, +-the smallest and largest subnormals, +-1e30 and +-FLT_MAX, on which each output is
// compared bit for bit (any NaN equals any NaN) with our kernels' documented contract
// (verify/test_contract.cc proves ours). --peers keeps the implementations whose name starts
// with one of the given prefixes ("ours", "eigen", "pytorch", ...). Writes FILE.csv (temporary
// file + rename), from which perf_report writes reports/peers.md (one table per activation,
// ours first), the accuracy columns of performance.md and the frontier plots.
// Exit status: 0 written, 1 a failure while measuring, 2 bad flags or an unwritable FILE.
#include <algorithm>
#include <bit>
#include <filesystem>
#include <functional>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/peers/peer.h"
#include "kernels/activations.h"
#include "verify/support/flags.h"
#include "verify/support/output.h"
#include "verify/sweep.h"

namespace act::bench {
namespace {

using support::Format;

struct Options {
  uint64_t stride = 4099;
  std::string filter, out;
  std::vector<std::string> peers;  // name prefixes; empty: all
  bool Wants(const std::string& name) const {
    if (peers.empty()) return true;
    return std::any_of(peers.begin(), peers.end(), [&](const std::string& p) { return name.rfind(p, 0) == 0; });
  }
};

// One implementation's measurement on one activation.
struct Measured {
  std::string activation, implementation;
  verify::SweepStats stats;
  std::vector<std::string> special_mismatches;  // "f(+inf) = nan, contract 1"
};

constexpr float kInfF = std::numeric_limits<float>::infinity();
const std::vector<std::pair<const char*, float>> kSpecials = {
    {"nan", std::numeric_limits<float>::quiet_NaN()},
    {"+inf", kInfF},
    {"-inf", -kInfF},
    {"+0", 0.0f},
    {"-0", -0.0f},
    {"+min_subnormal", std::numeric_limits<float>::denorm_min()},
    {"-min_subnormal", -std::numeric_limits<float>::denorm_min()},
    {"+max_subnormal", std::bit_cast<float>(0x007fffffu)},
    {"-max_subnormal", std::bit_cast<float>(0x807fffffu)},
    {"+1e30", 1e30f},
    {"-1e30", -1e30f},
    {"+max", std::numeric_limits<float>::max()},
    {"-max", -std::numeric_limits<float>::max()}};

bool SameBits(float a, float b) { return (std::isnan(a) && std::isnan(b)) || std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b); }

// Value and f' (backward with dy = 1) of one implementation on xs.
using Evaluate = std::function<void(std::span<const float> xs, std::span<float> y, std::span<float> dydx)>;

template <class Tag>
Measured MeasureOne(const std::string& implementation, const Evaluate& evaluate, std::span<const float> xs,
                    std::span<const float> specials, std::span<const float> contract_y,
                    std::span<const float> contract_dydx, float param) {
  Measured m{std::string(Tag::kName), implementation, {}, {}};
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> y(xs.size(), nan), dydx(xs.size(), nan);  // unwritten lanes fail
  evaluate(xs, y, dydx);
  verify::MeasureFloatOutputs<Tag>(xs, y, dydx, param, m.stats);
  std::vector<float> sy(specials.size(), nan), sd(specials.size(), nan);
  evaluate(specials, sy, sd);
  for (size_t i = 0; i < specials.size(); ++i) {
    if (!SameBits(sy[i], contract_y[i])) {
      m.special_mismatches.push_back(Format("f(%s) = %g, contract %g", kSpecials[i].first, sy[i], contract_y[i]));
    }
    if (!SameBits(sd[i], contract_dydx[i])) {
      m.special_mismatches.push_back(Format("f'(%s) = %g, contract %g", kSpecials[i].first, sd[i], contract_dydx[i]));
    }
  }
  return m;
}

std::vector<std::string> SimdTargets() {
  std::vector<std::string> targets;
  for (const std::string& t : AvailableTargets()) {
    if (t != "SCALAR" && t != "EMU128") targets.push_back(t);
  }
  return targets;
}

template <class Tag>
void MeasureActivation(const Options& o, std::span<const float> xs, std::vector<Measured>& all) {
  if (std::string_view(Tag::kName).find(o.filter) == std::string_view::npos) return;
  constexpr Kind kind = KindOf<Tag>::value;
  const double param = Tag::kParam.default_value;
  const float p = static_cast<float>(param);
  std::vector<float> specials;
  for (const auto& s : kSpecials) specials.push_back(s.second);
  const verify::KernelOutputs<float> contract = verify::RunKernel<Tag, float>(specials, p);
  const auto ours = [&](std::span<const float> x, std::span<float> y, std::span<float> dydx) {
    ForwardAndDerivative<float>(kind, x, y, dydx, ParamArgument<Tag>(param));
  };
  for (const std::string& target : SimdTargets()) {
    if (!o.Wants("ours " + target)) continue;
    ForceTarget(target);
    all.push_back(MeasureOne<Tag>("ours " + target, ours, xs, specials, contract.y, contract.dydx, p));
    ResetTarget();
  }
  for (const auto& peer : Peers()) {
    if (!o.Wants(peer->Name()) || !peer->Has(kind, Op::kForward, param) || !peer->Has(kind, Op::kBackward, param)) continue;
    const Evaluate evaluate = [&](std::span<const float> x, std::span<float> y, std::span<float> dydx) {
      const std::vector<float> ones(x.size(), 1.0f);
      peer->Prepare(kind, Op::kForward, param, {x, {}, y})();
      peer->Prepare(kind, Op::kBackward, param, {x, ones, dydx})();
    };
    all.push_back(MeasureOne<Tag>(peer->Name(), evaluate, xs, specials, contract.y, contract.dydx, p));
  }
  std::printf("peer_accuracy: %s done\n", std::string(Tag::kName).c_str());
  std::fflush(stdout);
}

// One line per activation and implementation; the special values off the contract are listed
// in one quoted field, separated by "; ". -1: not measured (no root of f').
std::string Csv(const Options& o, const std::vector<Measured>& all, size_t inputs) {
  std::string csv = "activation,implementation,inputs,stride,value_max_ulp,value_arg,slope_max_ulp,slope_arg,"
                    "slope_root_abs,special_mismatches,special_examples\n";
  for (const Measured& m : all) {
    std::string examples;
    for (const std::string& e : m.special_mismatches) examples += (examples.empty() ? "" : "; ") + e;
    csv += Format("%s,%s,%zu,%llu,%.6g,%a,%.6g,%a,%.6g,%zu,\"%s\"\n", m.activation.c_str(), m.implementation.c_str(),
                  inputs, static_cast<unsigned long long>(o.stride), m.stats.value.max_ulp, m.stats.value.arg_max_ulp,
                  m.stats.slope.max_ulp, m.stats.slope.arg_max_ulp, m.stats.slope.max_root_abs,
                  m.special_mismatches.size(), examples.c_str());
  }
  return csv;
}

constexpr const char* kUsage = "usage: peer_accuracy [--stride=N] [--filter=SUBSTRING] [--peers=a,b] --out=FILE.csv";

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto v = support::FlagValue(arg, "--stride")) {
      o.stride = static_cast<uint64_t>(support::ParseInteger("--stride", *v, 1, 1LL << 31));
    } else if (const auto v = support::FlagValue(arg, "--filter")) {
      o.filter = std::string(*v);
    } else if (const auto v = support::FlagValue(arg, "--peers")) {
      o.peers = support::SplitList(*v);
    } else if (const auto v = support::FlagValue(arg, "--out")) {
      o.out = std::string(*v);
    } else {
      throw support::UsageError("unknown flag '" + std::string(arg) + "'");
    }
  }
  if (o.out.empty()) throw support::UsageError("--out=FILE.csv is required");
  return o;
}

}  // namespace
}  // namespace act::bench

int main(int argc, char** argv) {
  using namespace act::bench;
  Options o;
  try {
    o = Parse(argc, argv);
    const std::string parent = std::filesystem::path(o.out).parent_path().string();
    act::support::PrepareOutputDirectory(parent.empty() ? "." : parent);
  } catch (const act::support::UsageError& e) {
    std::fprintf(stderr, "peer_accuracy: %s\n%s\n", e.what(), kUsage);
    return 2;
  } catch (const act::support::OutputError& e) {
    std::fprintf(stderr, "peer_accuracy: %s\n", e.what());
    return 2;
  }
  try {
    for (const std::string& missing : MissingPeers()) std::printf("peer_accuracy: peer %s; left out\n", missing.c_str());
    std::vector<float> xs = act::verify::FloatPatterns(0, 1ULL << 32, o.stride);
    const std::vector<float> grid = act::verify::FineGrid<float>(-20, 20, 1 << 20);
    xs.insert(xs.end(), grid.begin(), grid.end());
    std::vector<Measured> all;
#define ACT_MEASURE(Type) MeasureActivation<act::Type>(o, xs, all);
    ACT_FOR_EACH_ENABLED(ACT_MEASURE)
#undef ACT_MEASURE
    if (all.empty()) {
      std::fprintf(stderr, "peer_accuracy: nothing matches --filter and --peers\n");
      return 2;
    }
    act::support::WriteFileAtomically(o.out, Csv(o, all, xs.size()));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "peer_accuracy: %s\n", e.what());
    return 1;
  }
  return 0;
}
