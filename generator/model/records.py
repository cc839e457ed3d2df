"""The catalogue's data model and the record schema.

``RECORD_FIELDS`` is the one definition of what an item file may contain: the YAML
key editors type, the element of the national standard it carries, whether it is
required, what kind of value it takes, and a description with an example. The
validator, the editors' reference table, the page templates and (later) the JSON
Schema are all derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from generator.model import vocab
from generator.model.workdays import WorkCalendar

if TYPE_CHECKING:
    from generator.model.entries import Entry

Kind = Literal[
    "id", "text", "content", "basis", "methods", "channels", "audiences", "levels", "order", "date", "phones"
]


@dataclass(frozen=True)
class FieldSpec:
    """One key of an item file."""

    key: str  #: the YAML key editors type (Chinese, as in the national table)
    attr: str  #: the attribute of :class:`Record` that holds the parsed value
    label: str  #: the label printed on pages (the element's name in the national table)
    kind: Kind
    required: bool
    description: str  #: for editors: what to write here
    example: str  #: a YAML value that is valid for this key


RECORD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "id",
        "编号",
        "id",
        True,
        "事项的永久编号，决定事项页面的网址。只用小写字母、数字和连字符；发布后不要修改，改名称不影响它。",
        "bzxzf-gzf-zgsh",
    ),
    FieldSpec(
        "名称",
        "name",
        "公开事项名称",
        "text",
        True,
        "公开事项的名称，即标准目录中的“二级事项”。",
        "公租房承租资格审核",
    ),
    FieldSpec(
        "三级事项",
        "level3",
        "三级事项",
        "text",
        False,
        "只有标准目录分到三级事项时才填写。",
        "申请受理",
    ),
    FieldSpec(
        "内容",
        "content",
        "公开内容（要素）",
        "content",
        True,
        "要公开的具体内容，每行一项；必选项前加“●”，可选项前加“〇”。",
        "[●申请条件, ●审核结果, 〇轮候情况]",
    ),
    FieldSpec(
        "依据",
        "basis",
        "公开依据",
        "basis",
        True,
        "法律法规和文件，每行一个，文件名称用书名号《》，文号用全角括号，例如“《公共租赁住房管理办法》（住房和城乡建设部令第11号）”；"
        "需要链接时写成“标题/文号/网址”三项。",
        "[《中华人民共和国政府信息公开条例》（国务院令第711号）]",
    ),
    FieldSpec(
        "时限",
        "time_limit",
        "公开时限",
        "text",
        True,
        "照标准目录原文填写，例如“信息形成或者变更之日起20个工作日内”。",
        "信息形成或者变更之日起20个工作日内",
    ),
    FieldSpec(
        "主体",
        "subject",
        "公开主体",
        "text",
        True,
        "负责公开的具体部门（到股室），例如“示例县住房和城乡建设局住房保障股”。",
        "示例县住房和城乡建设局住房保障股",
    ),
    FieldSpec(
        "方式",
        "methods",
        "公开方式",
        "methods",
        True,
        "“主动”或“依申请”，两者都有时写成列表。",
        "主动",
    ),
    FieldSpec(
        "渠道",
        "channels",
        "公开渠道和载体",
        "channels",
        True,
        "从 13 个标准渠道中选择，每行一个；必选渠道前加“■”，可选渠道前加“□”。"
        "政府网站要写明具体栏目（可加网址），“其他”要写明渠道名称。",
        "[■政府网站: 政府信息公开, □两微一端]",
    ),
    FieldSpec(
        "对象",
        "audiences",
        "公开对象",
        "audiences",
        True,
        "“全社会”或“特定群体（写明群体）”，两者都有时写成列表。",
        "全社会",
    ),
    FieldSpec(
        "层级",
        "levels",
        "公开层级",
        "levels",
        True,
        "负责公开的行政层级：市级、县级、乡级，可写多个。",
        "[县级]",
    ),
    FieldSpec(
        "顺序",
        "order",
        "顺序",
        "order",
        False,
        "事项在栏目和目录表格中的排列顺序（整数，小的在前）；不填则按文件名排列。",
        "3",
    ),
    FieldSpec(
        "更新日期",
        "updated",
        "更新日期",
        "date",
        False,
        "事项最近一次实质修改的日期；不填则取 git 提交记录中该文件的最后修改日期。",
        "2024-03-05",
    ),
    FieldSpec(
        "备注",
        "note",
        "备注",
        "text",
        False,
        "需要向公众说明的其他情况。",
        "本事项由县政务服务中心住建窗口受理。",
    ),
)

FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in RECORD_FIELDS}
FIELDS_BY_ATTR: dict[str, FieldSpec] = {f.attr: f for f in RECORD_FIELDS}


def label(attr: str) -> str:
    """The printed label of a record attribute (e.g. ``time_limit`` → 公开时限)."""
    return FIELDS_BY_ATTR[attr].label


@dataclass(frozen=True, slots=True)
class ContentElement:
    """One element of 公开内容, required (●) or optional (〇)."""

    text: str
    required: bool

    @property
    def mark(self) -> str:
        return vocab.CONTENT_REQUIRED if self.required else vocab.CONTENT_OPTIONAL


@dataclass(frozen=True, slots=True)
class Basis:
    """One document of 公开依据."""

    title: str  #: with its 《》
    doc_no: str = ""  #: 文号, e.g. 建办厅〔2019〕71号
    url: str = ""

    @property
    def text(self) -> str:
        return f"{self.title}（{self.doc_no}）" if self.doc_no else self.title


@dataclass(frozen=True, slots=True)
class Channel:
    """One channel of 公开渠道和载体, required (■) or optional (□)."""

    name: str  #: one of :data:`generator.model.vocab.CHANNELS`
    required: bool
    detail: str = ""  #: the concrete column for 政府网站, the channel's name for 其他, a place otherwise
    url: str = ""

    @property
    def mark(self) -> str:
        return vocab.CHANNEL_REQUIRED if self.required else vocab.CHANNEL_OPTIONAL


@dataclass(frozen=True, slots=True)
class Audience:
    """全社会, or 特定群体 with the group named."""

    kind: str
    group: str = ""

    @property
    def text(self) -> str:
        return f"{self.kind}（{self.group}）" if self.group else self.kind


@dataclass(slots=True)
class Record:
    """One 公开事项: one row of the standard catalogue, one YAML file."""

    id: str
    name: str
    content: tuple[ContentElement, ...]
    basis: tuple[Basis, ...]
    time_limit: str
    subject: str
    methods: tuple[str, ...]
    channels: tuple[Channel, ...]
    audiences: tuple[Audience, ...]
    levels: tuple[str, ...]
    level3: str = ""
    order: int | None = None
    updated: str = ""  #: ISO date, from the record or from git
    note: str = ""
    #: Where the record sits: filled in by the catalogue loader.
    file: str = ""
    area: str = ""
    category: str = ""
    #: Where its 更新日期 stands in the file (line, column); None when the date comes from git.
    updated_at: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        """The item's display title: the most specific level of the 事项 hierarchy."""
        return self.level3 or self.name


