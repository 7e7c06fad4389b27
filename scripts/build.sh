#!/usr/bin/env bash
# Installs the Debian 12 dependencies (if missing) and builds lingrok with the `default`
# preset (Release, tests on) into build/. Safe to run repeatedly: it only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"
