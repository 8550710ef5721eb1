// Generates the coefficient tables of kernels/math/ (erf-inl.h, exp2_table.h) and kernels/families/
// (gelu_tables.h, mish_tables.h, gelu-inl.h's GeluRootConstants).
//
// Chebyshev interpolants computed in 50-digit arithmetic and converted to monomial form:
//   1. erfc tail:  F(t) = (1 + 2z) * erfcx(z),  t = (z - K) / (z + K),  z in [0, inf)
//      F is smooth and bounded (F(-1) = 1, F(1) = 2/sqrt(pi)), so a modest degree reaches double
//      precision over the whole half line; erfc(z) = exp(-z^2) * F(t) / (1 + 2z).
//   2. erf core:   G(w) = erf(z) / z,  w = z^2 in [0, kErfCoreMax^2]  (erf(z) = z * G(z^2)).
//   3. gelu' next to its root r = -0.7517916:  gelu'(x) = (x - r) Q(s),  s = x + 13/16 in
//      [-1/2, 3/8] (x in [-21/16, -7/16]), so the kernel gets gelu' from an exact x - r_hi and a
//      smooth Q instead of the cancelling sum Phi(x) + x phi(x).
//   4. gelu_erf's float tables: Phi(-a) e^(a^2/2) and gelu's slope factor as sixteen degree-6
//      polynomials each in a (FitNormalTables below), for families/gelu_tables.h.
//   5. mish's float tables: tanh(softplus(x)) and mish' as sixteen polynomials each in
//      u = e^-|x| (FitMishTables below).
//   6. the lean e^t's sixteen-entry table 2^(j/16) and its degree-3 e^r - 1 (FitExp2Table).
// Usage: fit_tables [erfc_degree erf_degree [float]]   prints C++ hex-float literals and the fit
// errors (with `float`: coefficients rounded to float and evaluated in float, in float ULP).
//        fit_tables gelu_root [degree [float]]         prints r (high + low) and Q.
//        fit_tables normal_table [p_degree [s_degree]] prints kNormalTable and kGeluSlopeTable.
//        fit_tables mish_table [tanh_degree [slope_degree]] prints kernels/families/mish_tables.h's.
//        fit_tables exp2_table                          prints kernels/math/exp2_table.h's.
#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <vector>

using Real = boost::multiprecision::cpp_bin_float_50;

