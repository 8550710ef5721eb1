#include "reports/mlp/mlp.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "reports/mlp/gemm.h"

namespace act::mlp {

template <typename T>
Mlp<T>::Mlp(std::vector<std::size_t> widths, Kind activation, std::optional<double> param, Init init,
            std::mt19937_64& rng)
    : activation_(activation), param_(param), slope_from_output_(HasBackwardFromOutput(activation, param)) {
  if (widths.size() < 2) throw std::invalid_argument("Mlp: needs at least an input and an output width");
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    const std::size_t in = widths[l], out = widths[l + 1];
    if (in == 0 || out == 0) throw std::invalid_argument("Mlp: widths must be positive");
    Dense<T> layer;
    layer.in = in, layer.out = out;
    layer.w.assign(in * out, T(0));
    layer.b.assign(out, T(0));
    const double fan_in = static_cast<double>(in), fan_out = static_cast<double>(out);
    const double w_bound = init == Init::kXavierUniform ? std::sqrt(6.0 / (fan_in + fan_out))
                                                        : 1.0 / std::sqrt(fan_in);
    // Drawn in PyTorch's weight order ([out x in], row-major), stored transposed.
    std::uniform_real_distribution<double> w_dist(-w_bound, w_bound);
    for (std::size_t o = 0; o < out; ++o) {
      for (std::size_t i = 0; i < in; ++i) layer.w[i * out + o] = static_cast<T>(w_dist(rng));
    }
    if (init == Init::kPytorchDefault) {
      std::uniform_real_distribution<double> b_dist(-1.0 / std::sqrt(fan_in), 1.0 / std::sqrt(fan_in));
      for (T& b : layer.b) b = static_cast<T>(b_dist(rng));
    }
    layer.dw.assign(in * out, T(0));
    layer.db.assign(out, T(0));
    layer.m_w = layer.v_w = layer.dw;
    layer.m_b = layer.v_b = layer.db;
    layers_.push_back(std::move(layer));
  }
}

template <typename T>
void Mlp<T>::StoreActivationsInBfloat16(bool on) {
#if !ACT_HAS_BFLOAT16
  if (on) throw std::invalid_argument("Mlp: bfloat16 activations need bfloat16 in ACT_TYPES");
#endif
  bfloat16_activations_ = on;
}

template <typename T>
void Mlp<T>::ActivateInBfloat16([[maybe_unused]] std::vector<T>& z, [[maybe_unused]] std::vector<T>& slope) {
#if ACT_HAS_BFLOAT16
  z16_.resize(z.size()), y16_.resize(z.size()), slope16_.resize(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) z16_[i] = FromDouble<bfloat16>(static_cast<double>(z[i]));
  ForwardAndDerivative<bfloat16>(activation_, z16_, y16_, slope16_, param_);
  for (std::size_t i = 0; i < z.size(); ++i) z[i] = ToFloat(y16_[i]), slope[i] = ToFloat(slope16_[i]);
#endif
}

template <typename T>
std::span<const T> Mlp<T>::Forward(std::span<const T> x, std::size_t batch) {
  const std::size_t depth = layers_.size();
  if (x.size() != batch * layers_[0].in) {
    throw std::invalid_argument("Mlp::Forward: x has " + std::to_string(x.size()) + " values, expected " +
                                std::to_string(batch) + " x " + std::to_string(layers_[0].in));
  }
  batch_ = batch;
  a_.resize(depth);
  slope_.resize(depth);
  a_[0].assign(x.begin(), x.end());
  for (std::size_t l = 0; l < depth; ++l) {
    const Dense<T>& layer = layers_[l];
    const bool hidden = l + 1 < depth;
    std::vector<T>& z = hidden ? a_[l + 1] : output_;
    z.resize(batch * layer.out);
    Gemm<T>(batch, layer.out, layer.in, a_[l].data(), layer.in, 1, layer.w.data(), layer.b.data(), z.data());
    if (hidden) {
      if (bfloat16_activations_) {
        slope_[l + 1].resize(z.size());
        ActivateInBfloat16(z, slope_[l + 1]);
      } else if (slope_from_output_) {
        act::Forward<T>(activation_, z, z, param_);  // in place: z -> f(z); f' comes from it
      } else {
        slope_[l + 1].resize(z.size());
        ForwardAndDerivative<T>(activation_, z, z, slope_[l + 1], param_);  // in place: z -> f(z)
      }
    }
  }
  return output_;
}

template <typename T>
double Mlp<T>::MseLoss(std::span<const T> y) const {
  if (y.size() != output_.size()) throw std::invalid_argument("Mlp::MseLoss: y has the wrong size");
  double sum = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double e = static_cast<double>(output_[i]) - static_cast<double>(y[i]);
    sum += e * e;
  }
  return sum / static_cast<double>(y.size());
}

template <typename T>
void Mlp<T>::Backward(std::span<const T> y) {
  if (y.size() != output_.size()) throw std::invalid_argument("Mlp::Backward: y has the wrong size");
  std::vector<T> d(y.size());
  const T scale = static_cast<T>(2.0 / static_cast<double>(y.size()));  // d mean((o - y)^2) / do
  for (std::size_t i = 0; i < y.size(); ++i) d[i] = scale * (output_[i] - y[i]);
  BackwardFrom(d);
}

