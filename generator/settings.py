"""What one run of gkml works on, read once and passed explicitly to every step.

A :class:`Settings` is made by the command line from mkdocs.yml and its own options
(:meth:`Settings.from_project`), or by a builder's adapter from the builder's
configuration; nothing reaches the core through environment variables or globals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.load.attachments import ATTACHMENT_CACHE, CACHE_FOLDER
from generator.load.files import FileGate
from generator.model.limits import DEFAULT_LIMITS, Limits, parse_limits

CONFIG_FILE = "mkdocs.yml"
DEFAULT_CATALOGUE = "catalogue"
DEFAULT_DOCS = "docs"


class SettingsError(Exception):
    """The gkml plugin's options are wrong; the message says how, in Chinese."""


@dataclass(frozen=True)
class Settings:
    """The project's folders and the options that change what gkml checks and writes."""

    project: Path  #: the folder holding mkdocs.yml
    catalogue: Path  #: the records
    docs_dir: Path  #: the hand-written pages
    severity: Mapping[str, str] = field(default_factory=dict)  #: rule code → error|warning|info
    directory_urls: bool = True  #: pages at ``a/`` (a web server) or ``a/index.html`` (file://)
    language: str = "zh"  #: the theme's language
    limits: Limits = DEFAULT_LIMITS  #: how much gkml reads at most (plugin option ``limits``)
    theme_dir: Path | None = None  #: the theme's files the project replaces (``theme.custom_dir``)
    #: whether the site has the staff page 公开情况 (plugin option ``report_page``; not in the public site by default)
    report_page: bool = False
    #: whether the build writes a ``.gz`` beside each text file, for nginx's gzip_static (option ``precompress``)
    precompress: bool = True
    #: the day the checks and the report are as of (``gkml build --today``); None: today in Beijing
    today: dt.date | None = None

    @classmethod
    def from_options(
        cls, config: Mapping[str, Any], options: Mapping[str, Any], project: Path, *, catalogue: Path | None = None
    ) -> Settings:
        """Settings from a builder configuration ``config`` (mkdocs.yml as data) and the gkml
        plugin's ``options``; ``catalogue`` given on the command line wins over the option.
        Raises :class:`SettingsError` when the option ``limits`` is wrong."""
        theme = config.get("theme")
        language = theme.get("language") if isinstance(theme, Mapping) else None
        # mkdocs.yml as data names it in the mapping; MkDocs' theme object keeps it as an attribute
        custom_dir = getattr(theme, "custom_dir", None) or (
            theme.get("custom_dir") if isinstance(theme, Mapping) else None
        )
        folder = catalogue if catalogue is not None else project / str(options.get("catalogue") or DEFAULT_CATALOGUE)
        severity = options.get("severity")
        limit_options = options.get("limits") or {}
        if not isinstance(limit_options, Mapping):
            raise SettingsError("gkml 插件的 limits 设置应为“名称: 值”的列表（见 README 的“限制”）。")
        limits, problems = parse_limits(limit_options)
        if problems:
            raise SettingsError("gkml 插件的 limits 设置有误：" + "；".join(problems) + "。")
        report_page = options.get("report_page", False)
        if not isinstance(report_page, bool):
            raise SettingsError(f"gkml 插件的 report_page 设置应为 true 或 false，现在是“{report_page}”。")
        precompress = options.get("precompress", True)
        if not isinstance(precompress, bool):
            raise SettingsError(f"gkml 插件的 precompress 设置应为 true 或 false，现在是“{precompress}”。")
        return cls(
            project=project,
            catalogue=folder,
            docs_dir=project / str(config.get("docs_dir") or DEFAULT_DOCS),
            severity=dict(severity) if isinstance(severity, Mapping) else {},
            directory_urls=bool(config.get("use_directory_urls", True)),
            language=str(language or "zh"),
            limits=limits,
            theme_dir=project / str(custom_dir) if custom_dir else None,
            report_page=report_page,
            precompress=precompress,
        )

    @classmethod
    def from_project(cls, config_file: Path, *, catalogue: Path | None = None) -> Settings:
        """Settings of the project whose mkdocs.yml is ``config_file`` (read without MkDocs;
        raises :class:`SettingsError` like :meth:`from_options`)."""
        config = read_config(config_file)
        return cls.from_options(config, plugin_options(config), config_file.resolve().parent, catalogue=catalogue)

    def gate(self) -> FileGate:
        """The gate every file of this project is read through: inside the project (or a
        catalogue or content folder named outside it), within :attr:`limits`."""
        return FileGate.within(self.project, self.catalogue, self.docs_dir, limits=self.limits)

    def attachment_cache(self) -> Path:
        """Where the text read from attachments is kept (:mod:`generator.load.attachments`): a folder
        gkml owns beside mkdocs.yml, not watched by ``gkml serve``, listed in .gitignore."""
        return self.project / CACHE_FOLDER / ATTACHMENT_CACHE

    def protected(self) -> dict[Path, str]:
        """The folders gkml never writes into, nor over (real paths → what they are, in Chinese):
        the project itself, its records, pages, theme files, gkml's own code and git's data."""
        folders = {
            self.project: "项目文件夹（mkdocs.yml 所在的文件夹）",
            self.catalogue: "目录文件夹（事项记录）",
            self.docs_dir: "网站内容文件夹（手写页面）",
            self.project / "generator": "程序文件夹（gkml 的代码）",
            self.project / ".git": "仓库的版本数据文件夹（.git）",
        }
        if self.theme_dir is not None:
            folders[self.theme_dir] = "主题文件夹"
        return {path.resolve(): name for path, name in folders.items()}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its ``!ENV`` and ``!!python/name`` tags become None."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    """``config_file`` (mkdocs.yml) as plain data, without MkDocs ({} when absent or unreadable)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The options of the ``gkml`` plugin in a :func:`read_config` result ({} when it has none)."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):  # mkdocs.yml may list plugins as a mapping too
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == "gkml":
            return {}
        if isinstance(entry, dict) and "gkml" in entry:
            return entry["gkml"] if isinstance(entry["gkml"], dict) else {}
    return {}
