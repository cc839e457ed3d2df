"""A notice saved from the bureau's old site (.html/.htm) as an entry: its title, 文号, 发布日期,
栏目, old address and its body in Markdown (``gkml import --entries 旧网页/``).

* Encoding: as for catalogue tables saved from a site (:func:`generator.exchange.htmltables.decode`:
  BOM, ``<meta charset>``, UTF-8, then charset-normalizer's guess; GB2312/GBK read as GB18030), but a
  page that says nothing, is not UTF-8 and reads as GB18030 is taken as GB18030 (:func:`decode_page`).
* What the page says of itself: the ``<meta>`` tags government sites carry (政府网站发展指引:
  ``ArticleTitle``, ``PubDate``, ``ColumnName``, ``Url``), ``og:url`` or ``<link rel="canonical">``,
  else ``<title>``, a “发布日期：…” line and the breadcrumb (“当前位置：首页 > … > 配给管理”).
* The body: the element that holds the article (an ``<article>``, ``<main>``, or an element whose
  id or class names the text: ``TRS_Editor``, ``zoom``, ``content``, ``article`` …; the one with the
  most text), without navigation, header, footer, forms and scripts; written as Markdown by the
  converter ``gkml new --entry --from`` uses for Word (:class:`generator.edit.entry_word.MarkdownWriter`).
  Links to the old site are made absolute against the page's address, so attachments still open;
  images are left out and counted. The title and the 文号 line are taken out of the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from generator.edit.entry_word import MarkdownWriter, _Node, normalise_doc_no
from generator.exchange import table as t
from generator.exchange.htmltables import decode, read_tables

#: Elements never part of a notice's text.
_DROP = frozenset(
    {"script", "style", "noscript", "template", "iframe", "nav", "footer", "aside", "form", "head", "select", "button"}
)
#: An id or class naming the element that holds the article's text.
_CONTENT_NAME = re.compile(
    r"trs_?editor|zoom|article|content|detail|main[-_]?text|wenzhang|zhengwen|news[-_]?text|\bzw\b|\bcon\b|text",
    re.IGNORECASE,
)
#: An id or class naming what is around the article (a sidebar, a share bar, the page's footer).
_AROUND_NAME = re.compile(r"nav|menu|footer|foot|header|sidebar|share|breadcrumb|crumb|position|print|bottom|top", re.I)
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_LABEL = re.compile(r"(?:发布日期|发布时间|发文日期|发稿时间)\s*[:：]\s*")
#: The line under a title: 发布日期：… 来源：… 浏览次数：… (the entry page shows its own).
_INFO_LINE = re.compile(r"^\s*(?:发布日期|发布时间|发稿时间|信息来源|来源|发布机构)\s*[:：]")
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]\s*(.+)")
_CRUMB_SPLIT = re.compile(r"\s*(?:>|＞|›|»|→|/|＞＞|>>)\s*")
_TITLE_SUFFIX = re.compile(r"\s*[-_|｜—–]\s*[^-_|｜—–]{2,40}$")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


@dataclass
class OldPage:
    """What a saved notice gives an entry."""

    file: str  #: as shown
    encoding: str
    title: str = ""
    doc_no: str = ""
    published: str = ""  #: ISO date, "" when the page does not say
    column: str = ""  #: the 栏目 it was published in, "" when the page does not say
    url: str = ""  #: its old address, "" when the page does not say
    body: str = ""  #: Markdown ending with a newline
    images: int = 0
    dropped: tuple[str, ...] = ()  #: lines of the article not put in the body (the 文号 and information lines)
    catalogue: bool = False  #: the page holds a catalogue table (for gkml import, not --entries)


def iso_date(text: str) -> str:
    """The first date in ``text`` (2025-03-12, 2025/3/12, 2025年3月12日, 2025.03.12 10:20) as ISO, or ""."""
    m = _DATE.search(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if m is None:
        return ""
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return ""


#: How deep elements nest in the tree at most: deeper ones are read as their parent's content (a page
#: nesting thousands of elements would otherwise exhaust the recursion of the walk and the writer).
_MAX_DEPTH = 100


class _PageTree(MarkdownWriter):
    """The page as a tree of elements (the Word converter's), with the means to write part of it."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = len(self.stack)
        super().handle_starttag(tag, attrs)
        if len(self.stack) > depth and depth >= _MAX_DEPTH:
            self.stack.pop()  # kept, but what follows stays at this depth

    def blocks_of(self, node: _Node) -> list[tuple[str, str]]:
        """The Markdown blocks of ``node``'s content: (plain text, Markdown), empty ones left out."""
        return [(plain, md) for plain, md in self._blocks(node.children) if md.strip()]

    def text_of(self, node: _Node) -> str:
        return self._text(node.children)


def _walk(node: _Node) -> list[_Node]:
    found = [node]
    for child in node.children:
        if isinstance(child, _Node):
            found += _walk(child)
    return found


def _meta(nodes: list[_Node]) -> dict[str, str]:
    """The page's ``<meta name|property=… content=…>`` by lower-case name, and its canonical link."""
    found: dict[str, str] = {}
    for node in nodes:
        if node.tag == "meta":
            name = (node.attrs.get("name") or node.attrs.get("property") or "").strip().lower()
            if name and node.attrs.get("content", "").strip():
                found.setdefault(name, " ".join(node.attrs["content"].split()))
        elif node.tag == "link" and "canonical" in node.attrs.get("rel", "").lower() and node.attrs.get("href"):
            found.setdefault("canonical", node.attrs["href"].strip())
    return found


def _prune(node: _Node) -> None:
    """Take out of ``node`` what is never a notice's text (see :data:`_DROP`)."""
    node.children = [
        c for c in node.children if not (isinstance(c, _Node) and (c.tag in _DROP or (_around(c) and not _content(c))))
    ]
    for child in node.children:
        if isinstance(child, _Node):
            _prune(child)


def _names(node: _Node) -> str:
    return f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}"


