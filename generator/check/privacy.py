"""No person's identifiers in a record (个人隐私去标识化).

A valid 18-digit 居民身份证号 (checksum), an 11-digit mainland mobile number or a bank
card number (Luhn) anywhere in an item file, keys and values alike, is an error; the
message shows the number masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.diagnostics import Diagnostic, make
from generator.load.yamlfile import Path_, YamlDocument

_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])")
#: Eleven digits, maybe grouped: the least any identifier has. Files without it are skipped.
_LONG_NUMBER = re.compile(r"\d(?:[ -]?\d){10}")
_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])")


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


def check_privacy(doc: YamlDocument) -> list[Diagnostic]:
    """Errors for personal identifiers anywhere in the file (keys, values, comments aside)."""
    if doc.text and not _LONG_NUMBER.search(doc.text):
        return []
    out = []
    for text, path in _strings(doc.data, ()):
        for code, masked in find_identifiers(text):
            line, column = doc.where(path)
            element = str(path[0]) if path else ""
            out.append(make(code, doc.file, line, column, element=element, masked=masked))
    return out
