"""The two figures every run can draw: its path on what it ran on, and its history per step.

A run (:class:`~helpers.descent.DescentResult`) records the objective it ran on, so one function
draws any run's path, a 1-D run on its curve, 2-D runs on contours, regression runs on the
contours of their loss over β, and one draws any run's history: the loss, the gradient's size or
the coefficients against the step. Which figure a run gets follows from what it recorded; nothing
is restated, so a run cannot be drawn on the wrong function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..descent import DescentResult
from ..regression import Regression
from ..validation import check_choice
from .descent import history_figure, plot_path_1d, plot_paths_2d
from .models import plot_beta_trajectory, plot_loss_history, plot_regression_paths

__all__ = ["plot_history", "plot_paths"]

#: What :func:`plot_history` draws against the step.
QUANTITIES = ("loss", "grad", "coefficients")


def _runs(runs: Any, labels: Any) -> tuple[list[DescentResult], Any]:
    """The runs as a list, and their labels: a dict's keys, else ``labels`` as given."""
    if isinstance(runs, Mapping):
        if labels is not None:
            raise ValueError("labels must be None when runs is a dict (its keys are the labels)")
        labels = [str(k) for k in runs]
    items = list(runs.values()) if isinstance(runs, Mapping) else [runs] if isinstance(runs, DescentResult) else runs
    try:
        items = list(items)
    except TypeError:
        raise TypeError(
            f"runs must be a DescentResult, a sequence of them or a dict of them, got {runs!r:.80}"
        ) from None
    for i, r in enumerate(items):
        if not isinstance(r, DescentResult):
            raise TypeError(f"runs[{i}] must be a DescentResult, got {r!r:.80} of type {type(r).__name__}")
    if not items:
        raise ValueError("runs must contain at least one DescentResult, got none")
    return items, labels


def _named(items: list[DescentResult], labels: Any) -> Any:
    """What the regression figures take: ``{label: run}``, or the runs alone (they number them)."""
    if labels is None:
        return items
    labels = [labels] if isinstance(labels, str) else list(labels)
    if len(labels) != len(items):
        raise ValueError(f"labels must have one label per run ({len(items)}), got {len(labels)}")
    return dict(zip(labels, items))


def _regression(runs: list[DescentResult]) -> Regression | None:
    """The regression problem the runs were made on, or None when they are not regression runs."""
    problems = {id(r.objective): r.objective for r in runs if isinstance(r.objective, Regression)}
    if not problems:
        return None
    if len(problems) > 1 or len(problems) != len({id(r.objective) for r in runs}):
        raise ValueError("runs must all be on one regression problem to share its loss contours")
    return next(iter(problems.values()))


def _refuse(figure: str, **options) -> None:
    """An option another kind of figure takes is an error here, not silently ignored."""
    given = [name for name, value in options.items() if value is not None]
    if given:
        raise ValueError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} not used for {figure}: leave it out")


def plot_paths(
    runs: Any,
    f: Any = None,
    *,
    labels: Sequence[str] | None = None,
    ax: Any = None,
    markers: int = 60,
    title: str | None = None,
    extent: Any = None,
):
    """Draw runs on what they ran on: the path of each step, from its start to where it ended.

    * one run on a function of one variable: on its curve, with the steps numbered by arrows;
    * runs on a function of two variables: on its contours, one colour per run;
    * runs on a :class:`~helpers.Regression`: on the contours of its loss over (β₀, β₁), the other
      coefficients held at the minimum, with the minimum X⁺y marked.

    Parameters
    ----------
    runs : DescentResult, sequence of DescentResult or dict of str to DescentResult
        The runs (a dict's keys are their labels). A diverged run shows what it recorded.
    f : Objective or str, optional
        Only for runs of a bare gradient function, which record nothing: the function they
        descended. A run that recorded its objective is drawn on that one (another ``f`` is an error).
    labels : sequence of str, optional
        One legend label per run (default "λ = …").
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    markers : int
        At most this many points of each path carry a marker (functions of one or two variables).
    title : str, optional
        A title of your own (regression runs).
    extent : (float, float, float, float), optional
        The window (β₀ from, to, β₁ from, to) of regression runs; default a square around X⁺y
        holding every start.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from helpers import gradient_descent, objective, plots
    >>> ax = plots.paths(gradient_descent(objective("lecture_quadratic"), 1.5, lr=0.2))
    >>> ax.get_xlabel()
    'x'
    """
    items, labels = _runs(runs, labels)
    problem = _regression(items)
    if problem is not None:
        _refuse("regression runs", f=f)
        return plot_regression_paths(
            problem.X, problem.y, _named(items, labels), objective=problem.objective, extent=extent, ax=ax, title=title
        )
    _refuse("runs on a function", title=title, extent=extent)
    if items[0].path.ndim == 1:
        if len(items) != 1:
            raise ValueError(f"runs on a function of one variable are drawn one per axes, got {len(items)}")
        if labels is not None:
            raise ValueError("labels is for several runs; a run of one variable is titled by its outcome")
        return plot_path_1d(items[0], f, ax=ax, markers=markers)
    return plot_paths_2d(items, f, labels=labels, ax=ax, markers=markers)


def plot_history(
    runs: Any,
    *,
    quantity: str = "loss",
    labels: Sequence[str] | None = None,
    log: bool | None = None,
    ax: Any = None,
    title: str | None = None,
    target: Any = None,
    names: Sequence[str] | None = None,
):
    """Draw what runs recorded at each step: the loss, the gradient's size or the coefficients.

    Training runs (:meth:`helpers.nn.MLP.train`) are drawn against the epoch: their cross-entropy,
    or the norm of each epoch's gradient.

    Parameters
    ----------
    runs : DescentResult, sequence of DescentResult or dict of str to DescentResult
        The runs (a dict's keys are their labels); a diverged run's curve ends with a cross.
    quantity : {"loss", "grad", "coefficients"}
        ``"loss"`` f(x_k) (the loss L(β_k) of regression runs), ``"grad"`` |f'(x_k)| or
        ‖∇f(x_k)‖ (with ε dashed), ``"coefficients"`` each coordinate of one run's path, e.g.
        each β_k of a regression.
    labels : sequence of str, optional
        One legend label per run (default "λ = …").
    log : bool, optional
        A log y axis; by default when the values are positive and span two decades or more
        (always for ``"grad"``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        A title of your own.
    target, names : optional
        ``"coefficients"`` only: the values the coefficients should reach (dashed, e.g. X⁺y) and one
        name per coefficient.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from helpers import gradient_descent, objective, plots
    >>> runs = [gradient_descent(objective("lecture_quadratic"), 1.5, lr=lr) for lr in (0.1, 0.3)]
    >>> plots.history(runs, quantity="grad").get_xlabel()
    'step k'
    """
    quantity = check_choice("quantity", quantity, QUANTITIES)
    items, labels = _runs(runs, labels)
    if quantity == "coefficients":
        _refuse("quantity='coefficients'", labels=labels, log=log)
        if len(items) != 1:
            raise ValueError(f"quantity='coefficients' draws one run's coefficients, got {len(items)} runs")
        return plot_beta_trajectory(items[0], target=target, names=names, ax=ax, title=title, xlabel="step t")
    _refuse(f"quantity={quantity!r}", target=target, names=names)
    if quantity == "loss" and _regression(items) is not None:
        return plot_loss_history(_named(items, labels), log=log, ax=ax, title=title)
    ax = history_figure(items, quantity=quantity, labels=labels, log=log, ax=ax)
    if title is not None:
        ax.set_title(title)
    return ax