namespace {

constexpr double kErfcxMapScale = 4.0;  // K in t = (z - K) / (z + K)
constexpr double kErfCoreMax = 0.75;    // |z| below which erf uses the odd polynomial

// Chebyshev interpolant of f on [-1, 1] at n first-kind nodes, as monomial coefficients in u.
std::vector<Real> ChebyshevMonomial(const std::function<Real(const Real&)>& f, int n) {
  const Real pi = boost::math::constants::pi<Real>();
  std::vector<Real> cheb(n, Real(0));
  for (int k = 0; k < n; ++k) {
    const Real theta = pi * (k + Real(0.5)) / n;
    const Real fx = f(cos(theta));
    for (int j = 0; j < n; ++j) cheb[j] += fx * cos(j * theta);
  }
  for (int j = 0; j < n; ++j) cheb[j] *= Real(2) / n;
  cheb[0] /= 2;
  // Convert sum c_j T_j(u) to monomials using T_{j+1} = 2u T_j - T_{j-1}.
  std::vector<Real> mono(n, Real(0)), t_prev(n, Real(0)), t_cur(n, Real(0));
  t_prev[0] = 1;  // T_0
  if (n > 1) t_cur[1] = 1;  // T_1
  for (int i = 0; i < n; ++i) mono[i] += cheb[0] * t_prev[i];
  for (int j = 1; j < n; ++j) {
    for (int i = 0; i < n; ++i) mono[i] += cheb[j] * t_cur[i];
    std::vector<Real> t_next(n, Real(0));
    for (int i = 0; i < n; ++i) {
      if (i + 1 < n) t_next[i + 1] += 2 * t_cur[i];
      t_next[i] -= t_prev[i];
    }
    t_prev = t_cur;
    t_cur = t_next;
  }
  return mono;
}

// Horner in R with the coefficients rounded to R, as the kernel does.
template <typename R>
double HornerIn(const std::vector<double>& c, double u) {
  R p = static_cast<R>(c.back());
  for (int i = static_cast<int>(c.size()) - 2; i >= 0; --i) {
    p = std::fma(p, static_cast<R>(u), static_cast<R>(c[i]));
  }
  return p;
}

bool g_float = false;  // round coefficients to float and evaluate in float

void Print(const char* name, const std::vector<Real>& mono, std::vector<double>& rounded) {
  std::printf("// %s, degree %zu, lowest order first\n", name, mono.size() - 1);
  rounded.clear();
  for (const Real& c : mono) {
    if (g_float) {
      rounded.push_back(static_cast<float>(c));
      std::printf("    %af,  // %.9g\n", rounded.back(), rounded.back());
    } else {
      rounded.push_back(static_cast<double>(c));
      std::printf("    %a,  // %.17g\n", rounded.back(), rounded.back());
    }
  }
}

double Horner(const std::vector<double>& c, double u) {
  return g_float ? HornerIn<float>(c, u) : HornerIn<double>(c, u);
}

// Monomial coefficients in s of a polynomial given as monomials in u = (s - mid) / half.
std::vector<Real> ShiftScale(const std::vector<Real>& in_u, const Real& mid, const Real& half) {
  const size_t n = in_u.size();
  std::vector<Real> out(n, Real(0));
  // u^i = (s - mid)^i / half^i, expanded with the binomial theorem.
  for (size_t i = 0; i < n; ++i) {
    Real binom = 1;
    for (size_t k = 0; k <= i; ++k) {
      out[k] += in_u[i] * binom * pow(-mid, static_cast<int>(i - k)) / pow(half, static_cast<int>(i));
      binom = binom * static_cast<int>(i - k) / static_cast<int>(k + 1);
    }
  }
  return out;
}

int FitGeluRoot(int terms, bool as_float) {
  g_float = as_float;
  const Real pi = boost::math::constants::pi<Real>();
  const Real inv_sqrt2 = 1 / sqrt(Real(2)), inv_sqrt2pi = 1 / sqrt(2 * pi);
  auto pdf = [&](const Real& x) { return exp(-x * x / 2) * inv_sqrt2pi; };
  auto slope = [&](const Real& x) { return boost::math::erfc(-x * inv_sqrt2) / 2 + x * pdf(x); };
  Real r = -0.75;  // Newton on gelu'' = phi(x) (2 - x^2)
  for (int i = 0; i < 20; ++i) r -= slope(r) / (pdf(r) * (2 - r * r));
  const double r_hi = as_float ? static_cast<float>(r) : static_cast<double>(r);
  const double r_lo = as_float ? static_cast<float>(r - r_hi) : static_cast<double>(r - r_hi);
  std::printf("// root r = %s\n    r_hi = %a, r_lo = %a\n", r.str(25).c_str(), r_hi, r_lo);
  // s = x + 13/16 in [-1/2, 3/8]: mid -1/16, half 7/16.
  const Real offset = Real(13) / 16, mid = Real(-1) / 16, half = Real(7) / 16;
  auto q_of_s = [&](const Real& s) { return slope(s - offset) / (s - offset - r); };
  auto q_of_u = [&](const Real& u) { return q_of_s(mid + half * u); };
  std::vector<double> coef;
  const std::vector<Real> q = ShiftScale(ChebyshevMonomial(q_of_u, terms), mid, half);
  Print("Q(s) = gelu'(x) / (x - r), s = x + 13/16", q, coef);
  const double low[2] = {static_cast<double>(q[0] - coef[0]), static_cast<double>(q[1] - coef[1])};
  if (as_float) {
    std::printf("// low parts of the two lowest orders: %af, %af\n", static_cast<float>(low[0]),
                static_cast<float>(low[1]));
  } else {
    std::printf("// low parts of the two lowest orders: %a, %a\n", low[0], low[1]);
  }
  // The kernel evaluates the two lowest orders in two parts (Q varies by 2x over the interval,
  // so plain Horner loses ~2 ULP to its last steps): what matters is the fit itself.
  double max_fit = 0, max_horner = 0;
  for (int i = 0; i <= 20000; ++i) {
    const double s = -0.5 + 0.875 * i / 20000;
    const Real exact = q_of_s(Real(s));
    Real p = coef.back();
    for (size_t k = coef.size() - 1; k-- > 0;) p = p * s + coef[k] + (k < 2 ? low[k] : 0.0);
    max_fit = std::max(max_fit, static_cast<double>(abs((p - exact) / exact)));
    max_horner = std::max(max_horner, std::fabs((Horner(coef, s) - static_cast<double>(exact)) /
                                                static_cast<double>(exact)));
  }
  const double epsilon = as_float ? 0x1p-24 : 0x1p-53;
  std::printf("// max relative error: fit %.3g (%.3f ulp), plain Horner %.2f ulp\n", max_fit,
              max_fit / epsilon, max_horner / epsilon);
  return 0;
}

// A table of sixteen intervals: interval i is [left(i), left(i) + width(i)] and holds f(i, .).
struct TableLayout {
  std::function<double(int)> left, width;
  std::function<Real(int, const Real&)> f;
};
// gelu_erf's: eight intervals of 1/2 on [0, 4) and eight of 1 on [4, 12), so the kernel finds
// i = floor(a + min(a, 4)).
double NormalLeft(int i) { return i < 8 ? i * 0.5 : i - 4.0; }
double NormalWidth(int i) { return i < 8 ? 0.5 : 1.0; }

// Distance of v from the nearest float, in that float's ULP.
double FloatDistance(const Real& v) {
  const float f = static_cast<float>(v);
  const double ulp = std::nextafter(std::fabs(f), INFINITY) - std::fabs(f);
  return static_cast<double>(abs(v - Real(f))) / ulp;
}

// Each interval's center: the float nearest its middle where every one of `fs` lies within
// 2^-7 ULP of a float (Gal's accurate tables), so c0 = f(center) needs no low part. The
// search walks outwards one float at a time.
std::vector<float> AccurateCenters(const TableLayout& layout,
                                   const std::vector<std::function<Real(int, const Real&)>>& fs) {
  std::vector<float> centers;
  for (int i = 0; i < 16; ++i) {
    const float mid = static_cast<float>(layout.left(i) + layout.width(i) / 2);
    float up = mid, down = mid;
    for (int k = 0;; ++k) {
      const float c = k % 2 ? (up = std::nextafter(up, INFINITY)) : (down = k ? std::nextafter(down, -INFINITY) : mid);
      bool good = true;
      for (const auto& f : fs) good = good && FloatDistance(f(i, Real(c))) < 1.0 / 128;
      if (good) {
        centers.push_back(c);
        break;
      }
    }
  }
  std::printf("alignas(64) inline constexpr float kCenters[16] = {\n");
  for (int i = 0; i < 16; ++i) {
    std::printf("%s%af,%s", i % 4 ? " " : "    ", centers[i], i % 4 == 3 ? "\n" : "");
  }
  std::printf("};\n");
  return centers;
}

// Sixteen polynomials, one per interval, in delta = a - center(i): c0 = f(center) rounded to
// float (within 2^-7 ULP at an accurate center) and c1 .. cn the Chebyshev interpolant of
// (f(a) - f(center)) / delta on the interval. Prints them as a float table (rows c0 .. cn) and
// the kernel's evaluation error: c1 .. cn by pairs in float, then c0 + delta r in two parts
// (the FMA's error exactly).
void FitTable(const char* name, const TableLayout& layout, const std::vector<float>& centers,
              int terms) {
  constexpr int kIntervals = 16;
  std::vector<std::vector<double>> coef(terms, std::vector<double>(kIntervals));
  for (int i = 0; i < kIntervals; ++i) {
    const Real half = Real(layout.width(i)) / 2, mid = layout.left(i) + half;
    const Real center = centers[i], f_center = layout.f(i, center);
    auto slope_of_w = [&](const Real& w) {
      const Real a = mid + half * w;
      return (layout.f(i, a) - f_center) / (a - center);
    };
    // Chebyshev in w = (a - mid) / half, re-expanded in delta = a - center.
    const std::vector<Real> c = ShiftScale(ChebyshevMonomial(slope_of_w, terms - 1), mid - center, half);
    coef[0][i] = static_cast<float>(f_center);
    for (int k = 1; k < terms; ++k) coef[k][i] = static_cast<float>(c[k - 1]);
  }
  std::printf("// %s = sum_k c[k][i] delta^k, delta = a - center(i); degree %d\n", name, terms - 1);
  auto print_row = [](const auto& row) {
    std::printf("    {\n");
    for (int i = 0; i < kIntervals; ++i) {
      std::printf("%s%af,%s", i % 4 ? " " : "        ", static_cast<float>(row[i]), i % 4 == 3 ? "\n" : "");
    }
    std::printf("    },\n");
  };
  for (int k = 0; k < terms; ++k) print_row(coef[k]);
  double max_eval = 0, worst_a = 0, max_dr = 0;
  std::vector<double> per_interval(kIntervals, 0.0);
  constexpr int kSamples = 15000;
  for (int i = 0; i < kIntervals; ++i) {
    for (int j = 0; j <= kSamples; ++j) {
      const float a = static_cast<float>(layout.left(i) + layout.width(i) * j / kSamples);
      const float delta = a - centers[i];
      // c1 .. cn as the kernel does: pairs c[2j+1] + c[2j+2] delta, Horner in delta^2.
      const float dd = delta * delta;
      float r = 0;
      for (int k = (terms - 2) / 2 * 2 + 1; k >= 1; k -= 2) {
        const float pair = k + 1 < terms ? std::fma(static_cast<float>(coef[k + 1][i]), delta,
                                                    static_cast<float>(coef[k][i]))
                                         : static_cast<float>(coef[k][i]);
        r = std::fma(r, dd, pair);
      }
      const float c0 = static_cast<float>(coef[0][i]);
      const float hi = std::fma(delta, r, c0);
      const float lo = std::fma(delta, r, c0 - hi);
      const Real exact = layout.f(i, Real(a));
      const double err = static_cast<double>(abs((Real(hi) + lo - exact) / exact)) / 0x1p-24;
      per_interval[i] = std::max(per_interval[i], err);
      if (err > max_eval) max_eval = err, worst_a = a;
      max_dr = std::max(max_dr, static_cast<double>(std::fabs(delta * r / hi)));
    }
  }
  std::printf("// max relative error in 2^-24: %.3f at a = %a; |delta r| <= %.3f |c0|\n// per interval:",
              max_eval, worst_a, max_dr);
  for (int i = 0; i < kIntervals; ++i) std::printf(" %.3f", per_interval[i]);
  std::printf("\n");
}

// The tables of gelu_erf's float path (families/gelu_tables.h):
//   P(a) = Phi(-a) e^(a^2/2) = erfcx(a / sqrt2) / 2, for Phi(-a) = e^(-a^2/2) P(a);
//   S(a) = (P(a) - a / sqrt(2 pi)) / (a - r), r = 0.7517916 (gelu' = 0 at x = -r), for
//     gelu'(x) = e^(-a^2/2) (a - r) S(a) at x = -a <= 0 and 1 - that at x = a >= 0; S is smooth
//     and within [-0.67, -0.39], so gelu' keeps relative accuracy through its root.
int FitNormalTables(int p_terms, int s_terms) {
  const Real inv_sqrt2 = 1 / sqrt(Real(2)), inv_sqrt2pi = 1 / sqrt(2 * boost::math::constants::pi<Real>());
  auto p_of_a = [&](const Real& a) {
    const Real z = a * inv_sqrt2;
    return exp(z * z) * boost::math::erfc(z) / 2;
  };
  Real r = Real(0.75);  // Newton on B(a) = P(a) - a / sqrt(2 pi), B' = a P - 2 / sqrt(2 pi)
  for (int i = 0; i < 30; ++i) r -= (p_of_a(r) - r * inv_sqrt2pi) / (r * p_of_a(r) - 2 * inv_sqrt2pi);
  const float r_hi = static_cast<float>(r), r_lo = static_cast<float>(r - r_hi);
  auto s_of_a = [&](const Real& a) {
    if (abs(a - r) < Real(1e-30)) return (r * r - 2) * inv_sqrt2pi;
    return (p_of_a(a) - a * inv_sqrt2pi) / (a - r);
  };
  std::printf("// r = %s = %af + %af\n", r.str(20).c_str(), r_hi, r_lo);
  const TableLayout p_layout{NormalLeft, NormalWidth, [&](int, const Real& a) { return p_of_a(a); }};
  const TableLayout s_layout{NormalLeft, NormalWidth, [&](int, const Real& a) { return s_of_a(a); }};
  const std::vector<float> centers = AccurateCenters(p_layout, {p_layout.f, s_layout.f});
  FitTable("P(a) = Phi(-a) e^(a^2/2)", p_layout, centers, p_terms);
  FitTable("S(a) = (P(a) - a / sqrt(2 pi)) / (a - r)", s_layout, centers, s_terms);
  return 0;
}

// mish's float tables (kernels/families/mish_tables.h), in u = e^-|x| in (0, 1], eight intervals of 1/8 for
// x < 0 (rows 0-7) and eight for x >= 0 (rows 8-15):
//   tanh:  x < 0, tanh(softplus(x)) = u h(u), h = (u + 2) / (u^2 + 2u + 2);
//          x >= 0, tanh(softplus(x)) = T(u) = 1 - 2u^2 / (1 + 2u + 2u^2);
//   slope: x < 0, mish'(x) = u (h(u) + x g(u)), g = (1 - u^2 h^2) / (1 + u);
//          x >= 0, mish'(x) = T(u) + x u^2 G(u), G = (1 - T^2) / (u^2 (1 + u)) (finite at 0).
int FitMishTables(int tanh_terms, int slope_terms) {
  auto left = [](int i) { return (i % 8) / 8.0; };
  auto width = [](int) { return 1 / 8.0; };
  auto h = [](const Real& u) { return (u + 2) / (u * u + 2 * u + 2); };
  auto k = [](const Real& u) { return 2 / (1 + 2 * u + 2 * u * u); };  // 1 - T = u^2 k
  const TableLayout tanh_layout{left, width, [&](int i, const Real& u) { return i < 8 ? h(u) : 1 - u * u * k(u); }};
  const TableLayout slope_layout{left, width, [&](int i, const Real& u) {
                                   const Real uh = u * h(u), kk = k(u);
                                   return i < 8 ? (1 - uh * uh) / (1 + u) : kk * (2 - u * u * kk) / (1 + u);
                                 }};
  const std::vector<float> centers = AccurateCenters(tanh_layout, {tanh_layout.f, slope_layout.f});
  FitTable("h(u) (rows 0-7), T(u) (rows 8-15)", tanh_layout, centers, tanh_terms);
  FitTable("g(u) (rows 0-7), G(u) (rows 8-15)", slope_layout, centers, slope_terms);
  return 0;
}

// The lean e^t with a sixteen-entry table (kernels/math/exp2_table.h, math/exp_lean-inl.h
// ExpLeanSixteenths): T[j] = 2^(j/16) rounded to float, tau[j] = ln(2^(j/16) / T[j]), ln2/16 in
// a 13-bit high part (k kLn2SixteenthHigh exact for |k| < 2^11) and the rest, and e^r - 1 = r +
// c2 r^2 + c3 r^3 on |r| <= ln2/32 (plus tau's 2^-25), fitted for the least maximum error
// relative to e^r by Lawson's iteration (weighted least squares whose weights grow where the
// error is largest), with the coefficients then rounded to float.
int FitExp2Table() {
  std::printf("alignas(64) inline constexpr float kExp2Sixteenths[16] = {");
  std::vector<Real> exact(16);
  for (int j = 0; j < 16; ++j) {
    exact[j] = pow(Real(2), Real(j) / 16);
    std::printf("%s%af,", j % 4 ? " " : "\n    ", static_cast<float>(exact[j]));
  }
  std::printf("\n};\nalignas(64) inline constexpr float kExp2SixteenthsTau[16] = {");
  for (int j = 0; j < 16; ++j) {
    const Real tau = log(exact[j] / Real(static_cast<float>(exact[j])));
    std::printf("%s%af,", j % 4 ? " " : "\n    ", static_cast<float>(tau));
  }
  const Real ln2_16 = log(Real(2)) / 16;
  const double ln2_16_d = static_cast<double>(ln2_16);
  int exponent = 0;
  std::frexp(ln2_16_d, &exponent);
  const double quantum = std::ldexp(1.0, exponent - 13);
  const float high = static_cast<float>(std::nearbyint(ln2_16_d / quantum) * quantum);
  std::printf("\n};\ninline constexpr float kInvLn2Sixteenth = %af;\n", static_cast<float>(16 / log(Real(2))));
  std::printf("inline constexpr float kLn2SixteenthHigh = %af;\n", high);
  std::printf("inline constexpr float kLn2SixteenthLow = %af;\n", static_cast<float>(ln2_16 - Real(high)));
  // Lawson on m points: minimize max |(e^r - 1 - r - c2 r^2 - c3 r^3) / e^r|.
  const int m = 2001;
  const long double half_width = static_cast<long double>(ln2_16 / 2) + 0x1p-24L;
  std::vector<long double> f(m), a(m), b(m), weight(m, 1.0L / m);
  for (int i = 0; i < m; ++i) {
    const Real r = Real(-half_width + 2 * half_width * i / (m - 1));
    const Real inv = exp(-r);
    f[i] = static_cast<long double>((expm1(r) - r) * inv);
    a[i] = static_cast<long double>(r * r * inv);
    b[i] = static_cast<long double>(r * r * r * inv);
  }
  long double c2 = 0.5L, c3 = 1.0L / 6;
  auto max_error = [&](long double p2, long double p3, std::vector<long double>* errors) {
    long double worst = 0;
    for (int i = 0; i < m; ++i) {
      const long double e = std::fabs(f[i] - p2 * a[i] - p3 * b[i]);
      if (errors) (*errors)[i] = e;
      worst = std::max(worst, e);
    }
    return worst;
  };
  std::vector<long double> errors(m);
  for (int iteration = 0; iteration < 200; ++iteration) {
    long double aa = 0, ab = 0, bb = 0, af = 0, bf = 0;
    for (int i = 0; i < m; ++i) {
      aa += weight[i] * a[i] * a[i], ab += weight[i] * a[i] * b[i], bb += weight[i] * b[i] * b[i];
      af += weight[i] * a[i] * f[i], bf += weight[i] * b[i] * f[i];
    }
    const long double det = aa * bb - ab * ab;
    c2 = (af * bb - bf * ab) / det;
    c3 = (aa * bf - ab * af) / det;
    max_error(c2, c3, &errors);
    long double total = 0;
    for (int i = 0; i < m; ++i) total += weight[i] *= errors[i];
    for (int i = 0; i < m; ++i) weight[i] /= total;
  }
  const float c2f = static_cast<float>(c2), c3f = static_cast<float>(c3);
  std::printf("inline constexpr float kExpm1Sixteenth[2] = {%af, %af};  // c2, c3\n", c2f, c3f);
  std::printf("// within 2^%.2f relative to e^r (coefficients rounded to float)\n",
              static_cast<double>(std::log2(max_error(c2f, c3f, nullptr))));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "gelu_root") {
    return FitGeluRoot(argc > 2 ? std::atoi(argv[2]) + 1 : 19,
                       argc > 3 && std::string_view(argv[3]) == "float");
  }
  if (argc > 1 && std::string_view(argv[1]) == "mish_table") {
    return FitMishTables(argc > 2 ? std::atoi(argv[2]) + 1 : 6, argc > 3 ? std::atoi(argv[3]) + 1 : 7);
  }
  if (argc > 1 && std::string_view(argv[1]) == "exp2_table") return FitExp2Table();
  if (argc > 1 && std::string_view(argv[1]) == "normal_table") {
    return FitNormalTables(argc > 2 ? std::atoi(argv[2]) + 1 : 7, argc > 3 ? std::atoi(argv[3]) + 1 : 7);
  }
  const int erfc_terms = argc > 1 ? std::atoi(argv[1]) + 1 : 27;
  const int erf_terms = argc > 2 ? std::atoi(argv[2]) + 1 : 11;
  g_float = argc > 3 && std::string_view(argv[3]) == "float";
  const Real K = kErfcxMapScale;

