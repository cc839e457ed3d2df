"""``gkml bundle``: the offline bundle — gkml and all it needs as wheels, for a machine without PyPI
(:mod:`generator.bundle`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import Subparsers, add_command
from generator.commands.progress import quiet_output


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml bundle``."""
    from generator.bundle import PLATFORMS  # no third-party import: cheap

    cmd = add_command(
        subparsers,
        "bundle",
        "制作离线安装包：把 gkml 和它用到的全部软件包下载为 wheel 文件，"
        "在不能访问 PyPI 的电脑上用 pip install --no-index --find-links 安装",
        catalogue=False,
    )
    cmd.add_argument(
        "-d", "--dest", required=True, metavar="DIR", help="安装包文件夹（新的或空的文件夹，或以前的安装包）"
    )
    cmd.add_argument(
        "--platform",
        metavar="平台",
        help=f"安装包用于哪种电脑：{'、'.join(PLATFORMS)}，或 pip 的平台标记（逗号分隔）；默认与本机相同",
    )
    cmd.add_argument("--python-version", metavar="版本", help="那台电脑上 Python 的版本，例如 3.11（默认与本机相同）")
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml bundle``: 0 when the bundle is made, 1 when it cannot be."""
    from generator.bundle import BundleError, make_bundle, target

    dest = Path(args.dest)
    try:
        wheels = make_bundle(dest, target(args.platform, args.python_version), quiet=quiet_output())
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    size = sum(w.stat().st_size for w in wheels)
    print(f"离线安装包已制作：{dest.as_posix()}/（{len(wheels)} 个 wheel 文件，共 {size / 2**20:.1f} MiB）")
    print(f"安装方法见 {dest.as_posix()}/安装说明.txt。")
    return 0
