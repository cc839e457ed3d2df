"""What the ``gkml`` commands share on the command line: the subcommand itself and its common options."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
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
            "--catalogue",
            default="catalogue",
            type=user_path,
            metavar="DIR",
            help="事项记录所在文件夹（默认 catalogue/）",
        )
    return cmd


def user_path(text: str) -> str:
    """A path as typed, with ``\\`` read as ``/`` where that names what is there and the text as typed
    does not: a path copied from Windows (``catalogue\\保障性住房\\x.yaml``) works on Linux and macOS too
    (on Windows both separators work anyway)."""
    if "\\" in text and os.sep != "\\" and not os.path.exists(text):
        slashed = text.replace("\\", "/")
        if os.path.exists(slashed):
            return slashed
    return text


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


#: The severities of diagnostics, most severe first (``--min-severity``).
SEVERITIES = ("error", "warning", "info")
_SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def add_min_severity(cmd: argparse.ArgumentParser, default: str = "info") -> None:
    """``-q/--quiet`` and ``--min-severity``: which diagnostics are listed (all are counted)."""
    shown = {"error": "只列出错误", "warning": "列出错误和警告", "info": "全部列出"}[default]
    cmd.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default=default,
        help=f"列出哪些问题：error 只列错误，warning 列错误和警告，info 全部列出（默认：{shown}）；"
        "没有列出的也计入总数，是否通过不受影响",
    )
    cmd.add_argument(
        "-q",
        "--quiet",
        dest="min_severity",
        action="store_const",
        const="warning" if default == "info" else "error",
        help="只列出错误和警告（同 --min-severity warning）"
        if default == "info"
        else "只列出错误（同 --min-severity error）",
    )


def shown_at(severity: str, min_severity: str) -> bool:
    """Whether a diagnostic of ``severity`` is listed under ``--min-severity min_severity``."""
    return SEVERITIES.index(severity) <= SEVERITIES.index(min_severity)


def missing_config(config_file: str) -> str | None:
    """The Chinese line for a MkDocs configuration file that is not there (None when it is)."""
    if Path(config_file).is_file():
        return None
    return (
        f"错误：找不到 {config_file}。请在网站项目的根目录（有 mkdocs.yml 和 catalogue/ 的文件夹）运行，"
        "或用 -f 指定配置文件。"
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
