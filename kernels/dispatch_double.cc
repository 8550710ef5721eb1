// Dynamic dispatch of the double kernels: compiled once per Highway target (foreach_target.h).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/dispatch_double.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/loops-inl.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
void Run_double(Op op, Kind kind, const double* x, const double* dy, double* out, double* out2, size_t n,
            double param) {
  Run<double>(op, kind, x, dy, out, out2, n, param);
}
#if ACT_ENABLED_Prelu
double PreluBackward_double(const double* x, const double* dy, double* dx, size_t n, double slope) {
  return PreluBackwardLoop<double>(x, dy, dx, n, slope);
}
#endif
const char* TargetName_double() { return hwy::TargetName(HWY_TARGET); }
}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace act {
HWY_EXPORT(Run_double);
#if ACT_ENABLED_Prelu
HWY_EXPORT(PreluBackward_double);
#endif
HWY_EXPORT(TargetName_double);

namespace detail {
template <>
void Dispatch<double>(Op op, Kind kind, const double* x, const double* dy, double* out, double* out2, size_t n,
                  double param) {
  HWY_DYNAMIC_DISPATCH(Run_double)(op, kind, x, dy, out, out2, n, param);
}
#if ACT_ENABLED_Prelu
template <>
double DispatchPreluBackward<double>(const double* x, const double* dy, double* dx, size_t n, double slope) {
  return HWY_DYNAMIC_DISPATCH(PreluBackward_double)(x, dy, dx, n, slope);
}
#endif
const char* DispatchedTargetName_double() { return HWY_DYNAMIC_DISPATCH(TargetName_double)(); }
}  // namespace detail
}  // namespace act
#endif  // HWY_ONCE
