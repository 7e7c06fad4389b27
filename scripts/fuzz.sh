#!/bin/sh
# Longer runs of the reader fuzzing (tests/numerics/reader_fuzz_test.cpp) than CI makes:
#   ./scripts/fuzz.sh [ITERATIONS per reader, default 20000] [SEED, default: the time]
# Builds the test in ./build (cmake --preset default first) and runs it; a failing input is
# kept as $TMPDIR/lingrok_fuzz_failure_<reader>.
set -eu
cd "$(dirname "$0")/.."
iterations=${1:-20000}
seed=${2:-$(date +%s)}
nice -n 10 cmake --build build -j2 --target numerics_reader_fuzz_test lingrok
echo "fuzz: $iterations mutations per reader, seed $seed"
LINGROK_FUZZ_ITERATIONS=$iterations LINGROK_FUZZ_SEED=$seed LINGROK_SOURCE_DIR=$PWD \
  ./build/tests/numerics/numerics_reader_fuzz_test --log_level=message
