"""Which catalogue item an imported piece of information belongs under, from the column (栏目)
the old site published it in (``gkml import --entries``).

A CMS names a column as its site showed it: a path (``信息公开 > 保障性住房 > 配给管理``), its
last part (``配给管理``), an item's name (``公租房承租资格审核``), with spaces, half-width
brackets or a word such as 栏目/专栏/信息 added. In this order, the first rule that finds
something decides:

1. the row names an item's id (a ``事项`` column): that item;
2. the path is the column an item's 政府网站 channel names (its ``栏目``), whole or its last part;
3. the last part is an item's name;
4. the last part is a column's (一级事项) title: the items of that column;
5. the same after dropping the words a CMS adds (栏目, 专栏, 信息, 公开, 类) and the area's name,
   or one title containing the other (a guess, said as one).

Earlier parts of the path that name an area or a column narrow what was found. When more than
one item is left, all in one column, the title of the information chooses among them (the item
whose name shares the most of it: a guess, said as one); otherwise the row is not placed and
the report lists it with every candidate, never dropping it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.catalogue import record_files
from generator.load.files import FileGate
from generator.load.folders import CatalogueFolders
from generator.load.yamlfile import read_yaml
from generator.model import vocab

#: Separators of a column's path as sites and CMS exports write it.
_SPLIT = re.compile(r"\s*(?:->|>>|＞＞|[>＞›»/／\\→|｜])\s*")
_NOISE = re.compile(r"\s+|[()（）【】\[\]“”\"'《》·•]")
#: Words a CMS adds to a column's name.
_EXTRA_WORDS = re.compile(r"(栏目|专栏|专题|信息公开|公开信息|信息|公开|类)$")


_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def plain(text: str) -> str:
    """A name as compared: no spaces or brackets, full-width letters as half-width, lower case."""
    text = text.translate(_HALF_WIDTH)
    return _NOISE.sub("", text).lower()


def path_parts(column: str) -> list[str]:
    """The parts of a column's path, as compared (empty parts and 首页 left out)."""
    parts = [plain(p) for p in _SPLIT.split(column) if plain(p)]
    return [p for p in parts if p not in ("首页", "网站首页", "home")]


@dataclass(frozen=True)
class Place:
    """A catalogue item an entry can be published under."""

    id: str
    name: str
    level3: str
    subject: str  #: 主体: the entry's 发布机构
    area: str
    column: str  #: its column's (一级事项) title
    slug: str  #: the column's slug: entries' ids start with it
    folder: Path  #: the column's folder
    website: str = ""  #: the 栏目 of its 政府网站 channel, "" when it names none


@dataclass
class Placement:
    """Where a row goes: one item, or none and why."""

    item: Place | None
    guess: str = ""  #: how a guess was made ("" when the column said it plainly)
    candidates: list[Place] = field(default_factory=list)  #: when more than one item fits
    reason: str = ""  #: unknown | ambiguous, when not placed


def catalogue_places(folders: CatalogueFolders, gate: FileGate) -> list[Place]:
    """Every item of the catalogue whose id can be read, in folder order (problems left to gkml check)."""
    found: list[Place] = []
    seen: set[str] = set()
    for area in folders.areas:
        for column in area.categories:
            for path in record_files(column.path, gate):
                doc, _ = read_yaml(path, gate=gate)
                data = doc.data if doc is not None else None
                if not isinstance(data, dict) or not isinstance(data.get("id"), str) or data["id"].strip() in seen:
                    continue
                seen.add(data["id"].strip())
                name, level3, subject = (str(data.get(k) or "").strip() for k in ("名称", "三级事项", "主体"))
                found.append(
                    Place(
                        data["id"].strip(),
                        name,
                        level3,
                        subject,
                        area.title,
                        column.title,
                        column.slug,
                        column.path,
                        _website_column(data.get("渠道")),
                    )
                )
    return found


