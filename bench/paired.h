// Paired timing: two or more sides timed in alternating blocks of a few milliseconds, so that
// every round's ratio compares sides that ran on the same machine in the same moment. On a
// shared VM a core's speed drifts by 10-25% from one minute to the next (and by more when
// another job shares the core); a ratio of medians taken minutes apart inherits that, the
// median of per-round ratios does not.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <vector>

namespace act::bench {

// Linear interpolation between the order statistics of sorted values.
inline double Quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(position);
  const size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

inline double SecondsFor(const std::function<void()>& call, int calls) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) call();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The median and quartiles of a sample.
struct Quartiles {
  double median, q1, q3;
};
inline Quartiles QuartilesOf(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return {Quantile(values, 0.5), Quantile(values, 0.25), Quantile(values, 0.75)};
}

// seconds[side][round] for the same number of calls (`calls`) of every side.
struct PairedRounds {
  int calls = 0;
  std::vector<std::vector<double>> seconds;
};

// Times every side in blocks of `calls` calls, enough for block_seconds on the slowest side,
// after one warm-up block each; the order of the sides rotates from round to round.
inline PairedRounds TimeInRounds(const std::vector<std::function<void()>>& sides, int rounds,
                                 double block_seconds) {
  double slowest = 0;
  for (const auto& side : sides) slowest = std::max(slowest, SecondsFor(side, 3) / 3);
  PairedRounds r;
  r.calls = std::max(1, static_cast<int>(std::ceil(block_seconds / slowest)));
  for (const auto& side : sides) SecondsFor(side, r.calls);  // caches, page tables, the clock
  r.seconds.assign(sides.size(), {});
  for (int round = 0; round < rounds; ++round) {
    for (size_t k = 0; k < sides.size(); ++k) {
      const size_t side = (k + static_cast<size_t>(round)) % sides.size();
      r.seconds[side].push_back(SecondsFor(sides[side], r.calls));
    }
  }
  return r;
}

// Per-round ratios seconds[b] / seconds[a]: how many times faster side a ran than side b.
inline std::vector<double> SpeedRatios(const PairedRounds& r, size_t a, size_t b) {
  std::vector<double> ratios;
  for (size_t i = 0; i < r.seconds[a].size(); ++i) ratios.push_back(r.seconds[b][i] / r.seconds[a][i]);
  return ratios;
}

}  // namespace act::bench