def _content(node: _Node) -> bool:
    return bool(_CONTENT_NAME.search(_names(node)))


def _around(node: _Node) -> bool:
    return bool(_AROUND_NAME.search(_names(node)))


def _container(tree: _PageTree, root: _Node) -> _Node:
    """The element holding the article: the named candidate with the most text, else ``<body>``."""
    nodes = _walk(root)
    named = [n for n in nodes if n.tag in ("article", "main") or (n.tag in ("div", "td", "section") and _content(n))]
    if named:
        return max(named, key=lambda n: (len(_SPACES.sub("", tree.text_of(n))), -nodes.index(n)))
    return next((n for n in nodes if n.tag == "body"), root)


def _resolve_links(node: _Node, base: str) -> None:
    for element in _walk(node):
        href = element.attrs.get("href", "")
        if element.tag == "a" and href and not href.startswith(("#", "javascript:", "mailto:")) and base:
            element.attrs["href"] = urljoin(base, href)


def _plain(text: str) -> str:
    return _SPACES.sub("", text)


_DECLARED = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
#: What a page saved from a county's site is in when it does not say and is not UTF-8.
_CHINESE = "gb18030"


def decode_page(raw: bytes) -> tuple[str, str]:
    """(text, encoding) of a saved page: as a catalogue page is read (:func:`decode`), except that a page
    that declares no charset, is not UTF-8 and reads as GB18030 is GB18030 (charset-normalizer's guess
    on a short Chinese page can be Big5 or a Western code page; sites on the mainland write GBK)."""
    text, encoding = decode(raw)
    if encoding in (_CHINESE, "utf-8", "utf-8-sig", "utf-16") or _DECLARED.search(raw[:4096]):
        return text, encoding
    try:
        return raw.decode(_CHINESE), _CHINESE
    except UnicodeDecodeError:
        return text, encoding


