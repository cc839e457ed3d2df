"""``gkml import --entries``: information already published on the old site, as entries.

Sources: lists a CMS exports (.xlsx, .xls, .csv: :mod:`generator.exchange.entrylist`) and notices
saved from the old site (.html/.htm: :mod:`generator.edit.entry_pages`). A saved page that is the
notice of a list's row (same address, same file name as the address ends with, or same title and
date) gives that row its body; a page no row names is an entry of its own.

Each row becomes an entry under the item its column (栏目) names (:mod:`generator.exchange.entryplace`),
in the documented place: ``<column folder>/<year of 发布日期>/<title>.md`` (names made safe by
:func:`generator.model.naming.file_stem`; a name taken gets （2）, （3）…). Nothing is overwritten:
a row already imported (an entry of the catalogue has its address, or its title and date) is
skipped and said. An entry without a body points to its old address (``网址``); one with a body
from a saved page gets a line in the **redirect map**: an nginx ``map`` from the old address's
path to the new page (its full address when ``_site.yaml`` gives the 网站地址, so that the old server
can send visitors to another host), sorted, merged with the lines the map already holds.

Nothing a row holds is lost: what has no key in an entry (extra columns, an address that is not
a web address, the lines of a page taken out of its body) is written as comments in the entry
file; a row that cannot be placed or read is listed in full in the report. What was guessed
(the item from the title, the 类别) is counted in the report and said in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.check.diagnostics import Diagnostic, has_errors, make_cell
from generator.edit.entry_pages import OldPage, decode_page, iso_date, read_old_page
from generator.edit.entry_scaffold import DEFAULT_CATEGORY, entry_ids, guess_category, next_entry_id
from generator.exchange.entrylist import EntryList, ListRow, read_entry_list
from generator.exchange.entryplace import Place, Placement, Placer, catalogue_places, plain
from generator.exchange.writer import yaml_scalar
from generator.load.catalogue import SITE_FILE
from generator.load.entries import entry_paths, read_entry_file
from generator.load.files import FileGate
from generator.load.folders import CatalogueFolders
from generator.load.yamlfile import read_yaml
from generator.model.entries import CATEGORIES, ENTRY_FIELDS_BY_KEY, ENTRY_SUFFIX
from generator.model.limits import Limits
from generator.model.naming import file_stem
from generator.model.site_address import address_problem, normalised
from generator.site.routes import Routes

LIST_SUFFIXES = (".xlsx", ".xls", ".csv")
PAGE_SUFFIXES = (".html", ".htm")
BODY_PLACEHOLDER = "【请填写正文】"
PUBLISHER_PLACEHOLDER = "【请填写发布机构】"
#: The comment an imported entry keeps its old address in (the redirect map and a second import read it).
OLD_ADDRESS = "# 原网址："
_OLD_ADDRESS = re.compile(r"^# 原网址：(\S+)", re.MULTILINE)
#: What an entry imported says of itself, first in its front matter.
_MADE_BY = "# 由 gkml import --entries 导入：{source}。"
#: The redirect map's variable, as deploy/nginx's configuration uses it.
REDIRECT_VARIABLE = "$gkml_redirect"
_MAP_LINE = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"\s+"((?:[^"\\]|\\.)*)";\s*$')


@dataclass
class Incoming:
    """One piece of information to import: a list's row (perhaps with its saved page), or a page alone."""

    source: str  #: the file it comes from, as shown
    sheet: str
    sheet_index: int
    row: int  #: 0 for a page
    title: str
    published: str  #: as written
    column: str
    url: str
    doc_no: str = ""
    formed: str = ""
    item_id: str = ""
    publisher: str = ""
    summary: str = ""
    category: str = ""  #: 类别 as the list writes it
    extra: list[tuple[str, str]] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  #: key → column, to place messages at a cell
    text: str = ""  #: the row (or page) as read, for the report
    page: OldPage | None = None  #: the saved notice giving the body

    def at(self, code: str, key: str = "", **values: object) -> Diagnostic:
        """A diagnostic at this row's cell of ``key`` (the row when no key; the page's file for a page)."""
        column = self.columns.get(key, 0)
        return make_cell(
            code,
            self.source,
            self.sheet,
            self.row,
            column,
            path="",
            sheet_index=self.sheet_index,
            element=key,
            severity=None,
            **values,
        )


