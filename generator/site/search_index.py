"""The search data: a sharded n-gram index over catalogue items and published entries.

One search finds items (事项) and entries (公开信息). Chinese has no spaces, and word segmenters
lose substrings (jieba keeps 财政补贴 as one word, so 补贴 misses it), so nothing is segmented:
the index maps character **n-grams** to the documents holding them, and the browser (search.js)
looks up the n-grams of what the reader typed. The browser loads only the files a query needs.

Documents
    Numbered 0…N−1: the items first (catalogue order), then the entries, oldest first (ties by
    id), so that a new entry is numbered last and ``gkml serve`` rewrites only what it changes
    (:meth:`SearchIndex.update`). Among equals the items rank first, then the entries newest first.

Text and keys
    Every text is read as NFKC, lower case; *runs* are its maximal stretches of Han characters,
    ASCII letters and digits (punctuation and spaces end a run). Each run gives its bigrams and
    trigrams (a run of one character gives none). Keys are the n-grams themselves, plus:

    * ``!`` + a character of a title: one-character queries search titles only;
    * ``#`` + every 4 characters of a title run: a title that holds a longer query's trigrams
      apart (造竣工 … 竣工验收工 for 造竣工验收工) lacks some of them, and ranks as a body match;
    * ``=`` + a whole title (its runs joined): an exact title ranks first;
    * the 文号 normalised (:func:`doc_number_key`): its runs joined and a final 号 dropped, so that
      ``建房〔2021〕12号``, ``建房[2021]12号`` and ``建房2021 12`` are the same text
      ``建房202112``, indexed with the 文号's own runs;
    * pinyin of titles (:func:`pinyin_keys`): ``^`` + the toneless syllables joined, from the
      start of a syllable, 2 to :data:`PINYIN_PREFIX` letters (a query's pinyin is one key: the
      same match as before, at a syllable's start, and never a coincidence of pieces, which the
      small alphabet of pinyin makes common: gong·zu … zu·fang); ``*`` + every trigram, for the
      rest of a longer query; ``~`` + every run of 2 to :data:`INITIALS_RUN` initials, and the
      trigrams of the rest of longer initials. Both lengths are in the manifest for search.js.
      Title pinyin is half of an item's keys (about 370 of 740 in the synthetic catalogue), but
      shorter lengths list titles that hold the pieces apart: measured over the example's and the
      synthetic titles (benchmarks/README.md), pinyin looked up whole up to 8 letters instead of 12
      listed 43 % such titles for queries of 10 letters (the index built 16 % faster); initials up
      to 5 instead of 8, a few (3 % faster: not worth a less exact search either).

    A query's *terms* are its runs (letters only, typed with spaces, are one term: pinyin). A term
    of two characters needs one key; a longer one all its trigrams. A term matches a document
    holding all of them: every substring of a title or body is found (recall 100 %, tested);
    a document holding the trigrams apart, never together, is found too: on the synthetic
    catalogue of 2,000 items + 20,000 entries, 7 of 65 title substrings of 2–8 characters listed
    such documents (438 of 2,181 results; 造竣工验收工 in …改造竣工… 竣工验收工作…); 2–4 characters
    of bodies, none. In titles, the ``#`` keys rank them after every title that holds the query
    (as body matches: the trigrams' best field being the title, whether the body holds the query
    is not known). Positions would exclude them, at several times the bytes of common keys.
    A query of several terms needs all of them.

Fields
    Each posting says where a document holds the key, its best field only: 0 title (and pinyin),
    1 文号, 2 摘要 and 发布机构 (an item's 公开内容, area and column), 3 body (an item's 依据 and
    主体). A term's field in a document is the worst over its keys; a query ranks documents by the
    sum over its terms, then by number (newer first). An entry's body includes its attachments'
    names and the first 20,000 characters of the text of each PDF, Word and Excel attachment
    (:func:`generator.load.attachments.attachment_words`, kept in the check's cache).

Files (under ``search/``, all scripts so that they load from ``file://`` in a kiosk too)
    * ``index.js`` — the manifest ``gkmlSearchData({...})``: the number of shards, documents and
      items, the columns, the filters' values, the paths below. Nothing is loaded before the
      reader starts to search.
    * ``d/s<n>.js`` — shard *n*: ``gkmlShard("s<n>", {key: [t, n, s, b]})`` for the keys whose
      FNV-1a hash (over UTF-16 code units, as JavaScript reads a string) is *n* modulo the
      number of shards, which is chosen so that a shard holds about :data:`SHARD_BYTES`. Each
      field's documents are a string: ``l`` + base64 of the gaps between numbers as varints,
      or ``m<first>,`` + base64 of a bitmap from the first, whichever is shorter: a key in half
      the documents costs N/16 bytes at most, so common bigrams (住房) need no cap.
    * ``d/k<hash>.js`` — a key longer than :data:`OWN_FILE` in a file of its own; its shard
      holds its size instead. A query fetches such files smallest first while they add up to
      60,000 characters (search.js ``BIG_KEYS``; at least one when no key of the query stays in
      its shard): the documents of its rarer trigrams are those it can find, the commonest
      would only exclude documents holding the pieces apart, and on a large site they would
      cost most of the bytes.
    * ``d/r/<n // 1024>/<n>.js`` — ``gkmlDoc(n, {...})``: what a result shows (kind, title,
      address, column, date, 文号, 摘要, the body's text up to :data:`SNIPPET_CHARS` for the snippet),
      fetched for the results on screen only.
    * ``d/f<n>.js`` — the filters' values of documents n·:data:`FACET_CHUNK`…, fetched only when
      the reader filters.

The same catalogue gives the same files, byte for byte. Building is linear in the text.
"""

