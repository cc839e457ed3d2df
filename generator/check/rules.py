"""Rules of 政务公开 that a well-formed record can still break.

* 主体 must name a concrete department (有关部门 / 相关单位 … is a warning), as the
  provincial work plans require;
* 时限 should be in one of the usual forms (:mod:`generator.model.timelimit`), so that
  overdue items can be found;
* no person's identifiers (个人隐私去标识化): a valid 18-digit 居民身份证号
  (checksum), an 11-digit mainland mobile number or a bank card number (Luhn)
  anywhere in the record is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.diagnostics import Diagnostic, make
from generator.load.yamlfile import Path_, YamlDocument
from generator.model.records import RECORD_FIELDS
from generator.model.timelimit import ACCEPTED_FORMS, parse_time_limit

_SPECS = {f.attr: f for f in RECORD_FIELDS}
#: 主体 that names nobody: 有关部门, 相关单位, 各有关单位, 相关责任部门 …
_VAGUE_SUBJECT = re.compile(
    r"^(各|其他|其它)?(有关|相关|责任|主管)(责任|职能|业务|主管)?(部门|单位|科室|股室|机构)(等)?$"
)
_SUBJECT_SPLIT = re.compile(r"[、，,；;和及与]")

_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])")


def check_record(doc: YamlDocument) -> list[Diagnostic]:
    """The 政务公开 rules for one item file.

    They read the file's own text values, so that they are reported in the same run as
    any structural error elsewhere in the file (an editor fixes everything at once).
    """
    return _subject(doc) + _time_limit(doc) + privacy(doc)


def _report(doc: YamlDocument, code: str, path: Path_, element: str, **values: object) -> Diagnostic:
    line, column = doc.where(path)
    return make(code, doc.file, line, column, element=element, **values)


def _text(doc: YamlDocument, attr: str) -> tuple[str, str] | None:
    """(key, stripped text) of the element ``attr`` when the file gives it as text."""
    key = _SPECS[attr].key
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    return (key, value.strip()) if isinstance(value, str) and value.strip() else None


def _subject(doc: YamlDocument) -> list[Diagnostic]:
    found = _text(doc, "subject")
    if found is None:
        return []
    key, subject = found
    parts = [p.strip() for p in _SUBJECT_SPLIT.split(subject) if p.strip()]
    if parts and all(_VAGUE_SUBJECT.match(p) for p in parts):
        return [_report(doc, "subject-vague", (key,), key, value=subject)]
    return []


def _time_limit(doc: YamlDocument) -> list[Diagnostic]:
    found = _text(doc, "time_limit")
    if found is None or parse_time_limit(found[1]) is not None:
        return []
    key, time_limit = found
    forms = "“" + "”“".join(ACCEPTED_FORMS) + "”"
    return [_report(doc, "time-limit-unparsed", (key,), key, value=time_limit, forms=forms)]


# -- privacy ------------------------------------------------------------------------------------


def _strings(value: object, path: Path_) -> Iterator[tuple[str, Path_]]:
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key), (*path, key)
            yield from _strings(item, (*path, key))


def _valid_id_number(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _masked(digits: str, head: int) -> str:
    return digits[:head] + "*" * (len(digits) - head - 4) + digits[-4:]


def find_identifiers(text: str) -> list[tuple[str, str]]:
    """(diagnostic code, masked number) for every personal identifier in ``text``."""
    found: list[tuple[str, str]] = []
    ids = [m for m in _ID_NUMBER.finditer(text) if _valid_id_number(m.group())]
    found += [("privacy-id-number", _masked(m.group(), 4)) for m in ids]
    taken = [m.span() for m in ids]

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    if text.startswith(("http://", "https://")):  # numbers in links are article ids, not people's
        return found
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if free(m.span()) and 16 <= len(digits) <= 19 and _luhn(digits):
            found.append(("privacy-bank-card", _masked(digits, 4)))
            taken.append(m.span())
    for m in _MOBILE.finditer(text):
        if free(m.span()):
            found.append(("privacy-mobile", _masked("".join(m.groups()), 3)))
    return found


#: Eleven digits, maybe grouped: the least any identifier has. Files without it are skipped.
_LONG_NUMBER = re.compile(r"\d(?:[ -]?\d){10}")


def privacy(doc: YamlDocument) -> list[Diagnostic]:
    """Errors for personal identifiers anywhere in the file (keys, values, comments aside)."""
    if doc.text and not _LONG_NUMBER.search(doc.text):
        return []
    out = []
    for text, path in _strings(doc.data, ()):
        for code, masked in find_identifiers(text):
            element = str(path[0]) if path else ""
            out.append(_report(doc, code, path, element, masked=masked))
    return out
