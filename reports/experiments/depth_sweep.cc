// Experiment 2 (seed 001, "gradient flow"): at initialisation, how does the weight gradient
// change from the output to the input as depth grows? Xavier-uniform weights, zero biases, a
// batch of 32 standard-normal inputs, loss = mean output, one backward pass; per-layer mean
// |dL/dW| and the ratio last/first (output Linear over input Linear, as the seed computes it).
#include "reports/experiments/experiments.h"

namespace act::reports {

Section DepthSweep(const Options& options) {
  const std::vector<Kind> kinds = options.activations.empty() ? SeedExperimentKinds() : options.activations;
  const std::vector<std::size_t> depths = options.depths.empty() ? std::vector<std::size_t>{5, 10, 20, 50} : options.depths;
  const std::vector<std::uint64_t> seeds = options.seeds.empty() ? std::vector<std::uint64_t>{42} : options.seeds;
  constexpr std::size_t kWidth = 64, kBatch = 32;

  struct Job {
    Kind kind;
    std::size_t depth;
    std::uint64_t seed;
    std::vector<mlp::GradStats> grads;  // input side first
  };
  std::vector<Job> jobs;
  for (Kind k : kinds) for (std::size_t d : depths) for (std::uint64_t s : seeds) jobs.push_back({k, d, s, {}});
  const Stopwatch clock;
  ParallelFor(jobs.size(), options.threads, [&](std::size_t i) {
    Job& j = jobs[i];
    std::mt19937_64 rng(j.seed);
    Net net(Widths(1, kWidth, j.depth), j.kind, std::nullopt, mlp::Init::kXavierUniform, rng);
    std::normal_distribution<double> normal;
    std::vector<Real> x(kBatch);
    for (Real& v : x) v = static_cast<Real>(normal(rng));
    net.Forward(x, kBatch);
    net.BackwardFrom(std::vector<Real>(kBatch, Real(1.0 / kBatch)));  // d mean(y) / dy
    j.grads = net.GradientStats();
  });
  const double seconds = clock.Seconds();
  const auto ratio = [](const Job& j) { return j.grads.back().mean_abs / j.grads.front().mean_abs; };

  std::string csv = "activation,seed,depth,layer_from_input,mean_abs_grad,frobenius_grad\n";
  for (const Job& j : jobs) {
    for (std::size_t l = 0; l < j.grads.size(); ++l) {
      csv += Format("%s,%llu,%zu,%zu,%.9g,%.9g\n", std::string(Name(j.kind)).c_str(), (unsigned long long)j.seed, j.depth, l + 1,
                    j.grads[l].mean_abs, j.grads[l].frobenius);
    }
  }
  WriteFileAtomically(options.out + "/data/depth_sweep.csv", csv);

  Section s;
  s.title = "Depth sweep: gradient flow at initialisation";
  s.seconds = seconds;
  std::string& md = s.markdown;
  md += "Setup (seed `001`, experiment 1): width 64, depths " + Format("%zu..%zu", depths.front(), depths.back()) +
        ", Xavier-uniform weights, zero biases, 32 standard-normal inputs, loss = mean output, one backward pass. "
        "Ratio = mean |dL/dW| of the output Linear over the input Linear (the seed's `grad_mags[-1] / grad_mags[0]`); "
        "values far from 1 mean the gradient grows or vanishes along the depth.";
  md += seeds.size() > 1 ? " Median over the seeds.\n\n" : Format(" Seed %llu.\n\n", (unsigned long long)seeds.front());
  md += "| Activation |";
  for (std::size_t d : depths) md += Format(" depth %zu |", d);
  md += "\n|---|";
  for (std::size_t i = 0; i < depths.size(); ++i) md += "---|";
  md += "\n";
  std::string ratio_data;
  for (Kind k : kinds) {
    md += "| " + Label(k) + " |";
    ratio_data += "\"" + Label(k) + "\"\n";
    for (std::size_t d : depths) {
      std::vector<double> r;
      for (const Job& j : jobs) if (j.kind == k && j.depth == d) r.push_back(ratio(j));
      const double median = SpreadOf(r).median;
      md += Format(" %.3g |", median);
      ratio_data += Format("%zu %.6g\n", d, median);
    }
    md += "\n";
    ratio_data += "\n\n";
  }
  // Per-layer profile at the deepest depth (first seed).
  std::string layer_data;
  for (Kind k : kinds) {
    layer_data += "\"" + Label(k) + "\"\n";
    for (const Job& j : jobs) {
      if (j.kind != k || j.depth != depths.back() || j.seed != seeds.front()) continue;
      for (std::size_t l = 0; l < j.grads.size(); ++l) layer_data += Format("%zu %.6g\n", l + 1, j.grads[l].mean_abs);
    }
    layer_data += "\n\n";
  }
  const std::string last = std::to_string(kinds.size() - 1);
  RenderPlot(options.out + "/plots/depth_sweep_ratio.svg",
             SvgHeader("Gradient ratio (output / input Linear) vs depth", "hidden layers", "ratio of mean |dL/dW|") +
                 "set logscale xy\nset format y '10^{%L}'\n" + DataBlock("d", ratio_data) +
                 "plot for [i=0:" + last + "] $d index i using 1:2 with linespoints title columnheader(1)\n");
  RenderPlot(options.out + "/plots/depth_sweep_layers.svg",
             SvgHeader(Format("Mean |dL/dW| per layer, depth %zu", depths.back()), "Linear layer (1 = input)", "mean |dL/dW|") +
                 "set logscale y\nset format y '10^{%L}'\n" + DataBlock("d", layer_data) +
                 "plot for [i=0:" + last + "] $d index i using 1:2 with lines title columnheader(1)\n");
  md += "\n![ratio vs depth](plots/depth_sweep_ratio.svg)\n![per layer](plots/depth_sweep_layers.svg)\n\nData: `data/depth_sweep.csv`.\n";
  for (Kind k : kinds) {
    for (const Job& j : jobs) {
      if (j.kind == k && j.depth == depths.back() && j.seed == seeds.front()) {
        s.console += Format("%-12s ratio at depth %zu: %.3g\n", Label(k).c_str(), j.depth, ratio(j));
      }
    }
  }
  return s;
}

}  // namespace act::reports