from __future__ import annotations

import base64
import bisect
import functools
import json
import operator
import re
import shutil
import unicodedata
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import TypeAlias

from generator.model import vocab
from generator.model.entries import CATEGORIES, POLICY_CATEGORIES, VALIDITY_STATES, Attachment, Entry
from generator.model.naming import ENTRY_FOLDER
from generator.model.records import Catalogue
from generator.model.slugs import pinyin_syllables
from generator.site.routes import SEARCH_DATA, SEARCH_INDEX, Routes

INDEX_VERSION = 5

#: The text of an attachment (:func:`generator.load.attachments.attachment_words`).
AttachmentWords: TypeAlias = "Callable[[Attachment], str]"
#: The values of the items' filters stored as bit sets, in bit order.
FACETS: dict[str, tuple[str, ...]] = {"方式": vocab.METHODS, "对象": vocab.AUDIENCES, "层级": vocab.LEVELS}
#: Fields, best first: where a document holds a key.
TITLE, DOC_NO, SUMMARY, BODY = range(4)
SHARD_BYTES = 6000  #: about how large a shard is (uncompressed)
OWN_FILE = 1500  #: a key's postings longer than this go to a file of their own
SNIPPET_CHARS = 2000  #: the body text a result's fragment carries for its snippet (a match further on shows the 摘要)
FACET_CHUNK = 4096  #: documents per file of filter values
DOCS_PER_FOLDER = 1024  #: result fragments per folder
KINDS = ("事项", "信息")
PINYIN_PREFIX = 12  #: pinyin typed is looked up whole up to this many letters (from a syllable's start)
INITIALS_RUN = 8  #: initials typed are looked up whole up to this many letters
#: What begins each kind of key that is not an n-gram of text (none of them occurs in a run).
UNIGRAM, EXACT, PINYIN_START, PINYIN, INITIALS, TITLE_CHAIN = "!", "=", "^", "*", "~", "#"

_RUN = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_NOT_RUN = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_SEPARATOR = "\x00"  #: what ends a run in :func:`_raw_grams`
_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>]+>"), ""),  # HTML tags
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, list marks
    (re.compile(r"[*_`~|]+"), ""),  # emphasis, code, table bars
    (re.compile(r"^\s*:?-{3,}:?\s*$", re.M), ""),  # rules, table separators
    (re.compile(r"\s+"), " "),
]


def normalise(text: str) -> str:
    """Text as the index reads it: NFKC (full-width letters and digits become ASCII), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[str]:
    """The runs of ``text`` (normalised): Han characters, ASCII letters and digits."""
    return _RUN.findall(normalise(text))


def grams(text: str) -> set[str]:
    """The bigrams and trigrams of every run of ``text`` (a run of one character gives none)."""
    return {g for g in _raw_grams(text) if _SEPARATOR not in g}


def _raw_grams(text: str) -> set[str]:
    """:func:`grams`, and more that hold :data:`_SEPARATOR` (dropped once, at the end of
    :func:`postings`): made in C, without a step of Python for each character."""
    s = _NOT_RUN.sub(_SEPARATOR, normalise(text))
    pairs = list(map(str.__add__, s, s[1:]))
    found = set(pairs)
    found.update(map(str.__add__, pairs, s[2:]))
    return found


def doc_number_key(doc_no: str) -> str:
    """A 文号 as one run: ``建房〔2021〕12号`` → ``建房202112`` (and so ``建房2021 12``)."""
    return "".join(runs(doc_no)).removesuffix("号")


def pinyin_keys(title: str) -> set[str]:
    """The pinyin keys of a title (see the module docstring)."""
    syllables = [s for s in pinyin_syllables(title) if s.isascii() and s.isalnum()]
    text = "".join(syllables).lower()
    starts, at = [], 0
    for s in syllables:
        starts.append(at)
        at += len(s)
    keys = {PINYIN + text[i : i + 3] for i in range(len(text) - 2)}
    for i in starts:
        keys.update(PINYIN_START + text[i : i + n] for n in range(2, PINYIN_PREFIX + 1) if i + n <= len(text))
    letters = "".join(s[0] for s in syllables).lower()
    for n in range(2, INITIALS_RUN + 1):
        keys.update(INITIALS + letters[i : i + n] for i in range(len(letters) - n + 1))
    return keys


def plain_text(markdown: str) -> str:
    """The readable text of an entry's Markdown body (for snippets)."""
    for pattern, replacement in _MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return markdown.strip()