@dataclass
class Planned:
    """An entry about to be written."""

    incoming: Incoming
    place: Place
    entry_id: str
    path: Path
    text: str
    guesses: list[str]  #: kinds: 事项, 类别
    placeholders: int
    redirect: tuple[str, str] | None  #: (old path, new page path)


@dataclass
class Left:
    """A row or page not written, and why (one of :data:`LEFT_KINDS`)."""

    incoming: Incoming
    kind: str
    detail: str = ""


#: Why a row is not written, as the report names it.
LEFT_KINDS = {
    "unplaced": "未能确定所属事项",
    "invalid": "缺少标题或发布日期无法识别",
    "duplicate": "与前面的行重复",
    "imported": "此前已经导入（未改动）",
}


@dataclass
class SourceFigures:
    """What one source file gave."""

    file: str
    kind: str  #: 信息列表 | 网页
    read: int = 0  #: rows (or pages) read
    written: int = 0
    joined: int = 0  #: pages that gave a list's row its body
    left: Counter[str] = field(default_factory=Counter)
    guesses: Counter[str] = field(default_factory=Counter)
    placeholders: int = 0


@dataclass
class MigrationPlan:
    """What ``gkml import --entries`` read, is about to write, and leaves."""

    writes: list[Planned] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    figures: dict[str, SourceFigures] = field(default_factory=dict)
    skipped_lines: list[tuple[str, str, int, str]] = field(default_factory=list)  #: above a list's header
    redirects: list[tuple[str, str]] = field(default_factory=list)  #: (old path, new page path), this run
    unmapped: list[tuple[str, str]] = field(default_factory=list)  #: (old address, why) not in the map


# -- reading the sources -------------------------------------------------------------------------------------


