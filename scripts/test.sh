#!/usr/bin/env bash
# The test command of README.md (and of .ci/run): dependencies, build of everything (the
# `lingrok` command, its libraries and the test suites), then every test through CTest. The
# last lines are CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
ctest --preset default -j "$(nproc)"
