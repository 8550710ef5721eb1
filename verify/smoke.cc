#include <cstdio>
#include <vector>
#include "kernels/activations.h"
int main() {
  std::vector<double> x = {-1e308, -40, -10, -1, -1e-300, 0, 1e-300, 0.5, 1, 10, 40};
  std::vector<double> y(x.size()), dy(x.size());
  for (auto t : act::AvailableTargets()) std::printf("%s ", t.c_str());
  std::printf("\ncurrent %s\n", act::CurrentTarget().c_str());
  for (act::Kind k : act::EnabledKinds()) {
    act::ForwardAndDerivative<double>(k, x, y, dy);
    std::printf("%-10s", std::string(act::Name(k)).c_str());
    for (size_t i = 0; i < x.size(); ++i) std::printf(" %.6g/%.6g", y[i], dy[i]);
    std::printf("\n");
  }
}
