"""Where a build goes: into a staging folder beside the destination, which replaces the
destination only when the whole build succeeded (a failed build never leaves a
half-written site, and the published one stays as it was)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(dest: Path) -> Iterator[Path]:
    """Yield a fresh staging folder for a build of ``dest``; on success it becomes ``dest``,
    on an exception it is removed and ``dest`` is left untouched."""
    dest = dest.resolve()
    staging = dest.with_name(f".{dest.name}.gkml-new")
    retired = dest.with_name(f".{dest.name}.gkml-old")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    if dest.exists():
        dest.rename(retired)
    staging.rename(dest)
    shutil.rmtree(retired, ignore_errors=True)
