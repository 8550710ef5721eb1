// Vectorized erf, erfc and the normal tail for Highway (double lanes; float callers promote,
// except gelu_erf's in-range path: kNormalTable below, in_range-inl.h).
// Highway 1.0.3 has no Erf; these are this project's own.
//
// Method. For z >= 0,
//     erfc(z) = exp(-z^2) * F(t) / (1 + 2z),   t = (z - 4) / (z + 4) in [-1, 1),
// where F(t) = (1 + 2z) erfcx(z) is smooth and bounded (1 at z = 0, 2/sqrt(pi) as z -> inf),
// so one degree-26 polynomial covers the whole half line. exp(-z^2) is evaluated as
// exp(-h) (1 - l) with z^2 = h + l split exactly by an FMA: without the split, the rounding of
// z^2 alone costs up to 2 z^2 * 2^-53 relative error, ~700 ULP where erfc underflows.
// For |z| < 0.75, erf(z) = z G(z^2) with a degree-10 polynomial G (no cancellation near 0).
//
// Coefficients: Chebyshev interpolants computed in 50-digit arithmetic and converted to
// monomials by kernels/tools/fit_erf.cc (`fit_erf 26 10` prints these tables and their error:
// both polynomials are within 1 ULP of F and G including Horner evaluation in double).
//
//   Erfc, Erf: Valid Lane Types: float, double. Valid Range: all values.
//   Max Error (verify/test_erf, every SIMD target): double erf 1.6 ULP, erfc 5.7 ULP (near
//   z = 0, where erfc ~ 1 is a product of three rounded factors); float lanes erf 2.4 ULP,
//   erfc 5.6 ULP (the degree-12 float polynomial). gelu_erf uses NormalTail for float arrays
//   outside its in-range path (0.5 ULP after rounding to float); double gelu_erf uses
//   NormalTailSplit below, the same method in two parts (<= 1.4 ULP through gelu_erf, README
//   accuracy table).
//   NormalTail(a) = Phi(-a) = erfc(a / sqrt2) / 2 for a >= 0, computed from exp(-a^2/2) so the
//   division by sqrt2 never enters the exponent. Relative accuracy holds down to underflow.

#if defined(ACT_ERF_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ACT_ERF_INL_H_
#undef ACT_ERF_INL_H_
#else
#define ACT_ERF_INL_H_
#endif

#include <cstddef>

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/exp_split-inl.h"

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

// F(t) = (1 + 2z) erfcx(z), t = (z - 4) / (z + 4); lowest order first.
inline constexpr double kErfcxNumerator[] = {
      0x1.3ba5916e9fd7fp+0,  // 1.2329951186255526
      -0x1.1df1ad154a28ep-3,  // -0.1396211168405625
      0x1.f7f5df66fd7bep-7,  // 0.015379652102620042
      0x1.16ecefcfa533fp-4,  // 0.068097054254690356
      -0x1.9ddb23c3e9106p-4,  // -0.10103906603632504
      0x1.7fee004e13186p-4,  // 0.093732834998439513
      -0x1.0fb06dfe48b0ep-4,  // -0.066330365811648501
      0x1.3079edf668f38p-5,  // 0.037167515535911411
      -0x1.0962388548d8dp-6,  // -0.01619773406595253
      0x1.49c6728db72cdp-8,  // 0.0050319699928109253
      -0x1.8d4a9990c5199p-11,  // -0.00075777321953522929
      -0x1.a1df2ad41dddep-13,  // -0.00019925677645791969
      0x1.3be032de511d3p-13,  // 0.00015062130746391778
      -0x1.9958a8c635c6bp-16,  // -2.4398942309069806e-05
      -0x1.788189c990557p-17,  // -1.1220753452725425e-05
      0x1.7f235478fdcf6p-18,  // 5.7092012122263518e-06
      0x1.385bb6c82456ap-22,  // 2.9090629683714269e-07
      -0x1.badf24e872985p-21,  // -8.2491274349645722e-07
      0x1.5305495fa5317p-24,  // 7.89343963476142e-08
      0x1.d8d5b12b4bdebp-24,  // 1.1009041560728304e-07
      -0x1.78888d24fa8a1p-26,  // -2.1917128684776733e-08
      -0x1.f9443297365a1p-27,  // -1.470518755238763e-08
      0x1.117f492198859p-28,  // 3.9799082099353338e-09
      0x1.ebb009434f4efp-30,  // 1.7887492189077536e-09
      -0x1.2d277a41632e3p-31,  // -5.4779631540379301e-10
      -0x1.2dbbbb75b6682p-33,  // -1.37212432109558e-10
      0x1.7d604a7f621f4p-35,  // 4.335744696880128e-11
};

