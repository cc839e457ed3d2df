"""Load a catalogue folder into a validated :class:`Catalogue`.

Layout (one file per item, so pull requests do not conflict)::

    catalogue/
      _site.yaml                 the bureau and its site
      _calendar.yaml             optional: holidays of years the package does not know (load/calendar.py)
      保障性住房/                 an area (领域): a tab of the site
        _meta.yaml               optional: 标题, slug, 顺序, 简介
        配给管理/                 a category (一级事项): a column (栏目)
          _meta.yaml             optional
          公租房承租资格审核.yaml   an item (公开事项)
          2025/                  the information published in the column that year (公开信息)
            第三批审核结果公示.md    an entry: front matter, then the body in Markdown
            附件/审核结果名单.pdf    its attachments

Every file is read and every problem reported in one run.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.check.diagnostics import Diagnostic, apply_severity, has_errors, make
from generator.check.entry import validate_entry
from generator.check.placeholders import for_production
from generator.check.privacy import check_privacy, check_text, public_mobiles
from generator.check.record import RecordValidator, validate_record
from generator.check.record.links import url_problem
from generator.check.severity import Severity
from generator.load.addresses import slug_problems
from generator.load.attachments import AttachmentTexts
from generator.load.cache import EntryCache
from generator.load.calendar import CALENDAR_FILE, load_calendar
from generator.load.entries import entry_paths, read_entry_file, year_folders
from generator.load.files import FileGate
from generator.load.gitdates import last_change_dates
from generator.load.names import name_problems
from generator.load.yamlfile import YamlDocument, decode, read_yaml
from generator.model.entries import ATTACHMENT_FOLDER, ENTRY_SUFFIX, Entry
from generator.model.naming import AREA_FOLDERS, SITE_FOLDERS
from generator.model.records import (
    IDENTITY_REQUIRED,
    META_FIELDS,
    PRODUCTION,
    SITE_FIELDS,
    SITE_STATES,
    Area,
    Catalogue,
    Category,
    FieldSpec,
    Record,
    Site,
)
from generator.model.site_address import address_problem, is_local, normalised
from generator.model.slugs import initials
from generator.parallel import fork_map

META_FILE = "_meta.yaml"
SITE_FILE = "_site.yaml"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: 网站标识码: the ten digits the national register of government websites gives a site (ASCII digits only).
_SITE_CODE = re.compile(r"^[0-9]{10}$")
_YAML_SUFFIXES = (".yaml", ".yml")
_RECORDS_PER_WORKER = 500  # below this, a worker costs more than it saves
_ENTRIES_PER_WORKER = 300


@dataclass
class FolderMeta:
    """An area's or a category's settings (``_meta.yaml``, with defaults filled in)."""

    title: str
    slug: str
    order: int
    description: str
    max_age: int | None = None
    slug_at: tuple[int, int] = (1, 1)  #: the line and column the slug comes from (:attr:`Category.slug_at`)


def load_catalogue(
    folder: Path,
    *,
    git_dates: bool = True,
    severity: Mapping[str, Severity] | None = None,
    gate: FileGate | None = None,
    attachments: AttachmentTexts | None = None,
    entry_cache: EntryCache | None = None,
) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Read, validate and assemble the whole catalogue under ``folder`` (see :func:`read_catalogue`);
    the catalogue is None when any error was found."""
    catalogue, diagnostics = read_catalogue(
        folder, git_dates=git_dates, severity=severity, gate=gate, attachments=attachments, entry_cache=entry_cache
    )
    return (None if has_errors(diagnostics) else catalogue), diagnostics


