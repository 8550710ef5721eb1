# ctest bench_tools: the bench tools' contract for bad input (a one-line message naming the
# problem, exit 2, nothing written) and one good perf_report run on small made-up files.
# And that regression_check fails on a real slowdown: a baseline written for the sigmoid
# forward rows, then the same rows with the kernel doing twice its work, must exit 1.
#   cmake -DWORK=DIR -DBENCH=... -DREGRESSION_CHECK=... -DPERF_REPORT=... [-DVERSUS_ONEDNN=...] -P tool_checks.cmake
# A tool left empty (not built in this configuration) is skipped.
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(failures 0)

# Reports one failed check; the script fails at the end.
macro(check_failed message)
  message(SEND_ERROR "FAILED: ${message}")
  math(EXPR failures "${failures} + 1")
endmacro()

# Runs the command after `code` and `pattern`; it must exit with `code` and print a line on
# stderr matching `pattern`.
function(expect code pattern)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${code}" OR NOT err MATCHES "${pattern}")
    check_failed("${ARGN}\n  expected exit ${code} and stderr matching '${pattern}'\n  got exit ${rc}, stderr: ${err}")
    set(failures ${failures} PARENT_SCOPE)
  else()
    string(STRIP "${err}" first_line)
    string(REGEX REPLACE "\n.*" "" first_line "${first_line}")
    message(STATUS "ok (exit ${rc}): ${first_line}")
  endif()
endfunction()

