// Loads and stores between an array's storage type S and the lanes a kernel computes in: S is
// the element type itself (float, double), or a 16-bit storage type (half.h) held in float
// lanes. The loops (loops-inl.h) read and write every array through these, so a 16-bit array
// is widened as it is loaded and rounded as it is stored, in registers, with no pass of its own.
//
// The 16-bit conversions give the bits of half.h's scalar ones, lane by lane (verify/
// test_half.cc checks every 16-bit input on every target): widening is exact, rounding is to
// nearest even with the 16-bit type's subnormals, ±inf on overflow and a quiet NaN for any NaN.
//   - bfloat16: shifts and integer adds (Highway 1.0.3's DemoteTo truncates on x86 without
//     AVX512_BF16, and AVX512_BF16's own conversion flushes subnormals to zero).
//   - float16: F16C where the target has it (AVX2, AVX-512: vcvtph2ps is exact, vcvtps2ph with
//     an immediate round-to-nearest-even is correctly rounded); the same integer arithmetic as
//     half.h elsewhere.
// StoreStoredExact, for outputs that are values of the type already (identity, relu, the
// piecewise-linear slopes), skips the rounding: the same bits, except that a NaN keeps its own
// (a signaling NaN input stays signaling, as a copy would keep it).

#if defined(ACT_STORAGE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_STORAGE_INL_H_
#undef ACT_STORAGE_INL_H_
#else
#define ACT_STORAGE_INL_H_
#endif

#include <cstdint>
#include <limits>
#include <type_traits>

#include "hwy/highway.h"
#include "kernels/half.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_ARCH_X86 && HWY_TARGET < HWY_SSE4 && !defined(HWY_DISABLE_F16C)
inline constexpr bool kHasF16C = true;
#else
inline constexpr bool kHasF16C = false;
#endif

