"""Seeded data generators, and the real data set shipped in helpers/data/."""

from __future__ import annotations

import gzip
import hashlib
import re
import socket
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import datasets
from helpers.datasets import (
    DIGITS_FILE,
    load_digits,
    make_blobs,
    make_linear,
    make_moons,
    make_rings,
    make_spirals,
    region_grid,
    regression_data,
    sgd_problem,
)
from helpers.regression import add_intercept, lecture_data, pinv_solution

CLASSIFICATION = {
    "blobs": (make_blobs, {"n_per_class": 50, "n_classes": 4}, 200, 4),
    "rings": (make_rings, {"n": 300}, 300, 2),
    "moons": (make_moons, {"n": 120}, 120, 2),
    "spirals": (make_spirals, {"n_per_class": 40, "n_classes": 3}, 120, 3),
}


def linear_classifier_accuracy(X, y):
    """Least squares onto one-hot targets, then arg max: the best a linear model does cheaply."""
    A = add_intercept(X)
    W = np.linalg.lstsq(A, np.eye(y.max() + 1)[y], rcond=None)[0]
    return float(np.mean((A @ W).argmax(axis=1) == y))


# --- make_linear -------------------------------------------------------------------------------


def test_make_linear_shapes_and_defaults():
    X, y, beta_true = make_linear(50, 2, noise=0.0)
    assert X.shape == (50, 2) and y.shape == (50,)
    assert X.dtype == y.dtype == np.float64
    np.testing.assert_array_equal(beta_true, [1, 2, 3])
    np.testing.assert_allclose(y, X @ [1, 2] + 3)
    # X has no ones column: the notebook appends it.
    assert not np.any(np.all(X == 1.0, axis=0))


def test_make_linear_least_squares_recovers_the_truth():
    X, y, beta_true = make_linear(2000, 3, noise=0.5, seed=4, beta=[0.5, -1.0, 2.0], intercept=-2.0)
    np.testing.assert_array_equal(beta_true, [0.5, -1.0, 2.0, -2.0])
    np.testing.assert_allclose(pinv_solution(add_intercept(X), y), beta_true, atol=0.05)
    residual = y - add_intercept(X) @ beta_true
    assert np.std(residual) == pytest.approx(0.5, rel=0.05)


def test_make_linear_seeded():
    a = make_linear(30, 2, seed=1)
    b = make_linear(30, 2, seed=1)
    c = make_linear(30, 2, seed=2)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.allclose(a[0], c[0])


