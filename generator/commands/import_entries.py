"""``gkml import --entries``: information already published on the old site as entries (公开信息),
with a redirect map for the old addresses (:mod:`generator.edit.entry_migration`).

Registered by :mod:`generator.commands.exchange` as options of ``gkml import``; this module reads
the options, prints in Chinese and returns the exit status (0 written, 1 not written or some
rows left, 2 bad input). Never a traceback: a failure no rule foresaw is one Chinese line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    """The options of ``gkml import`` that import information rather than a catalogue table."""
    group = cmd.add_argument_group("导入旧网站已发布的信息（--entries）")
    group.add_argument(
        "--entries",
        action="store_true",
        help="FILE 是旧网站导出的信息列表（.xlsx/.xls/.csv：标题、发布日期、文号、栏目、网址）或保存的信息网页"
        "（.html/.htm，或放网页的文件夹）：每条信息导入为所属事项下的一条公开信息",
    )
    group.add_argument(
        "--pages",
        metavar="网页或文件夹",
        action="append",
        default=[],
        help="与 --entries 一起用：旧网站上保存下来的信息网页，正文导入到列表中对应的信息（可写多次）",
    )
    group.add_argument(
        "--redirects",
        metavar="文件.map",
        help="与 --entries 一起用：写入（或合并到）旧网址跳转表（nginx map），从旧网址跳到新网站的信息页面",
    )


def run(args: argparse.Namespace) -> int:
    """``gkml import --entries``."""
    try:
        return _run(args)
    except Exception as exc:  # a file no rule foresaw: said in Chinese, never a traceback
        print(
            f"错误：导入信息时发生意外错误（{type(exc).__name__}: {exc}），可能只写入了一部分。"
            "请把这条信息和要导入的文件发给维护人员。",
            file=sys.stderr,
        )
        return 1


def _run(args: argparse.Namespace) -> int:
    from generator.check.diagnostics import format_human, has_errors
    from generator.edit import entry_migration as em
    from generator.load.files import FileGate
    from generator.load.folders import scan_catalogue
    from generator.settings import Settings, SettingsError
    from generator.site.output import file_refusal
    from generator.site.routes import Routes

    into = Path(args.into if args.into is not None else args.catalogue)
    if not into.is_dir():
        print(f"错误：找不到目录文件夹 {into.as_posix()}（可用 --into 或 --catalogue 指定）。", file=sys.stderr)
        return 2
    try:
        settings = Settings.from_project(Path(args.config_file), catalogue=into)
    except SettingsError as exc:
        print(f"错误：{args.config_file} 中{exc}", file=sys.stderr)
        return 2
    outputs = [Path(p) for p in (getattr(args, "report", None), args.redirects) if p]
    for output in outputs:
        refused = file_refusal(output, settings, force=True)
        if refused is not None:
            print(f"错误：{refused}。", file=sys.stderr)
            return 2
    # the sources are named on purpose: they may lie anywhere, within the limits set in mkdocs.yml
    lists, pages, problems = em.read_sources(
        [Path(args.file), *(Path(p) for p in args.pages)], FileGate(limits=settings.limits), settings.limits
    )
    if has_errors(problems) and not (lists or pages):
        print(format_human(problems))
        print("有错误，未写入任何文件。请按上面的提示修改后重新导入。")
        return 1
    gate = FileGate.within(into)
    folders = scan_catalogue(into, gate)
    plan = em.plan_migration(lists, pages, folders, gate, Routes(directory_urls=settings.directory_urls))
    problems += plan.problems
    redirects_text = ""
    if args.redirects:
        path = Path(args.redirects)
        try:
            existing = path.read_text(encoding="utf-8") if path.is_file() else ""
        except (OSError, UnicodeDecodeError):
            print(
                f"错误：无法读取已有的跳转表 {path.as_posix()}（不是 UTF-8 文本或没有读取权限），未写入任何文件。"
                "请用 --redirects 指定另一个文件，或先把它改名。",
                file=sys.stderr,
            )
            return 1
        lines, conflicts = em.merged_redirects(plan, existing, path.as_posix())
        problems += conflicts
        redirects_text = em.redirect_map(lines)
    report = em.report_markdown(plan, dry_run=args.dry_run, redirects_file=args.redirects or "")
    if args.dry_run:
        for planned in plan.writes:
            print(f"# ==> {planned.path.as_posix()}")
            print(planned.text)
        if redirects_text:
            print(f"# ==> {args.redirects}")
            print(redirects_text, end="")
    else:
        try:
            em.write_entries(plan, into)
            if args.redirects and (plan.redirects or not Path(args.redirects).exists()):
                Path(args.redirects).parent.mkdir(parents=True, exist_ok=True)
                Path(args.redirects).write_text(redirects_text, encoding="utf-8", newline="\n")
        except em.OutsideCatalogue as exc:
            print(
                f"错误：{exc.folder.as_posix()} 是指向目录文件夹以外的链接，gkml 不通过它写入，未写入任何信息。"
                "请把它换成普通文件夹后重新导入。",
                file=sys.stderr,
            )
            return 1
        except FileExistsError as exc:
            print(f"错误：文件 {exc.filename} 已经存在，gkml 不覆盖已有文件；请重新导入。", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"错误：写入失败：{exc.filename or ''} {exc.strerror or exc}", file=sys.stderr)
            return 1
    out = sys.stderr if args.dry_run else sys.stdout
    for planned in plan.writes:
        print(f"  {'将新建' if args.dry_run else '新建'} {planned.path.as_posix()}", file=out)
    if problems:
        print(format_human(problems), file=out)
    report_file = getattr(args, "report", None)
    if report_file:
        if not args.dry_run:
            Path(report_file).parent.mkdir(parents=True, exist_ok=True)
            Path(report_file).write_text(report, encoding="utf-8", newline="\n")
        print(f"导入报告：{report_file}", file=out)
        print(em.summary_line(plan), file=out)
    else:
        print(report, end="", file=out)
    if plan.writes and not args.dry_run:
        print(
            "下一步：运行 gkml check 检查导入的信息，核对推定的事项和类别，把标有“请填写”的地方改成实际内容；"
            "网站状态为“正式”之前，每条信息还要写上“审核”（审核人和审核日期）。",
            file=out,
        )
    return 1 if has_errors(problems) or (plan.left and any(x.kind in ("unplaced", "invalid") for x in plan.left)) else 0


def refuse_entry_source(path: Path) -> bool:
    """For ``gkml import`` without ``--entries``: when ``path`` is an information list or a saved
    notice (not a catalogue table), say which command reads it (on stderr) and return True."""
    from generator.edit.entry_migration import entry_source_kind

    try:
        kind = entry_source_kind(path)
    except Exception:  # the catalogue import reads the file and says what is wrong with it
        return False
    if kind is None:
        return False
    from generator.check.diagnostics import make_cell

    what = {"list": "file-entry-list", "page": "file-notice-page"}[kind]
    print(make_cell(what, path.as_posix(), name=path.as_posix()).format(), file=sys.stderr)
    return True
