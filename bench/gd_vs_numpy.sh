#!/usr/bin/env bash
# lingrok simulate against the paper's NumPy loop (bench/gd_numpy.py) on the same data:
# d = 2, N = 2000 (the paper's D(1000,1000), S(350,350)), eta = 1e-2, summed logistic loss.
# NumPy runs a prefix of NUMPY_STEPS steps and is scaled to STEPS; lingrok runs all STEPS with
# its full logging (trajectory.csv, 50 rows per decade). Prints both times and the ratio.
#   bench/gd_vs_numpy.sh [BUILD_DIR] [STEPS] [NUMPY_STEPS] [CONFIG]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
steps=${2:-10000000}
numpy_steps=${3:-20000}
config=${4:-$root/configs/gd_literal.json}
bin=$build/cli/lingrok
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build $build --target lingrok)"; exit 1; }
python=""
for p in python3 /usr/bin/python3; do
  if "$p" -c "import numpy" 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || { echo "numpy is missing: apt-get install python3-numpy"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" generate --config "$config" --out "$work/data" > /dev/null
eta=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['gd']['eta'])" "$config")
[ "$eta" = "stable" ] && { echo "use a config with a numeric eta for the NumPy comparison"; exit 1; }
numpy_line=$("$python" "$root/bench/gd_numpy.py" "$work/data/train.csv" "$eta" "$numpy_steps")
numpy_per_step=$(echo "$numpy_line" | awk '{print $2}')
start=$(date +%s.%N)
"$bin" simulate --config "$config" --data "$work/data" --out "$work/run" --steps "$steps" \
  --checkpoint-every 0 --quiet
end=$(date +%s.%N)
"$python" - "$numpy_per_step" "$steps" "$start" "$end" "$work/run/summary.json" <<'PY'
import json, sys
per_step, steps, start, end, summary = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
s = json.load(open(summary))
lingrok = end - start
numpy = per_step * steps
print(f"steps                      {steps}")
print(f"numpy (scaled from prefix)  {numpy:.1f} s  ({per_step*1e6:.2f} us/step)")
print(f"lingrok simulate (wall)     {lingrok:.2f} s  ({lingrok/steps*1e6:.3f} us/step, "
      f"{s['logged_rows']} logged rows, vector kernel from t = {s['fast_path']['vector_kernel_from_t']})")
print(f"ratio numpy / lingrok       {numpy/lingrok:.1f}x")
PY