# --- classification ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_shapes_dtypes_and_balance(name):
    make, kwargs, n, k = CLASSIFICATION[name]
    X, y = make(**kwargs)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert np.all(np.isfinite(X))
    counts = np.bincount(y)
    assert len(counts) == k
    assert counts.max() - counts.min() <= 1
    # Shuffled: not all of one class first.
    assert len(set(y[: n // k].tolist())) > 1


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_seeded(name):
    make, kwargs, _, _ = CLASSIFICATION[name]
    X1, y1 = make(**kwargs, seed=5)
    X2, y2 = make(**kwargs, seed=5)
    X3, _ = make(**kwargs, seed=6)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 301), st.integers(0, 2**32 - 1))
def test_rings_odd_sizes_stay_balanced(n, seed):
    X, y = make_rings(n, seed=seed)
    assert X.shape == (n, 2)
    assert np.bincount(y, minlength=2).tolist() == [n // 2, n - n // 2]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rings_are_not_linearly_separable_but_radially_are(seed):
    X, y = make_rings(400, seed=seed)
    assert linear_classifier_accuracy(X, y) < 0.7
    radius = np.linalg.norm(X, axis=1)
    assert np.mean((radius > 1.5) == (y == 1)) > 0.95


def test_blobs_are_linearly_separable():
    X, y = make_blobs(100, 3)
    assert linear_classifier_accuracy(X, y) > 0.95


def test_spirals_defeat_a_linear_classifier():
    X, y = make_spirals(100, 3)
    assert linear_classifier_accuracy(X, y) < 0.7
    assert np.all(np.linalg.norm(X, axis=1) <= 1.0 + 1e-12)


def test_zero_noise_rings_lie_on_their_circles():
    X, y = make_rings(100, noise=0.0)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0 + y)


# --- the explorers' regression problems, the decision-region grid ------------------------------


def test_regression_data_is_the_lecture_or_a_noisy_line():
    for got, want in zip(regression_data("lecture"), lecture_data()):
        np.testing.assert_array_equal(got, want)
    X, y, beta0 = regression_data("noisy", seed=3)
    assert X.shape == (50, 2) and np.all(X[:, 1] == 1.0)
    np.testing.assert_array_equal(beta0, [0.0, 0.0])
    np.testing.assert_allclose(pinv_solution(X, y), [1.0, 3.0], atol=0.3)
    with pytest.raises(ValueError, match="data"):
        regression_data("spirals")


def test_sgd_problem_is_seeded_with_its_start():
    X, y, beta0 = sgd_problem(200, seed=1)
    assert X.shape == (200, 2) and np.all(X[:, 1] == 1.0)
    np.testing.assert_array_equal(beta0, [-2.0, -1.0])
    np.testing.assert_array_equal(y, sgd_problem(200, seed=1)[1])
    with pytest.raises(ValueError, match="n must be an integer in"):
        sgd_problem(1)


def test_region_grid_covers_the_data():
    X = np.array([[0.0, 0.0], [4.0, 1.0]])
    points, extent = region_grid(X, padding=0.1, resolution=15)
    assert points.shape == (225, 2)
    assert extent[0] < 0 and extent[1] > 4 and extent[2] < 0 and extent[3] > 1
    assert extent[1] - extent[0] == pytest.approx(extent[3] - extent[2])  # square cells
    with pytest.raises(ValueError, match="2 columns"):
        region_grid(np.zeros((4, 3)))


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: make_linear(0), ValueError, "n must be an integer >= 1, got 0"),
        (lambda: make_linear(10, d=0), ValueError, "d must be an integer >= 1, got 0"),
        (lambda: make_linear(10, noise=-1.0), ValueError, "noise must be >= 0, got -1.0"),
        (lambda: make_linear(10, 2, beta=[1.0]), ValueError, r"beta must have d = 2 entries, got shape \(1,\)"),
        (lambda: make_linear(10, seed=1.0), TypeError, "seed must be an integer, got 1.0"),
        (lambda: make_linear(10, intercept=np.nan), ValueError, "intercept must be a finite number"),
        (lambda: make_blobs(0), ValueError, "n_per_class must be an integer >= 1, got 0"),
        (lambda: make_blobs(10, n_classes=1), ValueError, r"n_classes must be an integer in \[2, 20\], got 1"),
        (lambda: make_blobs(10, spread=-0.5), ValueError, "spread must be >= 0, got -0.5"),
        (lambda: make_rings(1), ValueError, "n must be an integer >= 2, got 1"),
        (lambda: make_rings(10, noise="a"), TypeError, "noise must be a real number, got 'a'"),
        (lambda: make_rings(10, seed=-3), ValueError, "seed must be an integer >= 0, got -3"),
        (lambda: make_moons(100.0), TypeError, "n must be an integer, got 100.0"),
        (lambda: make_spirals(1), ValueError, "n_per_class must be an integer >= 2, got 1"),
        (lambda: make_spirals(10, 3, noise=float("inf")), ValueError, "noise must be a finite number"),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize(
    "make, phrase",
    [
        (lambda: make_linear(n=10**9), r"n × d \(the numbers in X\) is 1,000,000,000"),
        (lambda: make_linear(10**4, 10**5), r"n × d \(the numbers in X\)"),
        (lambda: make_blobs(n_per_class=10**9), r"n_per_class × n_classes × 2 \(the numbers in X\)"),
        (lambda: make_spirals(n_per_class=10**9), r"n_per_class × n_classes × 2"),
        (lambda: make_rings(10**9), r"n × 2 \(the numbers in X\)"),
        (lambda: make_moons(10**400), r"n × 2 \(the numbers in X\) is about 10\^400"),
    ],
)
def test_sizes_are_refused_before_anything_is_drawn(make, phrase):
    with pytest.raises(ValueError, match=phrase):
        make()


