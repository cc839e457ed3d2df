"""A record's elements as the text of table cells, and back.

Written (export) as the national table prints them, one item per line:

* 公开内容: ``●申请条件`` / ``〇轮候情况``;
* 公开依据: ``《标题》（文号）``;
* 公开渠道和载体: ``■政府网站`` / ``□两微一端``, and ``■其他（书面答复）`` (the table's “其他＿”);
* gkml's columns: ``政府网站: 栏目 | 网址`` (渠道说明), ``《标题》 | 文号 | 网址`` (依据说明, only
  for documents with an address or whose printed form would read back differently), and
  the 公开对象 in full (对象说明) when the √ columns do not say everything.

Read (import) as real copies write them: several items on one line (``●文件名称 ●文号``),
numbered items, look-alike marks (○ for 〇), channel variants (政府门户网站), fill-ins
(``■其他_书面答复``, ``■政府网站（信息公开专栏）``), no marks at all (all taken as required,
with a warning). What cannot be mapped comes back as a
:class:`~generator.check.diagnostics.Diagnostic` whose ``element`` names the column; the caller,
who knows the row, places it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.check.diagnostics import Diagnostic, make_cell
from generator.check.record import RecordValidator, is_link_url
from generator.check.record.basis import read_basis
from generator.exchange import table as t
from generator.load.yamlfile import YamlDocument
from generator.model import vocab
from generator.model.placeholders import (
    AUDIENCE_GROUP_PLACEHOLDER,
    OTHER_CHANNEL_PLACEHOLDER,
    WEBSITE_COLUMN_PLACEHOLDER,
)
from generator.model.records import FIELDS_BY_ATTR, Audience, Basis, Channel, ContentElement

DETAIL_SEPARATOR = " | "


def cell_problem(code: str, key: str, /, **values: object) -> Diagnostic:
    """A problem found in the text of a cell of the column ``key`` (the caller places it)."""
    # every option named (not yet placed: file, sheet, row and column empty), so that no value is taken for one
    return make_cell(code, "", "", 0, 0, path="", sheet_index=0, element=t.label_of(key), severity=None, **values)


# -- export -------------------------------------------------------------------------------------------


def content_cell(content: Sequence[ContentElement]) -> str:
    """``●申请条件`` lines."""
    return "\n".join(e.mark + e.text for e in content)


def basis_cell(basis: Sequence[Basis]) -> str:
    """``《标题》（文号）`` lines."""
    return "\n".join(b.text for b in basis)


def channels_cell(channels: Sequence[Channel]) -> str:
    """``■政府网站`` lines; 其他 with what it is, as the table's blank after 其他 asks."""
    return "\n".join(
        c.mark + c.name + (f"（{c.detail}）" if c.name == vocab.OTHER_CHANNEL and c.detail else "") for c in channels
    )


def channel_details_cell(channels: Sequence[Channel]) -> str:
    """``渠道: 栏目 | 网址`` for every channel with a column, place or address the table cannot show."""
    lines = []
    for c in channels:
        shown_in_table = c.name == vocab.OTHER_CHANNEL
        if c.url or (c.detail and not shown_in_table):
            lines.append(f"{c.name}: {c.detail}" + (f"{DETAIL_SEPARATOR}{c.url}" if c.url else ""))
    return "\n".join(lines)


def basis_reads_back(basis: Basis) -> bool:
    """Whether ``《标题》（文号）`` as printed reads back as this very title and 文号."""
    return _reads_back(basis.text, basis.title, basis.doc_no)


@lru_cache(maxsize=4096)  # a county's items cite the same few dozen laws again and again
def _reads_back(text: str, title: str, doc_no: str) -> bool:
    parsed, problems = _read_basis([text])
    return not problems and len(parsed) == 1 and (parsed[0].title, parsed[0].doc_no) == (title, doc_no)


