// versus_onednn: our kernels' throughput as a ratio to oneDNN's, measured in alternating pairs.
//
//   versus_onednn [--rounds=N] [--filter=SUBSTRING] [--out=FILE.csv]
//
// Why a separate measurement: on a shared VM a core's throughput drifts by 10-25% from one
// minute to the next. bench_activations times each row for a while and moves on, so a kernel
// row and its onednn/ row are measured minutes apart, on what is in effect two different
// machines, and the fastest of a few repetitions does not repair that. Here each round times a
// block of our calls and then a block of oneDNN's (about 2 ms each, the order alternating from
// round to round: bench/paired.h), so both sides of a round's ratio see the same machine; a row's ratio is the
// median over its rounds, quoted with its quartiles.
//
// Rows: every enabled activation that oneDNN 2.6 has, forward and backward, float, N = 16Ki and
// 16Mi, our side on the dispatcher's best target. Inputs are bench_activations' own. Before it
// is timed, each row checks that both sides compute the same function on those inputs.
// Writes one line per row to stdout and, with --out, a CSV (temporary file + rename) that
// perf_report reads for the oneDNN column of reports/performance.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/onednn_peer.h"
#include "bench/paired.h"
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
  int rounds = 61;
  std::string filter;  // only rows whose name (forward/mish/float/N:16384) contains it
  std::string out;
};

struct Row {
  std::string op, activation, size, target;
  int rounds = 0;
  double ours = 0, onednn = 0;  // median elements per second over the rounds
  double ratio_median = 0, ratio_q1 = 0, ratio_q3 = 0;
};

std::string SizeName(int64_t n) { return Format("N:%lld", static_cast<long long>(n)); }
// As bench_activations names the kernel row: forward/mish/float/N:16384.
std::string RowName(Op op, std::string_view activation, int64_t n) {
  return std::string(OpName(op)) + "/" + std::string(activation) + "/float/" + SizeName(n);
}

// The first element where the two outputs are not the same function (a wiring error differs by
// far more than oneDNN's inaccuracy, which stays within 1e-5 absolute on these inputs).
std::optional<size_t> FirstDisagreement(std::span<const float> ours, std::span<const float> theirs) {
  for (size_t i = 0; i < ours.size(); ++i) {
    const double a = ours[i], b = theirs[i];
    if (!(std::fabs(a - b) <= 1e-5 + std::fabs(b) * 0x1p-10)) return i;
  }
  return std::nullopt;
}

Row MeasurePair(std::string_view activation, Kind kind, const OnednnAlgorithm& algorithm, Op op,
                std::optional<double> param, int64_t n, int rounds) {
  const Inputs<float>& in = SharedInputs<float>();
  const std::span<const float> x(in.x.data(), n), dy(in.dy.data(), n);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> ours_out(n, nan), onednn_out(n, nan);  // unwritten lanes disagree
  OnednnEltwise peer(algorithm, x.data(), dy.data(), onednn_out.data(), n);
  const std::function<void()> ours = [&] { CallKernel<float>(op, kind, x, dy, ours_out, {}, param); };
  const std::function<void()> theirs = [&] { op == Op::kForward ? peer.Forward() : peer.Backward(); };
  const std::string name = RowName(op, activation, n);
  ours();
  theirs();
  if (const auto i = FirstDisagreement(ours_out, onednn_out)) {
    throw std::runtime_error(Format("%s: our output and oneDNN's differ at element %zu (x = %a): %a against %a",
                                    name.c_str(), *i, static_cast<double>(x[*i]),
                                    static_cast<double>(ours_out[*i]), static_cast<double>(onednn_out[*i])));
  }
  const PairedRounds timing = TimeInRounds({ours, theirs}, rounds, kBlockSeconds);
  const double elements = static_cast<double>(timing.calls) * static_cast<double>(n);
  std::vector<double> ours_rates, onednn_rates;
  for (int round = 0; round < rounds; ++round) {
    ours_rates.push_back(elements / timing.seconds[0][round]);
    onednn_rates.push_back(elements / timing.seconds[1][round]);
  }
  const Quartiles ratio = QuartilesOf(SpeedRatios(timing, 0, 1));
  return Row{OpName(op), std::string(activation), SizeName(n), CurrentTarget(), rounds,
             QuartilesOf(ours_rates).median, QuartilesOf(onednn_rates).median, ratio.median, ratio.q1, ratio.q3};
}

