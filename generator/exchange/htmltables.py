"""The tables of a web page saved from a bureau's site (.html/.htm), as grids of cell texts.

* Encoding: a byte-order mark, else the page's own ``<meta charset>`` (or ``http-equiv``
  Content-Type) in its first 4 KB, else UTF-8 when the bytes are valid UTF-8, else the guess of
  charset-normalizer (maintained, pure Python, the detector requests uses). GB2312 and GBK are
  read as GB18030, which contains both (pages labelled GB2312 often hold GBK characters).
* Tables: the standard library's ``html.parser`` (no network, no scripts, nothing loaded);
  every ``<table>`` becomes a grid, nested ones each their own (a layout table's cell holds only
  its own text); ``rowspan``/``colspan`` become merged ranges; ``<br>`` and block elements
  break lines; scripts, styles and the page around the tables are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030"}
_BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "template", "noscript"})
#: rowspan and colspan are bounded, so that a page cannot make a grid of millions of cells.
_MAX_SPAN = 1_000


@dataclass
class HtmlTable:
    """One table: rows of cell texts placed on the grid, and the merged ranges (1-based, inclusive)."""

    rows: list[list[str]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding used) of a saved page: BOM, then ``<meta charset>``, then UTF-8, then a guess."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(name, errors="replace"), name
    meta = _META.search(raw[:4096])
    if meta:
        name = meta.group(1).decode("ascii").lower()
        name = _WIDER.get(name, name)
        try:
            return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # the page's label is wrong: look at its bytes
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported when needed: most pages say their encoding

    best = from_bytes(raw).best()
    name = _WIDER.get(best.encoding, best.encoding) if best is not None else "gb18030"
    return raw.decode(name, errors="replace"), name


def _span(value: str | None) -> int:
    try:
        return max(1, min(_MAX_SPAN, int((value or "1").strip())))
    except ValueError:
        return 1


class _Cell:
    def __init__(self, rowspan: int, colspan: int) -> None:
        self.rowspan, self.colspan = rowspan, colspan
        self.text: list[str] = []


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []

    def place(self) -> HtmlTable:
        """The cells on the grid: each at the first column its row leaves free (rowspans above taken)."""
        out = HtmlTable()
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows, start=1):
            col = 1
            for cell in row:
                while (r, col) in taken:
                    col += 1
                text = "\n".join(line.strip() for line in "".join(cell.text).split("\n") if line.strip())
                while len(out.rows) < r:
                    out.rows.append([])
                line = out.rows[r - 1]
                line += [""] * (col - len(line))
                line[col - 1] = text
                if cell.rowspan > 1 or cell.colspan > 1:
                    out.merges.append((r, col, r + cell.rowspan - 1, col + cell.colspan - 1))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, col + dc))
                col += cell.colspan
        return out


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.cells: list[_Cell | None] = []  #: the open cell of each open table
        self.done: list[_Table] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.stack.append(_Table())
            self.cells.append(None)
        elif not self.stack:
            return
        elif tag == "tr":
            self.stack[-1].rows.append([])
            self.cells[-1] = None
        elif tag in ("td", "th"):
            table = self.stack[-1]
            if not table.rows:
                table.rows.append([])
            given = dict(attrs)
            cell = _Cell(_span(given.get("rowspan")), _span(given.get("colspan")))
            table.rows[-1].append(cell)
            self.cells[-1] = cell
        elif tag == "br" or tag in _BLOCKS:
            self._text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.stack:
            self.done.append(self.stack.pop())
            self.cells.pop()
        elif tag in ("td", "th") and self.cells:
            self.cells[-1] = None
        elif tag in _BLOCKS:
            self._text("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(data.replace("\u00a0", " "))

    def _text(self, text: str) -> None:
        if self.cells and self.cells[-1] is not None:
            self.cells[-1].text.append(text)


def read_tables(text: str) -> list[HtmlTable]:
    """Every table of the page, in the order each ends (an inner table before the one around it)."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    while parser.stack:  # tables left open at the end of the page
        parser.done.append(parser.stack.pop())
    return [t.place() for t in parser.done]
