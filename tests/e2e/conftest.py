"""End-to-end fixtures: build the real site once, serve it on 127.0.0.1, drive headless Chromium.

* ``site``: the example catalogue (``catalogue/``) built with ``gkml build`` into a
  temporary folder and served by nginx with the shipped configuration (deploy/nginx/,
  tests/e2e/webserver.py) on 127.0.0.1 (a free port), under its address's sub-path if it has
  one, with the loaded :class:`~generator.model.records.Catalogue` the expectations are derived from.
* ``browser``: Chromium from the Debian package (``/usr/bin/chromium``) through
  Playwright. A missing browser fails the suite; it is never skipped.
* ``pages`` / ``page``: fresh browser contexts (375×812 unless asked otherwise; in
  长辈版 with ``pages.open(elder=True)``). Every request, dialog and script error is
  recorded; after each test the suite fails if a page asked any host other than the
  local server for anything, opened a dialog or threw a JavaScript error.
* ``page_urls``: one page of each kind (home, area, column, item, table, search, entry,
  entries-page), the column and item with the most text, the likeliest to overflow; the entry
  with the most attachments, related entries and text; page 2 of the column with the most
  entries. While no column of the example has more than 20 entries (one page), that page comes
  from a second site (``list_page_url``): a copy of the example with entries generated in a
  temporary folder so that its fullest column has two pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import webserver  # tests/e2e is on sys.path (pytest prepends it)

from generator.load.catalogue import load_catalogue
from generator.model.entries import Entry, Links
from generator.model.records import Area, Catalogue, Category, Record

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_DIR = ROOT / "catalogue"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
MOBILE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 800}
LOCAL_HOST = "127.0.0.1"
ELDER_KEY = "gkml.elder"  #: where the site remembers 长辈版 (localStorage)


# -- building -----------------------------------------------------------------------------


def run_gkml(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the ``gkml`` command line (``python -m generator``) from the repository root."""
    env = {k: v for k, v in os.environ.items() if k not in ("GKML_CATALOGUE", "SOURCE_DATE_EPOCH")}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
    )


def load(folder: Path, *, git_dates: bool = True) -> Catalogue:
    catalogue, diagnostics = load_catalogue(folder, git_dates=git_dates)
    if catalogue is None:
        pytest.fail(f"{folder} does not load:\n" + "\n".join(d.format() for d in diagnostics))
    return catalogue


