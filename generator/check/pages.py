"""The hand-written pages (``content/*.md``): what a page may publish.

A page is Markdown with HTML in it, published as written. Checked here:

* its front matter (the YAML between the ``---`` lines at its top, as MkDocs finds it) is read by
  the catalogue's strict reader (:mod:`generator.load.yamlfile`): anchors and aliases (a "billion
  laughs" that takes the build down) are refused, like a key written twice or bad syntax (MkDocs
  would publish such a block as text);
* nothing runs: ``<script>``, event-handler attributes (``onclick=…``, also set through attr_list
  ``{ onclick=… }``) and addresses that run (``javascript:``, ``vbscript:``, ``data:`` other than
  an image) are errors;
* nothing is loaded from another site (the site must work on an intranet and offline): ``src``,
  ``srcset``, ``data``, ``poster`` …, the ``href`` of ``<link>``, ``<base>`` and SVG images, Markdown
  images and CSS ``url()``/``@import`` with ``http(s)://`` or ``//`` are errors. Links to other
  sites (``<a href>``, ``[文字](https://…)``) are allowed;
* no person's identifiers (:mod:`generator.check.privacy`) anywhere in the file, comments included.

Code (fenced blocks and inline code) and HTML comments show text instead of making HTML: the rules
of HTML do not look into them (the privacy scan does: they are published all the same).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.check.diagnostics import Diagnostic, make
from generator.check.privacy import check_text, locator
from generator.load.yamlfile import parse_yaml

#: Front matter as MkDocs finds it (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
#: Inline code: within one paragraph (a blank line ends it).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)

_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
#: One attribute of a tag (or of an attr_list block): as browsers read it, ``/`` may separate them.
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s<>]*))?""")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
#: A Markdown link or image and its address (which may hold balanced brackets: ``javascript:f(0)``); the text
#: in square brackets holds none (so that a run of "![" is read in linear time).
_LINK_TARGET = re.compile(r"(!?)\[[^\[\]\n]*\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_IMAGE_REFERENCE = re.compile(r"!\[([^\[\]\n]*)\](?:\[([^\[\]\n]*)\])?")
_CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)""", re.IGNORECASE)

_EVENT_HANDLER = re.compile(r"on[a-z]+", re.IGNORECASE)
#: Attributes whose address the browser loads by itself, on any tag; ``href`` only on these tags.
_LOADING = frozenset({"src", "srcset", "data", "poster", "background", "lowsrc", "dynsrc", "codebase", "archive"})
_LOADING_HREF_TAGS = frozenset({"link", "base", "image", "use", "feimage", "script"})
_RUNNING_SCHEMES = ("javascript:", "vbscript:", "data:")
_SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp|avif|bmp|x-icon)[;,]")
_SHOWN = 60  #: characters of an address shown in a message


@dataclass(frozen=True)
class _Address:
    """An address written in the page, where it stands, and whether the browser loads it by itself."""

    value: str
    start: int
    loaded: bool


def check_page(
    text: str, file: str, *, public: frozenset[str] = frozenset(), markdown: bool = True, front_matter: bool = True
) -> list[Diagnostic]:
    """What a hand-written page (Markdown, or HTML when not ``markdown``) may not publish (see the
    module), each at its line and column; ``public``: the mobile numbers the bureau publishes.
    ``front_matter=False``: the caller has read the front matter with the strict reader already
    (an entry file), so what that reader says of it is not said twice."""
    # as MkDocs reads a page: utf-8-sig, universal newlines (its front matter is found whatever the line ends)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    out = _front_matter(text, file) if markdown and front_matter else []
    markup = _without_code_and_comments(text, markdown=markdown)
    at = locator(text)
    for m in _TAG.finditer(markup):
        if m[1].lower() == "script":
            out.append(make("content-script", file, *at(m.start())))
    for _tag, name, start, value, _value_at in _attributes(markup):
        if _EVENT_HANDLER.fullmatch(name) and value is not None:
            out.append(make("content-event-handler", file, *at(start), attribute=name))
    for address in _addresses(markup):
        url = _plain(address.value)
        shown = address.value if len(address.value) <= _SHOWN else address.value[:_SHOWN] + "…"
        if url.startswith(_RUNNING_SCHEMES) and not _SAFE_DATA.match(url):
            out.append(make("content-script-url", file, *at(address.start), value=shown))
        elif address.loaded and url.startswith(("http://", "https://", "//")):
            out.append(make("content-external-resource", file, *at(address.start), value=shown))
    return out + check_text(text, file, public=public)


def _front_matter(text: str, file: str) -> list[Diagnostic]:
    """What the strict reader says of the page's front matter, at the page's own lines."""
    m = _FRONT_MATTER.match(text)
    if m is None or not m[1].strip():
        return []
    # a blank line in place of the opening "---" keeps the lines of the page
    return parse_yaml(("\n" + m[1]).encode("utf-8"), file)[1]


def _without_code_and_comments(text: str, *, markdown: bool) -> str:
    """The page with its HTML comments and (Markdown) code made blanks, every offset kept."""
    if "<!--" not in text and not (markdown and ("`" in text or "~~~" in text)):
        return text  # nothing to blank (most pages and entries): no need to copy it character by character
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    offset, fence = 0, ""
    for line in text.split("\n") if markdown else []:
        opening = _FENCE.match(line)
        if fence or opening:
            blank(offset, offset + len(line))
            if not fence:
                fence = opening[1] if opening else ""
            elif re.fullmatch(rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*", line):
                fence = ""
        offset += len(line) + 1
    for pattern in (_COMMENT, _CODE_SPAN) if markdown else (_COMMENT,):
        for m in pattern.finditer("".join(chars)):
            blank(m.start(), m.end())
    return "".join(chars)


def _attributes(text: str) -> Iterator[tuple[str, str, int, str | None, int]]:
    """(tag, attribute name, where it stands, value, where the value starts) of every attribute of
    every HTML tag but ``<script>`` (reported as a whole), and of every attr_list block (tag ``""``)."""
    for m in _TAG.finditer(text):
        tag, pos = m[1].lower(), m.end()
        if tag == "script":
            continue
        while pos < len(text) and text[pos] not in "<>":
            a = _ATTRIBUTE.match(text, pos)
            if a is None or a.end() == pos:
                break
            yield tag, a[1], a.start(1), _unquoted(a[2]), _value_start(a)
            pos = a.end()
    for m in _ATTR_LIST.finditer(text):
        for a in _ATTRIBUTE.finditer(m[1]):
            offset = m.start(1)
            yield "", a[1], offset + a.start(1), _unquoted(a[2]), offset + _value_start(a)


def _unquoted(value: str | None) -> str | None:
    if value and value[0] in "\"'":
        return value[1:-1]
    return value


def _value_start(a: re.Match[str]) -> int:
    if a[2] is None:
        return a.start(1)
    return a.start(2) + (1 if a[2][:1] in ("'", '"') else 0)


def _addresses(text: str) -> Iterator[_Address]:
    """Every address in the page: attribute values, Markdown links, images and references, CSS ``url()``."""
    for tag, name, _, value, start in _attributes(text):
        if value is None:
            continue
        lower = name.lower()
        if lower == "srcset":
            for candidate in re.finditer(r"[^\s,]\S*", value):
                yield _Address(candidate[0], start + candidate.start(), True)
            continue
        loaded = lower in _LOADING or (lower in ("href", "xlink:href") and tag in _LOADING_HREF_TAGS)
        yield _Address(value, start, loaded)
    # Each pattern is looked for only in a text holding what it cannot match without (the patterns
    # are slow on long Chinese text, which seldom holds any of it).
    references = {m[1].strip().lower(): m for m in _REFERENCE.finditer(text)} if "]:" in text else {}
    for m in _LINK_TARGET.finditer(text) if "](" in text else ():
        yield _Address(m[2], m.start(2), m[1] == "!")
    for m in references.values():
        yield _Address(m[2], m.start(2), False)
    for m in _IMAGE_REFERENCE.finditer(text) if references else ():
        definition = references.get((m[2] or m[1]).strip().lower())
        if definition is not None and text[m.end() : m.end() + 1] != "(":
            yield _Address(definition[2], m.start(), True)
    for m in _CSS_URL.finditer(text) if "(" in text or "@" in text else ():
        yield _Address(m[1], m.start(1), True)


def _plain(address: str) -> str:
    """An address as the browser reads it: entities decoded, blanks and control characters dropped,
    backslashes read as slashes, lower case."""
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(address)).replace("\\", "/").lower()
