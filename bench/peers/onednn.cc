// oneDNN 2.6 (Debian libdnnl-dev): its eltwise primitives, f32, one thread, created once per
// row; the timed call is execute + wait. Backward is eltwise_backward from x (not the
// *_use_dst_for_bwd algorithms), as ours.
#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

#include <unordered_map>

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
           std::to_string(v->patch) + " (libdnnl-dev), eltwise f32, 1 thread";
  }
  bool Has(Kind kind, Op op, double param) const override {
    return (op == Op::kForward || op == Op::kBackward) && Algorithm(kind, param);
  }
  PeerCall Prepare(Kind kind, Op op, double param, const PeerBuffers& b) const override {
    const std::optional<Eltwise> e = Algorithm(kind, param);
    auto p = std::make_shared<Bound>();
    const dnnl::memory::desc desc({static_cast<dnnl::memory::dim>(b.x.size())}, dnnl::memory::data_type::f32,
                                  dnnl::memory::format_tag::a);
    const dnnl::eltwise_forward::primitive_desc forward_pd(
        dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, e->kind, desc, e->alpha, e->beta), p->engine);
    // oneDNN takes non-const handles; it only reads x and dy.
    const auto memory = [&](const float* data) { return dnnl::memory(desc, p->engine, const_cast<float*>(data)); };
    if (op == Op::kForward) {
      p->primitive = dnnl::eltwise_forward(forward_pd);
      p->args = {{DNNL_ARG_SRC, memory(b.x.data())}, {DNNL_ARG_DST, memory(b.out.data())}};
    } else {
      p->primitive = dnnl::eltwise_backward(dnnl::eltwise_backward::primitive_desc(
          dnnl::eltwise_backward::desc(e->kind, desc, desc, e->alpha, e->beta), p->engine, forward_pd));
      p->args = {{DNNL_ARG_SRC, memory(b.x.data())},
                 {DNNL_ARG_DIFF_DST, memory(b.dy.data())},
                 {DNNL_ARG_DIFF_SRC, memory(b.out.data())}};
    }
    return [p] {
      p->primitive.execute(p->stream, p->args);
      p->stream.wait();
    };
  }

 private:
  static std::optional<Eltwise> Algorithm(Kind kind, double param) {
    return VisitTag(kind, [&](auto tag) { return For(tag, param); });
  }
};

}  // namespace

std::unique_ptr<Peer> MakeOnednnPeer() { return std::make_unique<Onednn>(); }

}  // namespace act::bench