// G(w) = erf(z) / z, w = z^2 in [0, 0.75^2]; lowest order first.
inline constexpr double kErfCore[] = {
      0x1.20dd750429b6dp+0,  // 1.1283791670955126
      -0x1.812746b0379ep-2,  // -0.37612638903183715
      0x1.ce2f21a0424c3p-4,  // 0.11283791670952596
      -0x1.b82ce31257412p-6,  // -0.026866170644428485
      0x1.565bcd03657cp-8,  // 0.0052239776154205386
      -0x1.c02db1220cfe6p-11,  // -0.00085483261887597524
      0x1.f9a2afa3a8f86p-14,  // 0.00012055289567541706
      -0x1.f4c5debf1228ap-17,  // -1.4924196305569617e-05
      0x1.b90ecd4aeec12p-20,  // 1.6430684179741549e-06
      -0x1.564f71bbc0d35p-23,  // -1.5940066854661717e-07
      0x1.8a312cb07e6ccp-27,  // 1.1472499701094691e-08
};

// The float versions (fit_erf 12 5 float): F to 1.6e-7 and G to 1.3e-7 relative including
// float Horner evaluation.
inline constexpr float kErfcxNumeratorFloat[] = {
    0x1.3ba592p+0f,   -0x1.1df1a8p-3f,      0x1.f7f624p-7f,  0x1.16ebf8p-4f,  -0x1.9ddc12p-4f,
    0x1.7ff5fap-4f,   -0x1.0fa8fap-4f,     0x1.30400ep-5f,  -0x1.09c926p-6f, 0x1.4d1b64p-8f,
    -0x1.779174p-11f, -0x1.04b5bap-12f,    0x1.e916e2p-14f,
};
inline constexpr float kErfCoreFloat[] = {
    0x1.20dd74p+0f, -0x1.81273ap-2f, 0x1.ce2ae2p-4f, -0x1.b7aaap-6f, 0x1.4f3d08p-8f, -0x1.623bfp-11f,
};
// gelu_erf's float path (in_range-inl.h EvaluateTable), for 0 <= a < 12: sixteen degree-6
// polynomials per function in delta = a - center(i), on [0, 4) in steps of 1/2 and on [4, 12)
// in steps of 1 (fit_erf normal_table 6 6: rows c0 .. c6). The centers (kNormalTableCenters)
// sit within 2^-8 of each interval's middle where P and S are both within 2^-7 ULP of a float
// (Gal's accurate tables), so c0 needs no low part.
//   P(a) = Phi(-a) e^(a^2/2) = erfcx(a / sqrt2) / 2, within 0.55 * 2^-24 relative including the
//     float evaluation;
//   S(a) = (P(a) - a / sqrt(2 pi)) / (a - r), r = kGeluRootHigh + kGeluRootLow = 0.7517915
//     (gelu'(-r) = 0), within 0.17 * 2^-24: gelu'(-a) = e^(-a^2/2) (a - r) S(a).
alignas(64) inline constexpr float kNormalTable[7][16] = {
    {
        0x1.a7fa54p-2f, 0x1.33765cp-2f, 0x1.d899d2p-3f, 0x1.7b5886p-3f,
        0x1.3aaep-3f, 0x1.0bba94p-3f, 0x1.d0e874p-4f, 0x1.99b696p-4f,
        0x1.5b3928p-4f, 0x1.201fc8p-4f, 0x1.ebaf62p-5f, 0x1.ac5646p-5f,
        0x1.7b5d4ap-5f, 0x1.5433bap-5f, 0x1.3480a2p-5f, 0x1.1a19dap-5f,
    },
    {
        -0x1.2e88f8p-2f, -0x1.63ec9cp-3f, -0x1.c494bcp-4f, -0x1.32507ep-4f,
        -0x1.b40624p-5f, -0x1.432dbcp-5f, -0x1.ef984ep-6f, -0x1.85c674p-6f,
        -0x1.1badb8p-6f, -0x1.8b19a8p-7f, -0x1.21b96cp-7f, -0x1.b9e16ep-8f,
        -0x1.5bc7cap-8f, -0x1.185d9p-8f, -0x1.cdef82p-9f, -0x1.82c9e6p-9f,
    },
    {
        0x1.5c5a64p-3f, 0x1.5c07b4p-4f, 0x1.7b7ba2p-5f, 0x1.bd3f82p-6f,
        0x1.15aabap-6f, 0x1.6c627p-7f, 0x1.f39098p-8f, 0x1.62034p-8f,
        0x1.bf4178p-9f, 0x1.07e43ap-9f, 0x1.4eb77ap-10f, 0x1.c0d45p-11f,
        0x1.3ae36p-11f, 0x1.c9714cp-12f, 0x1.56ef2ap-12f, 0x1.074886p-12f,
    },
    {
        -0x1.594f76p-4f, -0x1.2c928p-5f, -0x1.1f340ep-6f, -0x1.295c7ap-7f,
        -0x1.49ba78p-8f, -0x1.83914cp-9f, -0x1.df82a8p-10f, -0x1.3481d2p-10f,
        -0x1.5540f4p-11f, -0x1.57fe4ap-12f, -0x1.7b79fp-13f, -0x1.c12798p-14f,
        -0x1.19b45ep-14f, -0x1.7184ecp-15f, -0x1.f900aap-16f, -0x1.63f058p-16f,
    },
    {
        0x1.312e48p-5f, 0x1.d6a744p-7f, 0x1.8ff39cp-8f, 0x1.7215b8p-9f,
        0x1.70c50ap-10f, 0x1.87bd56p-11f, 0x1.b8a68ep-12f, 0x1.02fe7p-12f,
        0x1.f95d5p-14f, 0x1.b64298p-15f, 0x1.a6988cp-16f, 0x1.bb1cf4p-17f,
        0x1.f2393cp-18f, 0x1.27a5dap-18f, 0x1.70dabap-19f, 0x1.dded68p-20f,
    },
    {
        -0x1.f181acp-7f, -0x1.572dfap-8f, -0x1.05b83p-9f, -0x1.b46d1cp-11f,
        -0x1.899d92p-12f, -0x1.7c40ep-13f, -0x1.86f38ep-14f, -0x1.a5c36ep-15f,
        -0x1.70166p-16f, -0x1.139504p-17f, -0x1.d1c51cp-19f, -0x1.b1824cp-20f,
        -0x1.b58e64p-21f, -0x1.d662ecp-22f, -0x1.0c1bd4p-22f, -0x1.3f893ap-23f,
    },
    {
        0x1.71e35ep-8f, 0x1.cdb214p-10f, 0x1.3f5ae4p-11f, 0x1.e44e54p-13f,
        0x1.8e7ad8p-14f, 0x1.60788p-15f, 0x1.4c8456p-16f, 0x1.4bc17p-17f,
        0x1.02a5e6p-18f, 0x1.508ecap-20f, 0x1.f56074p-22f, 0x1.a08322p-23f,
        0x1.7a793ep-24f, 0x1.7234a6p-25f, 0x1.819654p-26f, 0x1.a73bp-27f,
    },
};
alignas(64) inline constexpr float kGeluSlopeTable[7][16] = {
    {
        -0x1.40b152p-1f, -0x1.2527dcp-1f, -0x1.1355a6p-1f, -0x1.071576p-1f,
        -0x1.fc7d6p-2f, -0x1.ef397ep-2f, -0x1.e4faecp-2f, -0x1.dcc6eap-2f,
        -0x1.d3442ap-2f, -0x1.ca072ap-2f, -0x1.c341dcp-2f, -0x1.be16ccp-2f,
        -0x1.ba089p-2f, -0x1.b6c024p-2f, -0x1.b410fcp-2f, -0x1.b1cfd2p-2f,
    },
    {
        0x1.15a7bp-3f, 0x1.5bbd94p-4f, 0x1.d1cbcep-5f, 0x1.4925fcp-5f,
        0x1.e597e2p-6f, 0x1.72d352p-6f, 0x1.238836p-6f, 0x1.d4762ap-7f,
        0x1.5e06ecp-7f, 0x1.f4edc2p-8f, 0x1.77185ap-8f, 0x1.22d0ccp-8f,
        0x1.cfe93p-9f, 0x1.7a1ed6p-9f, 0x1.3a5b16p-9f, 0x1.094468p-9f,
    },
    {
        -0x1.19c41p-4f, -0x1.2c5b08p-5f, -0x1.5a8174p-6f, -0x1.aad682p-7f,
        -0x1.15914ep-7f, -0x1.799d86p-8f, -0x1.0aff14p-8f, -0x1.84c6bp-9f,
        -0x1.fc2ep-10f, -0x1.36d722p-10f, -0x1.959c42p-11f, -0x1.163712p-11f,
        -0x1.8db28ap-12f, -0x1.25603p-12f, -0x1.bd9aa6p-13f, -0x1.59e9f6p-13f,
    },
    {
        0x1.faa1d2p-6f, 0x1.d6533cp-7f, 0x1.dc14d4p-8f, 0x1.036446p-8f,
        0x1.2ce56p-9f, 0x1.6fff9ap-10f, 0x1.d76e7ep-11f, 0x1.38d4dp-11f,
        0x1.6808aep-12f, 0x1.7ad0e4p-13f, 0x1.b080b4p-14f, 0x1.073a94p-14f,
        0x1.51e5b4p-15f, 0x1.c3e90ap-16f, 0x1.39e30ap-16f, 0x1.c0bb28p-17f,
    },
    {
        -0x1.9d692cp-7f, -0x1.5387fcp-8f, -0x1.319fep-9f, -0x1.29e9dep-10f,
        -0x1.3711a6p-11f, -0x1.58936ep-12f, -0x1.92555ap-13f, -0x1.e91a76p-14f,
        -0x1.f286a8p-15f, -0x1.c5a5b6p-16f, -0x1.c6ef96p-17f, -0x1.ecb918p-18f,
        -0x1.1c91d6p-18f, -0x1.598816p-19f, -0x1.b78438p-20f, -0x1.218c74p-20f,
    },
    {
        0x1.3a8e24p-8f, 0x1.cd8898p-10f, 0x1.74a2fep-11f, 0x1.476048p-12f,
        0x1.35ac96p-13f, 0x1.38615ep-14f, 0x1.4df1a4p-15f, 0x1.7549c4p-16f,
        0x1.551b0cp-17f, 0x1.0d299ep-18f, 0x1.db1a8ap-20f, 0x1.ca80b6p-21f,
        0x1.dd11bcp-22f, 0x1.072bb6p-22f, 0x1.32b5b2p-23f, 0x1.74a1bp-24f,
    },
    {
        -0x1.b936ap-10f, -0x1.24587ep-11f, -0x1.abb71cp-13f, -0x1.5599d8p-14f,
        -0x1.26d6b6p-15f, -0x1.107edcp-16f, -0x1.0b9686p-17f, -0x1.14efd8p-18f,
        -0x1.c522f4p-20f, -0x1.37bb7cp-21f, -0x1.e68f2ap-23f, -0x1.a461dp-24f,
        -0x1.8aec4cp-25f, -0x1.8d7876p-26f, -0x1.a84b1cp-27f, -0x1.dbcbc4p-28f,
    },
};
alignas(64) inline constexpr float kNormalTableCenters[16] = {
    0x1.fff074p-3f, 0x1.7fee1ap-1f, 0x1.3ffeecp+0f, 0x1.c003b4p+0f,
    0x1.1fffd8p+1f, 0x1.5ffe26p+1f, 0x1.9fc8dep+1f, 0x1.e00feep+1f,
    0x1.201e5ap+2f, 0x1.5fffd8p+2f, 0x1.9ff7b4p+2f, 0x1.e00e4p+2f,
    0x1.100168p+3f, 0x1.301c2cp+3f, 0x1.4fffbp+3f, 0x1.6ffa2ep+3f,
};
inline constexpr float kGeluRootHigh = 0x1.80ead2p-1f, kGeluRootLow = -0x1.a03fd4p-27f;
// The coefficient table for lanes of T: for_float or for_double.
template <typename T, class FloatTable, class DoubleTable>
constexpr const auto& TableFor(const FloatTable& for_float, const DoubleTable& for_double) {
  if constexpr (sizeof(T) == sizeof(float)) {
    return for_float;
  } else {
    return for_double;
  }
}

