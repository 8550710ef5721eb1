// oneDNN 2.6 (Debian libdnnl-dev): its eltwise primitives, f32, one thread, created once per
// row; the timed call is execute + wait. Backward is eltwise_backward from x (not the
// *_use_dst_for_bwd algorithms), as ours.
#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

#include <unordered_map>
#include <vector>

#include "bench/peers/peer.h"

namespace act::bench {
namespace {

using dnnl::algorithm;

struct Eltwise {
  algorithm kind;
  float alpha = 0, beta = 0;
};

// oneDNN's eltwise algorithm for each activation, or nullopt where it has none.
[[maybe_unused]] std::optional<Eltwise> For(Identity, double) { return Eltwise{algorithm::eltwise_linear, 1, 0}; }
[[maybe_unused]] std::optional<Eltwise> For(Sigmoid, double) { return Eltwise{algorithm::eltwise_logistic}; }
[[maybe_unused]] std::optional<Eltwise> For(Tanh, double) { return Eltwise{algorithm::eltwise_tanh}; }
[[maybe_unused]] std::optional<Eltwise> For(Relu, double) { return Eltwise{algorithm::eltwise_relu, 0}; }
// alpha: the negative slope.
[[maybe_unused]] std::optional<Eltwise> For(LeakyRelu, double slope) { return Eltwise{algorithm::eltwise_relu, float(slope)}; }
// A learned slope is a binary op in oneDNN, not an eltwise one.
[[maybe_unused]] std::optional<Eltwise> For(Prelu, double) { return std::nullopt; }
[[maybe_unused]] std::optional<Eltwise> For(Elu, double alpha) { return Eltwise{algorithm::eltwise_elu, float(alpha)}; }
[[maybe_unused]] std::optional<Eltwise> For(Selu, double) { return std::nullopt; }  // none in 2.6
// swish is x s(alpha x).
[[maybe_unused]] std::optional<Eltwise> For(Silu, double) { return Eltwise{algorithm::eltwise_swish, 1}; }
[[maybe_unused]] std::optional<Eltwise> For(GeluErf, double) { return Eltwise{algorithm::eltwise_gelu_erf}; }
[[maybe_unused]] std::optional<Eltwise> For(GeluTanh, double) { return Eltwise{algorithm::eltwise_gelu_tanh}; }
[[maybe_unused]] std::optional<Eltwise> For(Mish, double) { return Eltwise{algorithm::eltwise_mish}; }
// oneDNN 2.6's soft_relu is log(1 + e^x): beta = 1 only.
[[maybe_unused]] std::optional<Eltwise> For(Softplus, double beta) {
  if (beta != 1.0) return std::nullopt;
  return Eltwise{algorithm::eltwise_soft_relu};
}

// A primitive and its bound memory objects, shared by the prepared call.
struct Bound {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::primitive primitive;
  std::unordered_map<int, dnnl::memory> args;
};

class Onednn final : public Peer {
 public:
  Onednn() { omp_set_num_threads(1); }  // one thread, like every row
  std::string Name() const override { return "onednn"; }
  std::string Description() const override {
    const dnnl_version_t* v = dnnl_version();
    return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
           std::to_string(v->patch) + " (libdnnl-dev), eltwise f32 (and bf16 where the CPU has it), 1 thread";
  }
  bool Has(Kind kind, Op op, double param) const override {
    return (op == Op::kForward || op == Op::kBackward) && Algorithm(kind, param);
  }
  PeerCall Prepare(Kind kind, Op op, double param, const PeerBuffers& b) const override {
    return PrepareTyped(kind, op, param, dnnl::memory::data_type::f32, b.x.data(), b.dy.data(), b.out.data(),
                        b.x.size());
  }
  // oneDNN 2.6 has bf16 eltwise kernels on AVX-512 CPUs; f16 ones need AVX512_FP16. What the
  // library rejects (by throwing when the primitive is created) it does not have.
  bool Has16(Kind kind, Op op, double param, Type16 type) const override {
    if (!Has(kind, op, param)) return false;
    try {
      std::vector<uint16_t> buffer(64);
      PrepareTyped(kind, op, param, DataType(type), buffer.data(), buffer.data(), buffer.data(), buffer.size());
      return true;
    } catch (const dnnl::error&) {
      return false;
    }
  }
  PeerCall Prepare16(Kind kind, Op op, double param, Type16 type, const PeerBuffers16& b) const override {
    return PrepareTyped(kind, op, param, DataType(type), b.x.data(), b.dy.data(), b.out.data(), b.x.size());
  }

 private:
  static dnnl::memory::data_type DataType(Type16 type) {
    return type == Type16::kBfloat16 ? dnnl::memory::data_type::bf16 : dnnl::memory::data_type::f16;
  }
  // The primitive for op over n elements of type data_type at x, dy (backward) and out.
  static PeerCall PrepareTyped(Kind kind, Op op, double param, dnnl::memory::data_type data_type, const void* x,
                               const void* dy, void* out, size_t n) {
    const std::optional<Eltwise> e = Algorithm(kind, param);
    auto p = std::make_shared<Bound>();
    const dnnl::memory::desc desc({static_cast<dnnl::memory::dim>(n)}, data_type, dnnl::memory::format_tag::a);
    const dnnl::eltwise_forward::primitive_desc forward_pd(
        dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, e->kind, desc, e->alpha, e->beta), p->engine);
    // oneDNN takes non-const handles; it only reads x and dy.
    const auto memory = [&](const void* data) { return dnnl::memory(desc, p->engine, const_cast<void*>(data)); };
    if (op == Op::kForward) {
      p->primitive = dnnl::eltwise_forward(forward_pd);
      p->args = {{DNNL_ARG_SRC, memory(x)}, {DNNL_ARG_DST, memory(out)}};
    } else {
      p->primitive = dnnl::eltwise_backward(dnnl::eltwise_backward::primitive_desc(
          dnnl::eltwise_backward::desc(e->kind, desc, desc, e->alpha, e->beta), p->engine, forward_pd));
      p->args = {{DNNL_ARG_SRC, memory(x)}, {DNNL_ARG_DIFF_DST, memory(dy)}, {DNNL_ARG_DIFF_SRC, memory(out)}};
    }
    return [p] {
      p->primitive.execute(p->stream, p->args);
      p->stream.wait();
    };
  }
  static std::optional<Eltwise> Algorithm(Kind kind, double param) {
    return VisitTag(kind, [&](auto tag) { return For(tag, param); });
  }
};

}  // namespace

std::unique_ptr<Peer> MakeOnednnPeer() { return std::make_unique<Onednn>(); }

}  // namespace act::bench
