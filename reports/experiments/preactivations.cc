// The bench's `mlp` input distribution: pre-activations z = a W + b of every hidden layer of
// the gradient-table network (1 -> 64 x 10 -> 1, GELU, seed 42, sin(x) + noise on 200 points,
// full-batch Adam lr 1e-3, 500 epochs; gradient_table.cc), after training, on its training
// inputs. 200 x 64 x 10 values, of which kSampleSize, drawn with a fixed seed, are written.
#include "reports/experiments/experiments.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "reports/mlp/gemm.h"

namespace act::reports {

namespace {
constexpr std::size_t kPoints = 200, kWidth = 64, kDepth = 10, kSampleSize = 16384;
constexpr int kEpochs = 500;
constexpr std::uint64_t kSeed = 42;
}  // namespace

std::string MlpPreactivations() {
  const Kind kind = KindFromName("gelu_erf").value_or(EnabledKinds().front());
  std::mt19937_64 rng(kSeed);
  const std::vector<Real> x = Linspace(-std::numbers::pi, std::numbers::pi, kPoints);
  std::vector<Real> y;
  std::normal_distribution<double> noise(0.0, 0.1);
  for (Real v : x) y.push_back(static_cast<Real>(std::sin(double(v)) + noise(rng)));
  Net net(Widths(1, kWidth, kDepth), kind, std::nullopt, mlp::Init::kPytorchDefault, rng);
  for (int e = 0; e < kEpochs; ++e) {
    net.Forward(x, kPoints);
    net.Backward(y);
    net.StepAdam(1e-3);
  }
  net.Forward(x, kPoints);
  std::vector<Real> all, z(kPoints * kWidth);
  for (std::size_t l = 0; l < kDepth; ++l) {  // hidden layer l's input: x, then layer l-1's output
    const mlp::Dense<Real>& layer = net.layers()[l];
    const std::span<const Real> a = l == 0 ? std::span<const Real>(x) : net.HiddenActivations(l - 1);
    mlp::Gemm<Real>(kPoints, layer.out, layer.in, a.data(), layer.in, 1, layer.w.data(), layer.b.data(), z.data());
    all.insert(all.end(), z.begin(), z.end());
  }
  std::shuffle(all.begin(), all.end(), rng);
  std::string csv = "# " + std::string(Name(kind)) +
                    " gradient-table network (1 -> 64 x 10 -> 1, seed 42, 500 epochs): hidden pre-activations, "
                    "regenerate with `experiments preactivations --out=DIR`\nz\n";
  for (std::size_t i = 0; i < kSampleSize; ++i) csv += Format("%.9g\n", static_cast<double>(all[i]));
  return csv;
}

}  // namespace act::reports
