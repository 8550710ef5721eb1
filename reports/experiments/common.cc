#include "reports/experiments/common.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string_view>
#include <thread>

namespace act::reports {
namespace {

using support::ParseInteger;
using support::SplitList;

}  // namespace

Options ParseOptions(int argc, char** argv, int first) {
  Options o;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
      throw UsageError("unexpected argument '" + arg + "' (options look like --name=value)");
    }
    const std::string flag = arg.substr(0, eq), value = arg.substr(eq + 1);
    if (flag == "--activations") {
      for (const std::string& name : SplitList(value)) {
        const auto kind = KindFromName(name);
        if (!kind) throw UsageError("--activations: unknown activation '" + name + "' (configured: " + EnabledNames() + ")");
        o.activations.push_back(*kind);
      }
      if (o.activations.empty()) throw UsageError("--activations: empty list");
    } else if (flag == "--seeds") {
      // "0-19" or "1,2,3"
      const size_t dash = value.find('-');
      if (dash != std::string::npos) {
        const long long lo = ParseInteger(flag, value.substr(0, dash), 0, 1LL << 62);
        const long long hi = ParseInteger(flag, value.substr(dash + 1), lo, lo + 100000);
        for (long long s = lo; s <= hi; ++s) o.seeds.push_back(static_cast<std::uint64_t>(s));
      } else {
        for (const std::string& s : SplitList(value)) o.seeds.push_back(static_cast<std::uint64_t>(ParseInteger(flag, s, 0, 1LL << 62)));
      }
      if (o.seeds.empty()) throw UsageError("--seeds: empty list");
    } else if (flag == "--epochs") {
      o.epochs = static_cast<int>(ParseInteger(flag, value, 1, 1000000));
    } else if (flag == "--lr") {
      o.lr = support::ParsePositive(flag, value);
    } else if (flag == "--depths") {
      for (const std::string& d : SplitList(value)) o.depths.push_back(static_cast<std::size_t>(ParseInteger(flag, d, 1, 1000)));
      if (o.depths.empty()) throw UsageError("--depths: empty list");
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(ParseInteger(flag, value, 1, 256));
    } else if (flag == "--stride") {
      o.stride = static_cast<int>(ParseInteger(flag, value, 1, 1000000));
    } else if (flag == "--out") {
      if (value.empty()) throw UsageError("--out: empty directory name");
      o.out = value;
    } else {
      throw UsageError("unknown option '" + flag + "'");
    }
  }
  return o;
}

namespace {

// Which of the experiments' lists each enabled activation is on (registry.h).
struct Membership {
  Kind kind;
  bool seed_experiments, published_table;
};
constexpr Membership kMemberships[] = {
#define ACT_MEMBERSHIP(Type) {Kind::k##Type, Type::kInSeedExperiments, Type::kInPublishedTable},
    ACT_FOR_EACH_ENABLED(ACT_MEMBERSHIP)
#undef ACT_MEMBERSHIP
};

std::vector<Kind> KindsOn(bool Membership::*list) {
  std::vector<Kind> kinds;
  for (const Membership& m : kMemberships) {
    if (m.*list) kinds.push_back(m.kind);
  }
  return kinds;
}

}  // namespace

std::vector<Kind> SeedExperimentKinds() { return KindsOn(&Membership::seed_experiments); }
std::vector<Kind> PublishedTableKinds() { return KindsOn(&Membership::published_table); }

std::vector<std::size_t> Widths(std::size_t inputs, std::size_t width, std::size_t depth) {
  std::vector<std::size_t> widths{inputs};
  widths.insert(widths.end(), depth, width);
  widths.push_back(1);
  return widths;
}

std::vector<Real> Linspace(double lo, double hi, std::size_t n) {
  std::vector<Real> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = static_cast<Real>(n == 1 ? lo : lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1));
  }
  return v;
}

void ParallelFor(std::size_t n, int threads, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads && static_cast<std::size_t>(t) < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

Spread SpreadOf(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t m = values.size() / 2;
  const double median = values.size() % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
  return {median, values.front(), values.back()};
}

}  // namespace act::reports
