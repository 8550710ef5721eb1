// Thread safety of the public API: kernels running on several threads while another thread
// forces, queries and resets its own SIMD target. A forced target must stay with the thread
// that forced it: the workers, which force nothing, must see the dispatcher's target's bits on
// every call.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "verify/test_support.h"

namespace act::verify {
namespace {

#if ACT_HAS_FLOAT
using T = float;
#else
using T = double;
#endif

std::vector<T> Run(Kind kind, const std::vector<T>& x) {
  std::vector<T> y(x.size(), std::numeric_limits<T>::quiet_NaN());
  Forward<T>(kind, x, y);
  return y;
}

bool SameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

TEST_CASE("threads: kernels run while another thread forces and queries targets", "[contract][threads]") {
  const std::vector<std::string> targets = AvailableTargets();
  const std::vector<T> x = FineGrid<T>(-20, 20, 4099);
  // An activation whose bits differ between the best and the last target, so that a target
  // leaking from the forcing thread into a worker shows.
  Kind kind = EnabledKinds().front();
  std::vector<T> best = Run(kind, x), last;
  for (const Kind k : EnabledKinds()) {
    const std::vector<T> b = Run(k, x);
    std::vector<T> l;
    {
      ScopedTarget scoped(targets.back());
      l = Run(k, x);
    }
    if (!SameBits(b, l)) {
      kind = k, best = b, last = l;
      break;
    }
  }
  if (last.empty()) last = best;
  std::printf("threads: %s, best target %s, forced target %s, outputs %s\n", std::string(Name(kind)).c_str(),
              targets.front().c_str(), targets.back().c_str(), SameBits(best, last) ? "identical" : "differ");

  std::atomic<bool> done{false};
  std::atomic<long> worker_calls{0}, worker_wrong{0}, forced_calls{0}, forced_wrong{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) {
    workers.emplace_back([&] {
      while (!done.load()) {
        worker_wrong += !SameBits(Run(kind, x), best);
        worker_wrong += CurrentTarget() != targets.front();
        ++worker_calls;
      }
    });
  }
  std::thread forcing([&] {
    for (int i = 0; i < 300; ++i) {
      ForceTarget(targets.back());
      forced_wrong += CurrentTarget() != targets.back();
      forced_wrong += !SameBits(Run(kind, x), last);
      forced_wrong += AvailableTargets() != targets;  // listing does not undo the forcing
      forced_wrong += CurrentTarget() != targets.back();
      ResetTarget();
      forced_wrong += CurrentTarget() != targets.front();
      ++forced_calls;
    }
    done = true;
  });
  forcing.join();
  for (std::thread& t : workers) t.join();
  std::printf("threads: %ld worker calls with %ld wrong, %ld forcing rounds with %ld wrong\n", worker_calls.load(),
              worker_wrong.load(), forced_calls.load(), forced_wrong.load());
  CHECK(worker_calls > 0);
  CHECK(worker_wrong == 0);
  CHECK(forced_wrong == 0);
}

}  // namespace
}  // namespace act::verify
