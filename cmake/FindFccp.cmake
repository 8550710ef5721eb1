# Finds the CSV Parser header (<libfccp/csv.h>, Debian package libfccp-dev) and defines Fccp::csv.
find_path(Fccp_INCLUDE_DIR NAMES libfccp/csv.h)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Fccp REQUIRED_VARS Fccp_INCLUDE_DIR)
if(Fccp_FOUND AND NOT TARGET Fccp::csv)
  find_package(Threads REQUIRED)  # csv.h reads ahead on a worker thread
  add_library(Fccp::csv INTERFACE IMPORTED)
  set_target_properties(Fccp::csv PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${Fccp_INCLUDE_DIR}"
                                             INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
mark_as_advanced(Fccp_INCLUDE_DIR)
