// versus_peers: our kernels' throughput as a ratio to every peer library's (bench/peers/),
// measured in alternating rounds.
//
//   versus_peers [--rounds=N] [--filter=SUBSTRING] [--distributions=a,b]
//                [--large-distributions=a,b|all] [--peers=a,b] [--out=FILE.csv]
//
// Why a separate measurement: on a shared VM a core's throughput drifts by 10-25% from one
// minute to the next. bench_activations times each row for a while and moves on, so a kernel
// row and a peer's row are measured minutes apart, on what is in effect two different
// machines. Here each round times a block of our calls and then one of each peer's (about 2 ms
// each, the order rotating from round to round: bench/paired.h), so every ratio of a round
// compares sides that ran in the same moment; a ratio is the median over the rounds, quoted
// with its quartiles.
//
// Rows: forward and backward of every enabled activation, float, N = 16Ki and 16Mi, every input
// distribution of bench/workload.h (or those of --distributions) at 16Ki and uniform, normal
// and outliers_256 at 16Mi (or those of --large-distributions: each 16Mi row takes about 7 s,
// most of the README's main job), our side on the dispatcher's best target; and
// backward_from_output for the activations that have it (act::BackwardFromOutput from y =
// f(x), computed beforehand) against the same peers' backward, against every peer that has the function (or those whose name
// starts with one of --peers: "pytorch" for a second run at another capability). Before it is timed, each
// peer is checked to compute the same function as ours on the row's inputs; one that does not
// (NaN, or off by more than 1e-5 + 2^-10 relative) is left out of that row with a line saying
// so. Writes one line per row and peer to stdout and, with --out, a CSV (temporary file +
// rename) that perf_report reads for the peer columns of reports/performance.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bench/paired.h"
#include "bench/peers/peer.h"
#include "bench/workload.h"
#include "kernels/activations.h"
#include "verify/support/flags.h"
#include "verify/support/output.h"

