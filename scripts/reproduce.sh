#!/usr/bin/env bash
# The main job of README.md: dependencies, build, then `lingrok reproduce`, which runs the
# paper's experiments in both families (literal and stable), gives every claim a verdict and
# draws the figures. It builds only the `lingrok` command and the libraries it links, not the
# tests (./scripts/test.sh builds those). Results go to out/ (override with OUT=dir); extra
# arguments are passed on, e.g. `./scripts/reproduce.sh --steps 2000 --no-sweep` for a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh lingrok
exec ./build/cli/lingrok reproduce --out "${OUT:-out}" "$@"
