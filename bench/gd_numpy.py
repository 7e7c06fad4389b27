#!/usr/bin/env python3
"""The paper's GD loop (Appendix B) in plain NumPy, timed on a prefix of steps.

Per step: margins y (Xw + b), logistic weights q = 1/(1 + e^{margin}), gradient
-X^T (q y), -sum(q y), update with step eta (summed loss). Usage:
    gd_numpy.py TRAIN_CSV ETA STEPS
prints one line: "numpy_seconds_per_step <s> cpu_seconds_per_step <s> steps <n> w <w...> b <b>"
(wall and CPU time per step; CPU time is the fair figure on a shared machine).
"""
import sys
import time

try:
    import numpy as np
except ImportError:
    sys.exit("numpy is missing: install it with `apt-get install python3-numpy` (Debian package)")


def main():
    path, eta, steps = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    data = np.genfromtxt(path, delimiter=",", skip_header=1)
    with open(path) as f:
        header = f.readline().strip().split(",")
    label = header.index("y")
    X = np.ascontiguousarray(data[:, :label])
    y = data[:, label]
    w = np.zeros(X.shape[1])
    b = 0.0
    np.seterr(over="ignore")  # e^{margin} overflows to inf for large margins: q = 0, as intended
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(steps):
        margins = y * (X @ w + b)
        q = 1.0 / (1.0 + np.exp(margins))
        qy = q * y
        w = w + eta * (X.T @ qy)
        b = b + eta * qy.sum()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print("numpy_seconds_per_step", elapsed / steps, "cpu_seconds_per_step", cpu / steps,
          "steps", steps, "w", *w, "b", b)


if __name__ == "__main__":
    main()
