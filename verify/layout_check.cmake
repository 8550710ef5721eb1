# ctest layout_check: the layers' include rules, so a dependency pointing the wrong way fails.
#   kernels/        includes nothing of verify/, bench/ or reports/
#   verify/support/ (the bottom layer of the tools) includes only verify/support/
#   verify/, bench/ include nothing of reports/
#   outside kernels/, only the public kernels/ headers (activations.h, registry.h, half.h)
#   cmake -DSOURCE_DIR=<repository> -P layout_check.cmake
cmake_minimum_required(VERSION 3.25)

set(public_kernel_headers "kernels/activations.h" "kernels/registry.h" "kernels/half.h")
set(violations 0)
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/kernels/*.h" "${SOURCE_DIR}/kernels/*.cc" "${SOURCE_DIR}/verify/*.h"
     "${SOURCE_DIR}/verify/*.cc" "${SOURCE_DIR}/bench/*.h" "${SOURCE_DIR}/bench/*.cc"
     "${SOURCE_DIR}/reports/*.h" "${SOURCE_DIR}/reports/*.cc")
foreach(source IN LISTS sources)
  file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]+\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([^\"]+)\".*" "\\1" included "${line}")
    set(why "")
    if(source MATCHES "^kernels/" AND included MATCHES "^(verify|bench|reports)/")
      set(why "kernels/ must not depend on the tools")
    elseif(source MATCHES "^verify/support/" AND included MATCHES "^(kernels|verify|bench|reports)/"
           AND NOT included MATCHES "^verify/support/")
      set(why "verify/support/ is the bottom layer")
    elseif(source MATCHES "^(verify|bench)/" AND included MATCHES "^reports/")
      set(why "verify/ and bench/ must not depend on reports/")
    elseif(NOT source MATCHES "^kernels/" AND included MATCHES "^kernels/"
           AND NOT included IN_LIST public_kernel_headers)
      set(why "outside kernels/, only ${public_kernel_headers}")
    endif()
    if(why)
      message(SEND_ERROR "${source} includes \"${included}\": ${why}")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
endforeach()
list(LENGTH sources checked)
if(violations GREATER 0)
  message(FATAL_ERROR "layout_check: ${violations} include(s) against the layering")
endif()
message(STATUS "layout_check: ${checked} files, every include follows the layering")