def read_catalogue(
    folder: Path,
    *,
    git_dates: bool = True,
    severity: Mapping[str, Severity] | None = None,
    gate: FileGate | None = None,
    attachments: AttachmentTexts | None = None,
    entry_cache: EntryCache | None = None,
) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Read, validate and assemble the whole catalogue under ``folder``: what was read, also when
    there are errors (the records and entries that have errors are left out; None only when the
    bureau's ``_site.yaml`` cannot be read or names no bureau), for the checks that can still be made
    (:func:`generator.check.run.check_catalogue` reports everything in one run). Whatever publishes
    uses :func:`load_catalogue`.

    Returns ``(None, diagnostics)`` when any error was found; the diagnostics then
    cover every file, not just the first bad one. ``severity`` is the bureau's choice of
    severities (:func:`generator.check.diagnostics.parse_severity_overrides`): a record
    whose only errors are rules made warnings is kept, a warning made an error is one.
    Every file is read through ``gate`` (:mod:`generator.load.files`; by default: inside
    ``folder``, at the default limits): a link leading out of it or nowhere is reported
    once and not followed. The text of the entries' attachments is scanned for personal
    identifiers when ``attachments`` reads it (:func:`generator.check.run.check_catalogue`, for
    gkml check and every build, always does; None: not read, as by export, import and diff, which
    publish nothing).
    An entry file read before and unchanged since is taken from ``entry_cache`` (``gkml serve``).
    """
    shown = folder.as_posix().rstrip("/")
    if not folder.is_dir():
        return None, [make("catalogue-missing", shown, folder=shown)]
    gate = gate or FileGate.within(folder)
    diagnostics: list[Diagnostic] = gate.files(folder, shown, sizes=False)[1]
    site, public = _load_site(folder, shown, diagnostics, gate)
    calendar, problems = load_calendar(folder, shown, gate)
    diagnostics += problems
    dates = last_change_dates(folder) if git_dates else {}
    # First the folders and their settings, then every record file (shared among
    # processes when there are many), then the catalogue, in folder order.
    plan = _plan(folder, shown, diagnostics, public, gate)
    jobs = [(folder / rel, f"{shown}/{rel}") for area in plan for column in area.columns for rel in column.files]
    parse = functools.partial(_parse_record, severity=severity, public=public, gate=gate)
    parsed = iter(fork_map(parse, jobs, min_share=_RECORDS_PER_WORKER))
    ids: dict[str, str] = {}
    areas: list[Area] = []
    for planned in plan:
        for column in planned.columns:
            results = [next(parsed) for _ in column.files]
            column.broken = frozenset(p.id for p in results if p.record is None and p.id)
            records = [
                _register(p, f"{shown}/{rel}", ids, diagnostics) for p, rel in zip(results, column.files, strict=True)
            ]
            _fill_column(column, records, dates, shown, diagnostics, gate)
            planned.area.categories.append(column.category)
        areas.append(_finish_area(planned, shown, diagnostics, gate))
    elsewhere = {
        r.id: (c.category.title, f"{shown}/{c.rel}") for a in plan for c in a.columns for r in c.category.records
    }
    reading = EntryReading(folder, shown, public, gate, elsewhere, attachments)
    _load_entries(plan, reading, diagnostics, entry_cache)
    _report_strays(folder, shown, diagnostics, gate, allowed={SITE_FILE, CALENDAR_FILE})
    diagnostics += name_problems(folder, shown)
    diagnostics += slug_problems(areas, SITE_FOLDERS)
    areas.sort(key=lambda a: (a.order, a.title))
    # placeholders left by gkml new and gkml import: errors once the site is in production
    diagnostics = apply_severity(for_production(diagnostics, site is not None and site.production), severity)
    if not any(a.records for a in areas) and not has_errors(diagnostics):
        diagnostics.append(make("catalogue-empty", shown))
    if site is None:
        return None, diagnostics
    return Catalogue(site=site, areas=areas, calendar=calendar), diagnostics


@dataclass
class PlannedColumn:
    """A category folder, its settings read, its record files not yet."""

    category: Category
    folder: Path
    rel: str  #: the folder, relative to the catalogue's
    files: list[str]  #: its record files, relative to the catalogue's folder
    #: The ids of its records that have errors: entries may name them (the record's errors are reported,
    #: not once more as an unknown 事项 in each of its entries, with a hint to name another).
    broken: frozenset[str] = frozenset()


@dataclass
class _PlannedArea:
    """An area folder, its settings read, and its categories."""

    area: Area
    folder: Path
    columns: list[PlannedColumn]


def _plan(
    folder: Path, shown: str, out: list[Diagnostic], public: frozenset[str], gate: FileGate
) -> list[_PlannedArea]:
    """The areas and categories under ``folder``, with their settings and record files."""
    plan = []
    for area_dir in subfolders(folder, gate):
        meta = load_meta(area_dir, f"{shown}/{area_dir.name}", out, public, gate)
        area = Area(meta.title, meta.slug, meta.order, meta.description, slug_at=meta.slug_at)
        columns = []
        for category_dir in subfolders(area_dir, gate):
            rel_dir = f"{area_dir.name}/{category_dir.name}"
            cmeta = load_meta(category_dir, f"{shown}/{rel_dir}", out, public, gate)
            category = Category(
                cmeta.title, cmeta.slug, cmeta.order, cmeta.description, area=area.title, slug_at=cmeta.slug_at
            )
            category.max_age, category.where = cmeta.max_age, _meta_or_folder(category_dir, shown, rel_dir)
            files = [f"{rel_dir}/{path.name}" for path in record_files(category_dir, gate)]
            columns.append(PlannedColumn(category, category_dir, rel_dir, files))
        plan.append(_PlannedArea(area, area_dir, columns))
    return plan


def _fill_column(
    column: PlannedColumn,
    records: list[Record | None],
    dates: dict[str, str],
    shown: str,
    out: list[Diagnostic],
    gate: FileGate,
) -> None:
    """Put the column's valid ``records`` (one per file) in its category, in order; report strays and emptiness."""
    category = column.category
    for rel, record in zip(column.files, records, strict=True):
        if record is not None:
            record.area, record.category = category.area, category.title
            record.updated = record.updated or dates.get(rel, "")
            category.records.append(record)
    _report_strays(column.folder, f"{shown}/{column.rel}", out, gate, deeper=True)
    if not column.files:
        where = _meta_or_folder(column.folder, shown, column.rel)
        out.append(make("column-empty", where, value=category.title))
    category.records.sort(key=lambda r: (r.order is None, r.order or 0, Path(r.file).name))


def _finish_area(planned: _PlannedArea, shown: str, out: list[Diagnostic], gate: FileGate) -> Area:
    """The area with its categories in order; stray files, emptiness and repeated slugs reported."""
    area, area_dir = planned.area, planned.folder
    _report_strays(area_dir, f"{shown}/{area_dir.name}", out, gate)
    area.where = _meta_or_folder(area_dir, shown, area_dir.name)
    if not area.categories:
        out.append(make("area-empty", area.where, value=area.title))
    out += slug_problems(area.categories, AREA_FOLDERS)
    area.categories.sort(key=lambda c: (c.order, c.title))
    return area


def _meta_or_folder(folder: Path, shown: str, rel: str) -> str:
    """Where to locate a problem of a whole folder: its _meta.yaml when it has one."""
    return f"{shown}/{rel}/{META_FILE}" if (folder / META_FILE).exists() else f"{shown}/{rel}"


def subfolders(folder: Path, gate: FileGate | None = None) -> list[Path]:
    """The area or category folders in ``folder``, sorted (hidden and ``_`` folders are not, nor
    those ``gate`` refuses)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and (gate is None or gate.readable(p))
    )


def record_files(folder: Path, gate: FileGate | None = None) -> list[Path]:
    """The item files of a category folder, sorted (``_meta.yaml`` and other ``_`` files are not,
    nor those ``gate`` refuses)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix in _YAML_SUFFIXES
        and not p.name.startswith("_")
        and (gate is None or gate.readable(p))
    )


