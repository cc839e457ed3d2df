"""The sharded search index: keys, 文号 normalisation, encoding, numbering, determinism, and what
the site's own search.js (run under Node over the built files: tests/unit/search_node.js) finds.

Expectations come from the catalogue's texts, not from the index: every substring of a title,
runs of Han characters from the bodies, a 文号 typed three ways, pinyin.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import functools
import json
import os
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.attachments import AttachmentTexts, attachment_words
from generator.load.catalogue import load_catalogue
from generator.model import vocab
from generator.model.records import Catalogue
from generator.model.slugs import initials, pinyin_syllables, slugify
from generator.site.routes import SEARCH_DATA, SEARCH_INDEX, Routes
from generator.site.search_index import (
    BODY,
    DOC_NO,
    SUMMARY,
    TITLE,
    Doc,
    PackedPostings,
    SearchIndex,
    build_search_files,
    doc_keys,
    doc_number_key,
    documents,
    encode_numbers,
    encode_postings,
    facet_bits,
    fnv1a,
    grams,
    pinyin_keys,
    plain_text,
    runs,
    shard_files,
    write_search_files,
)

from .helpers import CATALOGUE, TREES, formatted

ROOT = Path(__file__).resolve().parents[2]
SEARCH_JS = ROOT / "overrides" / "assets" / "gkml" / "search.js"
HARNESS = Path(__file__).with_name("search_node.js")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture(scope="module")
def example() -> Catalogue:
    catalogue, diagnostics = load_catalogue(CATALOGUE, git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    return catalogue


#: The text of the attachments, read as a build reads it (here without the cache).
WORDS = functools.partial(attachment_words, AttachmentTexts(None))


@pytest.fixture(scope="module")
def example_docs(example: Catalogue) -> list[Doc]:
    return documents(example, Routes(), words=WORDS)[1]


@pytest.fixture(scope="module")
def example_site(example: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("search-site")
    write_search_files(site, example, Routes(), WORDS)
    return site


Search = Callable[[list[str]], list[list[int]]]


def node() -> str:
    """The Node.js that Playwright ships (always there when the browser tests can run)."""
    from playwright._impl._driver import compute_driver_executable

    executable = compute_driver_executable()
    return executable[0] if isinstance(executable, tuple) else str(executable)


def node_search(site: Path, queries: list[str]) -> list[list[int]]:
    """search.js under Node on the search data in ``site``: the documents (numbers, best first) each query finds."""
    text = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries)
    done = subprocess.run(
        [node(), str(HARNESS), str(site), str(SEARCH_JS)],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GKML_SHARED": "1"},
    )
    return [[hit[0] for hit in json.loads(line)["hits"]] for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def search(example_site: Path) -> Search:
    """search.js under Node on the example: the documents (numbers, best first) each query finds."""
    return functools.partial(node_search, example_site)


# -- keys ---------------------------------------------------------------------------------------------


def test_the_data_lives_in_the_search_folder() -> None:
    assert SEARCH_INDEX == "search/index.js"
    assert SEARCH_DATA == "search/d"


def test_runs_are_read_as_nfkc_lower_case_and_end_at_punctuation() -> None:
    assert runs("关于《保障性住房》的ＰＤＦ通知，２０２５年") == ["关于", "保障性住房", "的pdf通知", "2025年"]
    assert grams("住房保障") == {"住房", "房保", "保障", "住房保", "房保障"}
    assert grams("住，房") == set()  # n-grams do not cross punctuation
    assert grams("ＡＢ2") == {"ab", "b2", "ab2"}


@pytest.mark.parametrize(
    "typed", ["建房〔2021〕12号", "建房[2021]12号", "建房(2021)12号", "建房2021 12", "建房（2021）12"]
)
def test_a_doc_number_typed_any_way_is_one_text(typed: str) -> None:
    assert doc_number_key(typed) == "建房202112"


def test_pinyin_keys_start_at_syllables_and_initials_are_any_ngram() -> None:
    keys = pinyin_keys("公租房")
    assert {"^gon", "^go", "^gongzufang", "^zufang", "^fan", "*ong", "~gz", "~zf", "~gzf"} <= keys
    assert "^ong" not in keys  # ong does not start a syllable
    assert not any(k[0] not in "^*~" for k in keys)


def test_each_key_has_the_best_field_that_holds_it() -> None:
    doc = Doc(
        1,
        "住房补贴通知",
        "info/x/",
        0,
        "2025-01-01",
        ("住房补贴通知", "建房〔2021〕12号", "补贴标准", "补贴标准和住房"),
        "住房补贴通知",
    )
    keys = doc_keys(doc)
    assert keys["住房"] == TITLE and keys["补贴"] == TITLE
    assert keys["标准"] == SUMMARY
    assert keys["建房2"] == DOC_NO and keys["202"] == DOC_NO
    assert keys["准和住"] == BODY
    assert keys["=住房补贴通知"] == TITLE and keys["!住"] == TITLE


def test_markdown_bodies_are_indexed_as_their_text() -> None:
    text = plain_text("## 一、申请条件\n\n1. **本县**户籍；\n\n| 序号 | 名称 |\n| --- | --- |\n\n见[附件](a.pdf)。")
    assert "#" not in text and "*" not in text and "|" not in text and "(a.pdf)" not in text
    assert "申请条件" in text and "本县户籍" in text and "见附件" in text


# -- encoding ---------------------------------------------------------------------------------------


def decode(text: str) -> list[int]:
    """Document numbers of one field's string (as search.js reads it)."""
    if not text:
        return []
    if text[0] == "l":
        numbers, n, shift, value = [], 0, 0, 0
        for byte in base64.b64decode(text[1:]):
            value |= (byte & 0x7F) << shift
            if byte & 0x80:
                shift += 7
                continue
            n += value
            numbers.append(n)
            value = shift = 0
        return numbers
    first, _, encoded = text[1:].partition(",")
    bitmap = base64.b64decode(encoded)
    return [int(first) + i for i in range(len(bitmap) * 8) if bitmap[i >> 3] >> (i & 7) & 1]