inline constexpr double kErfCoreMax = 0.75;
// Beyond this, erfc(z) and exp(-z^2) are 0 in double even before ScaledExp's 2^-64 is applied
// (z^2 - 64 ln2 > 745), so clamping z here changes no result and keeps t and z^2 finite.
inline constexpr double kErfcZeroBeyond = 28.5;

// erfcx(z) = e^(z^2) erfc(z) for 0 <= z <= kErfcZeroBeyond.
template <class D>
HWY_INLINE hn::Vec<D> ScaledErfc(D d, hn::Vec<D> z) {
  const auto k4 = hn::Set(d, 4.0);
  const auto t = hn::Div(hn::Sub(z, k4), hn::Add(z, k4));
  const auto one_plus_2z = hn::MulAdd(hn::Set(d, 2.0), z, hn::Set(d, 1.0));
  const auto& coefficients = TableFor<hn::TFromD<D>>(kErfcxNumeratorFloat, kErfcxNumerator);
  return hn::Div(Horner(d, t, coefficients), one_plus_2z);
}

// e^arg for finite arg <= 0 as scaled * scale, with scaled normal down to the type's exp
// underflow. Results below the smallest normal (2^-1022 double, 2^-126 float) are subnormal:
// a kernel that multiplies a subnormal e^arg by a large factor (x e^x in silu at x = -740)
// rounds twice and loses up to |x|/2 ULP. Kernels instead multiply by `scaled` and apply
// `scale` last, so only one rounding lands in the subnormals.
// Below kTail, scaled = e^(arg + 64 ln2) and scale = 2^-64; arg + kLn2x64High is exact there
// (double: multiples of 2^-43 below 1024 in magnitude; float: multiples of 2^-17 below 128,
// and below -128 every float result is 0 anyway).
template <typename T>
struct ScaledExpConstants;
template <>
struct ScaledExpConstants<double> {
  static constexpr double kTail = -600.0;
  static constexpr double kLn2x64High = 0x1.62e42fefa39fp+5;   // 64 ln2 to a multiple of 2^-43
  static constexpr double kLn2x64Low = -0x1.950d871319ffp-48;  // 64 ln2 - kLn2x64High
};
template <>
struct ScaledExpConstants<float> {
  static constexpr float kTail = -80.0f;
  static constexpr float kLn2x64High = 0x1.62e43p+5f;    // 64 ln2 to a multiple of 2^-17
  static constexpr float kLn2x64Low = -0x1.05c61p-23f;   // 64 ln2 - kLn2x64High
};
template <class D>
struct ScaledExpResult {
  hn::Vec<D> scaled;
  hn::Vec<D> scale;  // 1 or 2^-64
};
template <class D>
HWY_INLINE ScaledExpResult<D> ScaledExp(D d, hn::Vec<D> arg) {
  using K = ScaledExpConstants<hn::TFromD<D>>;
  const auto tail = hn::Lt(arg, hn::Set(d, K::kTail));
  const auto e = hn::Exp(d, hn::IfThenElse(tail, hn::Add(arg, hn::Set(d, K::kLn2x64High)), arg));
  const auto scaled = hn::IfThenElse(tail, hn::MulAdd(e, hn::Set(d, K::kLn2x64Low), e), e);
  return {scaled, hn::IfThenElse(tail, hn::Set(d, 0x1p-64f), hn::Set(d, 1.0f))};
}

