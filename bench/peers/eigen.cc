// Eigen 3.4 (Debian libeigen3-dev): Array expressions as an Eigen user writes them, over Maps
// of the row's buffers, with Eigen's vectorised logistic(), tanh(), erf(), exp(), expm1() and
// log1p(). Eigen vectorises for the ISA it is compiled for, so this file is compiled twice
// (bench/CMakeLists.txt): ACT_PEER_ISA_AVX512 (-mavx512f/dq/bw/vl, peer eigen_avx512) and
// ACT_PEER_ISA_AVX2 (-mavx2 -mfma, peer eigen_avx2). Backward recomputes what it needs from x,
// as a user without a stored forward output would.
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>  // erf()
#include <cmath>
#include <numbers>

#include "bench/peers/peer.h"

namespace act::bench {
namespace {

using Array = Eigen::ArrayXf;
using In = Eigen::Map<const Array>;
using Out = Eigen::Map<Array>;

constexpr float kSqrtHalf = 0.70710678118654752f, kInvSqrt2Pi = 0.39894228040143268f;
constexpr float kSqrt2OverPi = 0.79788456080286536f, kGeluCubic = 0.044715f;

// forward(x, out, p) and backward(x, dy, out, p) per activation.
constexpr float kLambda = float(kSeluLambda), kLambdaAlpha = float(kSeluLambda * kSeluAlpha);

[[maybe_unused]] auto For(Identity) {
  return std::pair{[](In x, Out o, float) { o = x; }, [](In, In dy, Out o, float) { o = dy; }};
}
[[maybe_unused]] auto For(Sigmoid) {
  return std::pair{[](In x, Out o, float) { o = x.logistic(); },
                   [](In x, In dy, Out o, float) { o = dy * x.logistic() * (1.0f - x.logistic()); }};
}
[[maybe_unused]] auto For(Tanh) {
  return std::pair{[](In x, Out o, float) { o = x.tanh(); },
                   [](In x, In dy, Out o, float) { o = dy * (1.0f - x.tanh().square()); }};
}
[[maybe_unused]] auto For(Relu) {
  return std::pair{[](In x, Out o, float) { o = x.max(0.0f); },
                   [](In x, In dy, Out o, float) { o = (x > 0).select(dy, 0.0f); }};
}
[[maybe_unused]] auto For(LeakyRelu) {
  return std::pair{[](In x, Out o, float s) { o = (x > 0).select(x, s * x); },
                   [](In x, In dy, Out o, float s) { o = (x > 0).select(dy, s * dy); }};
}
[[maybe_unused]] auto For(Prelu) { return For(LeakyRelu{}); }
[[maybe_unused]] auto For(Elu) {
  return std::pair{[](In x, Out o, float a) { o = (x > 0).select(x, a * x.expm1()); },
                   [](In x, In dy, Out o, float a) { o = (x > 0).select(dy, dy * a * x.exp()); }};
}
[[maybe_unused]] auto For(Selu) {
  return std::pair{[](In x, Out o, float) { o = (x > 0).select(kLambda * x, kLambdaAlpha * x.expm1()); },
                   [](In x, In dy, Out o, float) { o = (x > 0).select(kLambda * dy, dy * kLambdaAlpha * x.exp()); }};
}
[[maybe_unused]] auto For(Silu) {
  return std::pair{[](In x, Out o, float) { o = x * x.logistic(); },
                   [](In x, In dy, Out o, float) {
                     o = dy * x.logistic() * (1.0f + x * (1.0f - x.logistic()));
                   }};
}
[[maybe_unused]] auto For(GeluErf) {
  return std::pair{[](In x, Out o, float) { o = 0.5f * x * (1.0f + (x * kSqrtHalf).erf()); },
                   [](In x, In dy, Out o, float) {
                     o = dy * (0.5f * (1.0f + (x * kSqrtHalf).erf()) + x * kInvSqrt2Pi * (-0.5f * x.square()).exp());
                   }};
}
[[maybe_unused]] auto For(GeluTanh) {
  return std::pair{[](In x, Out o, float) { o = 0.5f * x * (1.0f + (kSqrt2OverPi * (x + kGeluCubic * x.cube())).tanh()); },
                   [](In x, In dy, Out o, float) {
                     const auto t = (kSqrt2OverPi * (x + kGeluCubic * x.cube())).tanh();
                     o = dy * (0.5f * (1.0f + t) +
                               0.5f * x * (1.0f - t.square()) * kSqrt2OverPi * (1.0f + 3.0f * kGeluCubic * x.square()));
                   }};
}
[[maybe_unused]] auto For(Mish) {
  return std::pair{[](In x, Out o, float) { o = x * x.exp().log1p().tanh(); },
                   [](In x, In dy, Out o, float) {
                     const auto t = x.exp().log1p().tanh();
                     o = dy * (t + x * (1.0f - t.square()) * x.logistic());
                   }};
}
// PyTorch's threshold (beta x > 20: x), without which log1p(exp(beta x)) overflows for x > 88.
[[maybe_unused]] auto For(Softplus) {
  return std::pair{[](In x, Out o, float b) { o = (b * x > 20).select(x, (b * x).exp().log1p() / b); },
                   [](In x, In dy, Out o, float b) { o = dy * (b * x).logistic(); }};
}

#if ACT_PEER_ISA_AVX512
constexpr const char* kIsaName = "eigen_avx512";
#else
constexpr const char* kIsaName = "eigen_avx2";
#endif

class EigenPeer final : public Peer {
 public:
  std::string Name() const override { return kIsaName; }
  std::string Description() const override {
    return "Eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
           std::to_string(EIGEN_MINOR_VERSION) + " (libeigen3-dev), Array expressions, " +
           Eigen::SimdInstructionSetsInUse();
  }
  bool Has(Kind, Op op, double) const override { return op == Op::kForward || op == Op::kBackward; }
  PeerCall Prepare(Kind kind, Op op, double param, const PeerBuffers& b) const override {
    const float p = static_cast<float>(param);
    const Eigen::Index n = static_cast<Eigen::Index>(b.x.size());
    return VisitTag(kind, [&](auto tag) -> PeerCall {
      const auto [forward, backward] = For(tag);
      if (op == Op::kForward) return PeerCall([=] { forward(In(b.x.data(), n), Out(b.out.data(), n), p); });
      return PeerCall([=] { backward(In(b.x.data(), n), In(b.dy.data(), n), Out(b.out.data(), n), p); });
    });
  }
};

}  // namespace

#if ACT_PEER_ISA_AVX512
std::unique_ptr<Peer> MakeEigenAvx512Peer() { return std::make_unique<EigenPeer>(); }
#else
std::unique_ptr<Peer> MakeEigenAvx2Peer() { return std::make_unique<EigenPeer>(); }
#endif

}  // namespace act::bench
