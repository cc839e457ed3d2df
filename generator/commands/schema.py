"""``gkml schema``: write, or with --check compare, the editors' JSON Schema files (:mod:`generator.edit.schema`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import Subparsers, add_command
from generator.model.schema_files import SCHEMA_FILES, SCHEMAS_DIR


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml schema``."""
    cmd = add_command(
        subparsers,
        "schema",
        "由记录格式生成 JSON Schema 文件（record、meta、site 三个 YAML 文件的，和公开信息前置元数据的 entry），"
        "供 VS Code 等编辑器自动补全和检查；修改 generator/model/records.py、entries.py 或 vocab.py 后运行",
        catalogue=False,
    )
    cmd.add_argument(
        "--check",
        action="store_true",
        help="只检查，不写文件：已有文件与当前程序生成的不一致时失败（退出码 1），用于持续集成",
    )
    cmd.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="DIR",
        help=f"输出文件夹（默认 {SCHEMAS_DIR}/，相对当前文件夹：请在仓库根目录运行）",
    )
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml schema``: 0 when written or up to date, 1 when --check finds stale files, 2 for a wrong folder."""
    from generator.edit.schema import stale_files, write_schemas

    folder = Path(args.output or SCHEMAS_DIR)
    shown = folder.as_posix().rstrip("/")
    if args.output is None and not folder.parent.is_dir():  # not run in the repository's top folder
        print(
            f"找不到文件夹 {shown}/：请在仓库的根目录（有 catalogue/ 和 generator/ 的文件夹）运行，"
            "或用 -o 指定输出文件夹。",
            file=sys.stderr,
        )
        return 2
    if args.check:
        stale = stale_files(folder)
        if stale:
            names = "、".join(f"{shown}/{name}" for name in stale)
            again = "gkml schema" + (f" -o {shown}" if args.output else "")
            print(
                f"JSON Schema 文件与当前程序不一致（缺少或过期）：{names}。"
                f"请运行 {again} 重新生成，并把生成的文件一起提交。",
                file=sys.stderr,
            )
            return 1
        print(f"JSON Schema 文件与当前程序一致（{shown}/）。")
        return 0
    changed = write_schemas(folder)
    for name in SCHEMA_FILES.values():
        state = "已更新" if name in changed else "无变化"
        print(f"{state}：{shown}/{name}")
    return 0
