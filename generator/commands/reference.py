"""``gkml reference``: the reference table of the record format, or with ``--entries`` of an
entry's front matter (Markdown)."""

from __future__ import annotations

import argparse

from generator.commands.common import Subparsers, add_command


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml reference``."""
    cmd = add_command(subparsers, "reference", "输出记录格式参考表（Markdown）", catalogue=False)
    help_entries = "输出公开信息文件的要素参考表（使用说明“发布公开信息”中的表格）"
    cmd.add_argument("--entries", action="store_true", help=help_entries)
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml reference``: print the table."""
    from generator.edit.reference import entry_reference, record_reference

    print(entry_reference() if args.entries else record_reference(), end="")
    return 0