def _report_strays(
    folder: Path,
    shown: str,
    out: list[Diagnostic],
    gate: FileGate,
    *,
    allowed: Iterable[str] = (),
    deeper: bool = False,
) -> None:
    """Report item files where no item belongs (links ``gate`` refuses are reported already).

    Beside the areas or directly in an area folder only settings files may stand
    (``allowed``); below a category folder (``deeper``) nothing is read at all.
    """
    if deeper:
        listed = _below(folder, lambda _, name: name.endswith(_YAML_SUFFIXES) and Path(name).suffix in _YAML_SUFFIXES)
        strays = [p for p in listed if p.parent != folder]
    else:
        allowed = {META_FILE, *allowed}
        strays = [
            p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix in _YAML_SUFFIXES and p.name not in allowed
        ]
    strays = [p for p in strays if gate.readable(p)]
    for path in strays:
        out.append(make("record-outside-category", f"{shown}/{path.relative_to(folder).as_posix()}"))


@dataclass(frozen=True)
class EntryReading:
    """What reading the entry files of one catalogue needs besides each file: the same for every
    column. :class:`~generator.load.cache.EntryCache` keeps it, so that ``gkml serve`` reads a
    changed entry file again exactly as loading the whole catalogue read it (:func:`read_entries`)."""

    folder: Path  #: the catalogue's folder
    shown: str  #: how messages show it
    public: frozenset[str]  #: the mobile numbers the bureau publishes (_site.yaml)
    gate: FileGate
    elsewhere: Mapping[str, tuple[str, str]]  #: every item: id → (its column's title, the column's folder as shown)
    texts: AttachmentTexts | None = None

    def column(self, category: Category, folder: Path) -> PlannedColumn:
        """The column of ``category``, whose folder is ``folder`` (its records already read)."""
        return PlannedColumn(category, folder, folder.relative_to(self.folder).as_posix(), [])


