// Internal interface between the public API (activations.cc) and the per-target dispatch
// units (dispatch_float.cc, dispatch_double.cc). Not installed, not for users.
#pragma once

#include <cstddef>

#include "kernels/activations.h"

namespace act {

namespace detail {
// out = f(x) / f'(x) / dy f'(x); out2 = f'(x) for the fused op. Arguments already validated.
template <typename T>
void Dispatch(Op op, Kind kind, const T* x, const T* dy, T* out, T* out2, std::size_t n,
              double param);
template <typename T>
double DispatchPreluBackward(const T* x, const T* dy, T* dx, std::size_t n, double slope);
// hwy::TargetName of the target the dispatcher picks now (one per compiled element type).
const char* DispatchedTargetName_float();
const char* DispatchedTargetName_double();
}  // namespace detail
}  // namespace act
