# `cmake --install` rules: the libraries, their headers, the `lingrok` command and a CMake
# package (lingrokConfig.cmake, its version file and the exported targets lingrok::core,
# lingrok::data, lingrok::theory, lingrok::symbolic, lingrok::numerics, lingrok::distributed,
# lingrok::results, lingrok::proofs_check, lingrok::plots, lingrok::pipeline), so that another
# project can `find_package(lingrok)` and link
# `lingrok::theory`. examples/consumer/ is such a project; tests/install/ builds it against a
# staging install.
include(CMakePackageConfigHelpers)

set(LINGROK_LIBRARIES lingrok_core lingrok_data lingrok_theory lingrok_symbolic lingrok_numerics
                      lingrok_distributed lingrok_results lingrok_proofs_check lingrok_plots
                      lingrok_pipeline)
foreach(lib IN LISTS LINGROK_LIBRARIES)
  string(REPLACE "lingrok_" "" short ${lib})
  set_target_properties(${lib} PROPERTIES EXPORT_NAME ${short})
endforeach()

install(TARGETS ${LINGROK_LIBRARIES} EXPORT lingrokTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${LINGROK_INSTALL_INCLUDEDIR})
install(TARGETS lingrok RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Headers of the libraries (cli/ is the command's own and is not installed), and the version
# header that the build generates from `git describe`.
install(DIRECTORY core data theory numerics results proofs_check plots pipeline
        DESTINATION ${LINGROK_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/generated/core/version.hpp
        DESTINATION ${LINGROK_INSTALL_INCLUDEDIR}/core)

set(LINGROK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/lingrok)
install(EXPORT lingrokTargets NAMESPACE lingrok:: DESTINATION ${LINGROK_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/lingrokConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/lingrokConfig.cmake
                              INSTALL_DESTINATION ${LINGROK_CMAKE_DIR})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lingrokConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/lingrokConfig.cmake
              ${PROJECT_BINARY_DIR}/lingrokConfigVersion.cmake
        DESTINATION ${LINGROK_CMAKE_DIR})
