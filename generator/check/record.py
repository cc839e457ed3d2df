"""Structure and type validation: a parsed item file → a :class:`Record` or diagnostics.

Every field is checked (not just the first failing one), each problem located at the
line and column of the offending value, and the message taken from
:mod:`generator.check.messages`. Which keys exist and what they hold comes from
:data:`generator.model.records.RECORD_FIELDS`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import ClassVar

from generator.check.diagnostics import Diagnostic, Severity, make
from generator.check.rules import check_record
from generator.load.yamlfile import Path_, YamlDocument
from generator.model import vocab
from generator.model.records import (
    KEY_ALIASES,
    RECORD_FIELDS,
    Audience,
    Basis,
    Channel,
    ContentElement,
    FieldSpec,
    Record,
)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_BASIS = re.compile(r"^(《[^》]*》[^（(]*?)\s*(?:[（(]\s*([^（）()]+?)\s*[）)])?\s*$")
_AUDIENCE = re.compile(r"^(.+?)\s*[（(]\s*(.*?)\s*[）)]$")


def type_name(value: object) -> str:
    """Chinese name of a YAML value's shape, for messages."""
    if value is None or value == "":
        return "空值"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值对"
    return "文字"


def is_link_url(url: str) -> bool:
    """Only http(s) and site-relative URLs may become links."""
    # "//host" and "/\\host" are read by browsers as links to another host
    return url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith(("//", "/\\")))


