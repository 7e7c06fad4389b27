"""lingrok: checks the theory of *Grokking in Linear Models for Logistic Regression*
(Das, Vedantam, Lakshminarayanan, arXiv:2602.08302) from Python.

The C++ does the work (the same code as the ``lingrok`` command); this package hands NumPy
arrays in and out. Section numbers (§) are those of the table in docs/README.md, which gives the page
of docs/ that states each formula.

    generate(config)                  the paper's data sets (§2) as arrays
    read_data(path)                   a data directory or CSV file (§2) as arrays
    theory(X, y, eta=...)             everything §3 predicts, 50-digit values as Real50
    simulate(X, y, eta=..., steps=...) logged gradient descent (§5.1): (trajectory, summary)
    write_trajectory(traj, path)      trajectory.csv exactly as `lingrok simulate` writes it
    integrate_bias(t, theory)         the bias ODE of §3.4 at 50 digits against its closed form
    integrate_coupled(X, y, t, theory) the coupled support-vector flow of §3.5
    integrate_flow(X, y, t, eta=...)  the full gradient flow of §5.2(c)
    check(run)                        every claim of §4 on a run directory: verdict dicts
    pgd_accuracy(X, y, w, b)          PGD accuracy (§5.4); exact_robust_accuracy: its bound

Every time is in GD steps t (§1). Bad input raises ``ValueError`` (``lingrok.InputError``)
with lingrok's one-line message; a numerical failure raises ``lingrok.NumericalError`` (an
``ArithmeticError``).
"""

import os
import sys

import numpy as np

from . import _lingrok
from ._convert import Real50, Real50Array, from_json, to_json
from ._lingrok import InputError, NumericalError

__version__ = _lingrok.__version__
InputError.__module__ = NumericalError.__module__ = __name__
__all__ = [
    "generate", "read_data", "theory", "simulate", "write_trajectory", "integrate_bias",
    "integrate_coupled", "integrate_flow", "check", "pgd_accuracy", "exact_robust_accuracy", "Real50",
    "Real50Array", "InputError", "NumericalError", "to_json", "from_json",
]


def generate(config):
    """The paper's data sets (§2, Section 5 and Appendix B), as ``lingrok generate`` makes them.

    ``config`` is a configuration file's path (e.g. ``"configs/d2_S350_50.json"``) or its
    content as a dict (top-level ``seed`` and ``data`` sections). Returns
    ``{"train": {"X", "y", "planted"}, "test_standard": {...}, "test_conc": {...},
    "data": the data section with defaults}``: ``X`` is N x d float64, ``y`` in {-1, +1},
    ``planted`` a bool array marking the planted support vectors (train only, else None).
    Identical configuration and seed give identical arrays.
    """
    return _lingrok.generate(os.fspath(config) if isinstance(config, os.PathLike) else config)


def read_data(path):
    """A data directory from ``lingrok generate`` (train.csv, test_*.csv) or one CSV file
    (``x1,...,xd,y``, §2 user data) as ``{"train": {"X", "y", "planted"}, ...}``."""
    return _lingrok.read_data(os.fspath(path))


def _decimal(x, name):
    """A parameter as decimal text, so that 0.01 means exactly 1/100 at 50 digits."""
    if isinstance(x, Real50):
        return x.digits
    if isinstance(x, str):
        return x
    if isinstance(x, (int, float, np.floating, np.integer)):
        return repr(float(x))
    raise InputError(f"{name} = {x!r} is not a number; give a float or its decimal text")


