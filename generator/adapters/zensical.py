"""The Zensical adapter: Zensical draws the theme, gkml's core writes its pages.

Zensical (the successor of Material for MkDocs) reads mkdocs.yml but runs no MkDocs
plugins, so gkml drives it from outside: it writes a staging project (the hand-written
pages, the stubs of :class:`~generator.site.writer.SiteWriter`, the generated guide page,
and mkdocs.yml with the catalogue's navigation), runs ``zensical build`` on it, then fills
the shells and writes every generated page into Zensical's output, exactly as the MkDocs
adapter does after a MkDocs build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from generator.check.diagnostics import Diagnostic, fails, make
from generator.check.outcome import failure_reasons
from generator.check.site_address import config_file_site_url
from generator.settings import Settings, SettingsError
from generator.site.assets import asset_names, precompress, publish_assets
from generator.site.build import NotBuilt, prepare
from generator.site.guide import ERRORS_PAGE, common_errors_page
from generator.site.links import missing_item_links
from generator.site.nav import catalogue_nav
from generator.site.output import OutputError, staged, stopped
from generator.site.shell import finish_page, relative_root
from generator.site.writer import hand_written_sources


class ZensicalError(Exception):
    """Zensical is missing or failed; the message is for the reader (Chinese)."""


class _Tagged:
    """A YAML value with a tag PyYAML's safe loader does not know (``!ENV``, ``!!python/name``)."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag, self.node = tag, node


class _KeepTags(yaml.SafeLoader):
    pass


class _WriteTags(yaml.SafeDumper):
    pass


_KeepTags.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged("", node))
_WriteTags.add_representer(_Tagged, lambda dumper, value: _represent_tagged(value))


def _represent_tagged(value: _Tagged) -> yaml.Node:
    node = value.node
    node.tag = value.tag or node.tag
    return node


def read_config_keeping_tags(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data, its tags kept so that Zensical reads them as MkDocs would."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags)
    return data if isinstance(data, dict) else {}


def build(
    settings: Settings, config_file: Path, site_dir: Path, *, offline: bool = False
) -> tuple[list[Diagnostic], bool]:
    """Check the catalogue and, without errors, build the site into ``site_dir`` with Zensical.
    Returns the diagnostics and whether the site was built. Raises :class:`ZensicalError`."""
    config = read_config_keeping_tags(config_file)
    user_nav = config.get("nav") or []
    directory_urls = not offline and bool(config.get("use_directory_urls", True))
    try:
        built = prepare(settings, directory_urls=directory_urls, user_nav=user_nav)
        built.diagnostics += config_file_site_url(config_file)  # the address is in _site.yaml
    except NotBuilt as exc:
        if not exc.diagnostics:  # the settings are wrong: the message says how
            raise ZensicalError(str(exc)) from exc
        return exc.diagnostics, False
    diagnostics, catalogue, routes, renderer, writer = (
        built.diagnostics,
        built.catalogue,
        built.routes,
        built.renderer,
        built.writer,
    )
    sources = sorted(built.publishable[settings.docs_dir.resolve()])
    # Zensical writes only inside its project: the project is made beside the destination
    with tempfile.TemporaryDirectory(prefix=".gkml-zensical-", dir=site_dir.parent) as work:
        project = Path(work)
        docs = project / "docs"
        for rel in sources:
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(settings.docs_dir / rel, docs / rel)
        stubs = {stub.src: stub for stub in writer.stubs()}
        pages = {**{src: stub.markdown for src, stub in stubs.items()}, ERRORS_PAGE: common_errors_page()}
        for src, text in pages.items():
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            (docs / src).write_text(text, encoding="utf-8")
        config.update(
            docs_dir="docs",
            site_dir="site",
            site_name=str(escape(catalogue.site.title)),
            site_url=catalogue.site.url or None,  # the one address: 网站地址 in _site.yaml
            nav=catalogue_nav(catalogue, routes, user_nav),
            use_directory_urls=routes.directory_urls,
        )
        config.pop("plugins", None)
        assets = asset_names(settings.theme_dir)
        config["extra"] = {**(config.get("extra") or {}), "gkml": {**routes.theme_links(), "assets": assets}}
        theme = config.get("theme")
        if isinstance(theme, dict) and theme.get("custom_dir"):
            theme["custom_dir"] = str((config_file.parent / str(theme["custom_dir"])).resolve())
        (project / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_WriteTags, allow_unicode=True), encoding="utf-8")
        _run_zensical(project / "mkdocs.yml")
        site_dir.mkdir(parents=True, exist_ok=True)
        for entry in (project / "site").iterdir():
            entry.rename(site_dir / entry.name)
    shells = {src: (site_dir / routes.dest(src)).read_text(encoding="utf-8") for src in stubs}
    footer = renderer.footer()
    item_ids = frozenset(r.id for r in catalogue.records)
    pages_of = {routes.dest(src): src for src in [*hand_written_sources(settings.docs_dir), ERRORS_PAGE]}
    docs_name = settings.docs_dir.name
    for dest, src in sorted(pages_of.items()):
        page = site_dir / dest
        if src in stubs or not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        for href, item in missing_item_links(html, dest, item_ids):
            diagnostics.append(make("content-item-missing", f"{docs_name}/{src}", href=href, item=item))
        html = finish_page(html, relative_root(dest), footer, head=renderer.head(), language=settings.language)
        page.write_text(html, encoding="utf-8")
    writer.write(site_dir, shells, hand_written=[src for src in pages_of.values() if src not in stubs])
    publish_assets(site_dir, assets)
    if settings.precompress and routes.directory_urls:
        precompress(site_dir)  # for a web server's gzip_static: not for file://
    return diagnostics, True


