"""Controlled vocabularies of the national standard catalogue.

This module is the one home of the channel list, the method, audience and level
values, the ●/〇 and ■/□ marks and the spelling variants found in real copies.
The schema, the checks, the templates and the docs all read them from here.
"""

from __future__ import annotations

from typing import Final

#: 公开内容 marks: required (必选) and optional (可选).
CONTENT_REQUIRED: Final = "●"
CONTENT_OPTIONAL: Final = "〇"
#: Look-alike circles editors type for 〇 (U+3007).
CONTENT_OPTIONAL_VARIANTS: Final = ("○", "◯")
CONTENT_LEGEND: Final = "“●”表示必选项，“〇”表示可选项"

#: 公开渠道 marks: required and optional.
CHANNEL_REQUIRED: Final = "■"
CHANNEL_OPTIONAL: Final = "□"
CHANNEL_LEGEND: Final = "“■”表示必选项，“□”表示可选项"

#: The 13 standard channels (公开渠道和载体), in the order of the national table.
CHANNELS: Final[tuple[str, ...]] = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
)
WEBSITE_CHANNEL: Final = "政府网站"
OTHER_CHANNEL: Final = "其他"

#: Channel spellings found in published copies, mapped to the standard name.
CHANNEL_VARIANTS: Final[dict[str, str]] = {
    "政府门户网站": "政府网站",
    "门户网站": "政府网站",
    "政府网": "政府网站",
    "一微一端": "两微一端",
    "政务新媒体": "两微一端",
    "发布会": "发布会/听证会",
    "听证会": "发布会/听证会",
    "新闻发布会": "发布会/听证会",
    "广播": "广播电视",
    "电视": "广播电视",
    "报刊": "纸质媒体",
    "查阅点": "公开查阅点",
    "政务服务大厅": "政务服务中心",
    "便民服务中心": "便民服务站",
    "入户": "入户/现场",
    "现场": "入户/现场",
    "社区/企事业单位/村公示栏(电子屏)": "社区/企事业单位/村公示栏（电子屏）",
    "公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "村公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "社区/村公示栏": "社区/企事业单位/村公示栏（电子屏）",
    "电子屏": "社区/企事业单位/村公示栏（电子屏）",
    "其它": "其他",
}

#: 公开方式.
METHODS: Final[tuple[str, ...]] = ("主动", "依申请")
METHOD_VARIANTS: Final[dict[str, str]] = {"主动公开": "主动", "依申请公开": "依申请"}

#: 公开对象.
AUDIENCE_PUBLIC: Final = "全社会"
AUDIENCE_GROUP: Final = "特定群体"
AUDIENCES: Final[tuple[str, ...]] = (AUDIENCE_PUBLIC, AUDIENCE_GROUP)
AUDIENCE_VARIANTS: Final[dict[str, str]] = {"特定群众": "特定群体", "社会公众": "全社会"}

#: 公开层级.
LEVELS: Final[tuple[str, ...]] = ("市级", "县级", "乡级")
LEVEL_VARIANTS: Final[dict[str, str]] = {
    "县(区)级": "县级",
    "县（区）级": "县级",
    "区级": "县级",
    "县区级": "县级",
    "乡、村级": "乡级",
    "乡镇级": "乡级",
    "乡镇": "乡级",
    "镇街级": "乡级",
    "镇街(园区)级": "乡级",
    "镇街（园区）级": "乡级",
    "街道级": "乡级",
}

#: Levels of real tables that are none of the three: ``gkml import`` reads them as the nearest
#: standard level and says so (a guess, reported; a record file must still use :data:`LEVELS`).
LEVEL_GUESSES: Final[dict[str, str]] = {
    "州级": "市级",
    "州(市)级": "市级",
    "州（市）级": "市级",
    "地级": "市级",
    "盟级": "市级",
    "镇、村级": "乡级",
    "镇村级": "乡级",
    "镇级": "乡级",
    "村级": "乡级",
    "街道": "乡级",
    "镇、街道": "乡级",
    "乡镇(街道)级": "乡级",
    "乡镇（街道）级": "乡级",
    "乡镇(街道)": "乡级",
    "乡镇（街道）": "乡级",
}
#: How a bureau names its own website in 公开渠道 (``高新区(掇刀区)政府网站``, ``XX县人民政府门户网站``):
#: ``gkml import`` reads a channel ending so as 政府网站, the whole text kept as the channel's column.
WEBSITE_GUESS_ENDINGS: Final[tuple[str, ...]] = ("政府网站", "门户网站", "政府网", "政务网", "官方网站", "官网")
#: Marks written as text in a √ column (``主动公开`` under 主动, ``县级`` under 县级): read as √.
#: (Any spelling of the column's own value counts; these are the other words seen.)
TEXT_TICKS: Final[frozenset[str]] = frozenset({"是", "有", "公开", "适用"})


def normalise(value: str, allowed: tuple[str, ...], variants: dict[str, str]) -> str | None:
    """Return the standard spelling of ``value``, or None when it is not a known term.

    Surrounding white space (ASCII or full-width) is ignored.
    """
    value = value.strip().replace("\u3000", "")
    if value in allowed:
        return value
    return variants.get(value)
