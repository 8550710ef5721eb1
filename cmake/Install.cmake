# `cmake --install <build> [--prefix P]`: the library act::kernels as a CMake package and a
# pkg-config module, for projects outside this tree.
#   <P>/include/hwy-activations/kernels/{activations.h,registry.h,activation_list.h,half.h}
#   <P>/include/hwy-activations/act/act_config.h   (this build's configuration)
#   <P>/lib/libhwy-activations.{a,so}               (static unless BUILD_SHARED_LIBS=ON)
#   <P>/lib/cmake/hwy-activations/                  (find_package(hwy-activations))
#   <P>/lib/pkgconfig/hwy-activations.pc
# Consumers include "kernels/activations.h", as code in this tree does.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACT_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/hwy-activations")
set(ACT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/hwy-activations")

set_target_properties(act_kernels PROPERTIES
  OUTPUT_NAME hwy-activations
  EXPORT_NAME kernels
  VERSION "${PROJECT_VERSION}"
  SOVERSION "${PROJECT_VERSION_MAJOR}")
target_include_directories(act_kernels PUBLIC "$<INSTALL_INTERFACE:${ACT_INSTALL_INCLUDEDIR}>")

install(TARGETS act_kernels EXPORT hwy-activations-targets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES kernels/activations.h kernels/registry.h kernels/activation_list.h kernels/half.h
        DESTINATION "${ACT_INSTALL_INCLUDEDIR}/kernels")
install(FILES "${PROJECT_BINARY_DIR}/generated/act/act_config.h"
        DESTINATION "${ACT_INSTALL_INCLUDEDIR}/act")
install(EXPORT hwy-activations-targets NAMESPACE act:: DESTINATION "${ACT_INSTALL_CMAKEDIR}")

# The configuration a consumer can test: hwy-activations_ACTIVATIONS, _TYPES, _DISPATCH.
configure_package_config_file(cmake/package/hwy-activationsConfig.cmake.in
  "${PROJECT_BINARY_DIR}/package/hwy-activationsConfig.cmake"
  INSTALL_DESTINATION "${ACT_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/package/hwy-activationsConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)  # 0.x: a minor release may change the API
install(FILES "${PROJECT_BINARY_DIR}/package/hwy-activationsConfig.cmake"
              "${PROJECT_BINARY_DIR}/package/hwy-activationsConfigVersion.cmake"
        DESTINATION "${ACT_INSTALL_CMAKEDIR}")

# pkg-config: a static library needs Highway on the consumer's link line, so libhwy is then a
# public requirement (plain `pkg-config --libs` works); a shared one links it itself.
if(BUILD_SHARED_LIBS)
  set(ACT_PC_REQUIRES "Requires.private: libhwy")
else()
  set(ACT_PC_REQUIRES "Requires: libhwy")
endif()
# The prefix relative to the .pc file, so `cmake --install --prefix P` anywhere gives a valid one.
string(REGEX REPLACE "[^/]+" ".." _up "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
set(ACT_PC_PREFIX "\${pcfiledir}/${_up}")
string(REPLACE ";" " " ACT_PC_ACTIVATIONS "${ACT_ENABLED_NAMES}")
string(REPLACE ";" " " ACT_PC_TYPES "${ACT_TYPES}")
configure_file(cmake/package/hwy-activations.pc.in "${PROJECT_BINARY_DIR}/package/hwy-activations.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/package/hwy-activations.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# `cpack -G DEB` in a build directory: the same files as a Debian package, installed under
# /usr. The package name says which configuration it holds only through its contents
# (act/act_config.h); build one per configuration you ship.
set(CPACK_PACKAGE_NAME "libhwy-activations-dev")
set(CPACK_PACKAGE_VENDOR "hwy-activations")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "hwy-activations developers")
set(CPACK_DEBIAN_PACKAGE_SECTION "libdevel")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libhwy-dev (>= 1.0.3)")
include(CPack)
