"""Helpers of the install tests: this clone, the bundle's folder, an environment without PyPI."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / ".gkml-cache" / "test-bundle"


def offline_env(find_links: Path | None = None) -> dict[str, str]:
    """The environment of a process that must not reach PyPI (and is not inside this test run's venv)."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # not the machine's index or find-links settings
        PIP_NO_INDEX="1",
        PIP_INDEX_URL="http://192.0.2.1/simple/",  # TEST-NET-1: never routed
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        CI="true",
    )
    if find_links is not None:
        env["PIP_FIND_LINKS"] = str(find_links)
    return env
