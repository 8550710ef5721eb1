// make_golden: writes verify/data/<activation>.csv (see verify/golden.h) for every configured
// activation, from the references of verify/reference.h evaluated in cpp_bin_float_50.
//   make_golden [--out=DIR]      (default: the source tree's verify/data)
#include <cstdio>
#include <string>
#include <string_view>

#include "verify/support/flags.h"
#include "verify/support/output.h"
#include "verify/golden.h"
#include "verify/reference.h"

namespace act::verify {
namespace {

std::string Digits50(const Wide& v) {
  return v.str(50, std::ios_base::scientific);
}

template <class Tag>
std::string GoldenCsv() {
  // The parameter as the float kernel sees it (rounded to float), so one file serves both types.
  const float param = static_cast<float>(Tag::kParam.default_value);
  std::string csv = "x,param,value,derivative\n";
  for (const float x : GoldenPoints()) {
    const Exact<Wide> e = Reference(Tag{}, Wide(x), Wide(param));
    csv += support::Format("%a,%a,", static_cast<double>(x), static_cast<double>(param)) +
           Digits50(e.value) + "," + Digits50(e.slope) + "\n";
  }
  return csv;
}

int Main(int argc, char** argv) {
  std::string out = ACT_SOURCE_DIR "/verify/data";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto dir = support::FlagValue(arg, "--out")) {
      out = std::string(*dir);
    } else {
      std::fprintf(stderr, "make_golden: unknown option '%s' (usage: make_golden [--out=DIR])\n",
                   argv[i]);
      return 2;
    }
  }
  try {
    support::PrepareOutputDirectory(out);
#define ACT_GOLDEN_FILE(Type)                                                          \
  support::WriteFileAtomically(out + "/" + std::string(Type::kName) + ".csv", GoldenCsv<Type>()); \
  std::printf("wrote %s/%s.csv\n", out.c_str(), std::string(Type::kName).c_str());
    ACT_FOR_EACH_ENABLED(ACT_GOLDEN_FILE)
#undef ACT_GOLDEN_FILE
  } catch (const support::OutputError& e) {
    std::fprintf(stderr, "make_golden: %s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace
}  // namespace act::verify

int main(int argc, char** argv) { return act::verify::Main(argc, argv); }
