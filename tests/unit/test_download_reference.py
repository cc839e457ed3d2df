"""The download files a build's other process makes are sent back by reference to the build cache's
copy (at 200,000 entries they are hundreds of MB), and published from it byte for byte; what the cache
could not keep travels as bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.catalogue import load_catalogue
from generator.model.records import Catalogue
from generator.site.cache import BuildCache
from generator.site.downloads import Download, cached_downloads, site_downloads
from generator.site.routes import Routes

EXAMPLE = Path(__file__).resolve().parents[2] / "catalogue"


@pytest.fixture(scope="module")
def example() -> Catalogue:
    catalogue, _ = load_catalogue(EXAMPLE, git_dates=False)
    assert catalogue is not None
    return catalogue


def _bytes(download: Download) -> bytes:
    return Path(download.source).read_bytes() if download.source else download.data


def test_a_file_the_cache_holds_travels_by_reference_and_anything_else_as_bytes(
    example: Catalogue, tmp_path: Path
) -> None:
    made = site_downloads(example, "catalogue", Routes())
    for cache in (BuildCache(tmp_path / "cache"), BuildCache(tmp_path / "cache")):  # made and kept, then taken
        sent = cached_downloads(example, "catalogue", Routes(), "", cache)
        assert [(d.data, bool(d.source)) for d in sent] == [(b"", True)] * len(made)
        assert [_bytes(d) for d in sent] == [d.data for d in made]
        assert [d.size for d in sent] == [d.size for d in made]
    assert cached_downloads(example, "catalogue", Routes(), "", BuildCache(None)) == made
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    unwritable = BuildCache(tmp_path / "not-a-folder" / "cache")  # cannot be kept: travels as bytes
    assert cached_downloads(example, "catalogue", Routes(), "", unwritable) == made
