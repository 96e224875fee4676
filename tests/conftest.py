"""Hypothesis profiles: ``ci`` (the default, reproducible) and ``dev`` (more examples).

Select one with ``HYPOTHESIS_PROFILE=dev pytest``.  A test's own
``@settings(max_examples=…)`` still wins over the profile.
"""

import os

from hypothesis import settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=50,
    database=None,
    print_blob=True,
)
settings.register_profile("dev", deadline=None, max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
