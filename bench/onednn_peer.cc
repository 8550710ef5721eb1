#include "bench/onednn_peer.h"

#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

namespace act::bench {

namespace {

using dnnl::algorithm;

OnednnAlgorithm Make(algorithm a, double alpha = 0, double beta = 0) {
  return OnednnAlgorithm{static_cast<int>(a), static_cast<float>(alpha), static_cast<float>(beta)};
}

// oneDNN's eltwise algorithm for each activation, or nullopt where it has none: one overload
// per tag, so a new activation without one fails to compile here.
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Identity, double) { return Make(algorithm::eltwise_linear, 1.0, 0.0); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Sigmoid, double) { return Make(algorithm::eltwise_logistic); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Tanh, double) { return Make(algorithm::eltwise_tanh); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Relu, double) { return Make(algorithm::eltwise_relu, 0.0); }
// alpha: the negative slope.
[[maybe_unused]] std::optional<OnednnAlgorithm> For(LeakyRelu, double slope) { return Make(algorithm::eltwise_relu, slope); }
// A learned slope is a binary op in oneDNN, not an eltwise one.
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Prelu, double) { return std::nullopt; }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Elu, double alpha) { return Make(algorithm::eltwise_elu, alpha); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Selu, double) { return std::nullopt; }  // none in 2.6
// swish is x s(alpha x).
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Silu, double) { return Make(algorithm::eltwise_swish, 1.0); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(GeluErf, double) { return Make(algorithm::eltwise_gelu_erf); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(GeluTanh, double) { return Make(algorithm::eltwise_gelu_tanh); }
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Mish, double) { return Make(algorithm::eltwise_mish); }
// oneDNN 2.6's soft_relu is log(1 + e^x): beta = 1 only.
[[maybe_unused]] std::optional<OnednnAlgorithm> For(Softplus, double beta) {
  if (beta != 1.0) return std::nullopt;
  return Make(algorithm::eltwise_soft_relu);
}

}  // namespace

std::optional<OnednnAlgorithm> OnednnAlgorithmFor(Kind kind, double param) {
  switch (kind) {
#define ACT_ONEDNN_CASE(Type) \
  case Kind::k##Type:         \
    return For(Type{}, param);
    ACT_FOR_EACH_ENABLED(ACT_ONEDNN_CASE)
#undef ACT_ONEDNN_CASE
  }
  return std::nullopt;
}

struct OnednnEltwise::Primitives {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::eltwise_forward forward;
  dnnl::eltwise_backward backward;
  dnnl::memory x, dy, out;
};

OnednnEltwise::OnednnEltwise(const OnednnAlgorithm& a, const float* x, const float* dy, float* out,
                             std::size_t n)
    : primitives_(std::make_unique<Primitives>()) {
  Primitives& p = *primitives_;
  const dnnl::memory::desc desc({static_cast<dnnl::memory::dim>(n)}, dnnl::memory::data_type::f32,
                                dnnl::memory::format_tag::a);
  const auto algorithm = static_cast<dnnl::algorithm>(a.algorithm);
  const dnnl::eltwise_forward::primitive_desc forward_pd(
      dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, algorithm, desc, a.alpha,
                                  a.beta),
      p.engine);
  p.forward = dnnl::eltwise_forward(forward_pd);
  p.backward = dnnl::eltwise_backward(dnnl::eltwise_backward::primitive_desc(
      dnnl::eltwise_backward::desc(algorithm, desc, desc, a.alpha, a.beta), p.engine, forward_pd));
  // oneDNN takes non-const handles; it only reads x and dy.
  p.x = dnnl::memory(desc, p.engine, const_cast<float*>(x));
  p.dy = dnnl::memory(desc, p.engine, const_cast<float*>(dy));
  p.out = dnnl::memory(desc, p.engine, out);
}

OnednnEltwise::~OnednnEltwise() = default;

void OnednnEltwise::Forward() {
  Primitives& p = *primitives_;
  p.forward.execute(p.stream, {{DNNL_ARG_SRC, p.x}, {DNNL_ARG_DST, p.out}});
  p.stream.wait();
}

void OnednnEltwise::Backward() {
  Primitives& p = *primitives_;
  p.backward.execute(p.stream,
                     {{DNNL_ARG_SRC, p.x}, {DNNL_ARG_DIFF_DST, p.dy}, {DNNL_ARG_DIFF_SRC, p.out}});
  p.stream.wait();
}

std::string OnednnSetUp() {
  omp_set_num_threads(1);  // single-threaded, like every row of the benchmark
  const dnnl_version_t* v = dnnl_version();
  return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch) + " (1 thread)";
}

}  // namespace act::bench
