# The bench_regression step (bench/CMakeLists.txt): run the benchmark subset and compare it with
# the baseline; when a row regresses, run and compare once more, and fail only if a regression
# shows again. The memory-bound rows (identity, relu) move by 20% between runs on a shared VM;
# a real slowdown reproduces.
#   cmake -DBENCH=... -DBENCH_ARGS=<list> -DCOMPARE=... -DRESULTS=... -DBASELINE=... -P regression.cmake
# BENCH_ARGS are bench_baseline's own (bench/CMakeLists.txt _ci_args), writing RESULTS.
foreach(_var BENCH BENCH_ARGS COMPARE RESULTS BASELINE)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "regression.cmake: -D${_var}=... is required")
  endif()
endforeach()
foreach(_attempt 1 2)
  execute_process(
    COMMAND "${BENCH}" ${BENCH_ARGS} OUTPUT_QUIET RESULT_VARIABLE _bench_status)
  if(NOT _bench_status EQUAL 0)
    message(FATAL_ERROR "bench_regression: bench_activations failed (${_bench_status})")
  endif()
  execute_process(COMMAND "${COMPARE}" "${RESULTS}" "${BASELINE}" RESULT_VARIABLE _compare_status)
  if(_compare_status EQUAL 0)
    return()
  endif()
  if(NOT _compare_status EQUAL 1)
    message(FATAL_ERROR "bench_regression: compare failed (${_compare_status})")
  endif()
  message(STATUS "bench_regression: attempt ${_attempt} shows a regression")
endforeach()
message(FATAL_ERROR "bench_regression: the regression reproduced in a second run")