def source_files(paths: list[Path]) -> list[Path]:
    """The files named, a folder standing for its .html/.htm pages (sorted, links not followed)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            pages = [p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES and p.is_file()]
            found += sorted(p for p in pages if not any(q.is_symlink() for q in [p, *p.parents] if q != path))
        else:
            found.append(path)
    return found


def read_sources(
    paths: list[Path], gate: FileGate, limits: Limits
) -> tuple[list[EntryList], list[OldPage], list[Diagnostic]]:
    """The lists and pages among ``paths`` (see :func:`source_files`), and what was said reading them."""
    lists: list[EntryList] = []
    pages: list[OldPage] = []
    problems: list[Diagnostic] = []
    for path in source_files(paths):
        shown = path.as_posix()
        suffix = path.suffix.lower()
        if suffix not in (*LIST_SUFFIXES, *PAGE_SUFFIXES):
            problems.append(make_cell("entries-file-type", shown, suffix=path.suffix or "（无扩展名）"))
            continue
        if not path.exists():
            problems.append(make_cell("file-missing", shown))
            continue
        raw, refused = gate.read_bytes(path, shown, limit="import_file_bytes")
        if raw is None:
            problems += [d.placed(d.file) for d in refused]
            continue
        if suffix in PAGE_SUFFIXES:
            page = read_old_page(raw, shown)
            if page.catalogue:
                problems.append(make_cell("entries-page-catalogue", shown))
            else:
                pages.append(page)
            continue
        found = read_entry_list(path, raw, shown, limits)
        problems += found.problems
        lists.append(found)
    return lists, pages, problems


def entry_source_kind(path: Path, limits: Limits | None = None) -> str | None:
    """``"list"`` when ``path`` is an information list, ``"page"`` when a saved notice, None when it may
    be a catalogue table (or cannot be read): what ``gkml import`` without ``--entries`` refuses."""
    from generator.exchange import table as t
    from generator.exchange.entrylist import is_entry_list_header, sheet_rows
    from generator.exchange.htmltables import read_tables
    from generator.model.limits import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    suffix = path.suffix.lower()
    if suffix not in (*LIST_SUFFIXES, *PAGE_SUFFIXES) or not path.is_file():
        return None
    if path.stat().st_size > limits.import_file_bytes:
        return None
    raw = path.read_bytes()

    def catalogue_row(row: list[str]) -> bool:
        return sum(1 for cell in row if cell.strip() and t.classify(cell) is not None) >= 3

    if suffix in PAGE_SUFFIXES:
        tables = read_tables(decode_page(raw)[0])
        if any(len(x.rows) >= 3 and max(len(r) for r in x.rows) >= 5 for x in tables):
            return None  # a table a catalogue could be: the catalogue import judges it
        return "page" if read_old_page(raw, path.name).title else None
    sheets, _ = sheet_rows(path, raw, path.name, limits)
    heads = [row for _, _, rows in sheets for row in rows[:10]]
    if any(catalogue_row(row) for row in heads) or not any(is_entry_list_header(row) for row in heads):
        return None
    return "list"


# -- planning -----------------------------------------------------------------------------------------------


def _incoming(row: ListRow) -> Incoming:
    return Incoming(
        row.file,
        row.sheet,
        row.sheet_index,
        row.row,
        title=" ".join(row.get("标题").split()),
        published=row.get("发布日期"),
        column=" ".join(row.get("栏目").split()),
        url=row.get("网址").strip(),
        doc_no=" ".join(row.get("文号").split()),
        formed=row.get("形成日期"),
        item_id=row.get("事项"),
        publisher=" ".join(row.get("发布机构").split()),
        summary=" ".join(row.get("摘要").split()),
        category=" ".join(row.get("类别").split()),
        extra=row.extra,
        columns=row.columns,
        text=row.text,
    )


def _from_page(page: OldPage) -> Incoming:
    return Incoming(
        page.file,
        "",
        0,
        0,
        title=page.title,
        published=page.published,
        column=page.column,
        url=page.url,
        doc_no=page.doc_no,
        text=" | ".join(x for x in (page.title, page.published, page.column, page.url) if x),
        page=page,
    )


def _address_key(url: str) -> str:
    """An address as compared: no scheme, host in lower case, no trailing slash or fragment."""
    parts = urlsplit(url.strip())
    path = unquote(parts.path).rstrip("/")
    return f"{parts.netloc.lower()}{path}{'?' + parts.query if parts.query else ''}"


def _last_name(url: str) -> str:
    return unquote(urlsplit(url.strip()).path).rstrip("/").rsplit("/", 1)[-1].lower()


def _join_pages(rows: list[Incoming], pages: list[OldPage]) -> list[Incoming]:
    """Each page given to the row it is the notice of (see the module); the pages no row names, as rows."""
    by_address = {_address_key(r.url): r for r in reversed(rows) if r.url}
    by_name = {_last_name(r.url): r for r in reversed(rows) if r.url and "." in _last_name(r.url)}
    by_title = {(plain(r.title), iso_date(r.published)): r for r in reversed(rows) if r.title}
    alone: list[Incoming] = []
    for page in pages:
        row = (
            (by_address.get(_address_key(page.url)) if page.url else None)
            or by_name.get(Path(page.file).name.lower())
            or by_title.get((plain(page.title), page.published))
        )
        if row is not None and row.page is None:
            row.page = page
            row.doc_no = row.doc_no or page.doc_no
            row.published = row.published or page.published
            row.column = row.column or page.column
        else:
            alone.append(_from_page(page))
    return alone


@dataclass
class _Existing:
    """What the catalogue's entries already hold: their ids, addresses and (title, date)."""

    ids: set[str]
    addresses: set[str]
    titles: set[tuple[str, str]]


def _existing(folders: CatalogueFolders, gate: FileGate) -> _Existing:
    addresses: set[str] = set()
    titles: set[tuple[str, str]] = set()
    for area in folders.areas:
        for column in area.categories:
            for path in entry_paths(column.path):
                entry, _ = read_entry_file(path, path.as_posix(), gate)
                if entry is None:
                    continue
                data = entry.doc.data if isinstance(entry.doc.data, dict) else {}
                for url in [str(data.get("网址") or ""), *_OLD_ADDRESS.findall(entry.text)]:
                    if url.strip():
                        addresses.add(_address_key(url))
                titles.add((plain(str(data.get("标题") or "")), str(data.get("发布日期") or "")))
    return _Existing(entry_ids(folders, gate), addresses, titles)


def plan_migration(
    lists: list[EntryList],
    pages: list[OldPage],
    folders: CatalogueFolders,
    gate: FileGate,
    routes: Routes | None = None,
) -> MigrationPlan:
    """What to write for ``lists`` and ``pages`` into the catalogue ``folders`` (see the module); the new
    pages' addresses (for the redirect map) from ``routes`` and the site's 网站地址 (:func:`site_base`)."""
    routes = routes or Routes()
    base = site_base(folders.root, gate)
    plan = MigrationPlan()
    rows: list[Incoming] = []
    for found in lists:
        plan.figures[found.file] = SourceFigures(found.file, "信息列表", read=len(found.rows))
        plan.skipped_lines += [(found.file, sheet, row, text) for sheet, row, text in found.skipped]
        rows += [_incoming(r) for r in found.rows]
    alone = _join_pages(rows, pages)
    for page in pages:
        plan.figures[page.file] = SourceFigures(page.file, "网页", read=1)
    for incoming in rows:
        if incoming.page is not None:
            plan.figures[incoming.page.file].joined = 1
    placer = Placer(catalogue_places(folders, gate))
    existing = _existing(folders, gate)
    taken_paths: set[Path] = set()
    seen: dict[tuple[str, str, str], Incoming] = {}
    for incoming in [*rows, *alone]:
        figures = plan.figures[incoming.source]
        left = _check_row(incoming, plan, seen, existing)
        if left is not None:
            plan.left.append(left)
            figures.left[left.kind] += 1
            continue
        placement = placer.place(incoming.column, incoming.title, incoming.item_id)
        if placement.item is None:
            plan.left.append(Left(incoming, "unplaced", _why_unplaced(incoming, placement)))
            plan.problems.append(_unplaced_problem(incoming, placement))
            figures.left["unplaced"] += 1
            continue
        planned = _plan_entry(incoming, placement, existing, taken_paths, routes, base)
        plan.writes.append(planned)
        figures.written += 1
        figures.guesses.update(planned.guesses)
        figures.placeholders += planned.placeholders
        if placement.guess:
            plan.problems.append(
                incoming.at("entries-item-guessed", "栏目", value=incoming.column, item=_place_text(placement.item))
            )
        if planned.redirect is not None:
            plan.redirects.append(planned.redirect)
        elif incoming.page is not None and incoming.url:
            plan.unmapped.append((incoming.url, _why_unmapped(incoming.url)))
    return plan


def _check_row(
    incoming: Incoming, plan: MigrationPlan, seen: dict[tuple[str, str, str], Incoming], existing: _Existing
) -> Left | None:
    """Why the row cannot be written (reported), or None."""
    if not incoming.title:
        plan.problems.append(incoming.at("entries-title-missing", "标题"))
        return Left(incoming, "invalid", "没有标题")
    date = iso_date(incoming.published)
    if not date:
        plan.problems.append(incoming.at("entries-date-invalid", "发布日期", value=incoming.published or "（空）"))
        return Left(incoming, "invalid", f"发布日期“{incoming.published or '（空）'}”无法识别")
    key = (plain(incoming.title), date, _address_key(incoming.url) if incoming.url else "")
    first = seen.setdefault(key, incoming)
    if first is not incoming:
        where = f"第 {first.row} 行" if first.row else first.source
        plan.problems.append(incoming.at("entries-duplicate-row", "", other=where))
        return Left(incoming, "duplicate", f"与{where}相同")
    if (incoming.url and _address_key(incoming.url) in existing.addresses) or (
        (plain(incoming.title), date) in existing.titles
    ):
        return Left(incoming, "imported")
    return None


def category_of(text: str) -> str:
    """The 类别 a list's cell names: one of :data:`CATEGORIES` as written, or the one its words say
    (通知 → 通知公告, 解读 → 政策解读 …); "" when it names none."""
    plain_text = "".join(text.split())
    if plain_text in CATEGORIES:
        return plain_text
    found = guess_category(plain_text) if plain_text else ""
    return found if found != DEFAULT_CATEGORY or any(w in plain_text for w in ("通知", "公告")) else ""


def _place_text(place: Place) -> str:
    return f"{place.id}（{place.area} › {place.column} › {place.level3 or place.name}）"


def _why_unplaced(incoming: Incoming, placement: Placement) -> str:
    if placement.reason == "unknown-item":
        return f"事项“{incoming.item_id}”不在目录中"
    if placement.reason == "ambiguous":
        return "栏目“{}”对应多个事项：{}".format(
            incoming.column, "、".join(_place_text(p) for p in placement.candidates)
        )
    return f"栏目“{incoming.column or '（空）'}”与目录中的栏目和事项都对不上"


