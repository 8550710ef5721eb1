// Experiment 5 (seed 001, "representational capacity"): depth 5, width 64, Xavier init, Adam
// lr 1e-3, 500 epochs, on five targets over [-2, 2] (200 training points, 500 test points);
// the test MSE per activation x target.
#include "reports/experiments/experiments.h"

#include <cmath>

namespace act::reports {
namespace {

struct Target {
  const char* name;
  double (*f)(double);
};
constexpr Target kTargets[] = {
    {"sin(x)", [](double x) { return std::sin(x); }},
    {"|x|", [](double x) { return std::fabs(x); }},
    {"sigmoid(10x)", [](double x) { return 1 / (1 + std::exp(-10 * x)); }},
    {"sin(10x)", [](double x) { return std::sin(10 * x); }},
    {"x^3", [](double x) { return x * x * x; }},
};

}  // namespace

Section Capacity(const Options& options) {
  const std::vector<Kind> kinds = options.activations.empty() ? SeedExperimentKinds() : options.activations;
  const std::uint64_t seed = options.seeds.empty() ? 42 : options.seeds.front();
  const int epochs = options.epochs.value_or(500);
  const double lr = options.lr.value_or(1e-3);
  const std::size_t depth = options.depths.empty() ? 5 : options.depths.front();
  const std::vector<Real> x_train = Linspace(-2, 2, 200), x_test = Linspace(-2, 2, 500);
  constexpr std::size_t kTargetCount = std::size(kTargets);

  std::vector<double> test_mse(kinds.size() * kTargetCount);
  const Stopwatch clock;
  ParallelFor(test_mse.size(), options.threads, [&](std::size_t i) {
    const Kind kind = kinds[i / kTargetCount];
    const Target& target = kTargets[i % kTargetCount];
    std::vector<Real> y_train, y_test;
    for (Real x : x_train) y_train.push_back(static_cast<Real>(target.f(x)));
    for (Real x : x_test) y_test.push_back(static_cast<Real>(target.f(x)));
    std::mt19937_64 rng(seed);
    Net net(Widths(1, 64, depth), kind, std::nullopt, mlp::Init::kXavierUniform, rng);
    for (int e = 0; e < epochs; ++e) {
      net.Forward(x_train, x_train.size());
      net.Backward(y_train);
      net.StepAdam(lr);
    }
    net.Forward(x_test, x_test.size());
    test_mse[i] = net.MseLoss(y_test);
  });
  const double seconds = clock.Seconds();

  Section s;
  s.title = "Representational capacity";
  s.seconds = seconds;
  std::string& md = s.markdown;
  md += Format("Setup (seed `001`, experiment 4): depth %zu, width 64, Xavier init, Adam lr %g, %d epochs, seed %llu; "
               "200 training and 500 test points on [-2, 2]. Cells: test MSE.\n\n| Activation |",
               depth, lr, epochs, (unsigned long long)seed);
  for (const Target& t : kTargets) md += Format(" %s |", t.name);
  md += "\n|---|";
  for (std::size_t t = 0; t < kTargetCount; ++t) md += "---|";
  md += "\n";
  std::string csv = "activation,target,test_mse\n", heat;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    md += "| " + Label(kinds[k]) + " |";
    for (std::size_t t = 0; t < kTargetCount; ++t) {
      const double mse = test_mse[k * kTargetCount + t];
      md += Format(" %.3g |", mse);
      csv += Format("%s,%s,%.9g\n", std::string(Name(kinds[k])).c_str(), kTargets[t].name, mse);
      heat += Format("%zu %zu %.6g \"%.2g\"\n", t, k, std::log10(mse), mse);
    }
    md += "\n";
    heat += "\n";
  }
  WriteFileAtomically(options.out + "/data/capacity.csv", csv);
  std::string xtics = "set xtics (", ytics = "set ytics (";
  for (std::size_t t = 0; t < kTargetCount; ++t) xtics += Format("%s\"%s\" %zu", t ? ", " : "", kTargets[t].name, t);
  for (std::size_t k = 0; k < kinds.size(); ++k) ytics += Format("%s\"%s\" %zu", k ? ", " : "", Label(kinds[k]).c_str(), k);
  RenderPlot(options.out + "/plots/capacity_heatmap.svg",
             SvgHeader("Test MSE per activation and target (log10)", "target", "") + xtics + ")\n" + ytics +
                 ")\nset palette defined (0 '#1a9850', 0.5 '#ffffbf', 1 '#d73027')\nset cblabel 'log10 test MSE'\nunset key\nunset grid\n"
                 "set yrange [-0.5:" + Format("%.1f", kinds.size() - 0.5) + "] reverse\nset xrange [-0.5:" +
                 Format("%.1f", kTargetCount - 0.5) + "]\n" + DataBlock("d", heat) +
                 "plot $d using 1:2:3 with image, '' using 1:2:4 with labels font ',10'\n");
  md += "\n![capacity heatmap](plots/capacity_heatmap.svg)\n\nData: `data/capacity.csv`.\n";
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    double sum = 0;
    for (std::size_t t = 0; t < kTargetCount; ++t) sum += std::log10(test_mse[k * kTargetCount + t]);
    s.console += Format("%-12s geometric-mean test MSE %.3g\n", Label(kinds[k]).c_str(), std::pow(10, sum / kTargetCount));
  }
  return s;
}

}  // namespace act::reports
