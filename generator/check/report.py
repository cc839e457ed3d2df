"""公开情况: what a bureau has to catch up on as of a day, for ``gkml report`` and the staff page.

Every finding that depends on the day of the check (the rules the message table marks
``dated``: columns left unchanged too long, items overdue, dates after today, and whatever
other rule is marked so) is gathered from the diagnostics of one check, grouped by rule and
put in a fixed order: the rules in the order of the message table, the findings of a rule by
place. A rule added to the table with ``dated=True`` appears here without any change.

Nothing here blocks anything: the findings change with the day, not with the catalogue
(see :func:`generator.check.diagnostics.fails`). The report states the day it is as of;
the same catalogue and the same day give the same report, byte for byte.

Three forms are written: :func:`format_text` (a terminal), :func:`format_markdown` (a CI
job's summary) and :func:`format_json` (tools; stable keys). The staff page
(:meth:`generator.site.pages.Renderer.report`) renders the same :class:`Report`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.check.diagnostics import Diagnostic, date_relative, sort_key
from generator.check.messages import MESSAGES
from generator.model.records import Catalogue

#: The report's name, as pages and commands call it.
TITLE = "公开情况"
#: What every form of the report says about its findings.
NOT_BLOCKING = "这些发现随日期变化，不影响网站生成和合并检查。"

#: What a finding is about, as the report names it.
SUBJECT_LABELS = {"entry": "公开信息", "item": "事项", "column": "栏目"}


@dataclass(frozen=True)
class Subject:
    """What a finding is about: an entry (公开信息), an item or a column of the catalogue."""

    kind: str  #: ``entry``, ``item`` or ``column``
    id: str  #: the entry's or item's id; the column's slugs (``bzxzf/pjgl``: its address in the site)
    title: str
    area: str  #: the area's title

    @property
    def label(self) -> str:
        """``事项“公租房承租资格审核”``."""
        return f"{SUBJECT_LABELS[self.kind]}“{self.title}”"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "area": self.area}


@dataclass(frozen=True)
class Finding:
    """One finding: the diagnostic and what it is about (None when it is about no item, entry or column)."""

    diagnostic: Diagnostic
    subject: Subject | None

    def to_dict(self) -> dict[str, object]:
        """The diagnostic's JSON form (:meth:`Diagnostic.to_dict`) with ``subject``."""
        return self.diagnostic.to_dict() | {"subject": self.subject.to_dict() if self.subject else None}


@dataclass(frozen=True)
class Kind:
    """One rule that depends on the day, and what it found."""

    code: str
    title: str  #: the rule's name in the message table
    findings: tuple[Finding, ...]

    @property
    def hint(self) -> str:
        """What to do, when it is the same for every finding ('' otherwise: each finding says it)."""
        hints = {f.diagnostic.hint for f in self.findings}
        return hints.pop() if len(hints) == 1 else ""


@dataclass(frozen=True)
class Report:
    """The 公开情况 of a catalogue as of a day."""

    as_of: dt.date  #: the day, in Beijing
    bureau: str
    areas: int
    columns: int
    items: int
    entries: int
    kinds: tuple[Kind, ...]  #: every rule that depends on the day, found something or not

    @property
    def found(self) -> tuple[Kind, ...]:
        """The rules that found something."""
        return tuple(k for k in self.kinds if k.findings)

    @property
    def total(self) -> int:
        return sum(len(k.findings) for k in self.kinds)

    @property
    def scope(self) -> str:
        """``5 个领域、31 个栏目、93 个公开事项、198 条公开信息``."""
        return f"{self.areas} 个领域、{self.columns} 个栏目、{self.items} 个公开事项、{self.entries} 条公开信息"


def dated_codes() -> tuple[str, ...]:
    """The rules whose findings depend on the day, in the order of the message table."""
    return tuple(code for code, message in MESSAGES.items() if message.dated)


def build_report(
    catalogue: Catalogue,
    diagnostics: Iterable[Diagnostic],
    as_of: dt.date,
    *,
    root: Path | None = None,
    codes: Sequence[str] | None = None,
) -> Report:
    """The report of ``catalogue`` from the ``diagnostics`` of its check as of ``as_of``: the findings of
    the rules ``codes`` (by default every rule that depends on the day: :func:`dated_codes`), each
    rule listed whether it found something or not. Files inside the folder ``root`` (the project's,
    for a build that reads the catalogue by its absolute path) are shown relative to it."""
    subjects = _subjects(catalogue)
    codes = dated_codes() if codes is None else tuple(codes)
    by_code: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if date_relative(d) and d.code in codes:
            by_code.setdefault(d.code, []).append(d)
    kinds = tuple(
        Kind(
            code,
            MESSAGES[code].title,
            tuple(
                Finding(_relative(d, root), subjects.get(d.file))
                for d in sorted(by_code.get(code, ()), key=lambda d: sort_key(_relative(d, root)))
            ),
        )
        for code in codes
    )
    columns = sum(len(area.categories) for area in catalogue.areas)
    return Report(
        as_of,
        catalogue.site.bureau,
        len(catalogue.areas),
        columns,
        len(catalogue.records),
        len(catalogue.entries),
        kinds,
    )


