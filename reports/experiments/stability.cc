// Experiment 4 (seed 001, "stability under stress"): y = sin(pi x) on 200 points of [-2, 2],
// Xavier init, width 64. (a) learning rates 0.001..1 with SGD, depth 10, 100 epochs; (b) depths
// 5..100 with Adam lr 0.01, 200 epochs. A run diverges at the first epoch whose loss is not
// finite or exceeds 1e6, or whose largest gradient exceeds 1e6.
#include "reports/experiments/experiments.h"

#include <cmath>
#include <numbers>

namespace act::reports {
namespace {

struct Outcome {
  bool diverged = false;
  int epochs_completed = 0;
  double final_loss = NAN;
};

Outcome Train(Kind kind, std::size_t depth, mlp::Optimizer optimizer, double lr, int epochs, std::uint64_t seed,
              const std::vector<Real>& x, const std::vector<Real>& y) {
  std::mt19937_64 rng(seed);
  Net net(Widths(1, 64, depth), kind, std::nullopt, mlp::Init::kXavierUniform, rng);
  Outcome o;
  for (int e = 0; e < epochs; ++e) {
    net.Forward(x, x.size());
    const double loss = net.MseLoss(y);
    if (!std::isfinite(loss) || loss > 1e6) return o.diverged = true, o;
    o.final_loss = loss;
    net.Backward(y);
    if (net.MaxAbsGradient() > 1e6) return o.diverged = true, o;
    o.epochs_completed = e + 1;
    optimizer == mlp::Optimizer::kSgd ? net.StepSgd(lr) : net.StepAdam(lr);
  }
  return o;
}

std::string Cell(const Outcome& o) {
  return o.diverged ? Format("diverged at epoch %d", o.epochs_completed + 1) : Format("%.4g", o.final_loss);
}

}  // namespace

Section Stability(const Options& options) {
  const std::vector<Kind> kinds = options.activations.empty() ? SeedExperimentKinds() : options.activations;
  const std::uint64_t seed = options.seeds.empty() ? 42 : options.seeds.front();
  const std::vector<double> lrs = options.lr ? std::vector<double>{*options.lr} : std::vector<double>{0.001, 0.01, 0.1, 0.5, 1.0};
  const std::vector<std::size_t> depths = options.depths.empty() ? std::vector<std::size_t>{5, 10, 20, 50, 100} : options.depths;
  const int lr_epochs = options.epochs.value_or(100), depth_epochs = options.epochs.value_or(200);
  const std::vector<Real> x = Linspace(-2, 2, 200);
  std::vector<Real> y;
  for (Real v : x) y.push_back(static_cast<Real>(std::sin(std::numbers::pi * double(v))));

  // Jobs: (a) then (b); the deepest first so the two threads finish together.
  struct Job {
    Kind kind;
    bool lr_test;
    double lr;
    std::size_t depth;
    Outcome outcome;
  };
  std::vector<Job> jobs;
  for (Kind k : kinds) for (double lr : lrs) jobs.push_back({k, true, lr, 10, {}});
  for (Kind k : kinds) for (std::size_t d : depths) jobs.push_back({k, false, 0.01, d, {}});
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return jobs[a].depth > jobs[b].depth; });
  const Stopwatch clock;
  ParallelFor(jobs.size(), options.threads, [&](std::size_t i) {
    Job& j = jobs[order[i]];
    j.outcome = j.lr_test ? Train(j.kind, j.depth, mlp::Optimizer::kSgd, j.lr, lr_epochs, seed, x, y)
                          : Train(j.kind, j.depth, mlp::Optimizer::kAdam, j.lr, depth_epochs, seed, x, y);
  });
  const double seconds = clock.Seconds();

  std::string csv = "activation,test,lr,depth,optimizer,diverged,epochs_completed,final_loss\n";
  for (const Job& j : jobs) {
    csv += Format("%s,%s,%g,%zu,%s,%d,%d,%.9g\n", std::string(Name(j.kind)).c_str(), j.lr_test ? "learning_rate" : "depth", j.lr,
                  j.depth, j.lr_test ? "sgd" : "adam", j.outcome.diverged, j.outcome.epochs_completed, j.outcome.final_loss);
  }
  WriteFileAtomically(options.out + "/data/stability.csv", csv);

  Section s;
  s.title = "Stability under stress";
  s.seconds = seconds;
  std::string& md = s.markdown;
  md += Format("Setup (seed `001`, experiment 3): y = sin(pi x) on 200 points of [-2, 2], width 64, Xavier init, seed %llu. "
               "Divergence: a non-finite loss, a loss above 1e6 or a gradient above 1e6. Cells: final training loss, or "
               "the epoch of divergence.\n\n(a) Learning rate, SGD, depth 10, %d epochs:\n\n| Activation |",
               (unsigned long long)seed, lr_epochs);
  for (double lr : lrs) md += Format(" lr %g |", lr);
  md += "\n|---|";
  for (std::size_t i = 0; i < lrs.size(); ++i) md += "---|";
  md += "\n";
  std::string lr_data, depth_data;
  for (Kind k : kinds) {
    md += "| " + Label(k) + " |";
    lr_data += "\"" + Label(k) + "\"\n";
    for (const Job& j : jobs) {
      if (j.kind != k || !j.lr_test) continue;
      md += " " + Cell(j.outcome) + " |";
      if (!j.outcome.diverged) lr_data += Format("%g %.6g\n", j.lr, j.outcome.final_loss);
    }
    md += "\n";
    lr_data += "\n\n";
  }
  md += Format("\n(b) Depth, Adam lr 0.01, %d epochs:\n\n| Activation |", depth_epochs);
  for (std::size_t d : depths) md += Format(" depth %zu |", d);
  md += "\n|---|";
  for (std::size_t i = 0; i < depths.size(); ++i) md += "---|";
  md += "\n";
  for (Kind k : kinds) {
    md += "| " + Label(k) + " |";
    depth_data += "\"" + Label(k) + "\"\n";
    int diverged = 0;
    for (const Job& j : jobs) {
      if (j.kind != k || j.lr_test) continue;
      md += " " + Cell(j.outcome) + " |";
      diverged += j.outcome.diverged;
      if (!j.outcome.diverged) depth_data += Format("%zu %.6g\n", j.depth, j.outcome.final_loss);
    }
    md += "\n";
    depth_data += "\n\n";
    int lr_diverged = 0;
    for (const Job& j : jobs) lr_diverged += j.kind == k && j.lr_test && j.outcome.diverged;
    s.console += Format("%-12s diverged: %d of %zu learning rates, %d of %zu depths\n", Label(k).c_str(), lr_diverged,
                        lrs.size(), diverged, depths.size());
  }
  const std::string last = std::to_string(kinds.size() - 1);
  RenderPlot(options.out + "/plots/stability_lr.svg",
             SvgHeader("Final loss vs learning rate (SGD, depth 10; diverged runs omitted)", "learning rate", "final MSE") +
                 "set logscale xy\n" + DataBlock("d", lr_data) +
                 "plot for [i=0:" + last + "] $d index i using 1:2 with linespoints title columnheader(1)\n");
  RenderPlot(options.out + "/plots/stability_depth.svg",
             SvgHeader("Final loss vs depth (Adam lr 0.01; diverged runs omitted)", "hidden layers", "final MSE") +
                 "set logscale xy\n" + DataBlock("d", depth_data) +
                 "plot for [i=0:" + last + "] $d index i using 1:2 with linespoints title columnheader(1)\n");
  md += "\n![loss vs learning rate](plots/stability_lr.svg)\n![loss vs depth](plots/stability_depth.svg)\n\nData: `data/stability.csv`.\n";
  return s;
}

}  // namespace act::reports
