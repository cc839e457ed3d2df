"""A file's structure: its keys against a list of :class:`FieldSpec`, each value read by its kind.

Unknown keys are reported with a did-you-mean suggestion, a key in quotes (``"名称":``)
is read as the bare key, a missing or empty required key is reported, an empty
optional one ignored. Each kind of value is read by its element's rules
(:data:`READERS`). Used for item files and for the settings files (``_meta.yaml``,
``_site.yaml``) alike.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.check.record.basis import read_basis
from generator.check.record.channels import read_channels
from generator.check.record.content import read_content
from generator.check.record.keys import report_unknown_key
from generator.check.record.phones import read_phones
from generator.check.record.reader import FieldReader
from generator.check.record.scalars import read_date, read_id, read_order, read_text
from generator.check.record.vocabularies import read_audiences, read_levels, read_methods
from generator.check.severity import Severity
from generator.load.yamlfile import Path_
from generator.model.records import RECORD_FIELDS, FieldSpec, Kind, Record

ValueReader = Callable[[FieldReader, object, Path_, FieldSpec], object]

#: How each kind of field (:attr:`FieldSpec.kind`) is read.
READERS: dict[Kind, ValueReader] = {
    "id": read_id,
    "text": read_text,
    "content": read_content,
    "basis": read_basis,
    "methods": read_methods,
    "channels": read_channels,
    "audiences": read_audiences,
    "levels": read_levels,
    "order": read_order,
    "date": read_date,
    "phones": read_phones,
}

_QUOTES = "\"'“”‘’「」『』"


class RecordValidator(FieldReader):
    """Validates one document against field specs; collects every problem into ``self.diagnostics``."""

    def parse(self, spec: FieldSpec, value: object, path: Path_) -> object | None:
        """Parse ``value`` as the kind of field ``spec`` describes (None after reporting)."""
        return READERS[spec.kind](self, value, path, spec)

    def fields(self, specs: tuple[FieldSpec, ...]) -> dict[str, object] | None:
        """Check the document's keys against ``specs``; parsed values by attribute name.

        Returns None when the document is not a mapping. Unknown keys, missing required
        keys and empty required values are reported; empty optional values are ignored.
        """
        data = self.doc.data
        if not isinstance(data, dict):
            self.report("not-mapping", ())
            return None
        data = self._check_keys(data, {s.key: s for s in specs})
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

    def _check_keys(self, data: dict[str, object], known: dict[str, FieldSpec]) -> dict[str, object]:
        """Report the keys that are not ``known``; ``data`` with quoted known keys read bare."""
        for key in data:
            bare = key.strip(_QUOTES)
            if key not in known and bare != key and bare in known and bare not in data:
                self.report("key-quoted", (key,), at_key=True, key=key, bare=bare)
                data = {**data, bare: data[key]}  # read on, so the value is checked too
                self.doc.positions[(bare,)] = self.doc.where((key,))
                self.doc.key_positions[(bare,)] = self.doc.where((key,), key=True)
            elif key not in known:
                report_unknown_key(self, key, (key,), list(known))
        return data

    def record(self) -> Record | None:
        """The record, or None when the file has any error."""
        values = self.fields(RECORD_FIELDS)
        if values is None or any(d.severity is Severity.ERROR for d in self.diagnostics):
            return None
        return _complete_record(values)

    def record_despite_errors(self) -> Record | None:
        """The record as far as the file can be read, errors or not: None only when the file
        is not a mapping or a required element is missing or unreadable. For a file whose
        only errors are rules a bureau has made warnings."""
        values = self.fields(RECORD_FIELDS)
        return None if values is None else _complete_record(values)


def _complete_record(values: dict[str, object]) -> Record | None:
    """The record of parsed ``values`` by attribute, or None when a required one is missing."""
    if not all(f.attr in values for f in RECORD_FIELDS if f.required):
        return None
    return Record(**values)  # type: ignore[arg-type]
