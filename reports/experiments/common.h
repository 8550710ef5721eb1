// What the five experiments share: command-line options, datasets, network builders and a
// small thread pool for independent runs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/activations.h"
#include "reports/mlp/mlp.h"
#include "verify/support/flags.h"

namespace act::reports {

// The precision the experiments train in (PyTorch's default float32), double if float is not
// configured.
#if ACT_HAS_FLOAT
using Real = float;
#else
using Real = double;
#endif
using Net = mlp::Mlp<Real>;

// Options shared by every subcommand; nullopt / empty means "the experiment's default".
struct Options {
  std::vector<Kind> activations;
  std::vector<std::uint64_t> seeds;
  std::optional<int> epochs;
  std::optional<double> lr;
  std::vector<std::size_t> depths;
  int threads = 2;
  int stride = 10;  // epochs between rows of the per-epoch gradient CSV
  std::string out = "reports";
};

using support::UsageError;
// Parses argv[first...]; throws UsageError with a one-line message.
Options ParseOptions(int argc, char** argv, int first);

// The configured activations the seeds' experiments run (registry kInSeedExperiments): the
// experiments' default set.
std::vector<Kind> SeedExperimentKinds();
// The configured rows of the published vanishing-gradient table (registry kInPublishedTable).
std::vector<Kind> PublishedTableKinds();
// The display name the published write-ups use (registry kDisplayName).
inline std::string Label(Kind kind) { return std::string(DisplayName(kind)); }

// Hidden layers of `width` between `inputs` and one output: {inputs, width x depth, 1}.
std::vector<std::size_t> Widths(std::size_t inputs, std::size_t width, std::size_t depth);
// n evenly spaced points from lo to hi inclusive (torch.linspace).
std::vector<Real> Linspace(double lo, double hi, std::size_t n);

// Runs task(i) for i in [0, n) on `threads` threads; results go wherever the task puts them.
void ParallelFor(std::size_t n, int threads, const std::function<void(std::size_t)>& task);

// Median, min and max of values (NaN-free).
struct Spread {
  double median, min, max;
};
Spread SpreadOf(std::vector<double> values);

}  // namespace act::reports
