#!/bin/sh
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (docs/DEVELOPING.md#sanitizers):
#   ./scripts/sanitize.sh [JOBS, default 2] [extra ctest arguments, e.g. -R '^cli_']
# Configures build-asan/ (the `asan` preset: optimised with debug info, so the numerical suites
# finish; no Python module, whose ASan runtime would have to be preloaded into Python), builds
# everything, and runs ctest with leak checking on and any UBSan report fatal. Tests that start
# `lingrok` run the sanitized command (ctest gives them build-asan's lingrok). Any report fails
# its test; a report from a Debian library (not lingrok's code) is suppressed in
# scripts/sanitizers/, with the reason.
set -eu
cd "$(dirname "$0")/.."
jobs=${1:-2}
if [ $# -gt 0 ]; then shift; fi
cmake --preset asan
nice -n 15 cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/sanitizers/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
start=$(date +%s)
status=0
ctest --test-dir build-asan -j"$jobs" --output-on-failure --timeout 3600 "$@" || status=$?
echo "sanitize: ctest exit $status after $(( $(date +%s) - start )) s"
exit $status
