#include "verify/golden.h"

#include <algorithm>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "kernels/registry.h"
#include "verify/support/csv.h"

namespace act::verify {
namespace {

[[noreturn]] void Fail(const std::string& path, unsigned line, const std::string& what) {
  throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
}

// The whole field must be a number (hex or decimal); NaN and inf are not golden values.
template <typename R>
R ParseNumber(const std::string& path, unsigned line, const char* column, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const R v = std::is_same_v<R, long double> ? std::strtold(text.c_str(), &end)
                                             : static_cast<R>(std::strtod(text.c_str(), &end));
  if (text.empty() || *end != '\0' || !std::isfinite(v)) {
    Fail(path, line, std::string(column) + " '" + text + "' is not a finite number");
  }
  return v;
}

}  // namespace

std::vector<GoldenRow> ReadGolden(const std::string& path) {
  support::RequireCompleteLastLine(path);
  std::vector<GoldenRow> rows;
  try {
    io::CSVReader<4> in(path);
    in.read_header(io::ignore_no_column, "x", "param", "value", "derivative");
    std::string x, param, value, slope;
    while (in.read_row(x, param, value, slope)) {
      const unsigned line = in.get_file_line();
      rows.push_back({ParseNumber<double>(path, line, "x", x),
                      ParseNumber<double>(path, line, "param", param),
                      ParseNumber<long double>(path, line, "value", value),
                      ParseNumber<long double>(path, line, "derivative", slope)});
    }
  } catch (const io::error::base& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  if (rows.empty()) throw std::runtime_error(path + ": no golden rows");
  return rows;
}

std::vector<float> GoldenPoints() {
  using L = std::numeric_limits<float>;
  std::vector<float> magnitudes = {
      // Subnormals, the normal boundary and tiny arguments (f(x) ~ f(0) + f'(0) x).
      L::denorm_min(), 0x1p-140f, 0x1.8p-130f, 0x1p-127f, L::min(), 0x1p-100f, 0x1p-60f,
      0x1p-30f, 0x1p-24f, 0x1p-13f, 0x1p-7f, 0.01f, 0.1f,
      // Where exp-based kernels switch reduction intervals (multiples of ln2 / 2).
      0.34657359f, 0.6931472f, 1.0397208f,
      // Saturation edges: float s(x) rounds to 1 near 17, tanh to 1 near 9, e^-x underflows
      // into subnormals at 87.3 and to 0 at 103.97; double at 708 and 745.
      8.5f, 9.0f, 9.1f, 16.6f, 17.0f, 17.4f, 30, 40, 50, 87.3f, 88.7f, 89, 100, 103.9f,
      104, 110, 200, 708, 709.8f, 740, 745, 746, 1000,
      // Huge arguments (x^3 overflows in gelu_tanh; 4x in mish), and the largest float.
      1e10f, 1e13f, 1e20f, 1e30f, L::max()};
  for (int i = 1; i <= 80; ++i) magnitudes.push_back(0.25f * i);  // (0, 20] in steps of 1/4
  std::vector<float> points = {0.0f};
  for (float m : magnitudes) {
    points.push_back(m);
    points.push_back(-m);
  }
  // Roots of f' (registry.h), a little either side, and the edges of their intervals.
  std::vector<float> edges;
  for (const SlopeRoot& root : kAllSlopeRoots) {
    if (!root.Exists()) continue;
    const float at = static_cast<float>(root.at);
    for (float d : {-1e-2f, -1e-4f, 0.0f, 1e-4f, 1e-2f}) points.push_back(at + d);
    for (const float edge : {static_cast<float>(root.lo), static_cast<float>(root.hi)}) {
      if (std::find(edges.begin(), edges.end(), edge) == edges.end()) edges.push_back(edge);
    }
  }
  points.insert(points.end(), edges.begin(), edges.end());
  return points;
}

}  // namespace act::verify
