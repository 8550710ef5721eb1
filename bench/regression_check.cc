// regression_check: the CI speed-regression check, from ratios measured in alternating rounds.
//
//   regression_check --baseline=FILE [--threshold=0.8] [--rounds=N] [--filter=SUBSTRING]
//                    [--slow-down=SUBSTRING:FACTOR]
//   regression_check --write-baseline=FILE [--rounds=N] [--filter=SUBSTRING]
//                    [--passes=3]   (each ratio's baseline: the lowest of its passes' medians)
//
// Rows: forward and backward of every enabled activation, float, N = 16Ki, inputs uniform and
// outliers_256 (bench/workload.h), on every SIMD target the CPU supports
// (forward/mish/float/AVX3/outliers_256/N:16384); and at N = 16Mi, past the caches, one
// activation per kernel family (kLargeRowActivations), uniform inputs, on the best target,
// with a quarter of the rounds (a round of those takes about 0.1 s, mostly the scalar loop). Each round times a ~2 ms block of
// the kernel, of the scalar <cmath> loop of the same operation and of the copy that moves the
// same bytes, the order rotating (bench/paired.h), so the two ratios of a round (kernel /
// scalar, kernel / copy) compare code that ran in the same moment: a loaded or slower machine
// moves all three together, a slower kernel only the kernel.
//
// A row regresses when the upper quartile of both ratios is below threshold x the baseline's
// median: three rounds in four show the slowdown against both references. A regressed row is
// measured twice more after all the others, with three times the rounds, and only a row that
// regresses every time fails the check (exit 1). The baseline holds a row per CPU model it was
// taken on; a row compares with this CPU's, or else with another model's, whose ratios can
// differ by design, so the threshold is then squared (0.64: only a gross slowdown fails) and
// the report says so. --write-baseline replaces this CPU's rows in FILE and keeps the others. --slow-down=SUBSTRING:FACTOR makes the kernel of matching rows do FACTOR times its
// work (1 < FACTOR <= 4), to show that a real slowdown fails the check.
// Exit status: 0 no regression, 1 a regression, 2 bad input (flags, baseline file, output).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/copy_kernels.h"
#include "bench/paired.h"
#include "bench/scalar_baseline.h"
#include "bench/workload.h"
#include "kernels/activations.h"
#include "verify/support/csv.h"
#include "verify/support/flags.h"
#include "verify/support/output.h"