def _relative(d: Diagnostic, root: Path | None) -> Diagnostic:
    """``d`` with its file shown relative to ``root`` when it lies inside it."""
    if root is None or not PurePosixPath(d.file).is_absolute():
        return d
    folder = PurePosixPath(root.resolve().as_posix())
    file = PurePosixPath(d.file)
    return dataclasses.replace(d, file=file.relative_to(folder).as_posix()) if folder in file.parents else d


def _subjects(catalogue: Catalogue) -> Mapping[str, Subject]:
    """What each file of the catalogue is about: an entry's, an item's or a column's file."""
    found: dict[str, Subject] = {}
    for area in catalogue.areas:
        for category in area.categories:
            if category.where:
                found[category.where] = Subject("column", f"{area.slug}/{category.slug}", category.title, area.title)
            for record in category.records:
                found[record.file] = Subject("item", record.id, record.title, area.title)
            for entry in category.entries:
                found[entry.file] = Subject("entry", entry.id, entry.title, area.title)
    return found


# -- the forms of the report ------------------------------------------------------------------------------


def _head(report: Report) -> list[str]:
    return [
        f"截至 {report.as_of.isoformat()}（北京时间）。{NOT_BLOCKING}",
        f"{report.bureau}：{report.scope}。",
    ]


def _place(d: Diagnostic) -> str:
    return d.where or "（整个目录）"


def _said(finding: Finding, kind: Kind) -> str:
    """The finding's message, with what it is about (unless the message names it) and, when the rule's
    findings differ in it, its hint."""
    d, subject = finding.diagnostic, finding.subject
    about = f"{subject.label}：" if subject and f"“{subject.title}”" not in d.message else ""
    hint = f"（提示：{d.hint}）" if d.hint and not kind.hint else ""
    return f"{about}{d.message}{hint}"


def format_text(report: Report) -> str:
    """The report for a terminal: the summary, then each rule's findings with their place."""
    lines = [f"{TITLE}报告", *_head(report), "", "发现汇总："]
    lines += [f"  {kind.title}（{kind.code}）：{len(kind.findings)} 项" for kind in report.kinds]
    lines.append(f"  共 {report.total} 项")
    if not report.total:
        lines += ["", "没有发现需要处理的问题。"]
    for kind in report.found:
        lines += ["", f"{kind.title}（{kind.code}）：{len(kind.findings)} 项"]
        for finding in kind.findings:
            lines += [f"  {_place(finding.diagnostic)}", f"    {_said(finding, kind)}"]
        if kind.hint:
            lines.append(f"  处理：{kind.hint}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text in a cell of a Markdown table: one line, its ``|`` escaped."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _code(text: str) -> str:
    """Text as inline code (file paths), with a fence longer than any run of backticks in it."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def format_markdown(report: Report) -> str:
    """The report in Markdown (GitHub's job summary, ``$GITHUB_STEP_SUMMARY``): a table of the
    rules, then one section and table per rule that found something."""
    lines = [f"# {TITLE}报告", "", *(f"{line}\n" for line in _head(report))]
    lines += ["| 发现 | 规则 | 数量 |", "| --- | --- | ---: |"]
    lines += [f"| {_cell(k.title)} | `{k.code}` | {len(k.findings)} |" for k in report.kinds]
    lines += [f"| 合计 | | {report.total} |", ""]
    if not report.total:
        lines += ["没有发现需要处理的问题。", ""]
    for kind in report.found:
        lines += [f"## {kind.title}（{len(kind.findings)} 项）", ""]
        if kind.hint:
            lines += [f"处理：{_cell(kind.hint)}", ""]
        lines += ["| 位置 | 说明 |", "| --- | --- |"]
        for finding in kind.findings:
            lines.append(f"| {_cell(_code(_place(finding.diagnostic)))} | {_cell(_said(finding, kind))} |")
        lines.append("")
    return "\n".join(lines)


def report_data(report: Report) -> dict[str, object]:
    """The report as JSON-ready data with stable keys (see :func:`format_json`)."""
    return {
        "as_of": report.as_of.isoformat(),
        "bureau": report.bureau,
        "catalogue": {
            "areas": report.areas,
            "columns": report.columns,
            "items": report.items,
            "entries": report.entries,
        },
        "total": report.total,
        "kinds": [
            {
                "code": kind.code,
                "title": kind.title,
                "count": len(kind.findings),
                "findings": [f.to_dict() for f in kind.findings],
            }
            for kind in report.kinds
        ],
    }


def format_json(report: Report) -> str:
    """The report as a JSON document: ``as_of`` (YYYY-MM-DD, Beijing), ``bureau``, ``catalogue``
    (how many areas, columns, items, entries), ``total``, and ``kinds``: every rule that depends
    on the day (``code``, ``title``, ``count``, ``findings``: each a diagnostic as ``gkml check
    --format json`` writes it, with ``subject``: the entry, item or column it is about, or null)."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
