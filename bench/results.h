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

// bench/versus_peers' CSV: per kernel row, keyed "forward/mish/float/outliers_256/N:16384",
// and per peer, our throughput as a ratio to the peer's: the median and the quartiles of the
// ratios of alternating rounds. Errors as for ReadResults. Several files merge (a second
// versus_peers run covers PyTorch at another CPU capability); a pair seen twice is an error.
struct PairedRatio {
  std::string target;  // ours, the dispatcher's best target
  int rounds = 0;
  double ours = 0, theirs = 0;  // Gelem/s, medians over the rounds
  double median = 0, q1 = 0, q3 = 0;
};
using PairedRatios = std::map<std::string, std::map<std::string, PairedRatio>>;  // row -> peer -> ratio
void ReadPairedRatios(const std::string& path, PairedRatios& into);

// bench/peer_accuracy's CSV: per activation and implementation ("ours AVX3", "eigen_avx512",
// ...), the max ULP error of the value and of f' (inf: NaN or inf for a finite input) and the
// special values off the contract. Merged as ReadPairedRatios merges.
struct Accuracy {
  long long inputs = 0, stride = 0;  // how many inputs, every stride-th float bit pattern among them
  double value_max_ulp = 0, slope_max_ulp = 0, slope_root_abs = -1;  // root: -1 without a root of f'
  std::string value_arg, slope_arg;  // the x of each max, as %a
  int special_mismatches = 0;
  std::string special_examples;  // "f(+inf) = nan, contract 1; ..."
};
using Accuracies = std::map<std::string, std::map<std::string, Accuracy>>;  // activation -> impl
void ReadAccuracies(const std::string& path, Accuracies& into);

// The parts of a kernel row's name: <op>/<activation>/<type>/<impl>/<distribution>/N:<n>, or
// for a peer <peer>/<op>/<activation>/<type>/<distribution>/N:<n> (impl = the peer's name).
struct RowName {
  std::string op, activation, type, impl, distribution, size;  // size as in the name: "N:16384"
  bool is_peer = false;
};
std::optional<RowName> ParseRowName(const std::string& name);

// The copy pattern that moves the bytes of operation `op` ("read2_write1" for backward, ...).
std::string CopyPattern(const std::string& op);

}  // namespace act::bench