def _website_column(channels: object) -> str:
    """The 栏目 an item's 政府网站 channel names (``■政府网站: 栏目`` or with a ``栏目:`` key)."""
    for channel in channels if isinstance(channels, list) else []:
        if not isinstance(channel, dict):
            continue
        for key, value in channel.items():
            if vocab.WEBSITE_CHANNEL not in str(key):
                continue
            if isinstance(value, dict):
                value = value.get("栏目", "")
            return str(value or "").strip()
    return ""


class Placer:
    """Places rows among the items of one catalogue (see the module)."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self.by_id = {p.id: p for p in places}
        self.areas = {plain(p.area) for p in places}
        self.columns = {plain(p.column) for p in places}
        # what rows are compared with, made once (a list has thousands of rows, a catalogue thousands of items)
        self._web_whole: dict[str, list[Place]] = {}
        self._web_last: dict[str, list[Place]] = {}
        self._named: dict[str, list[Place]] = {}
        self._in_column: dict[str, list[Place]] = {}
        for place in places:
            parts = path_parts(place.website)
            if parts:
                self._web_whole.setdefault("".join(parts), []).append(place)
                self._web_last.setdefault(parts[-1], []).append(place)
            for name in {plain(place.name), plain(place.level3)} - {""}:
                self._named.setdefault(name, []).append(place)
            self._in_column.setdefault(plain(place.column), []).append(place)

    def place(self, column: str, title: str, item_id: str = "") -> Placement:
        """Where information titled ``title``, published in column ``column`` (or naming ``item_id``), goes."""
        if item_id.strip():
            found = self.by_id.get(item_id.strip())
            return Placement(found) if found else Placement(None, reason="unknown-item")
        parts = path_parts(column)
        if not parts:
            return Placement(None, reason="unknown")
        candidates, guess = self._candidates(parts)
        if not candidates:
            return Placement(None, reason="unknown")
        candidates = self._narrowed(candidates, parts[:-1])
        if len(candidates) == 1:
            return Placement(candidates[0], guess)
        if len({p.folder for p in candidates}) == 1:
            best = _by_title(candidates, title)
            if best is not None:
                return Placement(best, "title", candidates)
        return Placement(None, candidates=candidates, reason="ambiguous")

    def _candidates(self, parts: list[str]) -> tuple[list[Place], str]:
        whole, last = "".join(parts), parts[-1]
        for table, key in (
            (self._web_whole, whole),
            (self._web_last, last),
            (self._named, last),
            (self._in_column, last),
        ):
            if key in table:
                return list(table[key]), ""
        short = _EXTRA_WORDS.sub("", last)
        for area in self.areas:
            short = short.removeprefix(area) if short != area else short
        if len(short) >= 2:
            found = [p for p in self.places if short in (plain(p.name), plain(p.level3), plain(p.column))]
            found = found or [p for p in self.places if short in plain(p.column) or plain(p.column) in short]
            if found:
                return found, "variant"
        return [], ""

    def _narrowed(self, candidates: list[Place], earlier: list[str]) -> list[Place]:
        """``candidates`` within the areas or columns that earlier parts of the path name, when that leaves any."""
        for part in earlier:
            if part in self.areas or part in self.columns:
                kept = [p for p in candidates if part in (plain(p.area), plain(p.column))]
                candidates = kept or candidates
        return candidates


def _pairs(text: str) -> set[str]:
    text = plain(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _by_title(candidates: list[Place], title: str) -> Place | None:
    """The candidate most of whose pairs of characters ``title`` holds (then the most pairs), if one does best."""
    words = _pairs(title)

    def score(place: Place) -> tuple[float, int]:
        own = _pairs(place.level3 or place.name)
        shared = len(words & own)
        return (shared / len(own) if own else 0.0, shared)

    scored = sorted(((score(p), i) for i, p in enumerate(candidates)), reverse=True)
    if not scored or scored[0][0][1] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return candidates[scored[0][1]]