def theory(X, y, eta=0.01, *, reduction="sum", loss="logistic", gamma=None, alpha=None,
           box=5.0, kappa=1e-3, epsilons=None, support_tol=1e-9, t0=1.0, b0=0.0):
    """Everything §3 predicts from a training set (X: N x d, y in {-1,1} or {0,1}) and the
    step size ``eta`` -- the content of ``lingrok theory``'s theory.json, as a dict.

    ``eta`` (float or decimal text) is read as the decimal it is written as: 0.01 is exactly
    1/100. ``gamma``, ``alpha`` and ``box`` are the generator's margin parameter, the
    sensitivity of the concentrated test set and the box half-width (§2); without gamma and
    alpha the grokking-time predictions (§3.7) are left out.

    High-precision quantities are :class:`Real50` (a float with ``.digits``, 50 significant
    digits, and ``.mpf``), vectors :class:`Real50Array`. The keys include:

    - §3.1 ``w_hat``, ``margin``, ``support_plus`` / ``support_minus`` (0-based rows),
      ``b_hat`` (eq. 7's bias; Assumption 3.1 wants 0), ``assumption_3_1``, ``R``,
      ``svm_bias_free`` and ``svm_eq7`` (with KKT residuals);
    - §3.2 ``w_tilde``, ``b_tilde``, ``late_time`` (dual residuals, flat dimension);
    - §3.3 ``A_plus``, ``A_minus``, ``delta`` = sqrt(A-/A+), ``b_inf`` = -log delta, ``k``,
      ``T_c`` (Theorem 4.5's constants); None where Assumption 3.1 fails;
    - §1 ``beta_smoothness``, ``eta_beta`` (Theorem 4.1 wants < 2), ``stable_eta`` = 1/beta;
    - §3.6 ``phases`` (t1, t2 on the model trajectory); §3.7 ``grokking`` (T_te(eps)
      bounds and estimates, T_tr bound of Remark 4.7).
    """
    result = _lingrok.theory(
        X, y, _decimal(eta, "eta"), reduction, loss,
        None if gamma is None else float(gamma), None if alpha is None else float(alpha),
        float(box), float(kappa), None if epsilons is None else [float(e) for e in epsilons],
        float(support_tol), float(t0), float(b0))
    return from_json(result)


def _theory_json(theory_arg):
    if theory_arg is None:
        return None
    if isinstance(theory_arg, (str, os.PathLike)):
        import json
        with open(theory_arg, encoding="utf-8") as f:
            return json.load(f)
    return to_json(theory_arg)


class _ProgressBar:
    """A one-line progress bar on stderr for ``simulate(progress=True)``."""

    def __call__(self, t, steps):
        width = 30
        filled = int(width * t / steps)
        sys.stderr.write(f"\rsimulate [{'#' * filled}{'.' * (width - filled)}] "
                         f"{100.0 * t / steps:5.1f}%  t={t}" + ("\n" if t >= steps else ""))
        sys.stderr.flush()


def _pandas_or_none(as_frame):
    if as_frame is False:
        return None
    try:
        import pandas
    except ImportError:
        if as_frame:
            raise ImportError("as_frame=True needs pandas (Debian: python3-pandas)") from None
        return None
    return pandas


def simulate(X, y, eta=0.01, steps=None, *, tests=None, theory=None, seed=1, progress=None,
             as_frame=None, **gd):
    """Gradient descent from (w, b) = (0, 0) on the training set (X, y), logged on a
    log-spaced grid (§5.1), with grokking detection (§3.7) and the regime diagnostics of
    check GD (§4) -- the run ``lingrok simulate`` makes.

    ``eta``: the step size, or ``"stable"`` for 1/beta (§1). ``steps``: number of GD steps
    (default 10^7). ``tests``: test sets as ``{"test_standard": (X, y), "test_conc": (X, y)}``
    (an accuracy column each). ``theory``: a :func:`theory` result (or a theory.json path)
    for the columns that need w_hat, w_tilde and S. Further keywords are the ``gd`` section
    of a configuration (numerics/gd/simulation.hpp): ``loss``, ``reduction``, ``w0``, ``b0``,
    ``log_per_decade``, ``every``, ``adversarial``, ``rounding_check``, ``shortcuts``,
    ``threads``, ``epsilons``, ``zeta_min``, ``period2_cosine``.

    ``progress``: None, True (a bar on stderr) or a callable ``f(t, steps)`` called about
    1000 times. The GIL is released while GD runs; Ctrl-C stops it.

    Returns ``(trajectory, summary)``: the trajectory's columns (t, b, w_norm, w1..wd, D,
    angle_w_hat, rho_norm, rho_minus_w_tilde, loss, r, A_plus, A_minus, b_steady,
    acc_train, acc_<test>, cos_update; numerics/gd/trajectory.hpp) as a pandas DataFrame
    when pandas is installed (``as_frame=False``: a dict of float64 arrays), and
    summary.json's content as a dict. A run that diverges raises NumericalError with
    ``.trajectory`` and ``.summary`` attached.
    """
    section = dict(gd)
    section["eta"] = eta
    if steps is not None:
        section["steps"] = steps
    if progress is True:
        progress = _ProgressBar()
    elif progress is False:
        progress = None
    elif progress is not None and not callable(progress):
        raise InputError("simulate(): progress must be None, True or a callable f(t, steps)")
    columns, table, summary = _lingrok.simulate(X, y, tests, section, _theory_json(theory),
                                                int(seed), progress)
    trajectory = {name: table[:, i] for i, name in enumerate(columns)}
    pandas = _pandas_or_none(as_frame)
    if pandas is not None:
        trajectory = pandas.DataFrame(trajectory, copy=False)
    if not summary.get("complete", True):
        error = NumericalError(summary.get("stop_reason", "GD did not complete"))
        error.trajectory, error.summary = trajectory, summary
        raise error
    return trajectory, summary


