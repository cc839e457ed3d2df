"""The pure parts of the search benchmark (benchmarks/search.py): no browser, no server.

* :func:`pages` — every page of the synthetic site a query can be about (each item and each
  entry, from synth.py with the same arguments as the build): its address, title, body and 文号.
* :func:`draw_queries` — the fixed query set, drawn with a seeded generator:

  ``title``     a contiguous substring of ≥ 2 characters of a title, every substring of every
                drawn title equally likely (so mostly short ones, as people type);
  ``body``      a run of 2–4 Han characters of the body (an item's 公开内容, an entry's text)
                that crosses no punctuation, digit, letter or space;
  ``wenhao``    an entry's 文号 in three spellings, each a query: as written
                (``示建规〔2021〕12号``), with other brackets (``[]``, ``()``, ``【】`` or
                ``（）``), and with spaces instead of brackets (``示建规2021 12``);
  ``pinyin``    the full pinyin (syllables run together, as typed) of a 2–6-character run of
                Han characters of a title;
  ``initials``  the initials of such a run.

  Targets are drawn half from items and half from entries (when the site has both; 文号 only
  entries have), so that recall can be told apart for each.
* :func:`gzip_size` — the gzip -9 size of a file's bytes, as the byte accounting counts them.
* :func:`summarise` — per query kind: recall (the expected page is among all the results the
  search lists), recall among the first ``shown`` results, medians and 95th percentiles.
"""

from __future__ import annotations

import gzip
import math
import random
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import synth

from generator.model.records import Catalogue
from generator.model.slugs import pinyin_syllables

#: Query kinds, in the order they are reported.
KINDS = ("title", "body", "wenhao", "pinyin", "initials")
#: The share of the query set each kind takes (文号 queries come in threes: one per spelling).
SHARES = {"title": 0.25, "body": 0.25, "wenhao": 0.24, "pinyin": 0.13, "initials": 0.13}
WENHAO_SPELLINGS = ("as-written", "brackets", "spaces")
OTHER_BRACKETS = (("[", "]"), ("(", ")"), ("【", "】"), ("（", "）"))

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")
_WENHAO = re.compile(r"^(?P<org>.+?)〔(?P<year>\d{4})〕(?P<no>\d+)号$")


@dataclass(frozen=True)
class Page:
    """A page of the site a query can expect to find."""

    url: str  #: site-relative address, e.g. ``item/<id>/`` or ``info/<id>/``
    target: str  #: ``item`` or ``entry``
    title: str
    body: str  #: an item's 公开内容 (joined by 、), an entry's Markdown body
    number: str = ""  #: 文号 ('' for none)


@dataclass(frozen=True)
class Query:
    """One query of the set: what is typed and the page it must find."""

    kind: str  #: one of :data:`KINDS`
    text: str  #: what the reader types
    expected: str  #: the page's site-relative address
    target: str  #: ``item`` or ``entry``
    source: str  #: the text it was drawn from (the title run for pinyin, the 文号 as written)
    spelling: str = ""  #: for ``wenhao``: one of :data:`WENHAO_SPELLINGS`


@dataclass
class Outcome:
    """What one search did for one query."""

    query: Query
    found: bool  #: the expected page is among all the results listed
    rank: int | None  #: its place in the results (1 = first), None if not found
    results: int  #: how many results the search reported
    raw_bytes: int  #: bytes fetched for the search (see search.py for which files count)
    gzip_bytes: int  #: the same files, each gzip -9
    files: int
    ms: float | None  #: time to results from navigation start; None on a timeout
    paths: list[str] = field(default_factory=list)  #: the files counted
    error: str = ""
    shown: int = 0  #: results the reader saw first (the first page of the list; Pagefind's UI: 5)
    page_ms: float | None = None  #: the page's own DOMContentLoaded, from navigation start


# -- the pages --------------------------------------------------------------------------------


def _content_text(value: object) -> str:
    elements = value if isinstance(value, list) else [value]
    return "、".join(str(e).lstrip("●〇") for e in elements)


def pages(items: int, entries: int, seed: int) -> list[Page]:
    """Every item and entry of the synthetic catalogue written by synth.py with these arguments."""
    found = [
        Page(f"item/{data['id']}/", "item", str(data["名称"]), _content_text(data["内容"]))
        for _, _, _, data in synth.iter_records(items, seed)
    ]
    for entry in synth.iter_entries(items, entries, seed):
        data = entry.data
        found.append(Page(f"info/{data['id']}/", "entry", str(data["标题"]), entry.body, str(data.get("文号", ""))))
    return found


