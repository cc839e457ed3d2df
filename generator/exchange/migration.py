"""The migration report of ``gkml import`` (``--report FILE.md``, or printed): what became of each row.

Per source file: rows read, records written, placeholders by kind, guesses by kind, rows without
a name, rows not matched to the national standard and the standard's items the import did not
cover; then one line that sums it up. In Chinese, for the bureau's staff. Its figures add up:
rows read = records + rows without a name + title and note rows + rows with an error, and
records = written + unchanged + not overwritten + refused by the check (tested).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.check.diagnostics import Diagnostic
from generator.exchange.importer import EXISTS, NEW, OVERWRITE, UNCHANGED, Plan
from generator.exchange.matching import uncovered
from generator.exchange.rows import Parsed
from generator.model.standard import StandardItem, standard_areas

#: Diagnostics that stand for one placeholder written into a record (or the bureau's settings).
PLACEHOLDER_CODES = frozenset(
    {"import-placeholder", "import-missing", "website-placeholder", "other-placeholder", "group-placeholder"}
)
#: Diagnostics that stand for one guess, and the kind they are counted under when they name no column.
GUESS_CODES = {
    "import-guess": "表头",
    "import-level1-continued": "一级事项沿用上一行",
    "import-area-inferred": "领域（由事项推断）",
    "import-title-in-table": "领域（表格中间的标题行）",
}


@dataclass
class FileReport:
    """What became of one source file's rows."""

    file: str
    rows_read: int = 0
    records: int = 0  #: rows that became records
    unnamed: int = 0
    notes: int = 0  #: title, note and legend rows
    failed: int = 0
    written: int = 0  #: new or overwritten
    new: int = 0
    overwritten: int = 0
    unchanged: int = 0
    conflicts: int = 0  #: a different record of the same item exists (not overwritten without --force)
    refused: int = 0  #: rows whose record the check refused (errors reported)
    placeholders: Counter[str] = field(default_factory=Counter)
    guesses: Counter[str] = field(default_factory=Counter)
    unnamed_rows: list[str] = field(default_factory=list)  #: each with its full text
    unmatched: list[str] = field(default_factory=list)  #: ``sheet 第 n 行：名称``
    uncovered: dict[str, list[str]] = field(default_factory=dict)  #: area → standard items not imported
    errors: int = 0
    warnings: int = 0

    @property
    def placeholder_total(self) -> int:
        return sum(self.placeholders.values())

    @property
    def guess_total(self) -> int:
        return sum(self.guesses.values())


def _kind(problem: Diagnostic, default: str) -> str:
    return problem.element or default


def file_report(parsed: Parsed, plan: Plan | None, problems: list[Diagnostic]) -> FileReport:
    """The report of one file: ``parsed`` as read, ``plan`` (None when nothing is written), all ``problems``."""
    report = FileReport(parsed.file, parsed.rows_read, len(parsed.items), parsed.rows_unnamed)
    report.notes, report.failed = parsed.rows_skipped, parsed.rows_failed
    for problem in problems:
        if problem.code in PLACEHOLDER_CODES:
            report.placeholders[_kind(problem, "其他")] += 1
        elif problem.code in GUESS_CODES:
            report.guesses[_kind(problem, GUESS_CODES[problem.code])] += 1
        if problem.code == "import-row-unnamed":
            place = f"{problem.sheet or problem.file} 第 {problem.row} 行"
            report.unnamed_rows.append(f"{place}：{problem.message.split('原文：', 1)[-1]}")
        report.errors += problem.severity.value == "error"
        report.warnings += problem.severity.value == "warning"
    if plan is not None:
        records = [f for f in plan.files if f.kind == "record"]
        report.new = sum(1 for f in records if f.status == NEW)
        report.overwritten = sum(1 for f in records if f.status == OVERWRITE)
        report.unchanged = sum(1 for f in records if f.status == UNCHANGED)
        report.conflicts = sum(1 for f in records if f.status == EXISTS)
        report.written = report.new + report.overwritten
        report.refused = report.records - len(records)
    else:
        report.refused = report.records
    matched: dict[str, list[StandardItem]] = {}
    for item in parsed.items:
        if item.standard is None:
            report.unmatched.append(f"{item.source}：{item.category} › {item.record.name}")
        else:
            matched.setdefault(item.area, []).append(item.standard)
    for area in dict.fromkeys(item.area for item in parsed.items):
        if area in standard_areas():
            missing = uncovered(area, matched.get(area, []))
            if missing:
                report.uncovered[area] = [
                    f"{i.level1} › {i.level2}" + (f" › {i.level3}" if i.level3 else "") for i in missing
                ]
    return report