def _run_zensical(config_file: Path) -> None:
    """``zensical build`` on ``config_file``; its warnings are shown, a failure raised."""
    try:
        import zensical  # noqa: F401  (only to say clearly when it is not installed)
    except ImportError as exc:
        raise ZensicalError("没有安装 Zensical：请先运行 python3 -m pip install 'gkml[zensical]'。") from exc
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise ZensicalError("Zensical 构建失败：\n" + (result.stderr or result.stdout).strip())


def build_site(
    config_file: Path,
    site_dir: Path,
    catalogue: Path,
    *,
    strict: bool = False,
    offline: bool = False,
    today: dt.date | None = None,
) -> int:
    """``gkml build --builder zensical``: like the MkDocs build, atomic, checked as of ``today`` (by default
    today in Beijing); returns an exit code."""
    dest = site_dir.resolve()
    diagnostics: list[Diagnostic] = []
    try:
        settings = Settings.from_project(config_file, catalogue=catalogue.resolve())
        settings = dataclasses.replace(settings, today=today)
        with staged(dest, settings) as staging:
            diagnostics, built = build(settings, config_file, staging, offline=offline)
            _show(diagnostics)
            failed = not built or fails(diagnostics, strict=strict)
            if failed:
                raise _Failed
    except (SettingsError, OutputError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (_Failed, ZensicalError) as exc:
        if not isinstance(exc, _Failed):
            print(f"构建失败：{exc}", file=sys.stderr)
        else:
            print("\n".join(failure_reasons(diagnostics, strict=strict)), file=sys.stderr)
        print(f"构建失败。原有网站 {dest} 未被改动。" if dest.exists() else "构建失败。未生成网站。", file=sys.stderr)
        return 1
    except (OSError, KeyboardInterrupt) as exc:
        print(stopped(exc, dest), file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    print(f"网站已生成（Zensical）：{dest}", file=sys.stderr)
    return 0


class _Failed(Exception):
    """The catalogue has errors (or warnings under --strict): reported already."""


def _show(diagnostics: list[Diagnostic]) -> None:
    for d in sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.code)):
        print(d.format(), file=sys.stderr)
