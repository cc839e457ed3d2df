"""``gkml import`` and ``gkml export``: the catalogue in and out of the official table layout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import add_config_file

if TYPE_CHECKING:  # imported by the commands' functions: `gkml --help` need not load openpyxl
    from generator.exchange import importer
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
    areas, bureau = importer.known_areas(into)
    # the table is named on purpose: it may lie anywhere, within the limits set in mkdocs.yml
    parsed = importer.read_file(source, known_areas=areas, bureau=bureau, gate=FileGate(limits=settings.limits))
    if has_errors(parsed.problems):
        print(format_human(parsed.problems))
        print("有错误，未写入任何文件。请按上面的提示修改后重新导入。")
        return 1
    plan = importer.plan_import(parsed, into, force=args.force)
    problems = parsed.problems + plan.problems
    if has_errors(problems):
        print(format_human(problems))
        print("导入的事项有错误，未写入任何文件。请按上面的提示修改表格后重新导入。")
        return 1
    if args.dry_run:
        for planned in plan.writes:
            print(f"# ==> {_shown(planned.path)}")
            print(planned.text)
        err = sys.stderr
        print("\n".join(["预览（--dry-run）：未写入任何文件。", *_summary(plan, dry_run=True)]), file=err)
        if problems:
            print(format_human(problems), file=err)
        return 1 if plan.conflicts else 0
    try:
        importer.write_plan(plan)
    except OSError as exc:
        print(f"错误：写入失败：{exc.filename or ''} {exc.strerror or exc}", file=sys.stderr)
        return 1
    print("\n".join(_summary(plan, dry_run=False)))
    if problems:
        print(format_human(problems))
    if plan.writes:
        print("下一步：运行 gkml check 检查导入的事项，把标有“待填写”的地方改成本单位的实际情况。")
    return 1 if plan.conflicts else 0


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

    cmd = command("import", "导入标准目录格式的 Excel 表格（.xlsx）或 CSV，为每一行生成一个事项文件")
    cmd.add_argument("file", metavar="FILE", help="要导入的 .xlsx、.csv 文件，或 gkml export 导出的 .json 文件")
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
