#include "bench/results.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <vector>

#include "verify/support/csv.h"

namespace act::bench {
namespace {

[[noreturn]] void Fail(const std::string& path, unsigned line, const std::string& what) {
  throw ResultsError(path + ":" + std::to_string(line) + ": " + what);
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// support::RequireCompleteLastLine, as a ResultsError.
void RequireCompleteLastLine(const std::string& path) {
  try {
    support::RequireCompleteLastLine(path);
  } catch (const std::runtime_error& e) {
    throw ResultsError(e.what());
  }
}

}  // namespace

Results ReadResults(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw ResultsError(path + ": cannot open (" + std::strerror(errno) + ")");
  // Google Benchmark writes its context (date, CPU, caches, ...) above the CSV header.
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  RequireCompleteLastLine(path);
  size_t header = text.rfind("name,", 0) == 0 ? 0 : text.find("\nname,");
  if (header == std::string::npos) throw ResultsError(path + ": no CSV header line starting with 'name,'");
  if (header != 0) ++header;
  const auto context_lines = static_cast<unsigned>(std::count(text.begin(), text.begin() + header, '\n'));
  std::istringstream csv(text.substr(header));
  struct Rows {
    std::vector<double> repetitions;
    std::optional<double> median;  // an aggregate row, when only aggregates were reported
    std::string error;
  };
  std::map<std::string, Rows> rows;
  try {
    io::CSVReader<4, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> in(path, csv);
    in.set_file_line(context_lines);
    in.read_header(io::ignore_extra_column | io::ignore_missing_column, "name", "items_per_second",
                   "error_occurred", "error_message");
    if (!in.has_column("name") || !in.has_column("items_per_second")) {
      Fail(path, context_lines + 1, "not a Google Benchmark CSV (needs the columns name and items_per_second)");
    }
    std::string name, items, error_occurred, error_message;
    while (in.read_row(name, items, error_occurred, error_message)) {
      const unsigned line = in.get_file_line();
      if (name.empty()) Fail(path, line, "empty benchmark name");
      if (EndsWith(name, "_mean") || EndsWith(name, "_stddev") || EndsWith(name, "_cv")) continue;
      const bool is_median = EndsWith(name, "_median");
      Rows& r = rows[is_median ? name.substr(0, name.size() - 7) : name];
      if (error_occurred == "true") {
        r.error = error_message.empty() ? "error" : error_message;
        continue;
      }
      char* end = nullptr;
      const double value = std::strtod(items.c_str(), &end);
      if (items.empty() || *end != '\0' || !(value > 0)) {
        Fail(path, line, "items_per_second '" + items + "' of " + name + " is not a positive number");
      }
      if (is_median) {
        r.median = value;
      } else {
        r.repetitions.push_back(value);
      }
    }
  } catch (const io::error::base& e) {
    throw ResultsError(path + ": " + e.what());
  }
  if (rows.empty()) throw ResultsError(path + ": no benchmark rows");
  Results results;
  for (auto& [name, r] : rows) {
    Result& out = results[name];
    out.error = r.error;
    if (!r.repetitions.empty()) {
      out.items_per_second = Median(r.repetitions);
      out.best_items_per_second = *std::max_element(r.repetitions.begin(), r.repetitions.end());
    } else if (r.median) {
      out.items_per_second = out.best_items_per_second = *r.median;
    }
  }
  return results;
}

void ReadPairedRatios(const std::string& path, PairedRatios& merged) {
  RequireCompleteLastLine(path);
  PairedRatios into;
  size_t count = 0;
  try {
    io::CSVReader<13, io::trim_chars<' '>, io::no_quote_escape<','>> in(path);
    in.read_header(io::ignore_extra_column, "operation", "activation", "type", "distribution", "size", "target", "peer",
                   "rounds", "ours_gelem_per_s", "peer_gelem_per_s", "ratio_median", "ratio_q1", "ratio_q3");
    std::string op, activation, type, distribution, size, target, peer;
    PairedRatio r;
    while (in.read_row(op, activation, type, distribution, size, target, peer, r.rounds, r.ours, r.theirs, r.median, r.q1,
                       r.q3)) {
      const unsigned line = in.get_file_line();
      ++count;
      if (r.rounds < 1 || !(r.q1 > 0) || !(r.q1 <= r.median && r.median <= r.q3) || !std::isfinite(r.q3) ||
          !(r.ours > 0) || !(r.theirs > 0)) {
        Fail(path, line, "rounds, speeds or ratios are not positive numbers with q1 <= median <= q3");
      }
      r.target = target;
      const std::string row = op + "/" + activation + "/" + type + "/" + distribution + "/" + size;
      if (!into[row].emplace(peer, r).second) Fail(path, line, "second row for " + peer + " on " + row);
    }
  } catch (const io::error::base& e) {
    throw ResultsError(path + ": " + e.what());
  }
  if (count == 0) throw ResultsError(path + ": no rows");
  for (auto& [row, peers] : into) merged[row].merge(peers);  // keeps what an earlier file gave
}

void ReadAccuracies(const std::string& path, Accuracies& merged) {
  RequireCompleteLastLine(path);
  Accuracies into;
  size_t count = 0;
  try {
    io::CSVReader<11, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> in(path);
    in.read_header(io::ignore_extra_column, "activation", "implementation", "inputs", "stride", "value_max_ulp",
                   "value_arg", "slope_max_ulp", "slope_arg", "slope_root_abs", "special_mismatches", "special_examples");
    std::string activation, implementation, value_ulp, slope_ulp, root_abs;
    Accuracy a;
    while (in.read_row(activation, implementation, a.inputs, a.stride, value_ulp, a.value_arg, slope_ulp, a.slope_arg,
                       root_abs, a.special_mismatches, a.special_examples)) {
      const unsigned line = in.get_file_line();
      ++count;
      // The parser reads no "inf" (an error is infinite where a result is NaN or inf); strtod does.
      const auto number = [&](const std::string& text, const char* column) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0') Fail(path, line, std::string(column) + " '" + text + "' is not a number");
        return v;
      };
      a.value_max_ulp = number(value_ulp, "value_max_ulp");
      a.slope_max_ulp = number(slope_ulp, "slope_max_ulp");
      a.slope_root_abs = number(root_abs, "slope_root_abs");
      if (!(a.value_max_ulp >= 0) || !(a.slope_max_ulp >= 0) || a.special_mismatches < 0 || a.inputs < 1) {
        Fail(path, line, "errors must be numbers >= 0 (inf allowed) and inputs >= 1");
      }
      if (!into[activation].emplace(implementation, a).second) {
        Fail(path, line, "second row for " + implementation + " on " + activation);
      }
    }
  } catch (const io::error::base& e) {
    throw ResultsError(path + ": " + e.what());
  }
  if (count == 0) throw ResultsError(path + ": no rows");
  for (auto& [activation, impls] : into) merged[activation].merge(impls);
}

std::string CopyPattern(const std::string& op) {
  if (op == "backward") return "read2_write1";
  if (op == "forward_and_derivative") return "read1_write2";
  return "read1_write1";
}

std::optional<RowName> ParseRowName(const std::string& name) {
  std::vector<std::string> parts;
  std::stringstream stream(name);
  for (std::string part; std::getline(stream, part, '/');) parts.push_back(part);
  if (parts.size() != 6 || parts[5].rfind("N:", 0) != 0 || parts[0] == "copy") return std::nullopt;
  static const std::set<std::string> kOps = {"forward", "derivative", "backward", "forward_and_derivative"};
  if (kOps.count(parts[0])) return RowName{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], false};
  return RowName{parts[1], parts[2], parts[3], parts[0], parts[4], parts[5], true};
}

}  // namespace act::bench
