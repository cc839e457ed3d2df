"""Build and serve the site through MkDocs, for the ``gkml`` command line.

The build goes to a temporary folder beside the destination and replaces it only
when the whole build succeeded: a failed or interrupted build never leaves a
half-written site, and a destination that is not a site gkml built is refused
(:mod:`generator.site.output`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from generator.adapters.mkdocs.console import Presentation
from generator.adapters.mkdocs.plugin import GkmlPlugin
from generator.adapters.mkdocs.serve_errors import (
    address_in_use,
    address_in_use_message,
    address_taken,
    guarded_builds,
)
from generator.check.outcome import builder_failure, failure_reasons
from generator.profiling import phase
from generator.settings import Settings, SettingsError, plugin_options, read_config
from generator.site.output import OutputError, staged, stopped


class _Formatter(logging.Formatter):
    """gkml's diagnostics as they are; MkDocs' own messages with their level."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "mkdocs.plugins.gkml" or getattr(record, "gkml_plain", False):
            return record.getMessage()
        return f"{record.levelname:<8}- {record.getMessage()}"


#: MkDocs' report of a page it could not write for a system error: gkml says it in Chinese instead.
_SYSTEM_ERROR = re.compile(r"^Error building page '.*': \[Errno \d+\]")


def _not_a_system_error(record: logging.LogRecord) -> bool:
    return not _SYSTEM_ERROR.match(record.getMessage())


def _setup(verbose: bool, min_severity: str = "info", *, preview: bool = False) -> Presentation:
    """Log MkDocs and gkml to standard error, as :class:`Presentation` decides (returned)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    handler.addFilter(_not_a_system_error)
    presentation = Presentation(min_severity, preview=preview)
    handler.addFilter(presentation)
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    return presentation


def _give_settings(config: MkDocsConfig, catalogue: Path, today: dt.date | None = None) -> None:
    """Hand the gkml plugin the catalogue folder and the day (``--today``) given on the command line."""
    plugin = config.plugins.get("gkml")
    if not isinstance(plugin, GkmlPlugin):
        raise ConfigurationError(f"{config.config_file_path} 中没有启用 gkml 插件（plugins: [gkml]）。")
    project = Path(config.config_file_path).parent
    settings = Settings.from_options(config, plugin.config, project, catalogue=catalogue.resolve())
    plugin.settings = dataclasses.replace(settings, today=today)


def _with_catalogue(config: dict[str, Any], catalogue: Path) -> list[Any]:
    """The ``plugins`` setting of ``config`` with the gkml plugin's catalogue option set."""
    plugins = config.get("plugins") or ["gkml"]
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    options = {**plugin_options(config), "catalogue": str(catalogue)}
    return [
        {"gkml": options} if entry == "gkml" or (isinstance(entry, dict) and "gkml" in entry) else entry
        for entry in plugins
    ]


def build(
    config_file: Path,
    site_dir: Path,
    catalogue: Path,
    *,
    strict: bool = False,
    verbose: bool = False,
    offline: bool = False,
    today: dt.date | None = None,
    min_severity: str = "info",
) -> int:
    """Build the site into ``site_dir`` atomically, checked as of ``today`` (by default today in
    Beijing). Returns a process exit code.

    ``offline`` builds for ``file://`` (a kiosk in a 公开查阅点, a USB stick): every link
    names its ``index.html``, as browsers do not open folders from disk. Search works
    there too, as its data is a script rather than a fetched file.
    """
    _setup(verbose, min_severity)
    dest = site_dir.resolve()
    config: MkDocsConfig | None = None
    try:
        with phase("config"):
            settings = Settings.from_project(config_file, catalogue=catalogue.resolve())
        with staged(dest, settings) as staging:
            with phase("config"):
                overrides: dict[str, Any] = {"use_directory_urls": False} if offline else {}
                config = load_config(str(config_file), site_dir=str(staging), strict=strict, **overrides)
                _give_settings(config, catalogue, today)
            with phase("builder"):
                mkdocs_build(config)
    except (SettingsError, OutputError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except MkDocsException as exc:
        # Abort means the reasons were already logged above (e.g. every bad record).
        print("构建失败。" if isinstance(exc, Abort) else f"构建失败：{exc}", file=sys.stderr)
        plugin = config.plugins.get("gkml") if config is not None else None
        if isinstance(plugin, GkmlPlugin) and isinstance(exc, Abort):  # which rules, and why
            reasons = failure_reasons(plugin.diagnostics, strict=strict) or [builder_failure(strict)]
            print("\n".join(reasons), file=sys.stderr)
        print(f"原有网站 {dest} 未被改动。" if dest.exists() else "未生成网站。", file=sys.stderr)
        return 1
    except (OSError, KeyboardInterrupt) as exc:
        print(stopped(exc, dest), file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    print(f"网站已生成：{dest}", file=sys.stderr)
    return 0


def serve(
    config_file: Path, catalogue: Path, *, dev_addr: str, strict: bool = False, min_severity: str = "warning"
) -> int:
    """Serve the site with live reload (records, content and overrides are watched). A build that
    fails shows its problems in the browser (:mod:`~generator.adapters.mkdocs.serve_errors`);
    an address in use is one line."""
    presentation = _setup(False, min_severity, preview=True)
    if address_taken(dev_addr):
        print(address_in_use_message(dev_addr), file=sys.stderr)
        return 1
    try:
        # MkDocs loads the configuration anew for every rebuild: a catalogue other than the
        # plugin's option is given as the option (the plugin watches the catalogue)
        overrides: dict[str, Any] = {}
        if catalogue.resolve() != Settings.from_project(config_file).catalogue.resolve():
            overrides["plugins"] = _with_catalogue(read_config(config_file), catalogue.resolve())
        with guarded_builds(presentation):
            mkdocs_serve(str(config_file), dev_addr=dev_addr, strict=strict, **overrides)
    except OSError as exc:
        if not address_in_use(exc):
            raise
        print(address_in_use_message(dev_addr), file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(f"预览失败：{exc}", file=sys.stderr)
        return 1
    return 0
