"""The module against the CLI on the same configuration: identical data, theory values
identical to the last digit, identical trajectory bytes, the same flows and verdicts."""

import json
import subprocess

import numpy as np
import pytest

import lingrok
from conftest import LINGROK_BIN, SMALL_CONFIG, run_cli

# summary.json keys that record the invocation or the clock, not the run.
INVOCATION_KEYS = {"lingrok_version", "git", "command", "config_file", "config", "data_source",
                   "theory_file", "resumed", "wall_time_s", "steps_per_second"}


@pytest.fixture(scope="module")
def data():
    return lingrok.generate(SMALL_CONFIG)


@pytest.fixture(scope="module")
def theory(data):
    params = data["data"]
    return lingrok.theory(data["train"]["X"], data["train"]["y"], eta=0.01,
                          gamma=params["gamma"], alpha=params["alpha"], box=params["box"])


def read_csv_columns(path):
    """A CSV read by NumPy's own parser (independent of lingrok's reader)."""
    table = np.genfromtxt(path, delimiter=",", names=True, dtype=float)
    return {name: table[name] for name in table.dtype.names}


def test_generate_gives_the_cli_data_bit_for_bit(cli_run, data):
    for name in ("train", "test_standard", "test_conc"):
        table = np.loadtxt(cli_run / "data" / f"{name}.csv", delimiter=",", skiprows=1)
        assert np.array_equal(data[name]["X"], table[:, :2]), name
        assert np.array_equal(data[name]["y"], table[:, 2]), name
    planted = np.loadtxt(cli_run / "data" / "train.csv", delimiter=",", skiprows=1)[:, 3]
    assert np.array_equal(data["train"]["planted"], planted == 1)
    assert data["train"]["planted"].sum() == 28  # k_plus + k_minus of the configuration
    assert data["test_conc"]["planted"] is None


def test_read_data_reads_what_the_cli_wrote(cli_run, data):
    read = lingrok.read_data(cli_run / "data")
    assert set(read) == {"train", "test_standard", "test_conc"}
    for name in read:
        assert np.array_equal(read[name]["X"], data[name]["X"])
        assert np.array_equal(read[name]["y"], data[name]["y"])


def test_theory_equals_theory_json_to_the_last_digit(cli_run, theory):
    from_cli = json.loads((cli_run / "theory.json").read_text())
    from_cli.pop("data_source")
    assert lingrok.to_json(theory) == from_cli
    # The Python numbers carry the file's digits.
    assert theory["delta"].digits == from_cli["delta"]["digits"]
    assert float(theory["delta"]) == from_cli["delta"]["value"]
    assert list(theory["w_hat"].digits) == from_cli["w_hat"]["digits"]


def test_simulate_writes_the_cli_trajectory_byte_for_byte(cli_run, data, tmp_path):
    tests = {name: (data[name]["X"], data[name]["y"]) for name in ("test_standard", "test_conc")}
    gd = {k: v for k, v in SMALL_CONFIG["gd"].items() if k != "progress"}
    trajectory, summary = lingrok.simulate(
        data["train"]["X"], data["train"]["y"], tests=tests, theory=cli_run / "theory.json",
        seed=SMALL_CONFIG["seed"], as_frame=False, **gd)
    lingrok.write_trajectory(trajectory, tmp_path / "trajectory.csv")
    cli_csv = cli_run / "simulate" / "trajectory.csv"
    assert (tmp_path / "trajectory.csv").read_bytes() == cli_csv.read_bytes()

    # The arrays themselves, against NumPy's parse of the CLI's file (NaN where both are NaN).
    parsed = read_csv_columns(cli_csv)
    assert list(parsed) == list(trajectory)
    for name, column in parsed.items():
        assert np.array_equal(trajectory[name], column, equal_nan=True), name
    assert "acc_pgd" in trajectory and trajectory["t"][-1] == gd["steps"]

    from_cli = json.loads((cli_run / "simulate" / "summary.json").read_text())
    for key in INVOCATION_KEYS:
        from_cli.pop(key, None)
        summary.pop(key, None)
    assert json.loads(json.dumps(summary)) == from_cli


def test_literal_step_trajectory_matches_the_cli_too(cli_run, data, tmp_path):
    # eta = 0.01 with these data is far above 2/beta: GD oscillates and amplifies any
    # difference of rounding, so equal bytes mean the same arithmetic.
    config = dict(SMALL_CONFIG, gd={"eta": 0.01, "steps": 5000, "progress": False})
    (tmp_path / "config.json").write_text(json.dumps(config))
    run_cli("simulate", "--config", tmp_path / "config.json", "--data", cli_run / "data",
            "--out", tmp_path / "cli", "--quiet")
    tests = {name: (data[name]["X"], data[name]["y"]) for name in ("test_standard", "test_conc")}
    trajectory, summary = lingrok.simulate(data["train"]["X"], data["train"]["y"], eta=0.01,
                                           steps=5000, tests=tests, seed=7, as_frame=False)
    assert summary["regime"]["eta_beta"] > 2
    lingrok.write_trajectory(trajectory, tmp_path / "py.csv")
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli" / "trajectory.csv").read_bytes()


