// perf_report: turns bench_activations and versus_peers results into reports/performance.md
// and the frontier plots.
//
//   perf_report --out=DIR --results=FILE.csv [--results=...] [--paired=FILE.csv ...]
//               [--accuracy=FILE.csv ...]
//
// --results: bench_activations CSVs (several merge: a second run covers PyTorch at another CPU
// capability); every cell is the fastest repetition of its row. --paired: versus_peers CSVs,
// the ratios to the peers measured in alternating rounds, which the "against the field"
// tables quote per distribution and size, with the fastest peer of each row. --accuracy:
// peer_accuracy CSVs, written out as DIR/peers.md and DIR/data/peers.csv, quoted beside the
// peers' speed and used as the x axis of the frontier plots (one per activation: forward
// Gelem/s against value max ULP, ours per target and every peer, uniform and outliers_256
// inputs, 16Ki and 16Mi; a peer's Gelem/s is its paired median where --paired has it). Writes DIR/performance.md and DIR/plots/frontier_<activation>.svg,
// and with --accuracy DIR/peers.md and DIR/data/peers.csv (temporary file + rename).
// Exit status: 0 written, 2 bad flags, unreadable or malformed input, or an unwritable DIR.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bench/results.h"
#include "verify/support/flags.h"
#include "verify/support/output.h"

namespace {

using act::bench::Accuracies;
using act::bench::CopyPattern;
using act::bench::PairedRatio;
using act::bench::PairedRatios;
using act::bench::ParseRowName;
using act::bench::Results;
using act::support::Format;

constexpr const char* kUsage =
    "usage: perf_report --out=DIR --results=FILE.csv [--results=...] [--paired=FILE.csv ...] [--accuracy=FILE.csv ...]";
// The order the tables follow (bench/workload.h).
const std::vector<std::string> kDistributions = {"uniform", "normal", "outliers_4096", "outliers_256",
                                                 "outliers_64", "saturated", "mlp"};

struct Options {
  std::string out;
  std::vector<std::string> results, paired, accuracy;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (const auto v = act::support::FlagValue(arg, "--out")) {
      o.out = *v;
    } else if (const auto v = act::support::FlagValue(arg, "--results")) {
      o.results.emplace_back(*v);
    } else if (const auto v = act::support::FlagValue(arg, "--paired")) {
      o.paired.emplace_back(*v);
    } else if (const auto v = act::support::FlagValue(arg, "--accuracy")) {
      o.accuracy.emplace_back(*v);
    } else {
      throw act::support::UsageError("unknown argument '" + std::string(arg) + "'");
    }
  }
  if (o.out.empty() || o.results.empty()) throw act::support::UsageError("--out and --results are required");
  return o;
}

// Where and when the benchmark ran, from the context lines Google Benchmark writes above the
// CSV header (bench_activations adds the CPU model, the commit and the peers).
std::string RunContext(const std::string& path) {
  std::ifstream file(path);
  std::string date, cpu = "an unrecorded CPU", commit = "an unrecorded commit", peers;
  for (std::string line; std::getline(file, line) && line.rfind("name,", 0) != 0;) {
    if (date.empty()) date = line;
    if (line.rfind("cpu: ", 0) == 0) cpu = line.substr(5);
    if (line.rfind("git_commit: ", 0) == 0) commit = line.substr(12);
    if (line.rfind("peer_", 0) == 0) peers += "- `" + line.substr(5, line.find(':') - 5) + "`: " + line.substr(line.find(':') + 2) + "\n";
  }
  return "Measured on " + cpu + " at commit " + commit + (date.empty() ? "" : ", " + date) + ".\n\n" +
         (peers.empty() ? "" : "Peers:\n\n" + peers + "\n");
}

std::string Ratio(double a, double b) { return a > 0 && b > 0 ? Format("%.2fx", a / b) : std::string("—"); }
std::string Cell(double v) { return v > 0 ? Format("%.3f", v / 1e9) : std::string("—"); }
std::string UlpText(double ulp) {
  if (!std::isfinite(ulp)) return "NaN/inf";
  return ulp < 10 ? Format("%.2g", ulp) : Format("%.1e", ulp);
}
long long SizeOf(const std::string& size) { return std::stoll(size.substr(2)); }

