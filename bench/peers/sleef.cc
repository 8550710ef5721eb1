// SLEEF 3.5 (Debian libsleef-dev): the careful formulas (sigmoid from e^-|x| and reflected,
// expm1 for elu/selu, erfc for gelu_erf, log1p(e^-|x|) for softplus, mish as x n(n+2)/(n(n+2)+2)
// with n = e^x) on SLEEF's vectorised 1.0-ULP functions (erfc: 1.5 ULP). Compiled twice
// (bench/CMakeLists.txt): ACT_PEER_ISA_AVX512 calls the avx512f functions on 16 lanes (peer
// sleef_avx512), ACT_PEER_ISA_AVX2 the avx2 ones on 8 (sleef_avx2). Arithmetic between the
// calls uses GCC vector extensions; the tail goes through a padded block.
#include <immintrin.h>
#include <sleef.h>

#include <algorithm>
#include <cstring>

#include "bench/peers/peer.h"

namespace act::bench {
namespace {

#if ACT_PEER_ISA_AVX512
constexpr int kLanes = 16;
using Native = __m512;
#define ACT_SLEEF(function, ulp) Sleef_##function##f16_##ulp##avx512f
constexpr const char* kIsaName = "sleef_avx512";
#else
constexpr int kLanes = 8;
using Native = __m256;
#define ACT_SLEEF(function, ulp) Sleef_##function##f8_##ulp##avx2
constexpr const char* kIsaName = "sleef_avx2";
#endif
typedef float V __attribute__((vector_size(kLanes * sizeof(float))));

V Exp(V x) { return (V)ACT_SLEEF(exp, u10)((Native)x); }
V Expm1(V x) { return (V)ACT_SLEEF(expm1, u10)((Native)x); }
V Log1p(V x) { return (V)ACT_SLEEF(log1p, u10)((Native)x); }
V TanhV(V x) { return (V)ACT_SLEEF(tanh, u10)((Native)x); }
V Erfc(V x) { return (V)ACT_SLEEF(erfc, u15)((Native)x); }
V Abs(V x) { return x < 0 ? -x : x; }
V Splat(float v) { return V{} + v; }

// s(x) and 1 - s(x), both from e^-|x| without cancellation.
struct Logistic {
  V s, one_minus_s;
};
Logistic LogisticOf(V x) {
  const V e = Exp(-Abs(x));
  const V r = 1.0f / (1.0f + e);
  return {x >= 0 ? r : e * r, x >= 0 ? e * r : r};
}

constexpr float kSqrtHalf = 0.70710678118654752f, kInvSqrt2Pi = 0.39894228040143268f;
constexpr float kSqrt2OverPi = 0.79788456080286536f, kGeluCubic = 0.044715f;

// {value(x, p), slope(x, p)} per activation, as lambdas so that the loop inlines them.
[[maybe_unused]] auto For(Identity) {
  return std::pair{[](V x, float) { return x; }, [](V, float) { return Splat(1); }};
}
[[maybe_unused]] auto For(Sigmoid) {
  return std::pair{[](V x, float) { return LogisticOf(x).s; },
          [](V x, float) { const Logistic l = LogisticOf(x); return l.s * l.one_minus_s; }};
}
[[maybe_unused]] auto For(Tanh) {
  return std::pair{[](V x, float) { return TanhV(x); },
          [](V x, float) { const V e = Exp(-2.0f * Abs(x)); return 4.0f * e / ((1.0f + e) * (1.0f + e)); }};
}
[[maybe_unused]] auto For(Relu) {
  return std::pair{[](V x, float) { return x > 0 ? x : Splat(0); }, [](V x, float) { return x > 0 ? Splat(1) : Splat(0); }};
}
[[maybe_unused]] auto For(LeakyRelu) {
  return std::pair{[](V x, float s) { return x > 0 ? x : s * x; }, [](V x, float s) { return x > 0 ? Splat(1) : Splat(s); }};
}
[[maybe_unused]] auto For(Prelu) { return For(LeakyRelu{}); }
[[maybe_unused]] auto For(Elu) {
  return std::pair{[](V x, float a) { return x > 0 ? x : a * Expm1(x); },
          [](V x, float a) { return x > 0 ? Splat(1) : a * Exp(x); }};
}
[[maybe_unused]] auto For(Selu) {
  return std::pair{[](V x, float) { return x > 0 ? float(kSeluLambda) * x : float(kSeluLambda * kSeluAlpha) * Expm1(x); },
          [](V x, float) { return x > 0 ? Splat(float(kSeluLambda)) : float(kSeluLambda * kSeluAlpha) * Exp(x); }};
}
[[maybe_unused]] auto For(Silu) {
  return std::pair{[](V x, float) { return x * LogisticOf(x).s; },
          [](V x, float) { const Logistic l = LogisticOf(x); return l.s * (1.0f + x * l.one_minus_s); }};
}
[[maybe_unused]] auto For(GeluErf) {
  return std::pair{[](V x, float) { return 0.5f * x * Erfc(-kSqrtHalf * x); },
          [](V x, float) { return 0.5f * Erfc(-kSqrtHalf * x) + x * kInvSqrt2Pi * Exp(-0.5f * x * x); }};
}
// 0.5 x (1 + tanh u) = x s(2u), u = sqrt(2/pi) (x + 0.044715 x^3).
[[maybe_unused]] auto For(GeluTanh) {
  return std::pair{[](V x, float) { return x * LogisticOf(2.0f * kSqrt2OverPi * (x + kGeluCubic * x * x * x)).s; },
          [](V x, float) {
            const Logistic l = LogisticOf(2.0f * kSqrt2OverPi * (x + kGeluCubic * x * x * x));
            return l.s + x * l.s * l.one_minus_s * 2.0f * kSqrt2OverPi * (1.0f + 3.0f * kGeluCubic * x * x);
          }};
}
// tanh(log1p(n)) = n(n+2) / (n(n+2) + 2) with n = e^x; x itself beyond 20 (t rounds to 1).
[[maybe_unused]] auto For(Mish) {
  return std::pair{[](V x, float) {
            const V n = Exp(x > 20 ? Splat(20) : x), q = n * (n + 2.0f);
            return x > 20 ? x : x * q / (q + 2.0f);
          },
          [](V x, float) {
            const V n = Exp(x > 20 ? Splat(20) : x), q = n * (n + 2.0f);
            const V t = q / (q + 2.0f), one_minus_t = 2.0f / (q + 2.0f);
            return x > 20 ? Splat(1) : t + x * one_minus_t * (1.0f + t) * LogisticOf(x).s;
          }};
}
[[maybe_unused]] auto For(Softplus) {
  return std::pair{[](V x, float b) {
            const V bx = b * x;
            return ((bx > 0 ? bx : Splat(0)) + Log1p(Exp(-Abs(bx)))) / b;
          },
          [](V x, float b) { return LogisticOf(b * x).s; }};
}

// out[i] = g(x[i], dy[i]) over whole vectors, then the tail through a padded block.
template <class G>
void Apply(const float* x, const float* dy, float* out, size_t n, G g) {
  size_t i = 0;
  V vx{}, vdy{};  // vdy stays zero for forward (dy == nullptr)
  for (; i + kLanes <= n; i += kLanes) {
    std::memcpy(&vx, x + i, sizeof vx);
    if (dy) std::memcpy(&vdy, dy + i, sizeof vdy);
    const V r = g(vx, vdy);
    std::memcpy(out + i, &r, sizeof r);
  }
  if (i == n) return;
  float bx[kLanes] = {}, bdy[kLanes] = {};
  std::copy(x + i, x + n, bx);
  if (dy) std::copy(dy + i, dy + n, bdy);
  std::memcpy(&vx, bx, sizeof vx);
  std::memcpy(&vdy, bdy, sizeof vdy);
  const V r = g(vx, vdy);
  std::memcpy(bx, &r, sizeof r);
  std::copy(bx, bx + (n - i), out + i);
}

class SleefPeer final : public Peer {
 public:
  std::string Name() const override { return kIsaName; }
  std::string Description() const override {
    return "SLEEF " + std::to_string(SLEEF_VERSION_MAJOR) + "." + std::to_string(SLEEF_VERSION_MINOR) +
           " (libsleef-dev), " + std::string(kIsaName + 6) + " u10 functions";
  }
  bool Has(Kind, Op op, double) const override { return op == Op::kForward || op == Op::kBackward; }
  PeerCall Prepare(Kind kind, Op op, double param, const PeerBuffers& b) const override {
    const float p = static_cast<float>(param);
    return VisitTag(kind, [&](auto tag) -> PeerCall {
      const auto [value, slope] = For(tag);
      if (op == Op::kForward) {
        return PeerCall([=] { Apply(b.x.data(), nullptr, b.out.data(), b.x.size(), [&](V x, V) { return value(x, p); }); });
      }
      return PeerCall(
          [=] { Apply(b.x.data(), b.dy.data(), b.out.data(), b.x.size(), [&](V x, V dy) { return dy * slope(x, p); }); });
    });
  }
};

}  // namespace

#if ACT_PEER_ISA_AVX512
std::unique_ptr<Peer> MakeSleefAvx512Peer() { return std::make_unique<SleefPeer>(); }
#else
std::unique_ptr<Peer> MakeSleefAvx2Peer() { return std::make_unique<SleefPeer>(); }
#endif

}  // namespace act::bench
