"""``gkml build``: the site, made by MkDocs (an existing site is left as it was when the build fails)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Subparsers, add_command, add_config_file, add_strict


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml build``."""
    cmd = add_command(subparsers, "build", "生成网站（失败时不改动原有网站）")
    cmd.add_argument("-d", "--site-dir", default="site", metavar="DIR", help="输出文件夹（默认 site/）")
    add_config_file(cmd)
    add_strict(cmd)
    cmd.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    cmd.add_argument(
        "--offline",
        action="store_true",
        help="生成离线版（公开查阅点的触摸屏、U 盘）：直接双击 index.html 即可浏览和搜索，不需要网站服务器",
    )
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml build``: the exit status of the build."""
    from generator.adapters.mkdocs.build import build  # MkDocs is imported only when building

    return build(
        Path(args.config_file),
        Path(args.site_dir),
        Path(args.catalogue),
        strict=args.strict,
        verbose=args.verbose,
        offline=args.offline,
    )
