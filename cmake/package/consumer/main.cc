// The consumer of an installed hwy-activations: runs the last configured activation on every
// available target and checks what any activation guarantees (NaN propagates, the fused pass
// equals the separate ones). Exit 0 when all holds.
#include <cmath>
#include <cstdio>
#include <span>
#include <vector>

#include "kernels/activations.h"

template <typename T>
bool Check(act::Kind kind) {
  const std::vector<T> x = {T(-3), T(-0.5), T(0), T(0.25), T(2), T(NAN)};
  std::vector<T> y(x.size(), T(NAN)), dydx(x.size(), T(NAN)), y2(x.size(), T(NAN)), d2(x.size(), T(NAN));
  bool ok = true;
  for (const std::string& target : act::AvailableTargets()) {
    act::ScopedTarget scoped(target);
    act::Forward<T>(kind, x, y);
    act::Derivative<T>(kind, x, dydx);
    act::ForwardAndDerivative<T>(kind, x, y2, d2);
    for (size_t i = 0; i < x.size(); ++i) {
      const bool nan_in = std::isnan(x[i]);
      ok &= nan_in ? std::isnan(y[i]) && std::isnan(dydx[i]) : y[i] == y2[i] && dydx[i] == d2[i];
    }
    std::printf("%s %s: f(2) = %g, f'(2) = %g\n", std::string(act::Name(kind)).c_str(), target.c_str(),
                double(y[4]), double(dydx[4]));
  }
  return ok;
}

int main() {
  const act::Kind kind = act::EnabledKinds().back();  // softplus in a full build
  bool ok = true;
#if ACT_HAS_FLOAT
  ok &= Check<float>(kind);
#endif
#if ACT_HAS_DOUBLE
  ok &= Check<double>(kind);
#endif
  std::printf("consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
