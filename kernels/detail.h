// Internal interface between the public API (activations.cc) and the per-target dispatch
// units (dispatch_<type>.cc, generated from dispatch.cc.in). Not installed, not for users.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hwy/base.h"
#include "hwy/targets.h"
#include "kernels/activations.h"

namespace act {

namespace detail {
// `target` is one HWY_* bit, the code compiled for that target, or 0: the one Highway's
// dispatcher picks for this CPU.
// out = f(x) / f'(x) / dy f'(x); out2 = f'(x) for the fused op. Arguments already validated.
template <typename T>
void Dispatch(int64_t target, Op op, Kind kind, const T* x, const T* dy, T* out, T* out2,
              std::size_t n, double param);
// dx = dy f'(f^-1(y)) (BackwardFromOutput), arguments already validated.
template <typename T>
void DispatchFromOutput(int64_t target, Kind kind, const T* y, const T* dy, T* dx, std::size_t n,
                        double param);
template <typename T>
double DispatchPreluBackward(int64_t target, const T* x, const T* dy, T* dx, std::size_t n,
                             double slope);
// The function of a dispatch table compiled for `target` (a single HWY_* bit), or the one the
// dispatcher picks for target 0. The table holds one entry per target in the order of
// Highway's ChosenTarget mask (hwy/targets.h), the fallback (SCALAR or EMU128) last; reading
// it writes nothing, so any thread may pick any target.
template <class Function, std::size_t kEntries>
Function Pick(Function const (&table)[kEntries], Function dispatched, int64_t target) {
  if (target == 0 || kEntries == 1) return dispatched;
  const int64_t bit = HWY_CHOSEN_TARGET_SHIFT(target);
  const std::size_t index =
      bit != 0 ? hwy::Num0BitsBelowLS1Bit_Nonzero64(static_cast<uint64_t>(bit)) : kEntries - 1;
  return table[index] != nullptr ? table[index] : dispatched;
}

// hwy::TargetName of that target's code (one per compiled element type).
const char* TargetName_float(int64_t target);
const char* TargetName_double(int64_t target);
const char* TargetName_bfloat16(int64_t target);
const char* TargetName_float16(int64_t target);
}  // namespace detail
}  // namespace act
