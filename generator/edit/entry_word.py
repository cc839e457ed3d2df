"""A Word notice (.docx) as an entry: its title, its 文号 and its body in Markdown.

``gkml new --entry … --from 通知.docx`` reads the file in two passes:

1. :mod:`generator.exchange.wordfile` checks the archive (size once unpacked, no document type
   declarations), tells a notice from a catalogue table (that one is for ``gkml import``), and
   lists the paragraphs with what marks a title: centred, bold throughout, a heading style;
2. mammoth (a maintained .docx → HTML converter that keeps the structure and drops the
   formatting) gives HTML, which :class:`MarkdownWriter` writes as Markdown with a small mapping:
   headings (Word's 标题 1 → ``##``: the entry's title is the page's only ``#``), paragraphs,
   bold and italics, line breaks, bulleted and numbered lists (nested), tables (first row as
   the header), links to http(s) addresses; images are left out and counted (the editor is told
   to add them as attachments); everything else is kept as plain text, escaped so that nothing
   in it is read as Markdown or HTML.

The **title** is the first paragraph starting with 关于 among the first paragraphs, else the
first one that is a heading, centred or bold (not the 文号 line, not a 发文机关标志 such as
“示例县住房和城乡建设局文件”). The **文号** is a line such as ``示建发〔2025〕12号`` (also with
``[]``, ``()``, ``【】`` or full-width brackets, normalised to 〔〕). Both go into the front matter
and are removed from the body.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.exchange.wordfile import Paragraph, WordError, is_catalogue, read_docx
from generator.model.limits import Limits

#: How many paragraphs from the top the title and the 文号 are looked for in.
_HEAD_PARAGRAPHS = 8
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
#: 文号: 机关代字, the year in brackets, the number and 号 (示建发〔2025〕12号).
DOC_NO = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{1,15}?)\s*[〔\[［(（【]\s*(?P<year>(?:19|20)[0-9]{2})\s*[〕\]］)）】]"
    r"\s*第?\s*(?P<number>[0-9]{1,5})\s*号"
)
#: A paragraph that is the 文号 (perhaps after “文号：”, perhaps followed by 签发人 on the same line).
_DOC_NO_LINE = re.compile(r"^(?:文号\s*[:：]\s*)?(?P<no>.+?号)\s*(?:签发人\s*[:：].*)?$")
_ISSUER_MARK = re.compile(r"文件$")  #: 发文机关标志: “示例县住房和城乡建设局文件”
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


class EntryWordError(Exception):
    """The file cannot become an entry; the message says why and what to do (Chinese)."""


@dataclass
class Converted:
    """What a notice gives an entry."""

    title: str = ""
    doc_no: str = ""
    body: str = ""  #: Markdown, ending with a newline ("" when the document has no text)
    images: int = 0  #: images left out


def normalise_doc_no(text: str) -> str | None:
    """The 文号 in ``text`` written as it should be (六角括号〔〕, half-width digits), or None."""
    m = DOC_NO.search(text.translate(_DIGITS))
    return f"{m['org']}〔{m['year']}〕{int(m['number'])}号" if m else None


def _plain(text: str) -> str:
    return _SPACES.sub("", text)


def find_doc_no(paragraphs: list[Paragraph]) -> tuple[str, str]:
    """The 文号 (normalised) and the text of the paragraph holding it, or ("", "")."""
    for paragraph in paragraphs[:_HEAD_PARAGRAPHS]:
        line = _DOC_NO_LINE.match(paragraph.text.strip().translate(_DIGITS))
        if line is None:
            continue
        found = DOC_NO.fullmatch(_plain(line["no"]))
        if found:
            return f"{found['org']}〔{found['year']}〕{int(found['number'])}号", paragraph.text
    return "", ""


def find_title(paragraphs: list[Paragraph], doc_no_line: str = "") -> str:
    """The notice's title (see the module), or ""."""
    head = [p for p in paragraphs[:_HEAD_PARAGRAPHS] if p.text != doc_no_line and "\n" not in p.text]
    for paragraph in head:
        if _plain(paragraph.text).startswith("关于"):
            return _SPACES.sub(" ", paragraph.text).strip()
    for paragraph in head:
        if (paragraph.heading or paragraph.centred or paragraph.bold) and not _ISSUER_MARK.search(paragraph.text):
            return _SPACES.sub(" ", paragraph.text).strip()
    return ""


