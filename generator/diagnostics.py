"""One type for every problem gkml reports: errors, warnings and notes.

Loaders, validators and checks *return* diagnostics; only the edges (the CLI's exit
code, the MkDocs plugin) decide whether to stop.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.messages import MESSAGES
from generator.severity import Severity


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


def format_json(diagnostics: list[Diagnostic]) -> str:
    """A JSON array of diagnostics, sorted by place."""
    return json.dumps([d.to_dict() for d in sorted(diagnostics, key=sort_key)], ensure_ascii=False, indent=2)