// The "against the field" section: per size and distribution, each row's ratio to its fastest
// peer (the one with the highest paired Gelem/s), and to each of the others.
std::string FieldSection(const PairedRatios& paired, const Accuracies& accuracy) {
  struct Line {
    std::string op, activation;
    const PairedRatio* fastest;
    std::string fastest_peer, others;
  };
  // (size, distribution's place in kDistributions, its name)
  std::map<std::tuple<long long, size_t, std::string>, std::vector<Line>> tables;
  for (const auto& [row, peers] : paired) {
    const auto parts = act::support::SplitList(row, '/');  // op/activation/type/distribution/N:n
    if (parts.size() != 5) continue;
    Line line{parts[0], parts[1], nullptr, "", ""};
    for (const auto& [peer, r] : peers) {
      if (!line.fastest || r.theirs > line.fastest->theirs) line.fastest = &r, line.fastest_peer = peer;
    }
    for (const auto& [peer, r] : peers) {
      if (peer != line.fastest_peer) line.others += (line.others.empty() ? "" : ", ") + peer + Format(" %.2fx", r.median);
    }
    const size_t place = std::find(kDistributions.begin(), kDistributions.end(), parts[3]) - kDistributions.begin();
    tables[{SizeOf(parts[4]), place, parts[3]}].push_back(line);
  }
  const auto peer_ulp = [&](const Line& l) {
    const auto a = accuracy.find(l.activation);
    if (a == accuracy.end() || !a->second.count(l.fastest_peer)) return std::string("—");
    const auto& e = a->second.at(l.fastest_peer);
    return UlpText(l.op == "forward" ? e.value_max_ulp : e.slope_max_ulp);
  };
  // Why a row loses, from the measurements themselves: the peer computes a less accurate
  // function (its max ULP against ours), or a cheaper operation (PyTorch's sigmoid and tanh
  // backward take y, bench/peers/pytorch.cc: our BackwardFromOutput's row is the comparable
  // one), or the loss is within the rounds' spread. "open" where none of these holds.
  const auto why = [&](const Line& l, const std::string& distribution, const std::string& size) {
    std::vector<std::string> reasons;
    const PairedRatio& r = *l.fastest;
    const auto a = accuracy.find(l.activation);
    const bool value = l.op == "forward";
    if (a != accuracy.end() && a->second.count(l.fastest_peer) && a->second.count("ours " + r.target)) {
      const auto ulp = [&](const act::bench::Accuracy& e) { return value ? e.value_max_ulp : e.slope_max_ulp; };
      const double theirs = ulp(a->second.at(l.fastest_peer)), ours = ulp(a->second.at("ours " + r.target));
      if (!(theirs <= 2 * std::max(ours, 0.5))) {
        reasons.push_back("the peer's " + std::string(value ? "value" : "f'") + " is less accurate: " + UlpText(theirs) +
                          " ULP against our " + UlpText(ours));
      }
    }
    const bool reads_y = l.op == "backward" && l.fastest_peer.rfind("pytorch", 0) == 0 &&
                         (l.activation == "sigmoid" || l.activation == "tanh");
    if (reads_y) {
      std::string text = "the peer's backward takes y (f' from the output, one multiply-add per element)";
      const auto from_output = paired.find("backward_from_output/" + l.activation + "/float/" + distribution + "/" + size);
      if (from_output != paired.end() && from_output->second.count(l.fastest_peer)) {
        text += Format("; our BackwardFromOutput, the same operation, is %.2fx it",
                       from_output->second.at(l.fastest_peer).median);
      }
      reasons.push_back(text);
    }
    if (r.q3 >= 1.0) reasons.push_back(Format("within the rounds' spread (q3 %.2f)", r.q3));
    if (reasons.empty()) return std::string("open");
    std::string joined;
    for (const auto& reason : reasons) joined += (joined.empty() ? "" : "; ") + reason;
    return joined;
  };
  std::string summary =
      "| N | distribution | rows | ours >= 1.0x the fastest peer | below, reason open | lowest ratio (its q1) |\n"
      "|---|---|---|---|---|---|\n";
  std::string losses, body;
  for (const auto& [key_tuple, lines] : tables) {
    const std::pair<long long, std::string> key{std::get<0>(key_tuple), std::get<2>(key_tuple)};
    int wins = 0, open = 0;
    const Line* lowest = nullptr;
    std::string table = Format("### N = %lld, %s\n\n", key.first, key.second.c_str()) +
                        "| operation | activation | ours Gelem/s | fastest peer | its Gelem/s | its max ULP | ours / fastest "
                        "(quartiles) | ours / the others |\n|---|---|---|---|---|---|---|---|\n";
    for (const Line& l : lines) {
      const PairedRatio& r = *l.fastest;
      wins += r.median >= 1.0;
      if (!lowest || r.median < lowest->fastest->median) lowest = &l;
      table += "| " + l.op + " | " + l.activation + " | " + Format("%.3f", r.ours) + " | " + l.fastest_peer + " | " +
               Format("%.3f", r.theirs) + " | " + peer_ulp(l) + " | " +
               Format(r.median < 1.0 ? "**%.2fx** (%.2f-%.2f)" : "%.2fx (%.2f-%.2f)", r.median, r.q1, r.q3) + " | " +
               l.others + " |\n";
      if (r.median < 1.0) {
        const std::string reason = why(l, key.second, "N:" + std::to_string(key.first));
        open += reason == "open";
        losses += Format("| %lld | %s | %s | %s | %.2fx (%.2f-%.2f) | %s | %s | %s |\n", key.first, key.second.c_str(),
                         l.op.c_str(), l.activation.c_str(), r.median, r.q1, r.q3, l.fastest_peer.c_str(),
                         peer_ulp(l).c_str(), reason.c_str());
      }
    }
    summary += Format("| %lld | %s | %zu | %d | %d | %s %s %.2fx (%.2f) |\n", key.first, key.second.c_str(), lines.size(),
                      wins, open, lowest->op.c_str(), lowest->activation.c_str(), lowest->fastest->median, lowest->fastest->q1);
    body += table + "\n";
  }
  const PairedRatio& any = paired.begin()->second.begin()->second;
  std::string md = Format(
      "## Against the field\n\nMeasured by `bench/versus_peers` in %d rounds per row: each round times a ~2 ms block of our "
      "calls (on %s) and one of each peer's, back to back in rotating order, every side reading the same x and dy and "
      "writing the same output buffer, and a ratio is the median of the rounds' ratios, with the quartiles. The fastest "
      "peer of a row is the one with the highest median Gelem/s in that measurement; its max ULP (value for forward, f' for backward) comes from `reports/peers.md`. A peer that does not "
      "compute the same function on a row's inputs (NaN, or off by more than 1e-5 + 2^-10 relative) is left out of that "
      "row. Ratios below 1.0x are in **bold**.\n\n",
      any.rounds, any.target.c_str());
  md += "### Summary\n\n" + summary + "\n";
  md += losses.empty() ? "### Where we lose\n\nNowhere: every row is at least 1.0x its fastest peer.\n\n"
                       : "### Where we lose\n\nWhy, from the measurements: the fastest peer's max ULP against ours (less "
                         "accurate: more than twice ours, and more than 1 ULP), the operation it computes, or the spread of the "
                         "rounds; \"open\" where none of these explains the loss.\n\n"
                         "| N | distribution | operation | activation | ours / fastest | fastest peer | its max ULP | why |\n"
                         "|---|---|---|---|---|---|---|---|\n" + losses + "\n";
  return md + body;
}