def basis_details_cell(basis: Sequence[Basis]) -> str:
    """``《标题》 | 文号 | 网址`` for the documents the printed column does not fully give (and, so that
    they are told apart, for the others printed the same way)."""
    needed = {b.text for b in basis if b.url or not basis_reads_back(b)}
    return "\n".join(DETAIL_SEPARATOR.join((b.title, b.doc_no, b.url)) for b in basis if b.text in needed)


def ticked_audiences(audiences: Sequence[Audience]) -> tuple[Audience, ...]:
    """What the √ columns alone say of these audiences."""
    kinds = {a.kind for a in audiences}
    return tuple(Audience(k) for k in vocab.AUDIENCES if k in kinds)


def audience_details_cell(audiences: Sequence[Audience]) -> str:
    """The audiences in full (``特定群体（申请人）``), when the √ columns do not say everything."""
    return "" if tuple(audiences) == ticked_audiences(audiences) else "\n".join(a.text for a in audiences)


def tick(on: bool) -> str:
    return t.TICK if on else ""


# -- import: splitting a cell into marked items ------------------------------------------------------------

_SEPARATORS = " \t\u3000、，,；;"
_ENUMERATION = re.compile(r"^(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[）)]|[①-⑳])\s*")
_CONTENT_MARKS = (vocab.CONTENT_REQUIRED, vocab.CONTENT_OPTIONAL, *vocab.CONTENT_OPTIONAL_VARIANTS)
_CHANNEL_MARKS = (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL)
#: Marks that never occur inside an item's text: a new item starts at each of them.
_HARD_MARKS = frozenset({vocab.CONTENT_REQUIRED, *_CHANNEL_MARKS})


@dataclass(frozen=True)
class Token:
    """One marked item of a cell: its mark ("" when none; maybe an unknown symbol) and its text."""

    mark: str
    text: str
    known: bool  #: the mark is one of the marks asked for


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) == "So"


def lines(text: str) -> list[str]:
    """The non-empty lines of a cell, stripped."""
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def tokens(text: str, marks: Sequence[str]) -> list[Token]:
    """The items of a cell: a new item at every line, and within a line at every mark (or unknown
    symbol) that starts the line or follows a separator; ● ■ □ start an item anywhere."""
    out: list[Token] = []
    for line in lines(text):
        starts = [
            i
            for i, ch in enumerate(line)
            if (ch in marks or _is_symbol(ch)) and (i == 0 or ch in _HARD_MARKS or line[i - 1] in _SEPARATORS)
        ]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        pieces = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
        several = len(pieces) > 1
        for piece in pieces:
            piece = piece.strip(_SEPARATORS) if several else piece.strip()
            if not piece:
                continue
            first = piece[0]
            if first in marks:
                out.append(Token(first, piece[1:].strip(), True))
            elif _is_symbol(first):
                out.append(Token(first, piece[1:].strip(), False))
            else:
                out.append(Token("", piece, False))
    return out


def _unmarked_text(text: str) -> str:
    return _ENUMERATION.sub("", text).strip()


def _legend(key: str) -> str:
    if key == t.CONTENT:
        return f"必选项前加“{vocab.CONTENT_REQUIRED}”，可选项前加“{vocab.CONTENT_OPTIONAL}”"
    return f"必选渠道前加“{vocab.CHANNEL_REQUIRED}”，可选渠道前加“{vocab.CHANNEL_OPTIONAL}”"


def _mark_problems(items: list[Token], key: str) -> tuple[list[Token], list[Diagnostic], bool]:
    """The marked items; problems for unknown and missing marks; whether the cell has no mark at all."""
    problems: list[Diagnostic] = []
    unmarked = all(not tok.mark for tok in items)
    if unmarked:
        return items, problems, True
    good = []
    for tok in items:
        if tok.mark and not tok.known:
            problems.append(
                cell_problem("mark-unknown", key, mark=tok.mark, value=tok.mark + tok.text, legend=_legend(key))
            )
        elif not tok.mark:
            problems.append(cell_problem("mark-missing", key, value=tok.text, legend=_legend(key)))
        elif not tok.text:
            problems.append(cell_problem("mark-text-missing", key, mark=tok.mark))
        else:
            good.append(tok)
    return good, problems, False


