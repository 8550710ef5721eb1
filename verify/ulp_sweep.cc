// ulp_sweep: every one of the 2^32 float inputs through every configured activation's value and
// derivative, measured against the reference (verify/sweep.h MeasureFloat, the path the ctest
// float sweeps take on a strided subset), on the SIMD target the dispatcher picks. Writes
// accuracy.md and accuracy.csv (max ULP, where, how many results are above 1 ULP).
//
//   ulp_sweep [--activations=a,b,...] [--keep-others] [--stride=N] [--threads=N] [--out=DIR]
//
// --stride=N measures every N-th bit pattern (default 1: all of them); --out defaults to the
// source tree's reports/. --keep-others (with --activations, stride 1) re-sweeps only the named
// activations and keeps every other row of the table from DIR/accuracy.csv, so a change to one
// kernel costs minutes, not the whole run. Runs on all cores with a progress line on stderr. Bad flags, unknown
// activations and unwritable outputs give a one-line error and exit 2; a kernel above its
// registry bound makes the run exit 1 after the tables are written.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "verify/support/csv.h"
#include "verify/support/flags.h"
#include "verify/support/output.h"
#include "verify/sweep.h"

namespace act::verify {
namespace {

constexpr uint64_t kPatterns = uint64_t{1} << 32;
constexpr uint64_t kChunk = uint64_t{1} << 22;  // bit patterns per work item

struct Options {
  std::vector<std::string> activations;  // empty: all configured
  bool keep_others = false;
  uint64_t stride = 1;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::string out = ACT_SOURCE_DIR "/reports";
};

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "ulp_sweep: %s\n", message.c_str());
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    try {
      if (const auto v = support::FlagValue(arg, "--activations")) {
        o.activations = support::SplitList(*v);
      } else if (arg == "--keep-others") {
        o.keep_others = true;
      } else if (const auto v = support::FlagValue(arg, "--stride")) {
        o.stride = static_cast<uint64_t>(support::ParseInteger("--stride", *v, 1, 1LL << 32));
      } else if (const auto v = support::FlagValue(arg, "--threads")) {
        o.threads = static_cast<unsigned>(support::ParseInteger("--threads", *v, 1, 1024));
      } else if (const auto v = support::FlagValue(arg, "--out")) {
        if (v->empty()) Fail("--out needs a directory");
        o.out = std::string(*v);
      } else {
        Fail("unknown option '" + std::string(arg) +
             "' (usage: ulp_sweep [--activations=a,b] [--keep-others] [--stride=N] [--threads=N] "
             "[--out=DIR])");
      }
    } catch (const support::UsageError& e) {
      Fail(e.what());
    }
  }
  if (o.keep_others && (o.activations.empty() || o.stride != 1)) {
    Fail("--keep-others needs --activations and the default stride (the kept rows are exhaustive)");
  }
  return o;
}

// One activation's row of the table.
struct Row {
  std::string name;
  SweepStats stats;
  double bound_value, bound_slope;
  SlopeRoot root;
};

