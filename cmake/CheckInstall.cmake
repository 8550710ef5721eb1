cmake_minimum_required(VERSION 3.25)
# ctest driver (cmake -P) proving the installed package: installs BUILD_DIR into a temporary
# prefix, then builds and runs cmake/package/consumer against it twice, once through
# find_package(hwy-activations) and once through pkg-config; then packs the build as a .deb
# (cpack) and builds the consumer against the package's files, extracted.
# Variables: SOURCE_DIR, BUILD_DIR, WORK_DIR, CXX (the compiler).
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(consumer "${SOURCE_DIR}/cmake/package/consumer")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install check: ${what} failed (${rc}):\n${out}\n${err}")
  endif()
  message(STATUS "${what}: ok\n${out}")
endfunction()

run("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

run("consumer configure (find_package)" "${CMAKE_COMMAND}" -S "${consumer}" -B "${WORK_DIR}/cmake-consumer"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX}" -DCMAKE_BUILD_TYPE=Release)
run("consumer build (find_package)" "${CMAKE_COMMAND}" --build "${WORK_DIR}/cmake-consumer")
run("consumer run (find_package)" "${WORK_DIR}/cmake-consumer/consumer")

file(GLOB_RECURSE pc_file "${prefix}/*/hwy-activations.pc")
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
execute_process(COMMAND pkg-config --cflags --libs hwy-activations
                RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install check: pkg-config --cflags --libs hwy-activations failed:\n${err}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
# An rpath to the prefix's library directory: a shared build outside the loader's paths needs
# one (or LD_LIBRARY_PATH), as any library installed to a private prefix does.
get_filename_component(lib_dir "${pc_dir}" DIRECTORY)
run("consumer build (pkg-config: ${flags})" "${CXX}" -std=c++20 -O2 "${consumer}/main.cc"
    -o "${WORK_DIR}/pkg-consumer" ${flags} "-Wl,-rpath,${lib_dir}")
run("consumer run (pkg-config)" "${WORK_DIR}/pkg-consumer")

# The .deb: what it lists, and a consumer built against its files (extracted, not installed:
# the package's paths are relative to its prefix, /usr).
run("cpack -G DEB" cpack -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}/deb")
file(GLOB deb "${WORK_DIR}/deb/*.deb")
run("dpkg-deb --contents" dpkg-deb --contents "${deb}")
run("dpkg-deb --extract" dpkg-deb --extract "${deb}" "${WORK_DIR}/deb/root")
run("consumer configure (.deb)" "${CMAKE_COMMAND}" -S "${consumer}" -B "${WORK_DIR}/deb-consumer"
    "-DCMAKE_PREFIX_PATH=${WORK_DIR}/deb/root/usr" "-DCMAKE_CXX_COMPILER=${CXX}" -DCMAKE_BUILD_TYPE=Release)
run("consumer build (.deb)" "${CMAKE_COMMAND}" --build "${WORK_DIR}/deb-consumer")
run("consumer run (.deb)" "${WORK_DIR}/deb-consumer/consumer")
file(REMOVE_RECURSE "${WORK_DIR}")
