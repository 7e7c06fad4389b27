# Run by CTest (tests/docs/CMakeLists.txt) as `cmake -P` with SOURCE_DIR, the repository root.
# 1. Every `docs/<page>.md#<anchor>` cited in the sources, and every `<page>.md#<anchor>` link
#    inside docs/, names an existing page with an <a id="<anchor>"> in it.
# 2. No file outside docs/ cites a section of the project's specification (SPEC, then the
#    section sign): users cannot look that specification up.
file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/*.cpp ${SOURCE_DIR}/*.hpp ${SOURCE_DIR}/*.inc ${SOURCE_DIR}/*.md
     ${SOURCE_DIR}/*.json ${SOURCE_DIR}/*.sh ${SOURCE_DIR}/*.cmake ${SOURCE_DIR}/*.txt
     ${SOURCE_DIR}/*.py ${SOURCE_DIR}/*.pyi ${SOURCE_DIR}/*.in)
list(FILTER files EXCLUDE REGEX "^(build[^/]*|out|\\.git)/")

string(CONCAT spec_citation "SPEC" " §")
set(problems "")
set(citations 0)
foreach(f IN LISTS files)
  file(READ ${SOURCE_DIR}/${f} text)
  get_filename_component(dir ${f} DIRECTORY)
  if(dir STREQUAL "docs")
    string(REGEX MATCHALL "\\(([a-zA-Z_]+\\.md)(#[a-z0-9-]+)?\\)" links "${text}")
  else()
    string(REGEX MATCHALL "docs/[a-zA-Z_]+\\.md(#[a-z0-9-]+)?" links "${text}")
    string(FIND "${text}" "${spec_citation}" spec_at)
    if(NOT spec_at EQUAL -1)
      string(APPEND problems "${f}: cites \"${spec_citation}\"; cite a section of docs/ instead\n")
    endif()
  endif()
  foreach(link IN LISTS links)
    math(EXPR citations "${citations} + 1")
    string(REGEX REPLACE "^\\(|\\)$" "" link "${link}")
    string(REGEX REPLACE "^docs/" "" link "${link}")
    string(REGEX MATCH "^[^#]+" page "${link}")
    if(NOT EXISTS ${SOURCE_DIR}/docs/${page})
      string(APPEND problems "${f}: cites docs/${page}, which does not exist\n")
      continue()
    endif()
    if(link MATCHES "#(.+)$")
      set(anchor ${CMAKE_MATCH_1})
      file(READ ${SOURCE_DIR}/docs/${page} page_text)
      string(FIND "${page_text}" "<a id=\"${anchor}\"></a>" at)
      if(at EQUAL -1)
        string(APPEND problems "${f}: cites docs/${page}#${anchor}, which has no such anchor\n")
      endif()
    endif()
  endforeach()
endforeach()

if(citations LESS 50)
  string(APPEND problems "only ${citations} citations of docs/ found; is SOURCE_DIR right?\n")
endif()
if(problems)
  message(FATAL_ERROR "documentation citations:\n${problems}")
endif()
message(STATUS "${citations} citations of docs/ resolve")
