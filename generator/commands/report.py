"""``gkml report``: 公开情况 — the findings that depend on the day — and, with ``--year``, the
figures of the annual report's 主动公开 part (Markdown and Excel).

Never blocking: the exit status is 0 whatever is found; 2 for bad input (a catalogue with
errors, wrong options), 1 when the files asked for cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import MKDOCS_CONFIG, Subparsers, add_command, add_config_file, add_today

if TYPE_CHECKING:  # imported when the report is made: `gkml --help` need not load the checks
    from generator.check.diagnostics import Diagnostic
    from generator.settings import Settings

FORMATS = ("text", "markdown", "json")


def _year(text: str) -> int:
    if len(text) == 4 and text.isdigit():
        return int(text)
    raise argparse.ArgumentTypeError(f"年份“{text}”格式不对，应为四位数字，例如 2025")


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml report``."""
    cmd = add_command(
        subparsers,
        "report",
        "公开情况报告：随日期变化的发现（栏目长期未更新、事项逾期等，不影响发布）；"
        "加 --year 给出政府信息公开工作年度报告中主动公开部分的数字",
    )
    cmd.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="输出格式：text（默认，在终端中阅读）、markdown（GitHub Actions 的任务摘要 $GITHUB_STEP_SUMMARY）、"
        "json（供工具使用）；与 --year 一起用时默认 markdown",
    )
    add_today(cmd, "报告截至哪一天（默认北京时间的今天）；日期相同，报告逐字节相同")
    cmd.add_argument(
        "--year",
        type=_year,
        default=None,
        metavar="YYYY",
        help="给出这一年年度报告中“二、主动公开政府信息情况”的数字（Markdown；加 --out 同时写出 Excel）",
    )
    cmd.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="与 --year 一起用：把年度报告的 Markdown 和 Excel（.xlsx）文件写到这个文件夹（不存在时新建）",
    )
    cmd.add_argument("--force", action="store_true", help="覆盖 --out 中已有的同名文件")
    add_config_file(cmd, f"从中读取 gkml 插件的 severity 和 limits 设置（默认 {MKDOCS_CONFIG}，不存在时用默认值）")
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml report``: 0 whatever is found, 2 for bad input, 1 when a file cannot be written."""
    from generator.check.diagnostics import apply_severity, parse_severity_overrides
    from generator.check.freshness import beijing_today
    from generator.check.messages import MESSAGES
    from generator.check.report import build_report, format_json, format_markdown, format_text
    from generator.check.run import check_catalogue
    from generator.settings import Settings, SettingsError, read_config

    if args.out is not None and args.year is None:
        print("错误：--out 只与 --year 一起使用（把年度报告写成文件）。", file=sys.stderr)
        return 2
    config_file = Path(args.config_file)
    try:
        settings = Settings.from_project(config_file, catalogue=Path(args.catalogue))
    except SettingsError as exc:
        print(f"错误：{args.config_file} 中{exc}", file=sys.stderr)
        return 2
    today = args.today or beijing_today()
    if args.year is not None:
        return _annual(args, settings, today)
    severity, problems = parse_severity_overrides(settings.severity)
    if problems:
        print(f"{args.config_file} 中 gkml 插件的 severity 设置有误：" + "；".join(problems) + "。", file=sys.stderr)
        return 2
    # A rule a bureau made an error is still reported, not a reason to have no report.
    undated = {code: level for code, level in severity.items() if not MESSAGES[code].dated}
    config = read_config(config_file)
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs") if config else None
    catalogue, diagnostics = check_catalogue(
        settings.catalogue,
        today=today,
        docs_dir=docs_dir,
        docs_shown=docs_dir.as_posix() if docs_dir else "",
        severity=undated,
        gate=settings.gate(),
        attachment_cache=settings.attachment_cache() if config_file.is_file() else None,
    )
    if catalogue is None:
        return _bad_catalogue(settings.catalogue, diagnostics)
    report = build_report(catalogue, apply_severity(diagnostics, severity), today)
    findings = {"text": format_text, "markdown": format_markdown, "json": format_json}
    sys.stdout.write(findings[args.format or "text"](report))
    return 0


def _bad_catalogue(folder: Path, diagnostics: list[Diagnostic]) -> int:
    from generator.check.diagnostics import format_human
    from generator.check.severity import Severity

    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    print(format_human(errors), file=sys.stderr)
    print(
        f"目录 {folder.as_posix()} 中有错误，无法生成报告。请先按上面的提示修改（可运行 gkml check）。",
        file=sys.stderr,
    )
    return 2


def annual_file_names(year: int) -> tuple[str, str]:
    """The Markdown and Excel files ``gkml report --year`` writes into ``--out``."""
    stem = f"{year}年度报告-主动公开政府信息情况"
    return f"{stem}.md", f"{stem}.xlsx"


def _annual(args: argparse.Namespace, settings: Settings, today: dt.date) -> int:
    from generator.exchange.annual import annual_data, annual_figures, annual_markdown
    from generator.exchange.annual_workbook import annual_xlsx
    from generator.load.catalogue import load_catalogue
    from generator.site.output import file_refusal

    out = Path(args.out) if args.out is not None else None
    if out is not None and out.exists() and not out.is_dir():
        print(f"错误：{out.as_posix()} 不是文件夹（--out 应指定一个文件夹）。", file=sys.stderr)
        return 2
    catalogue, diagnostics = load_catalogue(settings.catalogue, git_dates=False, gate=settings.gate())
    if catalogue is None:
        return _bad_catalogue(settings.catalogue, diagnostics)
    figures = annual_figures(catalogue, args.year, today=today)
    if out is None:
        if args.format == "json":
            sys.stdout.write(json.dumps(annual_data(figures), ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(annual_markdown(figures))
            print("（要同时得到 Excel 文件，请加 --out 文件夹。）", file=sys.stderr)
        return 0
    markdown_name, xlsx_name = annual_file_names(args.year)
    stamp = dt.datetime.fromisoformat(catalogue.newest_change())
    files = [
        (out / markdown_name, annual_markdown(figures).encode("utf-8")),
        (out / xlsx_name, annual_xlsx(figures, stamp)),
    ]
    for path, _ in files:
        refused = file_refusal(path, settings, force=args.force)
        if refused is not None:
            print(f"错误：{refused}。没有写入任何文件。", file=sys.stderr)
            return 1
    try:
        out.mkdir(parents=True, exist_ok=True)
        for path, data in files:
            path.write_bytes(data)
    except OSError as exc:
        print(f"错误：无法写入 {exc.filename or out.as_posix()}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    for path, data in files:
        print(f"已写出：{path.as_posix()}（{len(data):,} 字节）", file=sys.stderr)
    return 0
