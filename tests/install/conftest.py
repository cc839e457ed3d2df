"""Installing gkml as a bureau would: the offline bundle, and the README's first command on Debian's own Python.

The bundle is made once per run into ``.gkml-cache/test-bundle/`` (git-ignored, kept between runs:
``gkml bundle`` reuses the wheels already there, so only its first run downloads them, about 40 MiB).
Everything installed *from* it runs with PyPI out of reach: pip's own configuration ignored, no index,
and an index address that routes nowhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from installing import BUNDLE, ROOT  # tests/install is on sys.path (pytest prepends it)


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The offline bundle of this clone for this machine, made with ``gkml bundle``."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "bundle", "-d", str(BUNDLE)],
        cwd=ROOT,
        env={**os.environ, "CI": "true"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"离线安装包已制作：{BUNDLE.as_posix()}/（")
    return BUNDLE
