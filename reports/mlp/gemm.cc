// Per-target Gemm for gemm.h. Blocks of 4 rows x 2 vectors of C stay in registers while k runs
// (8 independent FMA chains, one load of B per 4 FMAs), then 1 row x 1 vector, then scalars for
// the last N % lanes columns (the 64 -> 1 output layer has only those).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "reports/mlp/gemm.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace act::mlp {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <typename T>
void GemmT(size_t m, size_t n, size_t k, const T* a, size_t rs, size_t cs, const T* b, const T* bias,
           T* c) {
  const hn::ScalableTag<T> d;
  const size_t lanes = hn::Lanes(d);
  const auto start = [&](size_t j) { return bias ? hn::LoadU(d, bias + j) : hn::Zero(d); };
  size_t j = 0;
  for (; j + 2 * lanes <= n; j += 2 * lanes) {
    size_t i = 0;
    for (; i + 4 <= m; i += 4) {
      auto c00 = start(j), c01 = start(j + lanes), c10 = c00, c11 = c01, c20 = c00, c21 = c01,
           c30 = c00, c31 = c01;
      const T* a0 = a + i * rs;
      for (size_t kk = 0; kk < k; ++kk) {
        const auto b0 = hn::LoadU(d, b + kk * n + j);
        const auto b1 = hn::LoadU(d, b + kk * n + j + lanes);
        const auto x0 = hn::Set(d, a0[kk * cs]), x1 = hn::Set(d, a0[rs + kk * cs]),
                   x2 = hn::Set(d, a0[2 * rs + kk * cs]), x3 = hn::Set(d, a0[3 * rs + kk * cs]);
        c00 = hn::MulAdd(x0, b0, c00), c01 = hn::MulAdd(x0, b1, c01);
        c10 = hn::MulAdd(x1, b0, c10), c11 = hn::MulAdd(x1, b1, c11);
        c20 = hn::MulAdd(x2, b0, c20), c21 = hn::MulAdd(x2, b1, c21);
        c30 = hn::MulAdd(x3, b0, c30), c31 = hn::MulAdd(x3, b1, c31);
      }
      T* ci = c + i * n + j;
      hn::StoreU(c00, d, ci), hn::StoreU(c01, d, ci + lanes);
      hn::StoreU(c10, d, ci + n), hn::StoreU(c11, d, ci + n + lanes);
      hn::StoreU(c20, d, ci + 2 * n), hn::StoreU(c21, d, ci + 2 * n + lanes);
      hn::StoreU(c30, d, ci + 3 * n), hn::StoreU(c31, d, ci + 3 * n + lanes);
    }
    for (; i < m; ++i) {
      auto c0 = start(j), c1 = start(j + lanes);
      for (size_t kk = 0; kk < k; ++kk) {
        const auto x = hn::Set(d, a[i * rs + kk * cs]);
        c0 = hn::MulAdd(x, hn::LoadU(d, b + kk * n + j), c0);
        c1 = hn::MulAdd(x, hn::LoadU(d, b + kk * n + j + lanes), c1);
      }
      hn::StoreU(c0, d, c + i * n + j), hn::StoreU(c1, d, c + i * n + j + lanes);
    }
  }
  for (; j + lanes <= n; j += lanes) {
    for (size_t i = 0; i < m; ++i) {
      auto c0 = start(j);
      for (size_t kk = 0; kk < k; ++kk) {
        c0 = hn::MulAdd(hn::Set(d, a[i * rs + kk * cs]), hn::LoadU(d, b + kk * n + j), c0);
      }
      hn::StoreU(c0, d, c + i * n + j);
    }
  }
  for (; j < n; ++j) {
    for (size_t i = 0; i < m; ++i) {
      T sum = bias ? bias[j] : T(0);
      for (size_t kk = 0; kk < k; ++kk) sum += a[i * rs + kk * cs] * b[kk * n + j];
      c[i * n + j] = sum;
    }
  }
}

void GemmFloat(size_t m, size_t n, size_t k, const float* a, size_t rs, size_t cs, const float* b,
               const float* bias, float* c) {
  GemmT(m, n, k, a, rs, cs, b, bias, c);
}
void GemmDouble(size_t m, size_t n, size_t k, const double* a, size_t rs, size_t cs, const double* b,
                const double* bias, double* c) {
  GemmT(m, n, k, a, rs, cs, b, bias, c);
}

}  // namespace HWY_NAMESPACE
}  // namespace act::mlp
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "reports/mlp/gemm.h"

namespace act::mlp {
HWY_EXPORT(GemmFloat);
HWY_EXPORT(GemmDouble);

template <>
void Gemm(size_t m, size_t n, size_t k, const float* a, size_t rs, size_t cs, const float* b,
          const float* bias, float* c) {
  HWY_DYNAMIC_DISPATCH(GemmFloat)(m, n, k, a, rs, cs, b, bias, c);
}
template <>
void Gemm(size_t m, size_t n, size_t k, const double* a, size_t rs, size_t cs, const double* b,
          const double* bias, double* c) {
  HWY_DYNAMIC_DISPATCH(GemmDouble)(m, n, k, a, rs, cs, b, bias, c);
}
}  // namespace act::mlp
#endif  // HWY_ONCE