@pytest.mark.parametrize(
    "numbers",
    [[0], [5], [3, 200, 70000], list(range(0, 5000, 3)), list(range(100, 900)), [1, 2, 3, 1000]],
)
def test_numbers_round_trip_as_gaps_or_bitmaps(numbers: list[int]) -> None:
    encoded = encode_numbers(numbers)
    assert decode(encoded) == numbers


def test_dense_numbers_are_a_bitmap_sparse_ones_a_list() -> None:
    assert encode_numbers(list(range(0, 40000, 2))).startswith("m0,")
    assert encode_numbers([1, 90000]).startswith("l")
    assert len(encode_numbers(list(range(0, 40000, 2)))) < 40000 / 8 * 4 / 3 + 10  # N/8 bytes at most


def test_hash_is_fnv1a_over_utf16_code_units() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C  # the same as FNV-1a of the byte 0x61
    assert fnv1a("住房") != fnv1a("房住")


# -- the files ----------------------------------------------------------------------------------------


def test_items_are_numbered_first_then_entries_oldest_first(example: Catalogue, example_docs: list[Doc]) -> None:
    items = [d for d in example_docs if d.kind == 0]
    assert len(items) == len(example.records)
    assert example_docs[: len(items)] == items
    dates = [d.date for d in example_docs[len(items) :]]
    assert len(dates) == len(example.entries)
    assert dates == sorted(dates)  # a new entry is numbered last


def ranked(numbers: list[int], docs: list[Doc]) -> list[int]:
    """``numbers`` in the order of equals: items first, then entries newest first."""
    items = sum(1 for d in docs if d.kind == 0)
    return sorted(numbers, key=lambda n: n if n < items else items + len(docs) - n)