@dataclass
class Category:
    """一级事项: a column (栏目) of the site."""

    title: str
    slug: str
    order: int
    description: str = ""
    area: str = ""
    records: list[Record] = field(default_factory=list)
    #: The information published in the column (公开信息), newest first.
    entries: list[Entry] = field(default_factory=list)
    max_age: int | None = None  #: 更新周期 in days, when the column's _meta.yaml sets it
    where: str = ""  #: the file or folder to name in messages about the whole column
    #: Where in ``where`` its slug comes from: the ``slug`` line of its _meta.yaml, else the ``标题`` line
    #: (the slug is made from the title), else the top of the file or folder.
    slug_at: tuple[int, int] = (1, 1)

    @property
    def updated(self) -> str:
        """The column's latest update: of its items' 更新日期 and its entries' 发布日期 (as
        :mod:`generator.check.freshness` counts it), ``''`` when none is known."""
        return max([r.updated for r in self.records] + [e.published for e in self.entries], default="")


@dataclass
class Area:
    """领域: one of the five housing areas; a tab of the site."""

    title: str
    slug: str
    order: int
    description: str = ""
    categories: list[Category] = field(default_factory=list)
    where: str = ""  #: the file or folder to name in messages about the whole area
    slug_at: tuple[int, int] = (1, 1)  #: where in ``where`` its slug comes from (as :attr:`Category.slug_at`)

    @property
    def records(self) -> list[Record]:
        return [r for c in self.categories for r in c.records]

    @property
    def entries(self) -> list[Entry]:
        return [e for c in self.categories for e in c.entries]


