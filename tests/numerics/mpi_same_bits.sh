#!/usr/bin/env bash
# mpirun -n P for P = 1..4 gives the same distributed-GD trajectory bytes.
# Usage: mpi_same_bits.sh MPIEXEC PROBE
set -euo pipefail
# One node: launch ranks locally, without the ssh agent Open MPI otherwise insists on.
export OMPI_MCA_plm=isolated
mpiexec=$1
probe=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for P in 1 2 3 4; do
  "$mpiexec" --allow-run-as-root --oversubscribe -n "$P" "$probe" > "$tmp/P$P.txt"
  lines=$(wc -l < "$tmp/P$P.txt")
  [ "$lines" -eq 6 ] || { echo "P = $P printed $lines lines, expected 6"; exit 1; }
done
for P in 2 3 4; do
  cmp "$tmp/P1.txt" "$tmp/P$P.txt" || { echo "P = $P differs from P = 1"; exit 1; }
done
echo "mpirun -n 1..4: identical trajectories ($(wc -c < "$tmp/P1.txt") bytes)"