template <typename T>
void Mlp<T>::BackwardFrom(std::span<const T> dloss_doutput) {
  dz_.assign(dloss_doutput.begin(), dloss_doutput.end());
  for (std::size_t l = layers_.size(); l-- > 0;) {
    Dense<T>& layer = layers_[l];
    // dW = a^T dz: A(i, k) = a[k * in + i].
    Gemm<T>(layer.in, layer.out, batch_, a_[l].data(), 1, layer.in, dz_.data(), nullptr, layer.dw.data());
    std::fill(layer.db.begin(), layer.db.end(), T(0));
    for (std::size_t s = 0; s < batch_; ++s) {
      for (std::size_t o = 0; o < layer.out; ++o) layer.db[o] += dz_[s * layer.out + o];
    }
    if (l == 0) break;
    // dA = dz W^T, then dz of the layer below = dA * f'(z) from the forward pass.
    w_transposed_.resize(layer.in * layer.out);
    for (std::size_t i = 0; i < layer.in; ++i) {
      for (std::size_t o = 0; o < layer.out; ++o) w_transposed_[o * layer.in + i] = layer.w[i * layer.out + o];
    }
    dz_prev_.resize(batch_ * layer.in);
    Gemm<T>(batch_, layer.in, layer.out, dz_.data(), layer.out, 1, w_transposed_.data(), nullptr,
            dz_prev_.data());
    if (slope_from_output_ && !bfloat16_activations_) {
      BackwardFromOutput<T>(activation_, a_[l], dz_prev_, dz_prev_, param_);
    } else {
      const std::vector<T>& slope = slope_[l];
      for (std::size_t i = 0; i < dz_prev_.size(); ++i) dz_prev_[i] *= slope[i];
    }
    dz_.swap(dz_prev_);
  }
}

template <typename T>
void Mlp<T>::StepSgd(double lr) {
  const T step = static_cast<T>(lr);
  for (Dense<T>& layer : layers_) {
    for (std::size_t i = 0; i < layer.w.size(); ++i) layer.w[i] -= step * layer.dw[i];
    for (std::size_t i = 0; i < layer.b.size(); ++i) layer.b[i] -= step * layer.db[i];
  }
}

namespace {
// torch.optim.Adam's update of one tensor (no weight decay, no amsgrad).
template <typename T>
void AdamUpdate(std::vector<T>& p, const std::vector<T>& g, std::vector<T>& m, std::vector<T>& v,
                double lr, const AdamConfig& c, std::int64_t step) {
  const double bias_correction1 = 1 - std::pow(c.beta1, static_cast<double>(step));
  const double bias_correction2 = 1 - std::pow(c.beta2, static_cast<double>(step));
  const T step_size = static_cast<T>(lr / bias_correction1);
  const T sqrt_bc2 = static_cast<T>(std::sqrt(bias_correction2));
  const T b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2), eps = static_cast<T>(c.eps);
  for (std::size_t i = 0; i < p.size(); ++i) {
    m[i] = b1 * m[i] + (1 - b1) * g[i];
    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
    const T denom = std::sqrt(v[i]) / sqrt_bc2 + eps;
    p[i] -= step_size * m[i] / denom;
  }
}
}  // namespace

template <typename T>
void Mlp<T>::StepAdam(double lr, const AdamConfig& config) {
  ++adam_steps_;
  for (Dense<T>& layer : layers_) {
    AdamUpdate(layer.w, layer.dw, layer.m_w, layer.v_w, lr, config, adam_steps_);
    AdamUpdate(layer.b, layer.db, layer.m_b, layer.v_b, lr, config, adam_steps_);
  }
}

template <typename T>
std::vector<GradStats> Mlp<T>::GradientStats() const {
  std::vector<GradStats> stats;
  for (const Dense<T>& layer : layers_) {
    double sum_abs = 0, sum_sq = 0;
    for (T g : layer.dw) {
      const double gd = static_cast<double>(g);
      sum_abs += std::fabs(gd);
      sum_sq += gd * gd;
    }
    stats.push_back({sum_abs / static_cast<double>(layer.dw.size()), std::sqrt(sum_sq)});
  }
  return stats;
}

template <typename T>
double Mlp<T>::MaxAbsGradient() const {
  double max_abs = 0;  // NaN counts as infinite
  const auto visit = [&](T g) { max_abs = std::isnan(g) ? INFINITY : std::max(max_abs, std::fabs(double(g))); };
  for (const Dense<T>& layer : layers_) {
    std::for_each(layer.dw.begin(), layer.dw.end(), visit);
    std::for_each(layer.db.begin(), layer.db.end(), visit);
  }
  return max_abs;
}

template <typename T>
std::span<const T> Mlp<T>::HiddenActivations(std::size_t l) const {
  return a_.at(l + 1);
}

#if ACT_HAS_FLOAT
template class Mlp<float>;
#endif
#if ACT_HAS_DOUBLE
template class Mlp<double>;
#endif

}  // namespace act::mlp
