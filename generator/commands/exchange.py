"""``gkml import`` and ``gkml export``: the catalogue in and out of the official table layout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from generator.commands.common import add_config_file
from generator.commands.progress import Ticker

if TYPE_CHECKING:  # imported by the commands' functions: `gkml --help` need not load openpyxl
    from generator.check.diagnostics import Diagnostic
    from generator.exchange import importer
    from generator.exchange.rows import Parsed
    from generator.model.records import Catalogue

FORMATS = ("xlsx", "csv", "json", "schema")
_SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}


def _shown(path: Path) -> str:
    return path.as_posix()


# -- import -------------------------------------------------------------------------------------------------


def _summary(plan: importer.Plan, dry_run: bool) -> list[str]:
    from generator.exchange import importer

    verb = {importer.NEW: "新建", importer.OVERWRITE: "覆盖"}
    records = [f for f in plan.writes if f.kind == "record"]
    settings = [f for f in plan.writes if f.kind != "record"]
    head = "将要写入" if dry_run else "已写入"
    lines = [f"{head} {len(records)} 个事项文件、{len(settings)} 个设置文件（{_shown(plan.into)}/）："]
    for planned in plan.writes:
        source = f" ← {planned.item.source}" if planned.item else ""
        lines.append(f"  {verb[planned.status]} {_shown(planned.path)}{source}")
        if planned.replaces is not None:
            lines.append(f"    （同一编号的原文件 {_shown(planned.replaces)} 将被删除）")
    if plan.unchanged:
        lines.append(f"{len(plan.unchanged)} 个事项与目录中已有的相同，未改动。")
    if plan.conflicts:
        lines.append(
            f"以下 {len(plan.conflicts)} 个事项在目录中已存在且内容不同，未覆盖（要用表格中的内容覆盖，请加 --force）："
        )
        for planned in plan.conflicts:
            source = f" ← {planned.item.source}" if planned.item else ""
            lines.append(f"  {_shown(planned.path)}（编号 {_record_id(planned.text)}）{source}")
    return lines


def _record_id(text: str) -> str:
    return next((line[4:].strip() for line in text.splitlines() if line.startswith("id: ")), "")


def _run_import(args: argparse.Namespace) -> int:
    with Ticker("正在导入"):  # on a terminal: what is being done, for how long; nothing in CI logs
        return _run_import_with(args)


def _run_import_with(args: argparse.Namespace) -> int:
    from generator.commands import import_entries  # gkml import --entries: information of the old site

    if args.entries or args.pages or args.redirects:
        return import_entries.run(args)
    if import_entries.refuse_entry_source(Path(args.file)):
        return 2
    try:
        return _import(args)
    except Exception as exc:  # a file no rule foresaw: say so in Chinese, never a traceback
        print(
            f"错误：导入时发生意外错误（{type(exc).__name__}: {exc}），未写入任何文件或只写入了一部分。"
            "请把这条信息和要导入的文件发给维护人员。",
            file=sys.stderr,
        )
        return 1


def _import(args: argparse.Namespace) -> int:
    from generator.check.diagnostics import format_human, has_errors
    from generator.exchange import importer
    from generator.load.files import FileGate
    from generator.settings import Settings, SettingsError
    from generator.site.output import file_refusal

    source = Path(args.file)
    into = Path(args.into if args.into is not None else args.catalogue)
    if into.exists() and not into.is_dir():
        print(f"错误：{_shown(into)} 不是文件夹（--into 应指定目录文件夹）。", file=sys.stderr)
        return 2
    try:
        settings = Settings.from_project(Path(args.config_file), catalogue=into)
    except SettingsError as exc:
        print(f"错误：{args.config_file} 中{exc}", file=sys.stderr)
        return 2
    if args.report is not None:
        refused = file_refusal(Path(args.report), settings, force=True)
        if refused is not None:
            print(f"错误：{refused}。", file=sys.stderr)
            return 2
    areas, bureau = importer.known_areas(into)
    # the table is named on purpose: it may lie anywhere, within the limits set in mkdocs.yml
    gate = FileGate(limits=settings.limits)
    area = (args.area or "").strip()
    parsed = importer.read_file(source, known_areas=areas, bureau=bureau, gate=gate, lenient=not args.strict, area=area)
    if has_errors(parsed.problems):
        print(format_human(parsed.problems))
        print("有错误，未写入任何文件。请按上面的提示修改后重新导入。")
        _report(args, parsed, None, parsed.problems)
        return 1
    plan = importer.plan_import(parsed, into, force=args.force)
    problems = parsed.problems + plan.problems
    personal = [d for d in problems if d.code in importer.PRIVACY_CODES]
    if has_errors([d for d in problems if d.code not in importer.PRIVACY_CODES]) or (personal and args.strict):
        print(format_human(problems))
        print("导入的事项有错误，未写入任何文件。请按上面的提示修改表格后重新导入。")
        _report(args, parsed, None, problems)
        return 1
    if args.dry_run:
        for planned in plan.writes:
            print(f"# ==> {_shown(planned.path)}")
            print(planned.text)
        err = sys.stderr
        print("\n".join(["预览（--dry-run）：未写入任何文件。", *_summary(plan, dry_run=True)]), file=err)
        if problems:
            print(format_human(problems), file=err)
        _report(args, parsed, plan, problems, dry_run=True, out=err)
        return 1 if plan.conflicts or personal else 0
    try:
        importer.write_plan(plan)
    except OSError as exc:
        print(f"错误：写入失败：{exc.filename or ''} {exc.strerror or exc}", file=sys.stderr)
        return 1
    print("\n".join(_summary(plan, dry_run=False)))
    if problems:
        print(format_human(problems))
    _report(args, parsed, plan, problems)
    if personal:
        print(
            f"注意：导入的内容中有 {len(personal)} 处个人信息（手机号码、身份证号等），已原样写入事项文件，"
            "gkml check 会一直报错、网站不能生成，请按上面的位置删除后再检查。"
        )
    if plan.writes and args.report is not None:  # the printed report ends with the next step
        print(
            "下一步：运行 gkml check 检查导入的事项，把标有“待核实”“待填写”的地方改成本单位的实际情况"
            "（网站状态为“试运行”时可以先 gkml build 预览）。"
        )
    return 1 if plan.conflicts or personal else 0


def _report(
    args: argparse.Namespace,
    parsed: Parsed,
    plan: importer.Plan | None,
    problems: list[Diagnostic],
    *,
    dry_run: bool = False,
    out: TextIO | None = None,
) -> None:
    """The migration report: into ``--report`` (its one-line summary printed), or printed whole (not when
    nothing is written: then the messages say why)."""
    from generator.exchange import migration

    report = migration.file_report(parsed, plan, problems)
    text = migration.markdown([report], dry_run=dry_run)
    if args.report is None:
        if plan is not None:
            print(text, file=out or sys.stdout)
        return
    path = Path(args.report)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        print(f"错误：无法写入导入报告 {_shown(path)}：{exc.strerror or exc}", file=sys.stderr)
        return
    print(f"导入报告：{_shown(path)}。{migration.summary([report])}", file=out or sys.stdout)


# -- export -------------------------------------------------------------------------------------------------


def export_bytes(catalogue: Catalogue, fmt: str) -> bytes:
    """The export of ``catalogue`` in format ``fmt`` (xlsx, csv, json), as the bytes of its file."""
    from generator.exchange import export, opendata

    if fmt == "xlsx":
        return export.xlsx_bytes(catalogue)
    if fmt == "csv":
        return export.csv_bytes(catalogue)
    if fmt == "json":
        return opendata.json_text(catalogue).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def _run_export(args: argparse.Namespace) -> int:
    from generator.check.diagnostics import format_human
    from generator.exchange import opendata
    from generator.load.catalogue import load_catalogue
    from generator.settings import Settings, SettingsError
    from generator.site.output import file_refusal

    output = args.output
    fmt = args.format or (None if output == "-" else _SUFFIX_FORMATS.get(Path(output).suffix.lower()))
    if fmt is None:
        print(
            "错误：请用 --format 指定格式（xlsx、csv、json），或让 -o 的文件名以 .xlsx、.csv、.json 结尾。",
            file=sys.stderr,
        )
        return 2
    try:
        settings = Settings.from_project(Path(args.config_file), catalogue=Path(args.catalogue))
    except SettingsError as exc:
        print(f"错误：{args.config_file} 中{exc}", file=sys.stderr)
        return 2
    refused = file_refusal(Path(output), settings, force=args.force) if output != "-" else None
    if refused is not None:
        print(f"错误：{refused}。", file=sys.stderr)
        return 1
    if fmt == "schema":
        data = opendata.export_schema_json().encode("utf-8")
    else:
        folder = Path(args.catalogue)
        catalogue, diagnostics = load_catalogue(folder, git_dates=False, gate=settings.gate())
        if catalogue is None:
            print(format_human(diagnostics), file=sys.stderr)
            print(
                f"目录 {_shown(folder)} 中有错误，未导出。请先按上面的提示修改（可运行 gkml check）。", file=sys.stderr
            )
            return 1
        data = export_bytes(catalogue, fmt)
    if output == "-":
        if fmt == "xlsx":
            print("错误：xlsx 不能输出到屏幕，请用 -o 指定文件名。", file=sys.stderr)
            return 2
        sys.stdout.buffer.write(data)
        return 0
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        print(f"错误：无法写入 {_shown(path)}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"已导出：{_shown(path)}（{len(data):,} 字节）", file=sys.stderr)
    return 0


def add_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``gkml import`` and ``gkml export`` (``command(name, help)`` makes a subparser)."""
    from generator.commands import import_entries  # its options only: nothing heavy is loaded

    cmd = command(
        "import",
        "导入已发布的标准目录表格（Excel .xlsx/.xls、Word .docx、保存的网页 .html、CSV），每行生成一个事项文件",
    )
    cmd.add_argument(
        "file",
        metavar="FILE",
        help="要导入的 .xlsx、.xls、.docx、.html/.htm、.csv 文件，或 gkml export 导出的 .json 文件",
    )
    cmd.add_argument(
        "--strict",
        action="store_true",
        help="严格模式（用于持续集成）：有任何不能直接对应标准写法的内容就报错，不写入任何文件；"
        "默认会导入，并把这些地方写成“【待核实：原文“…”】”",
    )
    cmd.add_argument("--area", metavar="领域", help="表格没有标题行、无法得知领域时，按这个领域导入（如 保障性住房）")
    cmd.add_argument("--report", metavar="FILE.md", help="把导入报告写入这个文件（默认直接显示）")
    cmd.add_argument("--into", metavar="DIR", help="写入的目录文件夹（默认与 --catalogue 相同）")
    cmd.add_argument("--dry-run", action="store_true", help="只显示将要写入的文件和内容，不写入")
    cmd.add_argument("--force", action="store_true", help="覆盖目录中已有的、内容不同的同一事项")
    add_config_file(cmd, "MkDocs 配置文件（默认 mkdocs.yml），从中读取 gkml 插件的 limits 设置")
    import_entries.add_arguments(cmd)
    cmd.set_defaults(run=_run_import)

    cmd = command("export", "把目录导出为标准目录格式的 Excel 表格（.xlsx）、CSV 或 JSON（开放数据）")
    cmd.add_argument(
        "--format",
        choices=FORMATS,
        help="xlsx：标准目录格式，可直接报送；csv：UTF-8（带 BOM），Excel 可直接打开；json：开放数据，"
        "格式见 JSON Schema；schema：输出该 JSON Schema。默认按 -o 的扩展名",
    )
    cmd.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="输出文件（csv、json、schema 可用 - 输出到屏幕）"
    )
    cmd.add_argument("--force", action="store_true", help="覆盖已有的同名文件（目录、网站内容等文件夹中仍不能写入）")
    add_config_file(cmd, "MkDocs 配置文件（默认 mkdocs.yml），从中得知哪些文件夹不能写入、读取的上限")
    cmd.set_defaults(run=_run_export)