namespace act::bench {
namespace {

using support::Format;
using support::UsageError;

constexpr int64_t kSize = 1 << 14;
constexpr int64_t kLargeSize = int64_t{1} << 24;
// One activation of each kernels/families/ file, for the rows at kLargeSize: the loops there
// are bound by memory as much as by arithmetic, and each family's balance differs.
constexpr std::string_view kLargeRowActivations[] = {"relu", "sigmoid", "elu", "gelu_tanh", "mish", "softplus"};
constexpr int kLargeRoundsDivisor = 4;
constexpr double kBlockSeconds = 2e-3;
constexpr int kRecheckFactor = 3;
// Uniform inputs, and heavy-tailed ones (1 outlier in 256), so that a change fast only on
// inputs inside the in-range bounds shows up.
constexpr Distribution kCheckedDistributions[] = {Distribution::kUniform, Distribution::kOutliers256};

struct Options {
  std::string baseline, write_baseline, filter;
  double threshold = 0.8;
  int rounds = 41;
  int passes = 3;  // --write-baseline
  std::string slow_filter;
  double slow_factor = 1;
};

struct Ratios {
  Quartiles vs_scalar, vs_copy;
};

struct BaselineRow {
  std::string cpu;
  double vs_scalar, vs_copy;
};
// Row name -> its baseline on each CPU model measured.
using Baseline = std::map<std::string, std::map<std::string, BaselineRow>>;

// One row: its name and the three sides it times.
struct Row {
  std::string name, target;
  std::function<void()> kernel, scalar, copy;
  int rounds_divisor = 1;
};

// A row's output at the same address modulo 4 KiB in every run: x and dy start 16 bytes into a
// page (large vectors are mmap'd), and an output at a heap address that moved with the
// process's earlier allocations (reading the baseline, say) made a row's speed differ from one
// run to the next through 4K aliasing of loads with the stores (backward identity measured
// 0.66x and 0.96x the scalar loop in two processes of the same binary). 1 KiB into a page
// aliases neither input.
struct OutputBuffer {
  static constexpr uintptr_t kPageOffsetBytes = 1024;
  explicit OutputBuffer(int64_t size) : storage(static_cast<size_t>(size) + 1024) {
    const uintptr_t address = reinterpret_cast<uintptr_t>(storage.data());
    const size_t skip = ((kPageOffsetBytes - address % 4096 + 4096) % 4096) / sizeof(float);
    span = std::span<float>(storage.data() + skip, static_cast<size_t>(size));
  }
  std::vector<float> storage;
  std::span<float> span;
};

template <class Tag>
void AddRows(const Options& o, const std::string& target, Distribution d, int64_t size, std::vector<Row>& rows) {
  const float param = static_cast<float>(Tag::kParam.default_value);
  for (const Op op : {Op::kForward, Op::kBackward}) {
    const std::string name = std::string(OpName(op)) + "/" + std::string(Tag::kName) + "/float/" + target + "/" +
                             DistributionName(d) + "/N:" + std::to_string(size);
    if (name.find(o.filter) == std::string::npos) continue;
    // The extra fraction of the kernel's work a --slow-down asks for (0 without one).
    const double extra = !o.slow_filter.empty() && name.find(o.slow_filter) != std::string::npos ? o.slow_factor - 1 : 0;
    auto out = std::make_shared<OutputBuffer>(size);
    const std::span<const float> x = InputX<float>(d).first(size), dy = InputDy<float>().first(size);
    Row row{name, target, {}, {}, {}, size == kLargeSize ? kLargeRoundsDivisor : 1};
    row.kernel = [=] {
      CallKernel<float>(op, KindOf<Tag>::value, x, dy, out->span, {}, ParamArgument<Tag>(param));
      for (double left = extra; left > 0; left -= 1) {
        const size_t n = static_cast<size_t>(std::min(left, 1.0) * size);
        CallKernel<float>(op, KindOf<Tag>::value, x.first(n), dy.first(n), out->span.first(n), {},
                          ParamArgument<Tag>(param));
      }
    };
    if (op == Op::kForward) {
      row.scalar = [=] { ScalarApply<Op::kForward, Tag, float>(x.data(), nullptr, out->span.data(), nullptr, size, param); };
      row.copy = [=] { CopyRead1Write1(x.data(), out->span.data(), size); };
    } else {
      row.scalar = [=] { ScalarApply<Op::kBackward, Tag, float>(x.data(), dy.data(), out->span.data(), nullptr, size, param); };
      row.copy = [=] { CopyRead2Write1(x.data(), dy.data(), out->span.data(), size); };
    }
    rows.push_back(std::move(row));
  }
}

Ratios Measure(const Row& row, int rounds) {
  ForceTarget(row.target);
  rounds = std::max(5, rounds / row.rounds_divisor);
  const PairedRounds t = TimeInRounds({row.kernel, row.scalar, row.copy}, rounds, kBlockSeconds);
  ResetTarget();
  return {QuartilesOf(SpeedRatios(t, 0, 1)), QuartilesOf(SpeedRatios(t, 0, 2))};
}

Baseline ReadBaseline(const std::string& path) {
  Baseline rows;
  try {
    support::RequireCompleteLastLine(path);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  try {
    io::CSVReader<4, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> in(path);
    in.read_header(io::ignore_no_column, "name", "cpu", "vs_scalar", "vs_copy");
    std::string name, cpu;
    double vs_scalar, vs_copy;
    while (in.read_row(name, cpu, vs_scalar, vs_copy)) {
      if (!(vs_scalar > 0) || !(vs_copy > 0)) {
        throw UsageError(Format("%s:%u: ratios must be positive", path.c_str(), in.get_file_line()));
      }
      rows[name][cpu] = {cpu, vs_scalar, vs_copy};
    }
  } catch (const io::error::base& e) {
    throw UsageError(path + ": " + e.what());
  }
  if (rows.empty()) throw UsageError(path + ": no baseline rows");
  return rows;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto v = support::FlagValue(arg, "--baseline")) {
      o.baseline = *v;
    } else if (const auto v = support::FlagValue(arg, "--write-baseline")) {
      o.write_baseline = *v;
    } else if (const auto v = support::FlagValue(arg, "--filter")) {
      o.filter = *v;
    } else if (const auto v = support::FlagValue(arg, "--passes")) {
      o.passes = static_cast<int>(support::ParseInteger("--passes", *v, 1, 10));
    } else if (const auto v = support::FlagValue(arg, "--rounds")) {
      o.rounds = static_cast<int>(support::ParseInteger("--rounds", *v, 5, 10000));
    } else if (const auto v = support::FlagValue(arg, "--threshold")) {
      o.threshold = support::ParsePositive("--threshold", *v);
      if (o.threshold > 1) throw UsageError("--threshold: must be in (0, 1]");
    } else if (const auto v = support::FlagValue(arg, "--slow-down")) {
      const size_t colon = v->rfind(':');
      if (colon == std::string_view::npos) throw UsageError("--slow-down: expected SUBSTRING:FACTOR");
      o.slow_filter = v->substr(0, colon);
      o.slow_factor = support::ParsePositive("--slow-down", v->substr(colon + 1));
      if (o.slow_factor <= 1 || o.slow_factor > 4) throw UsageError("--slow-down: FACTOR must be in (1, 4]");
    } else {
      throw UsageError("unknown flag '" + std::string(arg) + "'");
    }
  }
  if (o.baseline.empty() == o.write_baseline.empty()) {
    throw UsageError("give exactly one of --baseline=FILE and --write-baseline=FILE");
  }
  return o;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  const std::string cpu = CpuModel();
  Baseline baseline;
  if (!o.baseline.empty()) baseline = ReadBaseline(o.baseline);
  if (!o.write_baseline.empty()) {  // fail before measuring, not after
    const std::string parent = std::filesystem::path(o.write_baseline).parent_path().string();
    support::PrepareOutputDirectory(parent.empty() ? "." : parent);
    if (std::filesystem::exists(o.write_baseline)) baseline = ReadBaseline(o.write_baseline);  // rows kept
  }

