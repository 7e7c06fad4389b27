#!/usr/bin/env bash
# The main job of README.md: dependencies, build, then `lingrok reproduce`, which runs the
# paper's experiments in both families (literal and stable), gives every claim a verdict and
# draws the figures. Results go to out/ (override with OUT=dir); extra arguments are passed
# on, e.g. `./scripts/reproduce.sh --steps 10000000` for the paper's 10^7 steps.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
exec ./build/cli/lingrok reproduce --out "${OUT:-out}" "$@"
