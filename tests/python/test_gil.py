"""simulate releases the GIL while GD runs: a second Python thread makes progress meanwhile."""

import threading
import time

import numpy as np

import lingrok
from conftest import SMALL_CONFIG


def test_another_thread_runs_while_simulate_runs():
    data = lingrok.generate(SMALL_CONFIG)
    X, y = data["train"]["X"], data["train"]["y"]
    window = {}

    def work():
        window["start"] = time.monotonic()
        # Long enough to watch: about a second on the 2-core development machine.
        lingrok.simulate(X, y, eta="stable", steps=1_000_000, as_frame=False)
        window["end"] = time.monotonic()

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.monotonic())
        time.sleep(0.005)
    worker.join()
    inside = [t for t in ticks if window["start"] < t < window["end"]]
    # Holding the GIL would block this thread for the whole run: at most a tick or two.
    assert window["end"] - window["start"] > 0.1, "the run was too short to tell"
    assert len(inside) >= 10, (len(inside), window["end"] - window["start"])


def test_progress_callback_sees_the_run_to_its_end():
    X = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0]])
    y = np.array([1, 1, -1, -1])
    calls = []
    lingrok.simulate(X, y, steps=5000, progress=lambda t, steps: calls.append((t, steps)),
                     as_frame=False)
    assert calls and calls[-1] == (5000, 5000)
    assert all(steps == 5000 for _, steps in calls)
    assert [t for t, _ in calls] == sorted(t for t, _ in calls)
