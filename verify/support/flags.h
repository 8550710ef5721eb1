// Command-line flags shared by the tools (ulp_sweep, fingerprint, make_golden, regression_check,
// versus_peers, peer_accuracy, perf_report, experiments): every flag is --name=value or
// --name, and a bad one is a UsageError whose message the tool prints as one line before exiting with status 2.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace act::support {

struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The value of `arg` if it is `--name=value` for this name (given with its dashes), else nullopt.
std::optional<std::string_view> FlagValue(std::string_view arg, std::string_view name);

// "a,b,c" -> {"a", "b", "c"}; an empty text gives one empty element.
std::vector<std::string> SplitList(std::string_view text, char separator = ',');

// An integer in [lo, hi], or a UsageError naming the flag and the text.
long long ParseInteger(std::string_view flag, std::string_view text, long long lo, long long hi);

// A finite number > 0, or a UsageError naming the flag and the text.
double ParsePositive(std::string_view flag, std::string_view text);

}  // namespace act::support