def fnv1a(key: str) -> int:
    """FNV-1a (32 bits) over the UTF-16 code units of ``key``: what search.js computes."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = ((h ^ (data[i] | data[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass
class Doc:
    """One searchable document: an item or an entry."""

    kind: int  #: 0 事项, 1 信息
    title: str
    url: str
    column: int  #: index into the manifest's columns
    date: str
    fields: tuple[str, str, str, str]  #: the text of each field (title, 文号, 摘要…, body)
    pinyin_of: str  #: the title pinyin keys are made of
    doc_no: str = ""
    summary: str = ""
    text: str = ""  #: the body's readable text, for the snippet
    facets: list[object] = field(default_factory=list)


def _entry_year(entry: Entry) -> str:
    return entry.published[:4]


def documents(
    catalogue: Catalogue,
    routes: Routes,
    known: Mapping[int, tuple[Entry, Doc]] | None = None,
    words: AttachmentWords | None = None,
) -> tuple[list[list[str]], list[Doc], dict[str, list[str]]]:
    """The manifest's columns ([area, column, address]), the documents in number order, and the
    filters' values (subjects, 类别, 有效性). ``known``: id of an entry → (the entry, its document)
    made before, used again for the same entry in the same column (``gkml serve`` keeps the
    entries it did not read again)."""
    columns, items, entries, values = iter_documents(catalogue, routes, known, words)
    return columns, [*items, *entries], values


def iter_documents(
    catalogue: Catalogue,
    routes: Routes,
    known: Mapping[int, tuple[Entry, Doc]] | None = None,
    words: AttachmentWords | None = None,
) -> tuple[list[list[str]], list[Doc], Iterator[Doc], dict[str, list[str]]]:
    """:func:`documents` with the entries' documents made one at a time, as they are read (a full
    build holds no more than one entry's text beside the catalogue). ``words``: the text of an
    attachment, searched with the entry's body (None: attachments are searched by name only)."""
    known = known or {}
    columns: list[list[str]] = []
    subjects: dict[str, int] = {}
    categories = {c: i for i, c in enumerate(CATEGORIES)}
    validity = {v: i for i, v in enumerate(VALIDITY_STATES)}
    items: list[Doc] = []
    entries: list[tuple[Entry, int]] = []
    for area in catalogue.areas:
        for category in area.categories:
            index = len(columns)
            columns.append([area.title, category.title, routes.url(routes.category(area, category))])
            for r in category.records:
                title = f"{r.title} {r.name}" if r.level3 else r.title
                content = "、".join(e.text for e in r.content)
                basis = "\n".join(b.text for b in r.basis)
                bits = [
                    _bits(r.methods, vocab.METHODS),
                    _bits((a.kind for a in r.audiences), vocab.AUDIENCES),
                    _bits(r.levels, vocab.LEVELS),
                    subjects.setdefault(r.subject, len(subjects)),
                ]
                items.append(
                    Doc(
                        0,
                        r.title,
                        routes.url(routes.item(r)),
                        index,
                        r.updated,
                        (r.title, "", f"{area.title} {category.title} {content}", f"{basis}\n{r.subject}"),
                        title,
                        text=content,
                        facets=[index, *bits],
                    )
                )
            entries += [(e, index) for e in category.entries]
    entries.sort(key=lambda ec: (ec[0].published, ec[0].id))  # oldest first: a new entry is numbered last

    def entry_docs() -> Iterator[Doc]:
        for entry, index in entries:
            before = known.get(id(entry))
            if before is not None and before[0] is entry and before[1].column == index:
                yield before[1]
                continue
            body = plain_text(entry.markdown)
            attached = "\n".join(f"{a.name}\n{words(a) if words else ''}" for a in entry.attachments)
            yield Doc(
                1,
                entry.title,
                routes.url(routes.entry(entry)),
                index,
                entry.published,
                (entry.title, entry.doc_no, f"{entry.summary}\n{entry.publisher}", f"{body}\n{attached}"),
                entry.title,
                doc_no=entry.doc_no,
                summary=entry.summary,
                text=body[:SNIPPET_CHARS],
                facets=[
                    index,
                    categories.get(entry.category, -1),
                    validity.get(entry.validity.state, -1) if entry.category in POLICY_CATEGORIES else -1,
                    _entry_year(entry),
                ],
            )

    values = {"主体": list(subjects), "类别": list(categories), "有效性": list(validity)}
    return columns, items, entry_docs(), values


