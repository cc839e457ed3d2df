"""One type for every problem gkml reports: errors, warnings and notes, wherever they are.

A diagnostic is located in one of three kinds of place:

* a line and column of a text file (a record, ``_meta.yaml``, a page):
  ``catalogue/保障性住房/配给管理/a.yaml:3:5``, made by :func:`make`;
* a place in a file being imported: a cell of a table (file, sheet, row, column), a row,
  a sheet, the whole file, or a place in a JSON document:
  ``目录.xlsx, 保障性住房, 第 5 行, 第 6 列（列标 F）``, made by :func:`make_cell`;
* a web address: ``https://…``, made by :func:`make_url`.

Every message comes from the one table :data:`generator.check.messages.MESSAGES`.
Loaders, validators, checks and the importer *return* diagnostics; only the edges (the
CLI's exit code, the MkDocs plugin) decide whether to stop. Three forms are written:
:func:`format_human` (Chinese, one line each), :func:`format_github` (annotations of a
pull request) and :func:`format_json`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.check.messages import IMPORT_CODES, MESSAGES
from generator.check.severity import Severity


@dataclass(frozen=True)
class Diagnostic:
    """A located problem: ``where: 错误[code] 元素：message（提示：hint）``.

    ``file``, ``line`` and ``column`` place it in a text file. In a file being imported,
    ``line`` is 0 and ``sheet``, ``row`` and ``column`` (or ``path``) place it, as far as
    known; at a web address, ``url`` does.
    """

    file: str  #: the file, as shown ("" for a web address)
    line: int  #: 1-based line of a text file; 0 elsewhere
    column: int  #: 1-based column of the line, or of the table; 0 for a whole row, sheet or file
    code: str
    severity: Severity
    element: str  #: what it is about: a record's element (时限), a table's column (公开内容（要素）)
    message: str
    hint: str
    sheet: str = ""  #: the sheet of a workbook ("" for a CSV file, which has none)
    row: int = 0  #: 1-based row of a table; 0 for a whole sheet or file
    path: str = ""  #: a place in a structured document (JSON: ``领域[0].一级事项[1]``)
    url: str = ""  #: a web address
    sheet_index: int = 0  #: the sheet's position in its workbook (sheets are listed in the workbook's order)

    @property
    def in_text(self) -> bool:
        """Whether it is located at a line of a text file."""
        return self.line > 0 and not self.url

    @property
    def place(self) -> str:
        """Where it is inside its file: ``保障性住房, 第 5 行, 第 6 列（列标 F）`` ("" for a line of a text file)."""
        if self.in_text:
            return ""
        parts = [self.sheet, self.path]
        if self.row:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"第 {self.column} 列（列标 {column_letter(self.column)}）")
        return ", ".join(p for p in parts if p)

    @property
    def where(self) -> str:
        """``file:line:col``, ``file, sheet, 第 N 行, 第 M 列（列标 X）`` or the web address."""
        if self.url:
            return self.url
        if self.in_text:
            return f"{self.file}:{self.line}:{self.column}"
        return ", ".join(p for p in (self.file, self.place) if p)

    def format(self) -> str:
        """The human form, one line, in Chinese."""
        head = f"{self.where}: " if self.where else ""
        element = f"{self.element}：" if self.element else ""
        return f"{head}{self.severity.label}[{self.code}] {element}{self.message}{_hint(self)}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary with stable keys: ``file``, ``line`` and ``column`` for a text
        file (as always); ``file``, ``sheet``, ``row``, ``column``, ``path`` as known for a
        file being imported; ``url`` for a web address; then ``code`` … ``hint``."""
        if self.url:
            data: dict[str, object] = {"url": self.url}
        elif self.in_text:
            data = {"file": self.file, "line": self.line, "column": self.column}
        else:
            known = {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column, "path": self.path}
            data = {key: value for key, value in known.items() if value}
        return data | {
            "code": self.code,
            "severity": self.severity.value,
            "element": self.element,
            "message": self.message,
            "hint": self.hint,
        }

    def placed(
        self, file: str, sheet: str = "", row: int = 0, column: int = 0, *, path: str = "", sheet_index: int = 0
    ) -> Diagnostic:
        """This diagnostic moved into a file being imported (see :func:`make_cell`): what the
        checker says of a record made from a row, said at that row's cell."""
        return dataclasses.replace(
            self, file=file, line=0, column=column, sheet=sheet, row=row, path=path, url="", sheet_index=sheet_index
        )