def test_bad_numbers_are_refused_by_name():
    with pytest.raises(ValueError, match="noise must be a finite number"):
        make_rings(noise=10**400)
    with pytest.raises(TypeError, match="beta must be an array of real numbers.*complex"):
        make_linear(5, 2, beta=[1j, 1.0])


# --- load_digits: the real data set shipped with the helpers ---------------------------------------

DATA = Path(datasets.__file__).parent / "data"


def test_load_digits_shapes_range_and_classes():
    X, y = load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(np.unique(16 * X), np.arange(17))  # the pixels 0 … 16, divided by 16
    np.testing.assert_array_equal(np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    # The file's first image, a 0: its second pixel row.
    np.testing.assert_array_equal(16 * X[0].reshape(8, 8)[1], [0, 0, 13, 15, 10, 15, 5, 0])


def test_load_digits_images_match_their_labels():
    # The class means classify the images far above chance (10 %): images and labels are aligned.
    X, y = load_digits()
    centres = np.array([X[y == k].mean(axis=0) for k in range(10)])
    nearest = ((X[:, None, :] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert np.mean(nearest == y) > 0.85


def test_load_digits_gives_fresh_arrays_and_downloads_nothing(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("load_digits opened a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    X, y = load_digits()
    X[:] = -1.0
    y[:] = -1
    X2, y2 = load_digits()
    assert X2.min() == 0.0 and y2.min() == 0


def test_the_shipped_file_is_the_uci_test_set_with_its_source_and_licence():
    raw = (DATA / DIGITS_FILE).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == datasets._DIGITS_SHA256
    lines = gzip.decompress(raw).decode("ascii").splitlines()
    assert len(lines) == 1797 and all(len(line.split(",")) == 65 for line in lines)
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for needed in ("Optical Recognition of Handwritten Digits", "Alpaydin", "Kaynak", "CC BY 4.0",
                   "https://creativecommons.org/licenses/by/4.0/", "https://doi.org/10.24432/C50P49",
                   datasets._DIGITS_SHA256, "LICENSE-CC-BY-4.0.txt"):  # fmt: skip
        assert needed in readme, needed
    licence = (DATA / "LICENSE-CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert licence.startswith("Creative Commons Attribution 4.0 International")
    assert "Section 8 – Interpretation." in licence


def test_the_data_files_are_package_data():
    # In the wheel too (a Colab install has no checkout): pyproject lists each file of helpers/data/.
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    listed = re.search(r"^\[tool\.setuptools\.package-data\]\n(?:#.*\n)*helpers = \[(.*)\]", text, re.MULTILINE)
    assert listed is not None
    files = set(re.findall(r'"data/([^"]+)"', listed.group(1)))
    assert files == {p.name for p in DATA.iterdir() if p.is_file()}


def test_a_missing_or_changed_digits_file_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="digits.csv.gz is missing from helpers/data/.*install"):
        datasets._read_digits(tmp_path / DIGITS_FILE)
    with pytest.raises(FileNotFoundError, match="is missing"):
        datasets._read_digits(tmp_path)  # a folder where the file should be
    changed = tmp_path / DIGITS_FILE
    table = gzip.decompress((DATA / DIGITS_FILE).read_bytes()).decode("ascii").splitlines()
    changed.write_bytes(gzip.compress("\n".join(table[:-1]).encode("ascii")))  # one image less
    with pytest.raises(ValueError, match="not the digits file shipped with the course"):
        datasets._read_digits(changed)
