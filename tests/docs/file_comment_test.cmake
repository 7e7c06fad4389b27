# Run by CTest (tests/docs/CMakeLists.txt) as `cmake -P` with SOURCE_DIR, the repository root, and
# WORK_DIR, a scratch directory. Every source file of the libraries, the command and the Python
# module opens with a comment block saying what it implements (docs/DEVELOPING.md#conventions):
# a reader who opens any file learns what it is for before the first #include. Fails, listing
# the files whose first non-blank line is not a comment. It first shows that it flags a file
# without such a comment and passes one with it.
cmake_minimum_required(VERSION 3.20)

set(source_folders core data theory numerics results proofs_check plots pipeline cli bindings)

# Sets `out` to the files under `root`'s source folders whose first non-blank line is not a
# `//` or `/*` comment.
function(files_without_opening_comment root out)
  set(globs "")
  foreach(folder IN LISTS source_folders)
    list(APPEND globs ${root}/${folder}/*.cpp ${root}/${folder}/*.hpp ${root}/${folder}/*.inc)
  endforeach()
  file(GLOB_RECURSE files RELATIVE ${root} ${globs})
  list(SORT files)
  set(bad "")
  foreach(f IN LISTS files)
    file(STRINGS ${root}/${f} first REGEX "[^ \t\r]" LIMIT_COUNT 1)
    if(NOT first MATCHES "^[ \t]*(//|/\\*)")
      list(APPEND bad ${f})
    endif()
  endforeach()
  set(${out} "${bad}" PARENT_SCOPE)
  list(LENGTH files n)
  set(${out}_count ${n} PARENT_SCOPE)
endfunction()

# The check on a tree made here: one file with an opening comment, one without, one with a
# blank line before its comment.
set(fake ${WORK_DIR}/file_comment_fake)
file(REMOVE_RECURSE ${fake})
file(WRITE ${fake}/core/with.hpp "// What this implements.\n#pragma once\n")
file(WRITE ${fake}/core/blank_first.cpp "\n/* What this implements. */\n#include \"core/with.hpp\"\n")
file(WRITE ${fake}/theory/without.cpp "#include \"core/with.hpp\"\n// A comment too late.\n")
files_without_opening_comment(${fake} fake_bad)
if(NOT fake_bad STREQUAL "theory/without.cpp")
  message(FATAL_ERROR "file comment check: on the fake tree it flagged [${fake_bad}], "
                      "expected [theory/without.cpp]")
endif()
file(REMOVE_RECURSE ${fake})

files_without_opening_comment(${SOURCE_DIR} bad)
if(bad_count LESS 100)
  message(FATAL_ERROR "file comment check: only ${bad_count} source files found; is SOURCE_DIR "
                      "right?")
endif()
if(bad)
  list(JOIN bad "\n  " listed)
  message(FATAL_ERROR "these files do not open with a comment saying what they implement "
                      "(docs/DEVELOPING.md#conventions):\n  ${listed}")
endif()
message(STATUS "all ${bad_count} source files open with a comment")
