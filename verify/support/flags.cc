#include "verify/support/flags.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace act::support {

std::optional<std::string_view> FlagValue(std::string_view arg, std::string_view name) {
  if (arg.size() <= name.size() || !arg.starts_with(name) || arg[name.size()] != '=') {
    return std::nullopt;
  }
  return arg.substr(name.size() + 1);
}

std::vector<std::string> SplitList(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t end = std::min(text.find(separator, start), text.size());
    parts.emplace_back(text.substr(start, end - start));
    if (end == text.size()) return parts;
    start = end + 1;
  }
}

long long ParseInteger(std::string_view flag, std::string_view text, long long lo, long long hi) {
  const std::string s(text);
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || errno != 0 || value < lo || value > hi) {
    throw UsageError(std::string(flag) + ": '" + s + "' is not an integer in [" +
                     std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  return value;
}

double ParsePositive(std::string_view flag, std::string_view text) {
  const std::string s(text);
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !(value > 0) || !std::isfinite(value)) {
    throw UsageError(std::string(flag) + ": '" + s + "' is not a positive number");
  }
  return value;
}

}  // namespace act::support