# -- import: the columns ------------------------------------------------------------------------------------


def parse_content(text: str) -> tuple[tuple[ContentElement, ...], list[Diagnostic]]:
    """公开内容 from its cell."""
    items, problems, unmarked = _mark_problems(tokens(text, _CONTENT_MARKS), t.CONTENT)
    if unmarked:
        elements = tuple(ContentElement(_unmarked_text(tok.text), True) for tok in items if _unmarked_text(tok.text))
        if elements:
            problems.append(cell_problem("content-unmarked", t.CONTENT))
        return elements, problems
    return tuple(ContentElement(tok.text, tok.mark == vocab.CONTENT_REQUIRED) for tok in items), problems


_CHANNEL_SPELLINGS = sorted(
    [*vocab.CHANNELS, *vocab.CHANNEL_VARIANTS], key=lambda s: (-len(s), s)
)  # longest first: 社区/企事业单位/村公示栏（电子屏） before 村公示栏
_FILL_IN = re.compile(r"^(?:[_＿:：\-—]+\s*(.*)|[（(](.*)[）)])$", re.DOTALL)


def resolve_channel(text: str) -> tuple[str, str] | None:
    """(standard channel name, what follows it) for ``政府网站``, ``其他_书面答复``, ``其他（书面答复）`` …"""
    text = text.strip()
    name = vocab.normalise(text, vocab.CHANNELS, vocab.CHANNEL_VARIANTS)
    if name is not None:
        return name, ""
    for spelling in _CHANNEL_SPELLINGS:
        if text.startswith(spelling):
            fill = _FILL_IN.match(text[len(spelling) :].strip())
            if fill:
                detail = (fill.group(1) if fill.group(1) is not None else fill.group(2) or "").strip()
                return vocab.normalise(spelling, vocab.CHANNELS, vocab.CHANNEL_VARIANTS) or spelling, detail
    return None


def _split_url(text: str) -> tuple[str, str]:
    """``栏目 | https://…`` → (栏目, https://…); also ``栏目|https://…``; text without an address stays whole."""
    head, sep, tail = text.rpartition(DETAIL_SEPARATOR)
    if sep and is_link_url(tail.strip()):
        return head.strip(), tail.strip()
    head, sep, tail = text.rpartition(DETAIL_SEPARATOR.strip())
    if sep and tail.strip().startswith(("https://", "http://")):
        return head.strip(), tail.strip()
    return text, ""


_DETAIL_LINE = re.compile(r"^([^:：]+)[:：]\s*(.*)$", re.DOTALL)


def _detail_lines(text: str, key: str, problems: list[Diagnostic]) -> list[tuple[str, str, str]]:
    """(name, detail, url) of each line of 渠道说明（gkml）."""
    out = []
    for line in lines(text):
        match = _DETAIL_LINE.match(line)
        resolved = vocab.normalise(match.group(1), vocab.CHANNELS, vocab.CHANNEL_VARIANTS) if match else None
        if match is None or resolved is None:
            problems.append(cell_problem("details-invalid", key, value=line, form=t.DETAIL_FORMS[key]))
            continue
        detail, url = _split_url(match.group(2).strip())
        out.append((resolved, detail, url))
    return out


@dataclass
class ChannelResult:
    channels: tuple[Channel, ...]
    problems: list[Diagnostic]
    placeholders: list[str]  #: what was filled in for the editor to replace


