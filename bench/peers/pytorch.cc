// PyTorch ATen 1.13 (Debian libtorch-dev; optional, it is large): the at:: ops a model's
// forward and autograd call, on one thread (at::set_num_threads(1)), on CPU tensors wrapping
// the row's buffers (at::from_blob), out= variants where ATen has them. Backward is the op
// autograd itself calls: sigmoid_backward and tanh_backward take the forward output y (computed
// once when the row is prepared, as autograd stores it), the others take x. ATen picks its SIMD
// kernels once per process from the CPU or the ATEN_CPU_CAPABILITY variable (default, avx2,
// avx512); the peer is named after the capability in use: pytorch_avx512, pytorch_avx2.
// mish_backward and prelu have no out= variant: their result is copied into the buffer.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/csrc/api/include/torch/version.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "bench/peers/peer.h"

namespace act::bench {
namespace {

using at::Tensor;

Tensor Wrap(std::span<const float> v) {
  if (v.empty()) return Tensor();  // no dy in a forward row
  return at::from_blob(const_cast<float*>(v.data()), {static_cast<int64_t>(v.size())}, at::kFloat);
}
Tensor Wrap(std::span<float> v) { return at::from_blob(v.data(), {static_cast<int64_t>(v.size())}, at::kFloat); }
Tensor Wrap(std::span<const uint16_t> v, at::ScalarType type) {
  return at::from_blob(const_cast<uint16_t*>(v.data()), {static_cast<int64_t>(v.size())}, type);
}

// The forward and backward calls per activation: forward(x, out, p), backward(x, y, dy, out, p)
// with y = f(x) as autograd stores it.
[[maybe_unused]] auto For(Identity) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { o.copy_(x); },
                   [](const Tensor&, const Tensor&, const Tensor& dy, Tensor& o, double) { o.copy_(dy); }};
}
[[maybe_unused]] auto For(Sigmoid) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::sigmoid_out(o, x); },
                   [](const Tensor&, const Tensor& y, const Tensor& dy, Tensor& o, double) { at::sigmoid_backward_out(o, dy, y); }};
}
[[maybe_unused]] auto For(Tanh) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::tanh_out(o, x); },
                   [](const Tensor&, const Tensor& y, const Tensor& dy, Tensor& o, double) { at::tanh_backward_out(o, dy, y); }};
}
// torch.relu is clamp_min(x, 0); its autograd calls threshold_backward(dy, x, 0).
[[maybe_unused]] auto For(Relu) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::clamp_min_out(o, x, 0); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double) { at::threshold_backward_out(o, dy, x, 0); }};
}
[[maybe_unused]] auto For(LeakyRelu) {
  return std::pair{[](const Tensor& x, Tensor& o, double s) { at::leaky_relu_out(o, x, s); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double s) {
                     at::leaky_relu_backward_out(o, dy, x, s, false);
                   }};
}
// One learned slope (a 1-element weight); prelu_backward also returns the weight's gradient.
[[maybe_unused]] auto For(Prelu) {
  return std::pair{[](const Tensor& x, Tensor& o, double s) { o.copy_(at::prelu(x, at::full({1}, s, at::kFloat))); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double s) {
                     o.copy_(std::get<0>(at::prelu_backward(dy, x, at::full({1}, s, at::kFloat))));
                   }};
}
[[maybe_unused]] auto For(Elu) {
  return std::pair{[](const Tensor& x, Tensor& o, double a) { at::elu_out(o, x, a); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double a) {
                     at::elu_backward_out(o, dy, a, 1, 1, false, x);
                   }};
}
// torch.selu is elu with SELU's alpha and scale.
[[maybe_unused]] auto For(Selu) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::elu_out(o, x, kSeluAlpha, kSeluLambda, 1); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double) {
                     at::elu_backward_out(o, dy, kSeluAlpha, kSeluLambda, 1, false, x);
                   }};
}
[[maybe_unused]] auto For(Silu) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::silu_out(o, x); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double) { at::silu_backward_out(o, dy, x); }};
}
[[maybe_unused]] auto For(GeluErf) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::gelu_out(o, x, "none"); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double) { at::gelu_backward_out(o, dy, x, "none"); }};
}
[[maybe_unused]] auto For(GeluTanh) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::gelu_out(o, x, "tanh"); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double) { at::gelu_backward_out(o, dy, x, "tanh"); }};
}
[[maybe_unused]] auto For(Mish) {
  return std::pair{[](const Tensor& x, Tensor& o, double) { at::mish_out(o, x); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double) { o.copy_(at::mish_backward(dy, x)); }};
}
// PyTorch's default threshold 20: beta x > 20 returns x.
[[maybe_unused]] auto For(Softplus) {
  return std::pair{[](const Tensor& x, Tensor& o, double b) { at::softplus_out(o, x, b, 20); },
                   [](const Tensor& x, const Tensor&, const Tensor& dy, Tensor& o, double b) {
                     at::softplus_backward_out(o, dy, x, b, 20);
                   }};
}

