"""Shared test settings.

Property tests run with hypothesis's default budget; for a thorough run use

    HYPOTHESIS_PROFILE=thorough python -m pytest tests/ -k property

(20 000 examples a property; see README, "Bad input").
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile(
    "thorough", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
