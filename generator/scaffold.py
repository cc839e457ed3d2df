"""``gkml new``: scaffold a new item record (to be written)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``gkml new`` with the command line (``command(name, help)`` makes a subparser)."""
