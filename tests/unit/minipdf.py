"""Tiny PDF files for the tests, written by hand (a PDF is text with byte offsets).

Chinese text uses the standard CID font STSong-Light with the UniGB-UCS2-H encoding (each
character its UCS-2 code, nothing embedded; every PDF reader has it) and a ToUnicode map, so that
a text extractor gives the characters back.
"""

from __future__ import annotations

import zlib

_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""
_CMAP_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def _stream(content: bytes, *, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        content = zlib.compress(content)
        extra += b"/Filter/FlateDecode"
    return b"<</Length %d%s>>stream\n" % (len(content), extra) + content + b"\nendstream"


def _to_unicode(text: str) -> bytes:
    """A ToUnicode map for the UCS-2 codes of the characters in ``text`` (each maps to itself)."""
    codes = sorted({ord(c) for c in text if ord(c) < 0x10000})
    body = b""
    for start in range(0, len(codes), 100):  # at most 100 entries a block
        chunk = codes[start : start + 100]
        body += b"%d beginbfchar\n" % len(chunk)
        body += b"".join(b"<%04X> <%04X>\n" % (c, c) for c in chunk)
        body += b"endbfchar\n"
    return _CMAP_HEAD + body + _CMAP_TAIL


def pdf(pages: list[str | None], *, compress: bool = True) -> bytes:
    """A PDF with one page per item of ``pages``: its lines of text, or None for a page that only
    shows an image (a scanned page)."""
    all_text = "".join(p for p in pages if p)
    objects: dict[int, bytes] = {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        3: b"<</Type/Font/Subtype/Type0/BaseFont/STSong-Light/Encoding/UniGB-UCS2-H"
        b"/DescendantFonts[4 0 R]/ToUnicode 5 0 R>>",
        4: b"<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light"
        b"/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>/FontDescriptor 6 0 R/DW 1000>>",
        5: _stream(_to_unicode(all_text), compress=compress),
        6: b"<</Type/FontDescriptor/FontName/STSong-Light/Flags 4/FontBBox[0 -200 1000 900]"
        b"/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 880/StemV 80>>",
    }
    kids = []
    number = 7
    for text in pages:
        page, contents, image = number, number + 1, number + 2
        if text is None:
            content = b"q 495 0 0 742 50 50 cm /Im1 Do Q"
            objects[image] = _stream(
                b"\x80\x80\x80",
                extra=b"/Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8",
            )
            resources = b"<</XObject<</Im1 %d 0 R>>>>" % image
        else:
            lines = [b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*" for line in text.split("\n")]
            content = b"\n".join([b"BT /F1 12 Tf 16 TL 50 780 Td", *lines, b"ET"])
            resources = b"<</Font<</F1 3 0 R>>>>"
        objects[contents] = _stream(content, compress=compress)
        objects[page] = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources %s/Contents %d 0 R>>" % (
            resources,
            contents,
        )
        kids.append(page)
        number += 3
    objects[2] = b"<</Type/Pages/Kids[%s]/Count %d>>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return _file(objects)


def _file(objects: dict[int, bytes]) -> bytes:
    """The objects as a PDF file, with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
