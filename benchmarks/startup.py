"""Start-up benchmark: how long the commands an editor runs many times a day take (issue 15, item 4).

Usage::

    python benchmarks/startup.py [--runs 7] [--top 10] [--tree DIR]

Each command runs ``--runs`` times (at least 5) as a child process from the repository's top folder,
after one warm-up run (which also fills ``.gkml-cache/`` with the text of the example's attachments,
as an editor's clone has it after its first check):

* ``help``: ``gkml --help``
* ``new_help``: ``gkml new --help``
* ``check``: ``gkml check`` on the example catalogue (93 items, 196 entries), with the repository's mkdocs.yml

The runs may write Python's bytecode cache (``PYTHONDONTWRITEBYTECODE`` is removed from their
environment), as an editor's installation does. ``gkml`` is the console script beside this Python
(``python -m generator`` when there is none).
Then each command runs once more under ``python -X importtime``: ``imports`` lists, per command, the
``--top`` top-level imports that take longest (cumulative, microseconds) and the number of modules loaded.

Prints one JSON object: per command, ``median_s`` (wall), ``runs_s``, ``cpu_s`` (median user + system
of the child), then ``imports``, ``commit``, ``loadavg_1m``. Goals: help and new --help ≤ 0.15 s,
check on the example ≤ 0.4 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The folder the commands run in (``--tree``: another checkout, e.g. an older commit, for a before/after figure).
TREE = ROOT
COMMANDS = {
    "help": ["--help"],
    "new_help": ["new", "--help"],
    "check": ["check", "--today", "2026-01-01"],
}
_IMPORT = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def gkml() -> list[str]:
    """How to run gkml: its console script beside this Python, else ``python -m generator``."""
    script = Path(sys.executable).with_name("gkml")
    if script.exists():
        return [str(script)]
    found = shutil.which("gkml")
    return [found] if found else [sys.executable, "-m", "generator"]


def child_env() -> dict[str, str]:
    """The environment of the measured runs: Python may write its bytecode cache (``__pycache__``), as on an
    editor's machine (a CI image or a sandbox may set ``PYTHONDONTWRITEBYTECODE``, which makes every run
    compile gkml's modules again)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=TREE, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 on errors: still a measured run
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def imports(args: list[str], top: int) -> dict[str, object]:
    """The slowest top-level imports of one run under ``-X importtime``, and how many modules it loaded."""
    code = "import sys; from generator.commands.main import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        cwd=TREE,
        env=child_env(),
        capture_output=True,
        text=True,
    )
    rows = [m for m in map(_IMPORT.match, done.stderr.splitlines()) if m]
    top_level = [(m[4], int(m[2])) for m in rows if len(m[3]) <= 1]
    slowest = sorted(top_level, key=lambda r: -r[1])[:top]
    return {"modules": len(rows), "slowest_us": dict(slowest)}


def main() -> None:
    """Measure and print the JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (at least 5)")
    parser.add_argument("--top", type=int, default=10, help="slowest top-level imports listed per command")
    parser.add_argument(
        "--tree",
        type=Path,
        help="run `python -m generator` in this checkout instead (e.g. a git worktree of an older commit)",
    )
    options = parser.parse_args()
    runs = max(5, options.runs)
    base = gkml()
    if options.tree:
        global TREE
        TREE = options.tree.resolve()
        base = [sys.executable, "-m", "generator"]
    result: dict[str, object] = {"runs": runs, "gkml": " ".join(base)}
    for name, args in COMMANDS.items():
        timed(base + args)  # warm-up: the file cache, .gkml-cache/
        measured = [timed(base + args) for _ in range(runs)]
        walls = [round(w, 3) for w, _ in measured]
        result[name] = {
            "command": "gkml " + " ".join(args),
            "median_s": round(statistics.median(walls), 3),
            "runs_s": walls,
            "cpu_s": round(statistics.median(c for _, c in measured), 3),
        }
    result["imports"] = {name: imports(args, options.top) for name, args in COMMANDS.items()}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=TREE, capture_output=True, text=True)
    result["commit"] = commit.stdout.strip()
    result["loadavg_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
