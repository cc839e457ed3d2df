"""Last-change dates of catalogue files, from git history."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_change_dates(folder: Path) -> dict[str, str]:
    """Map each file under ``folder`` (POSIX path relative to it) to its last commit date.

    One ``git log`` call for the whole tree. Returns an empty mapping when ``folder`` is
    not in a git work tree or git is missing: dates are then simply unknown.
    """
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-prefix"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            [
                "git",
                "-C",
                str(folder),
                "-c",
                "core.quotepath=off",
                "log",
                "--no-renames",
                "--format=%x00%cs",
                "--name-only",
                "--",
                ".",
            ],
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
        elif line and date:
            rel = line[len(top) :] if top and line.startswith(top) else line
            dates.setdefault(rel, date)  # newest first: keep the first date seen
    return dates