def _bits(values: Iterable[str], universe: tuple[str, ...]) -> int:
    """``values`` as a bit set over ``universe`` (values outside it are left out)."""
    return sum(1 << universe.index(v) for v in set(values) if v in universe)


facet_bits = _bits


def doc_keys(doc: Doc) -> dict[str, int]:
    """Every key of ``doc`` with the best field holding it."""
    return {k: f for f, keys in enumerate(doc_key_sets(doc)) for k in keys if _SEPARATOR not in k}


def doc_key_sets(doc: Doc) -> tuple[set[str], set[str], set[str], set[str]]:
    """The keys of ``doc`` by the best field holding them (title, 文号, 摘要, body: disjoint sets),
    with some holding :data:`_SEPARATOR` (see :func:`_raw_grams`)."""
    title, doc_no, summary, body = doc.fields
    title_runs = runs(doc.title)
    in_title = _raw_grams(title)
    in_title.update(UNIGRAM + c for run in title_runs for c in run)
    in_title.update(TITLE_CHAIN + run[i : i + 4] for run in title_runs for i in range(len(run) - 3))
    in_title.add(EXACT + "".join(title_runs))
    in_title |= pinyin_keys(doc.pinyin_of)
    in_doc_no = (_raw_grams(doc_no) | _raw_grams(doc_number_key(doc_no))) - in_title if doc_no else set()
    in_summary = _raw_grams(summary) - in_title - in_doc_no if summary else set()
    in_body = _raw_grams(body) - in_title - in_doc_no - in_summary if body else set()
    return in_title, in_doc_no, in_summary, in_body


def _new_list() -> array[int]:
    return array("I")


#: Key → the numbers of the documents holding it, one mapping per field.
Postings: TypeAlias = "tuple[dict[str, array[int]], ...]"


def postings(docs: Iterable[Doc]) -> Postings:
    """Key → the numbers of the documents holding it in number order, one mapping per field (4
    bytes a number: a list of Python numbers would take 36). Each number is appended in C
    (``map``), not by a step of Python for each key of each document."""
    fields: tuple[defaultdict[str, array[int]], ...] = tuple(defaultdict(_new_list) for _ in range(4))
    for number, doc in enumerate(docs):
        add = operator.methodcaller("append", number)
        for lists, keys in zip(fields, doc_key_sets(doc), strict=True):
            deque(map(add, map(lists.__getitem__, keys)), maxlen=0)
    for lists in fields:
        for key in [k for k in lists if _SEPARATOR in k]:
            del lists[key]
    return tuple(dict(lists) for lists in fields)


def _varints(numbers: list[int]) -> bytes:
    if max(numbers) < 0x80:
        return bytes(numbers)  # the usual case: one byte each, made in C
    out = bytearray()
    for n in numbers:
        while n >= 0x80:
            out.append((n & 0x7F) | 0x80)
            n >>= 7
        out.append(n)
    return bytes(out)


def encode_numbers(numbers: Sequence[int]) -> str:
    """Sorted document numbers as ``l`` + base64 of varint gaps, or ``m<first>,`` + base64 of a
    bitmap (bit i of byte j: number first + 8j + i), whichever is shorter."""
    if not numbers:
        return ""
    gaps = [numbers[0], *map(operator.sub, numbers[1:], numbers[:-1])]
    return _encode_gaps(_varints(gaps), numbers[0], numbers[-1], lambda: numbers)


def _encode_gaps(varints: bytes | bytearray, first: int, last: int, numbers: Callable[[], Sequence[int]]) -> str:
    """:func:`encode_numbers` of the numbers whose gaps are ``varints`` (from ``first`` to
    ``last``); ``numbers()`` gives them, asked only for a bitmap."""
    span = last - first + 1
    if _bitmap_is_longer(len(varints), span):
        return "l" + base64.b64encode(varints).decode("ascii")
    return f"m{first}," + base64.b64encode(_bitmap(numbers(), first, span)).decode("ascii")