def read_old_page(raw: bytes, shown: str) -> OldPage:
    """The notice in the saved page ``raw`` (see the module); never raises for bad input."""
    text, encoding = decode_page(raw)
    page = OldPage(shown, encoding)
    page.catalogue = any(_is_catalogue_header(row) for table in read_tables(text) for row in table.rows[:5])
    tree = _PageTree()
    tree.feed(text)
    tree.close()
    nodes = _walk(tree.root)
    meta = _meta(nodes)
    title_node = next((n for n in nodes if n.tag == "title"), None)
    page_title = " ".join(tree.text_of(title_node).split()) if title_node is not None else ""
    whole = tree.text_of(tree.root)
    page.url = meta.get("url") or meta.get("og:url") or meta.get("canonical") or ""
    page.column = meta.get("columnname") or _breadcrumb_column(tree, nodes)
    page.published = iso_date(meta.get("pubdate", "")) or _labelled_date(whole)
    _prune(tree.root)
    container = _container(tree, tree.root)
    _resolve_links(container, page.url if page.url.startswith(("http://", "https://")) else "")
    blocks = tree.blocks_of(container)
    page.images = sum(1 for n in _walk(container) if n.tag == "img")
    page.title = meta.get("articletitle") or _title_in(blocks, page_title) or _TITLE_SUFFIX.sub("", page_title)
    page.title = " ".join(page.title.split())
    blocks = [b for b in blocks if _plain(b[0]) != _plain(page.title)] if page.title else blocks
    dropped = []
    for plain, _ in blocks[:8]:
        found = _doc_no_line(plain)
        if found:
            page.doc_no = found
            dropped.append(" ".join(plain.split()))
            blocks = [b for b in blocks if b[0] != plain]
            break
    dropped += [" ".join(b[0].split()) for b in blocks[:8] if _is_info_line(b[0])]
    blocks = [b for b in blocks if " ".join(b[0].split()) not in dropped]
    page.dropped = tuple(dropped)
    body = "\n\n".join(md for _, md in blocks)
    page.body = body + "\n" if body else ""
    return page


def _is_catalogue_header(row: list[str]) -> bool:
    return sum(1 for cell in row if cell.strip() and t.classify(cell) is not None) >= 3


def _title_in(blocks: list[tuple[str, str]], page_title: str) -> str:
    """A heading among the first blocks (the article's own title), preferring one ``<title>`` contains."""
    heads = [plain for plain, md in blocks[:6] if md.startswith("#")]
    for plain in heads:
        if _plain(plain) and _plain(plain) in _plain(page_title):
            return plain
    return heads[0] if heads else ""


def _doc_no_line(plain: str) -> str:
    line = plain.strip()
    if len(line) > 40:
        return ""
    found = normalise_doc_no(re.sub(r"^(?:文号|发文字号)\s*[:：]\s*", "", line))
    return found or ""


def _is_info_line(plain: str) -> bool:
    """The line under a title saying 发布日期/来源/浏览次数 (shown by the entry page itself)."""
    return bool(_INFO_LINE.match(plain)) and len(plain) < 160


def _labelled_date(text: str) -> str:
    m = _DATE_LABEL.search(text)
    return iso_date(text[m.end() : m.end() + 40]) if m else ""


def _breadcrumb_column(tree: _PageTree, nodes: list[_Node]) -> str:
    """The path of the breadcrumb (当前位置：首页 > … > 配给管理), or ""."""
    texts = [" ".join(tree.text_of(n).split()) for n in nodes if n.tag not in ("html", "body")]
    crumbs = sorted((t for t in texts if _BREADCRUMB.search(t) and len(t) < 200), key=len)
    for text in crumbs[:1]:
        m = _BREADCRUMB.search(text)
        parts = [p.strip() for p in _CRUMB_SPLIT.split(m[1]) if p.strip()] if m else []
        if parts:
            return " > ".join(parts)
    return ""