def _load_entries(
    plan: list[_PlannedArea], reading: EntryReading, out: list[Diagnostic], cache: EntryCache | None = None
) -> None:
    """Read every entry file (公开信息) of every column (shared among processes when there are
    many) and place the valid ones in their columns, newest first."""
    out += read_entries(reading, [column for planned in plan for column in planned.columns], cache)


def read_entries(
    reading: EntryReading,
    columns: Sequence[PlannedColumn],
    cache: EntryCache | None = None,
    *,
    changed: Collection[Path] = (),
) -> list[Diagnostic]:
    """Read the entry files of ``columns`` and place the valid ones in their categories (whose
    ``entries`` are empty), newest first; return what is wrong with them. With ``cache``, a file
    read before and unchanged since (nor its attachments, nor named in ``changed``) is not read again."""
    out: list[Diagnostic] = []
    jobs = []
    for column in columns:
        items = frozenset(r.id for r in column.category.records) | column.broken
        found = entry_paths(column.folder)
        out += _misplaced_entries(column, found, reading.shown, reading.gate)
        for path in found:
            if reading.gate.readable(path):
                shown = f"{reading.shown}/{_relative(path, reading.folder)}"
                jobs.append((path, shown, items, column.category))
    parse = functools.partial(
        _parse_entry, public=reading.public, gate=reading.gate, elsewhere=reading.elsewhere, texts=reading.texts
    )
    parsing = [job[:3] for job in jobs]
    if cache is None:
        results = fork_map(parse, parsing, min_share=_ENTRIES_PER_WORKER)
    else:
        results = cache.parse(reading, parse, parsing, changed=changed, min_share=_ENTRIES_PER_WORKER)
    failed: set[str] = set()
    for (_, _, _, category), (entry, diagnostics) in zip(jobs, results, strict=True):
        out.extend(diagnostics)
        if entry is not None:
            entry.area, entry.column = category.area, category.title
            category.entries.append(entry)
        else:
            failed.add(category.where)
    for column in columns:
        column.category.entries.sort(key=lambda e: (e.published, e.id), reverse=True)
        if column.category.where not in failed:  # what a broken entry names is not known
            out += _unused_attachments(column, reading.folder, reading.shown, reading.gate)
    if cache is not None:
        cache.placed(columns)
    return out


def _below(folder: Path, keep: Callable[[str, str], bool]) -> list[Path]:
    """What ``sorted(folder.rglob("*"))`` lists (files, folders and links below ``folder``; links to
    folders listed, not entered) that ``keep(folder listed, name)`` keeps. os.walk, not pathlib's
    rglob, which hashes every path: a column holds thousands of entries."""
    listed = ((top, name) for top, folders, files in os.walk(folder) for name in (*folders, *files))
    return sorted((Path(top, name) for top, name in listed if keep(top, name)), key=_parts)


