"""Neural networks in numpy: activations, softmax, cross-entropy, and an MLP trained by backpropagation.

The lecture's notation, with rows as examples (X is n×d):

* a linear layer maps d inputs to p outputs, O = XW + b with W of shape d×p;
* a hidden layer ℓ computes Z⁽ℓ⁾ = H⁽ℓ⁻¹⁾W⁽ℓ⁾ + b⁽ℓ⁾ and H⁽ℓ⁾ = σ(Z⁽ℓ⁾), with H⁽⁰⁾ = X;
* the last layer has no activation: its Z are the logits O, and softmax(O) the class probabilities;
* training minimises the mean cross-entropy of softmax(O) against the labels, by gradient descent
  with the gradients that backpropagation computes from the top layer down.

Every activation's derivative is written as a function of the pre-activation x (``sigmoid_grad(x)``
is σ'(x), not σ'(σ(x))), because backpropagation multiplies by σ'(Z⁽ℓ⁾).

The scalar autodiff engine of notebook 09 is here too: ``nn.Value`` and ``nn.trace`` (its graph,
from :mod:`helpers.autodiff`), so the notebooks reach every network name through ``nn``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np

from .autodiff import Value, trace
from .descent import DIVERGENCE_LIMIT, DescentResult
from .sgd import _descend
from .validation import (
    MAX_ELEMENTS,
    MAX_STEPS,
    MAX_WORK,
    _show,
    check_array,
    check_choice,
    check_int,
    check_limit,
    check_real,
)

__all__ = [
    "ACTIVATIONS",
    "MAX_EPOCHS",
    "MLP",
    "ForwardCache",
    "TrainingObjective",
    "Value",
    "argmax_one_hot",
    "cache_nbytes",
    "cross_entropy",
    "cross_entropy_grad",
    "gradient_check",
    "identity",
    "identity_grad",
    "linear",
    "one_hot",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "softmax_naive",
    "tanh",
    "tanh_grad",
    "trace",
]

ArrayOrFloat = Any  # a float for scalar input, an ndarray otherwise
_Params = list[tuple[np.ndarray, np.ndarray]]  # (W, b) per layer

#: Most epochs one :meth:`MLP.train` call runs. An epoch costs at least a forward and backward pass
#: and a full evaluation (about 0.3 ms for the smallest network), so this is half a minute at most;
#: the notebooks train for at most 800 epochs and the explorer for 1000.
MAX_EPOCHS = 100_000


# --- activations -------------------------------------------------------------------------------
# The private versions skip validation: the MLP calls them thousands of times on arrays it built.


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # exp(-|x|) never overflows; the two algebraically equal forms cover x >= 0 and x < 0.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_grad(x: np.ndarray) -> np.ndarray:
    s = _sigmoid(x)
    return s * (1.0 - s)


def _tanh_grad(x: np.ndarray) -> np.ndarray:
    # (1 − t)(1 + t) rather than 1 − t²: the lecture's form, and more accurate where t is near ±1.
    t = np.tanh(x)
    return (1.0 - t) * (1.0 + t)


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def _relu_grad(x: np.ndarray) -> np.ndarray:
    return (x > 0).astype(float)


def _identity(x: np.ndarray) -> np.ndarray:
    return x


def _identity_grad(x: np.ndarray) -> np.ndarray:
    return np.ones_like(x)


_ACT: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "tanh": (np.tanh, _tanh_grad),
    "relu": (_relu, _relu_grad),
    "identity": (_identity, _identity_grad),
}


def _elementwise(name: str, fn: Callable, x: Any) -> ArrayOrFloat:
    arr = check_array(name, x)
    out = fn(arr)
    return float(out) if arr.ndim == 0 else out


def sigmoid(x: Any) -> ArrayOrFloat:
    """The logistic sigmoid σ(x) = 1/(1 + e^{−x}), coordinate by coordinate.

    Computed without overflow for any finite x (``sigmoid(-1000)`` is 0.0 with no warning).

    Parameters
    ----------
    x : float or array_like
        Finite numbers.

    Returns
    -------
    float or ndarray
        A float for a scalar ``x``, else an array of the same shape, with values in [0, 1].
    """
    return _elementwise("x", _sigmoid, x)


def sigmoid_grad(x: Any) -> ArrayOrFloat:
    """The derivative σ'(x) = σ(x)(1 − σ(x)) at the pre-activation ``x``; at most 1/4, at x = 0."""
    return _elementwise("x", _sigmoid_grad, x)


def tanh(x: Any) -> ArrayOrFloat:
    """The hyperbolic tangent (eˣ − e^{−x})/(eˣ + e^{−x}), with values in [−1, 1]."""
    return _elementwise("x", np.tanh, x)


def tanh_grad(x: Any) -> ArrayOrFloat:
    """The derivative tanh'(x) = (1 − tanh x)(1 + tanh x); ``tanh_grad(0) == 1`` (the lecture's quiz)."""
    return _elementwise("x", _tanh_grad, x)


