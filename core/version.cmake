# Writes OUT from the template IN with the `git describe` of SRC (and PROJECT_VERSION). Run at
# configure time and again by the lingrok_version target at every build, so that outputs name
# the commit that was built, not the one CMake was configured at. configure_file rewrites OUT
# only when its text changes: a build at the same commit recompiles nothing.
execute_process(COMMAND git describe --always --dirty --tags
  WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE LINGROK_GIT_DESCRIBE
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT LINGROK_GIT_DESCRIBE)
  set(LINGROK_GIT_DESCRIBE "unknown")
endif()
configure_file(${IN} ${OUT} @ONLY)
