"""The search benchmark's pure parts (benchmarks/search_queries.py, and the server and Pagefind
helpers of benchmarks/search.py): the query set, the 文号 spellings, the byte accounting and
the recall figures. No browser."""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .helpers import BENCHMARKS, load_benchmark

if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import search_queries as sq


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/search.py."""
    return load_benchmark("search")


@pytest.fixture(scope="module")
def small_pages() -> list[sq.Page]:
    return sq.pages(60, 200, 1)


# -- drawing ---------------------------------------------------------------------------------------


def test_title_substrings_are_contiguous_of_two_or_more_and_every_one_can_be_drawn() -> None:
    title = "公租房（2022）"
    rng = random.Random(3)
    drawn = {sq.title_substring(title, rng) for _ in range(3000)}
    every = {title[i:j] for i in range(len(title)) for j in range(i + 2, len(title) + 1)}
    assert drawn == every
    with pytest.raises(ValueError):
        sq.title_substring("房", rng)


def test_body_runs_are_two_to_four_han_characters_within_punctuation() -> None:
    text = "申请条件、准入标准和申请材料清单。第3条 公开，内容\nab租金"
    rng = random.Random(5)
    runs = [sq.han_run(text, rng) for _ in range(2000)]
    pieces = re.findall(r"[\u4e00-\u9fff]+", text)
    for run in runs:
        assert run is not None and 2 <= len(run) <= 4
        assert re.fullmatch(r"[\u4e00-\u9fff]+", run)
        assert any(run in piece for piece in pieces), run  # never across 、。，digits, letters or lines
    assert {len(r) for r in runs if r} == {2, 3, 4}
    assert "租金" in runs and "公开" in runs
    assert sq.han_run("第3条，A。", rng) is None
    assert sq.han_run("一、二", rng) is None


def test_wenhao_in_three_spellings() -> None:
    rng = random.Random(1)
    spellings = dict(sq.wenhao_spellings("建房〔2021〕12号", rng))
    assert list(spellings) == list(sq.WENHAO_SPELLINGS)
    assert spellings["as-written"] == "建房〔2021〕12号"
    assert spellings["spaces"] == "建房2021 12"  # the example
    assert spellings["brackets"] in {f"建房{a}2021{b}12号" for a, b in sq.OTHER_BRACKETS}
    seen = {dict(sq.wenhao_spellings("示建规〔2019〕7号", rng))["brackets"] for _ in range(200)}
    assert seen == {f"示建规{a}2019{b}7号" for a, b in sq.OTHER_BRACKETS}
    with pytest.raises(ValueError):
        sq.wenhao_spellings("建房2021年12号", rng)


def test_pinyin_and_initials_as_gkml_spells_them() -> None:
    assert sq.pinyin_of("公租房") == ("gongzufang", "gzf")


@pytest.mark.parametrize("total", [5, 12, 37, 200, 1000])
def test_kind_counts_add_up_with_wenhao_in_threes(total: int) -> None:
    counts = sq.kind_counts(total)
    assert sum(counts.values()) == total
    assert counts["wenhao"] % 3 == 0
    assert list(counts) == list(sq.KINDS)
    if total == 200:
        assert counts == {"title": 50, "body": 50, "wenhao": 48, "pinyin": 26, "initials": 26}


def test_query_set_is_fixed_by_the_seed_and_each_query_fits_its_page(small_pages: list[sq.Page]) -> None:
    queries = sq.draw_queries(small_pages, 80, 1)
    assert queries == sq.draw_queries(small_pages, 80, 1)
    assert queries != sq.draw_queries(small_pages, 80, 2)
    assert len(queries) == 80
    by_url = {p.url: p for p in small_pages}
    for q in queries:
        page = by_url[q.expected]
        assert q.target == page.target
        if q.kind == "title":
            assert len(q.text) >= 2 and q.text in page.title
        elif q.kind == "body":
            assert 2 <= len(q.text) <= 4 and q.text in page.body and re.fullmatch(r"[\u4e00-\u9fff]+", q.text)
        elif q.kind == "wenhao":
            assert q.target == "entry" and q.source == page.number
            assert dict(sq.wenhao_spellings(page.number, random.Random(0)))[q.spelling].startswith(q.text[:3])
        else:
            assert q.source in page.title and 2 <= len(q.source) <= 6
            full, initials = sq.pinyin_of(q.source)
            assert q.text == (full if q.kind == "pinyin" else initials)
    wenhao = [q for q in queries if q.kind == "wenhao"]
    assert [q.spelling for q in wenhao] == list(sq.WENHAO_SPELLINGS) * (len(wenhao) // 3)
    for kind in ("title", "body", "pinyin", "initials"):  # half items, half entries
        targets = [q.target for q in queries if q.kind == kind]
        assert abs(targets.count("item") - targets.count("entry")) <= 1, kind


def test_pages_are_the_synthetic_items_and_entries(small_pages: list[sq.Page]) -> None:
    items = [p for p in small_pages if p.target == "item"]
    entries = [p for p in small_pages if p.target == "entry"]
    assert len(items) == 60 and len(entries) == 200
    assert all(p.url.startswith("item/") and p.url.endswith("/") for p in items)
    assert all(p.url.startswith("info/") for p in entries)
    assert not any(p.body.startswith(("●", "〇")) for p in items)
    assert any(p.number for p in entries)


def test_catalogue_pages_are_its_items_and_entries(golden_catalogue: Any) -> None:
    found = sq.catalogue_pages(golden_catalogue)
    records, entries = golden_catalogue.records, golden_catalogue.entries
    assert [p.url for p in found] == [f"item/{r.id}/" for r in records] + [f"info/{e.id}/" for e in entries]
    assert [p.title for p in found] == [r.title for r in records] + [e.title for e in entries]
    assert all(p.target == "item" for p in found[: len(records)])


# -- accounting --------------------------------------------------------------------------------------


def test_gzip_size_is_that_of_a_gzip_9_stream() -> None:
    data = ("公开内容、" * 500).encode()
    size = sq.gzip_size(data)
    assert size == len(gzip.compress(data, compresslevel=9, mtime=0))
    assert size <= len(gzip.compress(data, compresslevel=1, mtime=0)) < len(data)
    assert sq.gzip_size(data) == size  # no time stamp: the same every time


def test_percentile_is_nearest_rank_and_spread_gives_median_and_p95() -> None:
    assert sq.percentile(range(1, 101), 95) == 95
    assert sq.percentile([3, 1, 2], 95) == 3
    assert sq.percentile([], 50) is None
    assert sq.spread([10, 20, 30, 40]) == {"median": 25, "p95": 40}
    assert sq.spread([]) == {"median": None, "p95": None}


def test_rank_of_compares_site_addresses() -> None:
    results = ["/item/a/", "info/b/index.html", "/info/c/#top"]
    assert sq.rank_of("item/a/", results) == 1
    assert sq.rank_of("info/b/", results) == 2
    assert sq.rank_of("info/c/", results) == 3
    assert sq.rank_of("info/d/", results) is None


def _outcome(kind: str, target: str, rank: int | None, spelling: str = "", ms: float | None = 100.0) -> sq.Outcome:
    query = sq.Query(kind, "q", "item/x/", target, "q", spelling)
    return sq.Outcome(query, rank is not None, rank, 10, 1000, 300, 2, ms, shown=50)


def test_summary_recall_per_kind_target_shown_and_spelling() -> None:
    outcomes = [
        _outcome("title", "item", 1),
        _outcome("title", "entry", 60),
        _outcome("title", "entry", None),
        _outcome("body", "item", 3),
        _outcome("wenhao", "entry", 2, "as-written"),
        _outcome("wenhao", "entry", None, "spaces", ms=None),
    ]
    figures = sq.summarise(outcomes)
    assert figures["recall"] == {"title": round(2 / 3, 4), "body": 1.0, "wenhao": 0.5, "all": round(4 / 6, 4)}
    assert figures["recall_items"] == {"title": 1.0, "body": 1.0, "all": 1.0}
    assert figures["recall_entries"] == {"title": 0.5, "wenhao": 0.5, "all": 0.5}
    assert figures["recall_shown"]["title"] == round(1 / 3, 4)  # rank 60 is past the first 50
    assert figures["shown"] == 50
    assert figures["wenhao_spellings"] == {"as-written": 1.0, "spaces": 0.0}
    assert figures["timeouts"] == 1
    assert figures["bytes_per_query"] == {"raw": {"median": 1000, "p95": 1000}, "gzip": {"median": 300, "p95": 300}}
    assert figures["results_ms"] == {"median": 100.0, "p95": 100.0}


# -- the server and Pagefind's fragments ----------------------------------------------------------------


def test_server_records_each_file_sent_with_its_gzip_size(bench: ModuleType, tmp_path: Path) -> None:
    site, bundle = tmp_path / "site", tmp_path / "bundle"
    (site / "search").mkdir(parents=True)
    (bundle / "index").mkdir(parents=True)
    page = "<html>搜索</html>".encode()
    (site / "search" / "index.html").write_bytes(page)
    chunk = bytes(range(256)) * 4
    (bundle / "index" / "a.pf_index").write_bytes(chunk)
    recorder = bench.Recorder()
    with bench.serve(site, {"/pagefind/": bundle}, recorder) as base:
        for path in ("search/?q=%E5%85%AC", "pagefind/index/a.pf_index", "missing.js", "pagefind/../search/x"):
            try:
                urllib.request.urlopen(base + path).read()
            except OSError:
                pass
        recorder.wait_quiet(0.05)
    sent = {path: sizes for path, *sizes in recorder.snapshot()}  # a file is noted once sent: in any order
    assert sent == {
        "/search/": [len(page), sq.gzip_size(page)],
        "/pagefind/index/a.pf_index": [len(chunk), sq.gzip_size(chunk)],
        "/missing.js": [0, 0],  # not found: nothing counted
        "/pagefind/../search/x": [0, 0],  # nothing outside the mount
    }


def test_search_files_are_told_by_their_path(bench: ModuleType) -> None:
    assert bench.is_search_file("/assets/gkml/search.js")
    assert bench.is_search_file("/search/index.js")
    assert not bench.is_search_file("/assets/gkml/gkml.js")
    assert not bench.is_search_file("/assets/stylesheets/main.css")


def test_fragment_pages_reads_single_and_grouped_fragments(bench: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "fragment"
    folder.mkdir()

    def write(name: str, data: object) -> None:
        raw = b"pagefind_dcd" + json.dumps(data).encode()
        (folder / f"{name}.pf_fragment").write_bytes(gzip.compress(raw))

    write("zh-cn_a1", {"url": "/item/a/", "content": "…"})
    write("zh-cn_g1", {"zh-cn_b2": {"url": "/info/b/"}, "zh-cn_c3": {"url": "/info/c/"}})
    assert bench.fragment_pages(tmp_path) == {"zh-cn_a1": "/item/a/", "zh-cn_b2": "/info/b/", "zh-cn_c3": "/info/c/"}


def test_pagefind_index_figures_leave_out_its_ui(bench: ModuleType, tmp_path: Path) -> None:
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p.name for p in bench.pagefind_index_files(tmp_path)]
    assert names == ["pagefind-worker.js", "pagefind.js"]


def test_gkml_documents_reads_the_result_fragments_of_a_sharded_index(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "search" / "d" / "r" / "0").mkdir(parents=True)
    (tmp_path / "search" / "index.js").write_text('gkmlSearchData({"docs":2});\n', encoding="utf-8")
    for n, url in ((0, "item/a/"), (1, "info/b/")):
        fragment = json.dumps({"k": n, "t": "标题", "u": url}, ensure_ascii=False)
        (tmp_path / "search" / "d" / "r" / "0" / f"{n}.js").write_text(f"gkmlDoc({n},{fragment});\n", encoding="utf-8")
    assert bench.gkml_documents(tmp_path) == {0: "item/a/", 1: "info/b/"}


def test_snapshot_of_a_revision_holds_the_committed_generator(bench: ModuleType, tmp_path: Path) -> None:
    src, commit = bench.snapshot_revision(tmp_path, "HEAD")
    assert re.fullmatch(r"[0-9a-f]{7,}", commit)
    for path in ("generator/__init__.py", "mkdocs.yml", "overrides/main.html", "overrides/assets/gkml/search.js"):
        assert (src / path).is_file(), path
