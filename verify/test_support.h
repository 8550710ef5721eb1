// Helpers shared by the Catch2 tests: run a body once per SIMD target, print measurements.
#pragma once

#include <cstdio>
#include <string>

#include "kernels/activations.h"
#include "verify/sweep.h"

namespace act::verify {

// Runs body(target_name) with dispatch forced to each available target in turn.
template <class Body>
void ForEachTarget(Body&& body) {
  for (const std::string& target : AvailableTargets()) {
    ForceTarget(target);
    body(target);
  }
  ResetTarget();
}

// One line per output, always printed: what was measured, where, against which bound.
template <class Tag, typename T>
void ReportStats(const char* what, const char* target, const SweepStats& st) {
  std::printf("%-10s %-6s %-7s %-12s value: max %.3f ULP at %s (bound %.1f, >1 ULP: %lld of %lld)\n",
              std::string(Tag::kName).c_str(), TypeName<T>(), target, what, st.value.max_ulp,
              Hex(st.value.arg_max_ulp).c_str(), MaxUlpValue<Tag, T>(), st.value.above_one_ulp,
              st.value.count);
  std::printf("%-10s %-6s %-7s %-12s slope: max %.3f ULP at %s (bound %.1f, >1 ULP: %lld)",
              std::string(Tag::kName).c_str(), TypeName<T>(), target, what, st.slope.max_ulp,
              Hex(st.slope.arg_max_ulp).c_str(), MaxUlpSlope<Tag, T>(), st.slope.above_one_ulp);
  if (st.slope.max_root_abs >= 0) {
    std::printf("; near root of f' [%g, %g]: max abs %.3g at %s (bound %.3g)",
                Tag::kDerivativeRoot.lo, Tag::kDerivativeRoot.hi, st.slope.max_root_abs,
                Hex(st.slope.arg_max_root_abs).c_str(), kRootAbsBound<T>);
  }
  std::printf("\n");
}

}  // namespace act::verify
