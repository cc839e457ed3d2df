"""The fast reader of plain front matter gives what PyYAML gives, or steps aside.

Entries' front matter is read by :mod:`generator.load.plainyaml` when it is plain, else by
PyYAML: an editor must see the same values and the same line and column in every message
whichever read it. Documents are generated line by line from the forms front matter takes
(``键: 值``, flow lists and mappings, indented blocks, comments, blank lines) with values
drawn from characters YAML treats specially; whenever the fast reader answers, its values
and positions must equal PyYAML's and PyYAML must find nothing to report.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.load.plainyaml import read_plain
from generator.load.yamlfile import compose

ROOT = Path(__file__).resolve().parents[2]
#: Characters of values and keys: ordinary ones, and every one that means something to YAML.
CHARS = (
    list("示例县住房2025-03-12abcXY_ 0.（）〔〕：，")
    + list(":#,[]{}&*!|>'\"%@`?~\\\t")
    + [
        "\u3000",
        "\xa0",
        "\u2028",
        "\x85",
        "\ufeff",
    ]
)
WORDS = st.sampled_from(
    [
        "null",
        "~",
        "NULL",
        "true",
        "no",
        "2025-03-12",
        "12",
        "示例县住房和城乡建设局",
        "a b",
        "",
        "https://x.gov.cn/a?b=1&c#d",
        "a: b",
        "a #b",
        "a:",
    ]
)
PLAIN = (
    st.text(alphabet=st.sampled_from(list("示例县住房2025-03-12abcXY_ 0.（）〔〕：/")), min_size=1, max_size=8)
    .map(lambda t: t.strip(" -"))
    .filter(bool)
)
ANY = st.text(alphabet=st.sampled_from(CHARS), max_size=8)
#: Mostly what the fast reader takes, so that it answers often enough to be compared.
TEXT = st.one_of(PLAIN, PLAIN, PLAIN, WORDS, ANY)
KEY = st.one_of(*[st.sampled_from(["id", "标题", "事项", "审核", "审核人", "关联", "null", "a1"])] * 6, TEXT)


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    """One construct of front matter as its lines."""
    key = draw(KEY) + draw(st.sampled_from(["", "1", "2", "3", "4", "5", "6", "7", "8", "9"]))  # seldom the same twice
    value, space = draw(TEXT), draw(st.sampled_from([" ", " ", " ", "", "  "]))
    kinds = ["pair", "empty", "flow-list", "flow-map", "flow-maps", "block-map", "block-maps", "block-list", "comment"]
    kinds.append("blank")
    kind = draw(st.sampled_from(kinds))
    if kind == "pair":
        return [f"{key}:{space}{value}"]
    if kind == "empty":
        return [f"{key}:{space}"]
    if kind == "flow-list":
        items = draw(st.lists(TEXT, max_size=3))
        return [f"{key}: [" + draw(st.sampled_from([", ", ",", " , "])).join(items) + "]"]
    if kind == "flow-map":
        pairs = draw(st.lists(st.tuples(KEY, TEXT), max_size=3))
        return [f"{key}: {{" + ", ".join(f"{k}:{space}{v}" for k, v in pairs) + "}"]
    if kind == "flow-maps":
        maps = draw(st.lists(st.lists(st.tuples(KEY, TEXT), max_size=2), max_size=3))
        return [f"{key}: [" + ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in m) + "}" for m in maps) + "]"]
    indent = draw(st.sampled_from(["  ", "  ", "  ", "", "   "]))
    if kind == "block-map":
        pairs = draw(st.lists(st.tuples(KEY, TEXT), min_size=1, max_size=3))
        return [f"{key}:", *(f"{indent}{k}: {v}" for k, v in pairs)]
    if kind == "block-maps":
        maps = draw(st.lists(st.lists(st.tuples(KEY, TEXT), min_size=1, max_size=2), min_size=1, max_size=2))
        inner = draw(st.sampled_from(["  ", "  ", " ", "   "]))
        return [
            f"{key}:",
            *(
                f"{indent if n == 0 else indent + inner}{'- ' if n == 0 else ''}{k}: {v}"
                for m in maps
                for n, (k, v) in enumerate(m)
            ),
        ]
    if kind == "block-list":
        items = draw(st.lists(TEXT, min_size=1, max_size=3))
        return [f"{key}:", *(f"{indent}- {v}" for v in items)]
    if kind == "comment":
        return [f"#{value}"]
    return [""]


@given(st.lists(lines(), min_size=1, max_size=8))
def test_the_fast_reader_gives_pyyamls_values_and_positions_or_none(parts: list[list[str]]) -> None:
    text = "\n" + "\n".join(line for part in parts for line in part) + "\n"
    fast = read_plain(text)
    if fast is None:
        return
    doc, diagnostics = compose(text, "f.md", [])
    assert doc is not None and diagnostics == [], text
    assert fast == (doc.data, doc.positions, doc.key_positions), text


def test_the_example_entries_are_read_fast_and_the_same() -> None:
    """The form the example's entries (and ``gkml new``) use is the fast reader's: else it would
    not make ``gkml check`` faster."""
    files = sorted((ROOT / "catalogue").glob("*/*/*/*.md"))
    assert len(files) > 150
    fast_read = 0
    for path in files:
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        text = "\n" + front
        fast = read_plain(text)
        if fast is not None:
            fast_read += 1
            doc, _ = compose(text, path.name, [])
            assert doc is not None and fast == (doc.data, doc.positions, doc.key_positions), path
    assert fast_read >= 0.9 * len(files)


PLAIN_VALUE = st.one_of(PLAIN, st.sampled_from(["null", "~", "https://x.gov.cn/a?b=1&c#d", "附件/名单.pdf", "a:b"]))


@st.composite
def plain_lines(draw: st.DrawFn, key: str) -> list[str]:
    """One construct in the plain form (the forms entries are written in)."""
    kinds = ["pair", "empty", "flow-list", "flow-map", "flow-maps", "block-map", "block-maps", "block-list"]
    kind = draw(st.sampled_from(kinds))
    flow = PLAIN.filter(lambda t: ":" not in t)
    if kind == "pair":
        return [f"{key}: {draw(PLAIN_VALUE)}"]
    if kind == "empty":
        return [f"{key}:"]
    if kind == "flow-list":
        return [f"{key}: [" + ", ".join(draw(st.lists(flow, max_size=3))) + "]"]
    pairs = st.lists(
        st.tuples(st.sampled_from(["名称", "文件", "审核人"]), flow), min_size=1, max_size=3, unique_by=lambda p: p[0]
    )
    if kind == "flow-map":
        return [f"{key}: {{" + ", ".join(f"{k}: {v}" for k, v in draw(pairs)) + "}"]
    if kind == "flow-maps":
        maps = draw(st.lists(pairs, min_size=1, max_size=3))
        return [f"{key}: [" + ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in m) + "}" for m in maps) + "]"]
    indent = draw(st.sampled_from(["  ", ""])) if kind in ("block-list", "block-maps") else "  "
    if kind == "block-maps":
        maps = draw(st.lists(pairs, min_size=1, max_size=3))
        return [f"{key}:", *(f"{indent}{'- ' if n == 0 else '  '}{k}: {v}" for m in maps for n, (k, v) in enumerate(m))]
    if kind == "block-map":
        return [f"{key}:", *(f"  {k}: {v}" for k, v in draw(pairs))]
    return [f"{key}:", *(f"{indent}- {v}" for v in draw(st.lists(PLAIN_VALUE, min_size=1, max_size=3)))]


@st.composite
def plain_documents(draw: st.DrawFn) -> str:
    keys = draw(
        st.lists(
            st.sampled_from(["id", "标题", "事项", "发布日期", "附件", "关联", "审核", "网址"]), min_size=1, unique=True
        )
    )
    parts = [draw(plain_lines(key)) for key in keys]
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), ["# 注释：可以删去"])
    return "\n" + "\n".join(line for part in parts for line in part) + "\n"


@given(plain_documents())
def test_front_matter_in_the_plain_form_is_read_fast_and_the_same(text: str) -> None:
    fast = read_plain(text)
    doc, diagnostics = compose(text, "f.md", [])
    assert doc is not None and diagnostics == [], text
    assert fast == (doc.data, doc.positions, doc.key_positions), text