def relu(x: Any) -> ArrayOrFloat:
    """ReLU(x) = max{0, x}; ``relu(-3.14) == 0`` (the lecture's quiz)."""
    return _elementwise("x", _relu, x)


def relu_grad(x: Any) -> ArrayOrFloat:
    """The derivative of ReLU: 1 for x > 0, 0 for x < 0.

    ReLU has no derivative at 0; by convention (as in PyTorch) ``relu_grad(0) == 0``.
    """
    return _elementwise("x", _relu_grad, x)


def identity(x: Any) -> ArrayOrFloat:
    """No activation, σ(x) = x: with it a deep network is still a linear model."""
    return _elementwise("x", _identity, x)


def identity_grad(x: Any) -> ArrayOrFloat:
    """The derivative of the identity: 1 everywhere."""
    return _elementwise("x", _identity_grad, x)


#: name -> (σ, σ'), each taking the pre-activation x.
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "identity": (identity, identity_grad),
}


# --- softmax, one-hot, cross-entropy ----------------------------------------------------------


def _check_axis(axis: Any, ndim: int) -> int:
    axis = check_int("axis", axis, low=-ndim, high=ndim - 1)
    return axis % ndim


def _softmax(o: np.ndarray, axis: int = -1) -> np.ndarray:
    # softmax(o) = softmax(o − c) for any c; c = max o makes every exponent ≤ 0, so exp cannot overflow.
    e = np.exp(o - o.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax(o: Any, axis: int = -1) -> np.ndarray:
    """softmax(o)_i = exp(o_i) / Σ_k exp(o_k) along ``axis``, computed stably (max subtracted).

    Parameters
    ----------
    o : array_like
        Finite scores (logits), at least 1-D, non-empty along ``axis``.
    axis : int
        The axis that holds the classes; default the last (one row per example).

    Returns
    -------
    ndarray
        Probabilities of the same shape as ``o``, summing to 1 along ``axis``.

    Examples
    --------
    >>> softmax([1, 2, 0]).round(4)
    array([0.2447, 0.6652, 0.09  ])
    """
    arr = check_array("o", o)
    if arr.ndim == 0:
        raise ValueError(f"o must be at least 1-D (a vector of scores), got {_show(o)}")
    ax = _check_axis(axis, arr.ndim)
    if arr.shape[ax] == 0:
        raise ValueError(f"o must have at least one score along axis {axis}, got shape {arr.shape}")
    return _softmax(arr, ax)


def softmax_naive(o: Any, axis: int = -1) -> np.ndarray:
    """The textbook softmax exp(o) / Σ exp(o), without subtracting the max: for the overflow demonstration.

    ``softmax_naive([1000, 0])`` is ``[nan, 0.]`` (exp(1000) overflows to inf, and inf/inf is nan),
    exactly what numpy computes, but without numpy's RuntimeWarnings: the nan *is* the lesson.
    Use :func:`softmax` for real work.

    Parameters and shapes are those of :func:`softmax`.
    """
    arr = check_array("o", o)
    if arr.ndim == 0:
        raise ValueError(f"o must be at least 1-D (a vector of scores), got {_show(o)}")
    ax = _check_axis(axis, arr.ndim)
    with np.errstate(over="ignore", invalid="ignore", under="ignore", divide="ignore"):
        e = np.exp(arr)
        return e / e.sum(axis=ax, keepdims=True)


def _check_labels(name: str, labels: Any, num_classes: int | None = None) -> np.ndarray:
    """Labels as a 1-D int array in [0, num_classes); integer-valued floats are accepted."""
    try:
        arr = np.asarray(labels)
    except Exception:  # ragged lists, or an object whose __array__ raises
        raise TypeError(f"{name} must be integer class labels 0, 1, 2, …, got {_show(labels)}") from None
    # Floats are cast only when they are whole numbers that int64 holds exactly (1e200 is not a label).
    if arr.dtype.kind == "f" and arr.size and np.all(np.abs(arr) < 2**53) and np.all(arr == np.round(arr)):
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be integer class labels 0, 1, 2, …, got {_show(labels)}")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of class labels, got shape {arr.shape}")
    low, high = int(arr.min()), int(arr.max())
    if low < 0:
        raise ValueError(f"{name} must be class labels >= 0, got {low}")
    if high > MAX_ELEMENTS:  # a class per column of one-hot rows: more columns than any array may hold
        raise ValueError(f"{name} must be class labels below {MAX_ELEMENTS:,}, got {high}")
    if num_classes is not None and high >= num_classes:
        raise ValueError(f"{name} must be class labels in [0, {num_classes - 1}] ({num_classes} classes), got {high}")
    return arr.astype(np.int64, copy=False)