@dataclass
class Site:
    """The bureau and its site: the one place a county configures (``_site.yaml``)."""

    bureau: str  #: 单位名称
    title: str  #: 网站名称
    intro: str = ""  #: 简介
    #: 网站地址: the public address, ending with "/" ('' when not given); see :mod:`generator.model.site_address`
    url: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    public_phones: str = ""  #: 公开电话: mobile numbers the bureau publishes on purpose, separated by 、
    site_code: str = ""  #: 网站标识码
    icp: str = ""  #: ICP备案号
    police: str = ""  #: 公安机关备案号
    conac_image: str = ""  #: 党政机关标识 (a path inside content/)
    conac_url: str = ""
    report_url: str = ""  #: 我为政府网站找错
    status: str = "试运行"
    file: str = ""  #: the settings file, as shown in messages
    #: Where the value of each key stands in the settings file (line, column), for messages about it.
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def at(self, key: str) -> tuple[int, int]:
        """The line and column of ``key``'s value in :attr:`file` (the top of the file when it has none)."""
        return self.positions.get(key, (1, 1))

    @property
    def production(self) -> bool:
        return self.status == "正式"


#: The date of a catalogue none of whose records has one (the 政府信息公开条例 of 2019 took effect).
NO_DATE = "2019-05-15"


@dataclass
class Catalogue:
    """The whole validated catalogue: site settings, areas, categories, records."""

    site: Site
    areas: list[Area]
    #: Working days: the package's holidays and the bureau's (``_calendar.yaml``), for the check of deadlines.
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    @property
    def records(self) -> list[Record]:
        return [r for a in self.areas for r in a.records]

    @property
    def entries(self) -> list[Entry]:
        """Every entry (公开信息), column by column, each column's newest first."""
        return [e for a in self.areas for e in a.entries]

    def newest_date(self) -> str:
        """The newest 更新日期 of any record (the date of the whole catalogue: its exports and
        generated pages); the day the 政府信息公开条例 took effect when no record has one."""
        return max((r.updated for r in self.records if r.updated), default=NO_DATE)

    def newest_change(self) -> str:
        """The newest date of anything published: a record's 更新日期 or an entry's 发布日期
        (the date of the generated pages, which list both)."""
        return max([self.newest_date(), *(e.published for e in self.entries)])

    def recent(self, limit: int = 8) -> list[Record]:
        """The most recently updated records (newest first; ties by id, for stable output)."""
        dated = [r for r in self.records if r.updated]
        return sorted(dated, key=lambda r: (r.updated, r.id), reverse=True)[:limit]


#: Keys editors write by habit from the printed table, mapped to the record key they mean.
KEY_ALIASES: dict[str, str] = {
    "二级事项": "名称",
    "事项名称": "名称",
    "公开事项": "名称",
    "公开事项名称": "名称",
    "公开内容": "内容",
    "公开依据": "依据",
    "公开时限": "时限",
    "公开时间": "时限",
    "公开主体": "主体",
    "责任单位": "主体",
    "公开方式": "方式",
    "公开渠道": "渠道",
    "公开渠道和载体": "渠道",
    "公开对象": "对象",
    "公开层级": "层级",
    "编号": "id",
    "ID": "id",
}


