// Golden values: f(x) and f'(x) at a few hundred chosen points per activation (tails, kinks,
// roots of f', saturation edges, subnormals), computed at 50 digits by verify/make_golden.cc and
// committed as verify/data/<activation>.csv:
//   x,param,value,derivative
//   -0x1.4p+2,0x1p+0,-0.0334642546...,-0.0236...
// x and param are hex floats (exact in float and in double, so one file serves both kernels);
// value and derivative have 50 significant digits. Regenerate (default configuration, all
// activations):  cmake --build build/release --target make_golden && build/release/verify/make_golden
#pragma once

#include <string>
#include <vector>

namespace act::verify {

struct GoldenRow {
  double x;
  double param;
  long double value;
  long double slope;
};

// Reads a golden file. Throws std::runtime_error with a one-line message naming the file (and
// the line, for a malformed row) when the file is missing, malformed or empty.
std::vector<GoldenRow> ReadGolden(const std::string& path);

// The points every golden file holds (all exactly representable as float).
std::vector<float> GoldenPoints();

}  // namespace act::verify
