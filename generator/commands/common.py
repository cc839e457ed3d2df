"""What the ``gkml`` commands share on the command line: the subcommand itself and its common options."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TypeAlias

#: What ``ArgumentParser.add_subparsers`` returns: each command module adds its parser to it.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

#: The MkDocs configuration file read by default.
MKDOCS_CONFIG = "mkdocs.yml"


def add_command(
    subparsers: Subparsers, name: str, help_text: str, *, catalogue: bool = True
) -> argparse.ArgumentParser:
    """The subparser of command ``name``, with the ``--catalogue`` option of the commands that read
    the catalogue (``catalogue=False``: a command that does not, such as ``gkml schema``)."""
    cmd = subparsers.add_parser(name, help=help_text, description=help_text)
    if catalogue:
        cmd.add_argument(
            "--catalogue", default="catalogue", metavar="DIR", help="事项记录所在文件夹（默认 catalogue/）"
        )
    return cmd


def add_config_file(cmd: argparse.ArgumentParser, help_text: str = f"MkDocs 配置文件（默认 {MKDOCS_CONFIG}）") -> None:
    """``-f/--config-file``: the MkDocs configuration file."""
    cmd.add_argument("-f", "--config-file", default=MKDOCS_CONFIG, metavar="FILE", help=help_text)


def add_strict(cmd: argparse.ArgumentParser) -> None:
    """``--strict``: warnings fail the command too, except those that depend on the day of the check."""
    cmd.add_argument(
        "--strict",
        action="store_true",
        help="有警告也视为失败（随日期变化的警告除外：栏目长期未更新、事项逾期、更新日期晚于今天）",
    )


def parse_date(text: str) -> dt.date:
    """An argument ``YYYY-MM-DD`` as a date (argparse says in Chinese what is wrong)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def add_today(cmd: argparse.ArgumentParser, help_text: str) -> None:
    """``--today YYYY-MM-DD``: the day the checks are as of (by default today in Beijing)."""
    cmd.add_argument("--today", type=parse_date, default=None, metavar="YYYY-MM-DD", help=help_text)
