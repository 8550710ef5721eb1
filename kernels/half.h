// The 16-bit storage types of the public API and their scalar conversions.
//
// act::bfloat16 (float's sign, 8-bit exponent and top 7 mantissa bits) and act::float16 (IEEE
// 754 binary16: 5-bit exponent, 10-bit mantissa) are plain bit containers: the kernels store
// activations in them and compute in float lanes. Conversions to float are exact; conversions
// from float round to nearest, ties to even (never truncate), keep the sign of zero, give ±inf
// on overflow, produce the 16-bit type's subnormals, and turn any NaN into a quiet NaN (the
// payload is not kept). The SIMD conversions in kernels/storage-inl.h give the same bits
// (verify/test_half.cc proves it on every target).
#pragma once

#include <bit>
#include <concepts>
#include <cstdint>

namespace act {

struct bfloat16 {
  uint16_t bits;
  friend constexpr bool operator==(bfloat16, bfloat16) = default;
};
struct float16 {
  uint16_t bits;
  friend constexpr bool operator==(float16, float16) = default;
};

template <typename T>
concept Storage16 = std::same_as<T, bfloat16> || std::same_as<T, float16>;

constexpr float ToFloat(bfloat16 h) { return std::bit_cast<float>(uint32_t{h.bits} << 16); }

constexpr float ToFloat(float16 h) {
  // Exponent and mantissa moved into float's fields, then rebiased; subnormals are
  // renormalised by one exact float subtraction (of 2^-14).
  constexpr uint32_t kExponentMask = 0x7c00u << 13;
  uint32_t bits = (uint32_t{h.bits} & 0x7fffu) << 13;
  const uint32_t exponent = bits & kExponentMask;
  bits += (127u - 15u) << 23;
  float magnitude;
  if (exponent == kExponentMask) {  // inf or NaN: the float exponent is all ones too
    magnitude = std::bit_cast<float>(bits + ((128u - 16u) << 23));
  } else if (exponent == 0) {  // zero or subnormal
    magnitude = std::bit_cast<float>(bits + (1u << 23)) - std::bit_cast<float>(113u << 23);
  } else {
    magnitude = std::bit_cast<float>(bits);
  }
  return std::bit_cast<float>(std::bit_cast<uint32_t>(magnitude) | (uint32_t{h.bits} & 0x8000u) << 16);
}

constexpr bfloat16 ToBfloat16(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  if (f != f) return {static_cast<uint16_t>((bits >> 16) | 0x40u)};  // quiet NaN
  // Adding 0x7fff plus the lowest kept bit rounds half to even; a carry moves into the exponent
  // (and past the largest finite value to inf) as it should.
  return {static_cast<uint16_t>((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16)};
}

constexpr float16 ToFloat16(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  const uint32_t sign = (bits >> 16) & 0x8000u;
  const uint32_t magnitude = bits & 0x7fffffffu;
  uint32_t out;
  if (magnitude >= (127u + 16u) << 23) {  // |f| >= 65536: inf, or NaN
    out = magnitude > 0x7f800000u ? 0x7e00u : 0x7c00u;
  } else if (magnitude < (127u - 14u) << 23) {  // |f| < 2^-14: a subnormal result or zero
    // Adding 0.5 puts the binary16 subnormal grid (2^-24) on float's last bit: the float
    // addition does the round-half-even.
    const float shifted = std::bit_cast<float>(magnitude) + 0.5f;
    out = std::bit_cast<uint32_t>(shifted) - std::bit_cast<uint32_t>(0.5f);
  } else {
    // Rebias, then add 0xfff plus the lowest kept bit: round half to even (65520 and above
    // carry into the all-ones exponent, inf).
    out = (magnitude - ((127u - 15u) << 23) + 0xfffu + ((magnitude >> 13) & 1u)) >> 13;
  }
  return {static_cast<uint16_t>(out | sign)};
}

template <Storage16 S>
constexpr S FromFloat(float f) {
  if constexpr (std::same_as<S, bfloat16>) {
    return ToBfloat16(f);
  } else {
    return ToFloat16(f);
  }
}

// A double rounded to S once (not twice through float): float with round-to-odd first, which
// keeps the information a second rounding to fewer bits needs. For parameters.
template <Storage16 S>
constexpr S FromDouble(double d) {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) != d && f == f && (std::bit_cast<uint32_t>(f) & 1u) == 0 &&
      f - f == 0.0f) {
    // Inexact with an even last bit: step one float toward d, to the odd neighbour.
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    const bool away_from_zero = (static_cast<double>(f) < d) == (f > 0.0f || (f == 0.0f && d > 0.0));
    f = f == 0.0f ? std::bit_cast<float>(uint32_t{1} | (d < 0 ? 0x80000000u : 0u))
                  : std::bit_cast<float>(away_from_zero ? bits + 1 : bits - 1);
  }
  return FromFloat<S>(f);
}

}  // namespace act
