# Run by CTest (tests/docs/CMakeLists.txt) as `cmake -P` with SOURCE_DIR, the repository root, and
# WORK_DIR, a scratch directory. Every formula of the theory (the specification's section 3:
# separators, late-time limit, bias constants, bias ODE and closed form, coupled flow, phases,
# grokking and its time) is two clicks from the layer diagram (docs/DEVELOPING.md#formulas):
#   click 1: the layer section of docs/DEVELOPING.md links the formula's anchor in docs/;
#   click 2: that anchor's section (up to the next anchor) links an existing source file
#            (`](../<folder>/...)`, a folder of the libraries, the command or the module).
# The list below is the checklist, kept here so that dropping a row from DEVELOPING.md or a
# section from docs/ fails instead of shrinking the list. It first shows that it fails on a
# fake docs folder with a missing link and a dead source link.
# theory.md#flow-estimate (a prediction from the integrated flows) is listed in DEVELOPING.md
# but not here: lingrok does not compute it, so its section has no source to link.
cmake_minimum_required(VERSION 3.20)

set(formulas
  "theory.md#max-margin-separator"   # ŵ, (ŵ, b̂) of eq. (7), margin
  "theory.md#assumption-3-1"         # |b̂| at the support tolerance
  "conventions.md#support-set"       # m_i, S = S+ ∪ S-, R
  "theory.md#late-time-limit"        # (w̃, b̃) = argmin F
  "theory.md#late-time-dual"         # α_s and the two residuals
  "theory.md#bias-constants"         # A±, δ, b∞, k
  "theory.md#characteristic-time"    # T_c
  "theory.md#closed-form-bias"       # b(t) of Theorem 4.5
  "theory.md#bias-ode"               # db/dt = (c/t)(A+ e^{-b} - A- e^{b})
  "theory.md#coupled-flow"           # d(ρ, β)/ds = -∇F
  "theory.md#phases"                 # model trajectory w(t) = ŵ log t + w̃
  "theory.md#phase-1-end"            # r(t), t1
  "theory.md#distance-from-origin"   # D(t), t2
  "theory.md#phase-1-steady-state"   # b ≈ ½ log(A+(t)/A-(t))
  "theory.md#measured-phase-boundaries"  # t1, t2, B_obs on a run's log
  "theory.md#grokking-definition"    # T_tr(ε), T_te(ε), ζ, T_gr
  "theory.md#accuracy-model"         # Q(D), exact Q
  "theory.md#grokking-time-bounds"   # Theorem 4.6 with B_lim, B_obs
  "theory.md#small-gamma-estimate"   # exp(|log δ|/ℓ(ε))
  "theory.md#refined-estimate"       # |b∞| / ||ŵ log T + w̃|| = (γ/2) ℓ(ε)
  "theory.md#train-time-bound"       # Remark 4.7
)

# Appends to `out` one line per formula of `formulas` that is not two clicks from the layer
# diagram of `root`/docs/DEVELOPING.md.
function(formula_problems root out)
  set(problems "")
  file(READ ${root}/docs/DEVELOPING.md developing)
  string(FIND "${developing}" "<a id=\"layers\"></a>" from)
  if(from EQUAL -1)
    set(${out} "docs/DEVELOPING.md has no layer section (<a id=\"layers\">)\n" PARENT_SCOPE)
    return()
  endif()
  string(SUBSTRING "${developing}" ${from} -1 layers)
  # The layer section runs from its own heading (right after the anchor) to the next top-level
  # heading.
  string(FIND "${layers}" "\n## " own)
  math(EXPR own "${own} + 4")
  string(SUBSTRING "${layers}" ${own} -1 after_heading)
  string(FIND "${after_heading}" "\n## " end)
  if(NOT end EQUAL -1)
    math(EXPR end "${own} + ${end}")
    string(SUBSTRING "${layers}" 0 ${end} layers)
  endif()
  foreach(formula IN LISTS formulas)
    string(FIND "${layers}" "](${formula})" linked)
    if(linked EQUAL -1)
      string(APPEND problems "docs/DEVELOPING.md#layers does not link ${formula}\n")
    endif()
    string(REGEX MATCH "^[^#]+" page "${formula}")
    string(REGEX REPLACE "^[^#]+#" "" anchor "${formula}")
    if(NOT EXISTS ${root}/docs/${page})
      string(APPEND problems "docs/${page} does not exist (for ${formula})\n")
      continue()
    endif()
    file(READ ${root}/docs/${page} text)
    string(FIND "${text}" "<a id=\"${anchor}\"></a>" at)
    if(at EQUAL -1)
      string(APPEND problems "docs/${page} has no anchor ${anchor}\n")
      continue()
    endif()
    math(EXPR at "${at} + 1")
    string(SUBSTRING "${text}" ${at} -1 section)
    string(FIND "${section}" "<a id=" next)
    if(NOT next EQUAL -1)
      string(SUBSTRING "${section}" 0 ${next} section)
    endif()
    string(REGEX MATCHALL
           "\\(\\.\\./(core|data|theory|numerics|results|proofs_check|plots|pipeline|cli|bindings)/[^)#]+\\)"
           sources "${section}")
    set(found "")
    foreach(link IN LISTS sources)
      string(REGEX REPLACE "^\\(\\.\\./|\\)$" "" path "${link}")
      if(EXISTS ${root}/${path} AND NOT IS_DIRECTORY ${root}/${path})
        set(found ${path})
        break()
      endif()
    endforeach()
    if(found STREQUAL "")
      string(APPEND problems "docs/${formula}: its section links no existing source file\n")
    endif()
  endforeach()
  set(${out} "${problems}" PARENT_SCOPE)
endfunction()

# The fake: DEVELOPING.md links two formulas of three; the first one's section links an existing
# file, the second's a file that does not exist, the third has no section.
set(fake ${WORK_DIR}/formula_links_fake)
file(REMOVE_RECURSE ${fake})
file(WRITE ${fake}/theory/real.hpp "// real\n")
file(WRITE ${fake}/docs/DEVELOPING.md
     "<a id=\"layers\"></a>\n## Layers\n[x](theory.md#one) [y](theory.md#two)\n## Next\n")
file(WRITE ${fake}/docs/theory.md
     "<a id=\"one\"></a>\n[s](../theory/real.hpp)\n<a id=\"two\"></a>\n[s](../theory/gone.hpp)\n")
set(real_formulas ${formulas})
set(formulas "theory.md#one" "theory.md#two" "theory.md#three")
formula_problems(${fake} fake_problems)
set(formulas ${real_formulas})
file(REMOVE_RECURSE ${fake})
# ("docs/" apart: docs_links_test would read the fake anchor as a citation.)
set(expected "docs/" "theory.md#two: its section links no existing source file\n"
             "docs/DEVELOPING.md#layers does not link theory.md#three\n"
             "docs/theory.md has no anchor three\n")
string(CONCAT expected ${expected})
if(NOT fake_problems STREQUAL expected)
  message(FATAL_ERROR "formula link check: on the fake docs it reported\n${fake_problems}"
                      "instead of\n${expected}")
endif()

formula_problems(${SOURCE_DIR} problems)
if(problems)
  message(FATAL_ERROR "formulas not two clicks from docs/DEVELOPING.md#layers:\n${problems}")
endif()
list(LENGTH formulas n)
message(STATUS "all ${n} formulas are two clicks from the layer diagram")
