"""The compact search index: its shape, pinyin, deduplication, and its size for the example catalogue."""

from __future__ import annotations

import gzip
import json

import pytest

from generator.load.catalogue import load_catalogue
from generator.model import vocab
from generator.model.records import Catalogue
from generator.model.slugs import initials, pinyin_syllables, slugify
from generator.site.routes import SEARCH_INDEX as INDEX_PATH
from generator.site.routes import Routes
from generator.site.search_index import INDEX_VERSION, build_search_index, facet_bits, search_data

from .helpers import CATALOGUE, formatted


def unwrap(text: str) -> object:
    prefix, suffix = "gkmlSearchData(", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(text[len(prefix) : -len(suffix)])


def test_index_location() -> None:
    assert INDEX_PATH == "search/index.js"


def test_data_shape(golden_catalogue: Catalogue) -> None:
    data = search_data(golden_catalogue, Routes())
    assert set(data) == {"v", "item", "facets", "cats", "docs", "subj", "items"}
    assert data["v"] == INDEX_VERSION
    assert data["item"] == "item/ID/"
    assert data["cats"] == [
        ["保障性住房", "办事指南", "bzxzf/bszn/"],
        ["保障性住房", "配给管理", "bzxzf/pjgl/"],
        ["市政服务", "燃气经营许可", "szfw/rqjyxk/"],
    ]
    assert len(data["items"]) == len(golden_catalogue.records) == 4
    assert data["facets"] == {
        "方式": ["主动", "依申请"],
        "对象": ["全社会", "特定群体"],
        "层级": ["市级", "县级", "乡级"],
    }
    for item in data["items"]:
        record_id, title, cat, pinyin, content, docs, subject, methods, audiences, levels = item
        assert isinstance(record_id, str) and isinstance(title, str) and isinstance(content, str)
        assert 0 <= cat < len(data["cats"])
        assert all(0 <= d < len(data["docs"]) for d in docs)
        assert 0 <= subject < len(data["subj"])
        assert pinyin == pinyin.lower() and pinyin.isascii()
        assert 0 < methods < 4 and 0 < audiences < 4 and 0 < levels < 8


def test_item_fields(golden_catalogue: Catalogue) -> None:
    data = search_data(golden_catalogue, Routes())
    by_id = {item[0]: item for item in data["items"]}
    _, title, cat, pinyin, content, docs, subject, *_bits = by_id["bzxzf-pjgl-zgsh"]
    assert title == "公租房承租资格审核"
    assert data["cats"][cat][1] == "配给管理"
    assert pinyin == "gong zu fang cheng zu zi ge shen he"
    assert content == "申请条件、审核结果、轮候情况"
    assert [data["docs"][d] for d in docs] == [
        "《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "《公共租赁住房管理办法》（住房和城乡建设部令第11号）",
    ]
    assert data["subj"][subject] == "示例县住房和城乡建设局住房保障股"


def unpack(bits: int, values: list[str]) -> list[str]:
    """The filter values whose bits are set (as the search page decodes them)."""
    return [v for i, v in enumerate(values) if bits & (1 << i)]


def test_filter_values_are_bit_sets_in_vocabulary_order(golden_catalogue: Catalogue) -> None:
    data = search_data(golden_catalogue, Routes())
    facets = data["facets"]
    records = {r.id: r for r in golden_catalogue.records}
    for item in data["items"]:
        record = records[item[0]]
        assert unpack(item[7], facets["方式"]) == [m for m in vocab.METHODS if m in record.methods]
        kinds = {a.kind for a in record.audiences}
        assert unpack(item[8], facets["对象"]) == [a for a in vocab.AUDIENCES if a in kinds]
        assert unpack(item[9], facets["层级"]) == [lv for lv in vocab.LEVELS if lv in record.levels]


def test_filter_bits_of_every_combination() -> None:
    assert facet_bits([], vocab.METHODS) == 0
    assert facet_bits(["主动"], vocab.METHODS) == 1
    assert facet_bits(["依申请"], vocab.METHODS) == 2
    assert facet_bits(["依申请", "主动", "主动"], vocab.METHODS) == 3
    assert facet_bits(["乡级", "市级"], vocab.LEVELS) == 5
    assert facet_bits(["不存在"], vocab.LEVELS) == 0


def test_level3_items_are_found_by_both_names(golden_catalogue: Catalogue) -> None:
    data = search_data(golden_catalogue, Routes())
    (item,) = [i for i in data["items"] if i[0] == "bzxzf-pjgl-pzjg"]
    assert item[1] == "配租结果"
    assert item[3] == "pei zu jie guo gong zu fang pei zu"


def test_documents_and_subjects_are_stored_once(golden_catalogue: Catalogue) -> None:
    data = search_data(golden_catalogue, Routes())
    assert len(data["docs"]) == len(set(data["docs"]))
    assert len(data["subj"]) == len(set(data["subj"]))
    shared = data["docs"].index("《公共租赁住房管理办法》（住房和城乡建设部令第11号）")
    assert sum(shared in item[5] for item in data["items"]) == 3
    assert data["subj"] == ["示例县住房和城乡建设局住房保障股", "示例县住房和城乡建设局城建股"]


def test_file_urls(golden_catalogue: Catalogue) -> None:
    data = search_data(golden_catalogue, Routes(directory_urls=False))
    assert data["item"] == "item/ID/index.html"
    assert data["cats"][0][2] == "bzxzf/bszn/index.html"


def test_script_wrapper_is_compact_json(golden_catalogue: Catalogue) -> None:
    text = build_search_index(golden_catalogue, Routes())
    assert unwrap(text) == search_data(golden_catalogue, Routes())
    data = search_data(golden_catalogue, Routes())
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert text == f"gkmlSearchData({compact});\n"
    assert "公租房" in text  # UTF-8, not \u escapes


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        ("公租房承租资格审核", ("gong", "zu", "fang", "cheng", "zu", "zi", "ge", "shen", "he")),
        ("保障性住房", ("bao", "zhang", "xing", "zhu", "fang")),
        ("20个工作日", ("20", "ge", "gong", "zuo", "ri")),
    ],
)
def test_pinyin_syllables(text: str, syllables: tuple[str, ...]) -> None:
    assert pinyin_syllables(text) == syllables


@pytest.mark.parametrize(
    ("text", "slug"),
    [("保障性住房", "bzxzf"), ("配给管理", "pjgl"), ("国有土地上房屋征收与补偿", "gytdsfwzsybc"), ("", "x")],
)
def test_initials(text: str, slug: str) -> None:
    assert initials(text) == slug


def test_slugify_headings() -> None:
    assert slugify("公开依据") == "gong-kai-yi-ju"
    assert slugify("《条例》第3条") == "tiao-li-di-3-tiao"
    assert slugify("《》") == "section"


def test_example_catalogue_index_size() -> None:
    catalogue, diagnostics = load_catalogue(CATALOGUE, git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    text = build_search_index(catalogue, Routes())
    size = len(text.encode("utf-8"))
    items = len(catalogue.records)
    print(f"\nsearch index of the example catalogue: {items} items, {size} bytes ({size / items:.0f} bytes/item)")
    assert size < 150 * 1024 * max(1.0, items / 200)  # 150 KB for up to 200 items
    packed = len(gzip.compress(text.encode("utf-8"), compresslevel=9))
    print(f"gzip -9: {packed} bytes")
    assert packed < 30 * 1024 * max(1.0, items / 200)  # 30 KB gzip for up to 200 items
    data = unwrap(text)
    assert len(data["items"]) == items
    assert len({i[0] for i in data["items"]}) == items
