"""Shared test settings: deterministic hypothesis runs, no stray figures."""

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
