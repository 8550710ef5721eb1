#include "bench/workload.h"

#include <stdexcept>

#include "verify/support/csv.h"

namespace act::bench {

std::vector<double> RecordedMlpPreactivations() {
  const std::string path = ACT_SOURCE_DIR "/bench/data/mlp_preactivations.csv";
  support::RequireCompleteLastLine(path);
  io::CSVReader<1, io::trim_chars<' '>, io::no_quote_escape<','>, io::throw_on_overflow,
                io::single_line_comment<'#'>>
      reader(path);
  reader.read_header(io::ignore_no_column, "z");
  std::vector<double> values;
  for (double z; reader.read_row(z);) {
    if (!std::isfinite(z)) throw std::runtime_error(path + ": a value that is not finite");
    values.push_back(z);
  }
  if (values.empty()) throw std::runtime_error(path + ": no values");
  return values;
}

}  // namespace act::bench