def _unplaced_problem(incoming: Incoming, placement: Placement) -> Diagnostic:
    if placement.reason == "unknown-item":
        return incoming.at("entries-item-unknown", "事项", value=incoming.item_id)
    if placement.reason == "ambiguous":
        items = "、".join(_place_text(p) for p in placement.candidates)
        return incoming.at("entries-column-ambiguous", "栏目", value=incoming.column, items=items)
    return incoming.at("entries-column-unknown", "栏目", value=incoming.column or "（空）")


def _why_unmapped(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "不是完整的网址"
    return "网址带有查询参数（?…），nginx 的 $uri 不含这一部分" if parts.query else ""


def site_base(folder: Path, gate: FileGate) -> str:
    """Where the new site's pages are: its 网站地址 (``https://…/gkml/``) when ``_site.yaml`` gives a valid
    one, else ``/`` (the site at the root of the server that redirects)."""
    doc, _ = read_yaml(folder / SITE_FILE, gate=gate)
    address = doc.data.get("网站地址") if doc is not None and isinstance(doc.data, dict) else None
    if isinstance(address, str) and address.strip() and address_problem(address.strip()) is None:
        return normalised(address.strip())
    return "/"


def _redirect(url: str, entry_id: str, routes: Routes, base: str) -> tuple[str, str] | None:
    """(old path, new page's address) for an old address nginx can match by ``$uri``, or None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or parts.query or not parts.path or parts.path == "/":
        return None
    return unquote(parts.path), base + routes.url(Routes.entry_of(entry_id))


def _file_path(folder: Path, title: str, taken: set[Path]) -> Path:
    """``folder/<title>.md``, or ``<title>（2）.md`` … when that is taken (on disk or in this run)."""
    stem = file_stem(title)
    path, n = folder / f"{stem}{ENTRY_SUFFIX}", 2
    while path in taken or path.exists():
        path, n = folder / f"{stem}（{n}）{ENTRY_SUFFIX}", n + 1
    taken.add(path)
    return path


def _plan_entry(
    incoming: Incoming, placement: Placement, existing: _Existing, taken: set[Path], routes: Routes, base: str
) -> Planned:
    place = placement.item
    assert place is not None
    date = iso_date(incoming.published)
    day = dt.date.fromisoformat(date)
    entry_id = next_entry_id(place.slug, day, existing.ids)
    existing.ids.add(entry_id)
    path = _file_path(place.folder / f"{day:%Y}", incoming.title, taken)
    category = category_of(incoming.category)
    if not category:  # the list does not say: guessed from the title, else the column
        category = guess_category(incoming.title)
        category = category if category != DEFAULT_CATEGORY else guess_category(place.column)
    guesses = [*([] if category_of(incoming.category) else ["类别"]), *(["事项"] if placement.guess else [])]
    page = incoming.page
    body = page.body if page is not None and page.body.strip() else ""
    web_address = incoming.url.startswith(("http://", "https://"))
    redirect = _redirect(incoming.url, entry_id, routes, base) if body and incoming.url else None
    publisher = incoming.publisher or place.subject
    values: list[tuple[str, str]] = [
        ("id", entry_id),
        ("标题", yaml_scalar(incoming.title)),
        ("事项", place.id),
        ("发布日期", date),
    ]
    formed = iso_date(incoming.formed)
    if formed and formed <= date:
        values.append(("形成日期", formed))
    values.append(("发布机构", yaml_scalar(publisher) if publisher else PUBLISHER_PLACEHOLDER))
    if incoming.doc_no:
        values.append(("文号", yaml_scalar(incoming.doc_no)))
    values.append(("类别", category))
    if incoming.summary:
        values.append(("摘要", yaml_scalar(incoming.summary)))
    if web_address and not body:
        values.append(("网址", yaml_scalar(incoming.url)))
    # the source by its name only: where it lay on the editor's computer is no part of the entry
    where = Path(incoming.source).name + (
        f"（{'工作表“' + incoming.sheet + '”' if incoming.sheet else ''}第 {incoming.row} 行）" if incoming.row else ""
    )
    if page is not None and incoming.row:
        where += f"，正文取自 {Path(page.file).name}"
    lines = ["---", _MADE_BY.format(source=where)]
    if incoming.url:
        lines.append(f"{OLD_ADDRESS}{' '.join(incoming.url.split())}")
    if placement.guess:
        lines.append(f"# 所属事项按{'标题' if placement.guess == 'title' else '栏目名称的近似写法'}推定，请核对。")
    if incoming.column:
        lines.append(f"# 原栏目：{incoming.column}")
    if incoming.category and incoming.category != category:
        lines.append(f"# 原表类别：{incoming.category}")
    lines += [f"# 原表“{header}”：{' '.join(text.split())}" for header, text in incoming.extra]
    if " ".join(incoming.published.split()) != date:
        lines.append(f"# 原发布日期：{' '.join(incoming.published.split())}")
    formed_text = " ".join(incoming.formed.split())
    if formed_text and (not formed or formed > date):
        why = "晚于发布日期" if formed else "无法识别"
        lines.append(f"# 原表形成日期：{formed_text}（{why}，未写入）")
    elif formed_text and formed_text != formed:
        lines.append(f"# 原表形成日期：{formed_text}")
    if page is not None:
        lines += [f"# 原网页：{text}" for text in page.dropped]
        if page.images:
            lines.append(f"# 原网页中的 {page.images} 张图片没有转入正文；需要时请放进“附件”文件夹并在“附件:”中列出。")
    for key, value in values:
        lines.append(f"{key}: {value}")
        if key == "类别" and "类别" in guesses:
            lines.append(f"# 类别按标题或栏目“{place.column}”推定，请核对。")
    review = ENTRY_FIELDS_BY_KEY["审核"]
    lines += [
        "# 审核：发布前的保密审查记录，网站状态为“正式”时必须填写",
        "# （删除下一行行首的“# ”，写上审核人和审核日期）：",
        f"# 审核: {review.example}",
        "---",
        "",
    ]
    placeholders = int(not publisher)
    if body:
        text_body = body
    elif web_address:
        text_body = ""
    else:
        text_body = BODY_PLACEHOLDER + "\n"
        placeholders += 1
    text = "\n".join(lines) + ("\n" + text_body if text_body else "")
    return Planned(incoming, place, entry_id, path, text, guesses, placeholders, redirect)


# -- writing ------------------------------------------------------------------------------------------------


class OutsideCatalogue(Exception):
    """A year folder is a link leading out of the catalogue: nothing is written through it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder.as_posix())
        self.folder = folder