@pytest.mark.parametrize("block", [1, 7, 4096])
def test_the_same_catalogue_builds_the_same_files(example: Catalogue, tmp_path: Path, block: int) -> None:
    """The files written as the documents are read (a full build, in bounded memory, packed a
    block of documents at a time) are those of the index gkml serve keeps, byte for byte."""
    first = build_search_files(example, Routes()).files
    assert first == build_search_files(example, Routes()).files
    write_search_files(tmp_path, example, Routes(), block=block)
    (tmp_path / SEARCH_DATA / "s999999.js").write_text("stale")
    write_search_files(tmp_path, example, Routes(), block=block)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == set(first)
    assert all((tmp_path / p).read_text(encoding="utf-8") == text for p, text in first.items())


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from(["住房", "补贴", "ab", "房补贴"]), st.integers(0, 3)), max_size=300),
    st.integers(1, 64),
    st.integers(1, 200),
)
def test_packed_postings_encode_as_the_arrays_do(docs: list[dict[str, int]], block: int, stride: int) -> None:
    """Numbers far apart (varints of several bytes), dense runs (bitmaps) and blocks of any size."""
    key_sets = [tuple({k for k, f in doc.items() if f == field} for field in range(4)) for doc in docs]
    packed = PackedPostings(block)
    for number, sets in enumerate(key_sets):
        packed.add(number * stride, sets)  # type: ignore[arg-type]
    lists: tuple[dict[str, list[int]], ...] = tuple({} for _ in range(4))
    for number, sets in enumerate(key_sets):
        for field, keys in enumerate(sets):
            for key in keys:
                lists[field].setdefault(key, []).append(number * stride)
    keys = packed.keys()
    assert keys == set().union(*lists)
    assert {k: packed.encoded(k) for k in keys} == {k: encode_postings(lists, k) for k in keys}  # type: ignore[arg-type]
    assert all(packed.size(k) == len(k) + sum(len(p) + 3 for p in packed.encoded(k)) + 6 for k in keys)


def _updated(index: SearchIndex, catalogue: Catalogue, files: dict[str, str]) -> dict[str, str] | None:
    update = index.update(catalogue, Routes())
    if update is None:
        return None
    written, removed = update
    assert not removed & set(written)
    assert removed <= set(files)
    return {p: t for p, t in files.items() if p not in removed} | written


def test_an_update_writes_only_what_changed_and_the_same_as_a_full_build(example: Catalogue) -> None:
    """gkml serve: an entry edited, an entry added (numbered last), then one removed (all again)."""
    index = SearchIndex.build(example, Routes())
    files = index.files()
    changed = copy.deepcopy(example)
    columns = [c for a in changed.areas for c in a.categories if c.entries]
    first = columns[0].entries[0]  # read again after a change: another object, as gkml serve has it
    edited = dataclasses.replace(
        first, title="关于镧钆铽住房补贴的通知", body=first.markdown + "\n\n新增一段正文：镧钆铽。"
    )
    columns[0].entries[0] = edited
    added = dataclasses.replace(columns[1].entries[0], id="zz-new-1", title="新发布的测试信息", published="2099-01-01")
    columns[1].entries.insert(0, added)
    before = dict(files)
    after = _updated(index, changed, files)
    assert after == SearchIndex.build(changed, Routes()).files()
    rewritten = {p for p in after if after[p] != before.get(p)}
    edited_number = next(i for i, d in enumerate(index.docs) if d.title == edited.title)
    fragments = {p for p in rewritten if "/r/" in p}
    assert fragments == {f"{SEARCH_DATA}/r/0/{n}.js" for n in (edited_number, len(index.docs) - 1)}  # added: last
    assert len(rewritten) < len(after), "an update writes the files that change (here: many of the few shards)"
    # the index follows: another edit, then a removal (the numbers change: None, all written again)
    columns[0].entries[0] = dataclasses.replace(edited, summary="新的摘要")
    again = _updated(index, changed, after)
    assert again == SearchIndex.build(changed, Routes()).files()
    columns[1].entries.remove(added)
    assert index.update(changed, Routes()) is None


