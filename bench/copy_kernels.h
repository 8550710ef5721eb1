// Memory-bandwidth baselines: the least work that moves the same bytes as an activation pass,
// on the best SIMD target (Highway dynamic dispatch), so "kernel / copy" says how close a
// kernel comes to being memory-bound.
#pragma once

#include <cstddef>
#include <cstdint>

namespace act::bench {

// T: float, double, or uint16_t (the bytes of the 16-bit storage types).

// out = a: the bytes of forward and derivative (read N, write N).
template <typename T>
void CopyRead1Write1(const T* a, T* out, std::size_t n);
// out = a + b: the bytes of backward (read 2N, write N).
template <typename T>
void CopyRead2Write1(const T* a, const T* b, T* out, std::size_t n);
// out = out2 = a: the bytes of forward_and_derivative (read N, write 2N).
template <typename T>
void CopyRead1Write2(const T* a, T* out, T* out2, std::size_t n);

}  // namespace act::bench