def write_trajectory(trajectory, path):
    """Writes a :func:`simulate` trajectory (dict of arrays or DataFrame, columns in their
    order) as trajectory.csv, with the writer of ``lingrok simulate`` (shortest round-trip
    decimals): the same run gives the same bytes."""
    columns = [str(c) for c in trajectory.keys()]
    table = np.column_stack([np.asarray(trajectory[c], dtype=float) for c in trajectory.keys()])
    _lingrok.write_trajectory(columns, table, os.fspath(path))


def integrate_bias(t, theory=None, *, A_plus=None, A_minus=None, eta=None, units="steps",
                   t0=None, b0=0.0, abs_tol=1e-43, rel_tol=1e-43):
    """The late-time bias ODE of §3.4 (Theorem 4.5), db/dt = (c/t)(A+ e^-b - A- e^b) with
    b(t0) = b0, integrated at 50 digits (Bulirsch-Stoer) and compared with its closed form at
    the GD steps ``t`` -- ``lingrok integrate --which bias``.

    A+ and A- come from ``theory`` (a :func:`theory` result) unless given; ``units="steps"``
    takes c = eta (default: the theory's eta_effective), ``"flow"`` c = 1 (the paper's
    continuous time). ``t0`` defaults to ``t[0]``. Returns ``{"t", "b", "b_closed_form",
    "error"}`` as float64 arrays, ``b_digits`` / ``b_closed_form_digits`` (50 digits) and a
    ``summary`` (method, steps, tolerances, ``max_error``, ``b_inf``).
    """
    def pick(given, key):
        if given is not None:
            return _decimal(given, key)
        if theory is None or theory.get(key) is None:
            raise InputError(f"integrate_bias(): no {key}; pass theory=lingrok.theory(...) of "
                             f"separable data, or {key}=")
        return theory[key].digits
    if units not in ("steps", "flow"):
        raise InputError(f"integrate_bias(): units must be 'steps' or 'flow', not {units!r}")
    if units == "flow":
        c = "1"
    else:
        c = _decimal(eta, "eta") if eta is not None else pick(None, "eta_effective")
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise InputError("integrate_bias(): t must be a non-empty 1-D array of GD steps")
    result = _lingrok.integrate_bias(t, pick(A_plus, "A_plus"), pick(A_minus, "A_minus"), c,
                                     float(t[0] if t0 is None else t0), float(b0),
                                     float(abs_tol), float(rel_tol))
    result["summary"] = from_json(result["summary"])
    return result


