"""Web addresses (网址) of 依据 and 渠道: only http(s) and site-relative URLs become links."""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.record.reader import FieldReader, Spec
from generator.load.yamlfile import Path_
from generator.model.characters import describe, is_blank


@dataclass(frozen=True)
class UrlProblem:
    """Why a URL may not become a link: the message code, and the blank character it holds."""

    code: str  #: ``url-character`` or ``url-scheme``
    position: int = 0  #: of the blank character, from 1
    char: str = ""  #: the blank character, described (:func:`generator.model.characters.describe`)


def url_problem(url: str) -> UrlProblem | None:
    """Why ``url`` may not become a link (None when it may).

    Only http(s) and site-relative URLs may become links, and only without blanks:
    browsers drop tabs and line breaks from a URL and trim spaces and control characters,
    so ``/<tab>/evil.example/`` would lead to another host.
    """
    for position, char in enumerate(url, 1):
        if is_blank(char):
            return UrlProblem("url-character", position, describe(char))
    # "//host" and "/\\host" are read by browsers as links to another host
    if url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith(("//", "/\\"))):
        return None
    return UrlProblem("url-scheme")


def is_link_url(url: str) -> bool:
    """Whether ``url`` may become a link (:func:`url_problem` has nothing against it)."""
    return url_problem(url) is None


def read_url(reader: FieldReader, value: object, at: Path_, spec: Spec) -> str:
    """An optional 网址: "" when absent, or after reporting one that may not become a link."""
    if value is None or value == "":
        return ""
    text = reader.text(value, at, spec)
    if text is None:
        return ""
    problem = url_problem(text)
    if problem is not None:
        reader.report(problem.code, at, spec, value=text, position=problem.position, char=problem.char)
        return ""
    return text