  auto F = [&](const Real& t) -> Real {
    if (t >= 1) return 2 / sqrt(boost::math::constants::pi<Real>());
    const Real z = K * (1 + t) / (1 - t);
    return (1 + 2 * z) * exp(z * z) * boost::math::erfc(z);
  };
  const Real w_max = Real(kErfCoreMax) * kErfCoreMax;
  // G as a function of u in [-1, 1], w = (u + 1) / 2 * w_max; refit in w below.
  auto G_of_u = [&](const Real& u) -> Real {
    const Real z = sqrt((u + 1) / 2 * w_max);
    if (z == 0) return 2 / sqrt(boost::math::constants::pi<Real>());
    return boost::math::erf(z) / z;
  };

  std::vector<double> f_coef, g_coef_u;
  Print("F(t) = (1 + 2z) erfcx(z), t = (z - 4) / (z + 4)", ChebyshevMonomial(F, erfc_terms), f_coef);
  // Refit G directly in w (monomials in u -> monomials in w = (u+1) w_max / 2 by substitution).
  std::vector<Real> g_u = ChebyshevMonomial(G_of_u, erf_terms);
  std::vector<Real> g_w(erf_terms, Real(0));
  // u = 2w / w_max - 1: expand sum a_i u^i with the binomial theorem.
  for (int i = 0; i < erf_terms; ++i) {
    Real binom = 1;
    for (int k = 0; k <= i; ++k) {
      // term a_i * C(i,k) * (2w/w_max)^k * (-1)^(i-k)
      Real term = g_u[i] * binom * pow(Real(2) / w_max, k) * (((i - k) % 2) ? -1 : 1);
      g_w[k] += term;
      binom = binom * (i - k) / (k + 1);
    }
  }
  Print("G(w) = erf(z) / z, w = z^2 in [0, 0.5625]", g_w, g_coef_u);

  // A posteriori check: relative error of the double-rounded Horner against 50 digits.
  double max_f = 0, max_g = 0;
  for (int i = 0; i <= 20000; ++i) {
    const double t = -1 + 2.0 * i / 20000;
    const double exact = static_cast<double>(F(Real(t)));
    max_f = std::max(max_f, std::fabs(Horner(f_coef, t) - exact) / exact);
    const double w = static_cast<double>(w_max) * i / 20000;
    const Real z = sqrt(Real(w));
    const double g_exact = z == 0 ? 1.1283791670955126 : static_cast<double>(boost::math::erf(z) / z);
    max_g = std::max(max_g, std::fabs(Horner(g_coef_u, w) - g_exact) / g_exact);
  }
  const double epsilon = g_float ? 0x1p-24 : 0x1p-53;
  std::printf("// max relative error incl. evaluation: F %.3g (%.2f ulp), G %.3g (%.2f ulp)\n", max_f,
              max_f / epsilon, max_g, max_g / epsilon);
  return 0;
}
