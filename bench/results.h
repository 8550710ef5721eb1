// Google Benchmark results as written by `bench_activations --benchmark_out=FILE
// --benchmark_out_format=csv`, read with the CSV Parser, and the ratios the performance report
// is built on. Ratios within one run (kernel vs scalar baseline,
// kernel vs copy bandwidth) are what is compared: absolute times on shared machines are noise.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace act::bench {

struct Result {
  double items_per_second = 0;  // the median over repetitions
  // The fastest repetition (the median where only aggregates were written): noise on a shared
  // machine only ever slows a repetition down, so the report quotes the best of each row.
  double best_items_per_second = 0;
  std::string error;            // non-empty: the row was skipped with this error
};

// Benchmark name (without aggregate suffixes) -> result. Throws ResultsError (a one-line
// message naming the file and line) for a missing file, a malformed line or missing columns.
using Results = std::map<std::string, Result>;
struct ResultsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
Results ReadResults(const std::string& path);

// bench/versus_onednn's CSV: per kernel row (name as bench_activations', e.g.
// "forward/mish/float/N:16384"), our throughput as a ratio to oneDNN's: the median and the
// quartiles of the ratios of alternating rounds. Errors as for ReadResults.
struct PairedRatio {
  std::string target;  // ours, the dispatcher's best target
  int rounds = 0;
  double median = 0, q1 = 0, q3 = 0;
};
using PairedRatios = std::map<std::string, PairedRatio>;
PairedRatios ReadPairedRatios(const std::string& path);

// The parts of a kernel row's name: <op>/<activation>/<type>/<impl>/N:<n>, or for the peer
// onednn/<op>/<activation>/<type>/N:<n> (impl "onednn").
struct RowName {
  std::string op, activation, type, impl, size;  // size as in the name: "N:16384"
};
std::optional<RowName> ParseRowName(const std::string& name);

// The copy pattern that moves the bytes of operation `op` ("read2_write1" for backward, ...).
std::string CopyPattern(const std::string& op);

}  // namespace act::bench
