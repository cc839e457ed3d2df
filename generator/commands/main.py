"""``gkml``: the command line of the catalogue generator (messages in Chinese).

One module per command in :mod:`generator.commands`, each with ``add_parser(subparsers)``
and ``run(args)``; this module only makes the top-level parser and runs the command chosen.
The command modules are imported by :func:`parser`, inside :func:`main`, so that a Ctrl-C
while they load is answered like any other: one Chinese line, no traceback. They import only
what their arguments need at the top; the rest (the checks, MkDocs, openpyxl, pypinyin…) is
imported by their ``run``, so that ``gkml --help`` and ``gkml new --help`` start at once.
argparse speaks Chinese (:mod:`generator.commands.chinese_argparse`).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import sys

from generator import __version__


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands)."""
    from generator.commands import build, bundle, check, diff, exchange, new, reference, report, schema, serve
    from generator.commands.chinese_argparse import ChineseArgumentParser
    from generator.commands.common import add_command

    p: argparse.ArgumentParser = ChineseArgumentParser(
        prog="gkml",
        description="政务公开标准目录网站生成器（gkml）。每个命令的说明：gkml 命令 -h，例如 gkml check -h。",
    )
    p.add_argument("--version", action="version", version=f"gkml {__version__}", help="显示版本号并退出")
    subparsers = p.add_subparsers(dest="command", title="命令", metavar="命令")
    # the commands, in the order ``gkml --help`` lists them (then ``import`` and ``export``)
    for command in (check, build, serve, report, reference, new, diff, schema):
        command.add_parser(subparsers)
    exchange.add_command(functools.partial(add_command, subparsers))
    bundle.add_parser(subparsers)
    return p


def _tolerant_output() -> None:
    """Standard output and error that never fail on a character their encoding lacks: a Windows console
    redirected to a file writes GBK (cp936), which has no “›” or “✓”; they become “?” instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gkml`` console script."""
    _tolerant_output()
    try:
        p = parser()
        args = p.parse_args(argv)
        if args.command is None:  # `gkml` alone: the list of commands
            p.print_help()
            return 0
        return int(args.run(args))
    except KeyboardInterrupt:
        print("已中断（Ctrl-C）。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `gkml check | head`: the reader stopped listening, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