// "AVX512" from show_config()'s "CPU capability usage: AVX512" line.
std::string CapabilityInUse() {
  const std::string config = at::show_config();
  const std::string key = "CPU capability usage: ";
  const size_t at = config.find(key);
  if (at == std::string::npos) return "unknown";
  const size_t end = config.find('\n', at);
  return config.substr(at + key.size(), end - at - key.size());
}

class Pytorch final : public Peer {
 public:
  Pytorch() : capability_(CapabilityInUse()) { at::set_num_threads(1); }
  std::string Name() const override {
    std::string lower = capability_;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return "pytorch_" + lower;
  }
  std::string Description() const override {
    return "PyTorch ATen " + std::string(TORCH_VERSION) + " (libtorch-dev), CPU capability " + capability_ + ", 1 thread";
  }
  bool Has(Kind, Op op, double) const override { return op == Op::kForward || op == Op::kBackward; }
  PeerCall Prepare(Kind kind, Op op, double param, const PeerBuffers& b) const override {
    return PrepareTensors(kind, op, param, Wrap(b.x), Wrap(b.dy), Wrap(b.out));
  }
  // ATen has bfloat16 kernels for most of these ops on CPU and few float16 ones; what it lacks
  // it reports by throwing, here on a small trial.
  bool Has16(Kind kind, Op op, double param, Type16 type) const override {
    if (!Has(kind, op, param)) return false;
    try {
      std::vector<uint16_t> buffer(64, type == Type16::kBfloat16 ? 0x3f80 : 0x3c00);  // 1.0
      Prepare16(kind, op, param, type, {buffer, buffer, buffer})();
      return true;
    } catch (const c10::Error&) {
      return false;
    }
  }
  PeerCall Prepare16(Kind kind, Op op, double param, Type16 type, const PeerBuffers16& b) const override {
    const at::ScalarType t = type == Type16::kBfloat16 ? at::kBFloat16 : at::kHalf;
    return PrepareTensors(kind, op, param, Wrap(b.x, t), b.dy.empty() ? Tensor() : Wrap(b.dy, t), Wrap(b.out, t));
  }

 private:
  static PeerCall PrepareTensors(Kind kind, Op op, double param, const Tensor& x, const Tensor& dy, const Tensor& o) {
    return VisitTag(kind, [&](auto tag) -> PeerCall {
      const auto [forward, backward] = For(tag);
      auto out = std::make_shared<Tensor>(o);
      if (op == Op::kForward) return PeerCall([=] { forward(x, *out, param); });
      auto y = std::make_shared<Tensor>(at::empty_like(x));
      forward(x, *y, param);
      return PeerCall([=] { backward(x, *y, dy, *out, param); });
    });
  }

  std::string capability_;
};

}  // namespace

std::unique_ptr<Peer> MakePytorchPeer() { return std::make_unique<Pytorch>(); }

}  // namespace act::bench
