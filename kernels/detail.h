// Internal interface between the public API (activations.cc) and the per-target dispatch
// units (dispatch_<type>.cc, generated from dispatch.cc.in). Not installed, not for users.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/activations.h"

namespace act {

namespace detail {
// `target` is one HWY_* bit, the code compiled for that target, or 0: the one Highway's
// dispatcher picks for this CPU.
// out = f(x) / f'(x) / dy f'(x); out2 = f'(x) for the fused op. Arguments already validated.
template <typename T>
void Dispatch(int64_t target, Op op, Kind kind, const T* x, const T* dy, T* out, T* out2,
              std::size_t n, double param);
template <typename T>
double DispatchPreluBackward(int64_t target, const T* x, const T* dy, T* dx, std::size_t n,
                             double slope);
// hwy::TargetName of that target's code (one per compiled element type).
const char* TargetName_float(int64_t target);
const char* TargetName_double(int64_t target);
}  // namespace detail
}  // namespace act
