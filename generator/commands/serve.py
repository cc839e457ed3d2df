"""``gkml serve``: a local preview of the site, rebuilt when a record changes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import (
    Subparsers,
    add_command,
    add_config_file,
    add_min_severity,
    add_strict,
    missing_config,
)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml serve``."""
    cmd = add_command(subparsers, "serve", "本地预览网站，修改记录后自动刷新")
    cmd.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="预览地址（默认 127.0.0.1:8000）"
    )
    add_config_file(cmd)
    add_strict(cmd)
    add_min_severity(cmd, default="warning")
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml serve``: the exit status of the preview server."""
    missing = missing_config(args.config_file)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    from generator.adapters.mkdocs.build import serve  # MkDocs is imported only when serving

    return serve(
        Path(args.config_file),
        Path(args.catalogue),
        dev_addr=args.dev_addr,
        strict=args.strict,
        min_severity=args.min_severity,
    )
