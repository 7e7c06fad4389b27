"""50-digit quantities of theory.json as Python numbers, and back (docs/theory.md: "in >= 50 digits").

lingrok's JSON writers store each high-precision quantity as ``{"value": double, "digits":
"50 significant digits"}`` (a vector: lists of both). :func:`from_json` turns those pairs into
:class:`Real50` (a ``float`` that keeps its digits) and :class:`Real50Array` (a float64 NumPy
array that keeps them); :func:`to_json` restores the pairs, so a result can go back into
:func:`lingrok.simulate` or be saved as theory.json.
"""

import math

import numpy as np


def _mpf(digits):
    try:
        import mpmath
    except ImportError as e:  # python3-mpmath on Debian
        raise ImportError("the .mpf view needs mpmath (Debian: python3-mpmath); "
                          "the digits are in .digits") from e
    # Enough working precision for every digit; the mpf keeps it after the block.
    with mpmath.workdps(len(digits) + 5):
        return mpmath.mpf(digits)


def _float_of(value, digits):
    if value is not None:
        return float(value)
    try:  # JSON has no NaN/Inf: the writer stores null and the digits say which
        return float(digits)
    except ValueError:
        return math.nan


class Real50(float):
    """A quantity computed in 50 significant digits (docs/theory.md).

    It is the nearest double in arithmetic; ``.digits`` is lingrok's decimal text of the
    50-digit value (as in theory.json) and ``.mpf`` the same as an ``mpmath.mpf`` (needs
    mpmath). ``str()`` gives the digits, ``float()`` the double.
    """

    __slots__ = ("digits",)

    def __new__(cls, value, digits):
        obj = super().__new__(cls, _float_of(value, digits))
        obj.digits = str(digits)
        return obj

    @property
    def mpf(self):
        return _mpf(self.digits)

    def __repr__(self):
        return f"Real50('{self.digits}')"

    def __str__(self):
        return self.digits

    def __reduce__(self):
        return (Real50, (float(self), self.digits))


class Real50Array(np.ndarray):
    """A vector computed in 50 significant digits: float64 values plus ``.digits``.

    ``.digits`` (a tuple of str) and ``.mpf`` (a list of ``mpmath.mpf``) belong to the array as
    returned; arrays computed from it are plain float64 arrays.
    """

    def __new__(cls, values, digits):
        digits = tuple(str(d) for d in digits)
        obj = np.array([_float_of(v, d) for v, d in zip(values, digits)], dtype=float).view(cls)
        obj.digits = digits
        return obj

    def __array_finalize__(self, obj):
        self.digits = None  # views and results are not the 50-digit vector

    def __array_wrap__(self, out_arr, context=None):
        return np.asarray(out_arr)[()] if out_arr.ndim == 0 else np.asarray(out_arr)

    @property
    def mpf(self):
        if self.digits is None:
            raise ValueError("this array was computed from a 50-digit vector; use the original")
        return [_mpf(d) for d in self.digits]

    def __reduce__(self):
        return (Real50Array, (np.asarray(self).tolist(), self.digits))


def _is_quantity(obj):
    return isinstance(obj, dict) and set(obj) == {"value", "digits"}


def from_json(obj):
    """theory.json content (plain JSON) -> the same structure with Real50 / Real50Array."""
    if _is_quantity(obj):
        if isinstance(obj["digits"], list):
            return Real50Array(obj["value"], obj["digits"])
        return Real50(obj["value"], obj["digits"])
    if isinstance(obj, dict):
        return {k: from_json(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [from_json(v) for v in obj]
    return obj


def _json_float(x):
    return float(x) if math.isfinite(x) else None


def to_json(obj):
    """The inverse of :func:`from_json`: plain JSON, as lingrok's writers produce it."""
    if isinstance(obj, Real50):
        return {"value": _json_float(obj), "digits": obj.digits}
    if isinstance(obj, Real50Array) and obj.digits is not None:
        return {"value": [_json_float(x) for x in np.asarray(obj)], "digits": list(obj.digits)}
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    return obj
