"""examples/bound_vs_observed.py runs headless and draws its figure from the module's arrays."""

import os
import subprocess
import sys

from conftest import SOURCE_DIR


def test_bound_vs_observed_example_runs(tmp_path):
    env = dict(os.environ, LINGROK_EXAMPLE_OUT=str(tmp_path), MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, str(SOURCE_DIR / "examples" / "bound_vs_observed.py")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("T_te(eps = 0.05) on P_conc")
    assert len([line for line in lines if line.rstrip().endswith(("yes", "no"))]) == 3
    png = tmp_path / "bound_vs_observed.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