def test_manifest_and_fragments(example: Catalogue, example_docs: list[Doc]) -> None:
    files = build_search_files(example, Routes(directory_urls=False)).files
    manifest = json.loads(files[SEARCH_INDEX].removeprefix("gkmlSearchData(").removesuffix(");\n"))
    assert manifest["docs"] == len(example_docs) and manifest["items"] == len(example.records)
    assert manifest["facets"]["方式"] == list(vocab.METHODS)
    assert manifest["cats"][0][2].endswith("index.html")
    entry = next(e for e in example.entries if e.doc_no)
    number = next(i for i, d in enumerate(example_docs) if d.doc_no == entry.doc_no and d.title == entry.title)
    text = files[f"{SEARCH_DATA}/r/0/{number}.js"]
    fragment = json.loads(text.removeprefix(f"gkmlDoc({number},").removesuffix(");\n"))
    assert fragment["k"] == 1 and fragment["t"] == entry.title and fragment["n"] == entry.doc_no
    assert fragment["u"] == f"info/{entry.id}/index.html" and fragment["d"] == entry.published
    assert "公租房" in files[SEARCH_INDEX] or "保障性住房" in files[SEARCH_INDEX]  # UTF-8, not \\u escapes


def test_filter_bits_of_every_combination() -> None:
    assert facet_bits([], vocab.METHODS) == 0
    assert facet_bits(["主动"], vocab.METHODS) == 1
    assert facet_bits(["依申请", "主动", "主动"], vocab.METHODS) == 3
    assert facet_bits(["乡级", "市级"], vocab.LEVELS) == 5
    assert facet_bits(["不存在"], vocab.LEVELS) == 0


