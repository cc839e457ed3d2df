"""Checking one entry file (公开信息): its front matter against :data:`ENTRY_FIELDS`, its
attachments, and its body as a hand-written page (nothing that runs or loads from outside,
no person's identifiers).

What needs the other entries (关联 and 替代 that name no entry, ids used twice, 审核 in
production) is checked afterwards, over the whole catalogue (:mod:`generator.check.entries`).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Collection, Mapping
from pathlib import Path, PurePosixPath

from generator.check.attachments import check_attachment
from generator.check.diagnostics import Diagnostic, make
from generator.check.pages import check_page
from generator.check.record.keys import report_unknown_key
from generator.check.record.links import read_url
from generator.check.record.reader import FieldReader
from generator.check.record.scalars import read_date, read_id, read_text
from generator.load.attachments import AttachmentTexts
from generator.load.entries import EntryFile
from generator.load.files import FileGate
from generator.load.yamlfile import Path_
from generator.model.entries import (
    ATTACHMENT_KEYS,
    ATTACHMENT_TYPES,
    CATEGORIES,
    ENTRY_FIELDS,
    ENTRY_FIELDS_BY_KEY,
    REVIEW_KEYS,
    VALID,
    VALIDITY_KEYS,
    VALIDITY_STATES,
    Attachment,
    Entry,
    EntryField,
    Review,
    Validity,
)
from generator.model.placeholders import find_placeholders


class EntryReader(FieldReader):
    """Reads an entry's front matter; every problem goes to ``self.diagnostics``."""

    def __init__(
        self,
        entry: EntryFile,
        items: Collection[str],
        gate: FileGate,
        elsewhere: Mapping[str, tuple[str, str]],
        texts: AttachmentTexts | None = None,
        public: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(entry.doc)
        self.entry = entry
        self.items = items  #: the ids of the items of the entry's column
        self.gate = gate
        self.elsewhere = elsewhere  #: the other items of the catalogue: id → (column title, column folder)
        self.texts = texts  #: reads attachments' text for the privacy scan (None: not scanned)
        self.public = public  #: the mobile numbers the bureau publishes

    def read(self) -> dict[str, object]:
        data = self.doc.data
        if not isinstance(data, dict):
            self.report("entry-front-matter-missing", ())
            return {}
        values: dict[str, object] = {}
        for key, value in data.items():
            spec = ENTRY_FIELDS_BY_KEY.get(str(key))
            if spec is None:
                report_unknown_key(self, str(key), (key,), [f.key for f in ENTRY_FIELDS])
                continue
            parsed = _READERS[spec.kind](self, value, (key,), spec)
            if parsed is not None:
                values[spec.attr] = parsed
        for spec in ENTRY_FIELDS:
            if spec.required and spec.key not in data:
                self.report("missing-field", (), spec, key=spec.key, example=spec.example)
        return values

    # -- the kinds of values of an entry -------------------------------------------------
    def item(self, value: object, path: Path_, spec: EntryField) -> str | None:
        text = self.text(value, path, spec)
        if text is not None and text in self.elsewhere and text not in self.items:
            column, folder = self.elsewhere[text]
            self.report("entry-item-elsewhere", path, spec, value=text, other=column, folder=folder)
            return None
        if text is not None and text not in self.items:
            self.report("entry-item-unknown", path, spec, value=text, known="、".join(sorted(self.items)) or "（无）")
            return None
        return text

    def category(self, value: object, path: Path_, spec: EntryField) -> str | None:
        return self.choice(value, path, spec, CATEGORIES, {})

    def relations(self, value: object, path: Path_, spec: EntryField) -> tuple[str, ...]:
        ids = [read_id(self, item, at, spec) for item, at in self.one_or_many(value, path, spec)]
        return tuple(i for i in ids if i)

    def validity(self, value: object, path: Path_, spec: EntryField) -> Validity | None:
        if not isinstance(value, dict):
            state = self.choice(value, path, spec, VALIDITY_STATES, {})
            return Validity(state) if state else None
        for key in value:
            if key not in VALIDITY_KEYS:
                report_unknown_key(self, str(key), (*path, key), VALIDITY_KEYS, spec)
        state = self.choice(value.get("状态", VALID), (*path, "状态"), spec, VALIDITY_STATES, {})
        date = read_date(self, value["日期"], (*path, "日期"), spec) if "日期" in value else ""
        replaced = read_id(self, value["替代"], (*path, "替代"), spec) if "替代" in value else ""
        if state and state != VALID and not date:
            self.report("entry-validity-date", path, spec, state=state)
        return Validity(state or VALID, date or "", replaced or "")

    def review(self, value: object, path: Path_, spec: EntryField) -> Review | None:
        if not isinstance(value, dict):
            self.report("wrong-type", path, spec, key=spec.key, expected="键值对", found="文字", example=spec.example)
            return None
        for key in value:
            if key not in REVIEW_KEYS:
                report_unknown_key(self, str(key), (*path, key), REVIEW_KEYS, spec)
        missing = [key for key in REVIEW_KEYS if key not in value]
        for key in missing:  # said of the key missing, at the 审核 mapping
            self.report("missing-field", path, spec, key=key, example=_REVIEW_EXAMPLES[key])
        reviewer = self.text(value["审核人"], (*path, "审核人"), spec) if "审核人" in value else None
        date = read_date(self, value["审核日期"], (*path, "审核日期"), spec) if "审核日期" in value else None
        return Review(reviewer, date) if reviewer and date else None

    def attachments(self, value: object, path: Path_, spec: EntryField) -> tuple[Attachment, ...]:
        found = []
        for item, at in self.one_or_many(value, path, spec):
            attachment = self._attachment(item, at, spec)
            if attachment is not None:
                found.append(attachment)
        return tuple(found)

    def _attachment(self, item: object, at: Path_, spec: EntryField) -> Attachment | None:
        if isinstance(item, dict):
            for key in item:
                if key not in ATTACHMENT_KEYS:
                    report_unknown_key(self, str(key), (*at, key), ATTACHMENT_KEYS, spec)
            written = self.text(item.get("文件"), (*at, "文件"), spec)
            given = item.get("名称")
            name = (self.text(given, (*at, "名称"), spec) or "") if given not in (None, "") else ""
            at = (*at, "文件")
        else:
            written = self.text(item, at, spec)
            name = ""
        if written is None:
            return None
        return self._attachment_file(written, name, at, spec)

    def _attachment_file(self, written: str, name: str, at: Path_, spec: EntryField) -> Attachment | None:
        path = self.entry.path.parent / written
        kind = ATTACHMENT_TYPES.get(path.suffix.lower())
        if kind is None:
            allowed = "、".join(sorted(ATTACHMENT_TYPES))
            self.report("entry-attachment-type", at, spec, value=written, allowed=allowed)
            return None
        if ".." in Path(written).parts or Path(written).is_absolute():
            self.report("entry-attachment-outside", at, spec, value=written)
            return None
        if not os.path.lexists(path):  # a link leading nowhere is the gate's to report
            self.report("entry-attachment-missing", at, spec, value=written, folder=self._folder(written))
            return None
        shown = (PurePosixPath(self.entry.file).parent / written).as_posix()
        refused = self.gate.problems(path, shown, limit="attachment_bytes")
        if refused:
            # said at the attachment's line of the front matter, naming the attachment
            line, column = self.doc.where(at)
            self.diagnostics += [
                dataclasses.replace(
                    d, file=self.doc.file, line=line, column=column, element=spec.key, message=f"“{written}”{d.message}"
                )
                for d in refused
            ]
            return None
        if self.texts is not None:  # the privacy scan of its text, said at its 文件 value
            self.diagnostics += check_attachment(
                self.texts, path, written, self.gate, self.doc.file, self.doc.where(at), spec.key, self.public
            )
        return Attachment(name or Path(written).stem, written, path.stat().st_size, kind, str(path))

    def _folder(self, written: str) -> str:
        """The folder an attachment written as ``written`` is looked for in, as shown in messages."""
        return (PurePosixPath(self.entry.file).parent / PurePosixPath(written).parent).as_posix()


#: What each key of 审核 looks like, for the message when it is missing.
_REVIEW_EXAMPLES = {"审核人": "李四", "审核日期": "2025-03-11"}

_Reader = Callable[[EntryReader, object, Path_, EntryField], object]
_READERS: dict[str, _Reader] = {
    "id": read_id,
    "text": read_text,
    "date": read_date,
    "url": read_url,
    "item": EntryReader.item,
    "category": EntryReader.category,
    "relations": EntryReader.relations,
    "validity": EntryReader.validity,
    "review": EntryReader.review,
    "attachments": EntryReader.attachments,
}


def validate_entry(
    entry: EntryFile,
    items: Collection[str],
    gate: FileGate,
    public: frozenset[str] = frozenset(),
    elsewhere: Mapping[str, tuple[str, str]] | None = None,
    texts: AttachmentTexts | None = None,
) -> tuple[Entry | None, list[Diagnostic]]:
    """The entry in ``entry`` (placed among ``items``, the ids of its column's items), or None and
    why not; ``public``: the mobile numbers the bureau publishes on purpose; ``elsewhere``: the
    catalogue's other items (id → column title and folder), to say where an entry belongs; ``texts``:
    reads the attachments' text for the privacy scan (:mod:`generator.check.attachments`; None: not read)."""
    reader = EntryReader(entry, items, gate, elsewhere or {}, texts, public)
    values = reader.read()
    out = reader.diagnostics
    published, formed = values.get("published"), values.get("formed")
    if isinstance(published, str) and isinstance(formed, str) and formed > published:
        line, column = entry.doc.where(("形成日期",))
        out.append(_make("entry-formed-after-published", entry.file, line, column, formed=formed, published=published))
    if not entry.body.strip() and not values.get("url"):
        out.append(_make("entry-body-empty", entry.file, entry.body_line, 1))
    # the file as read through the gate; its front matter was read by the strict reader already
    out += _placeholders(entry)
    out += check_page(entry.text, entry.file, public=public, front_matter=False)
    if any(d.severity.value == "error" for d in out):
        return None, out
    # the same keys and places in every entry: shared, not kept once per entry (200,000 entries are in memory at once)
    keys = entry.doc.key_positions.items()
    positions = {sys.intern(str(path[0])): _PLACES.setdefault(at, at) for path, at in keys if len(path) == 1}
    return Entry(**values, body=entry.kept_body(), file=entry.file, positions=positions), out  # type: ignore[arg-type]


def _placeholders(entry: EntryFile) -> list[Diagnostic]:
    """The placeholders left in the front matter's values and in the body, each where it stands
    (:data:`generator.model.placeholders.PLACEHOLDER_PATTERNS`: what gkml new --entry writes, 【请填写标题】 …,
    and what gkml import leaves to be checked)."""
    out = []
    data = entry.doc.data if isinstance(entry.doc.data, dict) else {}
    for key, value in data.items():
        for m in find_placeholders(value) if isinstance(value, str) else ():
            line, column = entry.doc.where((key,))
            out.append(make("entry-placeholder", entry.file, line, column, element=str(key), text=m[0]))
    for m in find_placeholders(entry.body):
        line = entry.body_line + entry.body.count("\n", 0, m.start())
        column = m.start() - entry.body.rfind("\n", 0, m.start())
        out.append(_make("entry-placeholder", entry.file, line, column, text=m[0]))
    return out


#: (line, column) pairs met in entries' front matter, each kept once.
_PLACES: dict[tuple[int, int], tuple[int, int]] = {}


def _make(code: str, file: str, line: int, column: int, **values: object) -> Diagnostic:
    return make(code, file, line, column, element="", severity=None, **values)
