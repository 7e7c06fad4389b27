# Run by CTest (tests/layers/CMakeLists.txt) as `cmake -P` with CHECK (layer_check.cmake),
# GRAPH (this build's link graph), SOURCE_DIR (the repository) and WORK_DIR. First the check must
# fail, naming the violation, on a graph with a back edge (written as `cmake --graphviz` writes
# it), on a library with no layer and on a tree with back includes; then it must pass on this
# build's graph and on the repository's sources.
cmake_minimum_required(VERSION 3.20)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/tree/theory ${WORK_DIR}/tree/data ${WORK_DIR}/tree/cli)

function(expect_failure what expected)
  execute_process(COMMAND ${CMAKE_COMMAND} ${ARGN} -P ${CHECK}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0)
    message(FATAL_ERROR "layer check passed ${what}:\n${out}")
  endif()
  foreach(e IN LISTS expected)
    string(FIND "${out}" "${e}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "layer check failed ${what} without saying \"${e}\":\n${out}")
    endif()
  endforeach()
endfunction()

file(WRITE ${WORK_DIR}/back_edge.dot [=[
digraph "lingrok" {
node [
  fontsize = "12"
];
    "node0" [ label = "lingrok_core", shape = octagon ];
    "node1" [ label = "lingrok_theory", shape = octagon ];
    "node1" -> "node0" [ style = dashed ] // lingrok_theory -> lingrok_core
    "node2" [ label = "lingrok_results", shape = octagon ];
    "node1" -> "node2" [ style = dashed ] // lingrok_theory -> lingrok_results
    "node3" [ label = "Eigen3::Eigen", shape = pentagon ];
    "node0" -> "node3" [ style = dashed ] // lingrok_core -> Eigen3::Eigen
}
]=])
expect_failure("on a graph where theory links results"
               "lingrok_theory (layer 2) links lingrok_results (layer 4), a layer above it"
               -DGRAPH=${WORK_DIR}/back_edge.dot)

file(WRITE ${WORK_DIR}/no_layer.dot "\"lingrok_newlib\" -> \"lingrok_core\"  // lingrok_newlib -> lingrok_core\n")
expect_failure("on a library without a layer" "lingrok_newlib has no layer"
               -DGRAPH=${WORK_DIR}/no_layer.dot)

file(WRITE ${WORK_DIR}/tree/theory/fake.hpp "#pragma once\n#include \"core/error.hpp\"\n#include \"results/run_layout.hpp\"\n")
file(WRITE ${WORK_DIR}/tree/data/fake.cpp "#include \"numerics/gd/gd.hpp\"\n")
file(WRITE ${WORK_DIR}/tree/cli/fake.cpp "#include \"bindings/python/bindings.hpp\"\n")
expect_failure("on a tree with back includes"
               "theory/fake.hpp (layer 2) includes results/run_layout.hpp (layer 4);data/fake.cpp (layer 1) includes numerics/gd/gd.hpp (layer 3);cli/fake.cpp includes bindings/python/bindings.hpp: cli/ and bindings/ may not use each other"
               -DSOURCE_DIR=${WORK_DIR}/tree)

execute_process(COMMAND ${CMAKE_COMMAND} -DGRAPH=${GRAPH} -DSOURCE_DIR=${SOURCE_DIR} -P ${CHECK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the layer order is broken in this tree (above)")
endif()
