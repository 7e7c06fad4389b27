"""Shared fixtures: the `lingrok` CLI (from $LINGROK_BIN, as CTest sets it) and one small run
directory made by the CLI, against which the module's results are compared."""

import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("LINGROK_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
LINGROK_BIN = os.environ.get("LINGROK_BIN", str(SOURCE_DIR / "build" / "cli" / "lingrok"))

# Small but not trivial: d = 2, planted support vectors on both margins, both test sets, the
# stable step; adversarial columns and the rounding check on, so every column is exercised.
SMALL_CONFIG = {
    "name": "python_round_trip",
    "seed": 7,
    "data": {"d": 2, "n_plus": 150, "n_minus": 120, "k_plus": 20, "k_minus": 8,
             "plant": "margin", "gamma": 0.05, "box": 5, "alpha": 10,
             "n_test_standard": 100, "n_test_conc": 100},
    "gd": {"eta": "stable", "steps": 20000, "log_per_decade": 20, "adversarial": True,
           "rounding_check": True, "rounding_check_steps": 2000,
           "epsilons": [0, 0.01, 0.05], "progress": False},
}


def run_cli(*args):
    """Runs the CLI; fails the test with its stderr if it does not exit 0."""
    proc = subprocess.run([LINGROK_BIN, *map(str, args)], capture_output=True, text=True)
    assert proc.returncode == 0, f"lingrok {' '.join(map(str, args))}: {proc.stderr}"
    return proc


@pytest.fixture(scope="session")
def cli_run(tmp_path_factory):
    """RUN/ with config.json, data/, theory.json, simulate/ and flows/ written by the CLI."""
    run = tmp_path_factory.mktemp("run")
    config = run / "config.json"
    config.write_text(json.dumps(SMALL_CONFIG))
    run_cli("generate", "--config", config, "--out", run / "data")
    run_cli("theory", "--data", run / "data", "--out", run)
    run_cli("simulate", "--config", config, "--data", run / "data", "--theory",
            run / "theory.json", "--out", run / "simulate", "--quiet")
    run_cli("integrate", "--which", "bias", "--theory", run / "theory.json", "--grid",
            run / "simulate" / "trajectory.csv", "--out", run / "flows")
    run_cli("integrate", "--which", "coupled", "--data", run / "data", "--theory",
            run / "theory.json", "--grid", run / "simulate" / "trajectory.csv", "--out",
            run / "flows")
    run_cli("integrate", "--which", "full", "--data", run / "data", "--theory",
            run / "theory.json", "--grid", run / "simulate" / "trajectory.csv", "--out",
            run / "flows")
    return run