def convert_docx(raw: bytes, shown: str, limits: Limits) -> Converted:
    """The title, 文号 and Markdown body of the notice ``raw`` (shown as ``shown``).

    Raises :class:`EntryWordError` (Chinese) when the file cannot be read, or is a catalogue table.
    """
    try:
        document = read_docx(raw, shown, limits)
    except WordError as error:
        raise EntryWordError(f"{error.diagnostic.message}（{error.diagnostic.hint}）") from None
    if is_catalogue(document):
        raise EntryWordError(
            f"{shown} 主要是一张标准目录表格（有“公开事项”“公开内容”“公开依据”等列），不是一份公文。"
            "导入目录表格请在 Word 中选中整张表格复制到 Excel，保存为 .xlsx 后运行 gkml import；"
            "gkml new --entry --from 用于把通知、公告等公文发布为公开信息。"
        )
    html = _html(raw, shown)
    doc_no, doc_no_line = find_doc_no(document.paragraphs)
    title = find_title(document.paragraphs, doc_no_line)
    writer = MarkdownWriter()
    writer.feed(html)
    writer.close()
    blocks = writer.blocks()
    for text in (title, doc_no_line):
        if text:
            blocks = _without_first(blocks, text)
    body = "\n\n".join(markdown for _, markdown in blocks)
    return Converted(title, doc_no, body + "\n" if body else "", writer.images)


def _html(raw: bytes, shown: str) -> str:
    import mammoth  # type: ignore[import-untyped]  # no type information; loaded only for --from

    def no_image(_: object) -> dict[str, str]:
        return {"src": ""}  # the image's bytes are not read: it is dropped (and counted) below

    try:
        result = mammoth.convert_to_html(io.BytesIO(raw), convert_image=mammoth.images.img_element(no_image))
    except Exception as error:  # a damaged file can make the converter fail anywhere
        raise EntryWordError(
            f"无法转换 {shown}：{type(error).__name__}。请用 Word 或 WPS 打开后另存为 .docx（Word 文档）再试。"
        ) from None
    return str(result.value)


def _without_first(blocks: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """``blocks`` without the first whose text is ``text`` (white space aside)."""
    wanted = _plain(text)
    for i, (plain, _) in enumerate(blocks):
        if _plain(plain) == wanted:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


# -- HTML → Markdown -----------------------------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


_VOID = frozenset({"img", "br", "hr"})
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s)|=+\s*$|(?P<n>[0-9]+)(?P<d>[.)])(?=\s))")
_HEADING = re.compile(r"^h([1-6])$")
_MAX_SPAN = 100  #: cells a merged cell stands for, at most (a table is not made wider by a wrong colspan)
#: The tags whose content is a block of its own.
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "blockquote", "li"})


def _escape(text: str) -> str:
    """Plain text as Markdown that shows it as written (no emphasis, link, code or HTML)."""
    text = _ENTITY.sub("&amp;", text)
    return _INLINE_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


def _line_start(markdown: str) -> str:
    """A block's first characters escaped when Markdown would read them as a heading, quote or list."""
    m = _LINE_START.match(markdown)
    if m is None:
        return markdown
    if m["n"]:
        return f"{m[1]}{m['n']}\\{m['d']}{markdown[m.end() :]}"
    return f"{m[1]}\\{markdown[len(m[1]) :]}"


