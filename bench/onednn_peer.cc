#include "bench/onednn_peer.h"

#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

namespace act::bench {

std::optional<OnednnAlgorithm> OnednnAlgorithmFor(Kind kind, double param) {
  using dnnl::algorithm;
  const auto make = [](algorithm a, double alpha = 0, double beta = 0) {
    return OnednnAlgorithm{static_cast<int>(a), static_cast<float>(alpha), static_cast<float>(beta)};
  };
  switch (kind) {
#define ACT_ONEDNN(Type, ...) \
  case Kind::k##Type: return make(__VA_ARGS__);
#if ACT_ENABLED_Identity
    ACT_ONEDNN(Identity, algorithm::eltwise_linear, 1.0, 0.0)
#endif
#if ACT_ENABLED_Sigmoid
    ACT_ONEDNN(Sigmoid, algorithm::eltwise_logistic)
#endif
#if ACT_ENABLED_Tanh
    ACT_ONEDNN(Tanh, algorithm::eltwise_tanh)
#endif
#if ACT_ENABLED_Relu
    ACT_ONEDNN(Relu, algorithm::eltwise_relu, 0.0)
#endif
#if ACT_ENABLED_LeakyRelu
    ACT_ONEDNN(LeakyRelu, algorithm::eltwise_relu, param)  // alpha: the negative slope
#endif
#if ACT_ENABLED_Elu
    ACT_ONEDNN(Elu, algorithm::eltwise_elu, param)
#endif
#if ACT_ENABLED_Silu
    ACT_ONEDNN(Silu, algorithm::eltwise_swish, 1.0)  // x s(alpha x)
#endif
#if ACT_ENABLED_GeluErf
    ACT_ONEDNN(GeluErf, algorithm::eltwise_gelu_erf)
#endif
#if ACT_ENABLED_GeluTanh
    ACT_ONEDNN(GeluTanh, algorithm::eltwise_gelu_tanh)
#endif
#if ACT_ENABLED_Mish
    ACT_ONEDNN(Mish, algorithm::eltwise_mish)
#endif
#if ACT_ENABLED_Softplus
    // oneDNN 2.6's soft_relu is log(1 + e^x): beta = 1 only.
    case Kind::kSoftplus:
      if (param != 1.0) return std::nullopt;
      return make(algorithm::eltwise_soft_relu);
#endif
#undef ACT_ONEDNN
    default: return std::nullopt;
  }
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
