# Type stubs for lingrok (bindings/python/lingrok/__init__.py documents each function).
import os
from typing import Any, Callable, Iterable, Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt

__version__: str

ArrayLike = npt.ArrayLike
PathLike = str | os.PathLike[str]
Number = float | str

class InputError(ValueError): ...

class NumericalError(ArithmeticError):
    trajectory: Any
    summary: dict[str, Any]

class Real50(float):
    digits: str
    def __new__(cls, value: float | None, digits: str) -> Real50: ...
    @property
    def mpf(self) -> Any: ...

class Real50Array(np.ndarray):
    digits: tuple[str, ...] | None
    def __new__(cls, values: Sequence[float | None], digits: Sequence[str]) -> Real50Array: ...
    @property
    def mpf(self) -> list[Any]: ...

def from_json(obj: Any) -> Any: ...
def to_json(obj: Any) -> Any: ...
def generate(config: PathLike | Mapping[str, Any]) -> dict[str, Any]: ...
def read_data(path: PathLike) -> dict[str, dict[str, Any]]: ...
def theory(
    X: ArrayLike,
    y: ArrayLike,
    eta: Number = ...,
    *,
    reduction: Literal["sum", "mean"] = ...,
    loss: Literal["logistic", "exponential"] = ...,
    gamma: float | None = ...,
    alpha: float | None = ...,
    box: float = ...,
    kappa: float = ...,
    epsilons: Iterable[float] | None = ...,
    support_tol: float = ...,
    t0: float = ...,
    b0: float = ...,
) -> dict[str, Any]: ...
def simulate(
    X: ArrayLike,
    y: ArrayLike,
    eta: float | Literal["stable"] = ...,
    steps: int | None = ...,
    *,
    tests: Mapping[str, tuple[ArrayLike, ArrayLike]] | None = ...,
    theory: Mapping[str, Any] | PathLike | None = ...,
    seed: int = ...,
    progress: bool | Callable[[int, int], object] | None = ...,
    as_frame: bool | None = ...,
    **gd: Any,
) -> tuple[Any, dict[str, Any]]: ...
def write_trajectory(trajectory: Mapping[str, ArrayLike] | Any, path: PathLike) -> None: ...
def integrate_bias(
    t: ArrayLike,
    theory: Mapping[str, Any] | None = ...,
    *,
    A_plus: Number | None = ...,
    A_minus: Number | None = ...,
    eta: Number | None = ...,
    units: Literal["steps", "flow"] = ...,
    t0: float | None = ...,
    b0: float = ...,
    abs_tol: float = ...,
    rel_tol: float = ...,
) -> dict[str, Any]: ...
def integrate_coupled(
    X: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    theory: Mapping[str, Any],
    *,
    t0: float | None = ...,
    b0: float = ...,
    rho0: ArrayLike | None = ...,
    eta: Number | None = ...,
    precision: Literal["double", "50"] = ...,
    abs_tol: float | None = ...,
    rel_tol: float | None = ...,
    estimate_error: bool = ...,
) -> dict[str, Any]: ...
def integrate_flow(
    X: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    eta: float = ...,
    *,
    loss: Literal["logistic", "exponential"] = ...,
    reduction: Literal["sum", "mean"] = ...,
    abs_tol: float = ...,
    rel_tol: float = ...,
    estimate_error: bool = ...,
) -> dict[str, Any]: ...
def check(run: PathLike, only: Iterable[str] | None = ...) -> list[dict[str, Any]]: ...
def pgd_accuracy(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    b: float,
    *,
    eps_adv: float = ...,
    step: float = ...,
    steps: int = ...,
    random_start: bool = ...,
    seed: int = ...,
    clip: tuple[ArrayLike, ArrayLike] | None = ...,
) -> float: ...
def exact_robust_accuracy(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    b: float,
    *,
    eps_adv: float = ...,
    clip: tuple[ArrayLike, ArrayLike] | None = ...,
) -> float: ...
