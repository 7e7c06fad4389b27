# %% [markdown]
# # Bound versus observed grokking time, from Python
#
# Theorem 4.6 of Das, Vedantam, Lakshminarayanan (arXiv:2602.08302) bounds the time T_te(eps)
# at which the accuracy on the concentrated test set P_conc(alpha) reaches (1 - eps) of its
# supremum by exp(+-gamma B / 2 + |log delta| / (1 + 2 eps (2 alpha - 1))) (docs/theory.md#grokking-time), where
# delta = sqrt(A- / A+) measures the imbalance of the support vectors
# (docs/theory.md#bias-constants).
#
# This notebook-shaped script (cells marked `# %%`; it runs headless) sweeps the imbalance:
# the paper's d = 2 data D(1000, 1000) with S(350, k-) planted support vectors for three k-,
# with the *stable* family's gamma = 0.05 and step eta = 1/beta (docs/conventions.md), runs gradient
# descent with lingrok, and draws the observed T_te(eps) beside the bounds, all from arrays
# the module returns. Run it from the repository root:
#
#     PYTHONPATH=build/bindings/python /usr/bin/python3 examples/bound_vs_observed.py
#
# It writes out/examples/bound_vs_observed.png (with matplotlib; else it only prints the table).

# %%
import os
import pathlib

import numpy as np

import lingrok

OUT = pathlib.Path(os.environ.get("LINGROK_EXAMPLE_OUT", "out/examples"))
K_MINUS = [350, 100, 20]  # planted negative support vectors; 350 positive ones throughout
EPSILON = 0.05  # the accuracy level of T_te(eps)
STEPS = 100_000  # GD steps per run


def configuration(k_minus):
    return {"seed": 1,
            "data": {"d": 2, "n_plus": 1000, "n_minus": 1000, "k_plus": 350, "k_minus": k_minus,
                     "plant": "margin", "gamma": 0.05, "box": 5, "alpha": 10,
                     "n_test_standard": 0, "n_test_conc": 1000}}


# %% [markdown]
# For each k-: the data, the theory at the stable step (its beta comes from a first theory
# call), and a GD run logged with the concentrated test set's accuracy.

# %%
rows = []
for k_minus in K_MINUS:
    data = lingrok.generate(configuration(k_minus))
    X, y = data["train"]["X"], data["train"]["y"]
    gamma, alpha = data["data"]["gamma"], data["data"]["alpha"]
    eta = lingrok.theory(X, y, eta=0.01)["stable_eta"]  # 1/beta, 50 digits
    th = lingrok.theory(X, y, eta=eta, gamma=gamma, alpha=alpha, epsilons=[EPSILON])
    trajectory, summary = lingrok.simulate(
        X, y, eta=float(eta), steps=STEPS, theory=th, as_frame=False,
        tests={"test_conc": (data["test_conc"]["X"], data["test_conc"]["y"])},
        epsilons=[EPSILON])
    variants = summary["grokking"]["sets"]["test_conc"]["variants"]

    def observed(variant):
        T_te = next(r["T_te"] for r in variants[variant]["rows"] if r["epsilon"] == EPSILON)
        return np.nan if T_te is None else float(T_te)

    prediction = th["grokking"]["predictions"][0]
    rows.append({"k_minus": k_minus,
                 "abs_log_delta": abs(float(th["b_inf"])),  # b_inf = -log delta
                 "first": observed("first_sup"),
                 "settle": observed("settle_sup"),
                 "lower": float(prediction["T_te_lower"]["t"]),
                 "upper": float(prediction["T_te_upper"]["t"]),
                 "small_gamma": float(prediction["T_te_small_gamma"]["t"])})

# %% [markdown]
# The table: observed T_te against Theorem 4.6's bounds with B = ||w_tilde||. "first" is the
# paper's Definition 3.4 (first step at (1 - eps) sup); "settle" the first step after which
# the accuracy stays there (docs/theory.md#grokking-time). First reach is often a step or two: at t = 1 the
# hyperplane passes through the origin and classifies P_conc before the bias moves.

# %%
print(f"T_te(eps = {EPSILON}) on P_conc, stable family, {STEPS} GD steps")
print(f"{'k-':>4} {'|log delta|':>12} {'lower':>10} {'first':>8} {'settle':>10} {'upper':>10}"
      "  settle inside")
for r in rows:
    inside = r["lower"] <= r["settle"] <= r["upper"]
    print(f"{r['k_minus']:>4} {r['abs_log_delta']:12.4f} {r['lower']:10.4g} {r['first']:8.4g} "
          f"{r['settle']:10.4g} {r['upper']:10.4g}  {'yes' if inside else 'no'}")

# %% [markdown]
# The figure: bounds as a band, the small-gamma estimate as a line, observed times as points.

# %%
try:
    import matplotlib
except ImportError:
    matplotlib = None
if matplotlib is not None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = np.array([r["abs_log_delta"] for r in rows])
    order = np.argsort(x)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.fill_between(x[order], np.array([r["lower"] for r in rows])[order],
                    np.array([r["upper"] for r in rows])[order], alpha=0.3,
                    label="Theorem 4.6 bounds ($B = \\|\\tilde w\\|$)")
    ax.plot(x[order], np.array([r["small_gamma"] for r in rows])[order], "--",
            label="small-$\\gamma$ estimate")
    ax.plot(x, [r["settle"] for r in rows], "o", label="observed, settle (GD)")
    ax.plot(x, [r["first"] for r in rows], "x", label="observed, first reach (GD)")
    ax.set_yscale("log")
    ax.set_xlabel("$|\\log \\delta|$")
    ax.set_ylabel(f"$T_{{te}}(\\varepsilon = {EPSILON})$ [GD steps]")
    ax.set_title("Bound versus observed, stable family, d = 2")
    ax.legend()
    OUT.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT / "bound_vs_observed.png", dpi=120, bbox_inches="tight")
    print(f"figure: {OUT / 'bound_vs_observed.png'}")