// Forward Gelem/s against value max ULP, ours per target and every peer: one SVG per activation.
// A peer's speed is its paired median where versus_peers measured it, else its benchmark row.
std::string FrontierPlots(const std::string& out, const Results& results, const PairedRatios& paired,
                          const Accuracies& accuracy) {
  // activation -> size -> distribution -> impl -> Gelem/s
  std::map<std::string, std::map<std::string, std::map<std::string, std::map<std::string, double>>>> speed;
  for (const auto& [name, r] : results) {
    const auto row = ParseRowName(name);
    if (!row || !r.error.empty() || row->op != "forward" || row->type != "float" || row->impl == "scalar") continue;
    if (row->distribution != "uniform" && row->distribution != "outliers_256") continue;
    speed[row->activation][row->size][row->distribution][row->is_peer ? row->impl : "ours " + row->impl] =
        r.best_items_per_second / 1e9;
  }
  for (const auto& [row, peers] : paired) {
    const auto parts = act::support::SplitList(row, '/');  // op/activation/type/distribution/N:n
    if (parts.size() != 5 || parts[0] != "forward" || parts[2] != "float") continue;
    if (parts[3] != "uniform" && parts[3] != "outliers_256") continue;
    for (const auto& [peer, r] : peers) speed[parts[1]][parts[4]][parts[3]][peer] = r.theirs;
  }
  std::string md;
  for (const auto& [activation, sizes] : speed) {
    const auto acc = accuracy.find(activation);
    if (acc == accuracy.end()) continue;
    std::string script =
        "set terminal svg size 1100,460 dynamic noenhanced font 'sans,11' background rgb 'white'\n"
        "set multiplot layout 1," + std::to_string(sizes.size()) + " title '" + activation +
        " forward, float, one thread: speed against accuracy (up and left is better)'\n"
        "set logscale x\nset xlabel 'max error, ULP (value; 0 drawn at 0.1)'\nset ylabel 'Gelem/s'\nset grid\n"
        "set key bottom right\nset offsets graph 0.05, graph 0.25, graph 0.1, 0\nset yrange [0:*]\n";
    std::vector<std::pair<std::string, const std::map<std::string, std::map<std::string, double>>*>> ordered;
    for (const auto& [size, d] : sizes) ordered.emplace_back(size, &d);
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return SizeOf(a.first) < SizeOf(b.first); });
    int block = 0;
    for (const auto& [size, dists] : ordered) {
      std::string plot = "set title 'N = " + size.substr(2) + "'\nplot ";
      bool first = true;
      for (const auto& [dist, impls] : *dists) {
        const std::string name = "d" + std::to_string(block++);
        script += "$" + name + " << EOD\n";
        for (const auto& [impl, gelem] : impls) {
          if (!acc->second.count(impl)) continue;
          const double ulp = acc->second.at(impl).value_max_ulp;
          const double x = std::isfinite(ulp) ? std::max(ulp, 0.1) : 1e12;
          std::string label = impl;
          std::replace(label.begin(), label.end(), ' ', '_');
          script += Format("%s %.4g %.4f\n", label.c_str(), x, gelem);
        }
        script += "EOD\n";
        const bool uniform = dist == "uniform";
        plot += std::string(first ? "" : ", ") + "$" + name + " using 2:3 with points pt " + (uniform ? "7" : "6") +
                " ps 1.2 title '" + dist + "'";
        if (uniform) plot += ", $" + name + " using 2:3:1 with labels offset 0,0.8 font ',9' notitle";
        first = false;
      }
      script += plot + "\n";
    }
    script += "unset multiplot\n";
    act::support::RenderPlot(out + "/plots/frontier_" + activation + ".svg", script);
    md += "![" + activation + " frontier](plots/frontier_" + activation + ".svg)\n\n";
  }
  return md;
}