def test_integrate_bias_gives_the_cli_digits(cli_run, theory):
    flow = read_csv_columns(cli_run / "flows" / "flow_bias.csv")
    with open(cli_run / "flows" / "flow_bias.csv") as f:
        rows = [line.rstrip("\n").split(",") for line in f][1:]
    gd = read_csv_columns(cli_run / "simulate" / "trajectory.csv")
    b0 = gd["b"][gd["t"] == 1.0][0]  # the CLI starts at t0 = 1 from the GD log's b there
    result = lingrok.integrate_bias(flow["t"], theory, t0=1.0, b0=b0)
    assert result["b_digits"] == [r[1] for r in rows]
    assert result["b_closed_form_digits"] == [r[2] for r in rows]
    assert result["summary"]["b_inf"].digits == rows[0][4]
    # The closed form solves the ODE (Theorem 4.5): the 50-digit integration agrees with it.
    assert float(result["summary"]["max_error"]) < 1e-38


def test_integrate_bias_stays_at_b_inf_when_it_starts_there(theory):
    # v0 = delta e^{b0} = 1: the right-hand side vanishes, b(t) = b_inf for all t.
    b_inf = theory["b_inf"]
    t = np.logspace(0, 12, 25)
    result = lingrok.integrate_bias(t, theory, t0=1.0, b0=float(b_inf))
    assert np.allclose(result["b"], float(b_inf), rtol=0, atol=1e-15)


def test_integrate_coupled_gives_the_cli_flow(cli_run, data, theory):
    flow = read_csv_columns(cli_run / "flows" / "flow_coupled.csv")
    gd = read_csv_columns(cli_run / "simulate" / "trajectory.csv")
    # The CLI starts at t0 = 1 from the GD log: rho0 = w(1) - w_hat log 1 = w(1), b0 = b(1).
    at_1 = gd["t"] == 1.0
    rho0 = [gd["w1"][at_1][0], gd["w2"][at_1][0]]
    result = lingrok.integrate_coupled(data["train"]["X"], data["train"]["y"], flow["t"], theory,
                                       t0=1.0, b0=gd["b"][at_1][0], rho0=rho0)
    assert np.array_equal(result["b"], flow["b"])
    assert np.array_equal(result["rho"][:, 0], flow["rho_1"])
    assert np.array_equal(result["rho"][:, 1], flow["rho_2"])
    cli_summary = json.loads((cli_run / "flows" / "flow_coupled.json").read_text())
    assert result["summary"]["achieved_error"] == cli_summary["achieved_error"]
    assert result["summary"]["steps"] == cli_summary["steps"]


def test_coupled_flow_rests_at_the_late_time_limit(data, theory):
    # (w_tilde, b_tilde) minimises F (docs/theory.md#late-time-limit): the flow started
    # there stays there (docs/theory.md#coupled-flow).
    t = np.logspace(0, 8, 9)
    result = lingrok.integrate_coupled(data["train"]["X"], data["train"]["y"], t, theory,
                                       b0=float(theory["b_tilde"]))
    assert np.allclose(result["rho"], np.asarray(theory["w_tilde"]), rtol=1e-8, atol=1e-8)
    assert np.allclose(result["b"], float(theory["b_tilde"]), rtol=1e-8, atol=1e-8)


def test_integrate_flow_gives_the_cli_flow(cli_run, data):
    flow = read_csv_columns(cli_run / "flows" / "flow_full.csv")
    result = lingrok.integrate_flow(data["train"]["X"], data["train"]["y"], flow["t"], eta=0.01)
    assert np.array_equal(result["b"], flow["b"])
    assert np.array_equal(result["w"][:, 0], flow["w1"])
    assert np.array_equal(result["w"][:, 1], flow["w2"])
    cli_summary = json.loads((cli_run / "flows" / "flow_full.json").read_text())
    assert result["summary"]["achieved_error"] == cli_summary["achieved_error"]


def test_check_gives_the_cli_verdicts(cli_run, tmp_path):
    # Python first: the run has no symbolic.json yet, which the module computes in memory.
    assert not (cli_run / "symbolic.json").exists()
    from_python = lingrok.check(cli_run)
    assert not (cli_run / "report.json").exists()  # check() writes nothing
    run_cli("check", "--run", cli_run)
    from_cli = json.loads((cli_run / "report.json").read_text())["checks"]
    assert [c["id"] for c in from_python] == [c["id"] for c in from_cli]
    assert json.loads(json.dumps(from_python)) == from_cli
    only = lingrok.check(cli_run, only=["A3.1", "GD"])
    assert [c["id"] for c in only] == ["A3.1", "GD"]
