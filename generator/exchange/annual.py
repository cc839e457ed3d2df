"""年度报告: the figures of the 主动公开 part of a bureau's annual report, from its entries (公开信息).

The annual report (政府信息公开工作年度报告, format of 国办公开办函〔2021〕30号) has six parts;
part 二 (主动公开政府信息情况) is four small tables, each headed by the clause of 条例第二十条 it
reports. What published entries can give is the first: 规章 and 行政规范性文件, counted from the
entries whose 类别 is ``规章`` or ``规范性文件`` (:data:`POLICY_ROWS`):

* 本年制发: 发布日期 in the year;
* 本年废止: 有效性 ``已废止`` with its 日期 in the year (:func:`repealed_on`: the 发布日期 when it is later);
* 现行有效: published by 31 December and not ``已废止`` by then (``已修改``: amended, still in force).

So, by construction, 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y) (:attr:`PolicyRow.balance`).
The other tables (行政许可, 行政处罚, 行政强制 decisions, 行政事业性收费) come from other systems:
gkml shows them as :data:`TO_FILL`, never 0; so is every figure of a year no entry was published
in. What else the entries honestly give (entries published by 类别, policies and their 解读) is a
separate table, not part of the national format. README says where each figure comes from.

:func:`annual_markdown` writes it all as Markdown, :func:`annual_data` as JSON-ready data; the
workbook is :func:`generator.exchange.annual_workbook.annual_xlsx`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model.entries import CATEGORIES, INTERPRETATION, POLICY_CATEGORIES, REPEALED, Entry, Links
from generator.model.records import Catalogue

#: What the report shows for a figure gkml cannot know.
TO_FILL = "需另行填写"
#: The rows of 第二十条第（一）项: how the national format names them, and the entries' 类别.
POLICY_ROWS: tuple[tuple[str, str], ...] = (("规章", "规章"), ("行政规范性文件", "规范性文件"))
#: The columns of 第二十条第（一）项.
POLICY_COLUMNS = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
#: The other three tables of part 二: (clause, header of the figure, rows); all from other systems.
OTHER_TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
    ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", ("行政事业性收费",)),
)
POLICY_CLAUSE = "第二十条第（一）项"
PART_TWO = "二、主动公开政府信息情况"
#: The parts of the report gkml knows nothing of, and where their content comes from.
OTHER_PARTS: tuple[tuple[str, str], ...] = (
    ("一、总体情况", "本年度政务公开工作的总体情况"),
    (
        "二、主动公开政府信息情况",
        "第二十条第（五）项（行政许可）、第（六）项（行政处罚、行政强制）、第（八）项（行政事业性收费）的数字，"
        "从审批、执法和财务系统中取得",
    ),
    ("三、收到和处理政府信息公开申请情况", "依申请公开的登记台账"),
    ("四、政府信息公开行政复议、行政诉讼情况", "复议和诉讼的记录"),
    ("五、存在的主要问题及改进情况", "本单位的总结"),
    ("六、其他需要报告的事项", "收取信息处理费的情况、人大代表建议和政协提案办理结果公开情况等"),
)
#: A county cannot make 规章 (only State Council departments and provincial and larger city governments can).
RULES_NOTE = (
    "规章只能由国务院部门和省、自治区、直辖市以及设区的市、自治州的人民政府制定，县级机关的“规章”一行通常为 0："
    "目录中类别为“规章”的公开信息多是转载的上级规章，请按下面所列的文件核对后再填写。"
)
_DOC_NO_YEAR = re.compile(r"〔(\d{4})〕")


@dataclass(frozen=True)
class PolicyRow:
    """One row of 第二十条第（一）项, with the entries each figure counts."""

    label: str  #: 规章, 行政规范性文件
    category: str  #: the entries' 类别
    issued: tuple[Entry, ...]  #: 本年制发
    repealed: tuple[Entry, ...]  #: 本年废止
    in_force: tuple[Entry, ...]  #: 现行有效 on 31 December
    in_force_before: tuple[Entry, ...]  #: 现行有效 on 31 December of the year before

    @property
    def balance(self) -> bool:
        """Whether 现行有效 = 现行有效 a year before + 本年制发 − 本年废止 (true by construction)."""
        return len(self.in_force) == len(self.in_force_before) + len(self.issued) - len(self.repealed)


@dataclass(frozen=True)
class AnnualFigures:
    """What the entries give for the annual report of ``year``."""

    year: int
    bureau: str
    published: tuple[Entry, ...]  #: every entry published in the year
    rows: tuple[PolicyRow, ...]
    #: policies (规章, 规范性文件, 其他政策文件) published in the year, and those of them a 解读 names
    policies: tuple[Entry, ...]
    interpreted: tuple[Entry, ...]
    unfinished: dt.date | None  #: the day the figures are as of, when the year is not over

    @property
    def known(self) -> bool:
        """Whether the entries say anything of the year: false when none was published in it."""
        return bool(self.published)

    def by_category(self) -> list[tuple[str, int]]:
        """How many entries were published in the year, by 类别 (every 类别, in the order of the model)."""
        return [(c, sum(1 for e in self.published if e.category == c)) for c in CATEGORIES]


def _end(year: int) -> str:
    return f"{year}-12-31"


def repealed_on(entry: Entry) -> str:
    """The day ``entry`` counts as repealed ('' when it is not 已废止): its 有效性's 日期, or its 发布日期
    when that is later (a document published after it was repealed was in force on no day)."""
    if entry.validity.state != REPEALED:
        return ""
    return max(entry.validity.date, entry.published)


def _repealed_by(entry: Entry, day: str) -> bool:
    return bool(repealed_on(entry)) and repealed_on(entry) <= day


def _in_force(entries: Sequence[Entry], day: str) -> tuple[Entry, ...]:
    return tuple(e for e in entries if e.published <= day and not _repealed_by(e, day))


def _sorted(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.published, e.id)))


def annual_figures(catalogue: Catalogue, year: int, *, today: dt.date) -> AnnualFigures:
    """The figures of ``year`` from the entries of ``catalogue``; ``today`` (Beijing) tells
    whether the year is over."""
    entries = catalogue.entries
    prefix, end = f"{year}-", _end(year)
    rows = []
    for label, category in POLICY_ROWS:
        kind = [e for e in entries if e.category == category]
        issued = [e for e in kind if e.published.startswith(prefix)]
        repealed = [e for e in kind if repealed_on(e).startswith(prefix)]
        rows.append(
            PolicyRow(
                label,
                category,
                _sorted(issued),
                _sorted(repealed),
                _sorted(_in_force(kind, end)),
                _sorted(_in_force(kind, _end(year - 1))),
            )
        )
    published = _sorted([e for e in entries if e.published.startswith(prefix)])
    policies = tuple(e for e in published if e.category in POLICY_CATEGORIES)
    named_by = Links.of(entries).named_by
    interpreted = tuple(
        e for e in policies if any(other.category == INTERPRETATION for other in named_by.get(e.id, ()))
    )
    unfinished = today if today.isoformat() <= end else None
    return AnnualFigures(year, catalogue.site.bureau, published, tuple(rows), policies, interpreted, unfinished)


def remark(entry: Entry, year: int) -> str:
    """What to look at before counting ``entry`` as made in ``year``: a 文号 of another year."""
    match = _DOC_NO_YEAR.search(entry.doc_no)
    if match and int(match[1]) != year:
        return f"文号年份为 {match[1]}，请核对是否为本年制发"
    return ""


def figure(figures: AnnualFigures, counted: Sequence[Entry]) -> int | None:
    """A figure of 第二十条第（一）项: how many entries ``counted`` holds; None (:data:`TO_FILL`) when the
    entries say nothing of the year."""
    return len(counted) if figures.known else None


def policy_cells(figures: AnnualFigures, row: PolicyRow) -> tuple[int | None, int | None, int | None]:
    """本年制发, 本年废止, 现行有效 of ``row`` (None: :data:`TO_FILL`)."""
    return figure(figures, row.issued), figure(figures, row.repealed), figure(figures, row.in_force)


def title(figures: AnnualFigures) -> str:
    """The report's title."""
    return f"{figures.bureau} {figures.year} 年政府信息公开工作年度报告：主动公开政府信息情况"


