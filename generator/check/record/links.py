"""Web addresses (网址) of 依据 and 渠道: only http(s) and site-relative URLs become links."""

from __future__ import annotations

from generator.check.record.reader import FieldReader
from generator.load.yamlfile import Path_
from generator.model.records import FieldSpec


def is_link_url(url: str) -> bool:
    """Only http(s) and site-relative URLs may become links."""
    # "//host" and "/\\host" are read by browsers as links to another host
    return url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith(("//", "/\\")))


def read_url(reader: FieldReader, value: object, at: Path_, spec: FieldSpec) -> str:
    """An optional 网址: "" when absent, or after reporting one that may not become a link."""
    if value is None or value == "":
        return ""
    text = reader.text(value, at, spec)
    if text is None:
        return ""
    if not is_link_url(text):
        reader.report("url-scheme", at, spec, value=text)
        return ""
    return text
