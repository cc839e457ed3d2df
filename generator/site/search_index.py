"""The catalogue's search data: a compact index the browser loads on the first search.

Chinese has no spaces, and word segmenters split catalogue terms unpredictably
(jieba keeps 财政补贴 as one word, so a query for 补贴 misses it). The catalogue is
small enough per site that the browser can match every query as a *substring* of
each item's text, which finds any contiguous part of a name and any word of its
body without segmenting anything. The index therefore stores text, deduplicated:

* ``cats``: [area title, category title, category URL] per category;
* ``docs``: every distinct basis document once; ``subj``: every distinct 主体 once;
* ``items``: [id, title, category index, pinyin syllables of the title,
  content text, [doc indices], subject index, 方式, 对象, 层级], the last three as
  bit sets over ``facets`` (bit *i* set: the item has the *i*-th value), which the
  filters of the search page read.

Pinyin initials are derived in the browser from the syllables. It is written as a
script (``gkmlSearchData(...)``) rather than JSON so that it also loads from
``file://`` in an offline kiosk, where ``fetch`` is not allowed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.model import vocab
from generator.model.records import Catalogue
from generator.model.slugs import pinyin_syllables
from generator.site.routes import Routes

INDEX_VERSION = 2

#: The values of the filters stored as bit sets, in bit order.
FACETS: dict[str, tuple[str, ...]] = {"方式": vocab.METHODS, "对象": vocab.AUDIENCES, "层级": vocab.LEVELS}


def facet_bits(values: Iterable[str], universe: tuple[str, ...]) -> int:
    """``values`` as a bit set over ``universe`` (values outside it are left out)."""
    return sum(1 << universe.index(v) for v in set(values) if v in universe)


def search_data(catalogue: Catalogue, routes: Routes) -> dict[str, object]:
    """The index as a JSON-ready structure (see the module docstring)."""
    cats: list[list[str]] = []
    docs: dict[str, int] = {}
    subjects: dict[str, int] = {}
    items: list[list[object]] = []
    for area in catalogue.areas:
        for category in area.categories:
            cat_index = len(cats)
            cats.append([area.title, category.title, routes.url(routes.category(area, category))])
            for r in category.records:
                title = f"{r.title} {r.name}" if r.level3 else r.title
                doc_ids = [docs.setdefault(b.text, len(docs)) for b in r.basis]
                items.append(
                    [
                        r.id,
                        r.title,
                        cat_index,
                        " ".join(s for s in pinyin_syllables(title) if s.isascii() and s.isalnum()),
                        "、".join(e.text for e in r.content),
                        doc_ids,
                        subjects.setdefault(r.subject, len(subjects)),
                        facet_bits(r.methods, vocab.METHODS),
                        facet_bits((a.kind for a in r.audiences), vocab.AUDIENCES),
                        facet_bits(r.levels, vocab.LEVELS),
                    ]
                )
    return {
        "v": INDEX_VERSION,
        "item": routes.url(Routes.item_of("ID")),
        "facets": {key: list(values) for key, values in FACETS.items()},
        "cats": cats,
        "docs": list(docs),
        "subj": list(subjects),
        "items": items,
    }


def build_search_index(catalogue: Catalogue, routes: Routes) -> str:
    """The index file's text: compact UTF-8 JSON wrapped in a loader call."""
    data = json.dumps(search_data(catalogue, routes), ensure_ascii=False, separators=(",", ":"))
    return f"gkmlSearchData({data});\n"
