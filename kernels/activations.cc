// Public API: argument validation, names, and the SIMD target controls. The arithmetic is in
// the per-target units (dispatch_<type>.cc); this file only checks and forwards.
#include "kernels/activations.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "hwy/targets.h"
#include "kernels/detail.h"

namespace act {
namespace {

// The target ForceTarget chose for this thread (one HWY_* bit), 0 for the dispatcher's choice.
thread_local int64_t t_forced_target = 0;
int64_t ForcedTarget() { return t_forced_target; }

struct Entry {
  Kind kind;
  std::string_view name, display_name;
  ParamSpec param;
};

constexpr std::array kEntries = {
#define ACT_ENTRY(Type) Entry{Kind::k##Type, Type::kName, Type::kDisplayName, Type::kParam},
    ACT_FOR_EACH_ENABLED(ACT_ENTRY)
#undef ACT_ENTRY
};

constexpr std::array kKinds = {
#define ACT_KIND(Type) Kind::k##Type,
    ACT_FOR_EACH_ENABLED(ACT_KIND)
#undef ACT_KIND
};

const Entry& EntryOf(Kind kind) { return kEntries[static_cast<size_t>(kind)]; }

[[noreturn]] void Fail(Kind kind, const std::string& what) {
  throw std::invalid_argument("act::" + std::string(Name(kind)) + ": " + what);
}

// p rounded to T, in the type the kernel computes in (float for the 16-bit types).
template <typename T>
auto RoundParam(double p) {
  if constexpr (Storage16<T>) {
    return ToFloat(FromDouble<T>(p));
  } else {
    return static_cast<T>(p);
  }
}

// The parameter to use (default if absent), or an invalid_argument saying why not. It is
// checked as the kernel will use it: rounded to T (registry.h). The float and double kernels
// round it themselves; for a 16-bit type the float kernel gets it already rounded to T.
template <typename T>
double ResolveParam(Kind kind, std::optional<double> param) {
  const ParamSpec& spec = EntryOf(kind).param;
  if (!param) return Storage16<T> ? double(RoundParam<T>(spec.default_value)) : spec.default_value;
  if (!spec.Exists()) Fail(kind, "takes no parameter");
  const double p = *param;
  const auto rounded = RoundParam<T>(p);
  // The message is built only on failure: a stream per call costs as much as a short array.
  const auto fail = [&](const char* why) {
    std::ostringstream message;
    message << spec.name << " = " << p << why;
    if (static_cast<double>(rounded) != p && !std::isnan(p)) message << " (" << rounded << " as " << TypeName<T>() << ")";
    Fail(kind, message.str());
  };
  if (!std::isfinite(rounded)) fail(" is not finite");
  if (!(rounded >= spec.lo && rounded <= spec.hi)) {
    std::ostringstream range;
    range << " is outside its valid range [" << spec.lo << ", " << spec.hi << "]";
    fail(range.str().c_str());
  }
  return Storage16<T> ? double(rounded) : p;
}

void CheckLength(Kind kind, const char* what, size_t expected, size_t actual) {
  if (expected != actual) {
    Fail(kind, std::string(what) + " has " + std::to_string(actual) + " elements, x has " +
                   std::to_string(expected));
  }
}

template <typename T>
void Run(Op op, Kind kind, const T* x, const T* dy, T* out, T* out2, size_t n, double param) {
  detail::Dispatch<T>(ForcedTarget(), op, kind, x, dy, out, out2, n, param);
}

// identity's forward and backward (from x or from y) are copies: y = x, and dx = dy since
// f' = 1, moving only the bytes the result needs and keeping every bit (NaN payloads included).
// Up to 1 MiB, memmove: in L2, glibc's copy beats a loop of vector loads and stores (identity
// forward at 16Ki on an AMD EPYC: 24-27 Gelem/s against 19-20). Past it, identity's forward
// loop, as the peers' vector loops: memmove fell to 0.81-0.87x theirs at 16Mi, and the two
// were level at 256Ki floats (1 MiB). False for any other activation.
constexpr size_t kMemmoveMaxBytes = size_t{1} << 20;
template <typename T>
bool IdentityCopy(Kind kind, std::span<const T> from, std::span<T> to) {
#if ACT_ENABLED_Identity
  if (kind == Kind::kIdentity) {
    // Not for empty spans: their data() may be null, which memmove must not get even for 0 bytes.
    if (from.empty() || to.data() == from.data()) return true;
    if (from.size_bytes() <= kMemmoveMaxBytes) {
      std::memmove(to.data(), from.data(), from.size_bytes());
    } else {
      Run<T>(Op::kForward, kind, from.data(), nullptr, to.data(), nullptr, from.size(), 0.0);
    }
    return true;
  }
#endif
  (void)kind, (void)from, (void)to;
  return false;
}

}  // namespace

std::span<const Kind> EnabledKinds() { return kKinds; }
std::string_view Name(Kind kind) { return EntryOf(kind).name; }
std::string_view DisplayName(Kind kind) { return EntryOf(kind).display_name; }
const ParamSpec& Parameter(Kind kind) { return EntryOf(kind).param; }

std::optional<Kind> KindFromName(std::string_view name) {
  for (const Entry& e : kEntries) {
    if (e.name == name) return e.kind;
  }
  return std::nullopt;
}

std::string EnabledNames() {
  std::string names;
  for (const Entry& e : kEntries) names += (names.empty() ? "" : ", ") + std::string(e.name);
  return names;
}

template <typename T>
void Forward(Kind kind, std::span<const T> x, std::span<T> y, std::optional<double> param) {
  const double p = ResolveParam<T>(kind, param);
  CheckLength(kind, "y", x.size(), y.size());
  if (IdentityCopy(kind, x, y)) return;
  Run<T>(Op::kForward, kind, x.data(), nullptr, y.data(), nullptr, x.size(), p);
}

template <typename T>
void Derivative(Kind kind, std::span<const T> x, std::span<T> dydx, std::optional<double> param) {
  const double p = ResolveParam<T>(kind, param);
  CheckLength(kind, "dydx", x.size(), dydx.size());
  Run<T>(Op::kDerivative, kind, x.data(), nullptr, dydx.data(), nullptr, x.size(), p);
}

template <typename T>
void Backward(Kind kind, std::span<const T> x, std::span<const T> dy, std::span<T> dx,
              std::optional<double> param) {
  const double p = ResolveParam<T>(kind, param);
  CheckLength(kind, "dy", x.size(), dy.size());
  CheckLength(kind, "dx", x.size(), dx.size());
  if (IdentityCopy(kind, dy, dx)) return;
  Run<T>(Op::kBackward, kind, x.data(), dy.data(), dx.data(), nullptr, x.size(), p);
}

namespace {
const SlopeFromOutput& SlopeFromOutputOf(Kind kind) {
  switch (kind) {
#define ACT_SLOPE_FROM_OUTPUT(Type) \
  case Kind::k##Type:               \
    return Type::kSlopeFromOutput;
    ACT_FOR_EACH_ENABLED(ACT_SLOPE_FROM_OUTPUT)
#undef ACT_SLOPE_FROM_OUTPUT
  }
  return kNoSlopeFromOutput;
}
}  // namespace

bool HasBackwardFromOutput(Kind kind, std::optional<double> param) {
  const SlopeFromOutput& s = SlopeFromOutputOf(kind);
  return s.Exists() && (!s.needs_positive_param || param.value_or(Parameter(kind).default_value) > 0);
}

template <typename T>
void BackwardFromOutput(Kind kind, std::span<const T> y, std::span<const T> dy, std::span<T> dx,
                        std::optional<double> param) {
  if (!SlopeFromOutputOf(kind).Exists()) {
    Fail(kind, "has no BackwardFromOutput: its derivative is not a function of its output");
  }
  const double p = ResolveParam<T>(kind, param);
  if (SlopeFromOutputOf(kind).needs_positive_param && !(RoundParam<T>(p) > 0)) {
    std::ostringstream message;
    message << "BackwardFromOutput needs " << Parameter(kind).name << " > 0 (f is not invertible), got " << p;
    Fail(kind, message.str());
  }
  CheckLength(kind, "dy", y.size(), dy.size());
  CheckLength(kind, "dx", y.size(), dx.size());
  if (IdentityCopy(kind, dy, dx)) return;
  detail::DispatchFromOutput<T>(ForcedTarget(), kind, y.data(), dy.data(), dx.data(), y.size(), p);
}

template <typename T>
void ForwardAndDerivative(Kind kind, std::span<const T> x, std::span<T> y, std::span<T> dydx,
                          std::optional<double> param) {
  const double p = ResolveParam<T>(kind, param);
  CheckLength(kind, "y", x.size(), y.size());
  CheckLength(kind, "dydx", x.size(), dydx.size());
  Run<T>(Op::kForwardAndDerivative, kind, x.data(), nullptr, y.data(), dydx.data(),
          x.size(), p);
}

#if ACT_ENABLED_Prelu
template <typename T>
double PreluBackward(std::span<const T> x, std::span<const T> dy, std::span<T> dx,
                     std::optional<double> slope) {
  const double p = ResolveParam<T>(Kind::kPrelu, slope);
  CheckLength(Kind::kPrelu, "dy", x.size(), dy.size());
  CheckLength(Kind::kPrelu, "dx", x.size(), dx.size());
  return detail::DispatchPreluBackward<T>(ForcedTarget(), x.data(), dy.data(), dx.data(), x.size(), p);
}
#endif

#define ACT_INSTANTIATE(T)                                                                    \
  template void Forward<T>(Kind, std::span<const T>, std::span<T>, std::optional<double>);    \
  template void Derivative<T>(Kind, std::span<const T>, std::span<T>, std::optional<double>); \
  template void Backward<T>(Kind, std::span<const T>, std::span<const T>, std::span<T>,       \
                            std::optional<double>);                                           \
  template void ForwardAndDerivative<T>(Kind, std::span<const T>, std::span<T>, std::span<T>, \
                                        std::optional<double>);                               \
  template void BackwardFromOutput<T>(Kind, std::span<const T>, std::span<const T>,           \
                                      std::span<T>, std::optional<double>);
#if ACT_HAS_FLOAT
ACT_INSTANTIATE(float)
#endif
#if ACT_HAS_DOUBLE
ACT_INSTANTIATE(double)
#endif
#if ACT_HAS_BFLOAT16
ACT_INSTANTIATE(bfloat16)
#endif
#if ACT_HAS_FLOAT16
ACT_INSTANTIATE(float16)
#endif
#undef ACT_INSTANTIATE
#if ACT_ENABLED_Prelu && ACT_HAS_FLOAT
template double PreluBackward<float>(std::span<const float>, std::span<const float>,
                                     std::span<float>, std::optional<double>);
#endif
#if ACT_ENABLED_Prelu && ACT_HAS_DOUBLE
template double PreluBackward<double>(std::span<const double>, std::span<const double>,
                                      std::span<double>, std::optional<double>);
#endif
#if ACT_ENABLED_Prelu && ACT_HAS_BFLOAT16
template double PreluBackward<bfloat16>(std::span<const bfloat16>, std::span<const bfloat16>,
                                        std::span<bfloat16>, std::optional<double>);
#endif
#if ACT_ENABLED_Prelu && ACT_HAS_FLOAT16
template double PreluBackward<float16>(std::span<const float16>, std::span<const float16>,
                                       std::span<float16>, std::optional<double>);
#endif

// ---- Targets ---------------------------------------------------------------------------------

namespace {

// The HWY_* bits of the targets compiled into this binary that the CPU supports, best first.
// Reads only: Highway's own forcing (SetSupportedTargetsForTest) writes a global, unsynchronized
// mask, so this library never calls it.
std::vector<int64_t> Targets() { return hwy::SupportedAndGeneratedTargets(); }

std::string TargetName(int64_t target) {
#if ACT_FLOAT_KERNELS
  return detail::TargetName_float(target);
#else
  return detail::TargetName_double(target);
#endif
}

int64_t TargetNamed(std::string_view name) {
  for (const int64_t target : Targets()) {
    if (name == hwy::TargetName(target)) return target;
  }
  std::string valid;
  for (const std::string& t : AvailableTargets()) valid += (valid.empty() ? "" : ", ") + t;
  throw std::invalid_argument("act::ForceTarget: unknown or unsupported target '" + std::string(name) +
                              "' (available: " + valid + ")");
}

}  // namespace

std::vector<std::string> AvailableTargets() {
  std::vector<std::string> names;
  for (const int64_t target : Targets()) names.emplace_back(hwy::TargetName(target));
  return names;
}

std::string CurrentTarget() { return TargetName(ForcedTarget()); }

void ForceTarget(std::string_view name) { t_forced_target = TargetNamed(name); }

void ResetTarget() { t_forced_target = 0; }

ScopedTarget::ScopedTarget(std::string_view name) : previous_(t_forced_target) { ForceTarget(name); }
ScopedTarget::~ScopedTarget() { t_forced_target = previous_; }

}  // namespace act
