"""``gkml``: the command line of the catalogue generator (messages in Chinese).

One module per command in :mod:`generator.commands`, each with ``add_parser(subparsers)``
and ``run(args)``; this module only makes the top-level parser and runs the command chosen.
The command modules are imported by :func:`parser`, inside :func:`main`, so that a Ctrl-C
while they load (a second or so) is answered like any other: one Chinese line, no traceback.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys

from generator import __version__


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands)."""
    from generator.commands import build, check, diff, exchange, new, reference, report, schema, serve
    from generator.commands.common import add_command

    p = argparse.ArgumentParser(prog="gkml", description="政务公开标准目录网站生成器（gkml）")
    p.add_argument("--version", action="version", version=f"gkml {__version__}")
    subparsers = p.add_subparsers(dest="command", required=True, metavar="命令")
    # the commands, in the order ``gkml --help`` lists them (then ``import`` and ``export``)
    for command in (check, build, serve, report, reference, new, diff, schema):
        command.add_parser(subparsers)
    exchange.add_command(functools.partial(add_command, subparsers))
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gkml`` console script."""
    try:
        args = parser().parse_args(argv)
        return int(args.run(args))
    except KeyboardInterrupt:
        print("已中断（Ctrl-C）。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `gkml check | head`: the reader stopped listening, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
