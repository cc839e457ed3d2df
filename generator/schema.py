"""The JSON Schema of record files, generated from the model (to be written)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``gkml schema`` with the command line (``command(name, help)`` makes a subparser)."""
