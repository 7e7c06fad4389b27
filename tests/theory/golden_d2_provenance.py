#!/usr/bin/python3
"""Independent provenance for the golden d = 2 values (tests/theory/golden_d2_test.cpp).

Recomputes, from the training sets that `lingrok generate` writes for configs/d2_*.json, the ten
quantities the golden test compares, in 80-digit mpmath arithmetic and with no code shared with
lingrok's theory/ (docs/theory.md gives the definitions):

  w_hat(0)            bias-free max-margin separator: the planted support vectors lie on
                      y (x1 + x2) = c exactly, so w_hat = (1, 1)/c; optimality is certified
                      here by KKT (w_hat in the cone of y_s x_s over the active points)
  w_tilde, b_tilde    minimiser of F(rho, beta) = eta sum_S exp(-y_s (x_s.rho + beta)) + w_hat.rho
                      by damped Newton, S = {i : y_i w_hat.x_i <= 1 + 1e-9}
  A_plus, A_minus     sum_{S+} exp(-x_s.w_tilde), sum_{S-} exp(x_s.w_tilde)
  delta, k            sqrt(A_minus / A_plus), sqrt(A_plus A_minus)
  T_c                 exp(-w_hat.w_tilde / ||w_hat||^2)
  beta                lambda_max(sum_i (x_i,1)(x_i,1)^T) / 4 (logistic loss, sum)

eta = 0.01 (exact decimal), logistic loss, sum reduction: the golden test's TheoryOptions.

Usage: golden_d2_provenance.py NAME=DATA_DIR ...   (prints one line per data set:
NAME s_plus s_minus and the ten values with 40 significant digits, the format of
tests/theory/golden_d2_values.txt).
"""
import csv
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 80
ETA = mpf("0.01")
SUPPORT_TOL = mpf("1e-9")


def read_train(path):
    xs, ys = [], []
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        try:
            float(row[0])
        except ValueError:
            continue  # the header line
        # float() first: the file holds shortest round-trip decimals of doubles, and the data
        # are those doubles, not the decimals.
        xs.append((mpf(float(row[0])), mpf(float(row[1]))))
        ys.append(1 if float(row[2]) > 0 else -1)
    return xs, ys


def bias_free_svm(xs, ys):
    c = min(y * (x[0] + x[1]) for x, y in zip(xs, ys))
    if c <= 0:
        sys.exit("data not separable along (1, 1); this script only certifies planted d = 2 sets")
    active = [(y * x[0], y * x[1]) for x, y in zip(xs, ys) if y * (x[0] + x[1]) == c]
    # (1, 1)/c is optimal iff it is a non-negative combination of active y_s x_s (KKT); every
    # active v satisfies v1 + v2 = c, so that holds iff some v has v1 >= v2 and some v1 <= v2.
    if not (any(v[0] >= v[1] for v in active) and any(v[0] <= v[1] for v in active)):
        sys.exit("KKT certificate failed: active points on one side of the diagonal")
    return (1 / c, 1 / c)


def late_time_limit(xs, ys, w_hat, support):
    us = [(ys[i] * xs[i][0], ys[i] * xs[i][1], mpf(ys[i])) for i in support]
    g = (w_hat[0], w_hat[1], mpf(0))

    def F(th):
        return ETA * mp.fsum(mp.exp(-(u[0] * th[0] + u[1] * th[1] + u[2] * th[2])) for u in us) + (
            g[0] * th[0] + g[1] * th[1])

    # Start where F restricted to rho = s w_hat / ||w_hat||^2 (every y_s w_hat.x_s = 1 on S) is
    # least: beta = 1/2 log(n+/n-), exp(-s/||w_hat||^2) = ||w_hat||^2 / (2 eta sqrt(n+ n-)).
    W2 = w_hat[0] ** 2 + w_hat[1] ** 2
    n_plus = sum(1 for u in us if u[2] > 0)
    n_minus = len(us) - n_plus
    s = -W2 * mp.log(W2 / (2 * ETA * mp.sqrt(n_plus * n_minus)))
    th = mpmath.matrix([s * w_hat[0] / W2, s * w_hat[1] / W2, mp.log(mpf(n_plus) / n_minus) / 2])
    for _ in range(500):
        e = [ETA * mp.exp(-(u[0] * th[0] + u[1] * th[1] + u[2] * th[2])) for u in us]
        grad = mpmath.matrix([g[j] - mp.fsum(ek * u[j] for ek, u in zip(e, us)) for j in range(3)])
        H = mpmath.matrix(3, 3)
        for j in range(3):
            for m in range(3):
                H[j, m] = mp.fsum(ek * u[j] * u[m] for ek, u in zip(e, us))
        step = mpmath.lu_solve(H, -grad)
        lam = mpf(1)
        # Damped while far from the minimiser; near it F's decrease falls below F's rounding
        # (|F| ~ ||w_hat|| ||rho||), so there the full Newton step is taken (it converges
        # quadratically).
        if mpmath.norm(step) > mpf("1e-6") * (1 + mpmath.norm(th)):
            f0 = F(th)
            while F(th + lam * step) > f0 and lam > mpf("1e-30"):
                lam /= 2
        th = th + lam * step
        if mpmath.norm(step) <= mpf("1e-50") * (1 + mpmath.norm(th)):
            return th
    sys.exit("Newton did not converge")


def quantities(xs, ys):
    w_hat = bias_free_svm(xs, ys)
    support = [i for i in range(len(xs))
               if ys[i] * (w_hat[0] * xs[i][0] + w_hat[1] * xs[i][1]) <= 1 + SUPPORT_TOL]
    s_plus = [i for i in support if ys[i] > 0]
    s_minus = [i for i in support if ys[i] < 0]
    th = late_time_limit(xs, ys, w_hat, support)
    w_t, b_t = (th[0], th[1]), th[2]
    a_plus = mp.fsum(mp.exp(-(xs[i][0] * w_t[0] + xs[i][1] * w_t[1])) for i in s_plus)
    a_minus = mp.fsum(mp.exp(xs[i][0] * w_t[0] + xs[i][1] * w_t[1]) for i in s_minus)
    W2 = w_hat[0] ** 2 + w_hat[1] ** 2
    T_c = mp.exp(-(w_hat[0] * w_t[0] + w_hat[1] * w_t[1]) / W2)
    M = mpmath.matrix(3, 3)
    for x in xs:
        xt = (x[0], x[1], mpf(1))
        for j in range(3):
            for m in range(3):
                M[j, m] += xt[j] * xt[m]
    beta = max(mpmath.eigsy(M)[0]) / 4
    values = [w_hat[0], w_t[0], w_t[1], b_t, a_plus, a_minus, mp.sqrt(a_minus / a_plus),
              mp.sqrt(a_plus * a_minus), T_c, beta]
    return len(s_plus), len(s_minus), values


def main():
    print("# Golden d = 2 values, printed by tests/theory/golden_d2_provenance.py (mpmath, 80 digits)")
    print("# from the training sets `lingrok generate` writes for configs/NAME.json. Columns:")
    print("# NAME s_plus s_minus w_hat(0) w_tilde(0) w_tilde(1) b_tilde A_plus A_minus delta k T_c beta")
    for arg in sys.argv[1:]:
        name, _, data_dir = arg.partition("=")
        xs, ys = read_train(data_dir + "/train.csv")
        sp, sm, values = quantities(xs, ys)
        print(name, sp, sm, " ".join(mpmath.nstr(v, 40, min_fixed=-mpmath.inf, max_fixed=mpmath.inf)
                                     for v in values))


if __name__ == "__main__":
    main()