def catalogue_pages(catalogue: Catalogue) -> list[Page]:
    """Every item and entry of a loaded catalogue (the example's, for ``search.py --example``)."""
    found = [Page(f"item/{r.id}/", "item", r.title, "、".join(e.text for e in r.content)) for r in catalogue.records]
    found += [Page(f"info/{e.id}/", "entry", e.title, e.body, e.doc_no) for e in catalogue.entries]
    return found


# -- drawing queries ----------------------------------------------------------------------------


def title_substring(title: str, rng: random.Random) -> str:
    """A contiguous substring of ≥ 2 characters of ``title``, every one equally likely."""
    n = len(title)
    if n < 2:
        raise ValueError(f"title too short: {title!r}")
    pairs = (n - 1) * n // 2  # (start, end) with end - start >= 2: sum over lengths 2..n of n - L + 1
    k = rng.randrange(pairs)
    for length in range(2, n + 1):
        count = n - length + 1
        if k < count:
            return title[k : k + length]
        k -= count
    raise AssertionError("unreachable")


def han_run(text: str, rng: random.Random, shortest: int = 2, longest: int = 4) -> str | None:
    """A run of ``shortest``–``longest`` Han characters of ``text`` that crosses nothing else
    (punctuation, digits, letters, spaces, line breaks); None when ``text`` has no run of
    ``shortest``. The length is drawn first (uniformly among those the text has), then the place."""
    runs = [m.group(0) for m in _HAN.finditer(text) if len(m.group(0)) >= shortest]
    if not runs:
        return None
    lengths = [n for n in range(shortest, longest + 1) if any(len(r) >= n for r in runs)]
    size = rng.choice(lengths)
    starts = [(r, i) for r in runs if len(r) >= size for i in range(len(r) - size + 1)]
    run, start = rng.choice(starts)
    return run[start : start + size]


def wenhao_spellings(number: str, rng: random.Random) -> list[tuple[str, str]]:
    """``number`` (``示建规〔2021〕12号``) as a reader may type it: [(spelling, text)] for each of
    :data:`WENHAO_SPELLINGS` — as written; with other brackets (drawn from :data:`OTHER_BRACKETS`);
    without brackets, a space between the year and the number, and no 号 (``示建规2021 12``)."""
    m = _WENHAO.match(number)
    if not m:
        raise ValueError(f"not a 文号 of the form 机关代字〔年份〕序号号: {number!r}")
    org, year, no = m["org"], m["year"], m["no"]
    left, right = rng.choice(OTHER_BRACKETS)
    return [
        ("as-written", number),
        ("brackets", f"{org}{left}{year}{right}{no}号"),
        ("spaces", f"{org}{year} {no}"),
    ]


def pinyin_of(text: str) -> tuple[str, str]:
    """(full pinyin run together, initials) of ``text``, as gkml spells them (generator.model.slugs)."""
    syllables = [s for s in pinyin_syllables(text) if s.isascii() and s.isalnum()]
    return "".join(syllables), "".join(s[0] for s in syllables)


def kind_counts(total: int) -> dict[str, int]:
    """How many queries of each kind make ``total`` (文号 a multiple of three; the rest to titles)."""
    counts = {kind: round(total * share) for kind, share in SHARES.items()}
    counts["wenhao"] -= counts["wenhao"] % 3
    counts["title"] += total - sum(counts.values())
    return counts


def _targets(pool_items: Sequence[Page], pool_entries: Sequence[Page], n: int, rng: random.Random) -> list[Page]:
    """``n`` pages, half items and half entries (alternating) when both pools have pages."""
    pools = [p for p in (pool_items, pool_entries) if p]
    if not pools:
        return []
    return [rng.choice(pools[i % len(pools)]) for i in range(n)]