template <class Tag>
Row Sweep(const Options& o) {
  const float param = static_cast<float>(Tag::kParam.default_value);
  const uint64_t chunks = kPatterns / kChunk;
  std::atomic<uint64_t> next{0}, done{0};
  std::mutex merge;
  SweepStats total;
  const auto worker = [&] {
    SweepStats local;
    for (uint64_t c; (c = next.fetch_add(1)) < chunks;) {
      // Patterns congruent to 0 mod stride, so the run is the same for any thread count.
      const uint64_t begin = (c * kChunk + o.stride - 1) / o.stride * o.stride;
      MeasureFloat<Tag>(FloatPatterns(begin, (c + 1) * kChunk, o.stride), param, local);
      const uint64_t finished = done.fetch_add(1) + 1;
      if (finished * 100 / chunks != (finished - 1) * 100 / chunks) {  // each whole percent
        std::fprintf(stderr, "\rulp_sweep: %-10s %3llu%%", std::string(Tag::kName).c_str(),
                     static_cast<unsigned long long>(finished * 100 / chunks));
      }
    }
    const std::lock_guard<std::mutex> lock(merge);
    total.Merge(local);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < o.threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  std::fprintf(stderr, "\n");
  return {std::string(Tag::kName), total, MaxUlpValue<Tag, float>(), MaxUlpSlope<Tag, float>(),
          Tag::kDerivativeRoot};
}

// The rows of an earlier run, by activation: what --keep-others keeps.
std::map<std::string, SweepStats> ReadRows(const std::string& path) {
  std::map<std::string, SweepStats> rows;
  const auto number = [&](const std::string& text, unsigned line) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') {
      Fail(support::Format("%s:%u: '%s' is not a number", path.c_str(), line, text.c_str()));
    }
    return v;
  };
  try {
    support::RequireCompleteLastLine(path);
  } catch (const std::runtime_error& e) {
    Fail(e.what());
  }
  try {
    io::CSVReader<9> in(path);
    in.read_header(io::ignore_extra_column, "activation", "output", "max_ulp", "arg_max_ulp",
                   "above_1_ulp", "count", "max_root_abs", "arg_max_root_abs", "root_lo");
    std::string name, output, max_ulp, arg, above, count, root_abs, arg_root, root_lo;
    while (in.read_row(name, output, max_ulp, arg, above, count, root_abs, arg_root, root_lo)) {
      const unsigned line = in.get_file_line();
      if (output != "value" && output != "derivative") {
        Fail(support::Format("%s:%u: output '%s' is neither value nor derivative", path.c_str(),
                             line, output.c_str()));
      }
      ErrorStats& s = output == "value" ? rows[name].value : rows[name].slope;
      s.max_ulp = number(max_ulp, line);
      s.arg_max_ulp = number(arg, line);
      s.above_one_ulp = static_cast<long long>(number(above, line));
      s.count = static_cast<long long>(number(count, line));
      if (!root_lo.empty()) {
        s.max_root_abs = number(root_abs, line);
        s.arg_max_root_abs = number(arg_root, line);
      }
    }
  } catch (const io::error::base& e) {
    Fail(path + ": " + e.what());
  }
  return rows;
}

bool WithinBounds(const Row& r) {
  return r.stats.value.max_ulp <= r.bound_value && r.stats.slope.max_ulp <= r.bound_slope &&
         r.stats.slope.max_root_abs <= kRootAbsBound<float>;
}

std::string Csv(const std::vector<Row>& rows) {
  std::string csv =
      "activation,output,max_ulp,arg_max_ulp,bound_ulp,above_1_ulp,count,root_lo,root_hi,"
      "max_root_abs,arg_max_root_abs,root_abs_bound\n";
  for (const Row& r : rows) {
    for (const bool slope : {false, true}) {
      const ErrorStats& s = slope ? r.stats.slope : r.stats.value;
      const bool root = slope && r.root.Exists();
      csv += support::Format("%s,%s,%.6f,%s,%.1f,%lld,%lld,", r.name.c_str(),
                             slope ? "derivative" : "value", s.max_ulp, Hex(s.arg_max_ulp).c_str(),
                             slope ? r.bound_slope : r.bound_value, s.above_one_ulp, s.count);
      csv += root ? support::Format("%g,%g,%.3g,%s,%.3g\n", r.root.lo, r.root.hi, s.max_root_abs,
                                    Hex(s.arg_max_root_abs).c_str(), kRootAbsBound<float>)
                  : std::string(",,,,\n");
    }
  }
  return csv;
}

