# Every dependency comes from a Debian 12 package; a missing one fails with one line naming it.
set(ACT_INSTALL_HINT "install it with: sudo bash cmake/install-deps.sh")

macro(act_require package debian_package)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR "Missing dependency ${package} (Debian package ${debian_package}); ${ACT_INSTALL_HINT}")
  endif()
endmacro()

act_require(hwy libhwy-dev)
act_require(Boost libboost-dev 1.74)
find_package(Threads REQUIRED)
if(BUILD_TESTING)
  act_require(Catch2 catch2 2)
endif()
if(ACT_BUILD_BENCH)
  act_require(benchmark libbenchmark-dev)
endif()

# The CSV Parser ships a header only, without a CMake package: FindFccp.cmake provides Fccp::csv.
list(APPEND CMAKE_MODULE_PATH "${PROJECT_SOURCE_DIR}/cmake")
act_require(Fccp libfccp-dev)