class MarkdownWriter(HTMLParser):
    """Mammoth's HTML as Markdown blocks (see the module): feed it, then call :meth:`blocks`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.images = 0

    # -- the tree
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag == "img":
            self.images += 1
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    # -- Markdown
    def blocks(self) -> list[tuple[str, str]]:
        """Each block as (its plain text, its Markdown), in order; empty blocks left out."""
        return [(plain, md) for plain, md in self._blocks(self.root.children) if md.strip()]

    def _blocks(self, children: list[_Node | str]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        loose: list[_Node | str] = []  # inline content between blocks: a paragraph of its own
        for child in children:
            if isinstance(child, _Node) and child.tag in _BLOCKS:
                out += self._paragraph(loose)
                loose = []
                out += self._block(child)
            else:
                loose.append(child)
        return out + self._paragraph(loose)

    def _paragraph(self, children: list[_Node | str], prefix: str = "") -> list[tuple[str, str]]:
        text = self._inline(children).strip(" \t\n\u3000\xa0")
        if not text.replace("  \n", "").strip():
            return []
        lines = [line.strip(" \t\u3000\xa0") for line in text.split("  \n")]
        markdown = "  \n".join(_line_start(line) for line in lines if line)
        return [(self._text(children), prefix + markdown)]

    def _block(self, node: _Node) -> list[tuple[str, str]]:
        heading = _HEADING.match(node.tag)
        if heading:
            level = min(int(heading[1]) + 1, 6)
            text = " ".join(self._inline(node.children).replace("  \n", " ").split())
            return [(self._text(node.children), "#" * level + " " + text)] if text else []
        if node.tag == "p":
            return self._paragraph(node.children)
        if node.tag in ("ul", "ol"):
            lines = self._list(node, 0)
            return [(self._text(node.children), "\n".join(lines))] if lines else []
        if node.tag == "table":
            table = self._table(node)
            return [(self._text(node.children), table)] if table else []
        return self._blocks(node.children)  # div, blockquote, a stray li: their content

    def _list(self, node: _Node, depth: int) -> list[str]:
        lines: list[str] = []
        number = 0
        for item in node.children:
            if not isinstance(item, _Node) or item.tag != "li":
                continue
            number += 1
            marker = f"{number}. " if node.tag == "ol" else "- "
            inline = [c for c in item.children if not (isinstance(c, _Node) and c.tag in ("ul", "ol"))]
            nested = [c for c in item.children if isinstance(c, _Node) and c.tag in ("ul", "ol")]
            parts = [md for _, md in self._blocks(inline)]
            text = " ".join(part.replace("\n", " ") for part in parts)
            lines.append("    " * depth + marker + text)
            for sub in nested:
                lines += self._list(sub, depth + 1)
        return lines

    def _table(self, node: _Node) -> str:
        rows: list[list[str]] = []
        for tr in _descendants(node, "tr"):
            cells = [c for c in tr.children if isinstance(c, _Node) and c.tag in ("td", "th")]
            row: list[str] = []
            for cell in cells:
                parts = [md for _, md in self._blocks(cell.children)]
                text = " ".join(" ".join(part.split("\n")) for part in parts).replace("|", "\\|")
                row.append(text.replace("  ", " ").strip())
                span = cell.attrs.get("colspan", "1")
                row += [""] * min(int(span) - 1 if span.isdigit() else 0, _MAX_SPAN)
            rows.append(row)
        rows = [r for r in rows if any(r)]
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)

    def _inline(self, children: list[_Node | str]) -> str:
        out: list[str] = []
        for child in children:
            if isinstance(child, str):
                out.append(_escape(child.replace("\n", " ")))
                continue
            tag = child.tag
            if tag == "br":
                out.append("  \n")
            elif tag == "img":
                continue
            elif tag in ("strong", "b", "em", "i"):
                inner = self._inline(child.children)
                mark = "**" if tag in ("strong", "b") else "*"
                core = inner.strip()
                if core and "  \n" not in core:
                    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
                    out.append(f"{lead}{mark}{core}{mark}{trail}")
                else:
                    out.append(inner)
            elif tag == "a":
                inner = self._inline(child.children)
                href = child.attrs.get("href", "")
                if inner.strip() and href.startswith(("http://", "https://")) and not any(c in href for c in " ()<>"):
                    out.append(f"[{inner.strip()}]({href})")
                else:
                    out.append(inner)
            elif tag in _BLOCKS:  # a block inside inline content (a paragraph in a list item): one line
                out.append(" ".join(md for _, md in self._blocks([child])))
            else:
                out.append(self._inline(child.children))  # u, s, sup, sub, span …: their text
        return "".join(out)

    def _text(self, children: list[_Node | str]) -> str:
        return "".join(c if isinstance(c, str) else self._text(c.children) for c in children)


def _descendants(node: _Node, tag: str) -> list[_Node]:
    found: list[_Node] = []
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                found.append(child)
            elif child.tag != "table":  # rows of a nested table are that table's
                found += _descendants(child, tag)
    return found
