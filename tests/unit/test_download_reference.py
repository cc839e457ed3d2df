"""The download files a build's other process made are sent back by reference to the build cache's
copy when the cache holds the same bytes (at 200,000 entries they are hundreds of MB), and published
from it byte for byte; anything else travels as bytes."""

from __future__ import annotations

from pathlib import Path

from generator.site.cache import BuildCache
from generator.site.downloads import ENTRIES, Download, by_reference


def test_a_file_the_cache_holds_travels_by_reference_and_anything_else_as_bytes(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    cache.keep_downloads(ENTRIES, "k1", [("a-entries.json", b'{"x": 1}'), ("a-entries.csv", b"x\n1\n")])
    made = [
        Download("downloads/a-entries.json", b'{"x": 1}', "JSON", "a-entries.json", ENTRIES),
        Download("downloads/a-entries.csv", b"x\n2\n", "CSV", "a-entries.csv", ENTRIES),  # not what is kept
        Download("downloads/a-entries.xlsx", b"PK", "Excel", "a-entries.xlsx", ENTRIES),  # not kept at all
    ]
    sent = by_reference(made, cache)
    assert [(d.data, bool(d.source)) for d in sent] == [(b"", True), (b"x\n2\n", False), (b"PK", False)]
    assert [d.read() for d in sent] == [d.data for d in made]
    assert [d.size for d in sent] == [d.size for d in made] == ["8 B", "4 B", "2 B"]
    assert by_reference(made, BuildCache(None)) == made
