// The CSV Parser (<libfccp/csv.h>, Debian libfccp-dev), included once for the whole project:
// its error types copy file names with strncpy into fixed buffers, which GCC's -O3
// string-truncation analysis flags inside the library header.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <cstdio>
#include <stdexcept>
#include <string>

namespace act::support {

// Throws std::runtime_error("path:N: ...") when the file's last line has no line end: a file
// cut short (a full disk, a killed writer) can end mid-number, and the parser would read
// "1.38563" cut to "1.38" as a valid number. Every CSV this project writes ends in '\n'.
// A file that cannot be opened is left to the parser, which names it.
inline void RequireCompleteLastLine(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return;
  long lines = 0;
  int last = '\n';
  for (int c; (c = std::fgetc(file)) != EOF; last = c) lines += c == '\n';
  std::fclose(file);
  if (last != '\n') {
    throw std::runtime_error(path + ":" + std::to_string(lines + 1) +
                             ": the last line has no line end (file cut short?)");
  }
}

}  // namespace act::support
