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
// in steps of 1 (fit_erf normal_table 6 6: rows c0 .. c6, then c0's low part).
//   P(a) = Phi(-a) e^(a^2/2) = erfcx(a / sqrt2) / 2, within 0.53 * 2^-24 relative including the
//     float evaluation;
//   S(a) = (P(a) - a / sqrt(2 pi)) / (a - r), r = kGeluRootHigh + kGeluRootLow = 0.7517915
//     (gelu'(-r) = 0), within 0.12 * 2^-24: gelu'(-a) = e^(-a^2/2) (a - r) S(a).
alignas(64) inline constexpr float kNormalTable[8][16] = {
    {
        0x1.a7f808p-2f, 0x1.337024p-2f, 0x1.d898dep-3f, 0x1.7b5abep-3f,
        0x1.3aaddep-3f, 0x1.0bb968p-3f, 0x1.d0b31cp-4f, 0x1.99c2b6p-4f,
        0x1.5b5acep-4f, 0x1.201faap-4f, 0x1.eba5fep-5f, 0x1.ac6292p-5f,
        0x1.7b5f34p-5f, 0x1.545298p-5f, 0x1.34805ap-5f, 0x1.1a1574p-5f,
    },
    {
        -0x1.2e8654p-2f, -0x1.63e074p-3f, -0x1.c49324p-4f, -0x1.3253b8p-4f,
        -0x1.b405ccp-5f, -0x1.432b1ap-5f, -0x1.ef2cc8p-6f, -0x1.85dc7ep-6f,
        -0x1.1be2c6p-6f, -0x1.8b1956p-7f, -0x1.21ae92p-7f, -0x1.b9fa6cp-8f,
        -0x1.5bcb4p-8f, -0x1.188feep-8f, -0x1.cdeeacp-9f, -0x1.82bdeep-9f,
    },
    {
        0x1.5c5676p-3f, 0x1.5bf7f4p-4f, 0x1.7b79d2p-5f, 0x1.bd45f6p-6f,
        0x1.15aa6cp-6f, 0x1.6c5e3cp-7f, 0x1.f2f5dp-8f, 0x1.62200ep-8f,
        0x1.bfbafp-9f, 0x1.07e3eap-9f, 0x1.4ea508p-10f, 0x1.c0f9d2p-11f,
        0x1.3ae804p-11f, 0x1.c9eb5ep-12f, 0x1.56ee3ep-12f, 0x1.073c62p-12f,
    },
    {
        -0x1.59485p-4f, -0x1.2c809ep-5f, -0x1.1f3178p-6f, -0x1.296134p-7f,
        -0x1.49b98cp-8f, -0x1.838b3ep-9f, -0x1.dec4b2p-10f, -0x1.34a1e8p-10f,
        -0x1.55b728p-11f, -0x1.57fcc4p-12f, -0x1.7b5de8p-13f, -0x1.c15874p-14f,
        -0x1.19b9a4p-14f, -0x1.7207p-15f, -0x1.f8feb2p-16f, -0x1.63da88p-16f,
    },
    {
        0x1.3127ecp-5f, 0x1.d687ap-7f, 0x1.8fefdcp-8f, 0x1.721cf8p-9f,
        0x1.70c4p-10f, 0x1.87b622p-11f, 0x1.b7d432p-12f, 0x1.031f1cp-12f,
        0x1.fa34eap-14f, 0x1.b64098p-15f, 0x1.a6723p-16f, 0x1.bb58c8p-17f,
        0x1.f244e8p-18f, 0x1.28272cp-18f, 0x1.70d8f8p-19f, 0x1.ddc8fep-20f,
    },
    {
        -0x1.f27b36p-7f, -0x1.57a868p-8f, -0x1.0612bap-9f, -0x1.b4f7fcp-11f,
        -0x1.89fdb4p-12f, -0x1.7c880cp-13f, -0x1.866152p-14f, -0x1.a640c4p-15f,
        -0x1.718024p-16f, -0x1.13f976p-17f, -0x1.d21984p-19f, -0x1.b22ac2p-20f,
        -0x1.b5ebf4p-21f, -0x1.d79f8ap-22f, -0x1.0c3cdap-22f, -0x1.3f8f36p-23f,
    },
    {
        0x1.728b62p-8f, 0x1.ce5d12p-10f, 0x1.3fc084p-11f, 0x1.e4d24cp-13f,
        0x1.8ed536p-14f, 0x1.60bb66p-15f, 0x1.4c9dbp-16f, 0x1.4bf874p-17f,
        0x1.0331dap-18f, 0x1.510582p-20f, 0x1.f5e2e8p-22f, 0x1.a0eacp-23f,
        0x1.7abfb6p-24f, 0x1.728c1ap-25f, 0x1.81c6c8p-26f, 0x1.a7624p-27f,
    },
    {
        0x1.69e57p-30f, -0x1.086b3cp-27f, 0x1.38de32p-32f, -0x1.a05f8ap-28f,
        -0x1.cc2dp-32f, 0x1.9bdb28p-28f, 0x1.04a878p-33f, 0x1.b67674p-29f,
        -0x1.89d408p-29f, -0x1.b4c90ap-29f, 0x1.6c52cap-31f, 0x1.7b77fcp-30f,
        -0x1.df6f06p-30f, -0x1.a112ap-30f, -0x1.65c104p-32f, 0x1.c1f41cp-31f,
    },
};
alignas(64) inline constexpr float kGeluSlopeTable[8][16] = {
    {
        -0x1.40b0ccp-1f, -0x1.252658p-1f, -0x1.135586p-1f, -0x1.0715c2p-1f,
        -0x1.fc7d56p-2f, -0x1.ef3928p-2f, -0x1.e4f314p-2f, -0x1.dcc8bcp-2f,
        -0x1.d3495ap-2f, -0x1.ca0726p-2f, -0x1.c3411ap-2f, -0x1.be17dp-2f,
        -0x1.ba08b8p-2f, -0x1.b6c2bep-2f, -0x1.b410f6p-2f, -0x1.b1cf72p-2f,
    },
    {
        0x1.15a58ep-3f, 0x1.5bb316p-4f, 0x1.d1ca5ap-5f, 0x1.492912p-5f,
        0x1.e5978cp-6f, 0x1.72d098p-6f, 0x1.234ebep-6f, 0x1.d48e5cp-7f,
        0x1.5e4334p-7f, 0x1.f4ed62p-8f, 0x1.770b34p-8f, 0x1.22e04ap-8f,
        0x1.cfed8ep-9f, 0x1.7a5f7p-9f, 0x1.3a5a8cp-9f, 0x1.093c8cp-9f,
    },
    {
        -0x1.19c12ep-4f, -0x1.2c4eb4p-5f, -0x1.5a7ff2p-6f, -0x1.aadc24p-7f,
        -0x1.159108p-7f, -0x1.799988p-8f, -0x1.0ab2fcp-8f, -0x1.84e3e4p-9f,
        -0x1.fcae26p-10f, -0x1.36d6cap-10f, -0x1.95873cp-11f, -0x1.164d0ep-11f,
        -0x1.8db81ap-12f, -0x1.25aad6p-12f, -0x1.bd998p-13f, -0x1.59daa8p-13f,
    },
    {
        0x1.fa98b2p-6f, 0x1.d639c8p-7f, 0x1.dc111cp-8f, 0x1.03682ap-8f,
        0x1.2ce4aap-9f, 0x1.6ffa56p-10f, 0x1.d6c118p-11f, 0x1.38f322p-11f,
        0x1.687d8ap-12f, 0x1.7acf78p-13f, 0x1.b0629ep-14f, 0x1.0755c6p-14f,
        0x1.51ebc2p-15f, 0x1.c48114p-16f, 0x1.39e1e2p-16f, 0x1.c0a0bep-17f,
    },
    {
        -0x1.9d616ep-7f, -0x1.5372ep-8f, -0x1.319d5p-9f, -0x1.29ef62p-10f,
        -0x1.3710e2p-11f, -0x1.588d8ep-12f, -0x1.91a1acp-13f, -0x1.e95456p-14f,
        -0x1.f34eccp-15f, -0x1.c5a3eap-16f, -0x1.c6c88cp-17f, -0x1.ecf87p-18f,
        -0x1.1c9838p-18f, -0x1.5a18cep-19f, -0x1.b7823ap-20f, -0x1.21773ap-20f,
    },
    {
        0x1.3b1b3p-8f, 0x1.ce19f2p-10f, 0x1.7515a4p-11f, 0x1.47bd5ep-12f,
        0x1.35efdap-13f, 0x1.38951ep-14f, 0x1.4d7908p-15f, 0x1.75afa2p-16f,
        0x1.565004p-17f, 0x1.0d821ep-18f, 0x1.db6686p-20f, 0x1.cb2666p-21f,
        0x1.dd6fe4p-22f, 0x1.07d42ep-22f, 0x1.32d8a4p-23f, 0x1.74a70cp-24f,
    },
    {
        -0x1.b9ec3cp-10f, -0x1.24ba2ap-11f, -0x1.ac31c6p-13f, -0x1.55edbp-14f,
        -0x1.2712dep-15f, -0x1.10ad5ep-16f, -0x1.0ba7cep-17f, -0x1.151992p-18f,
        -0x1.c6026p-20f, -0x1.381f62p-21f, -0x1.e70262p-23f, -0x1.a4c22cp-24f,
        -0x1.8b302p-25f, -0x1.8dd096p-26f, -0x1.a87ca8p-27f, -0x1.dbf4b4p-28f,
    },
    {
        0x1.c20f42p-26f, 0x1.eddce6p-26f, -0x1.41f8e8p-26f, -0x1.6ecf26p-28f,
        -0x1.022b5ap-27f, -0x1.6aa6ccp-29f, 0x1.62e6d2p-28f, -0x1.cdfb28p-28f,
        -0x1.b05fccp-28f, 0x1.c553eap-27f, 0x1.eb7ef4p-28f, 0x1.f10b64p-27f,
        -0x1.924b58p-27f, 0x1.18b12p-36f, 0x1.319b12p-29f, 0x1.01a0aap-27f,
    },
};
alignas(64) inline constexpr float kNormalTableCenters[16] = {
    0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3.25f, 3.75f,
    4.5f,  5.5f,  6.5f,  7.5f,  8.5f,  9.5f,  10.5f, 11.5f,
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
