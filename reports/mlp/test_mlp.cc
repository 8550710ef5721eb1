// The MLP (reports/mlp): its backward pass against central finite differences of its loss, for
// every activation, and the seed-42 gradient table pinned to reports/pinned/.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <unistd.h>

#include "verify/support/csv.h"
#include "reports/experiments/experiments.h"
#include "reports/mlp/mlp.h"

namespace act {
namespace {

// The gradient check runs in double when it is configured (float's central differences are
// too coarse to check much).
#if ACT_HAS_DOUBLE
using CheckReal = double;
constexpr double kTolerance = 1e-8;  // |analytic - numeric| <= tol (1 + |numeric|); measured ~4e-10
#else
using CheckReal = float;
constexpr double kTolerance = 2e-2;
#endif

// Smallest |z| over every hidden pre-activation: the check keeps clear of kinks at 0.
double SmallestPreActivation(const mlp::Mlp<CheckReal>& net, const std::vector<CheckReal>& x, std::size_t batch) {
  double smallest = INFINITY;
  const auto& layers = net.layers();
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const auto in = l == 0 ? std::span<const CheckReal>(x) : net.HiddenActivations(l - 1);
    const auto& d = layers[l];
    for (std::size_t s = 0; s < batch; ++s) {
      for (std::size_t o = 0; o < d.out; ++o) {
        double z = d.b[o];
        for (std::size_t i = 0; i < d.in; ++i) z += double(in[s * d.in + i]) * double(d.w[i * d.out + o]);
        smallest = std::min(smallest, std::fabs(z));
      }
    }
  }
  return smallest;
}

// Max |analytic - numeric| / (1 + |numeric|) over every weight and bias of one random network.
double GradientCheck(Kind kind, std::uint64_t seed) {
  constexpr std::size_t kBatch = 4;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  for (int attempt = 0; attempt < 100; ++attempt) {
    mlp::Mlp<CheckReal> net({3, 6, 5, 2}, kind, std::nullopt, mlp::Init::kPytorchDefault, rng);
    std::vector<CheckReal> x(3 * kBatch), y(2 * kBatch);
    for (auto& v : x) v = static_cast<CheckReal>(normal(rng));
    for (auto& v : y) v = static_cast<CheckReal>(normal(rng));
    net.Forward(x, kBatch);
    if (SmallestPreActivation(net, x, kBatch) < 1e-2) continue;  // too close to a kink: redraw
    net.Backward(y);
    const auto loss = [&] {
      net.Forward(x, kBatch);
      return net.MseLoss(y);
    };
    double worst = 0;
    for (auto& layer : net.layers()) {
      const auto check = [&](std::vector<CheckReal>& params, const std::vector<CheckReal>& grads) {
        for (std::size_t i = 0; i < params.size(); ++i) {
          const CheckReal saved = params[i];
          const CheckReal h = static_cast<CheckReal>(std::is_same_v<CheckReal, double> ? 1e-6 : 1e-2);
          params[i] = saved + h;
          const double up = loss();
          params[i] = saved - h;
          const double down = loss();
          params[i] = saved;
          const double numeric = (up - down) / (2 * double(h));
          worst = std::max(worst, std::fabs(double(grads[i]) - numeric) / (1 + std::fabs(numeric)));
        }
      };
      const auto dw = layer.dw, db = layer.db;  // Forward does not touch them, but be explicit
      check(layer.w, dw);
      check(layer.b, db);
    }
    return worst;
  }
  FAIL("no network without a pre-activation near a kink in 100 draws");
  return INFINITY;
}

#define ACT_GRADIENT_CHECK(Type)                                                                \
  TEST_CASE("mlp gradient check - " #Type, "[mlp]") {                                         \
    double worst = 0;                                                                           \
    for (std::uint64_t seed : {1, 2, 3}) worst = std::max(worst, GradientCheck(KindOf<Type>::value, seed)); \
    std::printf("%-10s mlp backward vs central differences (%s): max error %.3g (bound %.0e)\n", \
                std::string(Type::kName).c_str(), TypeName<CheckReal>(), worst, kTolerance);    \
    CHECK(worst <= kTolerance);                                                                 \
  }
ACT_FOR_EACH_ENABLED(ACT_GRADIENT_CHECK)
#undef ACT_GRADIENT_CHECK

// The published five activations, seed 42, against the committed numbers. Training is chaotic,
// so a change in any kernel's last bit moves these; the tolerances only absorb what differs
// between SIMD targets with and without FMA.
TEST_CASE("gradient table seed 42 is pinned", "[mlp][reports]") {
  const std::string pinned = std::string(ACT_SOURCE_DIR) + "/reports/pinned/gradient_table_seed42.csv";
  reports::Options options;
  options.activations = reports::PublishedTableKinds();
  if (options.activations.empty()) return;  // none of the five is configured
  options.seeds = {42};
  options.out = (std::filesystem::temp_directory_path() / ("act-pinned-" + std::to_string(getpid()))).string();
  support::PrepareOutputDirectory(options.out + "/data");
  support::PrepareOutputDirectory(options.out + "/plots");
  (void)reports::GradientTable(options);

  const auto read = [](const std::string& path) {
    std::map<std::string, std::pair<double, double>> rows;  // activation -> (final MSE, ratio)
    io::CSVReader<3> in(path);
    in.read_header(io::ignore_extra_column, "activation", "final_mse", "ratio_frobenius_mean");
    std::string activation;
    double mse, ratio;
    while (in.read_row(activation, mse, ratio)) rows[activation] = {mse, ratio};
    return rows;
  };
  const auto now = read(options.out + "/data/gradient_table_runs.csv");
  const auto expected = read(pinned);
  std::filesystem::remove_all(options.out);
  int compared = 0;
  for (const auto& [activation, want] : expected) {
    if (!KindFromName(activation)) continue;  // not configured
    INFO(activation);
    REQUIRE(now.count(activation));
    const auto [mse, ratio] = now.at(activation);
    std::printf("%-10s seed 42: final MSE %.6g (pinned %.6g), ratio %.6g (pinned %.6g)\n", activation.c_str(), mse,
                want.first, ratio, want.second);
    CHECK(std::fabs(mse - want.first) <= 0.05 * want.first);
    CHECK(std::fabs(ratio - want.second) <= 0.10 * want.second);
    ++compared;
  }
  CHECK(compared == static_cast<int>(options.activations.size()));
}

#if ACT_HAS_BFLOAT16
// StoreActivationsInBfloat16: every stored hidden activation is a bfloat16 value, equal to the
// bfloat16 kernel's output on the rounded pre-activation, and the run differs from float's.
TEST_CASE("MLP stores its activations in bfloat16 on request", "[mlp]") {
  for (const bool bf16 : {false, true}) {
    std::mt19937_64 rng(7);
    mlp::Mlp<float> net({3, 8, 8, 1}, Kind::kGeluErf, std::nullopt, mlp::Init::kPytorchDefault, rng);
    net.StoreActivationsInBfloat16(bf16);
    std::vector<float> x = {0.3f, -1.2f, 2.5f, 0.7f, 0.1f, -0.4f};
    net.Forward(x, 2);
    long long representable = 0, total = 0;
    for (std::size_t l = 0; l < 2; ++l) {
      for (float v : net.HiddenActivations(l)) {
        representable += ToFloat(ToBfloat16(v)) == v;
        ++total;
      }
    }
    std::printf("bfloat16 activations %s: %lld of %lld stored values are bfloat16 values\n", bf16 ? "on" : "off",
                representable, total);
    if (bf16) {
      CHECK(representable == total);
    } else {
      CHECK(representable < total);
    }
  }
}
#endif

}  // namespace
}  // namespace act