template <class Tag>
void MeasureActivation(const Options& options, std::vector<Row>& rows) {
  constexpr Kind kind = KindOf<Tag>::value;
  const double param = Tag::kParam.default_value;
  const auto algorithm = OnednnAlgorithmFor(kind, param);
  if (!algorithm) return;  // oneDNN has no such eltwise algorithm
  const std::optional<double> p = ParamArgument<Tag>(param);
  for (const int64_t n : kPairedSizes) {
    for (const Op op : {Op::kForward, Op::kBackward}) {  // what oneDNN has
      const std::string name = RowName(op, Tag::kName, n);
      if (name.find(options.filter) == std::string::npos) continue;
      rows.push_back(MeasurePair(Tag::kName, kind, *algorithm, op, p, n, options.rounds));
      const Row& r = rows.back();
      std::printf("%-36s ours %7.3f  oneDNN %7.3f Gelem/s  ratio %.3fx (quartiles %.3f-%.3f)\n", name.c_str(), r.ours / 1e9, r.onednn / 1e9,
                  r.ratio_median, r.ratio_q1, r.ratio_q3);
      std::fflush(stdout);
    }
  }
}

std::vector<Row> MeasureAll(const Options& options) {
  std::vector<Row> rows;
#define ACT_MEASURE(Type) MeasureActivation<Type>(options, rows);
  ACT_FOR_EACH_ENABLED(ACT_MEASURE)
#undef ACT_MEASURE
  return rows;
}

std::string Csv(const std::vector<Row>& rows) {
  std::string csv = "operation,activation,type,size,target,rounds,ours_gelem_per_s,onednn_gelem_per_s,"
                    "ratio_median,ratio_q1,ratio_q3\n";
  for (const Row& r : rows) {
    csv += Format("%s,%s,float,%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f\n", r.op.c_str(), r.activation.c_str(),
                  r.size.c_str(), r.target.c_str(), r.rounds, r.ours / 1e9, r.onednn / 1e9, r.ratio_median,
                  r.ratio_q1, r.ratio_q3);
  }
  return csv;
}

// Parses the command line; nullopt (after a one-line message) for anything it does not know.
std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto value = support::FlagValue(arg, "--rounds")) {
      try {
        options.rounds = static_cast<int>(support::ParseInteger("--rounds", *value, 1, 100000));
      } catch (const support::UsageError&) {
        std::fprintf(stderr, "versus_onednn: --rounds needs a whole number from 1 to 100000, not '%s'\n",
                     std::string(*value).c_str());
        return std::nullopt;
      }
    } else if (const auto value = support::FlagValue(arg, "--filter")) {
      options.filter = std::string(*value);
    } else if (const auto value = support::FlagValue(arg, "--out")) {
      options.out = std::string(*value);
    } else {
      std::fprintf(stderr, "versus_onednn: unknown flag '%s'\nusage: versus_onednn [--rounds=N] [--filter=SUBSTRING] [--out=FILE.csv]\n",
                   argv[i]);
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace
}  // namespace act::bench

int main(int argc, char** argv) {
  using namespace act::bench;
  const std::optional<Options> options = ParseOptions(argc, argv);
  if (!options) return 2;
  try {  // an unwritable --out fails now, not after the measurement
    if (!options->out.empty()) {
      const std::filesystem::path parent = std::filesystem::path(options->out).parent_path();
      act::support::PrepareOutputDirectory(parent.empty() ? "." : parent.string());
    }
  } catch (const act::support::OutputError& e) {
    std::fprintf(stderr, "versus_onednn: %s\n", e.what());
    return 2;
  }
  try {
    const std::string onednn = OnednnSetUp();
    std::printf("versus_onednn: %s, our target %s, %d rounds of alternating ~2 ms blocks per row\n", onednn.c_str(),
                act::CurrentTarget().c_str(), options->rounds);
    const std::vector<Row> rows = MeasureAll(*options);
    if (rows.empty()) {
      std::fprintf(stderr, "versus_onednn: no row matches --filter=%s (rows look like forward/mish/float/N:16384)\n",
                   options->filter.c_str());
      return 2;
    }
    if (!options->out.empty()) act::support::WriteFileAtomically(options->out, Csv(rows));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "versus_onednn: %s\n", e.what());
    return 1;
  }
  return 0;
}
