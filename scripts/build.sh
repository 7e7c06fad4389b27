#!/usr/bin/env bash
# Installs the Debian 12 dependencies (if missing) and builds lingrok with the `default`
# preset (Release, tests on) into build/, on as many jobs as the machine has cores. Safe to run
# repeatedly: it only rebuilds what changed.
#   ./scripts/build.sh            everything: the `lingrok` command, its libraries and the tests
#   ./scripts/build.sh lingrok    only the named targets and what they link (the main job's)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build --preset default -j "$(nproc)" "${targets[@]}"
