"""Entry files read before, kept between reads of the same catalogue (``gkml serve``).

A preview reads the catalogue again after every change, and an edit touches one or two of its
thousands of entry files (公开信息). :class:`EntryCache` keeps what reading each entry file
gave (the entry and its diagnostics) together with the file's identity when it was read (size,
modification time, inode) and its attachments'; a file whose identity has not changed since,
nor its attachments', is not read again. What reading an entry depends on besides its files
(the items and their columns, the mobile numbers the bureau publishes, the gate's folders and
limits: :class:`~generator.load.catalogue.EntryReading`) is kept as well: when it differs,
nothing kept is used. A file that could not be read into an entry is read every time (what
its attachments are is not known).

The cache also remembers which folder each column was read from, so that a preview can read
one column's entries again (:func:`generator.load.catalogue.read_entries`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.check.diagnostics import Diagnostic
from generator.model.entries import Entry
from generator.model.records import Category
from generator.parallel import fork_map

if TYPE_CHECKING:
    from generator.load.catalogue import EntryReading, PlannedColumn

#: A file's identity: modification time (ns), size, inode; None when it cannot be read.
Stamp = tuple[int, int, int] | None
#: What reading one entry file gives.
Read = tuple[Entry | None, list[Diagnostic]]
#: One entry file to read: its path, as messages show it, and the ids of its column's items.
Job = tuple[Path, str, frozenset[str]]


def stamp(path: str | os.PathLike[str]) -> Stamp:
    """The identity of the file at ``path`` now (links followed)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@dataclass(frozen=True)
class _Kept:
    stamp: Stamp
    attachments: tuple[tuple[str, Stamp], ...]
    read: Read

    def fresh(self, path: Path) -> bool:
        return stamp(path) == self.stamp and all(stamp(Path(a)) == s for a, s in self.attachments)


class EntryCache:
    """What reading each entry file gave, kept while it is unchanged (see the module)."""

    def __init__(self) -> None:
        self.reading: EntryReading | None = None
        #: The column folders read, and the category each one's entries were placed in last.
        self.columns: dict[Path, Category] = {}
        self._kept: dict[Path, _Kept] = {}

    def parse(
        self,
        reading: EntryReading,
        parse: Callable[[Job], Read],
        jobs: Sequence[Job],
        *,
        changed: Collection[Path] = (),
        min_share: int = 1,
    ) -> list[Read]:
        """``[parse(job) for job in jobs]``, taking what was kept for a file that has not changed
        since (nor its attachments) and is not in ``changed``; the rest is read (shared among
        forked workers as :func:`~generator.parallel.fork_map` does) and kept."""
        if reading != self.reading:
            self._kept.clear()
            self.columns.clear()
            self.reading = reading
        results: list[Read | None] = []
        missing: list[int] = []
        stamps: dict[int, Stamp] = {}
        for i, job in enumerate(jobs):
            path = job[0]
            kept = self._kept.get(path)
            if kept is not None and path not in changed and kept.fresh(path):
                results.append(kept.read)
            else:
                results.append(None)
                missing.append(i)
                stamps[i] = stamp(path)  # before reading: a change meanwhile is seen next time
        for i, read in zip(missing, fork_map(parse, [jobs[i] for i in missing], min_share=min_share), strict=True):
            results[i] = read
            entry, _ = read
            path = jobs[i][0]
            if entry is None:
                self._kept.pop(path, None)
                continue
            attachments = tuple((a.source, stamp(Path(a.source))) for a in entry.attachments)
            self._kept[path] = _Kept(stamps[i], attachments, read)
        return [r for r in results if r is not None]

    def placed(self, columns: Sequence[PlannedColumn]) -> None:
        """Remember the folder each of ``columns`` was read from."""
        for column in columns:
            self.columns[column.folder] = column.category
