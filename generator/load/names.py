"""Names of files and folders in the catalogue that lose an item without a word, or that Windows refuses.

* An item file named ``公租房.YAML`` or ``公租房.Yml`` is not read (nor is ``_META.yaml`` or ``_meta.yml``),
  and editors' tools, which look for ``.yaml``, skip it too: it is reported, with the name to give it.
* ``con``, ``nul.yaml``, ``Com1`` … are device names on Windows: a county's editor on Windows could not
  check the repository out.
"""

from __future__ import annotations

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
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden: .git, an editor's files
        where = f"{shown}/{rel}"
        if is_windows_device(path.name):
            out.append(make("name-windows", where, value=path.name, fixed=_renamed(path.name)))
        elif (fixed := _read_name(path.name)) != path.name and path.is_file():
            out.append(make("file-suffix", where, value=path.name, fixed=fixed))
    return out


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