// Ours first (per target, best first as peer_accuracy measured them), then the peers by name.
std::vector<std::pair<std::string, const act::bench::Accuracy*>> InReportOrder(
    const std::map<std::string, act::bench::Accuracy>& impls) {
  std::vector<std::pair<std::string, const act::bench::Accuracy*>> order;
  for (const auto& [impl, a] : impls) order.emplace_back(impl, &a);
  const auto rank = [](const std::string& impl) {
    for (int i = 0; const char* t : {"ours AVX3", "ours AVX2", "ours SSE4"}) {
      if (impl == t) return i;
      ++i;
    }
    return impl.rfind("ours", 0) == 0 ? 3 : 4;
  };
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
  return order;
}

std::string MaxUlpCell(double ulp, const std::string& arg) {
  if (!std::isfinite(ulp)) return "NaN or inf (x = " + arg + ")";
  return Format(ulp < 10 ? "%.2f" : "%.3g", ulp) + " (x = " + arg + ")";
}

// reports/peers.md: one table per activation, ours first.
std::string PeersPage(const Accuracies& accuracy) {
  const act::bench::Accuracy& any = accuracy.begin()->second.begin()->second;
  std::string md =
      "# Accuracy of every implementation\n\nGenerated by `perf_report` from `bench/peer_accuracy` (the README's main "
      "command runs both); do not edit by hand. Float, one call per implementation over " +
      Format("%lld inputs: every %lld-th float bit pattern (every exponent, both signs) and 2^20 points on [-20, 20]. ",
             any.inputs, any.stride) +
      "Errors are measured by the verification suite's own code (`verify/sweep.h`): ULP of the exact result against "
      "the Boost.Math reference, and absolute error inside the interval around a root of f' (where a relative error "
      "is meaningless). f' is each library's backward with dy = 1 (PyTorch's sigmoid and tanh backward take the "
      "stored output, as autograd does). \"NaN or inf\" is a NaN or infinite result for a finite input whose true "
      "value is finite. Special values (NaN, ±inf, ±0, the smallest and largest subnormals, ±1e30, ±FLT_MAX) are "
      "compared bit for bit with our documented contract (any NaN matches any NaN).\n\n";
  for (const auto& [activation, impls] : accuracy) {
    md += "## " + activation + "\n\n| implementation | value max ULP | f' max ULP | f' near its root (abs) | special values "
          "off the contract |\n|---|---|---|---|---|\n";
    for (const auto& [impl, a] : InReportOrder(impls)) {
      std::string specials = a->special_mismatches == 0 ? "none" : Format("%d: ", a->special_mismatches);
      if (a->special_mismatches > 0) {
        const auto parts = act::support::SplitList(a->special_examples, ';');
        for (size_t i = 0; i < parts.size() && i < 3; ++i) specials += (i ? ";" : "") + parts[i];
        if (parts.size() > 3) specials += "; ...";
      }
      md += "| " + impl + " | " + MaxUlpCell(a->value_max_ulp, a->value_arg) + " | " +
            MaxUlpCell(a->slope_max_ulp, a->slope_arg) + " | " +
            (a->slope_root_abs < 0 ? std::string("—") : Format("%.2g", a->slope_root_abs)) + " | " + specials + " |\n";
    }
    md += "\n";
  }
  return md;
}

