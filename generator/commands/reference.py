"""``gkml reference``: the reference table of the record format (Markdown)."""

from __future__ import annotations

import argparse

from generator.commands.common import Subparsers, add_command


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml reference``."""
    cmd = add_command(subparsers, "reference", "输出记录格式参考表（Markdown）")
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml reference``: print the table."""
    from generator.edit.reference import record_reference

    print(record_reference(), end="")
    return 0
