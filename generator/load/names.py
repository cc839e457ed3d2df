"""Names of files and folders in the catalogue that lose an item without a word, or that Windows refuses.

* An item file named ``公租房.YAML`` or ``公租房.Yml`` is not read (nor is ``_META.yaml`` or ``_meta.yml``),
  and editors' tools, which look for ``.yaml``, skip it too: it is reported, with the name to give it.
* ``con``, ``nul.yaml``, ``Com1`` … are device names on Windows: a county's editor on Windows could not
  check the repository out.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.model.naming import is_windows_device

#: The suffixes of the files gkml reads (:func:`generator.load.catalogue.record_files`), in the case it reads.
READ_SUFFIXES = (".yaml", ".yml")
#: The settings files, in the case gkml reads them.
SETTINGS_FILES = ("_meta.yaml", "_site.yaml")


def name_problems(folder: Path, shown: str) -> list[Diagnostic]:
    """Every file or folder under ``folder`` (shown as ``shown``) whose name Windows refuses, and every
    YAML file that is not read because of the case of its suffix or settings name."""
    out = []
    for parts in _names(folder):
        name, rel = parts[-1], "/".join(parts)
        where = f"{shown}/{rel}"
        if is_windows_device(name):
            out.append(make("name-windows", where, value=name, fixed=_renamed(name)))
        elif (fixed := _read_name(name)) != name and folder.joinpath(*parts).is_file():
            out.append(make("file-suffix", where, value=name, fixed=fixed))
    return out


def _names(folder: Path) -> list[tuple[str, ...]]:
    """The parts of the path of every file and folder below ``folder`` (as ``folder.rglob("*")``
    finds them: links to folders listed, not entered), in path order, but hidden ones (.git, an
    editor's files) and what they hold. os.walk, not pathlib: a catalogue may hold 200,000 files."""
    found = []
    for top, folders, files in os.walk(folder):
        base = Path(top).relative_to(folder).parts
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [(*base, name) for name in (*folders, *files) if not name.startswith(".")]
    return sorted(found)


def _read_name(name: str) -> str:
    """The name under which gkml would read the YAML file ``name`` (``name`` itself for other files)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix.lower()}" not in READ_SUFFIXES:
        return name
    settings = f"{stem.lower()}.yaml"
    if settings in SETTINGS_FILES:
        return settings
    if stem.startswith("_"):
        return name  # a draft: not read on purpose
    return name if f".{suffix}" in READ_SUFFIXES else f"{stem}.yaml"


def _renamed(name: str) -> str:
    """``con.yaml`` → ``con-1.yaml``: a name Windows accepts."""
    base, dot, rest = name.partition(".")
    return f"{base.rstrip(' ')}-1{dot}{rest}"
