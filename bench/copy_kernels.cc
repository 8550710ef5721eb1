// Per-target copy loops for copy_kernels.h (foreach_target: compiled for every target, the
// best one picked at run time like the kernels).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "bench/copy_kernels.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace act::bench {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Full vectors, then the tail one element at a time (at most a vector's worth).
template <typename T, class Body, class Tail>
HWY_INLINE void Blocks(std::size_t n, Body body, Tail tail) {
  const hn::ScalableTag<T> d;
  const std::size_t lanes = hn::Lanes(d);
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) body(d, i);
  for (; i < n; ++i) tail(i);
}

template <typename T>
void Read1Write1(const T* a, T* out, std::size_t n) {
  Blocks<T>(n, [&](auto d, std::size_t i) HWY_ATTR { hn::StoreU(hn::LoadU(d, a + i), d, out + i); },
            [&](std::size_t i) { out[i] = a[i]; });
}
template <typename T>
void Read2Write1(const T* a, const T* b, T* out, std::size_t n) {
  Blocks<T>(n,
            [&](auto d, std::size_t i) HWY_ATTR {
              hn::StoreU(hn::Add(hn::LoadU(d, a + i), hn::LoadU(d, b + i)), d, out + i);
            },
            [&](std::size_t i) { out[i] = a[i] + b[i]; });
}
template <typename T>
void Read1Write2(const T* a, T* out, T* out2, std::size_t n) {
  Blocks<T>(n,
            [&](auto d, std::size_t i) HWY_ATTR {
              const auto v = hn::LoadU(d, a + i);
              hn::StoreU(v, d, out + i);
              hn::StoreU(v, d, out2 + i);
            },
            [&](std::size_t i) { out[i] = out2[i] = a[i]; });
}

void Read1Write1F(const float* a, float* o, std::size_t n) { Read1Write1(a, o, n); }
void Read1Write1D(const double* a, double* o, std::size_t n) { Read1Write1(a, o, n); }
void Read2Write1F(const float* a, const float* b, float* o, std::size_t n) { Read2Write1(a, b, o, n); }
void Read2Write1D(const double* a, const double* b, double* o, std::size_t n) { Read2Write1(a, b, o, n); }
void Read1Write2F(const float* a, float* o, float* o2, std::size_t n) { Read1Write2(a, o, o2, n); }
void Read1Write2D(const double* a, double* o, double* o2, std::size_t n) { Read1Write2(a, o, o2, n); }
// The 16-bit storage types' bytes (read2_write1 adds the bits as integers: only bytes matter).
void Read1Write1H(const uint16_t* a, uint16_t* o, std::size_t n) { Read1Write1(a, o, n); }
void Read2Write1H(const uint16_t* a, const uint16_t* b, uint16_t* o, std::size_t n) { Read2Write1(a, b, o, n); }
void Read1Write2H(const uint16_t* a, uint16_t* o, uint16_t* o2, std::size_t n) { Read1Write2(a, o, o2, n); }

}  // namespace HWY_NAMESPACE
}  // namespace act::bench
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "bench/copy_kernels.h"

namespace act::bench {
HWY_EXPORT(Read1Write1F);
HWY_EXPORT(Read1Write1D);
HWY_EXPORT(Read2Write1F);
HWY_EXPORT(Read2Write1D);
HWY_EXPORT(Read1Write2F);
HWY_EXPORT(Read1Write2D);
HWY_EXPORT(Read1Write1H);
HWY_EXPORT(Read2Write1H);
HWY_EXPORT(Read1Write2H);

template <>
void CopyRead1Write1(const float* a, float* o, std::size_t n) { HWY_DYNAMIC_DISPATCH(Read1Write1F)(a, o, n); }
template <>
void CopyRead1Write1(const double* a, double* o, std::size_t n) { HWY_DYNAMIC_DISPATCH(Read1Write1D)(a, o, n); }
template <>
void CopyRead2Write1(const float* a, const float* b, float* o, std::size_t n) {
  HWY_DYNAMIC_DISPATCH(Read2Write1F)(a, b, o, n);
}
template <>
void CopyRead2Write1(const double* a, const double* b, double* o, std::size_t n) {
  HWY_DYNAMIC_DISPATCH(Read2Write1D)(a, b, o, n);
}
template <>
void CopyRead1Write2(const float* a, float* o, float* o2, std::size_t n) {
  HWY_DYNAMIC_DISPATCH(Read1Write2F)(a, o, o2, n);
}
template <>
void CopyRead1Write2(const double* a, double* o, double* o2, std::size_t n) {
  HWY_DYNAMIC_DISPATCH(Read1Write2D)(a, o, o2, n);
}
template <>
void CopyRead1Write1(const uint16_t* a, uint16_t* o, std::size_t n) { HWY_DYNAMIC_DISPATCH(Read1Write1H)(a, o, n); }
template <>
void CopyRead2Write1(const uint16_t* a, const uint16_t* b, uint16_t* o, std::size_t n) {
  HWY_DYNAMIC_DISPATCH(Read2Write1H)(a, b, o, n);
}
template <>
void CopyRead1Write2(const uint16_t* a, uint16_t* o, uint16_t* o2, std::size_t n) {
  HWY_DYNAMIC_DISPATCH(Read1Write2H)(a, o, o2, n);
}
}  // namespace act::bench
#endif  // HWY_ONCE
