// The one matrix product the MLP needs, C = A B (+ bias), vectorized with Highway over the
// columns of B and dispatched to the best SIMD target at run time.
#pragma once

#include <cstddef>

namespace act::mlp {

// C[M x N] = A B + bias, with B row-major [K x N], bias a row of N (or nullptr for none), and A
// read through strides: A(i, k) = a[i * a_row_stride + k * a_col_stride], so the same call
// computes X W (strides K, 1) and X^T Y (strides 1, M) without a transposed copy.
template <typename T>
void Gemm(std::size_t m, std::size_t n, std::size_t k, const T* a, std::size_t a_row_stride,
          std::size_t a_col_stride, const T* b, const T* bias, T* c);

}  // namespace act::mlp