// exp(-(a*a) * s) as ScaledExp, with a*a split exactly (s is 1 or 1/2, so h*s is exact).
template <class D>
HWY_INLINE ScaledExpResult<D> ExpMinusSquare(D d, hn::Vec<D> a, double s) {
  const auto h = hn::Mul(a, a);
  const auto l = ProductError(d, a, a, h);  // a*a - h, exact
  const auto s_v = hn::Set(d, s);
  auto r = ScaledExp(d, hn::Neg(hn::Mul(h, s_v)));
  // exp(-(h + l) s) = exp(-h s) (1 - l s + ...), |l s| <= 2^-53 h.
  r.scaled = hn::NegMulAdd(r.scaled, hn::Mul(l, s_v), r.scaled);
  return r;
}

// erfc(z) for z >= 0 (clamped internally; returns +0 beyond kErfcZeroBeyond).
template <class D>
HWY_INLINE hn::Vec<D> ErfcNonNegative(D d, hn::Vec<D> z) {
  const auto zc = hn::Min(z, hn::Set(d, kErfcZeroBeyond));
  const auto gaussian = ExpMinusSquare(d, zc, 1.0);
  return hn::Mul(hn::Mul(gaussian.scaled, ScaledErfc(d, zc)), gaussian.scale);
}

// erfc(z) for every double z: erfc(-z) = 2 - erfc(z). NaN propagates.
template <class D>
HWY_INLINE hn::Vec<D> Erfc(D d, hn::Vec<D> z) {
  const auto tail = ErfcNonNegative(d, hn::Abs(z));
  const auto r = hn::IfThenElse(hn::Lt(z, hn::Zero(d)), hn::Sub(hn::Set(d, 2.0), tail), tail);
  return hn::IfThenElse(hn::IsNaN(z), z, r);
}