namespace act::bench {
namespace {

using act::support::Format;

constexpr int64_t kPairedSizes[] = {1 << 14, 1 << 24};
constexpr double kBlockSeconds = 2e-3;

struct Options {
  int rounds = 21;
  std::string filter;  // only rows whose name (forward/mish/float/outliers_256/N:16384) contains it
  std::vector<Distribution> distributions{std::begin(kAllDistributions), std::end(kAllDistributions)};
  std::vector<Distribution> large_distributions{Distribution::kUniform, Distribution::kNormal,
                                                Distribution::kOutliers256};  // at 16Mi
  std::string out;
  std::vector<std::string> peers;  // name prefixes; empty: every peer
  bool Wants(const Peer& peer) const {
    const std::string name = peer.Name();
    return peers.empty() ||
           std::any_of(peers.begin(), peers.end(), [&](const std::string& p) { return name.rfind(p, 0) == 0; });
  }
};

// One row against one peer.
struct Pair {
  std::string op, activation, distribution, size, target, peer;
  int rounds = 0;
  double ours = 0, theirs = 0;  // median elements per second over the rounds
  Quartiles ratio{};            // ours / theirs, per round
};

std::string SizeName(int64_t n) { return Format("N:%lld", static_cast<long long>(n)); }
// As bench_activations names the kernel row, without the target: forward/mish/float/uniform/N:16384.
std::string RowName(std::string_view op, std::string_view activation, Distribution d, int64_t n) {
  return std::string(op) + "/" + std::string(activation) + "/float/" + DistributionName(d) + "/" + SizeName(n);
}
constexpr std::string_view kFromOutputRow = "backward_from_output";

// The first element where the two outputs are not the same function (a wiring error differs by
// far more than a peer's inaccuracy, which stays within this tolerance where it agrees).
std::optional<size_t> FirstDisagreement(std::span<const float> ours, std::span<const float> theirs) {
  for (size_t i = 0; i < ours.size(); ++i) {
    const double a = ours[i], b = theirs[i];
    if (a == b) continue;  // also equal infinities
    if (!(std::fabs(a - b) <= 1e-5 + std::fabs(b) * 0x1p-10)) return i;
  }
  return std::nullopt;
}

constexpr int kSlowPeerRounds = 3;

// from_output: our side is BackwardFromOutput on y = f(x) (op is kBackward).
void MeasureRow(Kind kind, std::string_view activation, Op op, bool from_output, double param,
                std::optional<double> p, Distribution d, int64_t n, const Options& options,
                std::vector<Pair>& pairs) {
  const std::span<const float> x = InputX<float>(d).first(n), dy = InputDy<float>().first(n);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> ours_out(n, nan), y;
  if (from_output) {
    y.resize(n);
    Forward<float>(kind, x, y, p);
  }
  // Ours into `into`: ours_out, which every peer's first call is checked against, or timed_out.
  const auto ours_into = [&](std::span<float> into) {
    if (from_output) {
      BackwardFromOutput<float>(kind, y, dy, into, p);
    } else {
      CallKernel<float>(op, kind, x, dy, into, {}, p);
    }
  };
  ours_into(ours_out);
  // Every side is timed writing the same output buffer, as it reads the same x and dy: with a
  // buffer each, where the allocator and the kernel happened to place them (cache sets, 4 KiB
  // aliasing with x) moved a cheap row's ratio by up to 20% from one process to the next
  // (relu backward_from_output against SLEEF's: 0.88x to 1.06x), a luck the kernels' code has
  // no part in.
  std::vector<float> timed_out(n, nan);
  std::vector<std::function<void()>> sides = {[&] { ours_into(timed_out); }};
  const auto seconds_of = [](const std::function<void()>& call) {
    const auto start = std::chrono::steady_clock::now();
    call();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const double ours_seconds = seconds_of(sides[0]);
  const std::string op_name = from_output ? std::string(kFromOutputRow) : std::string(OpName(op));
  const std::string name = RowName(op_name, activation, d, n);
  std::vector<const Peer*> peers;
  std::vector<bool> slow;  // per peer: measured in kSlowPeerRounds (see below)
  for (const auto& peer : Peers()) {
    if (!options.Wants(*peer) || !peer->Has(kind, op, param)) continue;
    std::fill(timed_out.begin(), timed_out.end(), nan);  // unwritten lanes disagree
    PeerCall call = peer->Prepare(kind, op, param, {x, dy, timed_out});
    const double peer_seconds = seconds_of(call);
    if (const auto i = FirstDisagreement(ours_out, timed_out)) {
      std::printf("%-44s %-16s left out: differs at element %zu (x = %a): %a, ours %a\n", name.c_str(),
                  peer->Name().c_str(), *i, static_cast<double>(x[*i]), static_cast<double>(timed_out[*i]),
                  static_cast<double>(ours_out[*i]));
      continue;
    }
    peers.push_back(peer.get());
    // A peer whose one call takes over 20 ms and 3x ours is far behind; at 16Mi its calls
    // (up to 0.5 s) would take most of the run, so it gets kSlowPeerRounds rounds: enough for a
    // ratio of 3x or more, whose precision decides nothing.
    slow.push_back(peer_seconds > 0.02 && peer_seconds > 3 * ours_seconds && options.rounds > kSlowPeerRounds);
    sides.push_back(std::move(call));
  }
  if (peers.empty()) return;
  // Two groups, each timed in its own rounds with ours: the fast peers, the slow ones.
  for (const bool slow_group : {false, true}) {
    std::vector<std::function<void()>> group = {sides[0]};
    std::vector<size_t> members;
    for (size_t k = 0; k < peers.size(); ++k) {
      if (slow[k] == slow_group) group.push_back(sides[k + 1]), members.push_back(k);
    }
    if (members.empty()) continue;
    const int rounds = slow_group ? kSlowPeerRounds : options.rounds;
    const PairedRounds timing = TimeInRounds(group, rounds, kBlockSeconds);
    const double elements = static_cast<double>(timing.calls) * static_cast<double>(n);
    const auto median_rate = [&](size_t side) {
      std::vector<double> rates;
      for (double seconds : timing.seconds[side]) rates.push_back(elements / seconds);
      return QuartilesOf(rates).median;
    };
    for (size_t m = 0; m < members.size(); ++m) {
      const size_t k = members[m];
      pairs.push_back(Pair{op_name, std::string(activation), DistributionName(d), SizeName(n), CurrentTarget(),
                           peers[k]->Name(), rounds, median_rate(0), median_rate(m + 1),
                           QuartilesOf(SpeedRatios(timing, 0, m + 1))});
      const Pair& r = pairs.back();
      std::printf("%-44s ours %7.3f  %-16s %7.3f Gelem/s  ratio %.3fx (quartiles %.3f-%.3f, %d rounds)\n",
                  name.c_str(), r.ours / 1e9, r.peer.c_str(), r.theirs / 1e9, r.ratio.median, r.ratio.q1, r.ratio.q3,
                  rounds);
    }
  }
  std::fflush(stdout);
}

template <class Tag>
void MeasureActivation(const Options& options, std::vector<Pair>& pairs) {
  const double param = Tag::kParam.default_value;
  const auto wanted = [&](std::string_view op, Distribution d, int64_t n) {
    const auto& ds = n == kPairedSizes[0] ? options.distributions : options.large_distributions;
    return std::find(ds.begin(), ds.end(), d) != ds.end() &&
           RowName(op, Tag::kName, d, n).find(options.filter) != std::string::npos;
  };
  constexpr bool kFromOutput = Tag::kSlopeFromOutput.Exists();
  for (const int64_t n : kPairedSizes) {
    for (const Distribution d : kAllDistributions) {
      for (const Op op : {Op::kForward, Op::kBackward}) {  // what the peers have
        if (wanted(OpName(op), d, n)) {
          MeasureRow(KindOf<Tag>::value, Tag::kName, op, false, param, ParamArgument<Tag>(param), d, n, options, pairs);
        }
      }
      if (kFromOutput && wanted(kFromOutputRow, d, n)) {
        MeasureRow(KindOf<Tag>::value, Tag::kName, Op::kBackward, true, param, ParamArgument<Tag>(param), d, n,
                   options, pairs);
      }
    }
  }
}

std::vector<Pair> MeasureAll(const Options& options) {
  std::vector<Pair> pairs;
#define ACT_MEASURE(Type) MeasureActivation<Type>(options, pairs);
  ACT_FOR_EACH_ENABLED(ACT_MEASURE)
#undef ACT_MEASURE
  return pairs;
}

std::string Csv(const std::vector<Pair>& pairs) {
  std::string csv = "operation,activation,type,distribution,size,target,peer,rounds,ours_gelem_per_s,"
                    "peer_gelem_per_s,ratio_median,ratio_q1,ratio_q3\n";
  for (const Pair& r : pairs) {
    csv += Format("%s,%s,float,%s,%s,%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f\n", r.op.c_str(), r.activation.c_str(),
                  r.distribution.c_str(), r.size.c_str(), r.target.c_str(), r.peer.c_str(), r.rounds, r.ours / 1e9,
                  r.theirs / 1e9, r.ratio.median, r.ratio.q1, r.ratio.q3);
  }
  return csv;
}

constexpr const char* kUsage =
    "usage: versus_peers [--rounds=N] [--filter=SUBSTRING] [--distributions=a,b|all] "
    "[--large-distributions=a,b|all] [--peers=a,b] [--out=FILE.csv]";

// A comma-separated list of distribution names, or "all".
std::vector<Distribution> ParseDistributions(std::string_view flag, std::string_view text) {
  if (text == "all") return {std::begin(kAllDistributions), std::end(kAllDistributions)};
  std::vector<Distribution> list;
  for (const std::string& name : support::SplitList(text)) {
    const auto d = DistributionNamed(name);
    if (!d) {
      std::string valid;
      for (Distribution e : kAllDistributions) valid += std::string(valid.empty() ? "" : ", ") + DistributionName(e);
      throw support::UsageError(std::string(flag) + ": unknown distribution '" + name + "' (valid: " + valid + ", or all)");
    }
    list.push_back(*d);
  }
  return list;
}

// Parses the command line; throws UsageError with a one-line message.
Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto value = support::FlagValue(arg, "--rounds")) {
      options.rounds = static_cast<int>(support::ParseInteger("--rounds", *value, 1, 100000));
    } else if (const auto value = support::FlagValue(arg, "--filter")) {
      options.filter = std::string(*value);
    } else if (const auto value = support::FlagValue(arg, "--distributions")) {
      options.distributions = ParseDistributions("--distributions", *value);
    } else if (const auto value = support::FlagValue(arg, "--large-distributions")) {
      options.large_distributions = ParseDistributions("--large-distributions", *value);
    } else if (const auto value = support::FlagValue(arg, "--peers")) {
      options.peers = support::SplitList(*value);
    } else if (const auto value = support::FlagValue(arg, "--out")) {
      options.out = std::string(*value);
    } else {
      throw support::UsageError("unknown flag '" + std::string(arg) + "'");
    }
  }
  return options;
}

}  // namespace
}  // namespace act::bench

