#!/usr/bin/env bash
# Measures what a newcomer waits for: the wall time of each README command's build stage from a
# fresh clone, each in its own clone, with ccache off (nothing reused from earlier builds).
#   reproduce: `./scripts/build.sh lingrok`, the stage ./scripts/reproduce.sh runs before
#              `lingrok reproduce` prints anything; then `./scripts/reproduce.sh --steps 2000
#              --no-sweep` to show the command runs through (its build is then a no-op);
#   test:      `./scripts/build.sh`, the stage ./scripts/test.sh runs before CTest (everything:
#              the command, the libraries, the tests — what reproduce.sh built before it built
#              only `lingrok`); with --ctest also the CTest run.
# Usage: scripts/time-fresh-clone.sh [--only reproduce|test] [--ctest] [--keep] [REF]
# (REF defaults to HEAD; only committed work is measured). Prints one line per stage and the
# machine's load, which says whether the numbers come from a busy machine. Two runs with
# --only reproduce and --only test started together measure both under the same load.
set -euo pipefail
cd "$(dirname "$0")/.."
run_ctest=0
keep=0
ref=HEAD
only=both
while [ $# -gt 0 ]; do
  case "$1" in
    --ctest) run_ctest=1 ;;
    --keep) keep=1 ;;
    --only)
      case "${2:-}" in
        reproduce | test) only=$2 ;;
        *) echo "time-fresh-clone: --only needs reproduce or test" >&2; exit 2 ;;
      esac
      shift ;;
    -*) echo "time-fresh-clone: unknown option $1 (use --only, --ctest, --keep, or a git ref)" >&2
      exit 2 ;;
    *) ref="$1" ;;
  esac
  shift
done
commit=$(git rev-parse --verify --quiet "$ref^{commit}") ||
  { echo "time-fresh-clone: $ref is not a commit of this repository; give a branch or hash" >&2; exit 2; }
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "time-fresh-clone: note: uncommitted changes are not measured (it clones $ref)" >&2
fi

export CCACHE_DISABLE=1
unset CMAKE_CXX_COMPILER_LAUNCHER CMAKE_C_COMPILER_LAUNCHER
tmp=$(mktemp -d /tmp/lingrok-fresh.XXXXXX)
[ "$keep" -eq 1 ] || trap 'rm -rf "$tmp"' EXIT
repo=$(pwd)

fresh_clone() {  # fresh_clone DIR: a clone of $commit in DIR, with nothing built
  git clone -q --no-hardlinks "$repo" "$1"
  git -C "$1" checkout -q --detach "$commit"
}
timed() {  # timed LABEL CMD...: runs CMD here, logs it, prints its wall time and CPU time
  local label=$1 log times
  shift
  log="$tmp/$(echo "$label" | tr -c 'a-z0-9\n' '_').log"
  times="$log.times"
  # CPU time (user + system, of every process the command started) does not depend on what else
  # runs on the machine; wall time does.
  local TIMEFORMAT='%R %U %S'
  if ! { time "$@" >"$log" 2>&1; } 2>"$times"; then
    echo "time-fresh-clone: $label failed; see $log (rerun with --keep to keep it)" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  awk -v l="$label" '{ t = int($1 + 0.5); c = $2 + $3
    printf "%-44s %6.0f s wall (%d min %02d s), %6.0f s CPU\n", l, t, int(t / 60), int(t % 60), c }' \
    "$times"
}

echo "time-fresh-clone: $(git log -1 --format='%h %s' "$commit")"
echo "time-fresh-clone: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$only" != test ]; then
  fresh_clone "$tmp/reproduce"
  (cd "$tmp/reproduce" && timed "reproduce.sh build stage (lingrok only)" ./scripts/build.sh lingrok)
  (cd "$tmp/reproduce" && OUT="$tmp/out" timed "reproduce.sh --steps 2000 --no-sweep, after it" \
    ./scripts/reproduce.sh --steps 2000 --no-sweep)
  echo "time-fresh-clone: load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [ "$only" != reproduce ]; then
  fresh_clone "$tmp/test"
  (cd "$tmp/test" && timed "test.sh build stage (everything)" ./scripts/build.sh)
  if [ "$run_ctest" -eq 1 ]; then
    (cd "$tmp/test" && timed "test.sh CTest run, after it" ctest --preset default -j "$(nproc)")
  fi
fi
echo "time-fresh-clone: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$keep" -eq 0 ] || echo "time-fresh-clone: clones and logs kept in $tmp"