# -- serving ------------------------------------------------------------------------------


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` with nginx and the shipped configuration (deploy/nginx/: tests/e2e/webserver.py)
    on 127.0.0.1, a free port; yields the site's URL, ending in ``/`` (under the sub-path of the site's
    address when it has one: ``/zjj/gkml/``)."""
    with webserver.serve(directory) as url:
        yield url


@dataclass
class Site:
    """A built and served site plus the catalogue it was built from."""

    dir: Path
    url: str  #: base URL, ending in ``/``
    catalogue: Catalogue

    def path_of(self, url: str) -> str:
        """``url``'s path from the site's root, starting with ``/`` (the site may be served under a
        sub-path: ``/zjj/gkml/item/x/`` → ``/item/x/``)."""
        return "/" + urlsplit(url).path.removeprefix(urlsplit(self.url).path)

    # URLs are spelled out here (not taken from generator.site.routes) so the tests check them.
    def home_url(self) -> str:
        return self.url

    def area_url(self, area: Area) -> str:
        return f"{self.url}{area.slug}/"

    def table_url(self, area: Area) -> str:
        return f"{self.url}{area.slug}/table/"

    def category_url(self, area: Area, category: Category) -> str:
        return f"{self.url}{area.slug}/{category.slug}/"

    def item_url(self, record: Record) -> str:
        return f"{self.url}item/{record.id}/"

    def entry_url(self, entry: Entry) -> str:
        return f"{self.url}info/{entry.id}/"

    def column_page_url(self, area: Area, category: Category, number: int) -> str:
        """Page ``number`` (2 on) of a column's list of entries."""
        return f"{self.url}{area.slug}/{category.slug}/page/{number}/"

    def search_url(self, query: str | None = None) -> str:
        return f"{self.url}search/" + (f"?q={quote(query)}" if query is not None else "")

    def where(self, record: Record) -> tuple[Area, Category]:
        for area in self.catalogue.areas:
            for category in area.categories:
                if any(r.id == record.id for r in category.records):
                    return area, category
        raise LookupError(record.id)


def _fingerprint(catalogue: Catalogue) -> str:
    return repr((catalogue.site, catalogue.areas))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The example catalogue, built once with ``gkml build -d <tmp>/site`` and served.

    The catalogue is loaded before and after the build; if someone changed it in
    between, the build is repeated so the expectations match the pages.
    """
    site_dir = tmp_path_factory.mktemp("e2e") / "site"
    for _attempt in range(5):
        before = _fingerprint(load(CATALOGUE_DIR))
        result = run_gkml("build", "-d", str(site_dir))
        if result.returncode != 0:
            pytest.fail(f"gkml build failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
        catalogue = load(CATALOGUE_DIR)
        if _fingerprint(catalogue) == before:
            break
    else:
        pytest.fail("the catalogue kept changing while the site was being built")
    with serve(site_dir) as url:
        yield Site(site_dir, url, catalogue)


def _text_length(r: Record) -> int:
    return (
        sum(len(e.text) for e in r.content)
        + sum(len(b.text) + len(b.url) for b in r.basis)
        + sum(len(c.detail) + len(c.url) for c in r.channels)
        + len(r.title)
    )


@pytest.fixture(scope="session")
def page_urls(site: Site, list_page_url: str) -> dict[str, str]:
    """One page of each kind; the column with the most items and the item with the most text,
    the fullest entry and page 2 of a column's entries."""
    catalogue = site.catalogue
    area = max(catalogue.areas, key=lambda a: len(a.records))
    area_c, category = max(((a, c) for a in catalogue.areas for c in a.categories), key=lambda ac: len(ac[1].records))
    record = max(catalogue.records, key=_text_length)
    return {
        "home": site.home_url(),
        "area": site.area_url(area),
        "column": site.category_url(area_c, category),
        "item": site.item_url(record),
        "table": site.table_url(area),
        "search": site.search_url(record.title[1:3]),
        "entry": site.entry_url(fullest_entry(catalogue)),
        "entries-page": list_page_url,
    }


def fullest_entry(catalogue: Catalogue) -> Entry:
    """The entry whose page has the most on it: attachments, related entries, then text."""
    links = Links.of(catalogue.entries)
    entries = catalogue.entries
    if not entries:
        pytest.fail("the example catalogue has no entries (公开信息)")
    return max(entries, key=lambda e: (len(e.attachments), len(links.related(e)), len(e.markdown) + len(e.title), e.id))


def _most_entries(catalogue: Catalogue) -> tuple[Area, Category]:
    return max(((a, c) for a in catalogue.areas for c in a.categories), key=lambda ac: len(ac[1].entries))


#: Entries a page of a column's list holds (generator/site/routes.py ENTRIES_PER_PAGE, spelled out to be checked).
ENTRIES_PER_PAGE = 20


@pytest.fixture(scope="session")
def list_page_url(site: Site, tmp_path_factory: pytest.TempPathFactory, http_server: Any) -> str:
    """Page 2 of the list of entries of the column with the most entries: in the example site when
    a column has more than a page; else in a copy of the example built in a temporary folder, with
    generated entries (older than the others, so that page 2 holds some of both) added to that column."""
    area, category = _most_entries(site.catalogue)
    if len(category.entries) > ENTRIES_PER_PAGE:
        return site.column_page_url(area, category, 2)
    root = tmp_path_factory.mktemp("e2e-list")
    catalogue = root / "catalogue"
    shutil.copytree(CATALOGUE_DIR, catalogue, ignore=shutil.ignore_patterns(".*"))
    item = category.records[0]  # an item file lies in its column's folder
    column = catalogue / Path(item.file).resolve().parent.relative_to(CATALOGUE_DIR.resolve())
    prefix = category.slug
    for n in range(1, ENTRIES_PER_PAGE + 6 - len(category.entries)):
        entry = column / "2020" / f"测试生成的公示{n:02d}.md"
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(
            "---\n"
            f"id: {prefix}-202001{n:02d}-1\n"
            f"标题: 关于第{n}批公共租赁住房实物配租结果的公示（测试生成）\n"
            f"事项: {item.id}\n"
            f"发布日期: 2020-01-{n:02d}\n"
            f"发布机构: {item.subject}\n"
            "类别: 公示公告\n"
            "审核: {审核人: 王五, 审核日期: 2020-01-01}\n"
            "---\n\n测试生成的公示，供浏览器测试检查列表的第 2 页。\n",
            encoding="utf-8",
        )
    result = run_gkml("build", "--catalogue", str(catalogue), "-d", str(root / "site"))
    if result.returncode != 0:
        pytest.fail(f"gkml build of the list site failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    url = http_server(root / "site")
    return f"{url}{area.slug}/{category.slug}/page/2/"


def longest_record(catalogue: Catalogue) -> Record:
    return max(catalogue.records, key=_text_length)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``tests/artifacts/`` (git-ignored): screenshots and print renders for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def gkml() -> Any:
    """The ``gkml`` command line: ``gkml("build", "-d", DIR)`` → CompletedProcess."""
    return run_gkml


@pytest.fixture(scope="session")
def http_server() -> Iterator[Any]:
    """``http_server(directory)`` serves another folder on 127.0.0.1; returns its base URL."""
    with ExitStack() as stack:
        yield lambda directory: stack.enter_context(serve(directory))


# -- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the Debian package. Missing browser = failure, never a skip."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"浏览器测试需要 Chromium，但找不到 {CHROMIUM}："
            "请运行 bash tests/run.sh（以 root 身份会自动安装 chromium）。\n"
            f"Browser tests need Chromium but {CHROMIUM} is missing: run `bash tests/run.sh` "
            "(as root it installs the Debian package `chromium`)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"Playwright for Python is not installed ({exc}); run `bash tests/run.sh`.")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def is_local(url: str) -> bool:
    """A request the page may make: to the local test server, or an inline data/blob URL."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme == "http" and parts.hostname == LOCAL_HOST


#: A fingerprinted name's hash (gkml.ab99f548.js: generator/site/assets.py), dropped when tests ask
#: whether a file was requested by its plain name (``requested("/assets/gkml/search.js")``).
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}(?=\.[a-z0-9]+$)")

#: Reports every Content-Security-Policy violation a page meets to the test (``__gkmlCspViolation``).
CSP_WATCH = """document.addEventListener("securitypolicyviolation", function (e) {
  var where = [e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber, location.href];
  window.__gkmlCspViolation(where.join(" | "));
}, true);"""


@dataclass
class Watch:
    """What one page did: every request URL, dialogs it opened, uncaught script errors, Content-Security-Policy
    violations (``securitypolicyviolation`` events and the console's reports), console errors."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    @property
    def foreign(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def requested(self, path_end: str) -> list[str]:
        """Requests whose path ends with ``path_end`` (query strings and file names' fingerprints ignored)."""
        return [u for u in self.requests if FINGERPRINT.sub("", urlsplit(u).path).endswith(path_end)]


class Pages:
    """Opens pages in fresh contexts and remembers what each of them did."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.contexts: list[Any] = []
        self.watches: dict[int, Watch] = {}
        self.visited: list[str] = []

    def open(self, viewport: dict[str, int] = MOBILE, *, elder: bool = False, **options: Any) -> Any:
        """A page in a new context; ``elder``: the reader has chosen 长辈版 (stored as the site stores it)."""
        context = self.browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block", **options)
        context.set_default_timeout(15_000)
        if elder:
            context.add_init_script(f"try {{ localStorage.setItem('{ELDER_KEY}', '1') }} catch (e) {{}}")
        self.contexts.append(context)
        page = context.new_page()
        watch = Watch()
        self.watches[id(page)] = watch

        def on_dialog(dialog: Any) -> None:
            watch.dialogs.append(f"{dialog.type}: {dialog.message} (on {page.url})")
            dialog.dismiss()

        def on_console(message: Any) -> None:
            if message.type == "error":
                source = (message.location or {}).get("url") or ""
                text = f"{message.text}{f' [{source}]' if source else ''} (on {page.url})"
                (watch.csp if "Content Security Policy" in message.text else watch.console).append(text)

        page.expose_function("__gkmlCspViolation", lambda text: watch.csp.append(text))
        page.add_init_script(CSP_WATCH)
        page.on("console", on_console)
        page.on("request", lambda request: watch.requests.append(request.url))
        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: watch.errors.append(f"{error} (on {page.url})"))
        page.on("framenavigated", lambda frame: self.visited.append(frame.url) if frame == page.main_frame else None)
        return page

    def watch(self, page: Any) -> Watch:
        return self.watches[id(page)]

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    def problems(self) -> list[str]:
        found = []
        for watch in self.watches.values():
            found += [f"request to a host other than the local server: {u}" for u in watch.foreign]
            found += [f"unexpected dialog: {d}" for d in watch.dialogs]
            found += [f"JavaScript error: {e}" for e in watch.errors]
            found += [f"Content-Security-Policy violation: {v}" for v in watch.csp]
        return found


@pytest.fixture
def pages(browser: Any) -> Iterator[Pages]:
    """Page factory; after the test, fails on foreign requests, dialogs or script errors."""
    opened = Pages(browser)
    yield opened
    opened.close()
    problems = opened.problems()
    assert not problems, "while visiting " + ", ".join(dict.fromkeys(opened.visited)) + ":\n" + "\n".join(problems)


@pytest.fixture
def page(pages: Pages) -> Any:
    """A phone-sized page (375×812)."""
    return pages.open(MOBILE)


@pytest.fixture
def wide_page(pages: Pages) -> Any:
    """A desktop-sized page (1280×800), where the header search box is shown."""
    return pages.open(WIDE)
