"""Settings shared by every test: Hypothesis profiles, and no unexpected skip.

Under CI (``CI`` set) property tests run derandomized (the same examples every run, so a
failure is reproducible and the run takes the same time each time); elsewhere they draw
new examples each run. Both profiles cap the examples of a test that sets no count of its
own (the property tests set theirs, each at most a few hundred) and drop the per-example
deadline, whose timing varies from machine to machine. ``HYPOTHESIS_PROFILE`` or pytest's
``--hypothesis-profile`` picks a profile explicitly.

This file is imported before the test modules, so the settings they make inherit the profile.

A skipped test is a failure (a missing browser, library or program would otherwise pass CI
unnoticed), unless it is one of :data:`ALLOWED_SKIPS`: deliberately platform-specific, named by
its test and the start of its reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, database=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

#: The skips that are deliberate: node id (or its start) → the start of the skip's reason.
ALLOWED_SKIPS = {
    # forking workers are used only where the system can fork and has two cores
    "tests/unit/test_parallel.py::": "needs fork and two cores",
    # tomllib is in the standard library from Python 3.11 on (gkml supports 3.10)
    "tests/unit/test_schema.py::test_schema_files_are_package_data": "could not import 'tomllib'",
}


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def _allowed(nodeid: str, reason: str) -> bool:
    return any(nodeid.startswith(test) and reason.startswith(why) for test, why in ALLOWED_SKIPS.items())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    """An unexpected skip is reported as a failure, with its reason."""
    outcome: Any = yield
    report: pytest.TestReport = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = _skip_reason(report)
        if not _allowed(item.nodeid, reason):
            report.outcome = "failed"
            report.longrepr = (
                f"测试被跳过，视为失败：{reason}\n"
                f"Unexpected skip (a skip fails the suite unless listed in ALLOWED_SKIPS, tests/conftest.py): {reason}"
            )
