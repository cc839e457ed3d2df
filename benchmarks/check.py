"""Check benchmark: wall time of ``gkml check`` over N synthetic records.

Usage::

    python benchmarks/check.py --items 20000 [--entries 200000] [--runs 5] [--seed 1] [--workdir DIR]

The synthetic catalogue (benchmarks/synth.py, the same as for build.py) is written
into a temporary folder, beside a snapshot of the ``generator`` package; each run is
``python -m generator check --catalogue <catalogue> -f <none>`` in a child process
(the snapshot first on PYTHONPATH), after one warm-up run. The catalogue is not a git
repository, so no dates are read from git (as in a CI job's shallow checkout).

``--entries M`` adds M synthetic entries (公开信息) to the catalogue (none by default:
the earlier figures keep their meaning). Without a mkdocs.yml gkml reads every
attachment's text again in every run (as a CI job on a fresh clone does); ``--warm``
puts a minimal mkdocs.yml beside the catalogue, so that the text is kept in
``.gkml-cache/`` by the warm-up run and read from there by the counted runs.
``--workdir`` writes the catalogue there (and keeps it) instead of a temporary folder.

Prints one JSON line: ``items``, ``entries``, ``check_s`` (median wall seconds), ``check_s_runs``,
``cpu_s`` (median user + system CPU of the child and its workers), ``peak_mib``,
``diagnostics`` (lines printed besides the summary: the synthetic catalogue has
no errors and one coverage warning per area, as it does not follow the national list),
``warmup_s``, ``warmup_cpu_s`` and ``warmup_peak_mib`` of the warm-up run (with ``--warm``
the run that read every attachment: a cold check), ``commit`` and ``loadavg_1m``.
Goals: ≤ 5 s at 20,000 items (issue 3); ≤ 60 s at 20,000 items + 200,000 entries
(公开信息), on a 2-core CI-class machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth
from build import child_env, log, snapshot


def run_check(catalogue: Path, env: dict[str, str], config: str = os.devnull) -> tuple[float, float, float, str]:
    """One check in a child; (wall s, CPU s, peak MiB, stdout)."""
    cmd = [sys.executable, "-m", "generator", "check", "--catalogue", str(catalogue), "-f", config]
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=catalogue.parent)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"check failed:\n{text[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entries", type=int, default=0, help="number of synthetic entries (公开信息; default none)")
    parser.add_argument("--workdir", metavar="DIR", type=Path, help="work and keep files here (default: temp dir)")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="a mkdocs.yml beside the catalogue: the attachments' text is kept in .gkml-cache (filled by the warm-up)",
    )
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="gkml-check-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        catalogue = work / "catalogue"
        if catalogue.exists():
            shutil.rmtree(catalogue)
        if (work / "src").exists():
            shutil.rmtree(work / "src")
        log(f"writing {args.items} items and {args.entries} entries into {catalogue}")
        synth.write_catalogue(catalogue, args.items, args.seed, entries=args.entries)
        src, commit = snapshot(work)
        env = child_env(src)
        config = os.devnull
        if args.warm:  # gkml keeps the attachments' text beside mkdocs.yml (.gkml-cache/attachments)
            (work / "mkdocs.yml").write_text("site_name: gkml check benchmark\n", encoding="utf-8")
            shutil.rmtree(work / ".gkml-cache", ignore_errors=True)
            config = str(work / "mkdocs.yml")
        runs = []
        for i in range(args.runs + 1):
            wall, cpu, peak, text = run_check(catalogue, env, config)
            log(f"{'warm-up' if i == 0 else f'run {i}'}: {wall:.2f} s, {cpu:.2f} s CPU, {peak:.0f} MiB")
            if i:
                runs.append((wall, cpu, peak, text))
            else:
                warmup = (wall, cpu, peak)
        walls = [r[0] for r in runs]
        result = {
            "items": args.items,
            "entries": args.entries,
            "warm": args.warm,
            "check_s": round(statistics.median(walls), 3),
            "check_s_runs": [round(w, 3) for w in walls],
            "cpu_s": round(statistics.median(r[1] for r in runs), 3),
            "peak_mib": round(max(r[2] for r in runs), 1),
            "diagnostics": len(runs[-1][3].splitlines()) - 2,
            "warmup_s": round(warmup[0], 3),  # with --warm: the run that filled the attachments' cache
            "warmup_cpu_s": round(warmup[1], 3),
            "warmup_peak_mib": round(warmup[2], 1),
            "commit": commit,
            "loadavg_1m": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