  std::vector<Row> rows;
  for (const std::string& target : AvailableTargets()) {
    if (target == "SCALAR" || target == "EMU128") continue;  // the scalar loop is the reference
    for (const Distribution d : kCheckedDistributions) {
#define ACT_ADD_ROWS(Type) AddRows<Type>(o, target, d, kSize, rows);
      ACT_FOR_EACH_ENABLED(ACT_ADD_ROWS)
#undef ACT_ADD_ROWS
    }
  }
  const std::string best_target = AvailableTargets().front();
  if (best_target != "SCALAR" && best_target != "EMU128") {
#define ACT_ADD_LARGE_ROWS(Type)                                                                             \
  if (std::find(std::begin(kLargeRowActivations), std::end(kLargeRowActivations), Type::kName) !=            \
      std::end(kLargeRowActivations)) {                                                                      \
    AddRows<Type>(o, best_target, Distribution::kUniform, kLargeSize, rows);                                 \
  }
    ACT_FOR_EACH_ENABLED(ACT_ADD_LARGE_ROWS)
#undef ACT_ADD_LARGE_ROWS
  }
  if (rows.empty()) throw UsageError("no row matches --filter=" + o.filter);

  if (!o.write_baseline.empty()) {
    // --passes passes over all rows (3: minutes apart for each row), each ratio's baseline the
    // lowest of its passes' medians: one lucky pass (a baseline row of 1.49x the scalar where its
    // twin distribution measured 0.88x) would otherwise fail later, ordinary runs.
    std::vector<double> vs_scalar(rows.size(), INFINITY), vs_copy(rows.size(), INFINITY);
    for (int pass = 0; pass < o.passes; ++pass) {
      for (size_t i = 0; i < rows.size(); ++i) {
        const Ratios r = Measure(rows[i], o.rounds);
        vs_scalar[i] = std::min(vs_scalar[i], r.vs_scalar.median);
        vs_copy[i] = std::min(vs_copy[i], r.vs_copy.median);
      }
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      std::printf("%-44s vs scalar %8.3f  vs copy %6.3f\n", rows[i].name.c_str(), vs_scalar[i], vs_copy[i]);
      baseline[rows[i].name][cpu] = {cpu, vs_scalar[i], vs_copy[i]};
    }
    std::string csv = "name,cpu,vs_scalar,vs_copy\n";
    for (const auto& [name, per_cpu] : baseline) {
      for (const auto& [row_cpu, b] : per_cpu) {
        csv += Format("%s,\"%s\",%.4f,%.4f\n", name.c_str(), row_cpu.c_str(), b.vs_scalar, b.vs_copy);
      }
    }
    support::WriteFileAtomically(o.write_baseline, csv);
    std::printf("regression_check: wrote %zu rows to %s (%s)\n", rows.size(), o.write_baseline.c_str(), cpu.c_str());
    return 0;
  }