// The lanes of DF (float) from the 16-bit values h of S (one per lane), exactly.
template <Storage16 S, class DF>
HWY_INLINE hn::Vec<DF> Widen16(DF df, hn::Vec<hn::Rebind<uint16_t, DF>> h) {
  const hn::RebindToUnsigned<DF> du;
  if constexpr (std::is_same_v<S, bfloat16>) {
    return hn::BitCast(df, hn::ShiftLeft<16>(hn::PromoteTo(du, h)));
  } else if constexpr (kHasF16C) {
    const hn::Rebind<hwy::float16_t, DF> dh;
    return hn::PromoteTo(df, hn::BitCast(dh, h));
  } else {
    const auto bits = hn::PromoteTo(du, h);
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

#if HWY_TARGET == HWY_AVX3
// The high 16 bits of each 32-bit lane of a full vector, in order: one vpermw, where
// DemoteTo needs a shift, a pack and a vpermq.
template <class DF>
HWY_INLINE hn::Vec<hn::Rebind<uint16_t, DF>> GatherHighHalves(DF, hn::Vec512<uint32_t> v) {
  alignas(64) static constexpr uint16_t kHighHalves[32] = {1,  3,  5,  7,  9,  11, 13, 15, 17, 19, 21,
                                                           23, 25, 27, 29, 31, 1,  3,  5,  7,  9,  11,
                                                           13, 15, 17, 19, 21, 23, 25, 27, 29, 31};
  const hn::Full512<uint16_t> d16_full;
  const hn::Vec512<uint16_t> gathered{_mm512_permutexvar_epi16(hn::Load(d16_full, kHighHalves).raw, v.raw)};
  return hn::LowerHalf(gathered);
}
#endif

// f rounded to bfloat16, in the high half of each 32-bit lane (the low half is garbage):
// adding 0x7fff plus the lowest kept bit rounds half to even, and a NaN gets its quiet bit.
template <class DF>
HWY_INLINE hn::Vec<hn::RebindToUnsigned<DF>> RoundToBfloat16High(DF, hn::Vec<DF> f) {
  const hn::RebindToUnsigned<DF> du;
  const auto bits = hn::BitCast(du, f);
  const auto rounded =
      hn::Add(hn::Add(bits, hn::Set(du, 0x7fffu)), hn::And(hn::ShiftRight<16>(bits), hn::Set(du, 1u)));
  return hn::IfThenElse(hn::RebindMask(du, hn::IsNaN(f)), hn::Or(bits, hn::Set(du, 0x400000u)), rounded);
}

// The lanes of f rounded to S, as 16-bit values.
template <Storage16 S, class DF>
HWY_INLINE hn::Vec<hn::Rebind<uint16_t, DF>> Narrow16(DF df, hn::Vec<DF> f) {
  const hn::RebindToUnsigned<DF> du;
  const hn::RebindToSigned<DF> di;
  const hn::Rebind<uint16_t, DF> d16;
  const auto bits = hn::BitCast(du, f);
  hn::Vec<decltype(du)> out;
  if constexpr (std::is_same_v<S, bfloat16>) {
    const auto high = RoundToBfloat16High(df, f);
#if HWY_TARGET == HWY_AVX3
    if constexpr (std::is_same_v<hn::Vec<DF>, hn::Vec512<float>>) return GatherHighHalves(df, high);
#endif
    out = hn::ShiftRight<16>(high);
  } else if constexpr (kHasF16C) {
    // vcvtps2ph keeps the top of a NaN's payload; half.h's quiet NaN (0x7e00 and the sign)
    // makes the result independent of which NaN an operation propagated.
    const hn::Rebind<hwy::float16_t, DF> dh;
    const auto canonical = hn::IfThenElse(hn::IsNaN(f), hn::CopySign(hn::Set(df, std::numeric_limits<float>::quiet_NaN()), f), f);
    return hn::BitCast(d16, hn::DemoteTo(dh, canonical));
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

// A vector of D's lanes from the storage at p (D's element type, or a 16-bit type in float lanes).
template <class D, typename S>
HWY_INLINE hn::Vec<D> LoadStored(D d, const S* p) {
  if constexpr (Storage16<S>) {
    const hn::Rebind<uint16_t, D> d16;
    return Widen16<S>(d, hn::LoadU(d16, reinterpret_cast<const uint16_t*>(p)));
  } else {
    return hn::LoadU(d, p);
  }
}

template <class D, typename S>
HWY_INLINE void StoreStored(hn::Vec<D> v, D d, S* p) {
  if constexpr (Storage16<S>) {
    const hn::Rebind<uint16_t, D> d16;
    hn::StoreU(Narrow16<S>(d, v), d16, reinterpret_cast<uint16_t*>(p));
  } else {
    hn::StoreU(v, d, p);
  }
}

// Stores v, whose lanes are all values of S already (a 16-bit input, 0, 1, or a parameter
// rounded to S): bfloat16 keeps the high halves without rounding; NaNs stay as they came.
template <class D, typename S>
HWY_INLINE void StoreStoredExact(hn::Vec<D> v, D d, S* p) {
  if constexpr (std::is_same_v<S, bfloat16>) {
    const hn::RebindToUnsigned<D> du;
    const hn::Rebind<uint16_t, D> d16;
    const auto bits = hn::BitCast(du, v);
#if HWY_TARGET == HWY_AVX3
    if constexpr (std::is_same_v<hn::Vec<D>, hn::Vec512<float>>) {
      return hn::StoreU(GatherHighHalves(d, bits), d16, reinterpret_cast<uint16_t*>(p));
    }
#endif
    hn::StoreU(hn::DemoteTo(d16, hn::BitCast(hn::RebindToSigned<D>(), hn::ShiftRight<16>(bits))), d16,
               reinterpret_cast<uint16_t*>(p));
  } else {
    StoreStored(v, d, p);
  }
}

// v as S would store it: rounded to S and widened back (v itself where S is D's type).
template <typename S, class D>
HWY_INLINE hn::Vec<D> RoundedTo(D d, hn::Vec<D> v) {
  if constexpr (std::is_same_v<S, bfloat16>) {
    // Narrow16's rounding, kept in 32-bit lanes (no pack and unpack).
    const hn::RebindToUnsigned<D> du;
    return hn::BitCast(d, hn::And(RoundToBfloat16High(d, v), hn::Set(du, 0xffff0000u)));
  } else if constexpr (Storage16<S>) {
    return Widen16<S>(d, Narrow16<S>(d, v));
  } else {
    (void)d;
    return v;
  }
}

// Copies the lanes of `from` (a vector's worth, aligned) that m selects over those of `to`. A
// 16-bit type goes through float lanes: rounding a widened 16-bit value gives its bits back
// (a NaN the narrowing produced stays the same quiet NaN).
template <class D, typename S>
HWY_INLINE void CopyStoredLanes(D d, hn::Mask<D> m, const S* from, S* to) {
  if constexpr (Storage16<S>) {
    StoreStored(hn::IfThenElse(m, LoadStored(d, from), LoadStored(d, to)), d, to);
  } else {
    hn::BlendedStore(hn::Load(d, from), m, d, to);
  }
}

// One value v of T as S stores it.
template <typename S, typename T>
S ToStorage(T v) {
  if constexpr (Storage16<S>) {
    return FromFloat<S>(v);
  } else {
    return v;
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_STORAGE_INL_H_
