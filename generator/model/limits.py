"""How much gkml reads at most: one home for every size limit.

A bureau's files are small (a record is a few kilobytes, a catalogue table a few hundred
rows); limits keep a mistaken or hostile file (a 50 MB record, a sheet formatted down to
row 1,048,576, a zip bomb) from taking the machine down. A county that needs more raises
them in mkdocs.yml (plugin option ``limits``; see the README).
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits in force for one run (the defaults unless the county set others)."""

    text_file_bytes: int = 1 * MIB  #: one record, _meta.yaml, _site.yaml or content page
    import_file_bytes: int = 20 * MIB  #: one table given to gkml import (as stored)
    import_unpacked_bytes: int = 200 * MIB  #: an .xlsx file's contents once unzipped
    import_rows: int = 20_000  #: rows read from one sheet
    import_columns: int = 200  #: columns read from one sheet
    cell_chars: int = 32_767  #: characters in one cell (Excel's own limit)
    attachment_bytes: int = 50 * MIB  #: one attachment of a published entry


DEFAULT_LIMITS = Limits()
