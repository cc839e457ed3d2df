"""What reading a file gives the importer: items (one per table row), settings and problems."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from generator.exchange.report import Problem
from generator.model.records import Record


@dataclass
class Item:
    """One record read from a row of a table (or an entry of a JSON file), and where it came from."""

    area: str  #: 领域 title
    category: str  #: 一级事项 title
    record: Record  #: ``id`` is "" when the file gives none (one is made as ``gkml new`` makes them)
    sheet: str  #: the sheet's name, or the file's
    row: int | None = None
    path: str = ""  #: where in a JSON document
    sheet_order: int = 0
    columns: dict[str, int] = field(default_factory=dict)  #: column key → column number, to locate problems
    todo: list[str] = field(default_factory=list)  #: placeholders written for the editor to replace

    def locate(self, problem: Problem) -> Problem:
        """``problem`` placed at this item's row, in the column it names when known."""
        column = self.columns.get(problem.key) if problem.key else None
        placed = problem.at(self.sheet, self.row, column, sheet_order=self.sheet_order)
        if self.path and not placed.path:
            placed = dataclasses.replace(placed, path=self.path)
        return placed

    @property
    def source(self) -> str:
        """``保障性住房 第 5 行`` (or the JSON path)."""
        return self.path or f"{self.sheet} 第 {self.row} 行"


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
    problems: list[Problem] = field(default_factory=list)
