"""Build benchmark: time, memory and output size of a gkml build of N synthetic items.

Usage::

    python benchmarks/build.py --items 2000 [--entries 20000] [--runs 3] [--plain] [--plain-pages] [--warm]
                               [--seed 1] [--workdir DIR]
    python benchmarks/build.py --items 2000 [--entries 20000] --catalogue-only DIR
    python benchmarks/build.py --items 2000 [--entries 20000] --catalogue DIR [--runs 3] ...

The synthetic catalogue (benchmarks/synth.py) is written into a temporary folder
beside a snapshot of the project's mkdocs.yml, content/, overrides/ and ``generator``
package (taken once, so every run builds the same code even while the checkout is
edited; the children import ``generator`` from it through PYTHONPATH, whatever copy of
gkml is installed). It is built with ``mkdocs build -q`` in a child process
(NO_MKDOCS_2_WARNING=1; the plugin's ``catalogue`` option points at it): one warm-up run,
then ``--runs`` counted runs (``--runs 0``: the first build alone, for the large sizes).
Every run builds into a new, empty folder (as a CI job on a fresh clone does); the sites
are removed only after the last run. Removing a site of thousands of folders right
before the next build makes a virtual disk with ``discard`` slow down the next build's
writes several times over (measured here: writing 2,000 item folders took 2.6 s right
after deleting the previous site, 0.6 s otherwise), which would measure the deletion
rather than the build.

Reported: the median wall time around the child (``build_s``); the median user +
system CPU seconds of the child (``cpu_s``, less sensitive than wall time to other
load on the machine) and its system part (``sys_s``: mostly creating the site's
folders and files); the child's peak resident set size from ``os.wait4``
(``peak_mib``: on Linux the largest single process among the child and the
workers it forked and waited for, not their sum); the peak over the build of the
summed memory of the child and all its descendants, sampled every 0.2 s from
/proc/<pid>/smaps_rollup (``tree_pss_mib``: proportional set size, pages shared by
forked workers counted once in total — the memory the build really occupies;
``tree_rss_mib``: resident set sizes added up, shared pages counted in every process);
the site's bytes, search-index bytes (raw and gzip -9) and number of
HTML files; ``commit``, the revision snapshotted ("+dirty" when generator/, overrides/,
content/ or mkdocs.yml differed from it); ``loadavg_1m``, the machine's load at the
end (this benchmark included: on 2 cores about 1 is a quiet machine).

``--workdir /dev/shm/NAME`` keeps everything on tmpfs: use it to separate the build's
own cost from the disk's (on some virtual disks, rewriting a site of 20,000 folders
again and again gets slower from run to run).

``--catalogue DIR`` builds a catalogue written before with ``--catalogue-only`` (with the
same ``--items``, ``--entries`` and ``--seed``) instead of writing it again (200,000 entries
take minutes to write).

``--entries M`` adds M synthetic entries (公开信息, see synth.py) to the catalogue;
without it the catalogue has items only, as in the earlier figures. ``ms_per_page``
is ``build_s`` divided by the HTML pages of the site.

Every gkml build is cold: its output folder is new and the build cache gkml keeps beside
mkdocs.yml (``.gkml-cache/build/``: QR codes and download files) is removed before it (not
timed). ``--warm`` adds, after each gkml build, a warm one: one record's 时限 is changed (each
time back or forth), and the site is built again into a new folder with the cache the cold build
left; its figures are reported as ``warm`` (and ``cache_bytes``, the cache's size on disk).

``--plain`` also builds, in the same run and alternating with the gkml builds, the
plain MkDocs + Material anchor from the same records: a home page and 50 category
pages, each item an ``##`` heading followed by a bullet list of the eight labelled
elements, with Material's built-in search (lang zh). With ``--entries``, the anchor
also has one Markdown page per entry (``info/<id>.md``: the title, its metadata as a
table, the 摘要, the body, its attachment copied beside it and links to its related
entries), each column's page lists its entries (newest first, all on one page), and
the nav lists the columns only.

``--plain-pages`` builds, in the same run too, the anchor that does the work gkml does for each
item: the same records with each item on a page of its own (``area01/cat01/<file>.md``: its name
as the title, the eight labelled elements as a list), each category's page a list of links to
its items, the nav the columns only (MkDocs still builds every page); Material's search as above.
Its figures are ``plain_pages`` and ``ratio_build_pages``.

One JSON line is printed on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

# The separator Material ships for zh (templates/partials/languages/zh.html).
PLAIN_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"
PLAIN_LABELS = ("公开事项名称", "公开内容", "公开依据", "公开时限", "公开主体", "公开方式", "公开渠道", "公开对象")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- measuring one build -----------------------------------------------------------------


Run = tuple[float, float, float, float, float, float]


def run_build(config: Path, site: Path, env: dict[str, str]) -> Run:
    """Build once in a child process into the new folder ``site``; return (wall s, peak RSS MiB,
    user + system CPU s, system CPU s, peak PSS MiB of the process tree, peak summed RSS MiB of it)."""
    assert not site.exists(), site
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, cwd=config.parent)
        sampler = TreeMemory(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
        if sampler.cpu_s > 0.02 * wall:
            log(f"(the memory sampler took {sampler.cpu_s:.1f} s CPU)")
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            log(err.read().decode("utf-8", "replace")[-4000:])
            raise SystemExit(f"build failed ({child.returncode}): {' '.join(cmd)}")
    # ru_maxrss is in KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, cpu, usage.ru_stime, sampler.peak_pss / 1024, sampler.peak_rss / 1024


class TreeMemory:
    """Samples, in a thread, the memory of process ``pid`` and all its descendants (forked workers
    included): the peak of their summed PSS and summed RSS, in KiB. Every 0.1 s for the first 2 s,
    every 0.25 s until 20 s, then every second; RSS from /proc/<pid>/statm, PSS from
    /proc/<pid>/smaps_rollup (zero where /proc has no such file) in every sample for the first 20 s,
    then every fifth: reading smaps_rollup of a process of gigabytes costs the kernel a walk of its
    page tables (a tenth of a second at 200,000 entries), and on 2 cores the sampler must not take
    CPU time from the build it measures (``cpu_s`` is its own CPU time)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_pss = self.peak_rss = 0
        self.cpu_s = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        start = time.perf_counter()
        page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
        samples = 0
        while not self._done.is_set():
            elapsed = time.perf_counter() - start
            with_pss = elapsed < 20 or samples % 5 == 0
            pss = rss = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                        rss += int(f.read().split()[1]) * page_kib
                    if with_pss:
                        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                            pss += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
                except (OSError, ValueError):
                    continue  # gone meanwhile
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.cpu_s = time.thread_time()
            samples += 1
            self._done.wait(0.1 if elapsed < 2 else 0.25 if elapsed < 20 else 1.0)

    def _tree(self) -> list[int]:
        """``pid`` and its descendants (from /proc/<pid>/task/<tid>/children)."""
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            try:
                for task in os.scandir(f"/proc/{pid}/task"):
                    with open(f"{task.path}/children", encoding="ascii") as f:
                        todo += [int(child) for child in f.read().split()]
            except (OSError, ValueError):
                continue  # gone meanwhile
        return found


def site_figures(site: Path, index: Path, shards: Path | None = None) -> dict[str, int]:
    """Sizes; ``index``: the search data loaded first; ``shards``: the folder of the rest of it (gkml's
    sharded index: only the files a query needs are loaded; their sum is what the build wrote)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    data = index.read_bytes()
    figures = {
        "site_bytes": sum(p.stat().st_size for p in files),
        "search_bytes": len(data),
        "search_gzip_bytes": len(gzip.compress(data, compresslevel=9)),
        "pages": sum(1 for p in files if p.suffix == ".html"),
    }
    if shards is not None and shards.is_dir():
        written = [p for p in shards.rglob("*") if p.is_file()]
        figures["search_data_files"] = len(written)
        figures["search_data_bytes"] = sum(p.stat().st_size for p in written)
    return figures


def summary(runs: list[Run]) -> dict[str, object]:
    walls = [r[0] for r in runs]
    return {
        "build_s": round(statistics.median(walls), 3),
        "build_s_runs": [round(w, 3) for w in walls],
        "cpu_s": round(statistics.median(r[2] for r in runs), 3),
        "sys_s": round(statistics.median(r[3] for r in runs), 3),
        "peak_mib": round(max(r[1] for r in runs), 1),
        "tree_pss_mib": round(max(r[4] for r in runs), 1),
        "tree_rss_mib": round(max(r[5] for r in runs), 1),
    }


def revision() -> str:
    """The project's commit, with "+dirty" when generator/, overrides/ or mkdocs.yml differ from it."""

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "generator", "overrides", "content", "mkdocs.yml")
    return commit + ("+dirty" if dirty else "")


