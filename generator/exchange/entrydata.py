"""The entries (公开信息) as open data: one JSON document, its JSON Schema, and a CSV.

They are published beside the catalogue's files (``downloads/<name>-entries.json``,
``-entries.schema.json``, ``-entries.csv``) rather than inside the catalogue's JSON: that
document is what ``gkml import`` reads back and what consumers of the 标准目录 already parse,
and it stays the same when a bureau publishes a notice; entries change every week and carry
their text, so they are a dataset of their own.

Every field the site shows is published, derived from
:data:`generator.model.entries.ENTRY_FIELDS` (those with ``shown``: never 审核, the
reviewer and the day of the review, which are for the bureau only), with the keys of the
front matter; and what a consumer cannot work out from the files: the area and the column
(by title), the item's name, the entry's page, each attachment's type, size and address.
Every key is always present (``""`` or ``[]`` without a value). Addresses are relative to the
site's root (``info/<id>/``), as :mod:`generator.site.routes` makes them; the document names
the site's address when the build knows it.

The body is not in the document: it is on the entry's page (``页面网址``). With it the JSON
held 87 MB at 20,000 entries and would hold 870 MB at 200,000, made in memory by every build.

The entries come in the order the site lists them: area, column, newest first
(:attr:`generator.model.records.Catalogue.entries`). The CSV has one row per entry, the same
columns under their Chinese labels (lists in one cell, one per line), UTF-8 with BOM and
every cell through :mod:`generator.exchange.csvcells`, like the catalogue's CSV.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.exchange import csvcells
from generator.exchange.csvcells import CSV_ENCODING
from generator.exchange.opendata import DATE_PATTERN, Json, object_schema, text_schema
from generator.model.entries import (
    ATTACHMENT_TYPES,
    CATEGORIES,
    ENTRY_FIELDS,
    VALIDITY_KEYS,
    VALIDITY_STATES,
    Entry,
    EntryField,
    published_names,
    size_text,
)
from generator.model.naming import ID_PATTERN
from generator.model.records import NO_DATE, Area, Catalogue, Category
from generator.model.schema_files import DRAFT, NOT_BLANK

FORMAT = "gkml 公开信息"
VERSION = 1
SCHEMA_ID = "urn:gkml:schema:entries"
#: The fields a download holds: every one the site shows (never 审核).
PUBLISHED_FIELDS: tuple[EntryField, ...] = tuple(f for f in ENTRY_FIELDS if f.shown)
#: Keys of the document.
K_FORMAT, K_VERSION, K_DATE, K_BUREAU, K_SITE_TITLE, K_SITE_URL, K_ENTRIES = (
    "格式",
    "版本",
    "更新日期",
    "单位名称",
    "网站名称",
    "网站地址",
    "公开信息",
)
#: Keys of an entry besides its front matter's.
K_AREA, K_COLUMN, K_ITEM_NAME, K_PAGE = "领域", "栏目", "事项名称", "页面网址"
#: Keys of an attachment.
K_NAME, K_TYPE, K_SIZE, K_URL = "名称", "类型", "大小", "网址"
K_STATE, K_VALID_DATE, K_REPLACED_BY = VALIDITY_KEYS
#: The CSV's columns besides the fields' labels: where the entry sits and its page.
CSV_AREA, CSV_COLUMN, CSV_ITEM_NAME, CSV_PAGE = "领域", "栏目", "所属事项名称", "页面网址"
CSV_ATTACHMENT_URLS = "附件网址"
CSV_VALID_DATE, CSV_REPLACED_BY = "有效性日期", "替代信息"
#: The attachment types, each once, in the order of :data:`ATTACHMENT_TYPES`.
ATTACHMENT_KINDS: tuple[str, ...] = tuple(dict.fromkeys(ATTACHMENT_TYPES.values()))


@dataclass(frozen=True)
class Addresses:
    """Where the site publishes an entry's page and attachments: site-relative URLs
    (:class:`generator.site.routes.Routes` knows them; exchange does not import the site)."""

    page: Callable[[Entry], str]  #: the entry's page (``info/<id>/``)
    attachment: Callable[[Entry, str], str]  #: an attachment, by its published name
    site: str = ""  #: the site's own address, when the build knows it


@dataclass(frozen=True)
class Placed:
    """An entry with the area and column it is published in."""

    area: Area
    column: Category
    entry: Entry


def placed_entries(catalogue: Catalogue) -> Iterator[Placed]:
    """Every entry in the order the site lists them: area, column, newest first."""
    for area in catalogue.areas:
        for column in area.categories:
            for entry in column.entries:
                yield Placed(area, column, entry)


def newest_date(catalogue: Catalogue) -> str:
    """The newest 发布日期 of any entry (the date of the downloads)."""
    return max((e.published for e in catalogue.entries), default=NO_DATE)


# -- catalogue → JSON ------------------------------------------------------------------------------------


def _attachments(entry: Entry, addresses: Addresses) -> list[Json]:
    names = published_names(entry.attachments)
    return [
        {K_NAME: a.name, K_TYPE: a.kind, K_SIZE: a.size, K_URL: quote(addresses.attachment(entry, n))}
        for a, n in zip(entry.attachments, names, strict=True)
    ]


def _field_value(spec: EntryField, entry: Entry, addresses: Addresses) -> Any:
    value = getattr(entry, spec.attr)
    if spec.kind == "attachments":
        return _attachments(entry, addresses)
    if spec.kind == "relations":
        return list(value)
    if spec.kind == "validity":
        return {K_STATE: value.state, K_VALID_DATE: value.date, K_REPLACED_BY: value.replaced_by}
    if spec.kind in ("id", "text", "item", "date", "category", "url"):
        return value or ""
    raise ValueError(f"no open data for kind {spec.kind!r}")  # pragma: no cover - a new kind of field


def entry_json(placed: Placed, addresses: Addresses, item_names: dict[str, str]) -> Json:
    """One entry, every published key present (the item's name after its id)."""
    entry = placed.entry
    out: Json = {}
    for spec in PUBLISHED_FIELDS:
        out[spec.key] = _field_value(spec, entry, addresses)
        if spec.kind == "item":
            out[K_ITEM_NAME] = item_names.get(entry.item, "")
    out[K_AREA] = placed.area.title
    out[K_COLUMN] = placed.column.title
    out[K_PAGE] = addresses.page(entry)
    return out


def _item_names(catalogue: Catalogue) -> dict[str, str]:
    return {r.id: r.title for r in catalogue.records}


def _head(catalogue: Catalogue, addresses: Addresses) -> Json:
    """The document's keys before the entries."""
    return {
        K_FORMAT: FORMAT,
        K_VERSION: VERSION,
        K_DATE: newest_date(catalogue),
        K_BUREAU: catalogue.site.bureau,
        K_SITE_TITLE: catalogue.site.title,
        K_SITE_URL: addresses.site,
    }


def entries_json(catalogue: Catalogue, addresses: Addresses) -> Json:
    """The entries as a JSON-ready document."""
    names = _item_names(catalogue)
    return {
        **_head(catalogue, addresses),
        K_ENTRIES: [entry_json(p, addresses, names) for p in placed_entries(catalogue)],
    }


def _compact(document: Json) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def json_text(catalogue: Catalogue, addresses: Addresses) -> str:
    """The JSON file (UTF-8, compact, keys in the model's order, as the catalogue's)."""
    return _compact(entries_json(catalogue, addresses)) + "\n"


def json_bytes(catalogue: Catalogue, addresses: Addresses, kept: KeptTexts | None = None) -> bytes:
    """:func:`json_text` in UTF-8; with ``kept``, an entry converted before is not converted again."""
    if kept is None:
        return json_text(catalogue, addresses).encode("utf-8")
    head = _compact({**_head(catalogue, addresses), K_ENTRIES: []}).encode("utf-8")  # entries last: ...:[]}
    pieces = [head[: -len(b"]}")]]
    for part, _ in kept.parts(catalogue, addresses):
        pieces += (part, b",")
    if len(pieces) > 1:
        pieces.pop()  # no comma after the last
    return b"".join([*pieces, b"]}\n"])  # one copy of what may be a hundred megabytes


class KeptTexts:
    """Each entry's object in the JSON file and row in the CSV, encoded, kept for as long as it is
    the same entry in the same place: ``gkml serve`` writes these files again after an entry
    changed (:mod:`generator.site.incremental`), and the thousands of others are not converted
    again. For one site (the same ``addresses``) only."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[Entry, tuple[str, str, str], bytes, bytes]] = {}
        self._last: tuple[Catalogue | None, list[tuple[bytes, bytes]]] = (None, [])

    def parts(self, catalogue: Catalogue, addresses: Addresses) -> list[tuple[bytes, bytes]]:
        """(JSON object, CSV row) of each entry of ``catalogue``, in the files' order; only these
        are kept (the JSON file and the CSV of one catalogue ask in turn: converted once)."""
        if self._last[0] is catalogue:
            return self._last[1]
        names = _item_names(catalogue)
        kept: dict[int, tuple[Entry, tuple[str, str, str], bytes, bytes]] = {}
        out = []
        for area in catalogue.areas:
            for column in area.categories:
                for entry in column.entries:
                    where = (area.title, column.title, names.get(entry.item, ""))
                    found = self._kept.get(id(entry))
                    if found is None or found[0] is not entry or found[1] != where:
                        document = entry_json(Placed(area, column, entry), addresses, names)
                        row = csvcells.csv_text([_csv_row(document)])
                        found = (entry, where, _compact(document).encode("utf-8"), row.encode("utf-8"))
                    kept[id(entry)] = found
                    out.append((found[2], found[3]))
        self._kept, self._last = kept, (catalogue, out)
        return out


# -- the schema ---------------------------------------------------------------------------------------------


def _date_schema(head: Json, required: bool) -> Json:
    if required:
        return {**head, "type": "string", "pattern": DATE_PATTERN}
    return {**head, "type": "string", "anyOf": [{"pattern": DATE_PATTERN}, {"enum": [""]}]}


def _id_schema(head: Json) -> Json:
    return {**head, "type": "string", "pattern": ID_PATTERN.pattern}


def _field_schema(spec: EntryField) -> Json:
    head: Json = {"title": spec.label, "description": spec.description}
    kind = spec.kind
    if kind in ("id", "item"):
        return _id_schema(head)
    if kind in ("text", "url"):
        return {**head, "type": "string", **({"pattern": NOT_BLANK} if spec.required else {})}
    if kind == "date":
        return _date_schema(head, spec.required)
    if kind == "category":
        return {**head, "type": "string", "enum": list(CATEGORIES)}
    if kind == "relations":
        return {**head, "type": "array", "items": _id_schema({"title": "编号"})}
    if kind == "attachments":
        item = object_schema(
            {
                K_NAME: text_schema("名称", "附件在页面上的名称。", required=True),
                K_TYPE: {"title": "类型", "type": "string", "enum": list(ATTACHMENT_KINDS)},
                K_SIZE: {"title": "大小", "description": "文件大小（字节）。", "type": "integer", "minimum": 0},
                K_URL: text_schema("网址", "附件的网址，相对于网站根地址（已按网址规则编码）。", required=True),
            }
        )
        return {**head, "type": "array", "items": item}
    if kind == "validity":
        return {
            **head,
            **object_schema(
                {
                    K_STATE: {"title": "状态", "type": "string", "enum": list(VALIDITY_STATES)},
                    K_VALID_DATE: _date_schema({"title": "日期", "description": "修改或废止的日期。"}, False),
                    K_REPLACED_BY: {
                        "title": "替代",
                        "description": "替代本信息的信息编号；没有时为空字符串。",
                        "type": "string",
                        "anyOf": [{"pattern": ID_PATTERN.pattern}, {"enum": [""]}],
                    },
                }
            ),
        }
    raise ValueError(f"no JSON Schema for kind {kind!r}")  # pragma: no cover - a new kind of field


def _entry_schema() -> Json:
    properties: Json = {}
    for spec in PUBLISHED_FIELDS:
        properties[spec.key] = _field_schema(spec)
        if spec.kind == "item":
            properties[K_ITEM_NAME] = text_schema("所属事项名称", "所属公开事项的名称。")
    properties[K_AREA] = text_schema("领域", "信息所在的领域。", required=True)
    properties[K_COLUMN] = text_schema("栏目", "信息所在的栏目（一级事项）。", required=True)
    properties[K_PAGE] = text_schema("页面网址", "信息页面的网址，相对于网站根地址（“网站地址”）。", required=True)
    return object_schema(properties, "公开信息")


def entries_schema() -> Json:
    """The JSON Schema of the entries' document (draft-07, every part inline)."""
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        **object_schema(
            {
                K_FORMAT: {"title": "格式", "const": FORMAT},
                K_VERSION: {"title": "格式版本", "const": VERSION},
                K_DATE: {
                    "title": "更新日期",
                    "description": "最近一条信息的发布日期。",
                    "type": "string",
                    "pattern": DATE_PATTERN,
                },
                K_BUREAU: text_schema("单位名称", "发布信息的单位。", required=True),
                K_SITE_TITLE: text_schema("网站名称", "发布信息的网站。", required=True),
                K_SITE_URL: text_schema("网站地址", "网站的根地址，各“网址”相对于它；构建时未设置网址时为空字符串。"),
                K_ENTRIES: {"title": "公开信息", "type": "array", "items": _entry_schema()},
            },
            "公开信息（开放数据）",
            "网站发布的全部公开信息（通知公告、政策文件、政策解读、办事指南等），按领域、栏目排列，"
            "同一栏目中最新的在前。每个键总是存在，没有值时为空字符串或空列表。不含发布前的审核记录。",
        ),
    }


