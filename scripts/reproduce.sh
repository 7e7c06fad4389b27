#!/usr/bin/env bash
# The main job of README.md: dependencies, build, then the reproduction of the paper's checks
# on the default configuration. Results go to out/ (override with OUT=dir).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
out="${OUT:-out}"
mkdir -p "$out"
for config in configs/d2_*.json; do
  name=$(basename "$config" .json)
  ./build/cli/lingrok generate --config "$config" --out "$out/$name/data"
done
