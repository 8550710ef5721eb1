# The bench_regression step (bench/CMakeLists.txt): run the benchmark subset and compare it with
# the baseline; when a row regresses, run and compare once more, and fail only if the same row
# regresses again. On a shared VM any row can lose 20-30% for the length of one run (in one CI
# run silu' fell on the first attempt and elu' on the second, both back at the baseline right
# after); a real slowdown reproduces in the row it is in. A row that fails its output check
# fails at once.
#   cmake -DBENCH=... -DBENCH_ARGS=<list> -DCOMPARE=... -DRESULTS=... -DBASELINE=... -P regression.cmake
# BENCH_ARGS are bench_baseline's own (bench/CMakeLists.txt _ci_args), writing RESULTS.
cmake_minimum_required(VERSION 3.25)  # IN_LIST (policy CMP0057) in script mode
foreach(_var BENCH BENCH_ARGS COMPARE RESULTS BASELINE)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "regression.cmake: -D${_var}=... is required")
  endif()
endforeach()
set(_first_rows "")
foreach(_attempt 1 2)
  execute_process(
    COMMAND "${BENCH}" ${BENCH_ARGS} OUTPUT_QUIET RESULT_VARIABLE _bench_status)
  if(NOT _bench_status EQUAL 0)
    message(FATAL_ERROR "bench_regression: bench_activations failed (${_bench_status})")
  endif()
  execute_process(COMMAND "${COMPARE}" "${RESULTS}" "${BASELINE}" OUTPUT_VARIABLE _report
                  RESULT_VARIABLE _compare_status)
  message("${_report}")
  if(_compare_status EQUAL 0)
    return()
  endif()
  if(NOT _compare_status EQUAL 1)
    message(FATAL_ERROR "bench_regression: compare failed (${_compare_status})")
  endif()
  if(_report MATCHES "FAILED:")
    message(FATAL_ERROR "bench_regression: a row failed its output check")
  endif()
  # The names of the rows that regressed in this attempt (the first word of their lines).
  string(REGEX MATCHALL "[^\n]*REGRESSION[^\n]*" _lines "${_report}")
  set(_rows "")
  foreach(_line IN LISTS _lines)
    string(REGEX MATCH "^[^ ]+" _row "${_line}")
    list(APPEND _rows "${_row}")
  endforeach()
  if(_attempt EQUAL 1)
    set(_first_rows ${_rows})
    message(STATUS "bench_regression: attempt 1 shows a regression in ${_rows}; measuring again")
  else()
    set(_both "")
    foreach(_row IN LISTS _rows)
      if(_row IN_LIST _first_rows)
        list(APPEND _both "${_row}")
      endif()
    endforeach()
    if(NOT _both)
      message(STATUS "bench_regression: attempt 2 shows a regression in ${_rows} only, not in "
                     "the rows of attempt 1: noise, not a slowdown")
      return()
    endif()
    message(FATAL_ERROR "bench_regression: the regression reproduced in ${_both}")
  endif()
endforeach()
