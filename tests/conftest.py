"""Shared test settings.

Property tests run with hypothesis's default budget; for a thorough run use

    HYPOTHESIS_PROFILE=thorough python -m pytest -m property

(20 000 examples a property; see README, "Bad input").
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile(
    "thorough", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items):
    """Every hypothesis test carries the ``property`` marker: ``pytest -m property`` runs them all."""
    import pytest

    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.property)
