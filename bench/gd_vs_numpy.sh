#!/usr/bin/env bash
# lingrok simulate against the paper's NumPy loop (bench/gd_numpy.py) on the same data:
# d = 2, N = 2000 (the paper's D(1000,1000), S(350,350)), eta = 1e-2, summed logistic loss.
# NumPy runs a prefix of NUMPY_STEPS steps and is scaled to STEPS; lingrok runs all STEPS with
# its full logging (trajectory.csv, 50 rows per decade), on one thread and (with two cores) on
# two (gd.threads). Prints wall and CPU times and both ratios for each (CPU time is the fair
# figure on a shared machine for one thread; with two, lingrok spends twice its wall time).
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
numpy_cpu_per_step=$(echo "$numpy_line" | awk '{print $4}')
# lingrok runs under Python so that its CPU time (user + system, of the child) is measured too:
# once on one thread, and once with the kernel split over two threads when there are two cores.
threads_list="1"
[ "$(nproc)" -ge 2 ] && threads_list="1 2"
"$python" - "$bin" "$config" "$work" "$steps" "$numpy_per_step" "$numpy_cpu_per_step" $threads_list <<'PY'
import json, resource, subprocess, sys, time
bin_, config, work, steps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
per_step, cpu_per_step = float(sys.argv[5]), float(sys.argv[6])
print(f"steps                       {steps}")
print(f"numpy (scaled from prefix)  wall {per_step*steps:.1f} s ({per_step*1e6:.2f} us/step), "
      f"CPU {cpu_per_step*steps:.1f} s ({cpu_per_step*1e6:.2f} us/step)")
cpu_before = 0.0
for threads in sys.argv[7:]:
    start = time.perf_counter()
    subprocess.run([bin_, "simulate", "--config", config, "--data", f"{work}/data", "--out",
                    f"{work}/run{threads}", "--steps", str(steps), "--checkpoint-every", "0",
                    "--threads", threads, "--quiet"], check=True)
    wall = time.perf_counter() - start
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ru.ru_utime + ru.ru_stime - cpu_before
    cpu_before += cpu
    s = json.load(open(f"{work}/run{threads}/summary.json"))
    fp = s["fast_path"]
    print(f"lingrok simulate, {threads} thread(s)  wall {wall:.2f} s ({wall/steps*1e6:.3f} us/step), "
          f"CPU {cpu:.2f} s ({cpu/steps*1e6:.3f} us/step); {s['logged_rows']} logged rows, "
          f"{fp['active_points_at_end']} active points at the end, {fp['rescreenings']} re-screenings")
    print(f"  ratio numpy / lingrok     wall {per_step*steps/wall:.1f}x, CPU {cpu_per_step*steps/cpu:.1f}x "
          "(target 50x; CPU time is the fair figure when the machine is shared, wall time when "
          "lingrok uses more than one core)")
PY