#: Keys of the ``_meta.yaml`` file in an area or category folder.
META_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("标题", "title", "标题", "text", False, "栏目标题；不填则用文件夹名。", "配给管理"),
    FieldSpec("slug", "slug", "网址别名", "text", False, "栏目网址中的英文部分；不填则用标题的拼音首字母。", "pjgl"),
    FieldSpec("顺序", "order", "顺序", "order", False, "在导航中的排列顺序（整数，小的在前）。", "5"),
    FieldSpec(
        "更新周期",
        "max_age",
        "更新周期（天）",
        "order",
        False,
        "栏目最长多少天不更新就提醒（整数）；不填时按栏目名称判断：动态、要闻 14 天，政策、文件、通知、公告 180 天，其他 365 天。",
        "180",
    ),
    FieldSpec(
        "简介", "description", "简介", "text", False, "栏目简介，显示在栏目页顶部。", "公租房配租、资格审核等信息。"
    ),
)

#: Keys of ``_site.yaml``: the one place a county configures its bureau and site.
SITE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "单位名称", "bureau", "主办单位", "text", True, "本单位全称，显示在首页和每页页脚。", "示例县住房和城乡建设局"
    ),
    FieldSpec(
        "网站名称",
        "title",
        "网站名称",
        "text",
        False,
        "网站标题；不填则为“单位名称 + 政务公开标准目录”。",
        "示例县住房和城乡建设局政务公开标准目录",
    ),
    FieldSpec(
        "网站地址",
        "url",
        "网站地址",
        "text",
        False,
        "网站上线后的完整地址（http:// 或 https:// 开头；放在子目录中时写到子目录为止）。"
        "二维码、规范网址和 sitemap.xml 都用它；不填时不显示二维码，正式运行时必须填写。",
        "https://www.example.gov.cn/zjj/gkml/",
    ),
    FieldSpec("简介", "intro", "简介", "text", False, "首页的简短介绍。", "本目录依据……编制。"),
    FieldSpec("地址", "address", "地址", "text", False, "办公地址。", "示例县人民路1号"),
    FieldSpec("电话", "phone", "联系电话", "text", False, "咨询电话。", "0000-1234567"),
    FieldSpec("邮箱", "email", "电子邮箱", "text", False, "联系邮箱。", "zjj@example.gov.cn"),
    FieldSpec(
        "公开电话",
        "public_phones",
        "公开的手机号码",
        "phones",
        False,
        "本单位有意公开的手机号码（如通知中的值班手机），写成列表，每行一个；网站上出现的其他手机号码检查时报错。"
        "带区号的办公电话不用列出。",
        "[13800000000, 13900000000]",
    ),
    FieldSpec("网站标识码", "site_code", "网站标识码", "text", False, "政府网站标识码（10 位数字）。", "1234000001"),
    FieldSpec("ICP备案号", "icp", "ICP备案号", "text", False, "ICP 备案编号。", "示ICP备12345678号"),
    FieldSpec(
        "公安机关备案号", "police", "公安机关备案号", "text", False, "公安机关备案编号。", "示公网安备12345678901234号"
    ),
    FieldSpec(
        "党政机关标识",
        "conac_image",
        "党政机关网站标识",
        "text",
        False,
        "党政机关网站标识（红色图标）的图片，放在 content/ 中，这里写相对路径；不从外网加载。",
        "images/dzjg.png",
    ),
    FieldSpec(
        "党政机关标识网址",
        "conac_url",
        "党政机关网站标识链接",
        "text",
        False,
        "点击标识后打开的证书查询网址（由机构编制部门提供）。",
        "https://bszs.conac.cn/sitename?method=show&id=…",
    ),
    FieldSpec(
        "找错网址",
        "report_url",
        "我为政府网站找错",
        "text",
        False,
        "“我为政府网站找错”入口的网址。",
        "https://zfwzzc.www.gov.cn/",
    ),
    FieldSpec(
        "状态",
        "status",
        "网站状态",
        "text",
        False,
        "“试运行”（默认）或“正式”。设为“正式”后，页脚标识不全、必备页面仍有“【请填写】”时检查不通过。",
        "正式",
    ),
)

#: 状态 values of ``_site.yaml``; production means the inspection rules apply in full.
SITE_STATES: tuple[str, ...] = ("试运行", "正式")
PRODUCTION = "正式"
#: What a site in production must show in its footer (政府网站发展指引: 页面底部功能区).
IDENTITY_REQUIRED: tuple[str, ...] = ("site_code", "icp", "police", "conac_image", "report_url")
