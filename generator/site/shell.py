"""Theme shells: the builder's HTML for a page, with sentinels where the page's own parts go.

gkml writes every page it generates itself (:mod:`generator.site.writer`); the builder
(MkDocs, Zensical) only draws the theme around them. For that the builder renders a
*stub* per generated page that appears in the navigation (the chrome of those pages
differs: the active tab and column), plus one stub for all item pages (they are outside
the navigation and at the same depth, so the theme draws the same chrome around each of
them but for title, description and canonical address). A stub is Markdown with front
matter, so any builder that reads MkDocs' format renders it; its body is a sentinel.
The rendered stub, split at the sentinels, is a :class:`Shell`; filling it gives the page.

:func:`finish_page` completes every page the builder wrote, gkml's or hand-written: the
identity footer (rendered once, its links relative to each page) and the document
language.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

TITLE = "\ue000gkml:title\ue000"
DESCRIPTION = "\ue000gkml:description\ue000"
CANONICAL = "\ue000gkml:canonical\ue000"
#: The stub's body: a raw ``<h1>`` so that the theme adds no title heading of its own.
CONTENT = "<h1>\ue000gkml:content\ue000</h1>"
#: Where the theme's footer partial (overrides/partials/copyright.html) wants the identity block.
FOOTER = "<!--gkml:footer-->"
#: Stands for a page's relative path to the site root in HTML rendered once for every page.
BASE = "\ue000gkml:base\ue000"

_SLOTS = (TITLE, DESCRIPTION, CANONICAL, CONTENT)
_SLOT_PATTERN = re.compile("|".join(re.escape(s) for s in _SLOTS))
_INDENT = re.compile(r"\n\s+")
_HTML_LANG = re.compile(r'<html lang="zh"')


def stub_markdown(*, title: str, description: str = "", hide: tuple[str, ...] = ()) -> str:
    """The Markdown source of a stub page. ``title`` and ``description`` are HTML-escaped
    text or the sentinels :data:`TITLE` / :data:`DESCRIPTION`."""
    lines = ["---", f"title: {_yaml_string(title)}"]
    if description:
        lines.append(f"description: {_yaml_string(description)}")
    if hide:
        lines.append("hide: [" + ", ".join(hide) + "]")
    lines += ["---", "", CONTENT, ""]
    return "\n".join(lines)


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar of ``text`` (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Shell:
    """A rendered stub split at its sentinels."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]  #: which sentinel stood between each two parts

    @classmethod
    def parse(cls, html: str, *, canonical: str = "") -> Shell:
        """Split the builder's rendering of a stub. ``canonical`` is the address the builder
        gave the stub's page; for the item shell it becomes a slot of its own.

        The theme's indentation is dropped (most of a theme's bytes are indentation) unless
        the page has whitespace that matters."""
        if canonical:
            html = html.replace(
                f'<link rel="canonical" href="{canonical}"', f'<link rel="canonical" href="{CANONICAL}"'
            )
        if CONTENT not in html:
            raise ValueError("the theme did not render the stub's content sentinel")
        pieces = _SLOT_PATTERN.split(html)
        if "<pre" not in html and "<textarea" not in html:
            pieces = [_INDENT.sub("\n", piece) for piece in pieces]
        return cls(tuple(pieces), tuple(_SLOT_PATTERN.findall(html)))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with each slot replaced by ``values[slot]`` (already HTML-escaped)."""
        pieces = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            pieces += (values.get(slot, ""), part)
        return "".join(pieces)


def relative_root(dest: str) -> str:
    """The relative path from the folder of output file ``dest`` (``item/x/index.html``)
    to the site root, without a trailing slash (``../..``; ``.`` at the root)."""
    return posixpath.relpath(".", posixpath.dirname(dest) or ".")


def finish_page(html: str, root: str, footer: str, *, head: str = "", language: str = "zh") -> str:
    """Complete a page the builder wrote: the identity footer (``footer``, its :data:`BASE`
    replaced by ``root``, the page's way to the site root: :func:`relative_root`) in the
    theme's footer, and ``lang="zh-CN"`` (简体中文, as the national accessibility rules ask)
    where the theme says only ``zh``; ``head`` (its :data:`BASE` replaced as the footer's) goes
    at the end of the page's ``<head>``."""
    if head:
        html = html.replace("</head>", head.replace(BASE, root) + "</head>", 1)
    if FOOTER in html:
        html = html.replace(FOOTER, footer.replace(BASE, root), 1)
    if language == "zh":
        html = _HTML_LANG.sub('<html lang="zh-CN"', html, count=1)
    return html
