#!/usr/bin/env bash
# Mutation testing: applies each small change of a mutant list (default tests/mutants.txt) to the
# source, rebuilds incrementally, runs the tests the list names for it and reports the mutants
# that no test kills. A surviving mutant is a formula the suite does not pin down.
#
#   scripts/mutate.sh [--build DIR] [--list FILE] [--only N[,N...]]
#
# List format, one mutant per line (blank lines and lines starting with # are ignored):
#   FILE @@ SEARCH @@ REPLACEMENT @@ CTEST_REGEX
# SEARCH must occur exactly once in FILE (else the mutant is reported as invalid). The change is
# made in place and the file is restored from a copy after each mutant and on any exit (trap),
# so do not edit or build in this worktree while it runs. Builds use ccache, nice and -j2 and
# only the targets the regex's tests need (plus `lingrok`). Exit status: 0 when every mutant is
# killed, 1 when some survive or are invalid, 2 on bad usage.
set -u
root=$(realpath "$(dirname "$0")/..")
build="$root/build"
list="$root/tests/mutants.txt"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(realpath "$2"); shift 2 ;;
    --list) list=$(realpath "$2"); shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    *) echo "mutate.sh: unknown argument $1; see the usage at the top of scripts/mutate.sh" >&2; exit 2 ;;
  esac
done
[ -f "$build/CMakeCache.txt" ] || { echo "mutate.sh: $build is not a configured build directory; run cmake --preset default first" >&2; exit 2; }
[ -f "$list" ] || { echo "mutate.sh: no mutant list $list" >&2; exit 2; }
export CMAKE_CXX_COMPILER_LAUNCHER=ccache

backup=$(mktemp)
current=""
restore() {
  if [ -n "$current" ]; then cp -p "$backup" "$current"; touch "$current"; current=""; fi
}
trap 'restore; rm -f "$backup"' EXIT
trap 'exit 130' INT TERM

all_targets=$(cmake --build "$build" --target help 2>/dev/null | sed -n 's/^\.\.\. \([A-Za-z0-9_]*\).*/\1/p')
log_dir="$build/mutate"
mkdir -p "$log_dir"
n=0 run=0 killed=0 survived=() invalid=() built=""
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  n=$((n + 1))
  if [ -n "$only" ] && [[ "$only" != *",$n,"* ]]; then continue; fi
  file=$(awk -F' @@ ' '{print $1}' <<<"$line")
  search=$(awk -F' @@ ' '{print $2}' <<<"$line")
  replace=$(awk -F' @@ ' '{print $3}' <<<"$line")
  regex=$(awk -F' @@ ' '{print $4}' <<<"$line")
  run=$((run + 1))
  label="#$n $file: '$search' -> '$replace'"
  path="$root/$file"
  count=$(SEARCH="$search" python3 -c 'import os,sys; print(open(sys.argv[1]).read().count(os.environ["SEARCH"]))' "$path" 2>/dev/null || echo 0)
  if [ "$count" != 1 ] || [ -z "$regex" ]; then
    echo "INVALID  $label (search occurs $count times, or no test regex)"
    invalid+=("$label")
    continue
  fi
  cp -p "$path" "$backup"
  current="$path"
  SEARCH="$search" REPLACE="$replace" python3 -c '
import os, sys
p = sys.argv[1]
s = open(p).read()
open(p, "w").write(s.replace(os.environ["SEARCH"], os.environ["REPLACE"], 1))' "$path"
  tests=$(ctest --test-dir "$build" -N -R "$regex" | sed -n 's/^ *Test *#[0-9]*: \(.*\)$/\1/p')
  targets="lingrok"
  for t in $tests; do
    if grep -qx "$t" <<<"$all_targets"; then targets="$targets $t"; fi
  done
  built="$built $targets"
  log="$log_dir/mutant_$n.log"
  if ! nice -n 10 cmake --build "$build" -j2 --target $targets >"$log" 2>&1; then
    echo "INVALID  $label (does not compile; see $log)"
    invalid+=("$label")
  elif nice -n 10 ctest --test-dir "$build" -R "$regex" --timeout 300 >>"$log" 2>&1; then
    echo "SURVIVED $label (tests: $regex)"
    survived+=("$label")
  else
    echo "killed   $label"
    killed=$((killed + 1))
  fi
  restore
done <"$list"

# Leave the build matching the restored source.
nice -n 10 cmake --build "$build" -j2 --target $(tr ' ' '\n' <<<"lingrok $built" | sort -u) >/dev/null 2>&1
echo
echo "mutants in the list: $n, run: $run, killed: $killed, survived: ${#survived[@]}, invalid: ${#invalid[@]}"
for s in "${survived[@]}"; do echo "  survived: $s"; done
for s in "${invalid[@]}"; do echo "  invalid:  $s"; done
[ ${#survived[@]} -eq 0 ] && [ ${#invalid[@]} -eq 0 ]
