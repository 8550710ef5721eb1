// The accuracy sweep shared by the ctest suite and the exhaustive ulp_sweep tool: evaluate an
// activation's value and derivative through the public API on a set of inputs and compare each
// with the high-precision reference.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "kernels/activations.h"
#include "verify/reference.h"
#include "verify/support/ulp.h"

namespace act::verify {

using support::FloatUlpError;
using support::kRootAbsBound;
using support::UlpError;

// Max error of one output (value or derivative) over a sweep.
struct ErrorStats {
  double max_ulp = -1;           // outside the root interval; -1 until something is measured
  double arg_max_ulp = NAN;      // its x
  double max_root_abs = -1;      // absolute error inside the root interval (derivatives only)
  double arg_max_root_abs = NAN;
  long long above_one_ulp = 0;   // results off by more than 1 ULP
  long long count = 0;
  long long saturated = 0;       // results exactly 0 or +-1 (for the vacuous-pass guard)

  // Ties go to the smaller x, so a multi-threaded sweep names the same x on every run.
  void Merge(const ErrorStats& o) {
    if (o.max_ulp > max_ulp || (o.max_ulp == max_ulp && o.arg_max_ulp < arg_max_ulp)) {
      max_ulp = o.max_ulp, arg_max_ulp = o.arg_max_ulp;
    }
    if (o.max_root_abs > max_root_abs ||
        (o.max_root_abs == max_root_abs && o.arg_max_root_abs < arg_max_root_abs)) {
      max_root_abs = o.max_root_abs, arg_max_root_abs = o.arg_max_root_abs;
    }
    above_one_ulp += o.above_one_ulp;
    count += o.count;
    saturated += o.saturated;
  }
  double SaturatedFraction() const { return count ? static_cast<double>(saturated) / count : 1.0; }
};

struct SweepStats {
  ErrorStats value, slope;
  void Merge(const SweepStats& o) { value.Merge(o.value), slope.Merge(o.slope); }
};

// Adds one measured error: in ULP, or absolute inside the root interval of f'.
template <typename T>
void Note(ErrorStats& s, T x, T y, double error, bool in_root_interval) {
  ++s.count;
  if (y == 0 || y == 1 || y == -1) ++s.saturated;
  // Ties go to the smaller x, as in Merge.
  if (in_root_interval) {
    if (error > s.max_root_abs || (error == s.max_root_abs && x < s.arg_max_root_abs)) {
      s.max_root_abs = error, s.arg_max_root_abs = x;
    }
    return;
  }
  if (error > 1) ++s.above_one_ulp;
  if (error > s.max_ulp || (error == s.max_ulp && x < s.arg_max_ulp)) s.max_ulp = error, s.arg_max_ulp = x;
}

template <typename T>
double AbsError(T y, long double exact) {
  return std::isnan(y) ? INFINITY : static_cast<double>(std::fabs(y - exact));
}

template <typename T>
void Record(ErrorStats& s, T x, T y, long double exact, bool in_root_interval) {
  Note(s, x, y, in_root_interval ? AbsError(y, exact) : UlpError<T>(y, exact), in_root_interval);
}

// What Backward returns for dy and the rounded slope: dy * f'(x) rounded, except identity's,
// which is dy itself (a copy that does not read x).
template <class Tag, typename T>
T ExpectedBackward(T dy, T slope) {
  if constexpr (std::is_same_v<Tag, Identity>) {
    return dy;
  } else {
    return static_cast<T>(dy * slope);
  }
}

// References for xs, computed once and reused for every SIMD target.
template <class Tag, typename T>
std::vector<Exact<long double>> References(std::span<const T> xs, T param) {
  std::vector<Exact<long double>> refs(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) refs[i] = ReferenceFor<Tag, T>(xs[i], param);
  return refs;
}

// f and f' of Tag on xs with the current target, through the fused call. The outputs are
// NaN-filled first, so an unwritten lane cannot pass.
template <typename T>
struct KernelOutputs {
  std::vector<T> y, dydx;
};
template <class Tag, typename T>
KernelOutputs<T> RunKernel(std::span<const T> xs, T param) {
  constexpr T kNaN = std::numeric_limits<T>::quiet_NaN();
  KernelOutputs<T> out{std::vector<T>(xs.size(), kNaN), std::vector<T>(xs.size(), kNaN)};
  ForwardAndDerivative<T>(KindOf<Tag>::value, xs, out.y, out.dydx, ParamArgument<Tag>(param));
  return out;
}

// Evaluates the kernel on xs with the current target and compares with refs (exact values:
// the reference, or golden values read from a file).
template <class Tag, typename T>
SweepStats Compare(std::span<const T> xs, std::span<const Exact<long double>> refs, T param) {
  const KernelOutputs<T> out = RunKernel<Tag, T>(xs, param);
  SweepStats stats;
  for (size_t i = 0; i < xs.size(); ++i) {
    Record<T>(stats.value, xs[i], out.y[i], refs[i].value, false);
    Record<T>(stats.slope, xs[i], out.dydx[i], refs[i].slope, Tag::kDerivativeRoot.Contains(xs[i]));
  }
  return stats;
}

// Float kernels, measured against a reference evaluated first in double (fast enough for all
// 2^32 inputs, and within 1e-6 float ULP of exact away from the spots below) and again in long
// double wherever the double reference puts the error above kConfirmAboveUlp (or above half
// the absolute bound next to a root of f'). So every error that matters is measured against
// the long-double reference, and the ctest sweeps and verify/ulp_sweep share this one path.
inline constexpr double kConfirmAboveUlp = 0.75;

// The same for outputs computed elsewhere (bench/peer_accuracy measures other libraries).
template <class Tag>
void MeasureFloatOutputs(std::span<const float> xs, std::span<const float> y, std::span<const float> dydx,
                         float param, SweepStats& stats) {
  for (size_t i = 0; i < xs.size(); ++i) {
    const float x = xs[i];
    const bool at_root = Tag::kDerivativeRoot.Contains(x);
    const Exact<double> fast = Reference(Tag{}, static_cast<double>(x), static_cast<double>(param));
    const double value_error = FloatUlpError(y[i], fast.value);
    const double slope_error =
        at_root ? AbsError(dydx[i], fast.slope) : FloatUlpError(dydx[i], fast.slope);
    if (value_error > kConfirmAboveUlp ||
        !(slope_error <= (at_root ? kRootAbsBound<float> / 2 : kConfirmAboveUlp))) {
      const Exact<long double> exact = ReferenceFor<Tag, float>(x, param);
      Record<float>(stats.value, x, y[i], exact.value, false);
      Record<float>(stats.slope, x, dydx[i], exact.slope, at_root);
    } else {
      Note<float>(stats.value, x, y[i], value_error, false);
      Note<float>(stats.slope, x, dydx[i], slope_error, at_root);
    }
  }
}

template <class Tag>
void MeasureFloat(std::span<const float> xs, float param, SweepStats& stats) {
  const KernelOutputs<float> out = RunKernel<Tag, float>(xs, param);
  MeasureFloatOutputs<Tag>(xs, out.y, out.dydx, param, stats);
}

// Every `stride`-th finite float bit pattern in [begin, end) (both signs are separate patterns).
inline std::vector<float> FloatPatterns(uint64_t begin, uint64_t end, uint64_t stride) {
  std::vector<float> xs;
  xs.reserve((end - begin) / stride + 1);
  for (uint64_t bits = begin; bits < end; bits += stride) {
    const uint32_t b = static_cast<uint32_t>(bits);
    float x;
    std::memcpy(&x, &b, sizeof x);
    if (std::isfinite(x)) xs.push_back(x);
  }
  return xs;
}

// n finite doubles at bit patterns i * stride (mod 2^64): every exponent, both signs.
inline std::vector<double> DoublePatterns(uint64_t n, uint64_t stride) {
  std::vector<double> xs;
  xs.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t bits = i * stride;
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (std::isfinite(x)) xs.push_back(x);
  }
  return xs;
}

// n points covering [lo, hi], with an irrational step so that lanes see unrelated values.
template <typename T>
std::vector<T> FineGrid(double lo, double hi, size_t n) {
  std::vector<T> xs(n);
  for (size_t i = 0; i < n; ++i) {
    const double u = (static_cast<double>(i) + std::fmod(i * 0.6180339887498949, 1.0)) / n;
    xs[i] = static_cast<T>(lo + (hi - lo) * u);
  }
  return xs;
}

inline std::string Hex(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", x);
  return buf;
}

}  // namespace act::verify