def parse_channels(text: str, details: str = "") -> ChannelResult:
    """公开渠道和载体 from its cell, completed by 渠道说明（gkml）."""
    items, problems, unmarked = _mark_problems(tokens(text, _CHANNEL_MARKS), t.CHANNELS)
    if unmarked:
        parts = [p for tok in items for p in re.split(r"[\s、，,；;]+", _unmarked_text(tok.text)) if p]
        items = [Token(vocab.CHANNEL_REQUIRED, p, True) for p in parts]
        if items:
            problems.append(cell_problem("channels-unmarked", t.CHANNELS))
    found: dict[str, Channel] = {}
    for tok in items:
        resolved = resolve_channel(tok.text)
        if resolved is None:
            problems.append(
                cell_problem("channel-unknown", t.CHANNELS, value=tok.text, allowed="、".join(vocab.CHANNELS))
            )
            continue
        name, detail = resolved
        if name in found:
            problems.append(cell_problem("channel-duplicate", t.CHANNELS, value=name))
            continue
        found[name] = Channel(name, tok.mark == vocab.CHANNEL_REQUIRED, detail)
    for name, detail, url in _detail_lines(details, t.CHANNEL_DETAILS, problems):
        if name not in found:
            official = t.label_of(t.CHANNELS)
            problems.append(cell_problem("details-unmatched", t.CHANNEL_DETAILS, value=name, official=official))
            continue
        channel = found[name]
        found[name] = Channel(channel.name, channel.required, channel.detail or detail, url)
    placeholders = []
    for name, channel in found.items():
        if channel.detail:
            continue
        if name == vocab.WEBSITE_CHANNEL:
            found[name] = Channel(name, channel.required, WEBSITE_COLUMN_PLACEHOLDER, channel.url)
            problems.append(cell_problem("website-placeholder", t.CHANNELS, placeholder=WEBSITE_COLUMN_PLACEHOLDER))
            placeholders.append(f"政府网站渠道的具体栏目（现为“{WEBSITE_COLUMN_PLACEHOLDER}”）")
        elif name == vocab.OTHER_CHANNEL:
            found[name] = Channel(name, channel.required, OTHER_CHANNEL_PLACEHOLDER, channel.url)
            problems.append(cell_problem("other-placeholder", t.CHANNELS, placeholder=OTHER_CHANNEL_PLACEHOLDER))
            placeholders.append(f"“其他”渠道的名称（现为“{OTHER_CHANNEL_PLACEHOLDER}”）")
    ordered = tuple(sorted(found.values(), key=lambda c: vocab.CHANNELS.index(c.name)))
    return ChannelResult(ordered, problems, placeholders)


def _read_basis(value: object) -> tuple[tuple[Basis, ...], list[Diagnostic]]:
    """The checker's own reading of a 依据 value (as if written in a record file), and what it
    reports (its element is the record's key, 依据, which names the column too)."""
    validator = RecordValidator(YamlDocument("", None))
    spec = FIELDS_BY_ATTR["basis"]
    parsed = read_basis(validator, value, (spec.key,), spec)
    return parsed, list(validator.diagnostics)


# a new document starts at 《 after a separator or after the end of the previous one
_BASIS_SPLIT = re.compile(r"(?<=[\s、，,；;》）)])\s*(?=《)")


def parse_basis(text: str, details: str = "") -> tuple[tuple[Basis, ...], list[Diagnostic]]:
    """公开依据 from its cell, completed by 依据说明（gkml）."""
    problems: list[Diagnostic] = []
    exact: dict[str, list[Basis]] = {}  #: printed form → the documents it stands for, in order
    for line in lines(details):
        parts = line.rsplit(DETAIL_SEPARATOR.strip(), 2)
        if len(parts) != 3 or not parts[0].strip().startswith("《"):
            problems.append(
                cell_problem("details-invalid", t.BASIS_DETAILS, value=line, form=t.DETAIL_FORMS[t.BASIS_DETAILS])
            )
            continue
        title, doc_no, url = (p.strip() for p in parts)
        if url and not is_link_url(url):
            url = ""
        exact.setdefault(Basis(title, doc_no).text, []).append(Basis(title, doc_no, url))
    result: list[Basis] = []
    for line in lines(text):
        pieces = _BASIS_SPLIT.split(line)
        for piece in pieces:
            piece = piece.strip(_SEPARATORS) if len(pieces) > 1 else piece.strip()
            if not piece.startswith("《"):
                piece = _unmarked_text(piece)
            if not piece:
                continue
            if exact.get(piece):
                result.append(exact[piece].pop(0))
                continue
            parsed, found = _read_basis([piece])
            problems += found
            result += list(parsed)
    for key, unused in exact.items():
        for _ in unused:
            problems.append(cell_problem("details-unmatched", t.BASIS_DETAILS, value=key, official=t.label_of(t.BASIS)))
    return tuple(result), problems


