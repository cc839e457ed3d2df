"""gkml's assets as published: fingerprinted names, unused theme files left out, pre-compressed copies
that are the same bytes every build (generator/site/assets.py)."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from generator.site import assets
from generator.site.assets import asset_names, precompress, publish_assets

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("<p>政务公开标准目录</p>\n" * 200).encode("utf-8")


def test_each_asset_is_named_by_its_content_so_a_change_gives_a_new_name(tmp_path: Path) -> None:
    folder = tmp_path / "overrides" / "assets" / "gkml"
    folder.mkdir(parents=True)
    (folder / "gkml.css").write_text("body{color:red}", encoding="utf-8")
    (folder / "gkml.js").write_text("var a=1;", encoding="utf-8")
    before = asset_names(tmp_path / "overrides")
    assert set(before) == {"gkml.css", "gkml.js"}
    assert before["gkml.css"].startswith("assets/gkml/gkml.") and before["gkml.css"].endswith(".css")
    assert asset_names(tmp_path / "overrides") == before, "the same bytes, the same names"
    (folder / "gkml.css").write_text("body{color:blue}", encoding="utf-8")
    after = asset_names(tmp_path / "overrides")
    assert after["gkml.css"] != before["gkml.css"] and after["gkml.js"] == before["gkml.js"]


def test_the_projects_own_assets_all_get_a_fingerprint() -> None:
    names = asset_names(ROOT / "overrides")
    assert {"gkml.css", "gkml.js", "head.js", "search.js", "filters.js"} <= set(names)
    assert all(p.count(".") == 2 for p in names.values()), names


def test_publishing_renames_the_assets_and_leaves_out_what_no_page_uses(tmp_path: Path) -> None:
    site = tmp_path / "site"
    files = [
        "assets/gkml/gkml.js",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/bundle.a5f9d56c.min.js.map",
        "assets/javascripts/lunr/min/lunr.zh.min.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "assets/stylesheets/main.57a0d79d.min.css.map",
        "index.html",
    ]
    for name in files:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    publish_assets(site, {"gkml.js": "assets/gkml/gkml.0123abcd.js"})
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert left == ["assets/gkml/gkml.0123abcd.js", "assets/javascripts/bundle.a5f9d56c.min.js", "index.html"]
    assert (site / "assets/gkml/gkml.0123abcd.js").read_text(encoding="utf-8") == "assets/gkml/gkml.js"


def test_precompressed_copies_are_the_same_bytes_every_build_without_time_or_name(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "item" / "a").mkdir(parents=True)
    page = site / "item" / "a" / "index.html"
    page.write_bytes(TEXT)
    assert precompress(site) == 1
    first = (site / "item" / "a" / "index.html.gz").read_bytes()
    assert gzip.decompress(first) == TEXT
    assert first[3] == 0, "no flags: no file name, no comment"
    assert first[4:8] == b"\0\0\0\0", "no modification time"
    page.touch()
    precompress(site)
    assert (site / "item" / "a" / "index.html.gz").read_bytes() == first


def test_a_large_file_is_compressed_as_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The open data of 200,000 entries is over 100 MB: such a file is compressed a block at a time
    (a small limit here); its copy holds the file and is the same every build."""
    site = tmp_path / "site"
    site.mkdir()
    data = TEXT * 40 + b"".join(hashlib.sha256(bytes([i])).digest() for i in range(64))
    (site / "entries.json").write_bytes(data)
    (site / "noise.csv").write_bytes(b"".join(hashlib.sha256(i.to_bytes(2, "big")).digest() for i in range(999)))
    (site / "noise.csv.gz").write_bytes(b"stale")
    monkeypatch.setattr(assets, "STREAM_BYTES", 1000)
    monkeypatch.setattr(assets, "THREAD_BYTES", 100)  # and on other threads
    assert precompress(site) == 1
    copy = (site / "entries.json.gz").read_bytes()
    assert gzip.decompress(copy) == data
    assert copy[4:8] == b"\0\0\0\0"  # no modification time
    assert sorted(p.name for p in site.iterdir()) == ["entries.json", "entries.json.gz", "noise.csv"]
    precompress(site)
    assert (site / "entries.json.gz").read_bytes() == copy


def test_pages_compressed_as_they_were_written_are_not_compressed_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "item" / "a").mkdir(parents=True)
    for page in (site / "index.html", site / "item" / "a" / "index.html"):
        page.write_bytes(TEXT)
    assert precompress(site, assets.compressible(site, skip={"item/a/index.html"})) == 1
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.gz")) == ["index.html.gz"]


def test_only_text_files_that_compression_makes_smaller_get_a_copy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "big.js").write_bytes(TEXT)
    (site / "tiny.css").write_text("a{}", encoding="utf-8")
    (site / "photo.png").write_bytes(TEXT)
    (site / "noise.json").write_bytes(b"".join(hashlib.sha256(bytes([i])).digest() for i in range(64)))
    (site / "noise.json.gz").write_bytes(b"stale")  # left by an earlier build: removed
    (site / ".gkml-site").write_bytes(TEXT)
    assert precompress(site) == 1
    assert sorted(p.name for p in site.iterdir() if p.suffix == ".gz") == ["big.js.gz"]
