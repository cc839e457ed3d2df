"""One type for every problem gkml reports: errors, warnings and notes.

Loaders, validators and checks *return* diagnostics; only the edges (the CLI's exit
code, the MkDocs plugin) decide whether to stop.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.check.messages import MESSAGES
from generator.check.severity import Severity


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A located problem: ``file:line:col: 错误[code] 元素: message（提示：hint）``."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    element: str
    message: str
    hint: str

    def format(self) -> str:
        """The human form, one line, in Chinese."""
        where = f"{self.file}:{self.line}:{self.column}"
        element = f"{self.element}：" if self.element else ""
        hint = f"（提示：{self.hint}）" if self.hint else ""
        return f"{where}: {self.severity.label}[{self.code}] {element}{self.message}{hint}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary with stable keys."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


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
        "privacy-id-number",
        "privacy-mobile",
        "privacy-bank-card",
        "audience-public-with-group",
    }
)


def overridable(code: str) -> bool:
    """Whether a bureau may change the severity of rule ``code``."""
    return code in MESSAGES and (MESSAGES[code].severity is not Severity.ERROR or code in POLICY_ERRORS)


def parse_severity_overrides(options: Mapping[str, object]) -> tuple[dict[str, Severity], list[str]]:
    """The plugin option ``severity`` (``{code: "error"|"warning"|"info"}``) as data, and
    what is wrong with it (in Chinese; nothing is taken from an entry that is wrong)."""
    problems, table = [], {}
    names = {s.value: s for s in Severity}
    for code, value in sorted(options.items()):
        if code not in MESSAGES:
            problems.append(f"severity 中不认识的规则“{code}”")
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
    """Build a diagnostic from the message table entry ``code``, filling in ``values``."""
    entry = MESSAGES[code]
    return Diagnostic(
        file=Path(file).as_posix(),
        line=line,
        column=column,
        code=code,
        severity=severity or entry.severity,
        element=element,
        message=entry.message.format(**values),
        hint=entry.hint.format(**values),
    )


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """True when at least one diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.column, d.code)


def format_human(diagnostics: list[Diagnostic]) -> str:
    """All diagnostics, sorted by place, followed by a Chinese summary line."""
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


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line
    of the pull request (file paths must be relative to the repository root)."""
    lines = []
    for d in sorted(diagnostics, key=sort_key):
        title = f"{d.severity.label}[{d.code}]" + (f" {d.element}" if d.element else "")
        props = f"file={_escape_property(d.file)},line={d.line},col={d.column},title={_escape_property(title)}"
        message = d.message + (f"（提示：{d.hint}）" if d.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    """A JSON array of diagnostics, sorted by place."""
    return json.dumps([d.to_dict() for d in sorted(diagnostics, key=sort_key)], ensure_ascii=False, indent=2)