// erf(z) for every double z; erf(-0) = -0, subnormals handled by the odd polynomial.
template <class D>
HWY_INLINE hn::Vec<D> Erf(D d, hn::Vec<D> z) {
  const auto a = hn::Abs(z);
  const auto& coefficients = TableFor<hn::TFromD<D>>(kErfCoreFloat, kErfCore);
  const auto core = hn::Mul(z, Horner(d, hn::Mul(z, z), coefficients));
  const auto tail = hn::CopySignToAbs(hn::Sub(hn::Set(d, 1.0), ErfcNonNegative(d, a)), z);
  const auto r = hn::IfThenElse(hn::Lt(a, hn::Set(d, kErfCoreMax)), core, tail);
  return hn::IfThenElse(hn::IsNaN(z), z, r);
}

// Phi(-a) = erfc(a / sqrt2) / 2 and exp(-a^2 / 2) for a >= 0 (clamped), both scaled by
// `scale` as in ScaledExp: Phi(-a) = tail * scale.
template <class D>
struct NormalTailResult {
  hn::Vec<D> tail;      // Phi(-a) / scale
  hn::Vec<D> gaussian;  // exp(-a^2 / 2) / scale
  hn::Vec<D> scale;
};
template <class D>
HWY_INLINE NormalTailResult<D> NormalTail(D d, hn::Vec<D> a) {
  // Both are 0 beyond a = 40.5 even scaled (a^2/2 - 64 ln2 > 745), see kErfcZeroBeyond.
  const auto ac = hn::Min(a, hn::Set(d, 40.5));
  const auto gaussian = ExpMinusSquare(d, ac, 0.5);
  const auto z = hn::Mul(ac, hn::Set(d, 0.70710678118654752440));  // a / sqrt2
  // ScaledErfc for float results: F by Estrin, and one division for both t = (z - 4) / (z + 4)
  // and 1 / (1 + 2z) (through 1 / ((z + 4)(1 + 2z))), a few double ULP from the exact quotients.
  const auto z_plus_4 = hn::Add(z, hn::Set(d, 4.0));
  const auto one_plus_2z = hn::MulAdd(hn::Set(d, 2.0), z, hn::Set(d, 1.0));
  const auto inv = hn::Div(hn::Set(d, 1.0), hn::Mul(z_plus_4, one_plus_2z));
  const auto t = hn::Mul(hn::Mul(hn::Sub(z, hn::Set(d, 4.0)), one_plus_2z), inv);
  const auto f = hn::Mul(Estrin(d, t, kErfcxNumerator), hn::Mul(z_plus_4, inv));
  const auto tail = hn::Mul(hn::Mul(gaussian.scaled, hn::Set(d, 0.5)), f);
  return {tail, gaussian.scaled, gaussian.scale};
}

