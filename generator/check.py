"""What ``gkml check`` and the MkDocs build check: one entry point for both.

* :func:`check_catalogue`: a whole catalogue folder: every file, the tree, duplicate
  ids, blank columns and coverage of the national standard;
* :func:`check_files`: single files, for editors' tools that check what they touch
  (duplicate ids and coverage need the whole catalogue: use the folder for those);
* :func:`plugin_options`: the ``gkml`` plugin's options in mkdocs.yml (the rules'
  severities), read without MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.catalogue import META_FILE, SITE_FILE, _fields, load_catalogue, missing_standard_items
from generator.diagnostics import Diagnostic, has_errors
from generator.loader import read_yaml
from generator.model import META_FIELDS, SITE_FIELDS, Catalogue
from generator.validate import validate_record


def check_catalogue(folder: Path, *, git_dates: bool = True) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Load and check the catalogue in ``folder`` (see :func:`generator.catalogue.load_catalogue`),
    then compare it with the national standard."""
    catalogue, diagnostics = load_catalogue(folder, git_dates=git_dates)
    if catalogue is not None:
        diagnostics += missing_standard_items(catalogue)
        if has_errors(diagnostics):  # a rule made an error by the bureau's settings
            catalogue = None
    return catalogue, diagnostics


def check_files(paths: list[Path]) -> list[Diagnostic]:
    """Check each file on its own: item records, ``_meta.yaml`` and ``_site.yaml``."""
    out: list[Diagnostic] = []
    for path in paths:
        doc, problems = read_yaml(path, path.as_posix())
        out += problems
        if doc is None:
            continue
        if path.name == META_FILE:
            out += _fields(doc, META_FIELDS)[1]
        elif path.name == SITE_FILE:
            out += _fields(doc, SITE_FIELDS)[1]
        else:
            out += validate_record(doc)[1]
    return out


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its ``!ENV`` and ``!!python/name`` tags become None."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The options of the ``gkml`` plugin in ``config_file`` ({} when absent or unreadable)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):  # mkdocs.yml may list plugins as a mapping too
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == "gkml":
            return {}
        if isinstance(entry, dict) and "gkml" in entry:
            return entry["gkml"] if isinstance(entry["gkml"], dict) else {}
    return {}