def draw_queries(all_pages: Sequence[Page], total: int, seed: int) -> list[Query]:
    """The query set: ``total`` queries of the kinds of :data:`KINDS` (see :func:`kind_counts`),
    drawn from ``all_pages`` with ``random.Random(seed)``: the same arguments give the same set."""
    rng = random.Random(f"gkml-search-bench-{seed}")
    items = [p for p in all_pages if p.target == "item"]
    entries = [p for p in all_pages if p.target == "entry"]
    counts = kind_counts(total)
    queries: list[Query] = []
    for page in _targets(items, entries, counts["title"], rng):
        queries.append(Query("title", title_substring(page.title, rng), page.url, page.target, page.title))
    body_items = [p for p in items if _HAN2.search(p.body)]
    body_entries = [p for p in entries if _HAN2.search(p.body)]
    for page in _targets(body_items, body_entries, counts["body"], rng):
        run = han_run(page.body, rng)
        assert run is not None
        queries.append(Query("body", run, page.url, page.target, run))
    numbered = [p for p in entries if _WENHAO.match(p.number)]
    for page in _targets([], numbered, counts["wenhao"] // 3, rng):
        for spelling, text in wenhao_spellings(page.number, rng):
            queries.append(Query("wenhao", text, page.url, page.target, page.number, spelling))
    titled_items = [p for p in items if _HAN2.search(p.title)]
    titled_entries = [p for p in entries if _HAN2.search(p.title)]
    for kind in ("pinyin", "initials"):
        for page in _targets(titled_items, titled_entries, counts[kind], rng):
            run = han_run(page.title, rng, 2, 6)
            assert run is not None
            full, initials = pinyin_of(run)
            queries.append(Query(kind, full if kind == "pinyin" else initials, page.url, page.target, run))
    return queries


# -- accounting --------------------------------------------------------------------------------


def gzip_size(data: bytes) -> int:
    """The size of ``data`` compressed as ``gzip -9`` does (no file name, fixed time stamp)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def percentile(values: Iterable[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) by the nearest-rank method: the smallest value with at
    least ``q`` % of the values at or below it. None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def spread(values: Iterable[float], digits: int = 0) -> dict[str, float | None]:
    """Median and 95th percentile (nearest rank) of ``values``, rounded."""
    listed = list(values)
    if not listed:
        return {"median": None, "p95": None}
    p95 = percentile(listed, 95)
    assert p95 is not None
    if digits == 0:
        return {"median": round(statistics.median(listed)), "p95": round(p95)}
    return {"median": round(statistics.median(listed), digits), "p95": round(p95, digits)}


def rank_of(expected: str, results: Sequence[str]) -> int | None:
    """The place (1 = first) of the page ``expected`` among ``results`` (site-relative addresses;
    ``index.html`` at the end and a leading slash are ignored), None if it is not there."""

    def norm(url: str) -> str:
        url = url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
        return url[: -len("index.html")] if url.endswith("index.html") else url

    want = norm(expected)
    for i, url in enumerate(results, 1):
        if norm(url) == want:
            return i
    return None


def _share(hits: Sequence[bool]) -> float | None:
    return round(sum(hits) / len(hits), 4) if hits else None


def summarise(outcomes: Sequence[Outcome]) -> dict[str, object]:
    """The figures of one search engine over the query set.

    ``recall``: for each kind and over all queries, the share of queries whose expected page is
    among all the results the search lists; ``recall_items`` / ``recall_entries`` the same for
    queries about items and about entries; ``recall_shown``: among the results the reader saw
    first (each outcome's ``shown``: the first page of the list, before asking for more;
    ``shown`` reports the most any query showed); ``wenhao_spellings``: recall of each
    spelling of the 文号. Bytes, files and time per query as median and 95th percentile."""

    def recall(selected: Iterable[Outcome], first: bool = False) -> dict[str, float | None]:
        chosen = list(selected)
        hit = [o.found and (not first or (o.rank is not None and o.rank <= o.shown)) for o in chosen]
        by_kind = {k: _share([h for h, o in zip(hit, chosen, strict=True) if o.query.kind == k]) for k in KINDS}
        return {**{k: v for k, v in by_kind.items() if v is not None}, "all": _share(hit)}

    timed = [o.ms for o in outcomes if o.ms is not None]
    return {
        "bytes_per_query": {
            "raw": spread(o.raw_bytes for o in outcomes),
            "gzip": spread(o.gzip_bytes for o in outcomes),
        },
        "files_per_query": spread(o.files for o in outcomes),
        "results_ms": spread(timed),
        "page_ms": spread(o.page_ms for o in outcomes if o.page_ms is not None),
        "recall": recall(outcomes),
        "recall_items": recall(o for o in outcomes if o.query.target == "item"),
        "recall_entries": recall(o for o in outcomes if o.query.target == "entry"),
        "recall_shown": recall(outcomes, first=True),
        "shown": max((o.shown for o in outcomes), default=0),
        "wenhao_spellings": {
            s: _share([o.found for o in outcomes if o.query.spelling == s])
            for s in WENHAO_SPELLINGS
            if any(o.query.spelling == s for o in outcomes)
        },
        "results_per_query": spread(o.results for o in outcomes),
        "timeouts": sum(1 for o in outcomes if o.ms is None),
        "errors": sum(1 for o in outcomes if o.error),
    }
