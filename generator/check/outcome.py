"""Why a build or a check failed, rule by rule, in Chinese: the last lines a county reads in CI.

A failure names each rule that stopped it (code, its name in the message table, how many findings)
and why: an error always stops publishing; a warning only under ``--strict``. The findings that
change with the day (stale columns, overdue items …) never stop it unless the county made them
errors in its ``severity`` setting, and the lines say so, so that nobody deletes a record to make
a red pipeline green.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator.check.diagnostics import Diagnostic, date_relative, strict_severity
from generator.check.messages import MESSAGES
from generator.check.severity import Severity


def _rule(code: str) -> str:
    entry = MESSAGES.get(code)
    return f"{code}（{entry.title}）" if entry is not None else code


def failure_reasons(diagnostics: Iterable[Diagnostic], *, strict: bool) -> list[str]:
    """The lines that explain a failed build or check with these ``diagnostics`` (none when they
    would not fail it: then something else did, e.g. the builder's own warnings under ``--strict``)."""
    diagnostics = list(diagnostics)
    errors = Counter(d.code for d in diagnostics if d.severity is Severity.ERROR)
    warnings = Counter(d.code for d in diagnostics if strict_severity(d) is Severity.WARNING)
    dated = Counter(d.code for d in diagnostics if date_relative(d) and d.severity is not Severity.ERROR)
    lines: list[str] = []
    for code, count in sorted(errors.items()):
        why = "县里在 severity 中把它设为 error" if date_relative_code(code) else "错误总是阻止发布"
        lines.append(f"  规则 {_rule(code)}：{count} 个错误（{why}）")
    if strict:
        for code, count in sorted(warnings.items()):
            lines.append(f"  规则 {_rule(code)}：{count} 个警告（使用了 --strict：警告也阻止发布）")
    if not lines:
        return []
    head = ["失败的原因（按规则）："]
    if dated:
        total = sum(dated.values())
        codes = "、".join(sorted(dated))
        head_note = (
            f"随日期变化的发现（{codes}，共 {total} 个）不影响发布，用 gkml report 查看；"
            "要让它们阻止发布，在 mkdocs.yml 的 gkml 插件 severity 中把规则设为 error。"
        )
        return head + lines + [head_note]
    return head + lines


def date_relative_code(code: str) -> bool:
    """Whether rule ``code`` depends on the day of the check (:attr:`generator.check.messages.Message.dated`)."""
    entry = MESSAGES.get(code)
    return entry is not None and entry.dated


def builder_failure(strict: bool) -> str:
    """What failed when no finding of gkml's explains it."""
    if strict:
        return "失败的原因：构建程序（MkDocs）自己报告的警告（上面以 WARNING 开头的行）在 --strict 下阻止发布。"
    return "失败的原因见上面构建程序（MkDocs）的报告。"