// Phi(-a) = erfc(a / sqrt2) / 2 for a >= 0 in double lanes, in two parts, for kernels that round
// once more after it (gelu_erf in double): Phi(-a) = Scale(exp, tail_hi + tail_lo), within
// ~0.4 ULP before that rounding (NormalTail's three rounded factors reach 3 ULP). The same
// F(t) / (1 + 2z), but e^(-a^2/2) from ExpSplit, F's last Horner step and 1 / (1 + 2z) in two
// parts, and the rounding of z = a / sqrt2 corrected to first order with erfcx' = 2z erfcx - 2/sqrtpi.
template <class D>
struct NormalTailSplitResult {
  hn::Vec<D> tail_hi, tail_lo;  // Phi(-a) = Scale(exp, tail_hi + tail_lo)
  ExpSplitResult<D> exp;        // e^(-a^2/2) = Scale(exp, exp.hi + exp.lo)
};
// Valid for 0 <= a <= kNormalTailMax: callers clamp a there (e^-800 = 0, so every Phi(-a)
// beyond is 0 in double) and use the clamped a in their own products too.
inline constexpr double kNormalTailMax = 40.0;
template <class D>
HWY_INLINE NormalTailSplitResult<D> NormalTailSplit(D d, hn::Vec<D> ac) {
  static_assert(sizeof(hn::TFromD<D>) == sizeof(double), "double lanes only");
  const auto minus_half = hn::Set(d, -0.5);
  const auto sq = hn::Mul(ac, ac);
  const auto e = ExpSplit(d, hn::Mul(sq, minus_half), hn::Mul(ProductError(d, ac, ac, sq), minus_half));
  // z = a / sqrt2 = z + z_lo.
  const auto inv_sqrt2 = hn::Set(d, 0x1.6a09e667f3bcdp-1);
  const auto z = hn::Mul(ac, inv_sqrt2);
  const auto z_lo = hn::MulAdd(ac, hn::Set(d, -0x1.bdd3413b26456p-55), ProductError(d, ac, inv_sqrt2, z));
  // t = (z - 4) / (z + 4) = t + t_lo: z -+ 4 alone lose up to 2^-51 of z, which F'(-1) = 1.7
  // turns into 3.5 ULP of erfc near z = 0.
  const auto k4 = hn::Set(d, 4.0);
  const auto num = TwoSum(d, z, hn::Neg(k4));
  const auto den4 = TwoSum(d, z, k4);
  const auto t = hn::Div(num.sum, den4.sum);
  const auto t_rem = hn::Sub(hn::NegMulAdd(t, den4.error, num.error), ProductError(d, t, den4.sum, num.sum));
  const auto t_lo = hn::Div(t_rem, den4.sum);
  // F(t) = c0 + t p(t); |t p| < 0.25 < c0, so Fast2Sum applies.
  const auto p = Horner(d, t, kErfcxNumerator, 1);
  const auto c0 = hn::Set(d, kErfcxNumerator[0]);
  const auto tp = hn::Mul(t, p);
  const auto f_hi = hn::Add(c0, tp);
  auto f_lo = hn::Add(hn::Add(hn::Sub(c0, f_hi), tp), ProductError(d, t, p, tp));
  // w = 1 / (1 + 2z) = w_hi + w_lo (Newton step on the exact 1 + 2z).
  const auto one = hn::Set(d, 1.0);
  const auto two_z = hn::Add(z, z);
  const auto den = TwoSum(d, one, two_z);
  const auto w = Reciprocal(d, den.sum, den.error);
  const auto w_hi = w.hi;
  const auto w_lo = w.lo;
  // erfcx(z) ~ F w (to first order) gives erfcx'(z) = 2z erfcx - 2/sqrt(pi) and
  // dF/dt = (2 erfcx + (1 + 2z) erfcx') (z + 4)^2 / 8, for the corrections by t_lo and z_lo.
  const auto approx = hn::Mul(f_hi, w_hi);
  const auto dex_dz = hn::MulSub(two_z, approx, hn::Set(d, 0x1.20dd750429b6dp+0));
  const auto df_dz = hn::MulAdd(den.sum, dex_dz, hn::Add(approx, approx));
  const auto df_dt = hn::Mul(df_dz, hn::Mul(hn::Mul(den4.sum, den4.sum), hn::Set(d, 0.125)));
  f_lo = hn::MulAdd(t_lo, df_dt, f_lo);
  // erfcx(z) = F w, plus z_lo erfcx'(z).
  const auto ex_hi = hn::Mul(f_hi, w_hi);
  auto ex_lo = hn::MulAdd(f_hi, w_lo, hn::MulAdd(f_lo, w_hi, ProductError(d, f_hi, w_hi, ex_hi)));
  ex_lo = hn::MulAdd(z_lo, dex_dz, ex_lo);
  // Phi(-a) = erfcx(z) e^(-a^2/2) / 2.
  const auto m = hn::Mul(e.hi, ex_hi);
  const auto m_lo = hn::MulAdd(e.hi, ex_lo, hn::MulAdd(e.lo, ex_hi, ProductError(d, e.hi, ex_hi, m)));
  return {hn::Mul(m, hn::Set(d, 0.5)), hn::Mul(m_lo, hn::Set(d, 0.5)), e};
}

}  // namespace HWY_NAMESPACE
}  // namespace act
HWY_AFTER_NAMESPACE();

#endif  // ACT_ERF_INL_H_
