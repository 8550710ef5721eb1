#include <algorithm>
#include <string>

#include "bench/peers/peer.h"

namespace act::bench {
namespace {

// The peer files this build compiled (bench/CMakeLists.txt defines ACT_PEER_<NAME> for each
// peer that ACT_PEERS lists and configure found); ACT_PEERS_MISSING lists the others with why.
struct Built {
  std::vector<std::unique_ptr<Peer>> peers;
  std::vector<std::string> missing;
};

bool CpuHasAvx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}
bool CpuHasAvx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

Built Build() {
  Built b;
  const auto add = [&](bool cpu_ok, const char* name, std::unique_ptr<Peer> (*make)()) {
    if (cpu_ok) {
      b.peers.push_back(make());
    } else {
      b.missing.push_back(std::string(name) + ": this CPU lacks the instructions it was compiled for");
    }
  };
#if ACT_PEER_ONEDNN
  add(true, "onednn", MakeOnednnPeer);
#endif
#if ACT_PEER_EIGEN
  add(CpuHasAvx512(), "eigen_avx512", MakeEigenAvx512Peer);
  add(CpuHasAvx2(), "eigen_avx2", MakeEigenAvx2Peer);
#endif
#if ACT_PEER_SLEEF
  add(CpuHasAvx512(), "sleef_avx512", MakeSleefAvx512Peer);
  add(CpuHasAvx2(), "sleef_avx2", MakeSleefAvx2Peer);
#endif
#if ACT_PEER_PYTORCH
  add(true, "pytorch", MakePytorchPeer);
#endif
  const std::string missing = ACT_PEERS_MISSING;  // "name: why|name: why"
  for (size_t start = 0; start < missing.size();) {
    const size_t end = std::min(missing.find('|', start), missing.size());
    b.missing.push_back(missing.substr(start, end - start));
    start = end + 1;
  }
  return b;
}

const Built& TheBuilt() {
  static const Built built = Build();
  return built;
}

}  // namespace

const std::vector<std::unique_ptr<Peer>>& Peers() { return TheBuilt().peers; }
std::vector<std::string> MissingPeers() { return TheBuilt().missing; }

}  // namespace act::bench