# A Google Benchmark CSV: one kernel row with its scalar, oneDNN and copy rows.
set(header "name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,label,error_occurred,error_message")
file(WRITE "${WORK}/results.csv" "${header}
\"forward/mish/float/AVX3/N:16384\",10,1,1,ns,1,3e9,,,
\"forward/mish/float/scalar/N:16384\",10,1,1,ns,1,2e7,,,
\"onednn/forward/mish/float/N:16384\",10,1,1,ns,1,3.5e9,,,
\"copy/read1_write1/float/N:16384\",10,1,1,ns,1,1.8e10,,,
")
file(WRITE "${WORK}/malformed.csv" "${header}
\"forward/mish/float/AVX3/N:16384\",10,1,1,ns,1,3e9,,,
\"forward/mish/float/scalar/N:16384\",10,1,1,ns,1,abc,,,
")
set(paired_header "operation,activation,type,size,target,rounds,ours_gelem_per_s,onednn_gelem_per_s,ratio_median,ratio_q1,ratio_q3")
file(WRITE "${WORK}/paired.csv" "${paired_header}\nforward,mish,float,N:16384,AVX3,61,3,2.8,1.08,1.05,1.12\n")
file(WRITE "${WORK}/paired_unordered.csv" "${paired_header}\nforward,mish,float,N:16384,AVX3,61,3,2.8,1.08,1.10,1.12\n")

expect(2 "unknown flag '--bogus'" "${BENCH}" --bogus)
expect(2 "no benchmark matches the filter" "${BENCH}" --benchmark_filter=no-such-row)
expect(2 "malformed.csv:3: items_per_second 'abc'" "${PERF_REPORT}" "${WORK}/malformed.csv" "${WORK}/out-malformed")
# A results file cut mid-number: "3e9" cut to "3" would parse; the missing line end is caught.
file(WRITE "${WORK}/cut.csv" "${header}\n\"forward/mish/float/AVX3/N:16384\",10,1,1,ns,1,3")
expect(2 "cut.csv:2: the last line has no line end" "${PERF_REPORT}" "${WORK}/cut.csv" "${WORK}/out-cut")

expect(2 "unknown flag '--bogus'" "${REGRESSION_CHECK}" --bogus)
expect(2 "give exactly one of" "${REGRESSION_CHECK}")
expect(2 "no-such-baseline.csv" "${REGRESSION_CHECK}" "--baseline=${WORK}/no-such-baseline.csv")
file(WRITE "${WORK}/bad-baseline.csv" "name,cpu,vs_scalar,vs_copy\nforward/mish/float/AVX3/N:16384,cpu,-1,2\n")
expect(2 "bad-baseline.csv:2: ratios must be positive" "${REGRESSION_CHECK}" "--baseline=${WORK}/bad-baseline.csv")
expect(2 "/proc/act-no-such-dir" "${REGRESSION_CHECK}" --write-baseline=/proc/act-no-such-dir/b.csv)
# A real slowdown fails the check: 2x the kernel's work in the rows of one activation. Not in
# the sanitized build, where instrumentation makes every timing ratio meaningless.
if(SLOWDOWN_CHECK)
  expect(0 ".*" "${REGRESSION_CHECK}" "--write-baseline=${WORK}/sigmoid-baseline.csv" --filter=forward/sigmoid/float/)
  execute_process(COMMAND "${REGRESSION_CHECK}" "--baseline=${WORK}/sigmoid-baseline.csv" --filter=forward/sigmoid/float/
                          --slow-down=forward/sigmoid:2 RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  message(STATUS "regression_check with an injected 2x slowdown (exit ${rc}):\n${out}")
  if(NOT rc EQUAL 1 OR NOT out MATCHES "REGRESSION")
    check_failed("regression_check did not fail on an injected 2x slowdown (exit ${rc})")
  endif()
endif()

if(PERF_REPORT)
  expect(2 "usage: perf_report" "${PERF_REPORT}" "${WORK}/results.csv")
  expect(2 "paired_unordered.csv:2: rounds or ratios" "${PERF_REPORT}" "${WORK}/results.csv" "${WORK}/out" "${WORK}/paired_unordered.csv")
  expect(2 "no-such-paired.csv" "${PERF_REPORT}" "${WORK}/results.csv" "${WORK}/out" "${WORK}/no-such-paired.csv")
  expect(2 "/proc/act-no-such-dir" "${PERF_REPORT}" "${WORK}/results.csv" "/proc/act-no-such-dir/out")
  if(EXISTS "${WORK}/out/performance.md")
    check_failed("a rejected perf_report run wrote ${WORK}/out/performance.md")
  endif()
  # A good run: the unpaired ratio divides the cells (3 / 3.5), the paired one is quoted in bold.
  expect(0 ".*" "${PERF_REPORT}" "${WORK}/results.csv" "${WORK}/out")
  file(READ "${WORK}/out/performance.md" unpaired)
  expect(0 ".*" "${PERF_REPORT}" "${WORK}/results.csv" "${WORK}/out" "${WORK}/paired.csv")
  file(READ "${WORK}/out/performance.md" paired)
  if(NOT unpaired MATCHES "\\| 0\\.86x \\|" OR NOT paired MATCHES "\\*\\*1\\.08x\\*\\* \\(1\\.05-1\\.12\\)")
    check_failed("performance.md lacks the unpaired ratio 0.86x or the paired **1.08x** (1.05-1.12)")
  endif()
endif()

if(VERSUS_ONEDNN)
  expect(2 "--rounds needs a whole number" "${VERSUS_ONEDNN}" --rounds=0)
  expect(2 "unknown flag '--bogus'" "${VERSUS_ONEDNN}" --bogus)
  expect(2 "no row matches --filter=no-such-row" "${VERSUS_ONEDNN}" --filter=no-such-row "--out=${WORK}/paired-none.csv")
  if(EXISTS "${WORK}/paired-none.csv")
    check_failed("versus_onednn wrote ${WORK}/paired-none.csv for a filter that matched nothing")
  endif()
  expect(2 "cannot create output directory /proc/act-no-such-dir" "${VERSUS_ONEDNN}" --out=/proc/act-no-such-dir/x.csv)
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "bench_tools: ${failures} check(s) failed")
endif()
message(STATUS "bench_tools: every check passed")
