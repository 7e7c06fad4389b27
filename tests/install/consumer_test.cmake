# Run by CTest (tests/install/CMakeLists.txt) as `cmake -P`: BUILD_DIR (a built lingrok),
# CONSUMER_DIR (examples/consumer), WORK_DIR (scratch, emptied first), CONSUMER_FLAGS (compile
# and link flags of the consumer: the sanitizers for a sanitized lingrok; may be empty).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

run_step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f lib/cmake/lingrok/lingrokConfig.cmake lib/cmake/lingrok/lingrokConfigVersion.cmake
          lib/cmake/lingrok/lingrokTargets.cmake include/lingrok/theory/theory.hpp
          include/lingrok/core/version.hpp)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "the install tree lacks ${f}")
  endif()
endforeach()

# Only the staging prefix may provide lingrok: no package registry, no build tree.
run_step("configuring examples/consumer" ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build
         -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
         -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}"
         "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}")
run_step("building examples/consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step("running late_time_bias" ${WORK_DIR}/build/late_time_bias)
message(STATUS "late_time_bias printed:\n${step_output}")

# Worked out by hand in examples/consumer/main.cpp (20 digits of 1/3, 1/√2, ½ log 2 and
# (log 18 + log 9)/6).
foreach(expected "w_hat = \\(0\\.33333333333333333333, 0\\.33333333333333333333\\)"
                 "b_hat = -?0\\.00000000000000000000\n" "support: 2 positive, 1 negative"
                 "w_tilde = \\(0\\.84793272253873067917, 0\\.84793272253873067917\\)"
                 "delta = 0\\.70710678118654752440" "b_inf = 0\\.34657359027997265471")
  if(NOT step_output MATCHES "${expected}")
    message(FATAL_ERROR "late_time_bias did not print ${expected}")
  endif()
endforeach()
