"""Imported rows matched to the national standard catalogue (:mod:`generator.model.standard`).

A bureau's copy names its items as the standard does, give or take the usual variations:
spaces and line breaks, half-width brackets and punctuation, a 的 or 和 more or less, a word
dropped or added (公租房资格审核 for 公租房承租资格审核). :func:`match_item` finds the standard
item a row is, so that coverage, ``gkml new``'s pre-filling and the official order work for an
imported catalogue; :func:`infer_area` finds the area of a table that names none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model.standard import StandardItem, standard_areas, standard_items

#: How alike two names must be (difflib's ratio on their keys) to be taken as the same item.
SIMILAR = 0.8
_NOISE = re.compile(r"[\s\u3000()（）〔〕\[\]【】《》“”\"'‘’、，,。.;；:：/／\-—_的和及与]")


def name_key(text: str) -> str:
    """A name as compared: no white space, brackets, punctuation, 的/和/及/与."""
    return _NOISE.sub("", text)


@dataclass(frozen=True)
class Match:
    """A row's standard item, and whether its names are the standard's own (up to spaces and punctuation)."""

    item: StandardItem
    exact: bool


def _candidates(area: str) -> Sequence[StandardItem]:
    return standard_items(area) if area in standard_areas() else ()


def match_item(area: str, level1: str, name: str, level3: str = "") -> Match | None:
    """The standard item of ``area`` that a row named ``name`` (under ``level1``) is, or None.

    Same key (:func:`name_key`) for the 二级事项 (and the 三级事项 where the standard has one) is an
    exact match; otherwise the most alike name of the area at :data:`SIMILAR` or more, the row's
    一级事项 deciding between equals.
    """
    key, key1, key3 = name_key(name), name_key(level1), name_key(level3)
    if not key:
        return None
    items = _candidates(area)
    same = [i for i in items if name_key(i.level2) == key and (not key3 or name_key(i.level3) == key3)]
    if same:
        best = next((i for i in same if name_key(i.level1) == key1), same[0])
        return Match(best, name_key(best.level1) == key1 and (not best.level3 or name_key(best.level3) == key3))
    scored = []
    for item in items:
        ratio = difflib.SequenceMatcher(None, key, name_key(item.level2)).ratio()
        if ratio >= SIMILAR:
            scored.append((ratio, name_key(item.level1) == key1, item))
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return Match(scored[0][2], False)


def infer_area(names: Iterable[tuple[str, str]]) -> tuple[str, int] | None:
    """The standard area whose items the rows' (一级事项, 二级事项) match most, with how many matched;
    None when no area matches any (or two match equally many)."""
    rows = [(level1, name) for level1, name in names if name.strip()]
    counts = []
    for area in standard_areas():
        counts.append((sum(1 for l1, n in rows if match_item(area, l1, n) is not None), area))
    counts.sort(reverse=True)
    if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1], counts[0][0]


def uncovered(area: str, matched: Iterable[StandardItem]) -> list[StandardItem]:
    """The standard items of ``area`` that no imported row matched, in the standard's order."""
    seen = set(matched)
    return [i for i in _candidates(area) if i not in seen]
