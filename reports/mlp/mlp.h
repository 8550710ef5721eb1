// A minimal multilayer perceptron for the reports, llm.c style: dense layers, one activation
// (through the act:: kernels: ForwardAndDerivative in training), MSE loss, full-batch Adam or
// SGD, and per-layer gradient statistics. Rows are samples: a batch is [batch x width].
//
// Dense layer l computes z = a W + b with W stored [in x out] (the transpose of PyTorch's
// weight), so the forward pass, dW = a^T dz and dA = dz W^T are all one Gemm call.
// Runs are bit-for-bit reproducible for a given seed, build and SIMD target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include "kernels/activations.h"

namespace act::mlp {

enum class Init {
  kPytorchDefault,  // nn.Linear's default: W and b uniform in +-1/sqrt(fan_in)
  kXavierUniform,   // W uniform in +-sqrt(6 / (fan_in + fan_out)), b = 0
};

enum class Optimizer { kAdam, kSgd };

// Adam as torch.optim.Adam (bias corrections folded into the step as PyTorch does).
struct AdamConfig {
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
};

template <typename T>
struct Dense {
  std::size_t in, out;
  std::vector<T> w, b;    // [in x out], [out]
  std::vector<T> dw, db;  // gradients of the last Backward
  std::vector<T> m_w, v_w, m_b, v_b;  // Adam moments
};

// Gradient statistics of one Linear layer's weight.
struct GradStats {
  double mean_abs;   // mean |dL/dW|
  double frobenius;  // ||dL/dW||_F
};

template <typename T>
class Mlp {
 public:
  // widths = {inputs, hidden..., outputs}; the activation follows every layer but the last.
  Mlp(std::vector<std::size_t> widths, Kind activation, std::optional<double> param, Init init,
      std::mt19937_64& rng);

  // Output [batch x outputs] for x [batch x inputs]; keeps what Backward needs.
  std::span<const T> Forward(std::span<const T> x, std::size_t batch);
  // Mean squared error of the last Forward against y [batch x outputs].
  double MseLoss(std::span<const T> y) const;
  // Gradients of MseLoss (or, with dloss_doutput given, of any loss) into dw/db of every layer.
  void Backward(std::span<const T> y);
  void BackwardFrom(std::span<const T> dloss_doutput);

  void StepSgd(double lr);
  void StepAdam(double lr, const AdamConfig& config = {});

  // Stores every hidden activation f(z) and its f'(z) in bfloat16, as bf16 training does: z is
  // rounded to bfloat16 and the activation runs in bfloat16 (act::ForwardAndDerivative<bfloat16>);
  // the GEMMs and the optimizer stay in T. Needs bfloat16 in ACT_TYPES (else invalid_argument).
  void StoreActivationsInBfloat16(bool on);

  // Per Linear layer, input side first.
  std::vector<GradStats> GradientStats() const;
  // Largest |gradient| over every parameter (the stability experiment's explosion test).
  double MaxAbsGradient() const;
  // Post-activation values of hidden layer l of the last Forward, [batch x width].
  std::span<const T> HiddenActivations(std::size_t l) const;

  std::vector<Dense<T>>& layers() { return layers_; }
  const std::vector<Dense<T>>& layers() const { return layers_; }

 private:
  void ActivateInBfloat16(std::vector<T>& z, std::vector<T>& slope);

  std::vector<Dense<T>> layers_;
  Kind activation_;
  std::optional<double> param_;
  bool bfloat16_activations_ = false;
  // The backward pass takes f' from the stored outputs (act::BackwardFromOutput) where the
  // activation has it, as training frameworks do, and keeps f'(z) (slope_) only otherwise.
  bool slope_from_output_ = false;
  std::size_t batch_ = 0;
  std::int64_t adam_steps_ = 0;
  // Per layer l: its input a[l] and, for hidden layers without slope_from_output_, f'(z) in
  // slope[l + 1].
  std::vector<std::vector<T>> a_, slope_;
  std::vector<T> output_, dz_, dz_prev_, w_transposed_;
  std::vector<bfloat16> z16_, y16_, slope16_;  // StoreActivationsInBfloat16's buffers
};

}  // namespace act::mlp
