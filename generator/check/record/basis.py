"""依据: laws and documents, 《title》 with an optional （文号）, as text or as 标题/文号/网址.

Titles need paired book-title marks 《》; the year of a 文号 goes in 〔〕, the national
form (建办厅〔2019〕71号): other brackets are reported and corrected.
"""

from __future__ import annotations

import re

from generator.check.record.keys import report_unknown_key
from generator.check.record.links import read_url
from generator.check.record.reader import FieldReader
from generator.load.yamlfile import Path_
from generator.model.placeholders import is_placeholder
from generator.model.records import Basis, FieldSpec

_BASIS = re.compile(r"^(《[^》]*》[^（(]*?)\s*(?:[（(]\s*([^（）()]+?)\s*[）)])?\s*$")
#: Keys of a 依据 written as a mapping: title, 文号, address (the editors' schema offers them too).
BASIS_KEYS = ("标题", "文号", "网址")
_MAPPING_KEYS = tuple(sorted(BASIS_KEYS))  # the message lists them sorted
#: A year in the wrong brackets inside a 文号: 建办厅[2019]71号, (2019), 【2019】, ［2019］ → 〔2019〕.
_DOC_NO_YEAR = re.compile(
    r"(?<=[\u4e00-\u9fff])\s*[\[【(（［﹝{｛]\s*((?:19|20)\d{2})\s*[\]】)）］﹞}｝]\s*(?=第?\d+\s*号)"
)


def fix_doc_no_brackets(text: str) -> str:
    """``text`` with the years of its 文号 in 〔〕, the national form (建办厅〔2019〕71号)."""
    return _DOC_NO_YEAR.sub(r"〔\1〕", text)


def fix_title_brackets(text: str) -> str:
    """A best guess at ``text`` with its 《》 paired, for the editor's hint."""
    title = text.replace("《", "").replace("》", "")
    cut = min((i for i in (title.find("（"), title.find("(")) if i > 0), default=len(title))
    return f"《{title[:cut].strip()}》{title[cut:].strip()}"


def read_basis(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> tuple[Basis, ...]:
    """The 依据, each written as text or as a 标题/文号/网址 mapping."""
    result = []
    for item, at in reader.one_or_many(value, path, spec):
        if isinstance(item, dict):
            basis = _basis_mapping(reader, item, at, spec)
        else:
            text = reader.text(item, at, spec)
            basis = _basis_text(reader, text, at, spec) if text is not None else None
        if basis is not None:
            result.append(basis)
    return tuple(result)


def _basis_text(reader: FieldReader, text: str, at: Path_, spec: FieldSpec) -> Basis | None:
    """《title》（文号） in one line (or a placeholder of gkml import's, kept as the title)."""
    if is_placeholder(text):
        return Basis(title=text)
    fixed = fix_doc_no_brackets(text)
    if fixed != text:
        reader.report("basis-docno-brackets", at, spec, value=text, fixed=fixed)
        text = fixed
    if ("《" in text) != ("》" in text) or text.count("《") != text.count("》"):
        reader.report("basis-brackets", at, spec, value=text, fixed=fix_title_brackets(text))
        return None
    match = _BASIS.match(text)
    if not match:
        reader.report("basis-format", at, spec, value=text)
        return None
    return Basis(title=match.group(1).strip(), doc_no=(match.group(2) or "").strip())


def _basis_mapping(reader: FieldReader, item: dict[str, object], at: Path_, spec: FieldSpec) -> Basis | None:
    """标题 (required), 文号 and 网址 as keys of their own."""
    for key in item:
        if key not in _MAPPING_KEYS:
            report_unknown_key(reader, key, (*at, key), _MAPPING_KEYS, spec)
    if "标题" not in item:
        reader.report("basis-title-missing", at, spec)
        return None
    title = _mapping_title(reader, item["标题"], (*at, "标题"), spec)
    if title is None:
        return None
    doc_no = _mapping_doc_no(reader, item.get("文号"), (*at, "文号"), spec)
    return Basis(title=title, doc_no=doc_no, url=read_url(reader, item.get("网址"), (*at, "网址"), spec))


def _mapping_title(reader: FieldReader, value: object, at: Path_, spec: FieldSpec) -> str | None:
    """The 标题 of a mapping: 《title》, its marks paired."""
    title = reader.text(value, at, spec)
    if title is None:
        return None
    if title.count("《") != title.count("》"):
        reader.report("basis-brackets", at, spec, value=title, fixed=fix_title_brackets(title))
        return None
    if not (title.startswith("《") and "》" in title):
        reader.report("basis-format", at, spec, value=title)
        return None
    return title


def _mapping_doc_no(reader: FieldReader, value: object, at: Path_, spec: FieldSpec) -> str:
    """The optional 文号 of a mapping, its year's brackets corrected."""
    if value in (None, ""):
        return ""
    doc_no = reader.text(value, at, spec) or ""
    fixed = fix_doc_no_brackets(doc_no)
    if fixed != doc_no:
        reader.report("basis-docno-brackets", at, spec, value=doc_no, fixed=fixed)
    return fixed
