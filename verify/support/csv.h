// The CSV Parser (<libfccp/csv.h>, Debian libfccp-dev), included once for the whole project:
// its error types copy file names with strncpy into fixed buffers, which GCC's -O3
// string-truncation analysis flags inside the library header.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop
