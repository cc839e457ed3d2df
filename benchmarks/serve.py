"""Preview benchmark: how long ``gkml serve`` takes to show an edited entry, and a full rebuild.

Usage::

    python benchmarks/serve.py --items 2000 --entries 20000 [--edits 5] [--seed 1] [--workdir DIR]

The synthetic catalogue (benchmarks/synth.py, as ``build.py --entries`` writes it) is put beside
a snapshot of the project's mkdocs.yml, content/, overrides/ and ``generator`` package
(build.py's ``snapshot``), and ``python -m generator serve`` runs on it in a child process. Once
the first build is served:

* ``--edits`` times (default 5), the title of one entry is changed (a different entry, in a
  different column, each time) and the entry's page is fetched every 20 ms until it shows the
  new title: ``visible_s`` is the time from saving the file to the page served with it. It
  includes what the dev server takes to notice the change (MkDocs polls the watched folders
  every half second, and reading a catalogue of 24,000 files takes a while on its own) and its
  0.1 s wait for more changes; ``update_s`` is the update itself, as the server reports it
  (``已更新 N 个页面（…用时 X 秒）``: reading and checking the changed files, writing the pages
  that show them);
* then an item file is changed, which needs a full rebuild: ``full_rebuild_s`` is the time
  from saving it to its page served with the change (the same measure as ``visible_s``).

``cpu_s`` and ``full_rebuild_cpu_s`` are the user + system CPU seconds the server process used
meanwhile (/proc/<pid>/stat; watching the folders included): on a busy machine they say more
than the wall times.

Under ``serve`` the server's threads are running, so gkml does everything in one process
(generator/parallel.py): a full rebuild is slower there than ``gkml build``.

Reported: the medians and every run, ``initial_s`` (start to the first page served),
``commit`` (the revision snapshotted, "+dirty" with uncommitted changes) and ``loadavg_1m``
(the machine's load at the end, this benchmark included: on 2 cores about 1 is quiet). One
JSON line is printed on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402
import synth  # noqa: E402

_UPDATED = re.compile(r"已更新 \d+ 个页面（.*用时 ([0-9.]+) 秒")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=1800) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, poll: float = 0.02, limit: float = 3600.0) -> float:
    """Fetch ``url`` until it holds ``text``; the seconds that took."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(poll)
    raise SystemExit(f"{url} never showed {text!r}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process ``pid`` has used so far (0 where /proc has no such file)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def entries_to_edit(catalogue: Path, count: int) -> list[Path]:
    """One entry file from each of ``count`` different columns (the last year folder of each)."""
    found = []
    for column in sorted(p for area in sorted(catalogue.iterdir()) if area.is_dir() for p in area.iterdir()):
        years = sorted(p for p in column.iterdir() if p.is_dir() and p.name.isdigit()) if column.is_dir() else []
        files = sorted(years[-1].glob("*.md")) if years else []
        if files:
            found.append(files[len(files) // 2])
    step = max(1, len(found) // count)
    return found[::step][:count]


def retitle(path: Path, marker: str) -> str:
    """Put ``marker`` before the title of the entry at ``path``; its id."""
    text = path.read_text(encoding="utf-8")
    entry_id = re.search(r"^id: (\S+)$", text, re.MULTILINE)
    assert entry_id is not None, path
    path.write_text(re.sub(r"^标题: ", f"标题: {marker}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return entry_id[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--edits", type=int, default=5, help="entries edited one after another (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", metavar="DIR", type=Path, help="work and keep files here (default: temp dir)")
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="gkml-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        catalogue = work / "catalogue"
        if catalogue.exists():
            shutil.rmtree(catalogue)
        log(f"writing {args.items} items and {args.entries} entries into {catalogue}")
        synth.write_catalogue(catalogue, args.items, args.seed, entries=args.entries)
        for old in ("src", "gkml"):
            shutil.rmtree(work / old, ignore_errors=True)
        src, commit = build.snapshot(work)
        env = build.child_env(src)
        config = build.gkml_project(work, src)
        port = free_port()
        errors = (work / "serve.log").open("w", encoding="utf-8")
        start = time.perf_counter()
        cmd = [sys.executable, "-m", "generator", "serve", "-f", str(config), "--catalogue", str(catalogue)]
        cmd += ["-a", f"127.0.0.1:{port}"]
        server = subprocess.Popen(cmd, env=env, cwd=config.parent, stdout=subprocess.DEVNULL, stderr=errors)
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, "</html>", poll=1.0)
        initial = time.perf_counter() - start
        log(f"first build served after {initial:.1f} s")
        time.sleep(3)  # the file watcher's first look at the folders

        visible, updates, cpus = [], [], []
        for n, path in enumerate(entries_to_edit(catalogue, args.edits)):
            marker = f"修改{n + 1}："
            cpu = cpu_seconds(server.pid)
            entry_id = retitle(path, marker)
            seconds = wait_for(f"{base}info/{entry_id}/", marker)
            cpus.append(cpu_seconds(server.pid) - cpu)
            time.sleep(0.5)  # the server's line is written after the page
            reported = _UPDATED.findall((work / "serve.log").read_text(encoding="utf-8"))
            if len(reported) != n + 1:
                raise SystemExit(f"the edit of {path} was not an update of its pages (see {work / 'serve.log'})")
            visible.append(seconds)
            updates.append(float(reported[-1]))
            took = f"update {updates[-1]:.2f} s, {cpus[-1]:.2f} s CPU"
            log(f"edit {n + 1}: {path.name}: shown after {seconds:.2f} s ({took})")
            time.sleep(2)

        record = next(p for p in sorted(catalogue.rglob("*.yaml")) if not p.name.startswith("_"))
        text = record.read_text(encoding="utf-8")
        record_id = re.search(r"^id: (\S+)$", text, re.MULTILINE)
        assert record_id is not None, record
        record.write_text(re.sub(r"^名称: ", "名称: 全量重建：", text, count=1, flags=re.MULTILINE), encoding="utf-8")
        cpu = cpu_seconds(server.pid)
        full = wait_for(f"{base}item/{record_id[1]}/", "全量重建：", poll=0.2)
        full_cpu = cpu_seconds(server.pid) - cpu
        log(f"full rebuild after an item changed: shown after {full:.1f} s")

        result = {
            "items": args.items,
            "entries": args.entries,
            "visible_s": round(statistics.median(visible), 3),
            "visible_s_runs": [round(v, 3) for v in visible],
            "update_s": round(statistics.median(updates), 3),
            "update_s_runs": updates,
            "cpu_s": round(statistics.median(cpus), 3),
            "cpu_s_runs": [round(c, 3) for c in cpus],
            "full_rebuild_s": round(full, 1),
            "full_rebuild_cpu_s": round(full_cpu, 1),
            "initial_s": round(initial, 1),
            "commit": commit,
            "loadavg_1m": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
