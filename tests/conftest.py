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
# library raises inside its own internals never reaches the learner. matplotlib before 3.10.1 calls
# pyparsing names that pyparsing 3.3 deprecates, so on the oldest versions requirements.txt admits
# every figure with text raises such warnings (attributed to matplotlib or to pyparsing itself); they
# are matplotlib's business, not ours, and are left
# out here. Warnings attributed to helpers or the tests (matplotlib's own deprecations of how we call
# it included) stay errors.
def _ignore_library_internal_deprecations():
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(matplotlib|pyparsing)\.")


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
