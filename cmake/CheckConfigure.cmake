cmake_minimum_required(VERSION 3.25)  # policies (IN_LIST) in -P script mode
# ctest driver (cmake -P) proving the compile-time configuration:
#  1. an unknown activation, or an unknown peer, fails configure, naming it and listing the
#     valid ones;
#  2. a reduced set (relu, gelu_erf; float only) builds, and its tests, benchmarks and
#     experiments know nothing else.
# Variables: SOURCE_DIR, WORK_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")

execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/unknown"
                        "-DACT_ACTIVATIONS=relu;swishy" -DACT_BUILD_BENCH=OFF
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "Unknown activation 'swishy'\\.[ \n]+Valid:[ \n]+identity,[ \n]+sigmoid")
  message(FATAL_ERROR "unknown activation was not rejected as expected (rc ${rc}):\n${err}")
endif()
message(STATUS "unknown activation rejected: ${err}")

execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/unknown_peer"
                        "-DACT_PEERS=eigen;mkl"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "Unknown peer 'mkl'\\.[ \n]+Valid:[ \n]+onednn,[ \n]+eigen")
  message(FATAL_ERROR "unknown peer was not rejected as expected (rc ${rc}):\n${err}")
endif()
message(STATUS "unknown peer rejected: ${err}")

execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/reduced"
                        "-DACT_ACTIVATIONS=gelu_erf;relu" -DACT_TYPES=float -DCMAKE_BUILD_TYPE=Release
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "reduced configuration failed to configure")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/reduced" -j2 --target test_contract
                        bench_activations experiments
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "reduced configuration failed to build")
endif()
execute_process(COMMAND "${WORK_DIR}/reduced/verify/test_contract" --list-test-names-only
                OUTPUT_VARIABLE names RESULT_VARIABLE rc)
string(REGEX MATCHALL "[^\n]+" lines "${names}")
set(expected "special values - Relu - float" "special values - GeluErf - float")
foreach(name IN LISTS expected)
  if(NOT name IN_LIST lines)
    message(FATAL_ERROR "reduced build lacks test '${name}':\n${names}")
  endif()
endforeach()
if(names MATCHES "Sigmoid|double|Prelu|prelu")
  message(FATAL_ERROR "reduced build still has disabled activations or types:\n${names}")
endif()
execute_process(COMMAND "${WORK_DIR}/reduced/verify/test_contract" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "reduced build's tests failed")
endif()
# The benchmark registers only the configured activations and types.
execute_process(COMMAND "${WORK_DIR}/reduced/bench/bench_activations" --benchmark_list_tests=true
                OUTPUT_VARIABLE bench_names ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT bench_names MATCHES "forward/gelu_erf/float/" OR NOT bench_names MATCHES "backward/relu/float/"
   OR bench_names MATCHES "sigmoid|double|prelu")
  message(FATAL_ERROR "reduced build's benchmarks are wrong (rc ${rc}):\n${bench_names}")
endif()
# The experiments reject a disabled activation by name.
execute_process(COMMAND "${WORK_DIR}/reduced/reports/experiments" depth-sweep --activations=sigmoid
                        "--out=${WORK_DIR}/out" ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "unknown activation 'sigmoid' \\(configured: relu, gelu_erf\\)")
  message(FATAL_ERROR "reduced build's experiments accepted a disabled activation (rc ${rc}):\n${err}")
endif()
list(LENGTH lines count)
message(STATUS "reduced build (relu, gelu_erf; float): ${count} tests, all passing")
file(REMOVE_RECURSE "${WORK_DIR}")
