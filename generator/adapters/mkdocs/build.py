"""Build and serve the site through MkDocs, for the ``gkml`` command line.

The build goes to a temporary folder beside the destination and replaces it only
when the whole build succeeded: a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException


class _Formatter(logging.Formatter):
    """gkml's diagnostics as they are; MkDocs' own messages with their level."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "mkdocs.plugins.gkml":
            return record.getMessage()
        return f"{record.levelname:<8}- {record.getMessage()}"


def _setup(catalogue: Path, verbose: bool) -> None:
    os.environ["GKML_CATALOGUE"] = str(catalogue.resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def build(
    config_file: Path,
    site_dir: Path,
    catalogue: Path,
    *,
    strict: bool = False,
    verbose: bool = False,
    offline: bool = False,
) -> int:
    """Build the site into ``site_dir`` atomically. Returns a process exit code.

    ``offline`` builds for ``file://`` (a kiosk in a 公开查阅点, a USB stick): every link
    names its ``index.html``, as browsers do not open folders from disk. Search works
    there too, as its data is a script rather than a fetched file.
    """
    _setup(catalogue, verbose)
    dest = site_dir.resolve()
    staging = dest.with_name(f".{dest.name}.gkml-new")
    retired = dest.with_name(f".{dest.name}.gkml-old")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        overrides = {"use_directory_urls": False} if offline else {}
        config = load_config(str(config_file), site_dir=str(staging), strict=strict, **overrides)
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        # Abort means the reasons were already logged above (e.g. every bad record).
        print("构建失败。" if isinstance(exc, Abort) else f"构建失败：{exc}", file=sys.stderr)
        print(f"原有网站 {dest} 未被改动。" if dest.exists() else "未生成网站。", file=sys.stderr)
        return 1
    shutil.rmtree(retired, ignore_errors=True)
    if dest.exists():
        dest.rename(retired)
    staging.rename(dest)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"网站已生成：{dest}", file=sys.stderr)
    return 0


def serve(config_file: Path, catalogue: Path, *, dev_addr: str, strict: bool = False) -> int:
    """Serve the site with live reload (records, content and overrides are watched)."""
    _setup(catalogue, False)
    try:
        mkdocs_serve(str(config_file), dev_addr=dev_addr, strict=strict)  # the plugin watches the catalogue
    except MkDocsException as exc:
        print(f"预览失败：{exc}", file=sys.stderr)
        return 1
    return 0