def column_letter(index: int) -> str:
    """Excel's name of column ``index`` (1 → A, 27 → AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# -- making diagnostics from the message table --------------------------------------------------------


def _hint(d: Diagnostic) -> str:
    return f"（提示：{d.hint}）" if d.hint else ""


def _texts(code: str, severity: Severity | None, values: dict[str, object]) -> tuple[Severity, str, str]:
    """The severity, message and hint of ``code`` (``severity`` when given)."""
    entry = MESSAGES[code]
    return severity or entry.severity, entry.message.format(**values), entry.hint.format(**values)


def make(
    code: str,
    file: str | Path,
    line: int = 1,
    column: int = 1,
    *,
    element: str = "",
    severity: Severity | None = None,
    **values: object,
) -> Diagnostic:
    """A diagnostic at a line of a text file, from the message table entry ``code``, filling in ``values``."""
    level, message, hint = _texts(code, severity, values)
    return Diagnostic(Path(file).as_posix(), line, column, code, level, element, message, hint)


def make_cell(
    code: str,
    file: str = "",
    sheet: str = "",
    row: int = 0,
    column: int = 0,
    *,
    path: str = "",
    sheet_index: int = 0,
    element: str = "",
    severity: Severity | None = None,
    **values: object,
) -> Diagnostic:
    """A diagnostic in a file being imported: at a cell (``row`` and ``column``), a row, a sheet,
    a place in a JSON document (``path``) or the whole file, as far as given.

    Made without a place by whoever reads a cell's text (its ``element`` names the column),
    it is placed by whoever knows the cell (:meth:`Diagnostic.placed`).
    """
    level, message, hint = _texts(code, severity, values)
    return Diagnostic(
        file, 0, column, code, level, element, message, hint, sheet=sheet, row=row, path=path, sheet_index=sheet_index
    )


def make_url(
    code: str, url: str, *, element: str = "", severity: Severity | None = None, **values: object
) -> Diagnostic:
    """A diagnostic at a web address."""
    level, message, hint = _texts(code, severity, values)
    return Diagnostic("", 0, 0, code, level, element, message, hint, url=url)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when at least one diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def date_relative(d: Diagnostic) -> bool:
    """Whether ``d`` depends on the day of the check (a stale column, an overdue item, a date after
    today): the message table marks such rules (:attr:`generator.check.messages.Message.dated`)."""
    entry = MESSAGES.get(d.code)
    return entry is not None and entry.dated


def strict_severity(d: Diagnostic) -> Severity:
    """How ``--strict`` weighs ``d``: a warning that depends on the day is only a note, so that a
    repository does not turn red on a day nobody changed it. An error stays an error: a bureau that
    wants such findings to fail the build makes them errors (``severity: {column-stale: error}``)."""
    return Severity.INFO if d.severity is Severity.WARNING and date_relative(d) else d.severity


def fails(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether a check or a build with these diagnostics fails: on any error; with ``strict``,
    also on a warning that does not depend on the day (:func:`strict_severity`)."""
    levels = {strict_severity(d) for d in diagnostics}
    return Severity.ERROR in levels or (strict and Severity.WARNING in levels)


# -- the bureau's severities ------------------------------------------------------------------------------

#: Rules whose severity a bureau may change (plugin option ``severity``): every warning
#: and note, and the errors that are policy rather than structure (a record that breaks
#: them is still complete). Structural errors stay errors: a record that fails them
#: cannot be read, and publishing the rest without it would lose it silently.
POLICY_ERRORS = frozenset(
    {
        "website-column-missing",
        "other-channel-name-missing",
        "column-empty",
        "area-empty",
        "privacy-mobile",
        "audience-public-with-group",
    }
)
#: Errors no bureau may lower: a citizen's ID number or bank card number is never published.
ALWAYS_ERRORS = frozenset({"privacy-id-number", "privacy-bank-card"})


