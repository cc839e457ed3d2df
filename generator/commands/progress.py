"""Whether long work shows its progress: on a terminal yes, in CI logs and pipes no."""

from __future__ import annotations

import os
import sys


def shows_progress() -> bool:
    """True on an interactive terminal (standard error is a TTY and ``CI`` is not set)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def quiet_output() -> bool:
    """The opposite of :func:`shows_progress`: a CI log or a pipe gets no progress bars."""
    return not shows_progress()
