// Golden values (verify/data/*.csv, 50 digits, see golden.h): every configured activation x
// element type x SIMD target at the chosen points, held to the registry bounds. Also checks that
// a missing or malformed golden file is reported with its name and line.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "verify/golden.h"
#include "verify/test_support.h"

namespace act::verify {
namespace {

std::string GoldenPath(std::string_view name) {
  return std::string(ACT_SOURCE_DIR "/verify/data/") + std::string(name) + ".csv";
}

template <class Tag, typename T>
void CheckGolden() {
  std::vector<GoldenRow> rows;
  try {
    rows = ReadGolden(GoldenPath(Tag::kName));
  } catch (const std::exception& e) {
    FAIL(e.what());
  }
  std::vector<T> xs;
  std::vector<Exact<long double>> exact;
  for (const GoldenRow& r : rows) {
    xs.push_back(static_cast<T>(r.x));
    exact.push_back({r.value, r.slope});
  }
  const T param = static_cast<T>(rows.front().param);
  ForEachTarget([&](const std::string& target) {
    const SweepStats st = Compare<Tag, T>(xs, exact, param);
    ReportStats<Tag, T>("golden", target.c_str(), st);
    CHECK(st.value.max_ulp <= MaxUlpValue<Tag, T>());
    CHECK(st.slope.max_ulp <= MaxUlpSlope<Tag, T>());
    CHECK(st.slope.max_root_abs <= kRootAbsBound<T>);
  });
}

#define ACT_GOLDEN_TEST(T, Type) \
  TEST_CASE("golden - " #Type " - " #T, "[golden]") { CheckGolden<Type, T>(); }
#define ACT_GOLDEN_TESTS(Type) ACT_FOR_EACH_TYPE(ACT_GOLDEN_TEST, Type)
ACT_FOR_EACH_ENABLED(ACT_GOLDEN_TESTS)

// The loader's own errors: each names the file, and the line where there is one.
std::string ErrorOf(const std::string& path) {
  try {
    ReadGolden(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("golden files - missing or malformed ones are named", "[golden]") {
  const std::string missing = "/nonexistent/golden.csv";
  const std::string message = ErrorOf(missing);
  std::printf("missing file: %s\n", message.c_str());
  CHECK(message.find(missing) != std::string::npos);

  const std::string path = std::string(ACT_BINARY_DIR) + "/malformed_golden.csv";
  std::ofstream(path) << "x,param,value,derivative\n0x1p+0,0x1p+0,0.5,0.25\n0x1p+0,0x1p+0,abc,0.25\n";
  const std::string bad_number = ErrorOf(path);
  std::printf("malformed row: %s\n", bad_number.c_str());
  CHECK(bad_number.find(path + ":3") != std::string::npos);
  CHECK(bad_number.find("'abc'") != std::string::npos);

  std::ofstream(path) << "x,param,value\n0x1p+0,0x1p+0,0.5\n";
  const std::string bad_header = ErrorOf(path);
  std::printf("missing column: %s\n", bad_header.c_str());
  CHECK(bad_header.find(path) != std::string::npos);

  // A file cut mid-number ("0.25" cut to "0.2") parses as numbers; the missing line end tells.
  std::ofstream(path) << "x,param,value,derivative\n0x1p+0,0x1p+0,0.5,0.2";
  const std::string cut = ErrorOf(path);
  std::printf("cut short: %s\n", cut.c_str());
  CHECK(cut.find(path + ":2: the last line has no line end") != std::string::npos);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace act::verify