int main(int argc, char** argv) {
  using namespace act::bench;
  Options options;
  try {
    options = ParseOptions(argc, argv);
    if (!options.out.empty()) {  // an unwritable --out fails now, not after the measurement
      const std::filesystem::path parent = std::filesystem::path(options.out).parent_path();
      act::support::PrepareOutputDirectory(parent.empty() ? "." : parent.string());
    }
  } catch (const act::support::UsageError& e) {
    std::fprintf(stderr, "versus_peers: %s\n%s\n", e.what(), kUsage);
    return 2;
  } catch (const act::support::OutputError& e) {
    std::fprintf(stderr, "versus_peers: %s\n", e.what());
    return 2;
  }
  try {
    if (Peers().empty()) {
      std::fprintf(stderr, "versus_peers: this build has no peer (ACT_PEERS, or none installed)\n");
      return 2;
    }
    for (const auto& peer : Peers()) std::printf("versus_peers: peer %s: %s\n", peer->Name().c_str(), peer->Description().c_str());
    for (const std::string& missing : MissingPeers()) std::printf("versus_peers: peer %s; left out\n", missing.c_str());
    std::printf("versus_peers: our target %s, %d rounds of rotating ~2 ms blocks per row\n", act::CurrentTarget().c_str(),
                options.rounds);
    const std::vector<Pair> pairs = MeasureAll(options);
    if (pairs.empty()) {
      std::fprintf(stderr, "versus_peers: no row matches --filter=%s (rows look like forward/mish/float/outliers_256/N:16384)\n",
                   options.filter.c_str());
      return 2;
    }
    if (!options.out.empty()) act::support::WriteFileAtomically(options.out, Csv(pairs));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "versus_peers: %s\n", e.what());
    return 1;
  }
  return 0;
}
