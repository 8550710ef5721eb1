// The five experiments of the reports, one function each. Each trains its networks (in
// parallel where runs are independent), writes tidy CSV to <out>/data and SVG plots to
// <out>/plots, and returns its section of the Markdown report.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "reports/experiments/common.h"
#include "verify/support/output.h"

namespace act::reports {

using support::Format;
using support::OutputError;
using support::PrepareOutputDirectory;
using support::RenderPlot;
using support::WriteFileAtomically;

struct Section {
  std::string title;
  std::string markdown;  // the body, without the title
  std::string console;   // a short summary printed when the experiment finishes
  double seconds = 0;    // training time
};

Section GradientTable(const Options& options);
Section DepthSweep(const Options& options);
Section DeadNeurons(const Options& options);
Section Stability(const Options& options);
Section Capacity(const Options& options);
// The bench's `mlp` input distribution (bench/data/mlp_preactivations.csv), as CSV text.
std::string MlpPreactivations();

// ---- Small helpers for the experiment files ----

inline std::vector<Kind> EnabledKindsVector() {
  const auto kinds = EnabledKinds();
  return {kinds.begin(), kinds.end()};
}

class Stopwatch {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The start of every plot script: SVG on stdout, title and axis labels.
inline std::string SvgHeader(const std::string& title, const std::string& xlabel, const std::string& ylabel) {
  return "set terminal svg size 900,520 dynamic enhanced font 'sans,12' background rgb 'white'\n"
         "set title '" + title + "'\nset xlabel '" + xlabel + "'\nset ylabel '" + ylabel + "'\n"
         "set key outside right top\nset grid\n";
}
// Inline data for a plot script: $name << EOD ... EOD.
inline std::string DataBlock(const std::string& name, const std::string& data) {
  return "$" + name + " << EOD\n" + data + "EOD\n";
}

}  // namespace act::reports