class RecordValidator:
    """Validates one item document; collects every problem into ``self.diagnostics``."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.diagnostics: list[Diagnostic] = []

    # -- helpers -------------------------------------------------------------------------
    def report(
        self, code: str, path: Path_, spec: FieldSpec | None = None, *, at_key: bool = False, **values: object
    ) -> None:
        line, column = self.doc.where(path, key=at_key)
        element = spec.key if spec else ""
        self.diagnostics.append(make(code, self.doc.file, line, column, element=element, **values))

    def text(self, value: object, path: Path_, spec: FieldSpec, what: str = "文字") -> str | None:
        """A non-empty single-line-or-more string, or None after reporting why not."""
        if isinstance(value, (list, dict)):
            self.report(
                "wrong-type", path, spec, key=spec.key, expected=what, found=type_name(value), example=spec.example
            )
            return None
        if value is None or not str(value).strip():
            self.report("empty-value", path, spec, key=spec.key, example=spec.example)
            return None
        return str(value).strip()

    def one_or_many(self, value: object, path: Path_, spec: FieldSpec) -> list[tuple[object, Path_]]:
        """A scalar or a list, as (item, path) pairs."""
        if isinstance(value, list):
            if not value:
                self.report("empty-value", path, spec, key=spec.key, example=spec.example)
            return [(item, (*path, i)) for i, item in enumerate(value)]
        if isinstance(value, dict):
            self.report(
                "wrong-type", path, spec, key=spec.key, expected="文字或列表", found="键值对", example=spec.example
            )
            return []
        return [(value, path)]

    def choice(
        self, value: object, path: Path_, spec: FieldSpec, allowed: tuple[str, ...], variants: dict[str, str]
    ) -> str | None:
        text = self.text(value, path, spec)
        if text is None:
            return None
        normal = vocab.normalise(text, allowed, variants)
        if normal is None:
            self.report("vocab-unknown", path, spec, value=text, key=spec.key, allowed="、".join(allowed))
        elif normal != text:
            self.report("vocab-variant", path, spec, value=text, normal=normal)
        return normal

    # -- kinds ---------------------------------------------------------------------------
    def parse_id(self, value: object, path: Path_, spec: FieldSpec) -> str | None:
        text = self.text(value, path, spec)
        if text is not None and (not ID_PATTERN.match(text) or len(text) > 64):
            self.report("bad-id", path, spec, value=text)
            return None
        return text

    def parse_text(self, value: object, path: Path_, spec: FieldSpec) -> str | None:
        return self.text(value, path, spec)

    def parse_order(self, value: object, path: Path_, spec: FieldSpec) -> int | None:
        text = self.text(value, path, spec)
        if text is None:
            return None
        try:
            return int(text)
        except ValueError:
            self.report("order-format", path, spec, value=text)
            return None

    def parse_date(self, value: object, path: Path_, spec: FieldSpec) -> str | None:
        text = self.text(value, path, spec)
        if text is None:
            return None
        try:
            if not _DATE.match(text):  # fromisoformat also takes 20240305 and 2024-03-05T…
                raise ValueError(text)
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            self.report("date-format", path, spec, value=text)
            return None

    def parse_content(self, value: object, path: Path_, spec: FieldSpec) -> tuple[ContentElement, ...] | None:
        result = []
        for item, at in self.one_or_many(value, path, spec):
            text = self.text(item, at, spec)
            if text is None:
                continue
            mark, rest = text[0], text[1:].strip()
            if mark in (vocab.CONTENT_REQUIRED, vocab.CONTENT_OPTIONAL, *vocab.CONTENT_OPTIONAL_VARIANTS) and not rest:
                self.report("content-text-missing", at, spec, value=text)
            elif mark == vocab.CONTENT_REQUIRED and rest:
                result.append(ContentElement(rest, True))
            elif (mark == vocab.CONTENT_OPTIONAL or mark in vocab.CONTENT_OPTIONAL_VARIANTS) and rest:
                result.append(ContentElement(rest, False))
            else:
                self.report("content-mark", at, spec, value=text, text=text.lstrip("●〇○◯ "))
        return tuple(result)

    def parse_basis(self, value: object, path: Path_, spec: FieldSpec) -> tuple[Basis, ...] | None:
        result = []
        for item, at in self.one_or_many(value, path, spec):
            if isinstance(item, dict):
                basis = self._basis_mapping(item, at, spec)
            else:
                text = self.text(item, at, spec)
                basis = self._basis_text(text, at, spec) if text is not None else None
            if basis is not None:
                result.append(basis)
        return tuple(result)

    def _basis_text(self, text: str, at: Path_, spec: FieldSpec) -> Basis | None:
        fixed = fix_doc_no_brackets(text)
        if fixed != text:
            self.report("basis-docno-brackets", at, spec, value=text, fixed=fixed)
            text = fixed
        if ("《" in text) != ("》" in text) or text.count("《") != text.count("》"):
            self.report("basis-brackets", at, spec, value=text, fixed=fix_title_brackets(text))
            return None
        match = _BASIS.match(text)
        if not match:
            self.report("basis-format", at, spec, value=text)
            return None
        return Basis(title=match.group(1).strip(), doc_no=(match.group(2) or "").strip())

    def _basis_mapping(self, item: dict[str, object], at: Path_, spec: FieldSpec) -> Basis | None:
        allowed = {"标题", "文号", "网址"}
        for key in item:
            if key not in allowed:
                self.report(
                    "unknown-key",
                    (*at, key),
                    spec,
                    at_key=True,
                    key=key,
                    suggestion=suggest_key(key, allowed),
                    allowed="、".join(sorted(allowed)),
                )
        if "标题" not in item:
            self.report("basis-title-missing", at, spec)
            return None
        title = self.text(item.get("标题"), (*at, "标题"), spec)
        if title is None:
            return None
        if title.count("《") != title.count("》"):
            self.report("basis-brackets", (*at, "标题"), spec, value=title, fixed=fix_title_brackets(title))
            return None
        if not (title.startswith("《") and "》" in title):
            self.report("basis-format", (*at, "标题"), spec, value=title)
            return None
        doc_no = self.text(item["文号"], (*at, "文号"), spec) or "" if item.get("文号") not in (None, "") else ""
        if doc_no and fix_doc_no_brackets(doc_no) != doc_no:
            self.report("basis-docno-brackets", (*at, "文号"), spec, value=doc_no, fixed=fix_doc_no_brackets(doc_no))
            doc_no = fix_doc_no_brackets(doc_no)
        url = self._url(item.get("网址"), (*at, "网址"), spec)
        return Basis(title=title, doc_no=doc_no, url=url)

    def _url(self, value: object, at: Path_, spec: FieldSpec) -> str:
        if value is None or value == "":
            return ""
        text = self.text(value, at, spec)
        if text is None:
            return ""
        if not is_link_url(text):
            self.report("url-scheme", at, spec, value=text)
            return ""
        return text

    def parse_channels(self, value: object, path: Path_, spec: FieldSpec) -> tuple[Channel, ...] | None:
        result: dict[str, Channel] = {}
        for item, at in self.one_or_many(value, path, spec):
            detail: object = None
            if isinstance(item, dict) and len(item) == 1:
                ((head, detail),) = item.items()
                head_at: Path_ = (*at, head)
            elif isinstance(item, dict):
                self.report(
                    "wrong-type", at, spec, key=spec.key, expected="每行一个渠道", found="多个键", example=spec.example
                )
                continue
            else:
                head = self.text(item, at, spec)
                head_at = at
                if head is None:
                    continue
            channel = self._channel(str(head).strip(), detail, head_at, spec, on_key=isinstance(item, dict))
            if channel is None:
                continue
            if channel.name in result:
                self.report("channel-duplicate", head_at, spec, at_key=isinstance(item, dict), value=channel.name)
                continue
            result[channel.name] = channel
        return tuple(sorted(result.values(), key=lambda c: vocab.CHANNELS.index(c.name)))

    def _channel(
        self, head: str, detail: object, at: Path_, spec: FieldSpec, *, on_key: bool = False
    ) -> Channel | None:
        mark, rest = head[:1], head[1:].strip()
        if mark in (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL) and not rest:
            self.report("channel-name-missing", at, spec, at_key=on_key, value=head)
            return None
        if mark not in (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL):
            self.report("channel-mark", at, spec, at_key=on_key, value=head, text=head.lstrip("■□ "))
            return None
        name = vocab.normalise(rest, vocab.CHANNELS, vocab.CHANNEL_VARIANTS)
        if name is None:
            self.report("channel-unknown", at, spec, at_key=on_key, value=rest, allowed="、".join(vocab.CHANNELS))
            return None
        if name != rest:
            self.report("vocab-variant", at, spec, at_key=on_key, value=rest, normal=name)
        text, url = "", ""
        if isinstance(detail, dict):
            for key in detail:
                if key not in ("栏目", "网址"):
                    self.report("channel-detail-keys", (*at, key), spec, at_key=True, key=key)
            column = detail.get("栏目")
            text = (self.text(column, (*at, "栏目"), spec) or "") if column not in (None, "") else ""
            url = self._url(detail.get("网址"), (*at, "网址"), spec)
        elif isinstance(detail, list):
            self.report(
                "wrong-type", at, spec, key=rest, expected="文字或“栏目/网址”", found="列表", example=spec.example
            )
        elif detail is not None:
            text = str(detail).strip()
        if isinstance(detail, list):  # already reported: a column list is not a column
            pass
        elif name == vocab.WEBSITE_CHANNEL and not text:
            self.report("website-column-missing", at, spec, at_key=on_key)
        elif name == vocab.OTHER_CHANNEL and not text:
            self.report("other-channel-name-missing", at, spec, at_key=on_key)
        return Channel(name=name, required=mark == vocab.CHANNEL_REQUIRED, detail=text, url=url)

    def parse_audiences(self, value: object, path: Path_, spec: FieldSpec) -> tuple[Audience, ...] | None:
        result = []
        for item, at in self.one_or_many(value, path, spec):
            text = self.text(item, at, spec)
            if text is None:
                continue
            match = _AUDIENCE.match(text)
            kind_text, group = (match.group(1), match.group(2)) if match else (text, "")
            kind = self.choice(kind_text, at, spec, vocab.AUDIENCES, vocab.AUDIENCE_VARIANTS)
            if kind is None:
                continue
            if kind == vocab.AUDIENCE_GROUP and not group:
                self.report("audience-group-missing", at, spec)
                continue
            if kind == vocab.AUDIENCE_PUBLIC and group:
                self.report("audience-public-with-group", at, spec, group=group)
                continue
            result.append(Audience(kind, group if kind == vocab.AUDIENCE_GROUP else ""))
        return tuple(result)

    def parse_methods(self, value: object, path: Path_, spec: FieldSpec) -> tuple[str, ...] | None:
        return self._choices(value, path, spec, vocab.METHODS, vocab.METHOD_VARIANTS)

    def parse_levels(self, value: object, path: Path_, spec: FieldSpec) -> tuple[str, ...] | None:
        return self._choices(value, path, spec, vocab.LEVELS, vocab.LEVEL_VARIANTS)

    def _choices(
        self, value: object, path: Path_, spec: FieldSpec, allowed: tuple[str, ...], variants: dict[str, str]
    ) -> tuple[str, ...]:
        found = {self.choice(item, at, spec, allowed, variants) for item, at in self.one_or_many(value, path, spec)}
        return tuple(v for v in allowed if v in found)  # standard order, no repeats

    def parse(self, spec: FieldSpec, value: object, path: Path_) -> object | None:
        """Parse ``value`` as the kind of field ``spec`` describes (None after reporting)."""
        return self._parsers[spec.kind](self, value, path, spec)

    # -- whole files ------------------------------------------------------------------------
    def fields(self, specs: tuple[FieldSpec, ...]) -> dict[str, object] | None:
        """Check the document's keys against ``specs``; parsed values by attribute name.

        Returns None when the document is not a mapping. Unknown keys, missing required
        keys and empty required values are reported; empty optional values are ignored.
        """
        data = self.doc.data
        if not isinstance(data, dict):
            self.report("not-mapping", ())
            return None
        known = {s.key: s for s in specs}
        for key in data:
            bare = key.strip(_QUOTES)
            if key not in known and bare != key and bare in known and bare not in data:
                self.report("key-quoted", (key,), at_key=True, key=key, bare=bare)
                data = {**data, bare: data[key]}  # read on, so the value is checked too
                self.doc.positions[(bare,)] = self.doc.where((key,))
                self.doc.key_positions[(bare,)] = self.doc.where((key,), key=True)
            elif key not in known:
                suggestion = suggest_key(key, known)
                self.report(
                    "unknown-key", (key,), at_key=True, key=key, suggestion=suggestion, allowed="、".join(known)
                )
        values: dict[str, object] = {}
        for spec in specs:
            path = (spec.key,)
            if spec.key not in data:
                if spec.required:
                    self.report("missing-field", (), spec, key=spec.key, example=spec.example)
                continue
            raw = data[spec.key]
            if raw is None or raw == "" or raw == []:
                if spec.required:
                    self.report("empty-value", path, spec, key=spec.key, example=spec.example)
                continue
            parsed = self.parse(spec, raw, path)
            if parsed is not None:
                values[spec.attr] = parsed
        return values

    def record(self) -> Record | None:
        """The record, or None when the file has any error."""
        values = self.fields(RECORD_FIELDS)
        if values is None or any(d.severity is Severity.ERROR for d in self.diagnostics):
            return None
        if not all(f.attr in values for f in RECORD_FIELDS if f.required):
            return None
        return Record(**values)  # type: ignore[arg-type]

    _parsers: ClassVar[dict[str, Callable[..., object]]] = {
        "id": parse_id,
        "text": parse_text,
        "content": parse_content,
        "basis": parse_basis,
        "methods": parse_methods,
        "channels": parse_channels,
        "audiences": parse_audiences,
        "levels": parse_levels,
        "order": parse_order,
        "date": parse_date,
    }


_QUOTES = "\"'“”‘’「」『』"
#: A year in the wrong brackets inside a 文号: 建办厅[2019]71号, (2019), 【2019】, ［2019］ → 〔2019〕.
_DOC_NO_YEAR = re.compile(
    r"(?<=[\u4e00-\u9fff])\s*[\[【(（［﹝{｛]\s*((?:19|20)\d{2})\s*[\]】)）］﹞}｝]\s*(?=第?\d+\s*号)"
)


def fix_doc_no_brackets(text: str) -> str:
    """``text`` with the years of its 文号 in 〔〕, the national form (建办厅〔2019〕71号)."""
    return _DOC_NO_YEAR.sub(r"〔\1〕", text)


def fix_title_brackets(text: str) -> str:
    """A best guess at ``text`` with its 《》 paired, for the editor's hint."""
    title = text.replace("《", "").replace("》", "")
    cut = min((i for i in (title.find("（"), title.find("(")) if i > 0), default=len(title))
    return f"《{title[:cut].strip()}》{title[cut:].strip()}"


def suggest_key(key: str, known: object) -> str:
    """A did-you-mean clause for an unknown key, or an empty string."""
    if key in KEY_ALIASES and KEY_ALIASES[key] in known:  # type: ignore[operator]
        return f"，是不是要写“{KEY_ALIASES[key]}”？"
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.5)  # type: ignore[call-overload]
    return f"，是不是要写“{close[0]}”？" if close else ""


def validate_record(doc: YamlDocument) -> tuple[Record | None, list[Diagnostic]]:
    """Validate one parsed item file."""
    validator = RecordValidator(doc)
    record = validator.record()
    problems = check_record(doc)
    if any(d.severity is Severity.ERROR for d in problems):
        record = None
    return record, validator.diagnostics + problems