def _name(item: StandardItem) -> str:
    return f"{item.level1} › {item.level2}" + (f" › {item.level3}" if item.level3 else "")


def summary(reports: list[FileReport]) -> str:
    """The one line that sums the reports up."""
    rows = sum(r.rows_read for r in reports)
    written = sum(r.written for r in reports)
    records = sum(r.records for r in reports)
    placeholders = sum(r.placeholder_total for r in reports)
    guesses = sum(r.guess_total for r in reports)
    unmatched = sum(len(r.unmatched) for r in reports)
    unnamed = sum(r.unnamed for r in reports)
    return (
        f"合计：读取 {rows} 行，得到 {records} 个事项，写入 {written} 个事项文件；"
        f"待核实 {placeholders} 处，推断 {guesses} 处；{unnamed} 行没有事项名称未导入；"
        f"{unmatched} 个事项未能对应国家标准目录。"
    )


def _counts(counter: Counter[str]) -> str:
    return "、".join(f"{kind} {n}" for kind, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) or "无"


def markdown(reports: list[FileReport], *, dry_run: bool = False) -> str:
    """The report as Markdown (readable as plain text too)."""
    lines = ["# 导入报告（gkml import）", ""]
    if dry_run:
        lines += ["预览（--dry-run）：未写入任何文件，下面的“写入”是将要写入的数目。", ""]
    for r in reports:
        lines += [f"## {r.file}", ""]
        lines.append(
            f"- 读取 {r.rows_read} 行：事项 {r.records} 行，没有事项名称的 {r.unnamed} 行，"
            f"标题或说明 {r.notes} 行，有错误未导入的 {r.failed} 行"
        )
        lines.append(
            f"- 事项 {r.records} 个：写入 {r.written} 个（新建 {r.new}、覆盖 {r.overwritten}），"
            f"与已有的相同未改动 {r.unchanged} 个，已存在且不同未覆盖 {r.conflicts} 个，有错误未写入 {r.refused} 个"
        )
        lines.append(f"- 待核实（占位文字）{r.placeholder_total} 处：{_counts(r.placeholders)}")
        lines.append(f"- 推断 {r.guess_total} 处：{_counts(r.guesses)}")
        lines.append(f"- 问题：错误 {r.errors} 个，警告 {r.warnings} 个（逐条见 gkml import 的输出）")
        if r.unnamed_rows:
            lines += ["", "### 没有事项名称、未导入的行", ""]
            lines += [f"- {row}" for row in r.unnamed_rows]
        lines += ["", f"### 未能对应国家标准目录的事项（{len(r.unmatched)} 个）", ""]
        lines += [f"- {row}" for row in r.unmatched] or ["- 无"]
        for area, items in r.uncovered.items():
            lines += ["", f"### “{area}”领域中本次没有导入的国家标准事项（{len(items)} 个）", ""]
            lines += [f"- {name}" for name in items]
        lines.append("")
    lines += [summary(reports), ""]
    lines += [
        "下一步：运行 gkml check，逐条处理“待核实”和“推断”；网站状态为“试运行”时可以先构建预览，"
        "全部处理完后才能把 _site.yaml 的“状态”改为“正式”。",
        "",
    ]
    return "\n".join(lines)