def notes(figures: AnnualFigures) -> list[str]:
    """What to know before using the figures: the year is not over, no entry was published in it."""
    out = []
    if figures.unfinished is not None:
        out.append(
            f"{figures.year} 年尚未结束：以下数字截至 {figures.unfinished.isoformat()}（北京时间），"
            "年度报告应在次年 1 月 31 日前按全年的数字填写。"
        )
    if not figures.known:
        out.append(
            f"目录中没有发布日期在 {figures.year} 年的公开信息，gkml 无法得出这一年的任何数字："
            f"下表各项都{TO_FILL}（请核对年份；这一年的信息没有录入 gkml 时，请按本单位的台账填写）。"
        )
    return out


# -- Markdown ---------------------------------------------------------------------------------------------


def _shown(value: int | None) -> str:
    return TO_FILL if value is None else str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: int = 1) -> list[str]:
    """A Markdown table; the columns from ``numeric`` on are right-aligned."""
    align = ["---" if i < numeric else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _part_two(figures: AnnualFigures) -> list[str]:
    lines = [f"## {PART_TWO}", "", f"**{POLICY_CLAUSE}**", ""]
    rows = [[row.label, *(_shown(v) for v in policy_cells(figures, row))] for row in figures.rows]
    lines += _table(POLICY_COLUMNS, rows)
    for clause, header, labels in OTHER_TABLES:
        lines += [f"**{clause}**", ""]
        lines += _table(("信息内容", header), [[label, TO_FILL] for label in labels])
    return lines


def _sources(figures: AnnualFigures) -> list[str]:
    year, end = figures.year, _end(figures.year)
    lines = [
        "## 数字的来源",
        "",
        "第二十条第（一）项按目录中的公开信息统计（“规章”一行：类别为“规章”的；“行政规范性文件”一行：类别为“规范性文件”的）：",
        "",
        f"- 本年制发：发布日期在 {year} 年内；",
        f"- 本年废止：有效性为“已废止”、其日期在 {year} 年内（日期早于发布日期的，按发布日期计）；",
        f"- 现行有效：发布日期不晚于 {end}，且到 {end} 没有废止（“已修改”的文件修改后继续有效，计为现行有效）。",
        "",
        "因此现行有效 = 上年末现行有效 + 本年制发 − 本年废止："
        + "；".join(
            f"{row.label} {len(row.in_force)} = {len(row.in_force_before)} + {len(row.issued)} − {len(row.repealed)}"
            for row in figures.rows
        )
        + "。",
        "",
    ]
    if any(policy_cells(figures, row) != (0, 0, 0) for row in figures.rows if row.category == "规章"):
        lines += [RULES_NOTE, ""]
    lines += ["### 计入的文件", ""]
    for row in figures.rows:
        for name, counted in (("本年制发", row.issued), ("本年废止", row.repealed), ("现行有效", row.in_force)):
            lines += [f"**{row.label} · {name}（{len(counted)} 件）**", ""]
            if not counted:
                lines += ["无。", ""]
                continue
            listed = [
                [e.published, e.title, e.doc_no, e.publisher, _state(e), remark(e, year) if name == "本年制发" else ""]
                for e in counted
            ]
            lines += _table(("发布日期", "标题", "文号", "发布机构", "有效性", "备注"), listed, numeric=6)
    return lines


def _state(entry: Entry) -> str:
    validity = entry.validity
    return f"{validity.state}（{validity.date}）" if validity.date else validity.state


def _others(figures: AnnualFigures) -> list[str]:
    year = figures.year
    lines = [
        "## 其他统计（不属于年度报告的表格）",
        "",
        "目录中的公开信息还能给出以下数字，可供撰写“一、总体情况”参考。",
        "",
    ]
    rows = [[category, str(count)] for category, count in figures.by_category()]
    lines += _table(("类别", f"{year} 年发布的公开信息（条）"), [*rows, ["合计", str(len(figures.published))]])
    lines += _table(
        ("政策文件和解读", "数量"),
        [
            [f"{year} 年发布的政策文件（规章、规范性文件、其他政策文件）", str(len(figures.policies))],
            ["其中有政策解读的（政策解读的“关联”写明了它）", str(len(figures.interpreted))],
            [f"{year} 年发布的政策解读", str(sum(1 for e in figures.published if e.category == INTERPRETATION))],
        ],
    )
    return lines


def annual_markdown(figures: AnnualFigures) -> str:
    """The 主动公开 part of the annual report, the figures' sources and the documents they count,
    the other statistics, and what else the report needs (:data:`OTHER_PARTS`)."""
    lines = [f"# {title(figures)}", ""]
    lines += [
        f"由 gkml 根据目录中的公开信息统计，供填写年度报告（国办公开办函〔2021〕30号规定的格式）的第二部分；"
        f"标“{TO_FILL}”的数字 gkml 无法得知，不是 0。",
        "",
    ]
    lines += [line for note in notes(figures) for line in (f"> {note}", "")]
    lines += _part_two(figures)
    if figures.known:
        lines += _sources(figures) + _others(figures)
    lines += ["## 年度报告的其他部分（需另行填写）", ""]
    lines += [f"- {part}：{source}。" for part, source in OTHER_PARTS]
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------------------------


def _entry_data(entry: Entry) -> dict[str, str]:
    return {"id": entry.id, "title": entry.title, "published": entry.published, "doc_no": entry.doc_no}


def annual_data(figures: AnnualFigures) -> dict[str, object]:
    """The figures as JSON-ready data with stable keys; a figure gkml cannot know is null, never 0."""
    policy = {}
    for row in figures.rows:
        issued, repealed, in_force = policy_cells(figures, row)
        policy[row.label] = {
            "category": row.category,
            "issued": issued,
            "repealed": repealed,
            "in_force": in_force,
            "entries": {
                "issued": [_entry_data(e) for e in row.issued] if figures.known else [],
                "repealed": [_entry_data(e) for e in row.repealed] if figures.known else [],
                "in_force": [_entry_data(e) for e in row.in_force] if figures.known else [],
            },
        }
    others = {label: None for _, _, labels in OTHER_TABLES for label in labels}
    return {
        "year": figures.year,
        "bureau": figures.bureau,
        "known": figures.known,
        "as_of": figures.unfinished.isoformat() if figures.unfinished else None,
        "policy": policy,
        "other_tables": others,
        "statistics": {
            "published": dict(figures.by_category()) | {"合计": len(figures.published)},
            "policies": len(figures.policies),
            "interpreted": len(figures.interpreted),
        }
        if figures.known
        else None,
    }
