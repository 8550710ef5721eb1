#include "verify/support/output.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace act::support {

std::string Format(const char* format, ...) {
  va_list args;
  va_start(args, format);
  char buffer[4096];
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return buffer;
}

void PrepareOutputDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create output directory " + dir + ": " + ec.message());
  if (access(dir.c_str(), W_OK) != 0) {
    throw OutputError("output directory " + dir + " is not writable: " + std::strerror(errno));
  }
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError("cannot write " + temporary + ": " + std::strerror(errno));
    out << content;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw OutputError("cannot write " + temporary + " (disk full?)");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(temporary.c_str());
    throw OutputError("cannot rename " + temporary + " to " + path + ": " + why);
  }
}

void RenderPlot(const std::string& svg_path, const std::string& script) {
  const std::string script_path = svg_path + ".gp.tmp." + std::to_string(getpid());
  WriteFileAtomically(script_path, script);
  const std::string command = "gnuplot '" + script_path + "' 2>&1";
  std::string svg;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw OutputError("cannot run gnuplot for " + svg_path);
  char buffer[65536];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) svg.append(buffer, n);
  const int status = pclose(pipe);
  std::remove(script_path.c_str());
  if (status != 0 || svg.find("<svg") == std::string::npos) {
    const std::string first_line = svg.substr(0, svg.find('\n'));
    throw OutputError("gnuplot failed for " + svg_path + ": " + first_line);
  }
  WriteFileAtomically(svg_path, svg);
}

}  // namespace act::support