def integrate_coupled(X, y, t, theory, *, t0=None, b0=0.0, rho0=None, eta=None,
                      precision="double", abs_tol=None, rel_tol=None, estimate_error=True):
    """The coupled support-vector flow of §3.5 (lingrok's extension of Theorem 4.5): in
    s = log t, d(rho, beta)/ds = -grad F(rho, beta) on the support set S of ``theory``, with
    w(t) = w_hat log t + rho(t) -- ``lingrok integrate --which coupled``.

    Starts at GD step ``t0`` (default ``t[0]``) from ``rho0`` (default: the theory's w_tilde,
    the paper's frozen rho) and ``b0``; eta defaults to the theory's eta_effective.
    ``precision``: ``"double"`` (Rosenbrock, tolerance 1e-12) or ``"50"`` (Bulirsch-Stoer at
    50 digits, tolerance 1e-30). Returns ``{"t", "b", "rho" (len(t) x d), "summary"}``.
    """
    if precision not in ("double", "50"):
        raise InputError(f"integrate_coupled(): precision must be 'double' or '50', "
                         f"not {precision!r}")
    if theory is None or theory.get("w_tilde") is None:
        raise InputError("integrate_coupled(): the theory has no late-time limit (w_tilde); "
                         "pass lingrok.theory(...) of data where Assumption 3.1 holds")
    high = precision == "50"
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise InputError("integrate_coupled(): t must be a non-empty 1-D array of GD steps")
    start = theory["w_tilde"] if rho0 is None else rho0
    if getattr(start, "digits", None) is not None:
        start = list(start.digits)
    else:
        start = [_decimal(float(v), "rho0") for v in np.asarray(start, dtype=float)]
    eta_text = _decimal(eta, "eta") if eta is not None else theory["eta_effective"].digits
    support = list(theory["support_plus"]) + list(theory["support_minus"])
    default_tol = 1e-30 if high else 1e-12
    result = _lingrok.integrate_coupled(
        X, y, t, list(theory["w_hat"].digits), support, eta_text, start, float(b0),
        float(t[0] if t0 is None else t0), high,
        float(default_tol if abs_tol is None else abs_tol),
        float(default_tol if rel_tol is None else rel_tol), bool(estimate_error))
    result["summary"] = from_json(result["summary"])
    return result


def integrate_flow(X, y, t, eta=0.01, *, loss="logistic", reduction="sum", abs_tol=1e-10,
                   rel_tol=1e-10, estimate_error=True):
    """The full gradient flow d(w,b)/dtau = -grad L on all training data from (0, 0) (§5.2(c);
    Rosenbrock in log time), sampled at GD steps ``t`` (tau = eta t) -- ``lingrok integrate
    --which full``. Returns ``{"t", "b", "w" (len(t) x d), "summary"}``; the summary's
    ``achieved_error`` comes from a second run at tolerances / 100 (``estimate_error``)."""
    return _lingrok.integrate_flow(X, y, np.asarray(t, dtype=float), float(eta), loss, reduction,
                                   float(abs_tol), float(rel_tol), bool(estimate_error))


def check(run, only=None):
    """Every claim of §4 (A3.1 ... S6, GD) on a run directory written by ``lingrok reproduce``
    or the subcommands (data/, theory.json, simulate/, flows/) -- ``lingrok check --run``,
    without writing report files. Returns one dict per check: ``id``, ``claim``,
    ``reference``, ``inputs``, ``measured``, ``tolerance``, ``verdict`` (holds, fails,
    not applicable, inconclusive) and ``reason``. ``only``: a list of check ids."""
    return _lingrok.check(os.fspath(run), list(only or []))


def pgd_accuracy(X, y, w, b, *, eps_adv=1.0, step=0.25, steps=20, random_start=False, seed=0,
                 clip=None):
    """Accuracy of sign(w.x + b) on PGD-attacked test points (§5.4): l-inf ball of radius
    ``eps_adv``, ``steps`` steps of size ``step``, clipped to ``clip = (lo, hi)`` (default:
    the test set's per-coordinate range)."""
    return _lingrok.pgd_accuracy(X, y, np.asarray(w, dtype=float), float(b), float(eps_adv),
                                 float(step), int(steps), bool(random_start), int(seed), clip)


def exact_robust_accuracy(X, y, w, b, *, eps_adv=1.0, clip=None):
    """The exact worst-case accuracy over the l-inf ball and the clip box (§5.4, closed form):
    a lower bound on :func:`pgd_accuracy` with the same ``eps_adv``."""
    return _lingrok.exact_robust_accuracy(X, y, np.asarray(w, dtype=float), float(b),
                                          float(eps_adv), clip)