# -- the two projects ------------------------------------------------------------------------


def snapshot(work: Path) -> tuple[Path, str]:
    """Copy this checkout's ``generator`` package, mkdocs.yml, content/ and overrides/ into ``work``.

    Every run then builds the same code even while the checkout is being edited.
    Returns the snapshot folder and the revision it was taken from.
    """
    src = work / "src"
    commit = revision()
    shutil.copytree(ROOT / "generator", src / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", src / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, src / folder)
    return src, commit


def child_env(src: Path) -> dict[str, str]:
    """The children's environment: the snapshot's ``generator`` comes first on the path."""
    path = os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path)
    probe = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    found = Path(probe.stdout.strip() or ".").resolve()
    if probe.returncode != 0 or src.resolve() not in found.parents:
        raise SystemExit(f"the build would not use {src / 'generator'} (found {found}): {probe.stderr}")
    return env


def gkml_project(work: Path, src: Path = ROOT, catalogue: Path | None = None) -> Path:
    """Copies of the real mkdocs.yml, content/ and overrides/ (from ``src``) in ``work``/gkml,
    the plugin's ``catalogue`` option pointing at ``catalogue`` (default ``work``/catalogue)."""
    project = work / "gkml"
    project.mkdir()
    config = (src / "mkdocs.yml").read_text(encoding="utf-8")
    where = catalogue.resolve().as_posix() if catalogue else "../catalogue"
    config = re.sub(r"(?m)^(\s+catalogue:).*$", lambda m: f"{m[1]} {where}", config, count=1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("content", "overrides"):
        shutil.copytree(src / folder, project / folder)
    return project / "mkdocs.yml"


def _plain_item(data: dict[str, object]) -> str:
    def listed(value: object) -> list[object]:
        return value if isinstance(value, list) else [value]

    channels = []
    for entry in listed(data["渠道"]):
        if isinstance(entry, dict):
            ((head, detail),) = entry.items()
            if isinstance(detail, dict):
                channels.append(f"{head}：[{detail['栏目']}]({detail['网址']})")
            else:
                channels.append(f"{head}：{detail}")
        else:
            channels.append(str(entry))
    values = (
        data["名称"],
        "；".join(map(str, listed(data["内容"]))),
        "；".join(map(str, listed(data["依据"]))),
        data["时限"],
        data["主体"],
        "、".join(map(str, listed(data["方式"]))),
        "；".join(channels),
        "、".join(map(str, listed(data["对象"]))),
    )
    fields = [f"- {label}：{value}" for label, value in zip(PLAIN_LABELS, values, strict=True)]
    lines = [f"## {data['名称']}", "", *fields]
    return "\n".join(lines) + "\n"


PLAIN_ENTRY_ROWS = (
    ("标题", "标题"),
    ("发布机构", "发布机构"),
    ("文号", "文号"),
    ("成文日期", "形成日期"),
    ("发布日期", "发布日期"),
    ("类别", "类别"),
    ("所属事项", "事项"),
)


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|")


def _plain_entry(entry: synth.SyntheticEntry, titles: dict[str, str]) -> str:
    """One entry as a plain Markdown page: its title, metadata table, 摘要, body, attachment, related entries."""
    data = entry.data
    lines = [f"# {data['标题']}", "", "| 项目 | 内容 |", "| --- | --- |"]
    for label, key in PLAIN_ENTRY_ROWS:
        if key in data:
            lines.append(f"| {label} | {_cell(data[key])} |")
    validity = data.get("有效性")
    if isinstance(validity, dict):
        lines.append(f"| 有效性 | {validity['状态']}（{validity['日期']}） |")
    lines.append("")
    if "摘要" in data:
        lines += [f"> {data['摘要']}", ""]
    lines.append(entry.body)
    if entry.attachment:
        name = Path(entry.attachment).name
        lines += ["## 附件", "", f"- [{data['标题']}（全文）]({data['id']}/{name})", ""]
    related = data.get("关联")
    if isinstance(related, list):
        lines += ["## 相关信息", ""] + [f"- [{titles[r]}]({r}.md)" for r in related if r in titles] + [""]
    if isinstance(validity, dict) and validity.get("替代") in titles:
        lines += [f"现行文件：[{titles[validity['替代']]}]({validity['替代']}.md)", ""]
    return "\n".join(lines)


def plain_project(work: Path, items: int, seed: int, entries: int = 0, *, item_pages: bool = False) -> Path:
    """The anchor: plain MkDocs + Material, one page per category, built-in search; with
    ``entries``, one page per entry as well, listed on its column's page. ``item_pages``: each
    item on a page of its own too (as gkml publishes it), its category's page a list of links."""
    project = work / ("plain-pages" if item_pages else "plain")
    docs = project / "docs"
    docs.mkdir(parents=True)
    pages: dict[tuple[int, int], list[str]] = {}
    for a, c, name, data in synth.iter_records(items, seed):
        if item_pages:
            page = Path(f"area{a + 1:02d}") / f"cat{c + 1:02d}" / Path(name).with_suffix(".md")
            (docs / page).parent.mkdir(parents=True, exist_ok=True)
            (docs / page).write_text(_plain_item(data).replace("## ", "# ", 1), encoding="utf-8")
            pages.setdefault((a, c), []).append(f"- [{data['名称']}]({page.relative_to(page.parts[0])})")
        else:
            pages.setdefault((a, c), []).append(_plain_item(data))
    listed: dict[tuple[int, int], list[tuple[str, str, str]]] = {}
    if entries:
        made = list(synth.iter_entries(items, entries, seed))
        titles = {str(e.data["id"]): str(e.data["标题"]) for e in made}
        (docs / "info").mkdir()
        for entry in made:
            entry_id = str(entry.data["id"])
            (docs / "info" / f"{entry_id}.md").write_text(_plain_entry(entry, titles), encoding="utf-8")
            if entry.attachment:
                attachment = docs / "info" / entry_id / Path(entry.attachment).name
                attachment.parent.mkdir()
                attachment.write_bytes(synth.tiny_pdf(entry.data["id"]))
            listed.setdefault((entry.area, entry.column), []).append(
                (str(entry.data["发布日期"]), entry_id, titles[entry_id])
            )
    nav = ["nav:", "  - 首页: index.md"]
    home = ["# 基层政务公开标准目录", "", "本站按领域和一级事项列出公开事项。", ""]
    for a, (atitle, _, adesc, cats) in enumerate(synth.AREAS):
        nav.append(f"  - {atitle}:")
        home += [f"## {atitle}", "", adesc, ""]
        for c, (ctitle, *_) in enumerate(cats):
            rel = f"area{a + 1:02d}/cat{c + 1:02d}.md"
            nav.append(f"      - {ctitle}: {rel}")
            home.append(f"- [{ctitle}]({rel})")
            path = docs / rel
            path.parent.mkdir(exist_ok=True)
            text = f"# {ctitle}\n\n"
            if (a, c) in listed:
                newest = sorted(listed[(a, c)], reverse=True)
                text += "## 公开信息\n\n" + "".join(f"- {d} [{t}](../info/{i}.md)\n" for d, i, t in newest) + "\n"
            path.write_text(text + "\n".join(pages.get((a, c), [])), encoding="utf-8")
        home.append("")
    (docs / "index.md").write_text("\n".join(home), encoding="utf-8")
    config = [
        "site_name: 基层政务公开标准目录",
        "site_url: http://127.0.0.1:8000/",
        "theme:",
        "  name: material",
        "  language: zh",
        "plugins:",
        "  - search:",
        "      lang: zh",
        f"      separator: '{PLAIN_SEPARATOR}'",
        *nav,
    ]
    (project / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return project / "mkdocs.yml"


def _first_record(catalogue: Path) -> Path:
    """The record file a warm build finds changed: the first in path order."""
    return min(p for p in catalogue.rglob("*.yaml") if not p.name.startswith("_"))


def _change_record(path: Path, run: int) -> None:
    """Change the record's 时限 (a different text on each run, so each warm build has a change to see)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(时限: .*?)(（第 \d+ 次修改）)?$", lambda m: f"{m[1]}（第 {run + 1} 次修改）", text, count=1)
    path.write_text(text, encoding="utf-8")


# -- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, required=True, help="number of synthetic items")
    parser.add_argument("--entries", type=int, default=0, help="number of synthetic entries (公开信息; default none)")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="counted runs after one warm-up (default 3; 0: the first build only, counted)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plain", action="store_true", help="also build the plain MkDocs + Material anchor")
    parser.add_argument(
        "--plain-pages",
        action="store_true",
        help="also build the anchor with a page per item (the pages gkml writes), alternating in the same run",
    )
    parser.add_argument("--warm", action="store_true", help="after each gkml build, one with a record changed")
    parser.add_argument("--catalogue-only", metavar="DIR", type=Path, help="write the catalogue into DIR and exit")
    parser.add_argument("--workdir", metavar="DIR", type=Path, help="work and keep files here (default: temp dir)")
    parser.add_argument(
        "--catalogue",
        metavar="DIR",
        type=Path,
        help="build this catalogue, written before by --catalogue-only with the same --items, --entries and --seed",
    )
    args = parser.parse_args(argv)

    if args.catalogue_only:
        synth.write_catalogue(args.catalogue_only, args.items, args.seed, entries=args.entries)
        return 0

    work = args.workdir or Path(tempfile.mkdtemp(prefix="gkml-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        catalogue = args.catalogue or work / "catalogue"
        if args.catalogue:
            log(f"using the catalogue in {catalogue} (written by --catalogue-only with the same arguments)")
        else:
            log(f"writing {args.items} items and {args.entries} entries into {catalogue}")
            synth.write_catalogue(catalogue, args.items, args.seed, entries=args.entries)
        src, commit = snapshot(work)
        env = child_env(src)
        builds = {"gkml": (gkml_project(work, src, args.catalogue), env)}
        if args.plain:
            builds["plain"] = (plain_project(work, args.items, args.seed, args.entries), env)
        if args.plain_pages:
            builds["plain_pages"] = (plain_project(work, args.items, args.seed, args.entries, item_pages=True), env)
        runs: dict[str, list[Run]] = {name: [] for name in builds}
        warm_runs: list[Run] = []
        cache = builds["gkml"][0].parent / ".gkml-cache" / "build"
        changed = _first_record(catalogue)
        for config, _ in builds.values():  # sites of an earlier benchmark in the same --workdir
            for old in config.parent.glob("site-*"):
                shutil.rmtree(old)
        for i in range(args.runs + 1):  # run 0 is the warm-up; gkml and plain alternate
            for name, (config, build_env) in builds.items():
                if name == "gkml":
                    shutil.rmtree(cache, ignore_errors=True)  # a cold build: no cache either
                run = run_build(config, config.parent / f"site-{i}", build_env)
                wall, peak, cpu, sys_cpu, pss, rss = run
                label = "warm-up" if i == 0 else f"run {i}"
                log(
                    f"{name} {label}: {wall:.2f} s, {cpu:.2f} s CPU ({sys_cpu:.2f} s system), {peak:.0f} MiB"
                    f" (tree: {pss:.0f} MiB PSS, {rss:.0f} MiB RSS)"
                )
                if i or not args.runs:  # --runs 0: a single, first build (the large sizes)
                    runs[name].append(run)
                if name == "gkml" and args.warm:
                    _change_record(changed, i)
                    warm = run_build(config, config.parent / f"site-{i}-warm", build_env)
                    log(f"gkml warm {label}: {warm[0]:.2f} s, {warm[2]:.2f} s CPU, {warm[1]:.0f} MiB")
                    if i or not args.runs:
                        warm_runs.append(warm)

        gkml_site = builds["gkml"][0].parent / f"site-{args.runs}"
        result: dict[str, object] = {"items": args.items, "entries": args.entries, **summary(runs["gkml"])}
        result.update(site_figures(gkml_site, gkml_site / "search" / "index.js", gkml_site / "search" / "d"))
        result["ms_per_page"] = round(1000 * result["build_s"] / result["pages"], 3)  # type: ignore[operator]
        if args.warm:
            result["warm"] = summary(warm_runs)
            result["cache_bytes"] = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
        for name, ratio in (("plain", "ratio_build"), ("plain_pages", "ratio_build_pages")):
            if name in runs:
                site = builds[name][0].parent / f"site-{args.runs}"
                anchor = {**summary(runs[name]), **site_figures(site, site / "search" / "search_index.json")}
                anchor["ms_per_page"] = round(1000 * anchor["build_s"] / anchor["pages"], 3)  # type: ignore[operator]
                result[name] = anchor
                result[ratio] = round(result["build_s"] / anchor["build_s"], 2)  # type: ignore[operator]
        if args.plain or args.plain_pages:
            result["plain_jieba"] = importlib.util.find_spec("jieba") is not None
        result["commit"] = commit
        result["loadavg_1m"] = round(os.getloadavg()[0], 2)  # this benchmark included; 2 cores → ~1 is quiet
        print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
