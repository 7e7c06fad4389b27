# Writes the direct link edges between lingrok's own targets to
# ${PROJECT_BINARY_DIR}/lingrok_link_graph.dot, in the edge format of `cmake --graphviz`
# ("a" -> "b"  // a -> b), for the layer check (tests/layers/layer_check.cmake). Read from the
# targets' LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES at the end of the configuration, so the
# check needs no second configure run.
function(lingrok_write_link_graph)
  set(targets ${LINGROK_LIBRARIES} lingrok _lingrok)
  set(dot "digraph \"lingrok\" {\n")
  foreach(t IN LISTS targets)
    if(NOT TARGET ${t})
      continue()
    endif()
    get_target_property(direct ${t} LINK_LIBRARIES)
    get_target_property(interface ${t} INTERFACE_LINK_LIBRARIES)
    set(deps "")
    foreach(dep IN LISTS direct interface)
      # $<BUILD_INTERFACE:x> and $<LINK_ONLY:x> name x; other generator expressions no target.
      string(REGEX REPLACE "^\\$<(BUILD_INTERFACE|LINK_ONLY):(.*)>$" "\\2" dep "${dep}")
      if(dep MATCHES "^_?lingrok(_[a-z_]+)?$" AND NOT dep STREQUAL "lingrok_warnings")
        list(APPEND deps ${dep})
      endif()
    endforeach()
    list(REMOVE_DUPLICATES deps)
    foreach(dep IN LISTS deps)
      string(APPEND dot "  \"${t}\" -> \"${dep}\"  // ${t} -> ${dep}\n")
    endforeach()
  endforeach()
  string(APPEND dot "}\n")
  file(WRITE ${PROJECT_BINARY_DIR}/lingrok_link_graph.dot "${dot}")
endfunction()
lingrok_write_link_graph()
