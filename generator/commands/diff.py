"""``gkml diff``: the catalogue's changes since a git revision, for reviewers (see :mod:`generator.edit.diff`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import Subparsers, add_command

#: Exit status when the comparison cannot be made (bad revision, a side that does not load).
EXIT_FAILED = 2


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml diff``."""
    cmd = add_command(
        subparsers,
        "diff",
        "列出与某个 git 版本相比新增、删除、移动和修改的公开事项，以及新增、删除和修改的公开信息（供审核合并请求）",
    )
    cmd.add_argument(
        "ref", nargs="?", default="HEAD", metavar="版本", help="比较的 git 版本，例如 origin/main（默认 HEAD）"
    )
    cmd.add_argument(
        "--format",
        choices=["human", "markdown"],
        default="human",
        help="输出格式：human 为终端文本，markdown 可贴到合并请求评论（默认 human）",
    )
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml diff``: 0 with the changes printed, :data:`EXIT_FAILED` when they cannot be told."""
    from generator.edit.diff import DiffError, compare_with, format_human, format_markdown

    try:
        diff = compare_with(args.ref, Path(args.catalogue))
    except DiffError as error:
        print(str(error), file=sys.stderr)
        return EXIT_FAILED
    if args.format == "markdown":
        print(format_markdown(diff, args.ref), end="")
    else:
        print(format_human(diff, args.ref))
    return 0
