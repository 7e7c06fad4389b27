#!/bin/sh
# Longer runs of the kill tests (tests/cli/kill_test.cpp) than CI makes: random SIGKILL,
# SIGTERM and SIGINT (in turn) during `lingrok simulate`, `sweep` and `reproduce`, each round
# checking that the output directory holds the earlier set or the new one and that going on
# gives the bytes of a run never stopped.
#   ./scripts/kill-test.sh [--rounds N (default 30)] [--only simulate|sweep|reproduce]
# Builds the test in ./build (cmake --preset default first). The moments come from the round
# number, so a failing round is named in the output and comes back with the same --rounds.
set -eu
cd "$(dirname "$0")/.."
rounds=30
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--only simulate|sweep|reproduce]" >&2; exit 2 ;;
  esac
done
case "$only" in
  "") filter="" ;;
  simulate) filter="--run_test=simulate_leaves_the_earlier_set_or_the_new_one" ;;
  sweep) filter="--run_test=sweep_leaves_the_earlier_sweep_or_the_new_one" ;;
  reproduce) filter="--run_test=reproduce_leaves_each_stage_set_earlier_or_new" ;;
  *) echo "--only: simulate, sweep or reproduce, not $only" >&2; exit 2 ;;
esac
nice -n 10 cmake --build build -j2 --target cli_kill_test lingrok
echo "kill test: $rounds rounds per command"
LINGROK_BIN=$PWD/build/cli/lingrok LINGROK_SOURCE_DIR=$PWD \
  ./build/tests/cli/cli_kill_test --log_level=message $filter -- --rounds "$rounds"
