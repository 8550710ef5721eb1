// Writing output files safely: every file goes to a temporary name in the same directory and
// is renamed into place, so a crash or a full disk never leaves a half-written report. Plots
// are gnuplot scripts rendered to SVG the same way.
#pragma once

#include <stdexcept>
#include <string>

namespace act::support {

// Thrown for an output that cannot be written; the message is one line naming the path.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Creates dir (and parents) and checks that a file can be created in it.
void PrepareOutputDirectory(const std::string& dir);
// Writes content to path atomically (temporary file + rename).
void WriteFileAtomically(const std::string& path, const std::string& content);
// Runs gnuplot on script (which must `set output` to nothing: the SVG goes to stdout) and
// writes the SVG to svg_path atomically.
void RenderPlot(const std::string& svg_path, const std::string& script);

// printf into a std::string.
std::string Format(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace act::support