def _parts(path: Path) -> tuple[str, ...]:
    """The key that sorts paths as they sort themselves (by their parts), computed once per path."""
    return path.parts


def _relative(path: Path, folder: Path) -> str:
    """``path.relative_to(folder).as_posix()`` for a path built below ``folder``, by its text."""
    text, start = str(path), str(folder).rstrip("/") + "/"
    return text[len(start) :] if text.startswith(start) else path.relative_to(folder).as_posix()


def _misplaced_entries(column: PlannedColumn, found: list[Path], shown: str, gate: FileGate) -> list[Diagnostic]:
    """Markdown files in a column folder that are not in a year folder: they would not be published."""
    placed = set(found)
    placed_text = {str(path) for path in found}  # the entries found: not listed again (thousands a column)
    return [
        make(
            "entry-outside-year",
            f"{shown}/{column.rel}/{path.relative_to(column.folder).as_posix()}",
            folder=f"{shown}/{column.rel}",
        )
        for path in _below(
            column.folder, lambda top, name: name.endswith(ENTRY_SUFFIX) and os.path.join(top, name) not in placed_text
        )
        if path not in placed
        and ATTACHMENT_FOLDER not in path.relative_to(column.folder).parts
        and not path.name.startswith(("_", "."))
        and gate.readable(path)
    ]