def _bitmap_is_longer(varint_bytes: int, span: int) -> bool:
    """Whether numbers whose gaps take ``varint_bytes`` over ``span`` are shorter listed."""
    return (span + 7) // 8 * 4 // 3 + 8 >= _base64_length(varint_bytes) + 1


def _base64_length(size: int) -> int:
    return (size + 2) // 3 * 4


def _encoded_length(varints: bytes | bytearray, first: int, last: int) -> int:
    """``len(_encode_gaps(varints, first, last, …))``, without encoding."""
    span = last - first + 1
    if _bitmap_is_longer(len(varints), span):
        return 1 + _base64_length(len(varints))
    return len(f"m{first},") + _base64_length((span + 7) // 8)


_BITS = bytes.maketrans(b"\x00\x01", b"01")


def _bitmap(numbers: Iterable[int], first: int, span: int) -> bytes:
    """Bit i of byte j set for each number first + 8j + i (made in C: one byte per number
    first, then read as the digits of a binary number)."""
    size = (span + 7) // 8
    flags = bytearray(size * 8)
    deque(map(flags.__setitem__, map(operator.sub, numbers, repeat(first)), repeat(1)), maxlen=0)
    return int(flags.translate(_BITS)[::-1], 2).to_bytes(size, "little")


def decode_varints(data: bytes | bytearray) -> list[int]:
    """The numbers whose varints are ``data`` (see :func:`_varints`)."""
    if not data or max(data) < 0x80:
        return list(data)  # the usual case: one byte each, read in C
    numbers, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            numbers.append(value)
            value, shift = 0, 0
    return numbers


def encode_postings(found: Postings, key: str) -> list[str]:
    """A key's documents as one string per field, trailing empty ones left out."""
    encoded = [encode_numbers(lists.get(key, ())) for lists in found]
    while encoded and not encoded[-1]:
        encoded.pop()
    return encoded


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class SearchFiles:
    """Every file of the search data: path below the site → text."""

    files: dict[str, str]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(sorted(self.files.items()))


def shard_count(total_bytes: int) -> int:
    """The number of shards for postings of ``total_bytes``: a power of two, at least 16."""
    count = 16
    while count * SHARD_BYTES < total_bytes and count < 1 << 16:
        count *= 2
    return count


def _size(key: str, parts: list[str]) -> int:
    """About what ``key`` adds to the shards (what :func:`shard_count` is given the sum of)."""
    return len(key) + sum(len(p) + 3 for p in parts) + 6


def _fragment(number: int, doc: Doc) -> str:
    fragment: dict[str, object] = {"k": doc.kind, "t": doc.title, "u": doc.url, "c": doc.column, "d": doc.date}
    if doc.doc_no:
        fragment["n"] = doc.doc_no
    if doc.summary:
        fragment["s"] = doc.summary
    if doc.text:
        fragment["x"] = doc.text
    return f"gkmlDoc({number},{_json(fragment)});\n"


def _fragment_path(number: int) -> str:
    return f"{SEARCH_DATA}/r/{number // DOCS_PER_FOLDER}/{number}.js"


def shard_files(
    n: int, keys: Iterable[str], encoded: Mapping[str, list[str]], hashes: Mapping[str, int]
) -> dict[str, str]:
    """Shard ``n`` (holding ``keys``) and the own files of its keys that need one. A shard no key
    falls in has its file too (with nothing in it): search.js asks for the shard of every key of a
    query, and a file missing would be a failed search, not an empty one (the number of shards is
    capped, so a large site of repetitive text leaves some empty: 10,619 of 65,536 in the synthetic
    200,000 entries)."""
    files: dict[str, str] = {}
    shard: dict[str, object] = {}
    for key in sorted(keys):
        parts, h = encoded[key], hashes[key]
        if sum(len(p) for p in parts) > OWN_FILE:
            name = f"k{h:08x}"
            path = f"{SEARCH_DATA}/{name}.js"
            # keys with the same hash share their file (rare): one call per key
            files[path] = files.get(path, "") + f"gkmlShard({_json(name)},{_json({key: parts})});\n"
            shard[key] = sum(len(p) for p in parts)  # its size: a query may do without it
        else:
            shard[key] = parts
    files[f"{SEARCH_DATA}/s{n}.js"] = f"gkmlShard({_json(f's{n}')},{_json(shard)});\n"
    return files


def facet_file(chunk: int, rows: Sequence[object]) -> tuple[str, str]:
    """The filters' values of documents chunk·:data:`FACET_CHUNK`… (``rows``)."""
    return f"{SEARCH_DATA}/f{chunk}.js", f"gkmlFacets({chunk * FACET_CHUNK},{_json(rows)});\n"


def manifest(shards: int, docs: int, items: int, columns: list[list[str]], values: dict[str, list[str]]) -> str:
    """``search/index.js`` (see the module docstring)."""
    data = {
        "v": INDEX_VERSION,
        "shards": shards,
        "docs": docs,
        "items": items,
        "data": SEARCH_DATA.removeprefix("search/"),
        "perFolder": DOCS_PER_FOLDER,
        "facetChunk": FACET_CHUNK,
        "pinyin": [PINYIN_PREFIX, INITIALS_RUN],
        "cats": columns,
        "facets": {key: list(v) for key, v in FACETS.items()} | values,
    }
    return f"gkmlSearchData({_json(data)});\n"


@dataclass
class SearchIndex:
    """The search data of one catalogue, kept in memory so that ``gkml serve`` can update it after
    entries changed, writing only the files that change (:meth:`update`); the files are the same,
    byte for byte, as a full build of the catalogue as it then is."""

    columns: list[list[str]]
    docs: list[Doc]
    values: dict[str, list[str]]
    postings: Postings
    encoded: dict[str, list[str]]  #: key → its strings, one per field
    hashes: dict[str, int]
    total: int  #: the sum of :func:`_size` over the keys
    count: int  #: shards
    by_shard: list[set[str]]  #: the keys of each shard
    own: list[set[str]]  #: the own files (paths) of each shard's keys
    known: dict[int, tuple[Entry, Doc]] = field(default_factory=dict)  #: see :func:`documents`
    words: AttachmentWords | None = None  #: see :func:`iter_documents`

    @classmethod
    def build(cls, catalogue: Catalogue, routes: Routes, words: AttachmentWords | None = None) -> SearchIndex:
        columns, docs, values = documents(catalogue, routes, words=words)
        found = postings(docs)
        encoded = {key: encode_postings(found, key) for key in set().union(*found)}
        hashes = {key: fnv1a(key) for key in encoded}
        total = sum(_size(key, parts) for key, parts in encoded.items())
        index = cls(columns, docs, values, found, encoded, hashes, total, 0, [], [], words=words)
        index._shard(shard_count(total))
        index.remember(catalogue)
        return index

    def __getstate__(self) -> dict[str, object]:
        """Sent from a forked child without :attr:`known`: its entries would arrive as copies, never
        the same objects (the receiver calls :meth:`remember` with its own)."""
        return {**self.__dict__, "known": {}}

    def remember(self, catalogue: Catalogue) -> None:
        """Keep the documents of ``catalogue``'s entries, to use again for the same entries."""
        by_url = {d.url: d for d in self.docs if d.kind == 1}
        routes_url = {e.id: e for e in catalogue.entries}
        self.known = {}
        for doc in by_url.values():
            entry_id = doc.url.removeprefix(f"{ENTRY_FOLDER}/").split("/", 1)[0]
            entry = routes_url.get(entry_id)
            if entry is not None:
                self.known[id(entry)] = (entry, doc)

    def _shard(self, count: int) -> None:
        self.count = count
        self.by_shard = [set() for _ in range(count)]
        self.own = [set() for _ in range(count)]
        for key, h in self.hashes.items():
            self.by_shard[h % count].add(key)

    def shard_files(self, n: int) -> dict[str, str]:
        """Shard ``n`` and the own files of its keys that need one."""
        files = shard_files(n, self.by_shard[n], self.encoded, self.hashes)
        self.own[n] = {p for p in files if not p.endswith(f"/s{n}.js")}
        return files

    def facet_file(self, chunk: int) -> tuple[str, str]:
        start = chunk * FACET_CHUNK
        return facet_file(chunk, [doc.facets for doc in self.docs[start : start + FACET_CHUNK]])

    def manifest(self) -> str:
        return manifest(self.count, len(self.docs), sum(1 for d in self.docs if d.kind == 0), self.columns, self.values)

    def files(self) -> dict[str, str]:
        """Every file: path below the site → text."""
        files: dict[str, str] = {}
        for n in range(self.count):
            files.update(self.shard_files(n))
        files.update((_fragment_path(number), _fragment(number, doc)) for number, doc in enumerate(self.docs))
        files.update(self.facet_file(chunk) for chunk in range((len(self.docs) + FACET_CHUNK - 1) // FACET_CHUNK))
        files[SEARCH_INDEX] = self.manifest()
        return files

    def update(self, catalogue: Catalogue, routes: Routes) -> tuple[dict[str, str], set[str]] | None:
        """Follow ``catalogue`` (this one with other entries): the files to write and those to
        remove; None when a document's number changed (an entry removed, or dated before
        another), which needs every file written again."""
        columns, docs, values = documents(catalogue, routes, self.known, self.words)
        old = self.docs
        if columns != self.columns or values != self.values or len(docs) < len(old):
            return None
        if any(a.url != b.url for a, b in zip(old, docs, strict=False)):
            return None
        changed = [i for i in range(len(docs)) if i >= len(old) or (old[i] is not docs[i] and old[i] != docs[i])]
        touched: set[str] = set()
        for number in changed:
            before = doc_key_sets(old[number]) if number < len(old) else (set(), set(), set(), set())
            for lists, was, now in zip(self.postings, before, doc_key_sets(docs[number]), strict=True):
                for key in was - now:
                    if _SEPARATOR not in key:
                        found = lists[key]
                        found.remove(number)
                        if not found:
                            del lists[key]
                        touched.add(key)
                for key in now - was:
                    if _SEPARATOR not in key:
                        bisect.insort(lists.setdefault(key, _new_list()), number)
                        touched.add(key)
        self.docs = docs
        shards: set[int] = set()
        for key in touched:
            if key in self.encoded:
                self.total -= _size(key, self.encoded[key])
                shards.add(self.hashes[key] % self.count)
            parts = encode_postings(self.postings, key)
            if parts:
                self.encoded[key] = parts
                self.hashes.setdefault(key, fnv1a(key))
                self.total += _size(key, parts)
                shards.add(self.hashes[key] % self.count)
            else:
                self.encoded.pop(key, None)
                self.hashes.pop(key, None)
        before_files = {f"{SEARCH_DATA}/s{n}.js" for n in range(self.count)} | set().union(*self.own)
        if shard_count(self.total) != self.count:
            self._shard(shard_count(self.total))
            shards = set(range(self.count))
        else:
            for key in touched:
                keys = self.by_shard[fnv1a(key) % self.count]
                if key in self.encoded:
                    keys.add(key)
                else:
                    keys.discard(key)
        owned_before = {p for n in shards for p in self.own[n]} | {f"{SEARCH_DATA}/s{n}.js" for n in shards}
        files: dict[str, str] = {}
        for n in shards:
            files.update(self.shard_files(n))
        removed = (owned_before - set(files)) if len(shards) < self.count else (before_files - set(files))
        files.update((_fragment_path(n), _fragment(n, docs[n])) for n in changed)
        files.update(self.facet_file(chunk) for chunk in sorted({n // FACET_CHUNK for n in changed}))
        files[SEARCH_INDEX] = self.manifest()
        self.remember(catalogue)
        return files, removed


class PackedPostings:
    """The postings of documents added in number order, kept as each key's varint gaps (about a
    byte a number where the numbers are dense, against 4 in an array): what lets a full build
    index 200,000 entries in a bounded memory. The documents of a block of numbers are gathered
    as arrays (appended in C, as :func:`postings` does) and packed at the end of the block. A
    key's strings (:meth:`encoded`) are those of :func:`encode_postings` over the same documents."""

    BLOCK = 8192  #: documents gathered before they are packed

    def __init__(self, block: int = BLOCK) -> None:
        self.block = block
        self._open: tuple[defaultdict[str, array[int]], ...] = tuple(defaultdict(_new_list) for _ in range(4))
        self._in_block = 0
        self._gaps: tuple[dict[str, bytearray], ...] = tuple({} for _ in range(4))
        self._last: tuple[dict[str, int], ...] = tuple({} for _ in range(4))

    def add(self, number: int, key_sets: tuple[set[str], set[str], set[str], set[str]]) -> None:
        """Document ``number`` (larger than any added before) holds ``key_sets`` (:func:`doc_key_sets`)."""
        add = operator.methodcaller("append", number)
        for lists, keys in zip(self._open, key_sets, strict=True):
            deque(map(add, map(lists.__getitem__, keys)), maxlen=0)
        self._in_block += 1
        if self._in_block == self.block:
            self._pack()

    def _pack(self) -> None:
        for lists, gaps_of, last_of in zip(self._open, self._gaps, self._last, strict=True):
            for key, numbers in lists.items():
                if _SEPARATOR in key:
                    continue
                gaps = [numbers[0] - last_of.get(key, 0), *map(operator.sub, numbers[1:], numbers[:-1])]
                packed = gaps_of.get(key)
                if packed is None:
                    gaps_of[key] = bytearray(_varints(gaps))
                else:
                    packed += _varints(gaps)
                last_of[key] = numbers[-1]
            lists.clear()
        self._in_block = 0

    def keys(self) -> set[str]:
        """Every key of the documents added (to be called once all are added)."""
        self._pack()
        return set().union(*self._gaps)

    def encoded(self, key: str) -> list[str]:
        """``key``'s documents as one string per field, trailing empty ones left out."""
        encoded = []
        for gaps_of, last_of in zip(self._gaps, self._last, strict=True):
            packed = gaps_of.get(key)
            if packed is None:
                encoded.append("")
                continue
            encoded.append(_encode_gaps(packed, _first(packed), last_of[key], functools.partial(_numbers, packed)))
        while encoded and not encoded[-1]:
            encoded.pop()
        return encoded

    def size(self, key: str) -> int:
        """``_size(key, self.encoded(key))``, without encoding."""
        lengths = []
        for gaps_of, last_of in zip(self._gaps, self._last, strict=True):
            packed = gaps_of.get(key)
            lengths.append(0 if packed is None else _encoded_length(packed, _first(packed), last_of[key]))
        while lengths and not lengths[-1]:
            lengths.pop()
        return len(key) + sum(length + 3 for length in lengths) + 6


def _first(packed: bytes | bytearray) -> int:
    """The first number of varint gaps ``packed`` (its first gap)."""
    return packed[0] if packed[0] < 0x80 else decode_varints(packed[:10])[0]


def _numbers(packed: bytes | bytearray) -> list[int]:
    """The numbers whose varint gaps are ``packed``."""
    return list(accumulate(decode_varints(packed)))


def build_search_files(catalogue: Catalogue, routes: Routes, words: AttachmentWords | None = None) -> SearchFiles:
    """The search data of ``catalogue`` (see the module docstring)."""
    return SearchFiles(SearchIndex.build(catalogue, routes, words).files())


WRITE_BATCH = 4096  #: files written at a time by :func:`write_search_files`


def write_search_files(
    site_dir: Path,
    catalogue: Catalogue,
    routes: Routes,
    words: AttachmentWords | None = None,
    *,
    block: int = PackedPostings.BLOCK,
) -> None:
    """Write the search data of ``catalogue`` into ``site_dir``, replacing what an earlier build
    wrote there: the files of :meth:`SearchIndex.files`, made as the documents are read. Each
    result fragment is written once its document is indexed, the postings are kept packed
    (:class:`PackedPostings`) and the shards written a batch at a time, so that memory holds
    little more than the packed postings (at 200,000 entries: benchmarks/README.md)."""
    target = site_dir / SEARCH_DATA
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    columns, items, entries, values = iter_documents(catalogue, routes, words=words)
    packed = PackedPostings(block)
    facets: list[list[object]] = []
    pending: dict[str, str] = {}
    for number, doc in enumerate(chain(items, entries)):
        packed.add(number, doc_key_sets(doc))
        facets.append(doc.facets)
        pending[_fragment_path(number)] = _fragment(number, doc)
        if len(pending) >= WRITE_BATCH:
            write_files(site_dir, pending)
            pending = {}
    hashes = {key: fnv1a(key) for key in packed.keys()}
    count = shard_count(sum(map(packed.size, hashes)))
    by_shard: list[list[str]] = [[] for _ in range(count)]
    for key, h in hashes.items():
        by_shard[h % count].append(key)
    for n, keys in enumerate(by_shard):
        pending.update(shard_files(n, keys, {key: packed.encoded(key) for key in keys}, hashes))
        if len(pending) >= WRITE_BATCH:
            write_files(site_dir, pending)
            pending = {}
    chunks = range((len(facets) + FACET_CHUNK - 1) // FACET_CHUNK)
    pending.update(facet_file(c, facets[c * FACET_CHUNK : (c + 1) * FACET_CHUNK]) for c in chunks)
    pending[SEARCH_INDEX] = manifest(count, len(facets), len(items), columns, values)
    write_files(site_dir, pending)


def write_index(site_dir: Path, index: SearchIndex) -> None:
    """Write every file of ``index`` into ``site_dir``, replacing what an earlier build wrote there."""
    target = site_dir / SEARCH_DATA
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    write_files(site_dir, index.files())


def write_files(site_dir: Path, files: dict[str, str], removed: Iterable[str] = ()) -> None:
    """Write ``files`` (path below the site → text) into ``site_dir`` and remove ``removed``."""
    for path in removed:
        (site_dir / path).unlink(missing_ok=True)
    for folder in sorted({(site_dir / path).parent for path in files}):
        folder.mkdir(parents=True, exist_ok=True)
    for path, text in sorted(files.items()):
        _write(site_dir / path, text)


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))