def write_entries(plan: MigrationPlan, root: Path) -> None:
    """Write every planned entry (its year folder made when needed), never overwriting a file and never
    through a link out of the catalogue ``root`` (checked for every entry before any is written)."""
    inside = root.resolve()
    for planned in plan.writes:
        folder = planned.path.parent
        if folder.is_symlink() or not folder.resolve().is_relative_to(inside):
            raise OutsideCatalogue(folder)
    for planned in plan.writes:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        with planned.path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(planned.text)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquoted(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def read_redirect_map(text: str) -> dict[str, str]:
    """The lines of a redirect map gkml wrote: old path → new page path."""
    return {_unquoted(m[1]): _unquoted(m[2]) for line in text.splitlines() if (m := _MAP_LINE.match(line))}


def redirect_map(lines: dict[str, str]) -> str:
    """An nginx ``map`` block of ``lines`` (old path → new page path), sorted: ``include`` it in ``http { }``."""
    out = [
        "# 由 gkml import --entries 生成：旧网站信息的网址（路径）→ 新网站信息页面。按旧网址排序；再次导入时合并。",
        "# 在 nginx 的 http { } 中 include 本文件，在 server { } 中写：",
        f"#     if ({REDIRECT_VARIABLE}) {{ return 301 {REDIRECT_VARIABLE}; }}",
        f"map $uri {REDIRECT_VARIABLE} {{",
        '    default "";',
        *(f"    {_quoted(old)} {_quoted(new)};" for old, new in sorted(lines.items())),
        "}",
    ]
    return "\n".join(out) + "\n"


def merged_redirects(plan: MigrationPlan, existing: str, shown: str) -> tuple[dict[str, str], list[Diagnostic]]:
    """The map's lines: those it holds (``existing``, the text of the map ``shown``), and this run's (an
    old path already sent elsewhere is kept and said)."""
    lines = read_redirect_map(existing)
    problems: list[Diagnostic] = []
    for old, new in plan.redirects:
        if lines.setdefault(old, new) != new:
            problems.append(make_cell("entries-redirect-conflict", shown, value=old, old=lines[old], new=new))
    return lines, problems


# -- the report ---------------------------------------------------------------------------------------------


def report_markdown(plan: MigrationPlan, *, dry_run: bool = False, redirects_file: str = "") -> str:
    """The migration report (Chinese, Markdown): per source, then the rows left, the guesses, a summary line."""
    verb = "将写入" if dry_run else "已写入"
    out = ["# 旧网站信息导入报告", ""]
    if dry_run:
        out += ["预览（--dry-run）：没有写入任何文件。", ""]
    out += [
        "| 文件 | 类型 | 读取 | " + verb + " | 合入列表行 | 未写入 | 推定 | 待填写 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in plan.figures.values():
        guesses = "、".join(f"{k} {v}" for k, v in sorted(f.guesses.items())) or "0"
        left = "、".join(f"{LEFT_KINDS[k]} {v}" for k, v in sorted(f.left.items())) or "0"
        out.append(
            f"| {_cell(f.file)} | {f.kind} | {f.read} | {f.written} | {f.joined if f.kind == '网页' else '—'} | {left} "
            f"| {guesses} | {f.placeholders} |"
        )
    out.append("")
    for kind, title in LEFT_KINDS.items():
        rows = [x for x in plan.left if x.kind == kind]
        if not rows:
            continue
        out += [f"## {title}（{len(rows)}）", ""]
        if kind == "unplaced":
            out += [
                "这些行没有导入。请在表格中加一列“事项”，写上它们所属事项的 id（或改正“栏目”），再导入一次；",
                "已经导入的行不会重复写入。",
                "",
            ]
        for x in rows:
            sheet = f" 工作表“{x.incoming.sheet}”" if x.incoming.sheet else ""
            where = x.incoming.source + (f"{sheet} 第 {x.incoming.row} 行" if x.incoming.row else "")
            detail = f"：{x.detail}" if x.detail else ""
            out.append(f"- {where}{detail}。原文：{x.incoming.text}")
        out.append("")
    if plan.skipped_lines:
        out += [f"## 表头以上的行（{len(plan.skipped_lines)}，不是信息）", ""]
        out += [f"- {file} 第 {row} 行：{text}" for file, _, row, text in plan.skipped_lines]
        out.append("")
    guessed = [p for p in plan.writes if "事项" in p.guesses]
    if guessed:
        out += [f"## 按标题推定所属事项（{len(guessed)}）", ""]
        out += [f"- {p.path.name} → {_place_text(p.place)}（原栏目“{p.incoming.column}”）" for p in guessed]
        out.append("")
    if plan.redirects or plan.unmapped:
        out += [f"## 旧网址跳转（{len(plan.redirects)}）", ""]
        if redirects_file:
            out += [f"跳转表：{redirects_file}（nginx map，使用方法见 README“迁移旧网站的信息”）。", ""]
        for url, why in plan.unmapped:
            out.append(f"- 未加入跳转表：{url}（{why or '无法识别'}）")
        out.append("")
    written = sum(f.written for f in plan.figures.values())
    read = sum(f.read for f in plan.figures.values() if f.kind == "信息列表")
    pages = sum(f.read for f in plan.figures.values() if f.kind == "网页")
    counted = Counter(x.kind for x in plan.left)
    out.append(
        f"合计：读取信息列表 {read} 行、网页 {pages} 个；{verb} {written} 条公开信息；"
        + "、".join(f"{LEFT_KINDS[k]} {counted[k]} 条" for k in LEFT_KINDS)
        + f"；推定 {sum(sum(f.guesses.values()) for f in plan.figures.values())} 处；"
        + f"待填写 {sum(f.placeholders for f in plan.figures.values())} 处；跳转 {len(plan.redirects)} 条。"
    )
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def summary_line(plan: MigrationPlan) -> str:
    """The report's last line (its figures)."""
    return report_markdown(plan).rstrip("\n").rsplit("\n", 1)[-1]


def blocking(problems: list[Diagnostic]) -> bool:
    """Whether what was said reading the sources stops the import (a file that cannot be read)."""
    return has_errors(problems)
