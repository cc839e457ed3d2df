"""``gkml new``: a new item record, pre-filled from the standard catalogue (see :mod:`generator.edit.scaffold`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import Subparsers, add_command
from generator.edit import scaffold
from generator.load.catalogue import META_FILE
from generator.load.folders import scan_catalogue
from generator.model.standard import StandardItem


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml new``."""
    cmd = add_command(subparsers, "new", "新建一个公开事项记录文件（可按标准目录预填内容）")
    cmd.add_argument("--area", metavar="领域", help="领域，例如“保障性住房”（文件夹名或标题）")
    cmd.add_argument("--category", metavar="一级事项", help="一级事项（栏目），不存在时新建栏目文件夹")
    cmd.add_argument("--name", metavar="二级事项名称", help="公开事项名称（二级事项）")
    cmd.add_argument("--id", metavar="ID", help="事项 id（默认按“领域-一级事项-名称拼音首字母”生成）")
    cmd.add_argument(
        "--standard", metavar="标准事项名称", help="按标准目录中的这个二级事项预填（可写“一级事项/二级事项”）"
    )
    cmd.add_argument("-y", "--yes", action="store_true", help="不提问：缺少的值用默认值，没有默认值时报错")
    cmd.add_argument("--dry-run", action="store_true", help="只显示将要生成的内容，不写入文件")
    cmd.set_defaults(run=run)
    return cmd


def _request(args: argparse.Namespace) -> scaffold.Request:
    return scaffold.Request(
        area=args.area, category=args.category, name=args.name, record_id=args.id, standard=args.standard
    )


def _stdin_is_tty() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise scaffold.Cancelled from None


def _shown(path: Path) -> str:
    return path.as_posix()


def _row_label(item: StandardItem) -> str:
    return "/".join(x for x in (item.level2, item.level3) if x)


def _summary(p: scaffold.Plan, *, with_path: bool = True) -> list[str]:
    lines = [
        f"  领域：{p.area.title}",
        f"  一级事项：{p.category.title}" + ("（新建栏目）" if p.category.new else ""),
        f"  事项名称：{p.name}",
        f"  id：{p.record_id}",
    ]
    if with_path:
        lines.append(f"  文件：{_shown(p.path)}")
    if p.standard is None:
        lines.append("  预填：标准目录中没有对应事项，按示例值填写")
    else:
        row = f"{p.standard.level1}/{_row_label(p.standard)}"
        caveat = "" if p.standard.verified else "（注意：此行为推定内容，不是官方原文）"
        lines.append(f"  预填：标准目录“{row}”行{caveat}")
    if p.name in p.category.names:
        lines.append("  注意：本栏目中已有同名事项，请确认不是重复添加。")
    return lines


def run(args: argparse.Namespace) -> int:
    """``gkml new``: returns the exit status (0 written, 1 cancelled or failed, 2 bad or missing input)."""
    root = Path(args.catalogue)
    if not root.is_dir():
        print(f"错误：找不到目录文件夹 {_shown(root)}（可用 --catalogue 指定）。", file=sys.stderr)
        return 2
    interactive = not args.yes and _stdin_is_tty()
    try:
        p = scaffold.plan(_request(args), scan_catalogue(root), _ask if interactive else None)
        if args.dry_run:
            print(p.text, end="")
            print("\n".join(["预览（--dry-run）：未写入任何文件。将要创建：", *_summary(p)]), file=sys.stderr)
            return 0
        if interactive:
            print("\n".join(["即将创建：", *_summary(p)]))
            if _ask("确认创建？（Y/n）").strip().lower() not in ("", "y", "yes", "是"):
                print("已取消，未写入任何文件。")
                return 1
    except scaffold.ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except scaffold.Cancelled:
        print("\n已取消，未写入任何文件。", file=sys.stderr)
        return 1
    try:
        scaffold.write_plan(p)
    except OSError as exc:
        print(f"错误：无法写入 {_shown(p.path)}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    lines = [f"已创建事项文件：{_shown(p.path)}", *_summary(p, with_path=False)]
    if p.category.new:
        lines.append(f"已新建栏目文件夹：{_shown(p.category.path)}/（含 {META_FILE}，可补充栏目简介）")
    lines += [
        "下一步：",
        "  1. 用编辑器打开这个文件，核对预填内容，"
        "把标有“待填写”“待核对”的地方（具体股室、网站栏目等）改成本单位的实际情况；",
        "  2. 运行 gkml check，确认没有错误；",
        "  3. 提交修改并发起合并请求（pull request），请同事审核后合并。",
    ]
    print("\n".join(lines))
    return 0
