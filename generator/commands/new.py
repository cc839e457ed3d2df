"""``gkml new``: a new item record, pre-filled from the standard catalogue (see :mod:`generator.edit.scaffold`),
or with ``--entry``, a new entry (公开信息) under an item, perhaps from a Word notice
(:mod:`generator.edit.entry_scaffold`)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import Subparsers, add_command

if TYPE_CHECKING:  # imported by run(): `gkml new --help` need not load them
    from generator.edit import scaffold
    from generator.model.standard import StandardItem


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml new``."""
    cmd = add_command(
        subparsers,
        "new",
        "新建一个公开事项记录文件（可按标准目录预填内容）；"
        "加 --entry 事项id 则在该事项下新建一条公开信息（通知、公告等）",
    )
    cmd.add_argument("--area", metavar="领域", help="领域，例如“保障性住房”（文件夹名或标题）")
    cmd.add_argument("--category", metavar="一级事项", help="一级事项（栏目），不存在时新建栏目文件夹")
    cmd.add_argument("--name", metavar="二级事项名称", help="公开事项名称（二级事项）")
    cmd.add_argument("--id", metavar="ID", help="事项 id（默认按“领域-一级事项-名称拼音首字母”生成）")
    cmd.add_argument(
        "--standard", metavar="标准事项名称", help="按标准目录中的这个二级事项预填（可写“一级事项/二级事项”）"
    )
    entry = cmd.add_argument_group("新建公开信息（--entry）")
    entry.add_argument(
        "--entry",
        metavar="事项ID",
        help="在这个公开事项下新建一条公开信息（写事项的 id），文件放在事项所在栏目的今年文件夹中",
    )
    entry.add_argument("--title", metavar="标题", help="公开信息的标题（不写时取 Word 文件的标题，或留待填写）")
    entry.add_argument(
        "--from",
        dest="source",
        metavar="文件.docx",
        help="从 Word 公文（.docx）读取标题、文号和正文（转为 Markdown；图片不转换）",
    )
    cmd.add_argument("-y", "--yes", action="store_true", help="不提问：缺少的值用默认值，没有默认值时报错")
    cmd.add_argument("--dry-run", action="store_true", help="只显示将要生成的内容，不写入文件")
    cmd.set_defaults(run=run)
    return cmd


def beijing_today() -> dt.date:
    """Today in Beijing: the day a new entry is dated and filed under (its module imported when needed)."""
    from generator.check.freshness import beijing_today as today

    return today()


def _request(args: argparse.Namespace) -> scaffold.Request:
    from generator.edit import scaffold

    return scaffold.Request(
        area=args.area, category=args.category, name=args.name, record_id=args.id, standard=args.standard
    )


def _stdin_is_tty() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str:
    from generator.edit import scaffold

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
    from generator.edit import scaffold
    from generator.load.catalogue import META_FILE
    from generator.load.folders import scan_catalogue

    root = Path(args.catalogue)
    if not root.is_dir():
        print(f"错误：找不到目录文件夹 {_shown(root)}（可用 --catalogue 指定）。", file=sys.stderr)
        return 2
    if args.entry is not None:
        return run_entry(args, root)
    if args.title is not None or args.source is not None:
        print("错误：--title 和 --from 用于新建公开信息，请同时写 --entry 事项id。", file=sys.stderr)
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


_ITEM_OPTIONS = (("area", "--area"), ("category", "--category"), ("name", "--name"), ("id", "--id"))


def run_entry(args: argparse.Namespace, root: Path) -> int:
    """``gkml new --entry``: 0 written (or shown with --dry-run), 1 not written, 2 bad input."""
    from generator.edit import entry_scaffold
    from generator.load.files import FileGate
    from generator.load.folders import scan_catalogue

    mixed = [option for attr, option in _ITEM_OPTIONS if getattr(args, attr) is not None]
    if args.standard is not None:
        mixed.append("--standard")
    if mixed:
        print(
            f"错误：--entry 新建的是公开信息，不能与 {'、'.join(mixed)} 一起使用（它们用于新建事项）。", file=sys.stderr
        )
        return 2
    gate = FileGate.within(root)
    request = entry_scaffold.EntryRequest(
        item=args.entry,
        today=beijing_today(),
        title=args.title,
        source=Path(args.source) if args.source else None,
    )
    try:
        p = entry_scaffold.plan_entry(request, scan_catalogue(root, gate), gate, gate.limits)
    except entry_scaffold.EntryScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    summary = [
        f"  事项：{p.item.id}（{p.item.area} › {p.item.column} › {p.item.name}）",
        f"  id：{p.entry_id}",
        f"  标题：{p.title or '（待填写）'}",
        *([f"  文号：{p.doc_no}"] if p.doc_no else []),
        f"  类别：{p.category}（按栏目推定）",
    ]
    notes = []
    if p.images:
        notes.append(
            f"注意：Word 文件中的 {p.images} 张图片没有转入正文。需要发布时，请把图片（或整份文件的 PDF）"
            f"放进 {_shown(p.path.parent)}/附件/，在“附件:”中列出。"
        )
    if args.dry_run:
        print(p.text, end="")
        print(
            "\n".join(["预览（--dry-run）：未写入任何文件。将要创建：", f"  文件：{_shown(p.path)}", *summary, *notes]),
            file=sys.stderr,
        )
        return 0
    try:
        entry_scaffold.write_entry(p)
    except FileExistsError:
        print(f"错误：文件 {_shown(p.path)} 已经存在，gkml 不覆盖已有文件。", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误：无法写入 {_shown(p.path)}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    lines = [
        f"已创建公开信息：{_shown(p.path)}",
        *summary,
        *notes,
        "下一步：",
        "  1. 用编辑器打开这个文件，把标有“请填写”的地方改成实际内容，核对类别和发布机构；",
        "  2. 发布前经保密审查后，在“审核:”一行写上审核人和审核日期；",
        "  3. 运行 gkml check，确认没有错误，再提交修改并发起合并请求。",
    ]
    print("\n".join(lines))
    return 0
