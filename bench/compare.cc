// compare: checks a bench_activations run against the committed baseline.
//
//   compare RESULTS.csv BASELINE.csv [--threshold=0.8]
//
// Both files are Google Benchmark CSV (--benchmark_out_format=csv); with repetitions the median
// is used. For every SIMD-kernel and oneDNN row in both, it prints the row's throughput relative
// to the scalar baseline and to the copy that moves the same bytes, now and in the baseline.
// oneDNN rows are shown for context but never fail the check (they are not this project's code).
// A row regresses when BOTH ratios fell below threshold x their baseline value: one noisy
// reference row (scalar or copy) cannot raise a false alarm, a slower kernel lowers both.
// Exit status: 0 fine, 1 a regression or a row that failed its output check, 2 bad input.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bench/results.h"

namespace {

constexpr const char* kUsage = "usage: compare RESULTS.csv BASELINE.csv [--threshold=0.8]";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "compare: %s\n%s\n", problem.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace act::bench;
  std::string paths[2];
  int n_paths = 0;
  double threshold = 0.8;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--threshold=", 0) == 0) {
      char* end = nullptr;
      threshold = std::strtod(argv[i] + 12, &end);
      if (*end != '\0' || !(threshold > 0 && threshold <= 1)) {
        return Usage("--threshold must be a number in (0, 1], got '" + std::string(arg.substr(12)) + "'");
      }
    } else if (arg.rfind("--", 0) == 0) {
      return Usage("unknown flag '" + std::string(arg) + "'");
    } else if (n_paths < 2) {
      paths[n_paths++] = arg;
    } else {
      return Usage("too many arguments");
    }
  }
  if (n_paths != 2) return Usage("need RESULTS.csv and BASELINE.csv");

  Results now, baseline;
  try {
    now = ReadResults(paths[0]);
    baseline = ReadResults(paths[1]);
  } catch (const ResultsError& e) {
    std::fprintf(stderr, "compare: %s\n", e.what());
    return 2;
  }

  std::printf("%-48s %21s %21s  %s\n", "benchmark (ratios now / baseline)", "vs scalar", "vs copy", "status");
  int compared = 0, regressions = 0, failures = 0, missing = 0;
  for (const auto& [name, base] : baseline) {
    const auto row = ParseRowName(name);
    if (!row || row->impl == "scalar") continue;
    const auto it = now.find(name);
    if (it == now.end()) {
      ++missing;
      std::printf("%-48s %21s %21s  missing from %s\n", name.c_str(), "", "", paths[0].c_str());
      continue;
    }
    if (!it->second.error.empty()) {
      ++failures;
      std::printf("%-48s %21s %21s  FAILED: %s\n", name.c_str(), "", "", it->second.error.c_str());
      continue;
    }
    const auto r_now = RatiosOf(*row, now);
    const auto r_base = RatiosOf(*row, baseline);
    if (!r_now || !r_base) {
      ++missing;
      std::printf("%-48s %21s %21s  no scalar/copy reference row\n", name.c_str(), "", "");
      continue;
    }
    ++compared;
    const double scalar_change = r_now->vs_scalar / r_base->vs_scalar;
    const double copy_change = r_now->vs_copy / r_base->vs_copy;
    const bool slower = scalar_change < threshold && copy_change < threshold;
    const bool peer = row->impl == "onednn";  // not our code: reported, never a failure
    const bool regressed = slower && !peer;
    regressions += regressed;
    char scalar_text[32], copy_text[32];
    std::snprintf(scalar_text, sizeof scalar_text, "%8.3f / %8.3f", r_now->vs_scalar, r_base->vs_scalar);
    std::snprintf(copy_text, sizeof copy_text, "%8.3f / %8.3f", r_now->vs_copy, r_base->vs_copy);
    std::printf("%-48s %21s %21s  %s (x%.2f, x%.2f)\n", name.c_str(), scalar_text, copy_text,
                regressed ? "REGRESSION" : (slower ? "peer slower" : "ok"), scalar_change, copy_change);
  }
  if (compared == 0) {
    std::fprintf(stderr, "compare: no benchmark of %s has a counterpart in %s\n", paths[1].c_str(),
                 paths[0].c_str());
    return 2;
  }
  std::printf("compare: %d rows compared, %d regressed (both ratios below x%.2f), %d failed their "
              "output check, %d missing\n", compared, regressions, threshold, failures, missing);
  return regressions + failures > 0 ? 1 : 0;
}
