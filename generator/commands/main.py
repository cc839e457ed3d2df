"""``gkml``: the command line of the catalogue generator (messages in Chinese).

One module per command in :mod:`generator.commands`, each with ``add_parser(subparsers)``
and ``run(args)``; this module only makes the top-level parser and runs the command chosen.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys

from generator import __version__
from generator.commands import build, check, diff, exchange, new, reference, schema, serve
from generator.commands.common import add_command

#: The commands, in the order ``gkml --help`` lists them (then ``import`` and ``export``).
COMMANDS = (check, build, serve, reference, new, diff, schema)


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands)."""
    p = argparse.ArgumentParser(prog="gkml", description="政务公开标准目录网站生成器（gkml）")
    p.add_argument("--version", action="version", version=f"gkml {__version__}")
    subparsers = p.add_subparsers(dest="command", required=True, metavar="命令")
    for command in COMMANDS:
        command.add_parser(subparsers)
    exchange.add_command(functools.partial(add_command, subparsers))
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gkml`` console script."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `gkml check | head`: the reader stopped listening, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
