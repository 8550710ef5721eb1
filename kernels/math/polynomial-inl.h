// Polynomial evaluation and per-lane table lookup. Valid Lane Types: float, double (the table
// helpers: float).
//
//   Horner(u, c, first), Estrin(u, c): sum of c[i] u^i. Horner for the fitted coefficient
//     tables that expect it; Estrin (about log2 N dependent steps instead of N) where the loop
//     is bound by latency and the result is rounded to a narrower type afterwards.
//   LookupSixteen(table, i): table[i] per lane, one permute on 16-lane vectors.
//   EvaluateTable(c, point): sixteen piecewise polynomials (rows c0 .. cn) at each lane's
//     interval and offset, as hi + lo (gelu_erf's and mish's in-range tables).
//   FloorNonNegative(s): floor(s) for 0 <= s < 2^31 in one truncating conversion.

#if defined(ACT_MATH_POLYNOMIAL_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_MATH_POLYNOMIAL_INL_H_
#undef ACT_MATH_POLYNOMIAL_INL_H_
#else
#define ACT_MATH_POLYNOMIAL_INL_H_
#endif

#include <cstddef>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace act {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// p(u) = c[first] + c[first + 1] u + ... by Horner's rule (the coefficients are fitted for it).
// first > 0 leaves the lowest orders to callers that add them in two parts.
template <class D, typename C, size_t N>
HWY_INLINE hn::Vec<D> Horner(D d, hn::Vec<D> u, const C (&c)[N], size_t first = 0) {
  using T = hn::TFromD<D>;
  auto p = hn::Set(d, static_cast<T>(c[N - 1]));
  for (size_t i = N - 1; i-- > first;) p = hn::MulAdd(p, u, hn::Set(d, static_cast<T>(c[i])));
  return p;
}

// The same polynomial by Estrin's scheme: pairs c[2i] + c[2i+1] u combined with u^2, u^4, ...,
// about log2(N) dependent steps instead of Horner's N, for callers bound by latency whose
// results are rounded to float afterwards (the two schemes differ by a few double ULP).
template <class D, typename C, size_t N>
HWY_INLINE hn::Vec<D> Estrin(D d, hn::Vec<D> u, const C (&c)[N]) {
  using T = hn::TFromD<D>;
  hn::Vec<D> p[(N + 1) / 2];
  for (size_t i = 0; i < N / 2; ++i) {
    const auto odd = hn::Set(d, static_cast<T>(c[2 * i + 1]));
    p[i] = hn::MulAdd(odd, u, hn::Set(d, static_cast<T>(c[2 * i])));
  }
  if (N % 2) p[N / 2] = hn::Set(d, static_cast<T>(c[N - 1]));
  auto power = hn::Mul(u, u);
  for (size_t n = (N + 1) / 2; n > 1; n = (n + 1) / 2) {
    for (size_t i = 0; i < n / 2; ++i) p[i] = hn::MulAdd(p[2 * i + 1], power, p[2 * i]);
    if (n % 2) p[n / 2] = p[n - 1];
    power = hn::Mul(power, power);
  }
  return p[0];
}

// ---- Table lookup.
// table[i] in each lane: one permute across sixteen float lanes, two and a blend across eight.
template <class D, typename T>
HWY_INLINE hn::Vec<D> LookupSixteen(D d, const T (&table)[16],
                                    hn::Vec<hn::RebindToSigned<D>> i) {
  if constexpr (hn::MaxLanes(D()) >= 16) {
    return hn::TableLookupLanes(hn::Load(d, table), hn::IndicesFromVec(d, i));
  } else {
    const hn::RebindToSigned<D> di;
    const auto below_eight = hn::IndicesFromVec(d, hn::And(i, hn::Set(di, 7)));
    const auto lower = hn::TableLookupLanes(hn::Load(d, table), below_eight);
    const auto upper = hn::TableLookupLanes(hn::Load(d, table + 8), below_eight);
    return hn::IfThenElse(hn::RebindMask(d, hn::Gt(i, hn::Set(di, 7))), upper, lower);
  }
}

// A lane's interval i in a sixteen-entry table and its argument delta = a - center(i).
template <class D>
struct TablePoint {
  hn::Vec<hn::RebindToSigned<D>> i;
  hn::Vec<D> delta;
};

// sum_k c[k][i] delta^k = hi + lo for a table of rows c0 .. cn: c1 .. cn as pairs c[2j+1] +
// c[2j+2] delta by Horner in delta^2 (latency, not count, bounds these loops), then c0 +
// delta r in two parts (|delta r| <= 0.21 |c0| in every table: Sterbenz). c0 is exact to 2^-7
// ULP at the tables' accurate centers, which spares a permute and an add per table (gelu_erf'
// and mish' 10% faster than with a low part of c0).
template <class D>
struct TwoPart {
  hn::Vec<D> hi, lo;
};
template <class D, size_t kRows>
HWY_INLINE TwoPart<D> EvaluateTable(D d, const float (&c)[kRows][16], const TablePoint<D>& at) {
  constexpr size_t kDegree = kRows - 1;
  const auto delta = at.delta;
  const auto dd = hn::Mul(delta, delta);
  auto pair = [&](size_t k) {  // c[k] + c[k + 1] delta, or c[k] alone at the top
    return k + 1 <= kDegree
               ? hn::MulAdd(LookupSixteen(d, c[k + 1], at.i), delta, LookupSixteen(d, c[k], at.i))
               : LookupSixteen(d, c[k], at.i);
  };
  size_t k = (kDegree - 1) / 2 * 2 + 1;
  auto r = pair(k);
  while (k > 1) {
    k -= 2;
    r = hn::MulAdd(r, dd, pair(k));
  }
  const auto c0 = LookupSixteen(d, c[0], at.i);
  const auto hi = hn::MulAdd(delta, r, c0);
  return {hi, hn::MulAdd(delta, r, hn::Sub(c0, hi))};
}

// floor(s) for 0 <= s < 2^31 in one conversion: cvttps2dq truncates toward zero, which is the
// floor for s >= 0. Highway's ConvertTo adds an overflow fix-up these callers never need.
template <class D>
HWY_INLINE hn::Vec<hn::RebindToSigned<D>> FloorNonNegative(D d, hn::Vec<D> s) {
  const hn::RebindToSigned<D> di;
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
  if constexpr (hn::MaxLanes(D()) == 16) return hn::VFromD<decltype(di)>{_mm512_cvttps_epi32(s.raw)};
#endif
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX2
  if constexpr (hn::MaxLanes(D()) == 8) return hn::VFromD<decltype(di)>{_mm256_cvttps_epi32(s.raw)};
#endif
  (void)d;
  return hn::ConvertTo(di, s);
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_MATH_POLYNOMIAL_INL_H_