def one_hot(labels: Any, num_classes: int | None = None) -> np.ndarray:
    """One row per label, with a 1 in the label's column and 0 elsewhere.

    Parameters
    ----------
    labels : array_like of int
        Class labels 0, 1, …, a non-empty 1-D array.
    num_classes : int, optional
        The number of columns; default ``max(labels) + 1``.

    Returns
    -------
    ndarray
        Shape ``(len(labels), num_classes)``, float.

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    if num_classes is not None:
        num_classes = check_int("num_classes", num_classes, low=1)
    y = _check_labels("labels", labels, num_classes)
    p = int(y.max()) + 1 if num_classes is None else num_classes
    check_limit("len(labels) × num_classes", y.size * p, MAX_ELEMENTS, "use fewer labels or classes")
    out = np.zeros((y.size, p))
    out[np.arange(y.size), y] = 1.0
    return out


def argmax_one_hot(o: Any) -> np.ndarray:
    """The one-hot vector of each row's arg max: the class a classifier predicts.

    softmax is increasing in every coordinate, so ``argmax_one_hot(softmax(o)) == argmax_one_hot(o)``:
    prediction does not need softmax, training does. Ties go to the first maximal column.

    Parameters
    ----------
    o : array_like
        Scores, a vector (one example) or a matrix (one row per example).

    Returns
    -------
    ndarray
        Same shape as ``o``.
    """
    arr = check_array("o", o, ndim=(1, 2))
    if arr.shape[-1] == 0:
        raise ValueError(f"o must have at least one column, got shape {arr.shape}")
    rows = np.atleast_2d(arr)
    out = np.zeros_like(rows)
    out[np.arange(rows.shape[0]), rows.argmax(axis=1)] = 1.0
    return out.reshape(arr.shape)


def _check_logits_labels(logits: Any, labels: Any) -> tuple[np.ndarray, np.ndarray]:
    o = check_array("logits", logits, ndim=2)
    if o.shape[1] == 0:
        raise ValueError(f"logits must have at least one column (class), got shape {o.shape}")
    y = _check_labels("labels", labels, o.shape[1])
    if y.size != o.shape[0]:
        raise ValueError(f"labels must have one entry per row of logits ({o.shape[0]}), got {y.size}")
    return o, y


def _cross_entropy(o: np.ndarray, y: np.ndarray) -> float:
    # −log softmax(o)_y = logsumexp(o) − o_y, with the max taken out of the exp as in softmax.
    m = o.max(axis=1)
    logsumexp = m + np.log(np.exp(o - m[:, None]).sum(axis=1))
    return float(np.mean(logsumexp - o[np.arange(y.size), y]))


def _cross_entropy_grad(o: np.ndarray, y: np.ndarray) -> np.ndarray:
    g = _softmax(o, 1)
    g[np.arange(y.size), y] -= 1.0
    return g / y.size


def cross_entropy(logits: Any, labels: Any) -> float:
    """Mean cross-entropy L = −(1/n) Σ_i log softmax(o_i)_{y_i}, computed from the logits.

    Going through log-sum-exp instead of ``log(softmax(o))`` keeps it finite when a probability
    underflows to 0 (e.g. logits [0, 1000] with label 0 give 1000, not inf).

    Parameters
    ----------
    logits : array_like
        Scores O, shape (n, p): one row per example, one column per class.
    labels : array_like of int
        The true classes y_i in [0, p), length n.

    Returns
    -------
    float
    """
    return _cross_entropy(*_check_logits_labels(logits, labels))


def cross_entropy_grad(logits: Any, labels: Any) -> np.ndarray:
    """∂L/∂O = (softmax(O) − Y)/n for the mean cross-entropy, Y the one-hot labels.

    This is where backpropagation starts. Parameters are those of :func:`cross_entropy`;
    the result has the shape of ``logits``.
    """
    return _cross_entropy_grad(*_check_logits_labels(logits, labels))


def linear(X: Any, W: Any, b: Any) -> np.ndarray:
    """The linear model O = XW + b: d inputs to p outputs for each of the n rows of X.

    Parameters
    ----------
    X : array_like
        Data, shape (n, d).
    W : array_like
        Weights, shape (d, p).
    b : array_like
        Bias, shape (p,) (or (1, p)); added to every row.

    Returns
    -------
    ndarray
        Shape (n, p).
    """
    X = check_array("X", X, ndim=2)
    W = check_array("W", W, ndim=2)
    b = check_array("b", b, ndim=(1, 2))
    if X.shape[1] != W.shape[0]:
        raise ValueError(f"W must have one row per column of X ({X.shape[1]}), got shape {W.shape}")
    if b.shape not in ((W.shape[1],), (1, W.shape[1])):
        raise ValueError(f"b must have shape ({W.shape[1]},), one entry per column of W, got shape {b.shape}")
    check_limit("rows of X × columns of W (the size of O)", X.shape[0] * W.shape[1], MAX_ELEMENTS, "use fewer rows")
    return X @ W + b.reshape(-1)


# --- the multilayer perceptron -----------------------------------------------------------------


@dataclass(frozen=True)
class ForwardCache:
    """What a forward pass keeps for backpropagation.

    For a network of L layers (numbered 0 … L−1 here):

    Attributes
    ----------
    H : list of ndarray
        Each layer's input: ``H[0]`` is X, ``H[i] = σ(Z[i-1])``. Backprop needs them for ∂L/∂W.
    Z : list of ndarray
        Each layer's pre-activation ``Z[i] = H[i] @ W[i] + b[i]``; ``Z[-1]`` are the logits.
        Backprop needs them for σ'(Z).
    """

    H: list
    Z: list

    @property
    def batch_size(self) -> int:
        return int(self.H[0].shape[0])


def cache_nbytes(cache: ForwardCache) -> int:
    """Bytes of activations a forward pass keeps for backpropagation (every H and Z, X included).

    Inference keeps none of them (see :meth:`MLP.inference_nbytes`); this is the extra memory of
    training, and it grows with the batch size and the depth.
    """
    if not isinstance(cache, ForwardCache):
        raise TypeError(f"cache must be the ForwardCache returned by MLP.forward, got {type(cache).__name__}")
    return int(sum(a.nbytes for a in cache.H) + sum(a.nbytes for a in cache.Z))


def _flatten(params: Sequence[tuple[np.ndarray, np.ndarray]], out: np.ndarray | None = None) -> np.ndarray:
    """The parameter vector θ: W⁽¹⁾ row by row, then b⁽¹⁾, then W⁽²⁾, b⁽²⁾, … (into ``out`` if given)."""
    return np.concatenate([a.reshape(-1) for W, b in params for a in (W, b)], out=out)


def _unflatten(sizes: Sequence[int], theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (W, b) pairs of a network of these widths, as views of the vector θ (see :func:`_flatten`)."""
    params, at = [], 0
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        W = theta[at : at + fan_in * fan_out].reshape(fan_in, fan_out)
        at += fan_in * fan_out
        params.append((W, theta[at : at + fan_out]))
        at += fan_out
    return params