// The merged accuracy CSVs, for data/.
std::string AccuracyCsv(const Accuracies& accuracy) {
  std::string csv = "activation,implementation,inputs,stride,value_max_ulp,value_arg,slope_max_ulp,slope_arg,"
                    "slope_root_abs,special_mismatches,special_examples\n";
  for (const auto& [activation, impls] : accuracy) {
    for (const auto& [impl, a] : InReportOrder(impls)) {
      csv += Format("%s,%s,%lld,%lld,%.6g,%s,%.6g,%s,%.6g,%d,\"%s\"\n", activation.c_str(), impl.c_str(), a->inputs,
                    a->stride, a->value_max_ulp, a->value_arg.c_str(), a->slope_max_ulp, a->slope_arg.c_str(),
                    a->slope_root_abs, a->special_mismatches, a->special_examples.c_str());
    }
  }
  return csv;
}

// Per SIMD target, the scalar baseline and the copy of the same bytes: uniform inputs.
std::string TargetsSection(const Results& results) {
  struct Key {
    std::string op, activation, type, size;
    auto operator<=>(const Key&) const = default;
  };
  std::map<Key, std::map<std::string, double>> rows;
  std::vector<std::string> targets;
  for (const auto& [name, r] : results) {
    const auto row = ParseRowName(name);
    if (!row || row->is_peer || !r.error.empty() || row->distribution != "uniform") continue;
    rows[{row->op, row->activation, row->type, row->size}][row->impl] = r.best_items_per_second;
    if (row->impl != "scalar" && std::find(targets.begin(), targets.end(), row->impl) == targets.end()) {
      targets.push_back(row->impl);
    }
  }
  if (rows.empty()) return "";
  const auto& first = rows.begin()->second;  // best target first: by speed on the first row
  std::sort(targets.begin(), targets.end(), [&](const std::string& a, const std::string& b) {
    return (first.count(a) ? first.at(a) : 0) > (first.count(b) ? first.at(b) : 0);
  });
  const std::string best = targets.empty() ? "" : targets.front();
  const auto rate = [&](const std::string& name) {
    const auto it = results.find(name);
    return it == results.end() || !it->second.error.empty() ? 0.0 : it->second.best_items_per_second;
  };
  std::set<std::string> sizes;
  for (const auto& [key, impls] : rows) sizes.insert(key.size);
  std::string md = "## Per SIMD target (uniform inputs)\n\nGelem/s per target beside the scalar baseline (plain C++ loops "
                   "over the same formulas) and `copy`, which moves the same bytes as the operation (read N write N; "
                   "backward reads 2N).\n\n";
  for (const std::string& size : sizes) {
    md += "### " + size + "\n\n| operation | activation | type |";
    for (const std::string& t : targets) md += " " + t + " |";
    md += " scalar | copy | " + best + " / scalar | " + best + " / copy |\n|---|---|---|";
    for (std::size_t i = 0; i < targets.size() + 4; ++i) md += "---|";
    md += "\n";
    for (const auto& [key, impls] : rows) {
      if (key.size != size) continue;
      const auto get = [&](const std::string& impl) { return impls.count(impl) ? impls.at(impl) : 0.0; };
      const double copy = rate("copy/" + CopyPattern(key.op) + "/" + key.type + "/" + size);
      md += "| " + key.op + " | " + key.activation + " | " + key.type + " |";
      for (const std::string& t : targets) md += " " + Cell(get(t)) + " |";
      md += " " + Cell(get("scalar")) + " | " + Cell(copy) + " | " + Ratio(get(best), get("scalar")) + " | " +
            Ratio(get(best), copy) + " |\n";
    }
    md += "\n";
  }
  return md;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = Parse(argc, argv);
    Results results;
    for (const std::string& path : o.results) {
      results.merge(act::bench::ReadResults(path));  // a row an earlier file has is kept as it was
    }
    PairedRatios paired;
    for (const std::string& path : o.paired) act::bench::ReadPairedRatios(path, paired);
    Accuracies accuracy;
    for (const std::string& path : o.accuracy) act::bench::ReadAccuracies(path, accuracy);
    act::support::PrepareOutputDirectory(o.out + "/plots");
    act::support::PrepareOutputDirectory(o.out + "/data");
    if (!accuracy.empty()) {
      act::support::WriteFileAtomically(o.out + "/peers.md", PeersPage(accuracy));
      act::support::WriteFileAtomically(o.out + "/data/peers.csv", AccuracyCsv(accuracy));
    }

    std::string md = "# Performance\n\nGenerated by `perf_report` from the README's main command; do not edit by hand. "
                     "One thread; Gelem/s = 10^9 elements per second. Input distributions (`bench/workload.h`): "
                     "`uniform` x ~ U[-10, 10]; `normal` N(0, 2^2); `outliers_K` N(0, 2^2) with one element in K "
                     "replaced by |x| log-uniform in [70, 300], either sign; `saturated` every |x| log-uniform in "
                     "[70, 10^4]; `mlp` pre-activations recorded from the project's trained MLP. dy ~ U[-1, 1].\n\n" +
                     RunContext(o.results.front());
    if (!paired.empty()) md += FieldSection(paired, accuracy);
    if (!accuracy.empty()) {
      const std::string plots = FrontierPlots(o.out, results, paired, accuracy);
      if (!plots.empty()) {
        md += "## Speed against accuracy\n\nForward, float: each implementation's Gelem/s against its value's max "
              "ULP over the whole float range (`reports/peers.md`); ours per target from `bench_activations` (the "
              "fastest repetition), each peer's the median of its `versus_peers` rounds; filled: uniform inputs, "
              "open: outliers_256.\n\n" + plots;
      }
    }
    md += TargetsSection(results);
    act::support::WriteFileAtomically(o.out + "/performance.md", md);
  } catch (const act::support::UsageError& e) {
    std::fprintf(stderr, "perf_report: %s\n%s\n", e.what(), kUsage);
    return 2;
  } catch (const act::bench::ResultsError& e) {
    std::fprintf(stderr, "perf_report: %s\n", e.what());
    return 2;
  } catch (const act::support::OutputError& e) {
    std::fprintf(stderr, "perf_report: %s\n", e.what());
    return 2;
  }
  return 0;
}
