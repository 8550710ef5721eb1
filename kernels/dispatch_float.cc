// Dynamic dispatch of the float kernels: compiled once per Highway target (foreach_target.h).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/dispatch_float.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/loops-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
void Run_float(Op op, Kind kind, const float* x, const float* dy, float* out, float* out2, size_t n,
            double param) {
  Run<float>(op, kind, x, dy, out, out2, n, param);
}
#if ACT_ENABLED_Prelu
double PreluBackward_float(const float* x, const float* dy, float* dx, size_t n, double slope) {
  return PreluBackwardLoop<float>(x, dy, dx, n, slope);
}
#endif
const char* TargetName_float() { return hwy::TargetName(HWY_TARGET); }
}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace act {
HWY_EXPORT(Run_float);
#if ACT_ENABLED_Prelu
HWY_EXPORT(PreluBackward_float);
#endif
HWY_EXPORT(TargetName_float);

namespace detail {
template <>
void Dispatch<float>(Op op, Kind kind, const float* x, const float* dy, float* out, float* out2, size_t n,
                  double param) {
  HWY_DYNAMIC_DISPATCH(Run_float)(op, kind, x, dy, out, out2, n, param);
}
#if ACT_ENABLED_Prelu
template <>
double DispatchPreluBackward<float>(const float* x, const float* dy, float* dx, size_t n, double slope) {
  return HWY_DYNAMIC_DISPATCH(PreluBackward_float)(x, dy, dx, n, slope);
}
#endif
const char* DispatchedTargetName_float() { return HWY_DYNAMIC_DISPATCH(TargetName_float)(); }
}  // namespace detail
}  // namespace act
#endif  // HWY_ONCE
