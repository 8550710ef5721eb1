// SIMD conversions between the 16-bit storage types (half.h) and float lanes, compiled once per
// Highway target. The bit manipulations are those of half.h's scalar conversions, lane by lane,
// so both give the same bits (verify/test_half.cc checks it on every target). Highway 1.0.3's
// own DemoteTo to bfloat16 is not used: on x86 without AVX512_BF16 it truncates.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/convert16.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstring>

#include "hwy/highway.h"
#include "kernels/detail.h"
#include "kernels/half.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using DU = hn::RebindToUnsigned<DF>;
using DI = hn::RebindToSigned<DF>;
using D16 = hn::Rebind<uint16_t, DF>;

template <class S>
HWY_INLINE hn::Vec<DF> WidenVector(hn::Vec<D16> h) {
  const DF df;
  const DU du;
  const auto bits = hn::PromoteTo(du, h);
  if constexpr (std::is_same_v<S, bfloat16>) {
    return hn::BitCast(df, hn::ShiftLeft<16>(bits));
  } else {
    const auto exponent_mask = hn::Set(du, 0x7c00u << 13);
    auto shifted = hn::ShiftLeft<13>(hn::And(bits, hn::Set(du, 0x7fffu)));
    const auto exponent = hn::And(shifted, exponent_mask);
    shifted = hn::Add(shifted, hn::Set(du, (127u - 15u) << 23));
    const auto special = hn::BitCast(df, hn::Add(shifted, hn::Set(du, (128u - 16u) << 23)));
    const auto subnormal = hn::Sub(hn::BitCast(df, hn::Add(shifted, hn::Set(du, 1u << 23))),
                                   hn::BitCast(df, hn::Set(du, 113u << 23)));
    auto magnitude = hn::IfThenElse(hn::RebindMask(df, hn::Eq(exponent, exponent_mask)), special,
                                    hn::BitCast(df, shifted));
    magnitude = hn::IfThenElse(hn::RebindMask(df, hn::Eq(exponent, hn::Zero(du))), subnormal, magnitude);
    const auto sign = hn::ShiftLeft<16>(hn::And(bits, hn::Set(du, 0x8000u)));
    return hn::BitCast(df, hn::Or(hn::BitCast(du, magnitude), sign));
  }
}

template <class S>
HWY_INLINE hn::Vec<D16> NarrowVector(hn::Vec<DF> f) {
  const DF df;
  const DU du;
  const DI di;
  const D16 d16;
  const auto bits = hn::BitCast(du, f);
  hn::Vec<DU> out;
  if constexpr (std::is_same_v<S, bfloat16>) {
    const auto rounded = hn::ShiftRight<16>(
        hn::Add(hn::Add(bits, hn::Set(du, 0x7fffu)), hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 1u))));
    const auto quiet_nan = hn::Or(hn::ShiftRight<16>(bits), hn::Set(du, 0x40u));
    out = hn::IfThenElse(hn::RebindMask(du, hn::Ne(f, f)), quiet_nan, rounded);
  } else {
    const auto magnitude = hn::And(bits, hn::Set(du, 0x7fffffffu));
    const auto sign = hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 0x8000u));
    const auto magnitude_i = hn::BitCast(di, magnitude);  // < 2^31: signed compares are exact
    const auto special = hn::IfThenElse(hn::RebindMask(du, hn::Gt(magnitude_i, hn::Set(di, 0x7f800000))),
                                        hn::Set(du, 0x7e00u), hn::Set(du, 0x7c00u));
    const auto half = hn::Set(df, 0.5f);
    const auto subnormal = hn::Sub(hn::BitCast(du, hn::Add(hn::BitCast(df, magnitude), half)), hn::BitCast(du, half));
    const auto normal = hn::ShiftRight<13>(
        hn::Add(hn::Add(magnitude, hn::Set(du, 0xfffu - ((127u - 15u) << 23))),
                hn::And(hn::ShiftRight<13>(magnitude), hn::Set(du, 1u))));
    out = hn::IfThenElse(hn::RebindMask(du, hn::Lt(magnitude_i, hn::Set(di, int32_t{(127 - 14) << 23}))), subnormal,
                         normal);
    // |f| >= 65536 (Highway 1.0.3 has no integer Ge).
    out = hn::IfThenElse(hn::RebindMask(du, hn::Gt(magnitude_i, hn::Set(di, int32_t{((127 + 16) << 23) - 1}))), special,
                         out);
    out = hn::Or(out, sign);
  }
  return hn::DemoteTo(d16, hn::BitCast(di, out));  // every lane is in [0, 0xffff]
}

template <class S>
void Widen(const uint16_t* in, float* out, size_t n) {
  const DF df;
  const D16 d16;
  const size_t lanes = hn::Lanes(df);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) hn::StoreU(WidenVector<S>(hn::LoadU(d16, in + i)), df, out + i);
  for (; i < n; ++i) out[i] = ToFloat(S{in[i]});
}

template <class S>
void Narrow(const float* in, uint16_t* out, size_t n) {
  const DF df;
  const D16 d16;
  const size_t lanes = hn::Lanes(df);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) hn::StoreU(NarrowVector<S>(hn::LoadU(df, in + i)), d16, out + i);
  for (; i < n; ++i) out[i] = FromFloat<S>(in[i]).bits;
}

// out = S(float(a) * float(b)): the product of two 16-bit values is exact in float (at most
// 11 + 11 significant bits), so this is the correctly rounded 16-bit product.
template <class S>
void MultiplyNarrow(const uint16_t* a, const uint16_t* b, uint16_t* out, size_t n) {
  const DF df;
  const D16 d16;
  const size_t lanes = hn::Lanes(df);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto product = hn::Mul(WidenVector<S>(hn::LoadU(d16, a + i)), WidenVector<S>(hn::LoadU(d16, b + i)));
    hn::StoreU(NarrowVector<S>(product), d16, out + i);
  }
  for (; i < n; ++i) out[i] = FromFloat<S>(ToFloat(S{a[i]}) * ToFloat(S{b[i]})).bits;
}

void Convert16(detail::Conversion what, bool is_bfloat16, const void* a, const void* b, void* out, size_t n) {
  const auto* a16 = static_cast<const uint16_t*>(a);
  switch (what) {
    case detail::Conversion::kWiden:
      return is_bfloat16 ? Widen<bfloat16>(a16, static_cast<float*>(out), n)
                         : Widen<float16>(a16, static_cast<float*>(out), n);
    case detail::Conversion::kNarrow:
      return is_bfloat16 ? Narrow<bfloat16>(static_cast<const float*>(a), static_cast<uint16_t*>(out), n)
                         : Narrow<float16>(static_cast<const float*>(a), static_cast<uint16_t*>(out), n);
    case detail::Conversion::kMultiplyNarrow:
      return is_bfloat16
                 ? MultiplyNarrow<bfloat16>(a16, static_cast<const uint16_t*>(b), static_cast<uint16_t*>(out), n)
                 : MultiplyNarrow<float16>(a16, static_cast<const uint16_t*>(b), static_cast<uint16_t*>(out), n);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace act {
HWY_EXPORT(Convert16);
namespace detail {
void DispatchConvert16(int64_t target, Conversion what, bool is_bfloat16, const void* a, const void* b, void* out,
                       size_t n) {
  Pick(HWY_DISPATCH_TABLE(Convert16), &HWY_DYNAMIC_DISPATCH(Convert16), target)(what, is_bfloat16, a, b, out, n);
}
}  // namespace detail
}  // namespace act
#endif  // HWY_ONCE