std::string Markdown(const std::vector<Row>& rows, uint64_t stride, const std::string& target) {
  std::string md = "# Float accuracy: every input\n\n";
  md += stride == 1
            ? "All 2^32 float bit patterns (the finite ones: NaN and infinities are the bit-exact "
              "special-value tests of verify/test_contract) "
            : support::Format("Every %llu-th float bit pattern ", static_cast<unsigned long long>(stride));
  md += "through each kernel on the " + target +
        " target, against the reference of verify/reference.h (in double, and in long double "
        "wherever the double reference puts an error above 0.75 ULP). ULP = |y - exact| / "
        "spacing(exact), with the smallest subnormal spacing as the floor. Next to a root of "
        "f' the bound is an absolute error of 2^-24 instead. Written by `verify/ulp_sweep`; "
        "regenerate with `cmake --build build/release --target ulp_sweep && "
        "build/release/verify/ulp_sweep`.\n\n";
  md += "| activation | value max ULP | at x | > 1 ULP | derivative max ULP | at x | > 1 ULP | "
        "near the root of f': max abs error | bound value / derivative |\n";
  md += "|---|---|---|---|---|---|---|---|---|\n";
  for (const Row& r : rows) {
    const ErrorStats& v = r.stats.value;
    const ErrorStats& s = r.stats.slope;
    const std::string root = r.root.Exists()
                                 ? support::Format("%.2g in [%g, %g]", s.max_root_abs, r.root.lo, r.root.hi)
                                 : std::string("-");
    md += support::Format("| %s | %.3f | `%s` | %lld | %.3f | `%s` | %lld | %s | %.1f / %.1f |\n",
                          r.name.c_str(), v.max_ulp, Hex(v.arg_max_ulp).c_str(), v.above_one_ulp,
                          s.max_ulp, Hex(s.arg_max_ulp).c_str(), s.above_one_ulp, root.c_str(),
                          r.bound_value, r.bound_slope);
  }
  const long long count = rows.empty() ? 0 : rows.front().stats.value.count;
  md += support::Format("\n%lld inputs per activation.\n", count);
  return md;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  std::vector<std::string> valid;
#define ACT_SWEEP_NAME(Type) valid.emplace_back(Type::kName);
  ACT_FOR_EACH_ENABLED(ACT_SWEEP_NAME)
#undef ACT_SWEEP_NAME
  for (const std::string& name : o.activations) {
    if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
      std::string list;
      for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
      Fail("unknown activation '" + name + "' (configured: " + list + ")");
    }
  }
  try {
    support::PrepareOutputDirectory(o.out);  // fail before an hour of work, not after
  } catch (const support::OutputError& e) {
    Fail(e.what());
  }
  const auto wanted = [&](std::string_view name) {
    return o.activations.empty() ||
           std::find(o.activations.begin(), o.activations.end(), name) != o.activations.end();
  };
  const std::string target = CurrentTarget();
  std::fprintf(stderr, "ulp_sweep: target %s, stride %llu, %u threads\n", target.c_str(),
               static_cast<unsigned long long>(o.stride), o.threads);
  std::map<std::string, SweepStats> kept;
  if (o.keep_others) kept = ReadRows(o.out + "/accuracy.csv");
  const auto kept_row = [&]<class Tag>(Tag) -> Row {
    const auto it = kept.find(std::string(Tag::kName));
    if (it == kept.end()) {
      Fail(o.out + "/accuracy.csv has no row for " + std::string(Tag::kName) +
           ": sweep it too, or run without --keep-others");
    }
    return {std::string(Tag::kName), it->second, MaxUlpValue<Tag, float>(),
            MaxUlpSlope<Tag, float>(), Tag::kDerivativeRoot};
  };
  std::vector<Row> rows;
#define ACT_SWEEP_ONE(Type)                          \
  if (wanted(Type::kName)) {                         \
    rows.push_back(Sweep<Type>(o));                  \
  } else if (o.keep_others) {                        \
    rows.push_back(kept_row(Type{}));                \
  }
  ACT_FOR_EACH_ENABLED(ACT_SWEEP_ONE)
#undef ACT_SWEEP_ONE
  bool ok = true;
  for (const Row& r : rows) {
    ok = ok && WithinBounds(r);
    std::printf("%-10s value %.3f ULP at %s, derivative %.3f ULP at %s%s\n", r.name.c_str(),
                r.stats.value.max_ulp, Hex(r.stats.value.arg_max_ulp).c_str(), r.stats.slope.max_ulp,
                Hex(r.stats.slope.arg_max_ulp).c_str(), WithinBounds(r) ? "" : "  ABOVE BOUND");
  }
  try {
    support::WriteFileAtomically(o.out + "/accuracy.csv", Csv(rows));
    support::WriteFileAtomically(o.out + "/accuracy.md", Markdown(rows, o.stride, target));
  } catch (const support::OutputError& e) {
    Fail(e.what());
  }
  std::printf("wrote %s/accuracy.md and accuracy.csv\n", o.out.c_str());
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace act::verify

int main(int argc, char** argv) { return act::verify::Main(argc, argv); }