def _unused_attachments(column: PlannedColumn, folder: Path, shown: str, gate: FileGate) -> list[Diagnostic]:
    """Files in the attachments' folders of a column that no entry names (a note: they are not published)."""
    used = {os.path.normpath(a.source) for e in column.category.entries for a in e.attachments}
    out = []
    for year in year_folders(column.folder):
        attachments = year / ATTACHMENT_FOLDER
        if not attachments.is_dir():
            continue
        for path in sorted(p for p in attachments.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if os.path.normpath(path) not in used and gate.readable(path):
                rel = path.relative_to(folder).as_posix()
                out.append(make("entry-attachment-unused", f"{shown}/{rel}", value=path.name))
    return out


def _parse_entry(
    job: tuple[Path, str, frozenset[str]],
    public: frozenset[str],
    gate: FileGate,
    elsewhere: Mapping[str, tuple[str, str]],
    texts: AttachmentTexts | None = None,
) -> tuple[Entry | None, list[Diagnostic]]:
    path, shown, items = job
    entry_file, problems = read_entry_file(path, shown, gate)
    if entry_file is None:
        return None, problems + _identifiers_in_unparsed(path, shown, public, gate)
    entry, more = validate_entry(entry_file, items, gate, public, elsewhere, texts)
    return entry, problems + more


@dataclass
class _Parsed:
    """One record file, read and validated on its own (possibly in another process)."""

    record: Record | None
    diagnostics: list[Diagnostic]
    id: str = ""
    id_at: tuple[int, int] = (1, 1)


def _identifiers_in_unparsed(path: Path, shown: str, public: frozenset[str], gate: FileGate | None) -> list[Diagnostic]:
    """Personal identifiers in an item file that cannot be parsed: the editor learns of them in
    the same run as the syntax error, not after fixing it (the file is read again only then)."""
    raw, refused = (gate or FileGate()).read_bytes(path, shown)
    text = decode(raw, shown)[0] if raw is not None and not refused else None
    return check_text(text.replace("\r\n", "\n").replace("\r", "\n"), shown, public=public) if text else []


def _parse_record(
    job: tuple[Path, str],
    severity: Mapping[str, Severity] | None = None,
    public: frozenset[str] = frozenset(),
    gate: FileGate | None = None,
) -> _Parsed:
    path, shown = job
    doc, problems = read_yaml(path, shown, gate=gate)
    if doc is None:
        return _Parsed(None, problems + _identifiers_in_unparsed(path, shown, public, gate))
    record, more = validate_record(doc, public)
    if record is None and severity and not has_errors(apply_severity(problems + more, severity)):
        record = RecordValidator(doc).record_despite_errors()  # its only errors are rules made warnings
    if has_errors(problems):  # e.g. a duplicate key: which of the two values is meant is unknown
        record = None
    if record is not None and record.updated:
        record.updated_at = doc.where(("更新日期",))
    record_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    if not (isinstance(record_id, str) and record_id):
        return _Parsed(record, problems + more)
    return _Parsed(record, problems + more, record_id, doc.where(("id",)))


def _register(parsed: _Parsed, shown: str, ids: dict[str, str], out: list[Diagnostic]) -> Record | None:
    """Collect a parsed record's diagnostics and claim its id (first file wins)."""
    out.extend(parsed.diagnostics)
    if parsed.id:
        if parsed.id in ids:
            line, column = parsed.id_at
            out.append(make("duplicate-id", shown, line, column, element="id", value=parsed.id, other=ids[parsed.id]))
            return None
        ids[parsed.id] = shown
    if parsed.record is not None:
        parsed.record.file = shown
    return parsed.record


def settings_fields(
    doc: YamlDocument, specs: tuple[FieldSpec, ...], public: frozenset[str] = frozenset()
) -> tuple[dict[str, object], list[Diagnostic]]:
    """Validate a small settings file (meta or site) against ``specs``, and look for people's
    identifiers in it (the mobile numbers in ``public``, or that the file lists as 公开电话, are public)."""
    validator = RecordValidator(doc)
    values = validator.fields(specs) or {}
    public |= public_mobiles(str(values.get("public_phones", "")))
    return values, validator.diagnostics + check_privacy(doc, public)


def load_meta(
    folder: Path,
    shown: str,
    out: list[Diagnostic],
    public: frozenset[str] = frozenset(),
    gate: FileGate | None = None,
) -> FolderMeta:
    """A folder's settings from its ``_meta.yaml`` (defaults when it has none); problems go to ``out``
    (``public``: the mobile numbers the bureau publishes; ``gate``: where it may be read from)."""
    values: dict[str, object] = {}
    slug_at = (1, 1)
    path = folder / META_FILE
    if path.exists() and (gate is None or gate.readable(path)):
        doc, problems = read_yaml(path, f"{shown}/{META_FILE}", gate=gate)
        out.extend(problems)
        if doc is not None:
            values, problems = settings_fields(doc, META_FIELDS, public)
            out.extend(problems)
            slug = values.get("slug")
            if isinstance(slug, str) and not SLUG_PATTERN.match(slug):
                line, column = doc.where(("slug",))
                out.append(make("slug-format", f"{shown}/{META_FILE}", line, column, element="slug", value=slug))
                values.pop("slug")
            slug_at = doc.where(("slug",) if "slug" in values else ("标题",) if "title" in values else ())
    title = str(values.get("title") or folder.name)
    return FolderMeta(
        title=title,
        slug=str(values.get("slug") or initials(title)),
        order=int(values["order"]) if "order" in values else 1000,  # type: ignore[call-overload]
        description=str(values.get("description") or ""),
        max_age=values.get("max_age"),  # type: ignore[arg-type]
        slug_at=slug_at,
    )


def _load_site(folder: Path, shown: str, out: list[Diagnostic], gate: FileGate) -> tuple[Site | None, frozenset[str]]:
    """The bureau and its site from ``_site.yaml``, and the mobile numbers it publishes (its
    公开电话, also when the site has errors); problems go to ``out``."""
    file = f"{shown}/{SITE_FILE}"
    path = folder / SITE_FILE
    if os.path.lexists(path) and not gate.readable(path):
        return None, frozenset()  # a link leading out or nowhere: reported with the folder's links
    if not path.exists():
        out.append(make("site-missing", file))
        return None, frozenset()
    doc, problems = read_yaml(path, file, gate=gate)
    out.extend(problems)
    if doc is None:
        return None, frozenset()
    values, problems = settings_fields(doc, SITE_FIELDS)
    out.extend(problems)
    public = public_mobiles(str(values.get("public_phones", "")))
    _drop_bad_site_values(doc, values, out)
    if values.get("status") == PRODUCTION:
        _check_site_identity(values, file, out)
        _check_site_address(values, file, doc.where(("网站地址",)), out)
    if "bureau" not in values:
        return None, public
    values.setdefault("title", f"{values['bureau']}政务公开标准目录")
    positions = {key: doc.where((key,)) for key in doc.data} if isinstance(doc.data, dict) else {}
    return Site(**values, file=file, positions=positions), public  # type: ignore[arg-type]


def published_mobiles(path: Path) -> frozenset[str]:
    """The mobile numbers the bureau publishes, for a file of its catalogue checked on its own: the
    公开电话 of the nearest ``_site.yaml`` above ``path`` (none when there is none or it cannot be read)."""
    for folder in path.resolve().parents[:3]:  # a record's category, area and catalogue folders
        if (folder / SITE_FILE).is_file():
            doc, _ = read_yaml(folder / SITE_FILE)
            values = settings_fields(doc, SITE_FIELDS)[0] if doc is not None else {}
            return public_mobiles(str(values.get("public_phones", "")))
    return frozenset()


def _drop_bad_site_values(doc: YamlDocument, values: dict[str, object], out: list[Diagnostic]) -> None:
    """Report and drop a 状态 that is not one of :data:`SITE_STATES`, a 网站标识码 that is not ten digits
    and links that may not be links."""
    status = values.get("status", SITE_STATES[0])
    if status not in SITE_STATES:
        line, column = doc.where(("状态",))
        allowed = "、".join(SITE_STATES)
        out.append(
            make("vocab-unknown", doc.file, line, column, element="状态", value=status, key="状态", allowed=allowed)
        )
        values.pop("status")
    for attr, key in (("conac_url", "党政机关标识网址"), ("report_url", "找错网址")):
        url = str(values.get(attr, ""))
        problem = url_problem(url) if url else None
        if problem is not None:
            at = doc.where((key,))
            out.append(
                make(problem.code, doc.file, *at, element=key, value=url, position=problem.position, char=problem.char)
            )
            values.pop(attr)
    address = values.get("url")
    if isinstance(address, str):
        reason = address_problem(address)
        if reason is None:
            values["url"] = normalised(address)
        else:
            at = doc.where(("网站地址",))
            out.append(make("site-url-invalid", doc.file, *at, element="网站地址", value=address, reason=reason))
            values.pop("url")
    code = values.get("site_code")
    if isinstance(code, str) and not _SITE_CODE.match(code):
        out.append(make("site-code-format", doc.file, *doc.where(("网站标识码",)), element="网站标识码", value=code))
        values.pop("site_code")


def _check_site_identity(values: dict[str, object], file: str, out: list[Diagnostic]) -> None:
    """A site in production names its bureau's identity (:data:`IDENTITY_REQUIRED`) and a phone or an email."""
    specs = {spec.attr: spec for spec in SITE_FIELDS}
    for attr in IDENTITY_REQUIRED:
        if not values.get(attr):
            spec = specs[attr]
            out.append(
                make(
                    "site-identity-missing",
                    file,
                    element=spec.key,
                    key=spec.key,
                    label=spec.label,
                    example=spec.example,
                )
            )
    if not (values.get("phone") or values.get("email")):
        out.append(make("site-contact-missing", file, element="电话"))


def _check_site_address(values: dict[str, object], file: str, at: tuple[int, int], out: list[Diagnostic]) -> None:
    """A site in production has its public address, and not one of this computer (a valid one: see
    :func:`_drop_bad_site_values`, which reports and drops one that is not)."""
    url = values.get("url")
    if not url:
        if not any(d.code == "site-url-invalid" for d in out):  # a bad one was reported already
            out.append(make("site-url-missing", file, element="网站地址"))
    elif is_local(str(url)):
        out.append(make("site-url-local", file, *at, element="网站地址", value=url))
