"""Settings shared by every test: Hypothesis profiles.

Under CI (``CI`` set) property tests run derandomized (the same examples every run, so a
failure is reproducible and the run takes the same time each time); elsewhere they draw
new examples each run. Both profiles cap the examples of a test that sets no count of its
own (the property tests set theirs, each at most a few hundred) and drop the per-example
deadline, whose timing varies from machine to machine. ``HYPOTHESIS_PROFILE`` or pytest's
``--hypothesis-profile`` picks a profile explicitly.

This file is imported before the test modules, so the settings they make inherit the profile.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, database=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
