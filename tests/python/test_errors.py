"""Bad input raises ValueError (lingrok.InputError) with lingrok's one-line message naming the
problem and the fix; a numerical failure raises lingrok.NumericalError (an ArithmeticError)."""

import numpy as np
import pytest

import lingrok

X = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0]])
Y = np.array([1.0, 1.0, -1.0, -1.0])


def one_line_value_error(call, *fragments):
    with pytest.raises(ValueError) as info:
        call()
    assert isinstance(info.value, lingrok.InputError)
    message = str(info.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_labels_outside_the_two_classes():
    one_line_value_error(lambda: lingrok.theory(X, [1, 2, -1, -1]), "y[1] = 2 is not", "relabel")


def test_labels_of_one_class():
    one_line_value_error(lambda: lingrok.theory(X, [1, 1, 1, 1]), "only one class")


def test_labels_mixing_zero_and_minus_one():
    one_line_value_error(lambda: lingrok.theory(X, [1, 0, -1, -1]), "mix 0 and -1")


def test_nan_in_the_data():
    bad = X.copy()
    bad[2, 1] = np.nan
    one_line_value_error(lambda: lingrok.simulate(bad, Y, steps=10), "X[2, 1]", "NaN")


def test_one_dimensional_X():
    one_line_value_error(lambda: lingrok.theory(X[:, 0], Y), "2-D", "reshape")


def test_labels_and_rows_disagree():
    one_line_value_error(lambda: lingrok.integrate_flow(X, Y[:3], [1.0]), "3 labels", "4 rows")


def test_eta_that_is_not_a_number():
    one_line_value_error(lambda: lingrok.theory(X, Y, eta="fast"), "eta", "not a number")


def test_negative_eta():
    one_line_value_error(lambda: lingrok.theory(X, Y, eta=-1.0), "eta must be > 0")


def test_unknown_gd_key():
    one_line_value_error(lambda: lingrok.simulate(X, Y, steps=10, stepz=3), "stepz")


def test_bias_ode_times_before_t0():
    one_line_value_error(
        lambda: lingrok.integrate_bias([0.5, 2.0], A_plus=1, A_minus=2, eta=0.01, t0=1.0),
        "integrate_bias()", ">= t0")


def test_unknown_loss():
    with pytest.raises(ValueError):
        lingrok.integrate_flow(X, Y, [1.0], loss="hinge")


def test_bad_generate_configuration():
    one_line_value_error(lambda: lingrok.generate({"data": {"d": 0}}), "d")
    one_line_value_error(lambda: lingrok.generate({"dat": {}}), "dat")


def test_missing_configuration_file(tmp_path):
    one_line_value_error(lambda: lingrok.generate(tmp_path / "none.json"), "none.json")


def test_check_of_a_missing_directory(tmp_path):
    one_line_value_error(lambda: lingrok.check(tmp_path / "nothing"), "not a directory")


def test_test_set_of_another_dimension():
    one_line_value_error(
        lambda: lingrok.simulate(X, Y, steps=10, tests={"test_conc": (np.ones((2, 3)), [1, -1])}),
        "dimension 3")


def test_pgd_weights_of_the_wrong_size():
    one_line_value_error(lambda: lingrok.pgd_accuracy(X, Y, [1.0, 2.0, 3.0], 0.0), "w has 3")


def test_divergence_is_a_numerical_error():
    # A step of 1e308 overflows (w, b) to Inf at the first step (the gradient exceeds 1.8).
    with pytest.raises(ArithmeticError) as info:
        lingrok.simulate(X, Y, eta=1e308, steps=100, as_frame=False)
    assert isinstance(info.value, lingrok.NumericalError)
    assert "diverged" in str(info.value)
    assert info.value.summary["complete"] is False
    assert len(info.value.trajectory["t"]) >= 1


def test_exception_in_the_progress_callback_stops_the_run():
    class Stop(Exception):
        pass

    def progress(t, steps):
        raise Stop()

    with pytest.raises(Stop):
        lingrok.simulate(X, Y, steps=10000, progress=progress)
