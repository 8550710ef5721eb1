# ctest bench_tools: the bench tools' contract for bad input (a one-line message naming the
# problem, exit 2, nothing written) and one good perf_report run on small made-up files.
# And that regression_check fails on a real slowdown: a baseline written for the sigmoid
# forward rows, then the same rows with the kernel doing twice its work, must exit 1.
#   cmake -DWORK=DIR -DBENCH=... -DREGRESSION_CHECK=... -DPERF_REPORT=... -DVERSUS_PEERS=...
#         -DPEER_ACCURACY=... -P tool_checks.cmake
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

# A Google Benchmark CSV: one kernel row with its scalar, peer and copy rows.
set(header "name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,label,error_occurred,error_message")
file(WRITE "${WORK}/results.csv" "${header}
\"forward/mish/float/AVX3/uniform/N:16384\",10,1,1,ns,1,3e9,,,
\"forward/mish/float/scalar/uniform/N:16384\",10,1,1,ns,1,2e7,,,
\"onednn/forward/mish/float/uniform/N:16384\",10,1,1,ns,1,3.5e9,,,
\"copy/read1_write1/float/N:16384\",10,1,1,ns,1,1.8e10,,,
")
file(WRITE "${WORK}/malformed.csv" "${header}
\"forward/mish/float/AVX3/uniform/N:16384\",10,1,1,ns,1,3e9,,,
\"forward/mish/float/scalar/uniform/N:16384\",10,1,1,ns,1,abc,,,
")
# versus_peers' CSV: two peers on one row; onednn is the faster, so the report names it.
set(paired_header "operation,activation,type,distribution,size,target,peer,rounds,ours_gelem_per_s,peer_gelem_per_s,ratio_median,ratio_q1,ratio_q3")
file(WRITE "${WORK}/paired.csv" "${paired_header}
forward,mish,float,uniform,N:16384,AVX3,onednn,11,3,2.8,1.08,1.05,1.12
forward,mish,float,uniform,N:16384,AVX3,eigen_avx512,11,3,1.5,2.01,1.90,2.10
")
file(WRITE "${WORK}/paired_unordered.csv" "${paired_header}\nforward,mish,float,uniform,N:16384,AVX3,onednn,11,3,2.8,1.08,1.10,1.12\n")
set(accuracy_header "activation,implementation,inputs,stride,value_max_ulp,value_arg,slope_max_ulp,slope_arg,slope_root_abs,special_mismatches,special_examples")
file(WRITE "${WORK}/accuracy.csv" "${accuracy_header}
mish,ours AVX3,100,4099,1.5,0x1p+0,2.5,0x1p+1,1e-8,0,\"\"
mish,onednn,100,4099,3.25e6,0x1p+4,inf,0x1p+5,1e-7,1,\"f(+inf) = nan, contract inf\"
")
file(WRITE "${WORK}/accuracy_negative.csv" "${accuracy_header}\nmish,onednn,100,4099,-1,0x1p+4,2,0x1p+5,-1,0,\"\"\n")

expect(2 "unknown flag '--bogus'" "${BENCH}" --bogus)
expect(2 "no benchmark matches the filter" "${BENCH}" --benchmark_filter=no-such-row)
expect(2 "malformed.csv:3: items_per_second 'abc'" "${PERF_REPORT}" "--results=${WORK}/malformed.csv" "--out=${WORK}/out-malformed")
# A results file cut mid-number: "3e9" cut to "3" would parse; the missing line end is caught.
file(WRITE "${WORK}/cut.csv" "${header}\n\"forward/mish/float/AVX3/uniform/N:16384\",10,1,1,ns,1,3")
expect(2 "cut.csv:2: the last line has no line end" "${PERF_REPORT}" "--results=${WORK}/cut.csv" "--out=${WORK}/out-cut")

expect(2 "unknown flag '--bogus'" "${REGRESSION_CHECK}" --bogus)
expect(2 "give exactly one of" "${REGRESSION_CHECK}")
expect(2 "no-such-baseline.csv" "${REGRESSION_CHECK}" "--baseline=${WORK}/no-such-baseline.csv")
file(WRITE "${WORK}/bad-baseline.csv" "name,cpu,vs_scalar,vs_copy\nforward/mish/float/AVX3/uniform/N:16384,cpu,-1,2\n")
expect(2 "bad-baseline.csv:2: ratios must be positive" "${REGRESSION_CHECK}" "--baseline=${WORK}/bad-baseline.csv")
expect(2 "/proc/act-no-such-dir" "${REGRESSION_CHECK}" --write-baseline=/proc/act-no-such-dir/b.csv)
# A real slowdown fails the check: 2x the kernel's work in the rows of one activation. Not in
# the sanitized build, where instrumentation makes every timing ratio meaningless.
if(SLOWDOWN_CHECK)
  # One pass: the baseline the slowdown is measured against is what one run sees, not the
  # lowest of several (which a 2x slowdown on a busy machine need not fall below).
  expect(0 ".*" "${REGRESSION_CHECK}" "--write-baseline=${WORK}/sigmoid-baseline.csv" --passes=1
         --filter=forward/sigmoid/float/)
  execute_process(COMMAND "${REGRESSION_CHECK}" "--baseline=${WORK}/sigmoid-baseline.csv" --filter=forward/sigmoid/float/
                          --slow-down=forward/sigmoid:2 RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  message(STATUS "regression_check with an injected 2x slowdown (exit ${rc}):\n${out}")
  if(NOT rc EQUAL 1 OR NOT out MATCHES "REGRESSION")
    check_failed("regression_check did not fail on an injected 2x slowdown (exit ${rc})")
  endif()
endif()

if(PERF_REPORT)
  set(good "--results=${WORK}/results.csv")
  expect(2 "usage: perf_report" "${PERF_REPORT}" "${good}")
  expect(2 "unknown argument 'stray'" "${PERF_REPORT}" "${good}" "--out=${WORK}/out" stray)
  expect(2 "paired_unordered.csv:2: rounds, speeds or ratios" "${PERF_REPORT}" "${good}" "--out=${WORK}/out"
         "--paired=${WORK}/paired_unordered.csv")
  expect(2 "no-such-paired.csv" "${PERF_REPORT}" "${good}" "--out=${WORK}/out" "--paired=${WORK}/no-such-paired.csv")
  expect(2 "accuracy_negative.csv:2: errors must be numbers" "${PERF_REPORT}" "${good}" "--out=${WORK}/out"
         "--accuracy=${WORK}/accuracy_negative.csv")
  expect(2 "/proc/act-no-such-dir" "${PERF_REPORT}" "${good}" "--out=/proc/act-no-such-dir/out")
  if(EXISTS "${WORK}/out/performance.md" OR EXISTS "${WORK}/out/peers.md")
    check_failed("a rejected perf_report run wrote into ${WORK}/out")
  endif()
  # A good run: the fastest peer (onednn) is named with its paired ratio and its max ULP, the
  # other peer's ratio is listed, and peers.md lists ours first with the special value off.
  expect(0 ".*" "${PERF_REPORT}" "${good}" "--out=${WORK}/out" "--paired=${WORK}/paired.csv"
         "--accuracy=${WORK}/accuracy.csv")
  file(READ "${WORK}/out/performance.md" performance)
  file(READ "${WORK}/out/peers.md" peers)
  if(NOT performance MATCHES "\\| forward \\| mish \\| 3\\.000 \\| onednn \\| 2\\.800 \\| 3\\.2e\\+06 \\| 1\\.08x \\(1\\.05-1\\.12\\) \\| eigen_avx512 2\\.01x \\|")
    check_failed("performance.md lacks the row against the fastest peer:\n${performance}")
  endif()
  if(NOT peers MATCHES "\\| ours AVX3 \\| 1\\.50 .*\\| onednn \\| 3\\.25e\\+06 .* NaN or inf .* 1: f\\(\\+inf\\) = nan")
    check_failed("peers.md lacks ours first and onednn's errors:\n${peers}")
  endif()
endif()

if(VERSUS_PEERS)
  expect(2 "--rounds: " "${VERSUS_PEERS}" --rounds=0)
  expect(2 "unknown flag '--bogus'" "${VERSUS_PEERS}" --bogus)
  expect(2 "unknown distribution 'cauchy'" "${VERSUS_PEERS}" --distributions=uniform,cauchy)
  expect(2 "no row matches --filter=no-such-row|has no peer" "${VERSUS_PEERS}" --filter=no-such-row "--out=${WORK}/paired-none.csv")
  if(EXISTS "${WORK}/paired-none.csv")
    check_failed("versus_peers wrote ${WORK}/paired-none.csv for a filter that matched nothing")
  endif()
  expect(2 "cannot create output directory /proc/act-no-such-dir" "${VERSUS_PEERS}" --out=/proc/act-no-such-dir/x.csv)
endif()

if(PEER_ACCURACY)
  expect(2 "--out=FILE.csv is required" "${PEER_ACCURACY}")
  expect(2 "unknown flag '--bogus'" "${PEER_ACCURACY}" --bogus "--out=${WORK}/a.csv")
  expect(2 "--stride: " "${PEER_ACCURACY}" --stride=0 "--out=${WORK}/a.csv")
  expect(2 "nothing matches" "${PEER_ACCURACY}" --filter=no-such-activation "--out=${WORK}/a.csv")
  expect(2 "cannot create output directory /proc/act-no-such-dir" "${PEER_ACCURACY}" --out=/proc/act-no-such-dir/a.csv)
  if(EXISTS "${WORK}/a.csv")
    check_failed("a rejected peer_accuracy run wrote ${WORK}/a.csv")
  endif()
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "bench_tools: ${failures} check(s) failed")
endif()
message(STATUS "bench_tools: every check passed")
