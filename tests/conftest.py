"""Shared test settings: deterministic hypothesis runs, no stray figures."""

import warnings

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# "ci" is derandomised, so `make test` gives the same verdict on every machine and a red run can be
# reproduced; the Makefile's test targets select it with --hypothesis-profile=ci. Otherwise (make unit,
# a bare pytest) "dev": random examples, to find new cases while editing helpers.
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dev")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# The tests turn warnings into errors because a learner must never see one. Python shows a
# DeprecationWarning only when it is attributed to __main__ (the notebook's own code); one that a
# library raises inside its own internals never reaches the learner. On the oldest versions
# requirements.txt admits, two libraries call a newer dependency's deprecated names: matplotlib before
# 3.10.1 calls pyparsing 3.3's (in every figure with text), and sympy 1.12 calls mpmath 1.4's (in
# evalf). Such warnings, attributed to matplotlib, pyparsing, sympy or mpmath themselves, are those
# libraries' business and are left out here. Warnings attributed to helpers or the tests (a library's
# deprecation of how we call it included) stay errors.
def _ignore_library_internal_deprecations():
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(matplotlib|pyparsing|sympy|mpmath)\.")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    with warnings.catch_warnings():
        _ignore_library_internal_deprecations()
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    with warnings.catch_warnings():
        _ignore_library_internal_deprecations()
        yield
