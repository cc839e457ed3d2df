"""``gkml diff``: what changed in the catalogue since a git revision (to be written)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``gkml diff`` with the command line (``command(name, help)`` makes a subparser)."""
