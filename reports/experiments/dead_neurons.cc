// Experiment 3 (seed 001, "sparsity and dead neurons"): depth 10, width 128, 1000 samples of 10
// standard-normal features, y = sin(sum x) + 0.1 N(0, 1), Xavier init, full-batch SGD lr 0.1 for
// 100 epochs; then per hidden layer the sparsity (fraction of |a| < 1e-6) and the dead-neuron
// rate (neurons with |a| <= 1e-6 for every sample).
#include "reports/experiments/experiments.h"

#include <cmath>

namespace act::reports {

Section DeadNeurons(const Options& options) {
  const std::vector<Kind> kinds = options.activations.empty() ? SeedExperimentKinds() : options.activations;
  const std::uint64_t seed = options.seeds.empty() ? 42 : options.seeds.front();
  const int epochs = options.epochs.value_or(100);
  const double lr = options.lr.value_or(0.1);
  const std::size_t depth = options.depths.empty() ? 10 : options.depths.front();
  constexpr std::size_t kWidth = 128, kSamples = 1000, kFeatures = 10;

  std::mt19937_64 data_rng(seed);
  std::normal_distribution<double> normal;
  std::vector<Real> x(kSamples * kFeatures), y(kSamples);
  for (Real& v : x) v = static_cast<Real>(normal(data_rng));
  for (std::size_t i = 0; i < kSamples; ++i) {
    double sum = 0;
    for (std::size_t f = 0; f < kFeatures; ++f) sum += x[i * kFeatures + f];
    y[i] = static_cast<Real>(std::sin(sum) + 0.1 * normal(data_rng));
  }
  struct Result {
    std::vector<double> sparsity, dead;  // per hidden layer
    double final_loss = 0;
  };
  std::vector<Result> results(kinds.size());
  const Stopwatch clock;
  ParallelFor(kinds.size(), options.threads, [&](std::size_t i) {
    std::mt19937_64 rng(seed + 1);
    Net net(Widths(kFeatures, kWidth, depth), kinds[i], std::nullopt, mlp::Init::kXavierUniform, rng);
    for (int e = 0; e < epochs; ++e) {
      net.Forward(x, kSamples);
      results[i].final_loss = net.MseLoss(y);
      net.Backward(y);
      net.StepSgd(lr);
    }
    net.Forward(x, kSamples);
    for (std::size_t l = 0; l < depth; ++l) {
      const auto a = net.HiddenActivations(l);
      std::size_t zeros = 0, dead = 0;
      for (std::size_t n = 0; n < kWidth; ++n) {
        bool active = false;
        for (std::size_t s = 0; s < kSamples; ++s) {
          const bool zero = std::fabs(double(a[s * kWidth + n])) < 1e-6;  // NaN counts as active
          zeros += zero;
          active |= !zero;
        }
        dead += !active;
      }
      results[i].sparsity.push_back(double(zeros) / double(kSamples * kWidth));
      results[i].dead.push_back(double(dead) / double(kWidth));
    }
  });
  const double seconds = clock.Seconds();
  const auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double e : v) s += e;
    return s / double(v.size());
  };

  std::string csv = "activation,seed,layer,sparsity,dead_fraction,final_loss\n";
  std::string bars = "activation sparsity dead\n";
  Section s;
  s.title = "Sparsity and dead neurons";
  s.seconds = seconds;
  std::string& md = s.markdown;
  md += Format("Setup (seed `001`, experiment 2): depth %zu, width 128, 1000 samples of 10 standard-normal features, "
               "y = sin(sum x) + 0.1 N(0, 1), Xavier init, full-batch SGD lr %g, %d epochs, seed %llu. Sparsity: fraction "
               "of hidden activations with |a| < 1e-6; dead: neurons below that for every sample. Averages over the "
               "hidden layers.\n\n| Activation | sparsity | dead neurons | final loss |\n|---|---|---|---|\n",
               depth, lr, epochs, (unsigned long long)seed);
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const Result& r = results[i];
    for (std::size_t l = 0; l < r.sparsity.size(); ++l) {
      csv += Format("%s,%llu,%zu,%.6g,%.6g,%.9g\n", std::string(Name(kinds[i])).c_str(), (unsigned long long)seed, l + 1,
                    r.sparsity[l], r.dead[l], r.final_loss);
    }
    md += Format("| %s | %.1f%% | %.1f%% | %.4g |\n", Label(kinds[i]).c_str(), 100 * mean(r.sparsity), 100 * mean(r.dead),
                 r.final_loss);
    bars += Format("\"%s\" %.4f %.4f\n", Label(kinds[i]).c_str(), 100 * mean(r.sparsity), 100 * mean(r.dead));
    s.console += Format("%-12s sparsity %5.1f%%  dead %5.1f%%\n", Label(kinds[i]).c_str(), 100 * mean(r.sparsity),
                        100 * mean(r.dead));
  }
  WriteFileAtomically(options.out + "/data/dead_neurons.csv", csv);
  RenderPlot(options.out + "/plots/dead_neurons.svg",
             SvgHeader("Sparsity and dead neurons after training", "", "% (mean over hidden layers)") +
                 "set style data histograms\nset style histogram clustered gap 1\nset style fill solid 0.8 border -1\n"
                 "set yrange [0:*]\nset xtics rotate by -30\n" + DataBlock("d", bars) +
                 "plot $d using 2:xtic(1) title 'sparsity', '' using 3 title 'dead neurons'\n");
  md += "\n![sparsity and dead neurons](plots/dead_neurons.svg)\n\nData: `data/dead_neurons.csv` (per layer).\n";
  return s;
}

}  // namespace act::reports
