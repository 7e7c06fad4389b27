# Keeps the golden values' provenance current: regenerates the paper's d = 2 training sets with
# `lingrok generate`, recomputes the golden quantities with the independent mpmath script
# (golden_d2_provenance.py) and requires its output to equal the committed
# golden_d2_values.txt, which theory_golden_d2_test compares lingrok with.
#   cmake -DLINGROK_BIN=... -DSOURCE_DIR=... -DWORK_DIR=... -DPYTHON=... -P golden_d2_provenance.cmake
set(configs d2_S350_350 d2_S350_50 d2_S350_10 d2_S50_350 d2_D1500_500_S350_50)
file(REMOVE_RECURSE "${WORK_DIR}")
set(args)
foreach(name IN LISTS configs)
  execute_process(COMMAND "${LINGROK_BIN}" generate --config "${SOURCE_DIR}/configs/${name}.json"
                          --out "${WORK_DIR}/${name}"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lingrok generate ${name} failed: ${err}")
  endif()
  list(APPEND args "${name}=${WORK_DIR}/${name}")
endforeach()
execute_process(COMMAND "${PYTHON}" "${SOURCE_DIR}/tests/theory/golden_d2_provenance.py" ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE "${WORK_DIR}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "golden_d2_provenance.py failed: ${err}")
endif()
file(READ "${SOURCE_DIR}/tests/theory/golden_d2_values.txt" expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "golden_d2_provenance.py now prints\n${out}\nbut "
                      "tests/theory/golden_d2_values.txt holds\n${expected}\nIf the sampler or "
                      "the configurations changed on purpose, commit the new output.")
endif()