@dataclass
class Tick:
    """One tick cell read: whether it is ticked, and any text after the √ (the group of 特定群体)."""

    on: bool
    extra: str = ""


_WRAPPED = re.compile(r"^[（(](.*)[）)]$", re.DOTALL)


def parse_tick(text: str, column: t.Column) -> tuple[Tick, list[Diagnostic]]:
    """A tick cell: √ (or a look-alike), blank (or ×, 否, -), anything else is an error (its
    element is the column's title, 公开方式/主动; the caller places it at the cell)."""
    text = text.strip()
    if text in t.BLANK_MARKS:
        return Tick(False), []
    if text[0] in t.TICK_MARKS:
        rest = text[1:].strip()
        wrapped = _WRAPPED.match(rest)
        rest = wrapped.group(1).strip() if wrapped else rest
        if rest and column.value != vocab.AUDIENCE_GROUP:
            return Tick(True), [make_cell("tick-extra", element=column.title, value=rest)]
        return Tick(True, rest), []
    return Tick(False), [make_cell("tick-invalid", element=column.title, value=text)]


def parse_values(text: str, group: str) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """A group's values written out in one cell (“主动”, “县级、乡级”), for tables without √ columns."""
    values = t.TICK_GROUPS[group][0]
    found, problems = set(), []
    for part in re.split(r"[\s、，,；;/／]+", text.strip()):
        if not part:
            continue
        value = t.tick_value(group, part)
        if value is None:
            problems.append(
                cell_problem("vocab-unknown", group, value=part, key=t.label_of(group), allowed="、".join(values))
            )
        else:
            found.add(value)
    return tuple(v for v in values if v in found), problems


_AUDIENCE = re.compile(r"^(.+?)\s*[（(]\s*(.*?)\s*[）)]$", re.DOTALL)


def parse_audience_texts(texts: Sequence[str]) -> tuple[list[Audience], list[Diagnostic]]:
    """``全社会`` / ``特定群体（申请人）`` items (a one-column 公开对象, or 对象说明（gkml））."""
    out, problems = [], []
    for text in texts:
        match = _AUDIENCE.match(text.strip())
        kind_text, group = (match.group(1), match.group(2).strip()) if match else (text.strip(), "")
        kind = t.tick_value(t.AUDIENCES, kind_text)
        if kind is None:
            allowed = "、".join(vocab.AUDIENCES)
            problems.append(
                cell_problem("vocab-unknown", t.AUDIENCES, value=text, key=t.label_of(t.AUDIENCES), allowed=allowed)
            )
            continue
        out.append(Audience(kind, group if kind == vocab.AUDIENCE_GROUP else ""))
    return out, problems


def complete_audiences(audiences: list[Audience]) -> tuple[tuple[Audience, ...], list[Diagnostic], list[str]]:
    """Fill the missing group of 特定群体 with a placeholder, and say so."""
    out, problems, placeholders = [], [], []
    for a in audiences:
        if a.kind == vocab.AUDIENCE_GROUP and not a.group:
            a = Audience(a.kind, AUDIENCE_GROUP_PLACEHOLDER)
            problems.append(cell_problem("group-placeholder", t.AUDIENCES, placeholder=AUDIENCE_GROUP_PLACEHOLDER))
            placeholders.append(f"特定群体是哪一类群体（现为“{AUDIENCE_GROUP_PLACEHOLDER}”）")
        out.append(a)
    return tuple(out), problems, placeholders