  std::printf("regression_check: %zu rows, %d rounds of ~2 ms blocks (kernel, scalar, copy); this CPU: %s; "
              "a row regresses below x%.2f of both baseline ratios in 3 rounds of 4 (x%.2f where its baseline "
              "is another CPU model's, marked *)\n",
              rows.size(), o.rounds, cpu.c_str(), o.threshold, o.threshold * o.threshold);
  std::printf("%-44s %21s %21s  %s\n", "row (upper quartile now / baseline)", "vs scalar", "vs copy", "status");
  const auto threshold = [&](const BaselineRow& b) { return b.cpu == cpu ? o.threshold : o.threshold * o.threshold; };
  const auto regressed = [&](const Ratios& r, const BaselineRow& b) {
    return r.vs_scalar.q3 < threshold(b) * b.vs_scalar && r.vs_copy.q3 < threshold(b) * b.vs_copy;
  };
  const auto print = [&](const Row& row, const Ratios& r, const BaselineRow& b, const char* status) {
    std::printf("%-44s %8.3f / %8.3f  %7.3f / %7.3f%s %s (x%.2f, x%.2f)\n", row.name.c_str(), r.vs_scalar.q3,
                b.vs_scalar, r.vs_copy.q3, b.vs_copy, b.cpu == cpu ? " " : "*", status,
                r.vs_scalar.median / b.vs_scalar, r.vs_copy.median / b.vs_copy);
    std::fflush(stdout);
  };
  int missing = 0, failed = 0;
  std::vector<std::pair<const Row*, const BaselineRow*>> flagged;
  for (const Row& row : rows) {
    const auto it = baseline.find(row.name);
    if (it == baseline.end()) {
      ++missing;
      std::printf("%-44s not in the baseline\n", row.name.c_str());
      continue;
    }
    // This CPU model's baseline, or else another's.
    const auto own = it->second.find(cpu);
    const BaselineRow& b = own != it->second.end() ? own->second : it->second.begin()->second;
    const Ratios r = Measure(row, o.rounds);
    const bool slow = regressed(r, b);
    if (slow) flagged.emplace_back(&row, &b);
    print(row, r, b, slow ? "slow: measured again after the other rows" : "ok");
  }
  // A flagged row is measured twice more, after every other row and with three times the
  // rounds: a busy moment of the machine passes, a slower kernel stays slower.
  for (const auto& [row, b] : flagged) {
    bool confirmed = true;
    Ratios r{};
    for (int again = 0; again < 2 && confirmed; ++again) {
      r = Measure(*row, kRecheckFactor * o.rounds);
      confirmed = regressed(r, *b);
    }
    failed += confirmed;
    print(*row, r, *b, confirmed ? "REGRESSION (confirmed by two more measurements)" : "ok (noise: not confirmed)");
  }
  std::printf("regression_check: %zu rows, %d regressed, %d not in the baseline\n", rows.size(), failed, missing);
  return failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace act::bench

int main(int argc, char** argv) {
  try {
    return act::bench::Main(argc, argv);
  } catch (const std::exception& e) {  // bad flags or baseline, an unwritable output
    std::fprintf(stderr, "regression_check: %s\n", e.what());
    return 2;
  }
}
