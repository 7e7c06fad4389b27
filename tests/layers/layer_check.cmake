# The one-way layer order of docs/DEVELOPING.md#layers, checked on the link graph and on the
# sources. Run as `cmake -DGRAPH=<dot> -DSOURCE_DIR=<tree> -P layer_check.cmake` (either may be
# left out); fails, listing every violation, when
#   - a lingrok library links a library of a higher layer (GRAPH: the edges of
#     `cmake --graphviz=FILE`, or the build's lingrok_link_graph.dot, cmake/link_graph.cmake), or
#   - a source file under SOURCE_DIR includes a header of a higher layer,
# and when a lingrok library or a source folder has no layer below (a new one must be placed).
# cli/ and bindings/ are both on top and may not include each other.

# Layers, lowest first: "rank:library,library" and "rank:folder,folder" (the longest matching
# folder decides a file's layer).
cmake_minimum_required(VERSION 3.20)  # policies NEW: quoted arguments are strings

set(library_layers
  "0:lingrok_core"
  "1:lingrok_data"
  "2:lingrok_theory,lingrok_symbolic"
  "3:lingrok_numerics,lingrok_distributed"
  "4:lingrok_results"
  "5:lingrok_proofs_check"
  "6:lingrok_plots"
  "7:lingrok_pipeline"
  "8:lingrok,_lingrok")
set(folder_layers
  "0:core"
  "1:data"
  "2:theory"
  "3:numerics"
  "4:results"
  "5:proofs_check"
  "6:plots"
  "7:pipeline"
  "8:cli,bindings")

set(problems "")

function(rank_of table name out)
  set(best -1)
  set(best_len -1)
  foreach(entry IN LISTS ${table})
    string(REGEX MATCH "^([0-9]+):(.*)$" _ "${entry}")
    set(rank ${CMAKE_MATCH_1})
    string(REPLACE "," ";" members "${CMAKE_MATCH_2}")
    foreach(m IN LISTS members)
      string(LENGTH "${m}" len)
      if(table STREQUAL "folder_layers")
        if((name STREQUAL m OR name MATCHES "^${m}/") AND len GREATER best_len)
          set(best ${rank})
          set(best_len ${len})
        endif()
      elseif(name STREQUAL m)
        set(best ${rank})
      endif()
    endforeach()
  endforeach()
  set(${out} ${best} PARENT_SCOPE)
endfunction()

set(edges 0)
if(DEFINED GRAPH)
  if(NOT EXISTS "${GRAPH}")
    message(FATAL_ERROR "layer check: no graph file ${GRAPH}; configure the build first")
  endif()
  file(STRINGS "${GRAPH}" lines REGEX "->")
  foreach(line IN LISTS lines)
    # cmake --graphviz writes `"node1" -> "node0"  // a -> b`: the names follow the //.
    if(line MATCHES "//(.*)$")
      set(line "${CMAKE_MATCH_1}")
    endif()
    if(NOT line MATCHES "\"?([A-Za-z0-9_:.+-]+)\"?[ \t]*->[ \t]*\"?([A-Za-z0-9_:.+-]+)\"?")
      continue()
    endif()
    set(from ${CMAKE_MATCH_1})
    set(to ${CMAKE_MATCH_2})
    # Only lingrok's libraries and command have a layer; tests, benchmarks and third-party
    # targets do not, and lingrok_warnings is a set of compiler flags.
    if(NOT from MATCHES "^_?lingrok(_[a-z_]+)?$" OR from STREQUAL "lingrok_warnings" OR
       NOT to MATCHES "^_?lingrok(_[a-z_]+)?$" OR to STREQUAL "lingrok_warnings")
      continue()
    endif()
    math(EXPR edges "${edges} + 1")
    rank_of(library_layers ${from} rf)
    rank_of(library_layers ${to} rt)
    foreach(t IN ITEMS ${from} ${to})
      rank_of(library_layers ${t} r)
      if(r EQUAL -1)
        string(APPEND problems "${t} has no layer: add it to tests/layers/layer_check.cmake and "
                               "docs/DEVELOPING.md#layers\n")
      endif()
    endforeach()
    if(rf GREATER -1 AND rt GREATER rf)
      string(APPEND problems "${from} (layer ${rf}) links ${to} (layer ${rt}), a layer above it\n")
    elseif(rf EQUAL 8 AND rt EQUAL 8 AND NOT from STREQUAL to)
      string(APPEND problems "${from} links ${to}: the command and the Python module may not use "
                             "each other\n")
    endif()
  endforeach()
  if(edges EQUAL 0)
    string(APPEND problems "${GRAPH}: no edges between lingrok libraries were read\n")
  endif()
endif()

set(includes 0)
if(DEFINED SOURCE_DIR)
  set(globs "")
  foreach(entry IN LISTS folder_layers)
    string(REGEX REPLACE "^[0-9]+:" "" members "${entry}")
    string(REPLACE "," ";" members "${members}")
    foreach(m IN LISTS members)
      list(APPEND globs ${SOURCE_DIR}/${m}/*.hpp ${SOURCE_DIR}/${m}/*.cpp ${SOURCE_DIR}/${m}/*.inc)
    endforeach()
  endforeach()
  file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR} ${globs})
  list(REMOVE_DUPLICATES files)
  foreach(f IN LISTS files)
    rank_of(folder_layers ${f} rf)
    string(REGEX MATCH "^[a-z_]+" top_from "${f}")
    file(STRINGS ${SOURCE_DIR}/${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      string(REGEX MATCH "\"([^\"]+)\"" _ "${line}")
      set(header ${CMAKE_MATCH_1})
      rank_of(folder_layers ${header} rh)
      if(rh EQUAL -1)
        continue()  # a header beside the file, generated, or a third party's
      endif()
      math(EXPR includes "${includes} + 1")
      string(REGEX MATCH "^[a-z_]+" top_to "${header}")
      if(rh GREATER rf)
        string(APPEND problems
               "${f} (layer ${rf}) includes ${header} (layer ${rh}), a layer above it\n")
      elseif(rh EQUAL rf AND rf EQUAL 8 AND NOT top_from STREQUAL top_to)
        string(APPEND problems "${f} includes ${header}: cli/ and bindings/ may not use each other\n")
      endif()
    endforeach()
  endforeach()
  if(includes EQUAL 0)
    string(APPEND problems "${SOURCE_DIR}: no includes of lingrok headers were read\n")
  endif()
endif()

if(NOT problems STREQUAL "")
  message("${problems}")  # unwrapped, one line each
  message(FATAL_ERROR "layer check: the one-way order of docs/DEVELOPING.md#layers is broken "
                      "(above)")
endif()
message(STATUS "layer check: ${edges} link edges and ${includes} includes run one way")
