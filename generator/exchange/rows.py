"""What reading a file gives the importer: items (one per table row), settings and problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.check.diagnostics import Diagnostic
from generator.exchange import table as t
from generator.model.records import RECORD_FIELDS, Record
from generator.model.standard import StandardItem

_TABLE_KEYS = (
    t.AREA,
    t.LEVEL1,
    t.NAME,
    t.LEVEL3,
    t.CONTENT,
    t.BASIS,
    t.TIME_LIMIT,
    t.SUBJECT,
    t.CHANNELS,
    t.AUDIENCES,
    t.METHODS,
    t.LEVELS,
    t.ID,
    t.ORDER,
    t.UPDATED,
    t.NOTE,
    t.CHANNEL_DETAILS,
    t.BASIS_DETAILS,
    t.AUDIENCE_DETAILS,
)
#: A column's key by the name a diagnostic's ``element`` gives it: the table's label for the
#: column (公开内容（要素）, 渠道说明（gkml）), or the record's key (内容) when the checker speaks.
_COLUMN_KEYS = {t.label_of(key): key for key in _TABLE_KEYS} | {spec.key: spec.attr for spec in RECORD_FIELDS}


def column_key(element: str) -> str:
    """The column key (:mod:`generator.exchange.table`) a diagnostic's ``element`` names ("" for none)."""
    return _COLUMN_KEYS.get(element, "")


@dataclass
class Item:
    """One record read from a row of a table (or an entry of a JSON file), and where it came from."""

    area: str  #: 领域 title
    category: str  #: 一级事项 title
    record: Record  #: ``id`` is "" when the file gives none (one is made as ``gkml new`` makes them)
    file: str  #: the file read, as shown
    sheet: str = ""  #: the sheet's name ("" for a CSV or JSON file)
    row: int = 0
    path: str = ""  #: where in a JSON document
    sheet_index: int = 0
    columns: dict[str, int] = field(default_factory=dict)  #: column key → column number, to locate problems
    todo: list[str] = field(default_factory=list)  #: placeholders written for the editor to replace
    standard: StandardItem | None = None  #: the national standard's item the row was matched to

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        """``diagnostic`` placed at this item's row, in the column its element names when the table has it."""
        column = self.columns.get(column_key(diagnostic.element), 0)
        return diagnostic.placed(self.file, self.sheet, self.row, column, path=self.path, sheet_index=self.sheet_index)

    @property
    def source(self) -> str:
        """``保障性住房 第 5 行`` (or the JSON path)."""
        return self.path or f"{self.sheet or self.file} 第 {self.row} 行"


@dataclass
class Parsed:
    """A whole file read: its items, the area and column settings it carries, the bureau's settings."""

    file: str  #: the file, as shown
    items: list[Item] = field(default_factory=list)
    #: area title → ``_meta.yaml`` values (by key, as YAML text), in the file's order
    areas: dict[str, dict[str, str]] = field(default_factory=dict)
    #: (area title, category title) → ``_meta.yaml`` values
    categories: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    #: ``_site.yaml`` values by key; at least 单位名称 when the file names the bureau
    site: dict[str, str] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    rows_read: int = 0  #: rows with text under the tables' headers (items, rows without a name, notes, failed)
    rows_unnamed: int = 0  #: rows without a name (listed in problems, not imported)
    rows_skipped: int = 0  #: rows holding one text only: a title, a note, a legend (not items)
    rows_failed: int = 0  #: rows with an error (not imported)
    lenient: bool = False  #: read without --strict: a record holding a person's number is still written
