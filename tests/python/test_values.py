"""What the module returns, checked by hand or by independent computation: 50-digit values
that satisfy the identities of docs/theory.md#bias-constants in mpmath, a max-margin separator
solvable by hand, PGD against a brute-force worst case, the trajectory as arrays or a DataFrame."""

import pickle

import numpy as np
import pytest

import lingrok
from conftest import SMALL_CONFIG

mpmath = pytest.importorskip("mpmath")

# Four points, symmetric under x -> -x with the labels swapped: the max-margin separator
# through the origin is w_hat = (1/2, 1/2) (y w.x >= 1 gives w1 + w2 >= 1, w1 >= 1/2,
# w2 >= 1/2), every point lies on the margin, and eq. (7)'s bias is 0.
SQUARE_X = np.array([[1.0, 1.0], [2.0, 0.0], [-1.0, -1.0], [0.0, -2.0]])
SQUARE_Y = np.array([1, 1, -1, -1])


@pytest.fixture(scope="module")
def small_theory():
    data = lingrok.generate(SMALL_CONFIG)
    return lingrok.theory(data["train"]["X"], data["train"]["y"], eta="0.01",
                          gamma=0.05, alpha=10)


def test_max_margin_separator_solved_by_hand():
    th = lingrok.theory(SQUARE_X, SQUARE_Y, eta=0.01)
    # y (w.x) >= 1 with equality on all four points: w = (1/2, 1/2), margin 1/||w|| = sqrt 2.
    assert th["w_hat"].digits[0].startswith("0.5") and th["w_hat"].digits[1].startswith("0.5")
    assert np.allclose(th["w_hat"], [0.5, 0.5], rtol=0, atol=1e-15)
    with mpmath.workdps(50):
        assert abs(th["margin"].mpf - mpmath.sqrt(2)) < mpmath.mpf("1e-45")
    assert th["assumption_3_1"]["holds"] is True
    assert sorted(th["support_plus"]) == [0, 1] and sorted(th["support_minus"]) == [2, 3]


def test_bias_constants_satisfy_theorem_4_5_identities_at_50_digits(small_theory):
    th = small_theory
    with mpmath.workdps(50):
        a_plus, a_minus = th["A_plus"].mpf, th["A_minus"].mpf
        delta = mpmath.sqrt(a_minus / a_plus)
        assert abs(th["delta"].mpf / delta - 1) < mpmath.mpf("1e-45")
        assert abs(th["b_inf"].mpf + mpmath.log(delta)) < mpmath.mpf("1e-45")
        assert abs(th["k"].mpf / mpmath.sqrt(a_plus * a_minus) - 1) < mpmath.mpf("1e-45")
        # b_inf = b_tilde (docs/theory.md#bias-constants): the late-time limit's bias, computed
        # independently (Newton).
        assert abs(th["b_inf"].mpf - th["b_tilde"].mpf) < mpmath.mpf("1e-40")
    # A double could not pass those: the digits are more than a double holds.
    assert len(th["delta"].digits.replace("-", "").replace(".", "").lstrip("0")) >= 45


def test_real50_behaves_as_its_float_and_round_trips(small_theory):
    delta = small_theory["delta"]
    assert isinstance(delta, float) and str(delta) == delta.digits
    assert delta * 2 == float(delta) * 2
    assert pickle.loads(pickle.dumps(delta)).digits == delta.digits
    w_tilde = small_theory["w_tilde"]
    assert isinstance(w_tilde, np.ndarray) and w_tilde.shape == (2,)
    # Results and views are not the 50-digit vector: plain arrays, or no digits.
    assert type(w_tilde * 2) is np.ndarray and w_tilde[:1].digits is None
    plain = lingrok.to_json(small_theory)
    assert lingrok.to_json(lingrok.from_json(plain)) == plain


def test_pgd_accuracy_against_a_brute_force_worst_case():
    rng = np.random.default_rng(3)
    X = rng.uniform(-5, 5, size=(400, 3))
    y = np.where(X @ [1.0, -2.0, 0.5] + 0.3 > 0, 1.0, -1.0)
    w, b = np.array([1.0, -1.5, 0.2]), 0.1
    lo, hi = X.min(axis=0), X.max(axis=0)
    assert lingrok.exact_robust_accuracy(X, y, w, b, eps_adv=0.0) == np.mean(y * (X @ w + b) > 0)
    for eps in (0.3, 1.0, 2.5):
        # Worst case of a linear model on the box: each coordinate at the end that lowers y w.x.
        worst = np.clip(X - eps * y[:, None] * np.sign(w), lo, hi)
        expected = np.mean(y * (worst @ w + b) > 0)
        assert lingrok.exact_robust_accuracy(X, y, w, b, eps_adv=eps) == expected
        # Enough PGD steps reach that worst case exactly (numerics/pgd/pgd.hpp).
        assert lingrok.pgd_accuracy(X, y, w, b, eps_adv=eps, step=0.25, steps=20) == expected
    # Too few steps: PGD is weaker than the worst case, never stronger.
    assert lingrok.pgd_accuracy(X, y, w, b, eps_adv=1.0, steps=1) >= \
        lingrok.exact_robust_accuracy(X, y, w, b, eps_adv=1.0)


def test_trajectory_is_a_dict_of_arrays_or_a_dataframe(tmp_path):
    X, y = SQUARE_X, SQUARE_Y
    trajectory, summary = lingrok.simulate(X, y, steps=100, as_frame=False)
    assert isinstance(trajectory, dict) and list(trajectory)[:3] == ["t", "b", "w_norm"]
    assert trajectory["t"][0] == 0 and trajectory["t"][-1] == 100
    assert summary["complete"] and summary["steps_done"] == 100
    try:
        import pandas
    except ImportError:
        with pytest.raises(ImportError):
            lingrok.simulate(X, y, steps=100, as_frame=True)
        frame, _ = lingrok.simulate(X, y, steps=100)
        assert isinstance(frame, dict)
    else:
        frame, _ = lingrok.simulate(X, y, steps=100)
        assert isinstance(frame, pandas.DataFrame)
        assert np.array_equal(frame["b"].to_numpy(), trajectory["b"])
        lingrok.write_trajectory(frame, tmp_path / "frame.csv")
        lingrok.write_trajectory(trajectory, tmp_path / "dict.csv")
        assert (tmp_path / "frame.csv").read_bytes() == (tmp_path / "dict.csv").read_bytes()