def overridable(code: str) -> bool:
    """Whether a bureau may change the severity of rule ``code`` (a rule of the check, not of an import)."""
    if code not in MESSAGES or code in IMPORT_CODES:
        return False
    return MESSAGES[code].severity is not Severity.ERROR or code in POLICY_ERRORS


def parse_severity_overrides(options: Mapping[str, object]) -> tuple[dict[str, Severity], list[str]]:
    """The plugin option ``severity`` (``{code: "error"|"warning"|"info"}``) as data, and
    what is wrong with it (in Chinese; nothing is taken from an entry that is wrong)."""
    problems, table = [], {}
    names = {s.value: s for s in Severity}
    for code, value in sorted(options.items()):
        if code not in MESSAGES:
            problems.append(f"severity 中不认识的规则“{code}”")
        elif code in IMPORT_CODES:
            problems.append(f"规则“{code}”是导入表格时的检查，不能改变级别")
        elif code in ALWAYS_ERRORS:
            problems.append(f"规则“{code}”保护公民个人信息，始终是错误，不能改变级别")
        elif not overridable(code):
            problems.append(f"规则“{code}”是格式错误，不能改变级别")
        elif str(value) not in names:
            problems.append(f"规则“{code}”的级别“{value}”无效，可用 error、warning、info")
        else:
            table[code] = names[str(value)]
    return table, problems


def apply_severity(diagnostics: Iterable[Diagnostic], overrides: Mapping[str, Severity] | None) -> list[Diagnostic]:
    """``diagnostics`` with the severities a bureau chose (:func:`parse_severity_overrides`).

    An override replaces a rule's default severity; a severity the situation chose (a
    stale column is only a note while the site is on trial) stays. Applying twice is
    the same as applying once.
    """
    if not overrides:
        return list(diagnostics)
    return [
        dataclasses.replace(d, severity=overrides[d.code])
        if d.code in overrides and d.severity is MESSAGES[d.code].severity
        else d
        for d in diagnostics
    ]


# -- output ------------------------------------------------------------------------------------------------


def sort_key(d: Diagnostic) -> tuple[object, ...]:
    """By file, then place in it (a workbook's sheets in their order), then code and text."""
    return (d.file, d.url, d.sheet_index, d.sheet, d.path, d.row, d.line, d.column, d.code, d.message)


def format_human(diagnostics: Iterable[Diagnostic]) -> str:
    """All diagnostics, sorted by place, followed by a Chinese summary line."""
    diagnostics = list(diagnostics)
    lines = [d.format() for d in sorted(diagnostics, key=sort_key)]
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    lines.append(
        f"共 {counts[Severity.ERROR]} 个错误、{counts[Severity.WARNING]} 个警告、{counts[Severity.INFO]} 个提示。"
    )
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line
    of the pull request (file paths must be relative to the repository root).

    An annotation needs a file and a line: a diagnostic in a table is put on the file's
    first line, with its sheet, row and column at the head of the message; one at a web
    address has no file, and its address heads the message.
    """
    lines = []
    for d in sorted(diagnostics, key=sort_key):
        title = f"{d.severity.label}[{d.code}]" + (f" {d.element}" if d.element else "")
        props = []
        if d.file and not d.url:
            props += [f"file={_escape_property(d.file)}", f"line={d.line if d.in_text else 1}"]
            if d.in_text:
                props.append(f"col={d.column}")
        props.append(f"title={_escape_property(title)}")
        place = d.url or d.place
        message = (f"{place}: " if place else "") + d.message + _hint(d)
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON array of diagnostics, sorted by place."""
    return json.dumps([d.to_dict() for d in sorted(diagnostics, key=sort_key)], ensure_ascii=False, indent=2)