def test_hostile_text_round_trips() -> None:
    catalogue, diagnostics = load_catalogue(TREES / "escaping", git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    files = build_search_files(catalogue, Routes()).files
    fragment = files[f"{SEARCH_DATA}/r/0/0.js"]
    data = json.loads(fragment.removeprefix("gkmlDoc(0,").removesuffix(");\n"))
    assert data["t"] == "<img src=x onerror=alert(1)>结果"
    manifest = files[SEARCH_INDEX]
    assert '"<b>领域</b>","<i>栏目</i>"' in manifest


# -- what search.js finds ---------------------------------------------------------------------------


def test_every_substring_of_every_title_finds_its_page(example_docs: list[Doc], search: Search) -> None:
    queries, wanted = [], []
    for number, doc in enumerate(example_docs):
        title = doc.title
        for size in sorted({2, 3, 4, 5, 7, len(title)}):
            for start in range(0, len(title) - size + 1):
                part = title[start : start + size]
                if len(runs(part)) == 1 and len(runs(part)[0]) >= 2:  # a query of one term
                    queries.append(part)
                    wanted.append(number)
    found = search(queries)
    missed = [(q, example_docs[n].title) for q, n, hits in zip(queries, wanted, found, strict=True) if n not in hits]
    assert missed == [], f"{len(missed)} of {len(queries)} title substrings missed"


def test_runs_of_body_text_find_their_entry(example_docs: list[Doc], search: Search) -> None:
    rng = random.Random(7)
    queries, wanted = [], []
    for number, doc in enumerate(example_docs):
        if doc.kind != 1:
            continue
        han = [r for r in _HAN_RUN.findall(doc.fields[BODY]) if len(r) >= 2]
        for _ in range(5 if han else 0):
            run = rng.choice(han)
            size = rng.randint(2, min(4, len(run)))
            start = rng.randint(0, len(run) - size)
            queries.append(run[start : start + size])
            wanted.append(number)
    found = search(queries)
    missed = [q for q, n, hits in zip(queries, wanted, found, strict=True) if n not in hits]
    assert missed == []
    assert len(queries) > 500


def test_runs_of_attachment_text_find_their_entry(example: Catalogue, example_docs: list[Doc], search: Search) -> None:
    """The text of a PDF, Word or Excel attachment is searched with the entry's body; a phrase only
    the attachment holds finds the entry (every PDF of the example)."""
    numbers = {d.url: n for n, d in enumerate(example_docs)}
    routes = Routes()
    queries, wanted = [], []
    for entry in example.entries:
        body = plain_text(entry.markdown) + entry.title + entry.summary
        for attachment in entry.attachments:
            text = WORDS(attachment)
            phrases = [r[i : i + 4] for r in _HAN_RUN.findall(text) for i in range(0, len(r) - 3, 7)]
            only_here = [p for p in phrases if p not in body]
            if only_here:
                queries.append(only_here[len(only_here) // 2])
                wanted.append(numbers[routes.url(routes.entry(entry))])
    assert len(queries) >= 10, "the example's attachments hold text of their own"
    found = search(queries)
    missed = [q for q, n, hits in zip(queries, wanted, found, strict=True) if n not in hits]
    assert missed == []


def test_a_doc_number_typed_three_ways_finds_its_entry_first(example_docs: list[Doc], search: Search) -> None:
    number, doc = next((i, d) for i, d in enumerate(example_docs) if "〔" in d.doc_no)
    prefix, year, rest = re.match(r"(.+)〔(\d{4})〕(\d+)号", doc.doc_no).groups()  # type: ignore[union-attr]
    typed = [doc.doc_no, f"{prefix}[{year}]{rest}号", f"{prefix}{year} {rest}"]
    for query, hits in zip(typed, search(typed), strict=True):
        assert hits and hits[0] == number, query


def test_pinyin_and_initials_find_titles(example_docs: list[Doc], search: Search) -> None:
    named = {i for i, d in enumerate(example_docs) if "公租房" in d.title}
    assert named
    full, letters, spaced = search(["gongzufang", "gzf", "GONG ZU FANG"])
    assert named <= set(full) and named <= set(letters)
    assert full == spaced
    for number in full:
        syllables = "".join(s for s in pinyin_syllables(example_docs[number].title) if s.isascii())
        assert "gongzufang" in syllables


def test_long_pinyin_and_initials_find_every_title_holding_them(example_docs: list[Doc], search: Search) -> None:
    """Pinyin longer than the part looked up whole (and initials longer than theirs) are found by
    their first letters and the trigrams of the rest: every title holding them, and few that
    hold the pieces apart (over a fifth of the example's titles, lengths on both sides of the limits)."""

    def indexed(doc: Doc) -> tuple[list[str], str]:
        """The title's pinyin from each syllable's start, and its initials, as the index has them."""
        syllables = [s for s in pinyin_syllables(doc.title) if s.isascii() and s.isalnum()]
        return ["".join(syllables[i:]) for i in range(len(syllables))], "".join(s[0] for s in syllables)

    def letters_only(text: str) -> str:
        return text[: next((i for i, c in enumerate(text) if not c.isalpha()), len(text))]

    typed: list[str] = []
    for doc in example_docs[::5]:
        starts, initials = indexed(doc)
        text, initials = letters_only(starts[0]), letters_only(initials)
        typed += [text[:n] for n in (10, 12, 13, 16, 24) if len(text) >= n]
        typed += [initials[:n] for n in (4, 5, 6, 8) if len(initials) >= n]
    assert len(typed) >= 100
    holding = [indexed(doc) for doc in example_docs]
    listed = apart = 0
    for query, hits in zip(typed, search(typed), strict=True):
        wanted = {
            n
            for n, (starts, letters) in enumerate(holding)
            if query in letters or any(s.startswith(query) for s in starts)
        }
        assert wanted <= set(hits), query
        listed, apart = listed + len(hits), apart + len(set(hits) - wanted)
    assert apart <= listed // 20


def test_title_matches_rank_before_other_fields_and_newer_first(example_docs: list[Doc], search: Search) -> None:
    (hits,) = search(["保障性租赁住房"])
    in_title = [n for n in hits if "保障性租赁住房" in example_docs[n].title]
    assert hits[: len(in_title)] == ranked(in_title, example_docs)  # items first, then entries newest first
    assert len(hits) > len(in_title)


def test_an_exact_title_ranks_first(example_docs: list[Doc], search: Search) -> None:
    counts: dict[str, int] = {}
    for doc in example_docs:
        for other in example_docs:
            if doc.title in other.title:
                counts[doc.title] = counts.get(doc.title, 0) + 1
    title = next(t for t, n in sorted(counts.items()) if n > 1)
    number = next(i for i, d in enumerate(example_docs) if d.title == title)
    (hits,) = search([title])
    assert hits[0] == number


def test_one_character_searches_titles_and_nothing_unknown_is_found(example_docs: list[Doc], search: Search) -> None:
    one, none = search(["租", "镧钆铽"])
    assert set(one) == {i for i, d in enumerate(example_docs) if "租" in d.title}
    assert none == []


def test_a_title_holding_the_pieces_apart_ranks_after_the_titles_holding_the_query(
    example: Catalogue, tmp_path: Path
) -> None:
    """造竣工验收工 is in the first title; the second holds its trigrams (造竣工 竣工验 工验收 验收工)
    only apart: it is still listed (its body might hold the query), after every title match."""
    changed = copy.deepcopy(example)
    column = next(c for a in changed.areas for c in a.categories if len(c.entries) >= 2)
    whole, apart = column.entries[0], column.entries[1]
    column.entries[0] = dataclasses.replace(whole, title="农村危房改造竣工验收工作的通知")
    column.entries[1] = dataclasses.replace(apart, title="改造竣工 与 竣工验收工作的说明", published="2099-12-31")
    write_search_files(tmp_path, changed, Routes())
    docs = documents(changed, Routes())[1]
    number = {d.title: n for n, d in enumerate(docs)}
    hits = node_search(tmp_path, ["造竣工验收工", "竣工验收工作"])
    assert hits[0][0] == number["农村危房改造竣工验收工作的通知"]
    assert number["改造竣工 与 竣工验收工作的说明"] in hits[0]
    title_matches = [n for n in hits[0] if "造竣工验收工" in docs[n].title]
    assert hits[0][: len(title_matches)] == title_matches  # newer, but after the title that holds the query
    both = hits[1][:2]  # both titles hold 竣工验收工作: title matches, the newer first
    assert both == [number["改造竣工 与 竣工验收工作的说明"], number["农村危房改造竣工验收工作的通知"]]


def test_a_shard_no_key_falls_in_has_its_file_and_finds_nothing(example_site: Path, tmp_path: Path) -> None:
    """The number of shards is capped, so a large site of repetitive text leaves shards that no key falls
    in (the synthetic 200,000 entries: 10,619 of 65,536). Each has its file all the same: a query
    hashing there finds nothing, where a missing file failed the search (房和 did there)."""
    assert shard_files(3, [], {}, {}) == {f"{SEARCH_DATA}/s3.js": 'gkmlShard("s3",{});\n'}
    manifest = (example_site / SEARCH_INDEX).read_text(encoding="utf-8")
    count = json.loads(manifest.split("(", 1)[1].rsplit(")", 1)[0])["shards"]
    shards = sorted(p.name for p in (example_site / SEARCH_DATA).glob("s*.js"))
    assert shards == sorted(f"s{n}.js" for n in range(count))
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    query = "镧钆"  # its shard as one no key falls in
    shard = fnv1a(query) % count
    (site / SEARCH_DATA / f"s{shard}.js").write_text(f'gkmlShard("s{shard}",{{}});\n', encoding="utf-8")
    assert node_search(site, [query]) == [[]]


def test_several_terms_must_all_be_found(example_docs: list[Doc], search: Search) -> None:
    (both,) = search(["公租房 补贴"])
    texts = ["\n".join(d.fields) for d in example_docs]
    assert both and set(both) <= {i for i, t in enumerate(texts) if "公租房" in t and "补贴" in t}


# -- pinyin and slugs, as before ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        ("公租房承租资格审核", ("gong", "zu", "fang", "cheng", "zu", "zi", "ge", "shen", "he")),
        ("保障性住房", ("bao", "zhang", "xing", "zhu", "fang")),
        ("20个工作日", ("20", "ge", "gong", "zuo", "ri")),
    ],
)
def test_pinyin_syllables(text: str, syllables: tuple[str, ...]) -> None:
    assert pinyin_syllables(text) == syllables


@pytest.mark.parametrize(
    ("text", "slug"),
    [("保障性住房", "bzxzf"), ("配给管理", "pjgl"), ("国有土地上房屋征收与补偿", "gytdsfwzsybc"), ("", "x")],
)
def test_initials(text: str, slug: str) -> None:
    assert initials(text) == slug


def test_slugify_headings() -> None:
    assert slugify("公开依据") == "gong-kai-yi-ju"
    assert slugify("《条例》第3条") == "tiao-li-di-3-tiao"
    assert slugify("《》") == "section"