class MLP:
    """A multilayer perceptron classifier: hidden layers H = σ(HW + b), then logits O = HW + b.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output, e.g. ``[2, 16, 16, 3]``: 2 inputs, two hidden layers of 16,
        3 classes. ``[d, p]`` (no hidden layer) is the linear softmax classifier.
    activation : {"relu", "tanh", "sigmoid", "identity"}
        σ, used by every hidden layer.
    seed : int
        Seeds the weight initialisation: He (std √(2/fan_in)) for ReLU, Xavier/Glorot
        (std √(2/(fan_in + fan_out))) otherwise, both so that activations keep their scale
        from layer to layer. Biases start at 0.

    Attributes
    ----------
    params : list of (W, b)
        ``W`` of shape (sizes[i], sizes[i+1]) and ``b`` of shape (sizes[i+1],), float64.
        :meth:`step` updates these arrays in place.

    Examples
    --------
    >>> net = MLP([2, 16, 16, 3], "relu", seed=0)
    >>> net.n_parameters
    371
    """

    def __init__(self, sizes: Sequence[int], activation: str = "relu", *, seed: int = 0) -> None:
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (Sequence, np.ndarray)):
            raise TypeError(f"sizes must be a sequence of layer widths such as [2, 16, 3], got {_show(sizes)}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least 2 widths (inputs and outputs), got {_show(sizes)}")
        self.sizes = [check_int(f"sizes[{i}]", s, low=1) for i, s in enumerate(sizes)]
        self.activation = check_choice("activation", activation, _ACT)
        self.seed = check_int("seed", seed, low=0)
        self._act, self._act_grad = _ACT[activation]
        # Counted in Python ints before anything is allocated: MLP([10**5, 10**5]) would need 80 GB.
        n_params = sum((fan_in + 1) * fan_out for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:]))
        check_limit("the number of parameters", n_params, MAX_ELEMENTS, "use fewer or narrower layers")

        rng = np.random.default_rng(self.seed)
        self.params: list[tuple[np.ndarray, np.ndarray]] = []
        for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:]):
            var = 2.0 / fan_in if activation == "relu" else 2.0 / (fan_in + fan_out)
            W = rng.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
            self.params.append((W, np.zeros(fan_out)))

    def __repr__(self) -> str:
        return f"MLP({self.sizes}, {self.activation!r}, seed={self.seed})"

    @property
    def n_layers(self) -> int:
        """Number of linear layers (hidden layers + the output layer)."""
        return len(self.params)

    @property
    def n_parameters(self) -> int:
        """Number of trainable numbers, Σ (fan_in + 1)·fan_out."""
        return sum(W.size + b.size for W, b in self.params)

    # -- checks --

    def _check_X(self, X: Any) -> np.ndarray:
        X = check_array("X", X, ndim=2, min_rows=1)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have {self.sizes[0]} columns (the network's inputs), got shape {X.shape}")
        # A forward pass with cache keeps every layer's activations: rows × Σ widths numbers (twice).
        check_limit(
            "rows of X × the sum of the layer widths", X.shape[0] * sum(self.sizes), MAX_ELEMENTS, "pass fewer rows"
        )
        return X

    def _check_Xy(self, X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        X = self._check_X(X)
        y = _check_labels("y", y, self.sizes[-1])
        if y.size != X.shape[0]:
            raise ValueError(f"y must have one label per row of X ({X.shape[0]}), got {y.size}")
        return X, y

    # -- forward and backward --

    # ``params`` (default: the network's own) lets TrainingObjective evaluate any parameter vector.
    @overload
    def _forward(
        self, X: np.ndarray, keep_cache: Literal[True], params: _Params | None = None
    ) -> tuple[np.ndarray, ForwardCache]: ...
    @overload
    def _forward(
        self, X: np.ndarray, keep_cache: bool, params: _Params | None = None
    ) -> tuple[np.ndarray, ForwardCache | None]: ...
    def _forward(
        self, X: np.ndarray, keep_cache: bool, params: _Params | None = None
    ) -> tuple[np.ndarray, ForwardCache | None]:
        H, Zs, Hs = X, [], []
        for i, (W, b) in enumerate(self.params if params is None else params):
            Z = H @ W + b
            if keep_cache:
                Hs.append(H)
                Zs.append(Z)
            if i < self.n_layers - 1:
                H = self._act(Z)
        # Without the cache every H and Z is dropped as soon as the next layer has used it.
        return Z, (ForwardCache(H=Hs, Z=Zs) if keep_cache else None)

    def forward(self, X: Any, keep_cache: bool = True) -> tuple[np.ndarray, ForwardCache | None]:
        """Forward propagation: compute layer 1, then 2, …, up to the logits.

        Parameters
        ----------
        X : array_like
            Inputs, shape (n, sizes[0]).
        keep_cache : bool
            Keep every layer's Z and H for :meth:`backward` (training); ``False`` for inference.

        Returns
        -------
        logits : ndarray
            Shape (n, sizes[-1]).
        cache : ForwardCache or None
        """
        return self._forward(self._check_X(X), bool(keep_cache))

    def _backward(self, cache: ForwardCache, y: np.ndarray, params: _Params | None = None) -> _Params:
        params = self.params if params is None else params
        grads: list = [None] * self.n_layers
        dZ = _cross_entropy_grad(cache.Z[-1], y)  # ∂L/∂O = (softmax(O) − Y)/n
        for i in reversed(range(self.n_layers)):
            W, _ = params[i]
            # Z = HW + b, so ∂L/∂W = Hᵀ ∂L/∂Z, and b is added to every row, so ∂L/∂b sums the rows.
            grads[i] = (cache.H[i].T @ dZ, dZ.sum(axis=0))
            if i > 0:
                dH = dZ @ W.T  # ∂L/∂H: the chain rule through Z = HW + b
                dZ = dH * self._act_grad(cache.Z[i - 1])  # through H = σ(Z), coordinate by coordinate
        return grads

    def backward(self, cache: ForwardCache, y: Any) -> list[tuple[np.ndarray, np.ndarray]]:
        """Backpropagation: the gradients of the mean cross-entropy, from the top layer down.

        With δ = ∂L/∂Z for the current layer, starting from δ = (softmax(O) − Y)/n at the top:
        ∂L/∂W = Hᵀδ, ∂L/∂b = Σ_rows δ, and one layer down δ ← (δWᵀ) ⊙ σ'(Z).

        Parameters
        ----------
        cache : ForwardCache
            From ``forward(X, keep_cache=True)``, with the current parameters.
        y : array_like of int
            Labels of the rows of X, in [0, sizes[-1]).

        Returns
        -------
        list of (dW, db)
            One pair per layer, shaped like :attr:`params`.
        """
        if not isinstance(cache, ForwardCache):
            raise TypeError(
                f"cache must be the ForwardCache returned by forward(X, keep_cache=True), got {_show(cache)}"
            )
        if len(cache.Z) != self.n_layers or cache.H[0].shape[1] != self.sizes[0]:
            raise ValueError("cache must come from this network's forward pass (its layers do not match)")
        y = _check_labels("y", y, self.sizes[-1])
        if y.size != cache.batch_size:
            raise ValueError(f"y must have one label per row of the cached batch ({cache.batch_size}), got {y.size}")
        return self._backward(cache, y)

    def _step(self, grads: list, lr: float) -> None:
        for (W, b), (dW, db) in zip(self.params, grads):
            W -= lr * dW
            b -= lr * db

    def step(self, grads: list[tuple[np.ndarray, np.ndarray]], lr: float) -> None:
        """One gradient descent update, W ← W − λ ∂L/∂W and b ← b − λ ∂L/∂b, in place.

        Parameters
        ----------
        grads : list of (dW, db)
            From :meth:`backward`.
        lr : float
            The learning rate λ > 0.
        """
        lr = check_real("lr", lr, low=0.0, low_inclusive=False)
        if not isinstance(grads, Sequence) or len(grads) != self.n_layers:
            raise ValueError(f"grads must be a list of {self.n_layers} (dW, db) pairs, as backward returns")
        checked = []
        for i, ((W, b), pair) in enumerate(zip(self.params, grads)):
            try:
                dW, db = pair
            except Exception:  # not a pair, or an object that cannot be unpacked
                raise ValueError(f"grads[{i}] must be a pair (dW, db), got {_show(pair)}") from None
            dW, db = check_array(f"grads[{i}][0]", dW), check_array(f"grads[{i}][1]", db)
            if dW.shape != W.shape or db.shape != b.shape:
                raise ValueError(
                    f"grads[{i}] must have shapes {W.shape} and {b.shape} (those of params[{i}]), "
                    f"got {dW.shape} and {db.shape}"
                )
            checked.append((dW, db))
        self._step(checked, lr)

    # -- loss and prediction --

    def loss(self, X: Any, y: Any) -> float:
        """The mean cross-entropy of the network on (X, y)."""
        X, y = self._check_Xy(X, y)
        return _cross_entropy(self._forward(X, False)[0], y)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities softmax(O), shape (n, sizes[-1])."""
        return _softmax(self._forward(self._check_X(X), False)[0], 1)

    def predict(self, X: Any) -> np.ndarray:
        """The predicted class of each row: the arg max of the logits (softmax is not needed)."""
        return self._forward(self._check_X(X), False)[0].argmax(axis=1)

    def accuracy(self, X: Any, y: Any) -> float:
        """The fraction of rows whose predicted class equals the label."""
        X, y = self._check_Xy(X, y)
        return float(np.mean(self._forward(X, False)[0].argmax(axis=1) == y))

    def inference_nbytes(self, batch_size: int) -> int:
        """Bytes of activations a forward pass without cache needs at its peak, for ``batch_size`` rows.

        Inference only holds one layer's input and output at a time: the widest consecutive pair
        of widths. Compare with :func:`cache_nbytes`, which keeps them all.
        """
        n = check_int("batch_size", batch_size, low=1)
        widest = max(a + b for a, b in zip(self.sizes[:-1], self.sizes[1:]))
        return n * widest * np.dtype(float).itemsize

    # -- training --

    def train(
        self,
        X: Any,
        y: Any,
        *,
        lr: float,
        epochs: int,
        batch_size: int | None = None,
        seed: int = 0,
    ) -> DescentResult:
        """Train by (minibatch) gradient descent on the mean cross-entropy.

        Each epoch visits every example once: as one batch (``batch_size=None``), or in a
        fresh random order, ``batch_size`` rows per update. The loop is the course's one minibatch
        loop, the one SGD on a regression runs (:mod:`helpers.sgd`), on the parameter vector θ.

        Parameters
        ----------
        X : array_like
            Inputs, shape (n, sizes[0]).
        y : array_like of int
            Labels in [0, sizes[-1]), length n.
        lr : float
            The learning rate λ > 0.
        epochs : int
            Passes over the data, at least 1.
        batch_size : int, optional
            Rows per update, in [1, n]; ``None`` for the full batch.
        seed : int
            Seeds the shuffling of minibatches.

        Returns
        -------
        DescentResult
            The run, like every descent of the course (``kind="training"``), recorded once per epoch
            for k = 0 (the untrained network) … the epochs done:

            * ``values``: the mean cross-entropy on all of (X, y) after k epochs, shape (k + 1,);
            * ``extra["accuracy"]``: the accuracy on (X, y) after k epochs, shape (k + 1,);
            * ``path``: the parameters θ after k epochs as one vector (W⁽¹⁾ row by row, b⁽¹⁾, W⁽²⁾, …),
              shape (k + 1, n_parameters): ``run.x`` is the trained network's θ;
            * ``grad_norms``: one per epoch, shape (k,): the norm ‖∇L(θ_k)‖ of epoch k + 1's gradient
              with the full batch; with minibatches, the mean over the epoch's updates of each
              minibatch gradient's norm (as in SGD on a regression recorded per epoch);
            * ``steps``: the parameter updates made, epochs × ⌈n / batch_size⌉ (``max_steps``: those
              asked for); ``lr``; ``eps`` is None (a fixed number of epochs);
            * ``status``: "finished", or "diverged" (rather than an exception or NaNs) when the loss,
              the norm of θ or of a gradient stopped being finite or exceeded 1e12; then
              ``diverged_at`` is that *epoch*, it was undone, and the network keeps the parameters of
              epoch ``diverged_at - 1``: every recorded number is finite;
            * ``extra["batch_size"]``: rows per update (n for the full batch), and
              ``extra["batches_per_epoch"]``;
            * ``objective``: the :class:`TrainingObjective` (this network, X and y) it minimised;
            * ``message``: e.g. "trained 300 epochs (300 updates): loss 0.0810, accuracy 97.5%".

        Examples
        --------
        >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
        >>> run = MLP([2, 4, 2], seed=0).train(X, y, lr=0.5, epochs=100)
        >>> run.message
        'trained 100 epochs (100 updates): loss 0.0026, accuracy 100.0%'
        >>> run.values.shape, run.path.shape, run.grad_norms.shape
        ((101,), (101, 22), (100,))
        """
        X, y = self._check_Xy(X, y)
        lr = check_real("lr", lr, low=0.0, low_inclusive=False)
        epochs = check_int("epochs", epochs, low=1, high=MAX_EPOCHS)
        n = X.shape[0]
        if batch_size is not None:
            batch_size = check_int("batch_size", batch_size, low=1, high=n)
        batches = 1 if batch_size is None else -(-n // batch_size)
        check_limit(
            "epochs × batches per epoch (the updates)",
            epochs * batches,
            MAX_STEPS,
            "train for fewer epochs or use larger batches",
        )
        # Each epoch is a forward and a backward pass over the n rows, then an evaluation pass.
        check_limit(
            "epochs × rows × parameters (the arithmetic)", epochs * n * self.n_parameters, MAX_WORK,
            "train for fewer epochs, on fewer rows or a smaller network",
        )  # fmt: skip
        # The path keeps every parameter after every epoch.
        check_limit(
            "(epochs + 1) × parameters (the numbers in the path)", (epochs + 1) * self.n_parameters, MAX_ELEMENTS,
            "train for fewer epochs or a smaller network",
        )  # fmt: skip
        seed = check_int("seed", seed, low=0)
        with np.errstate(all="ignore"):
            start_logits = self._forward(X, False)[0]
            untrained = _cross_entropy(start_logits, y)
        if not (math.isfinite(untrained) and untrained <= DIVERGENCE_LIMIT):
            raise ValueError(
                f"the untrained network's loss on X is {untrained:g}: X (largest |x| = {np.abs(X).max():g}) "
                "is too large for float64 arithmetic; standardise it first"
            )

        # The loop moves one parameter vector θ; the network computes with views of it (no copies).
        params = self.params

        def load(theta: np.ndarray) -> None:
            self.params = _unflatten(self.sizes, theta)

        def epoch_grad(order: np.ndarray):
            # The full batch is X itself, every epoch; minibatches are blocks of a fresh shuffle.
            Xe, ye = (X, y) if batch_size is None else (X[order], y[order])

            def block_grad(theta: np.ndarray, lo: int, hi: int) -> np.ndarray:
                load(theta)
                return _flatten(self._backward(self._forward(Xe[lo:hi], True)[1], ye[lo:hi]))

            return block_grad

        accuracy: list[float] = []

        def loss(theta: np.ndarray) -> float:
            """The mean cross-entropy on all of (X, y), with the accuracy kept beside it (one forward pass)."""
            if accuracy:
                load(theta)
                logits = self._forward(X, False)[0]
            else:  # θ₀, the untrained network, evaluated above
                logits = start_logits
            accuracy.append(float(np.mean(logits.argmax(axis=1) == y)))
            value = _cross_entropy(logits, y)
            return value if value <= DIVERGENCE_LIMIT else math.inf  # the loop reads inf as divergence

        # The course's one descent loop, fed minibatches by helpers.sgd as for a regression, recorded per epoch.
        try:
            run = _descend(epoch_grad, _flatten(params), n, lr=lr, batch_size=batch_size or n, epochs=epochs,
                           seed=seed, loss=loss, record="epoch", step_losses=False)  # fmt: skip
        finally:
            self.params = params
        # An epoch that blew up is undone: the network keeps the parameters of the last epoch recorded.
        for (W, b), (W_, b_) in zip(params, _unflatten(self.sizes, run.path[-1])):
            np.copyto(W, W_)
            np.copyto(b, b_)
        done = len(run.path) - 1
        return DescentResult(
            path=run.path,
            grad_norms=run.grad_norms,
            values=run.values,
            steps=done * batches,
            status=run.status,
            lr=lr,
            eps=None,
            max_steps=epochs * batches,
            diverged_at=done + 1 if run.diverged else None,
            extra={
                "accuracy": np.array(accuracy[: done + 1], dtype=float),
                "batch_size": n if batch_size is None else batch_size,
                "batches_per_epoch": batches,
            },
            objective=TrainingObjective(self, X, y),
            kind="training",
        )


@dataclass(frozen=True, repr=False, eq=False)
class TrainingObjective:
    """What :meth:`MLP.train` minimised: the mean cross-entropy L(θ) of a network on its data.

    θ is every parameter of the network in one vector: W⁽¹⁾ row by row, then b⁽¹⁾, then W⁽²⁾, b⁽²⁾, …
    (the order of :func:`gradient_check`); a training run's ``path`` holds θ after each epoch. Like
    an :class:`~helpers.functions.Objective` or a :class:`~helpers.regression.Regression`, it has
    ``f`` and ``grad``, so ``run.objective.f(run.path[k]) == run.values[k]``, and
    ``gradient_descent(run.objective, run.path[0], lr=run.lr, eps=None, steps=…)`` repeats a
    full-batch training in the course's one loop.

    Attributes
    ----------
    network : MLP
        The network trained: its widths and activation define L. ``f`` and ``grad`` read θ, never the
        network's current parameters (which are those after training, or later trainings).
    X : ndarray
        The inputs it was trained on, shape (n, sizes[0]): the array given to :meth:`MLP.train`
        (as float64), not a copy.
    y : ndarray of int
        Their labels, shape (n,).

    Examples
    --------
    >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
    >>> run = MLP([2, 2], seed=0).train(X, y, lr=0.5, epochs=3)
    >>> run.objective
    TrainingObjective(MLP([2, 2], 'relu', seed=0), 2 rows)
    >>> bool(run.objective.f(run.path[3]) == run.values[3])
    True
    """

    network: MLP
    X: np.ndarray
    y: np.ndarray

    @property
    def label(self) -> str:
        return "mean cross-entropy L(θ)"

    def _theta(self, theta: Any) -> np.ndarray:
        theta = check_array("theta", theta, ndim=1)
        P = self.network.n_parameters
        if theta.size != P:
            raise ValueError(f"theta must hold the network's {P} parameters, got {theta.size}")
        return theta

    def f(self, theta: Any) -> float:
        """L(θ): the mean cross-entropy on (X, y) of the network with parameters θ."""
        params = _unflatten(self.network.sizes, self._theta(theta))
        return _cross_entropy(self.network._forward(self.X, False, params)[0], self.y)

    def grad(self, theta: Any) -> np.ndarray:
        """∇L(θ) by backpropagation on all rows, in the order of θ."""
        net = self.network
        params = _unflatten(net.sizes, self._theta(theta))
        return _flatten(net._backward(net._forward(self.X, True, params)[1], self.y, params))

    def __repr__(self) -> str:
        return f"TrainingObjective({self.network!r}, {self.X.shape[0]} rows)"


def gradient_check(mlp: MLP, X: Any, y: Any, *, h: float = 1e-6) -> float:
    """Compare :meth:`MLP.backward` with central finite differences (L(θ + h) − L(θ − h)) / 2h.

    Every parameter (each entry of every W⁽ℓ⁾ and b⁽ℓ⁾) is nudged in turn, and the result is the
    largest disagreement on any parameter, relative to the size of the gradient:

        max_i |g_i − ĝ_i| / (max_i |g_i| + max_i |ĝ_i|),   g = backprop, ĝ = finite differences.

    A correct backward gives about 1e-8 or less (the round-off of the finite differences); a wrong
    formula in any layer gives something far above 1e-6. Dividing each entry by its *own* size
    instead would flag correct entries that happen to be near 0, where only round-off is left.

    ReLU networks can disagree honestly: where some Z is within h of ReLU's kink at 0 (e.g. zero
    biases fed by a layer whose units are all off for some row, which makes Z exactly 0) the finite
    difference straddles the kink. Check them on data away from the kinks.

    Parameters
    ----------
    mlp : MLP
        The network; its parameters are restored exactly afterwards.
    X : array_like
        Inputs, shape (n, sizes[0]); keep it small: this costs two forward passes per parameter.
    y : array_like of int
        Labels.
    h : float
        The finite-difference step, in (0, 0.1].

    Returns
    -------
    float
    """
    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be an MLP, got {_show(mlp)}")
    X, y = mlp._check_Xy(X, y)
    h = check_real("h", h, low=0.0, high=0.1, low_inclusive=False)
    # Two loss evaluations per parameter, each a forward pass over every row and parameter.
    P = mlp.n_parameters
    advice = "check a smaller network (the check does not depend on the width) or fewer rows"
    check_limit("2 × parameters (the forward passes)", 2 * P, MAX_STEPS, advice)
    check_limit("2 × parameters² × rows (the arithmetic)", 2 * P * P * X.shape[0], MAX_WORK, advice)
    analytic = mlp._backward(mlp._forward(X, True)[1], y)

    def loss() -> float:
        return _cross_entropy(mlp._forward(X, False)[0], y)

    backprop: list[float] = []
    numeric: list[float] = []
    for (W, b), (dW, db) in zip(mlp.params, analytic):
        for theta, g in ((W, dW), (b, db)):
            flat = theta.reshape(-1)  # a view: writing to it nudges the network's parameter
            for k in range(flat.size):
                keep = flat[k]
                flat[k] = keep + h
                up = loss()
                flat[k] = keep - h
                down = loss()
                flat[k] = keep
                numeric.append((up - down) / (2 * h))
            backprop.extend(g.reshape(-1))
    g, g_hat = np.array(backprop), np.array(numeric)
    scale = np.abs(g).max() + np.abs(g_hat).max()
    return float(np.abs(g - g_hat).max() / scale) if scale > 0 else 0.0
