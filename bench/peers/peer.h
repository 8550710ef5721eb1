// Peers: other libraries' implementations of the activations, benchmarked and verified beside
// ours on the same buffers. Each peer is one file here, compiled when configure found its
// Debian package and ACT_PEERS lists it (bench/CMakeLists.txt); it maps every activation tag
// to its library's calls, one overload per tag, so a new activation without a mapping fails to
// compile. Peers compute float, one thread, forward and backward (dx = dy f'(x)), as their
// libraries offer them; where a library has bfloat16 or float16 kernels, those too (Has16).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "kernels/activations.h"

namespace act::bench {

// The buffers one prepared call reads and writes (the same for every timed call).
struct PeerBuffers {
  std::span<const float> x, dy;  // dy: backward only
  std::span<float> out;
};

// The same for a 16-bit storage type: the buffers hold its bits.
struct PeerBuffers16 {
  std::span<const uint16_t> x, dy;
  std::span<uint16_t> out;
};
enum class Type16 { kBfloat16, kFloat16 };
template <Storage16 S>
inline constexpr Type16 kType16 = std::is_same_v<S, bfloat16> ? Type16::kBfloat16 : Type16::kFloat16;

// A prepared call: the library's own set-up (primitives, tensors, a stored forward output
// where the library's backward takes it) is done when it is made; calling it runs the
// computation once.
using PeerCall = std::function<void()>;

class Peer {
 public:
  virtual ~Peer() = default;
  // Row prefix: onednn, eigen, sleef_avx512, sleef_avx2, pytorch_avx512, ...
  virtual std::string Name() const = 0;
  // One line for the run's context: library, version, threads, SIMD level.
  virtual std::string Description() const = 0;
  // Whether the library computes op of kind with parameter param (forward and backward at most).
  virtual bool Has(Kind kind, Op op, double param) const = 0;
  // The call computing op of kind with parameter param over buffers (where Has).
  virtual PeerCall Prepare(Kind kind, Op op, double param, const PeerBuffers& buffers) const = 0;
  // The same in a 16-bit storage type, for the libraries that have it (none by default).
  virtual bool Has16(Kind, Op, double, Type16) const { return false; }
  virtual PeerCall Prepare16(Kind, Op, double, Type16, const PeerBuffers16&) const { return {}; }
};

// The peers this build has (ACT_PEERS, found at configure time) that can run on this CPU.
const std::vector<std::unique_ptr<Peer>>& Peers();
// One line per peer that ACT_PEERS asked for but this build or CPU lacks, saying why.
std::vector<std::string> MissingPeers();

// Constructors, one per peer file (defined only when that file is compiled).
std::unique_ptr<Peer> MakeOnednnPeer();
std::unique_ptr<Peer> MakeEigenAvx512Peer();
std::unique_ptr<Peer> MakeEigenAvx2Peer();
std::unique_ptr<Peer> MakeSleefAvx512Peer();
std::unique_ptr<Peer> MakeSleefAvx2Peer();
std::unique_ptr<Peer> MakePytorchPeer();

// Dispatches a runtime kind to the peer's per-tag function: fn(Tag{}) for the enabled tag.
template <class Fn>
auto VisitTag(Kind kind, Fn&& fn) -> decltype(fn(Identity{})) {
  switch (kind) {
#define ACT_VISIT_CASE(Type) \
  case Kind::k##Type:        \
    return fn(Type{});
    ACT_FOR_EACH_ENABLED(ACT_VISIT_CASE)
#undef ACT_VISIT_CASE
  }
  return {};
}

}  // namespace act::bench
