// oneDNN (Debian libdnnl-dev 2.6) as a peer: its eltwise primitives, f32, one thread, created
// once and executed in the timed loop. Compiled only when configure found oneDNN
// (ACT_HAVE_ONEDNN); the benchmark registers no onednn/ rows otherwise.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "kernels/activations.h"

namespace act::bench {

// The parameters oneDNN needs to compute activation `kind` with parameter `param`, or nullopt
// where oneDNN has no equivalent (prelu and selu have no eltwise algorithm).
struct OnednnAlgorithm {
  int algorithm;  // dnnl::algorithm
  float alpha, beta;
};
std::optional<OnednnAlgorithm> OnednnAlgorithmFor(Kind kind, double param);

// One activation's forward and backward primitives, bound to fixed buffers of n floats (memory
// objects are made once, so the timed calls are just execute + wait).
class OnednnEltwise {
 public:
  OnednnEltwise(const OnednnAlgorithm& algorithm, const float* x, const float* dy, float* out,
                std::size_t n);
  ~OnednnEltwise();
  void Forward();   // out = f(x)
  void Backward();  // out = dy f'(x)

 private:
  struct Primitives;
  std::unique_ptr<Primitives> primitives_;
};

// "oneDNN 2.6.3 (OpenMP, 1 thread)"; also limits oneDNN to one thread.
std::string OnednnSetUp();

}  // namespace act::bench
