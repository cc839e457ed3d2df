"""The bundled national standard catalogue: every value in the vocabulary, the five areas, the caveat kept."""

from __future__ import annotations

from importlib import resources

import pytest

from generator.model import vocab
from generator.model.standard import find_standard_item, raw_data, standard_areas, standard_items

#: Rows per area in generator/model/data/standard-catalogue.yaml (update when rows are added).
AREA_COUNTS = {
    "保障性住房": 20,
    "国有土地上房屋征收与补偿": 14,
    "农村危房改造": 11,
    "市政服务": 9,
    "城市综合执法": 18,
}

_VOCABULARIES = {
    "channels_required": (vocab.CHANNELS, vocab.CHANNEL_VARIANTS),
    "channels_optional": (vocab.CHANNELS, vocab.CHANNEL_VARIANTS),
    "method": (vocab.METHODS, vocab.METHOD_VARIANTS),
    "audience": (vocab.AUDIENCES, vocab.AUDIENCE_VARIANTS),
    "levels": (vocab.LEVELS, vocab.LEVEL_VARIANTS),
}


def test_the_five_areas_with_their_row_counts() -> None:
    assert standard_areas() == tuple(AREA_COUNTS)
    assert {area: len(standard_items(area)) for area in standard_areas()} == AREA_COUNTS
    assert len(standard_items()) == sum(AREA_COUNTS.values())
    assert standard_items("不存在的领域") == ()


@pytest.mark.parametrize("key", list(_VOCABULARIES))
def test_every_raw_value_normalises_to_the_vocabulary(key: str) -> None:
    allowed, variants = _VOCABULARIES[key]
    unknown = {
        value
        for rows in raw_data().values()
        for row in rows
        for value in row.get(key) or []
        if vocab.normalise(value, allowed, variants) is None
    }
    assert unknown == set()


def test_loaded_items_use_the_standard_spellings() -> None:
    for item in standard_items():
        assert set(item.channels_required + item.channels_optional) <= set(vocab.CHANNELS), item
        assert not set(item.channels_required) & set(item.channels_optional), item
        assert item.channels_required, item
        assert item.methods and set(item.methods) <= set(vocab.METHODS), item
        assert item.audiences and set(item.audiences) <= set(vocab.AUDIENCES), item
        assert item.levels and set(item.levels) <= set(vocab.LEVELS), item
        assert item.level1 and item.level2 and item.content and item.time_limit and item.subject, item


def test_channel_spelling_with_ascii_brackets_is_normalised() -> None:
    raw = {c for rows in raw_data().values() for row in rows for c in row["channels_optional"]}
    assert "社区/企事业单位/村公示栏(电子屏)" in raw  # as the source prints it
    loaded = {c for item in standard_items() for c in item.channels_optional}
    assert "社区/企事业单位/村公示栏（电子屏）" in loaded
    assert "社区/企事业单位/村公示栏(电子屏)" not in loaded


def test_rows_are_unique_per_area_and_found_by_their_names() -> None:
    for area in standard_areas():
        keys = [(i.level1, i.level2, i.level3) for i in standard_items(area)]
        assert len(keys) == len(set(keys)), area
    item = find_standard_item("保障性住房", "配给管理", "公租房承租资格审核")
    assert item is not None
    assert item.content[0] == ("申请受理", True)
    assert item.channels_required == ("政府网站",)
    assert find_standard_item("保障性住房", "配给管理", "不存在的事项") is None


def test_verified_flags_are_kept_and_reconstructed_rows_exist() -> None:
    flags = {item.verified for item in standard_items()}
    assert flags == {True, False}
    reconstructed = find_standard_item("国有土地上房屋征收与补偿", "征收", "补偿方案征求意见")
    assert reconstructed is not None and reconstructed.verified is False
    assert reconstructed.content[-1][1] is False  # an optional (〇) element


def test_the_caveat_stays_visible_in_the_bundled_file() -> None:
    text = resources.files("generator.model").joinpath("data", "standard-catalogue.yaml").read_text(encoding="utf-8")
    head = text[:2000]
    assert "verified: false" in head and "NOT official" in head
    assert all("verified" in row for rows in raw_data().values() for row in rows)


def test_items_are_cached() -> None:
    assert standard_items() is standard_items()