def schema_json() -> str:
    """The schema as the text of its published file."""
    return json.dumps(entries_schema(), ensure_ascii=False, indent=2) + "\n"


# -- CSV ------------------------------------------------------------------------------------------------------


def _field_columns(spec: EntryField) -> tuple[str, ...]:
    if spec.kind == "item":
        return (spec.label, CSV_ITEM_NAME)
    if spec.kind == "attachments":
        return (spec.label, CSV_ATTACHMENT_URLS)
    if spec.kind == "validity":
        return (spec.label, CSV_VALID_DATE, CSV_REPLACED_BY)
    return (spec.label,)


def csv_headers() -> list[str]:
    """The CSV's header row: where the entry sits, the published fields by label, its page."""
    headers = [CSV_AREA, CSV_COLUMN]
    for spec in PUBLISHED_FIELDS:
        headers += _field_columns(spec)
    return [*headers, CSV_PAGE]


def _csv_cells(spec: EntryField, value: Any, document: Json) -> list[str]:
    if spec.kind == "item":
        return [value, document[K_ITEM_NAME]]
    if spec.kind == "attachments":
        shown = [f"{a[K_NAME]}（{a[K_TYPE]}，{size_text(a[K_SIZE])}）" for a in value]
        return ["\n".join(shown), "\n".join(a[K_URL] for a in value)]
    if spec.kind == "relations":
        return ["、".join(value)]
    if spec.kind == "validity":
        return [value[K_STATE], value[K_VALID_DATE], value[K_REPLACED_BY]]
    return [value]


def _csv_row(document: Json) -> list[str]:
    """The CSV row of one entry's JSON object."""
    row = [document[K_AREA], document[K_COLUMN]]
    for spec in PUBLISHED_FIELDS:
        row += _csv_cells(spec, document[spec.key], document)
    return [*row, document[K_PAGE]]


def csv_rows(catalogue: Catalogue, addresses: Addresses) -> list[list[str]]:
    """The header and one row per entry, from the same values as the JSON."""
    return [csv_headers(), *(_csv_row(document) for document in entries_json(catalogue, addresses)[K_ENTRIES])]


def csv_bytes(catalogue: Catalogue, addresses: Addresses, kept: KeptTexts | None = None) -> bytes:
    """The CSV file: UTF-8 with BOM, a cell that looks like a formula begins with a quote; with
    ``kept``, an entry converted before is not converted again."""
    if kept is None:
        return csvcells.csv_text(csv_rows(catalogue, addresses)).encode(CSV_ENCODING)
    rows = b"".join(row for _, row in kept.parts(catalogue, addresses))  # UTF-8: only the file starts with a BOM
    return csvcells.csv_text([csv_headers()]).encode(CSV_ENCODING) + rows
