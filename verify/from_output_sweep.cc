// from_output_sweep: BackwardFromOutput on every float y in f's range (all 2^32 bit patterns,
// those outside f's range skipped), for every configured activation that has it, on every
// SIMD target, against the exact f'(f^-1(y)) (verify/from_output.h). Writes
// accuracy_from_output.md and .csv.
//
//   from_output_sweep [--stride=N] [--threads=N] [--out=DIR]
//
// --stride=N measures every N-th bit pattern (default 1); --out defaults to the source tree's
// reports/. Bad flags and unwritable outputs give a one-line error and exit 2; a kernel above
// its registry bound makes the run exit 1 after the tables are written.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "verify/from_output.h"
#include "verify/support/flags.h"
#include "verify/support/output.h"

namespace act::verify {
namespace {

constexpr uint64_t kPatterns = uint64_t{1} << 32;
constexpr uint64_t kChunk = uint64_t{1} << 22;  // bit patterns per work item

struct Options {
  uint64_t stride = 1;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::string out = ACT_SOURCE_DIR "/reports";
};

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "from_output_sweep: %s\n", message.c_str());
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    try {
      if (const auto v = support::FlagValue(arg, "--stride")) {
        o.stride = static_cast<uint64_t>(support::ParseInteger("--stride", *v, 1, 1LL << 32));
      } else if (const auto v = support::FlagValue(arg, "--threads")) {
        o.threads = static_cast<unsigned>(support::ParseInteger("--threads", *v, 1, 1024));
      } else if (const auto v = support::FlagValue(arg, "--out")) {
        if (v->empty()) Fail("--out needs a directory");
        o.out = std::string(*v);
      } else {
        Fail("unknown option '" + std::string(arg) +
             "' (usage: from_output_sweep [--stride=N] [--threads=N] [--out=DIR])");
      }
    } catch (const support::UsageError& e) {
      Fail(e.what());
    }
  }
  return o;
}

struct Row {
  std::string name, formula, target;
  ErrorStats stats;
  double bound;
};

// Every pattern (at the stride) of Tag on the current target of each worker thread.
template <class Tag>
Row Sweep(const Options& o, const std::string& target) {
  const float param = FromOutputParam<Tag, float>();
  const uint64_t chunks = kPatterns / kChunk;
  std::atomic<uint64_t> next{0};
  std::mutex merge;
  ErrorStats total;
  const auto worker = [&] {
    const ScopedTarget forced(target);  // per thread
    ErrorStats local;
    FromOutputBuffers buffers;
    buffers.ys.reserve(kChunk);
    for (uint64_t c; (c = next.fetch_add(1)) < chunks;) {
      const uint64_t begin = (c * kChunk + o.stride - 1) / o.stride * o.stride;
      MeasureFromOutputFast<Tag>(begin, (c + 1) * kChunk, o.stride, param, buffers, local);
    }
    const std::lock_guard<std::mutex> lock(merge);
    total.Merge(local);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < o.threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  return {std::string(Tag::kName), std::string(Tag::kSlopeFromOutput.formula), target, total,
          Tag::kSlopeFromOutput.max_ulp};
}

std::string Csv(const std::vector<Row>& rows) {
  std::string csv = "activation,target,max_ulp,arg_max_ulp,bound_ulp,above_1_ulp,count\n";
  for (const Row& r : rows) {
    csv += support::Format("%s,%s,%.6f,%s,%.1f,%lld,%lld\n", r.name.c_str(), r.target.c_str(),
                           r.stats.max_ulp, Hex(r.stats.arg_max_ulp).c_str(), r.bound,
                           r.stats.above_one_ulp, r.stats.count);
  }
  return csv;
}

std::string Markdown(const std::vector<Row>& rows, uint64_t stride) {
  std::string md = "# BackwardFromOutput accuracy: every float y\n\n";
  md += stride == 1 ? "Every float y in f's range (all 2^32 bit patterns; those outside f's range skipped) "
                    : support::Format("Every %llu-th float bit pattern in f's range ",
                                      static_cast<unsigned long long>(stride));
  md += "through `act::BackwardFromOutput` with dy = 1 on each SIMD target, against the exact "
        "f'(f^-1(y)): the derivative at the point the stored y represents (verify/from_output.h, "
        "in double: within 2^-52 of exact). ULP as in accuracy.md. The x-based bounds are in "
        "accuracy.md; the formulas and why they hold are in kernels/families/from_output-inl.h. "
        "Written by `verify/from_output_sweep` (a few minutes on 2 cores).\n\n";
  md += "| activation | f'(f^-1(y)) | target | max ULP | at y | > 1 ULP | ys in range | bound |\n";
  md += "|---|---|---|---|---|---|---|---|\n";
  for (const Row& r : rows) {
    md += support::Format("| %s | %s | %s | %.3f | `%s` | %lld | %lld | %.1f |\n", r.name.c_str(),
                          r.formula.c_str(), r.target.c_str(), r.stats.max_ulp,
                          Hex(r.stats.arg_max_ulp).c_str(), r.stats.above_one_ulp, r.stats.count, r.bound);
  }
  return md;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  try {
    support::PrepareOutputDirectory(o.out);
  } catch (const support::OutputError& e) {
    Fail(e.what());
  }
  std::vector<Row> rows;
  bool ok = true;
  for (const std::string& target : AvailableTargets()) {
    const auto sweep = [&]<class Tag>(Tag) {
      std::fprintf(stderr, "from_output_sweep: %s on %s\n", std::string(Tag::kName).c_str(), target.c_str());
      rows.push_back(Sweep<Tag>(o, target));
      const Row& r = rows.back();
      const bool within = r.stats.max_ulp <= r.bound && r.stats.count > 0;
      ok = ok && within;
      std::printf("%-10s %-7s max %.3f ULP at y = %s (bound %.1f, %lld ys)%s\n", r.name.c_str(),
                  target.c_str(), r.stats.max_ulp, Hex(r.stats.arg_max_ulp).c_str(), r.bound,
                  r.stats.count, within ? "" : "  ABOVE BOUND");
    };
#define ACT_SWEEP_ONE(Type) \
  if constexpr (Type::kSlopeFromOutput.Exists()) sweep(Type{});
    ACT_FOR_EACH_ENABLED(ACT_SWEEP_ONE)
#undef ACT_SWEEP_ONE
  }
  try {
    support::WriteFileAtomically(o.out + "/accuracy_from_output.csv", Csv(rows));
    support::WriteFileAtomically(o.out + "/accuracy_from_output.md", Markdown(rows, o.stride));
  } catch (const support::OutputError& e) {
    Fail(e.what());
  }
  std::printf("wrote %s/accuracy_from_output.md and .csv\n", o.out.c_str());
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace act::verify

int main(int argc, char** argv) { return act::verify::Main(argc, argv); }
