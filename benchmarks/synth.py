"""Synthetic catalogues in the real record format, for the build benchmark.

``write_catalogue(out_dir, items, seed)`` writes ``_site.yaml``, 5 areas × 10
categories (each folder with a ``_meta.yaml`` and a unique ASCII ``slug``) and
``items`` item files spread evenly over the 50 categories. Every file passes
``generator.load.catalogue.load_catalogue(out_dir, git_dates=False)`` without a single
diagnostic.

The text mirrors the synthetic catalogue of the plain MkDocs + Material anchor
measurement, so that its search-quality comparison can be repeated:

* titles such as ``北湖区公共租赁住房复核结果通告（2022年第1批）``;
* about 350 characters of element text per item (name, 内容, 依据, 时限, 主体,
  方式, 渠道, 对象; see :func:`element_chars`);
* "公租房" occurs only mid-sentence in 内容 of the 公共租赁住房 category (in
  about three items of four there) and never in a title; "租房" occurs nowhere else;
* "补贴" occurs in about half of the items, most often inside "财政补贴";
* "配租" occurs in about 1 % of the items.

Item ``j`` of a category is drawn from its own seeded generator, so a smaller
catalogue is a subset of a larger one with the same seed.

The 文号 of the 依据 pool are written as they are commonly cited; this is benchmark
text, not a legal reference.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

SITE_HOST = "https://zjj.example.gov.cn"

# (area title, slug, 简介, [(category title, slug, title topic), ...])
AREAS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "保障性住房",
        "bzxzf",
        "公共租赁住房、保障性租赁住房等保障性住房的政策、计划、建设、分配和管理信息。",
        [
            ("公共租赁住房", "gzzf", "公共租赁住房保障对象"),
            ("保障性租赁住房", "bzxzlzf", "保障性租赁住房项目"),
            ("住房租赁补贴", "zfzlbt", "住房租赁补贴"),
            ("棚户区改造", "phqgz", "城镇棚户区改造"),
            ("共有产权住房", "gycqzf", "共有产权住房"),
            ("经济适用住房", "jjsyzf", "经济适用住房上市交易"),
            ("人才安居", "rcaj", "人才安居住房"),
            ("规划计划", "bzghjh", "保障性安居工程年度计划"),
            ("建设管理", "bzjsgl", "保障性住房建设项目"),
            ("退出管理", "bztcgl", "保障性住房退出"),
        ],
    ),
    (
        "国有土地上房屋征收与补偿",
        "fwzs",
        "国有土地上房屋征收决定、补偿方案、评估和补偿结果等信息。",
        [
            ("征收决定", "zsjd", "房屋征收决定"),
            ("补偿方案", "bcfa", "房屋征收补偿方案"),
            ("调查登记", "dcdj", "被征收房屋调查登记结果"),
            ("评估机构选定", "pgjgxd", "房地产价格评估机构选定"),
            ("分户评估", "fhpg", "被征收房屋分户评估结果"),
            ("补偿结果", "bcjg", "房屋征收分户补偿情况"),
            ("征收资金", "zszj", "征收补偿资金"),
            ("产权调换房源", "cqdhfy", "产权调换房屋"),
            ("征收法规政策", "zsfgzc", "房屋征收政策文件"),
            ("复议诉讼", "fyss", "房屋征收行政复议"),
        ],
    ),
    (
        "农村危房改造",
        "ncwfgz",
        "农村危房改造的政策、计划、对象认定、补助资金和竣工验收信息。",
        [
            ("政策文件", "wgzcwj", "农村危房改造政策文件"),
            ("年度计划", "wgndjh", "农村危房改造年度任务"),
            ("对象认定", "wgdxrd", "农村危房改造对象认定"),
            ("补助标准", "wgbzbz", "农村危房改造补助标准"),
            ("资金分配", "wgzjfp", "农村危房改造补助资金分配"),
            ("竣工验收", "wgjgys", "农村危房改造竣工验收"),
            ("农户档案", "wgnhda", "农村危房改造农户档案"),
            ("抗震改造", "wgkzgz", "农房抗震改造"),
            ("质量安全", "wgzlaq", "农村危房改造质量安全检查"),
            ("绩效评价", "wgjxpj", "农村危房改造绩效评价"),
        ],
    ),
    (
        "市政服务",
        "szfw",
        "供水、燃气、供热、排水、道路、园林、环卫和照明等市政公用服务信息。",
        [
            ("城市供水", "csgs", "城市供水水质"),
            ("城镇燃气", "czrq", "城镇燃气安全检查"),
            ("城市供热", "csgr", "城市集中供热"),
            ("排水与污水处理", "psws", "城镇污水处理厂运行"),
            ("道路桥梁", "dlql", "城市道路桥梁养护"),
            ("园林绿化", "yllh", "城市园林绿化工程"),
            ("市容环卫", "srhw", "生活垃圾清运"),
            ("路灯照明", "ldzm", "城市路灯照明设施"),
            ("停车设施", "tcss", "公共停车场"),
            ("停水停气通知", "tstq", "计划停水停气"),
        ],
    ),
    (
        "城市综合执法",
        "cszhzf",
        "城市管理综合执法的依据、主体、程序、结果和监督信息。",
        [
            ("执法依据", "zfyj", "城市管理执法事项清单"),
            ("执法主体", "zfzt", "城市管理执法人员"),
            ("执法程序", "zfcx", "城市管理执法流程"),
            ("行政处罚", "xzcf", "城市管理行政处罚决定"),
            ("行政强制", "xzqz", "城市管理行政强制"),
            ("违法建设查处", "wfjscc", "违法建设查处"),
            ("随机抽查", "sjcc", "双随机一公开抽查结果"),
            ("投诉举报", "tsjb", "城市管理投诉举报办理"),
            ("执法监督", "zfjd", "城市管理执法监督"),
            ("执法统计", "zftj", "城市管理执法年度统计"),
        ],
    ),
]

PLACES = (
    "北湖区",
    "南湖区",
    "东城区",
    "西城区",
    "高新区",
    "城关镇",
    "石门镇",
    "桃源镇",
    "新华街道",
    "解放街道",
    "河西乡",
    "青山乡",
)
DOC_TYPES = (
    "复核结果通告",
    "资格审核结果公示",
    "实施方案",
    "工作进展情况通报",
    "信息公开",
    "名单公示",
    "工作安排的通知",
    "检查情况通报",
    "年度报告",
    "结果公告",
)

# Content elements per area. None of them contains 公租房, 租房 or 配租.
CONTENT: dict[str, tuple[str, ...]] = {
    "bzxzf": (
        "保障对象的申请条件、准入标准和申请材料清单",
        "受理申请的时间、地点、联系人和咨询电话",
        "审核结果的公示期限和异议处理方式",
        "保障家庭的户主姓名、家庭人口和保障方式",
        "项目名称、建设地点、建设规模和户型面积",
        "年度建设筹集任务和分解落实情况",
        "保障性住房的租金标准、减免政策及其调整情况",
        "退出保障的家庭名单、原因和退出方式",
        "轮候家庭数量及轮候顺序的确定规则",
        "房源的位置、套数、楼栋和单元信息",
        "转租转借、闲置等违规使用保障性住房的查处情况",
        "项目开工、基本建成和竣工交付情况",
    ),
    "fwzs": (
        "征收范围、征收实施单位、签约期限和搬迁期限",
        "征求意见情况及根据意见修改的情况",
        "社会稳定风险评估结论和征收补偿费用到位情况",
        "被征收房屋的权属、区位、用途和建筑面积",
        "评估机构的投票或者抽签选定结果",
        "分户评估报告的送达和复核评估申请方式",
        "货币补偿金额、产权调换房屋和搬迁费用",
        "临时安置费、停产停业损失补偿标准",
        "补偿决定书的送达情况及申请复议诉讼的途径",
        "征收补偿资金专户存储和拨付情况",
        "产权调换房屋的地点、套数、户型和建筑面积",
        "被征收人签约进度和搬迁完成情况",
    ),
    "ncwfgz": (
        "改造对象的申请条件、认定标准和认定程序",
        "年度改造任务和各乡镇、各村的分配情况",
        "改造对象的户主姓名、所在村组和改造方式",
        "房屋危险性鉴定的结果、等级和鉴定单位",
        "按改造方式和对象类别确定的分类补助标准",
        "竣工验收的时间、参加人员和验收结论",
        "一户一档农户档案的整理和管理情况",
        "农房抗震设防要求和技术指导服务",
        "施工现场质量安全巡查发现的问题和整改结果",
        "绩效评价的指标、结果和整改情况",
        "村民代表评议、乡镇审核和县级审批的意见",
        "农村建筑工匠培训和上门技术帮扶情况",
    ),
    "szfw": (
        "报装报修等服务的办理条件、申请材料和办理时限",
        "收费项目、收费标准、收费依据和价格调整情况",
        "水质检测项目、检测频次和检测结果",
        "燃气设施安全检查的时间安排和注意事项",
        "供热起止时间、室温标准和报修电话",
        "停水停气的原因、时间和影响范围",
        "工程项目名称、建设单位和施工期限",
        "市政设施养护维修年度计划及完成情况",
        "生活垃圾清运线路、收运时间和转运站位置",
        "服务投诉的受理渠道和办理结果",
        "突发事件应急处置预案和抢修电话",
        "供水供气等公用事业服务质量考核评价结果",
    ),
    "cszhzf": (
        "执法机构的名称、职责、执法区域和联系方式",
        "执法人员的姓名、执法证号和执法类别",
        "行政处罚的立案、调查取证、告知和决定程序",
        "行政处罚决定书的文号、当事人和违法事实",
        "处罚种类、处罚依据、处罚幅度和履行方式",
        "查封扣押等行政强制措施的实施和解除情况",
        "违法建设的认定依据和拆除决定",
        "双随机抽查的事项清单、抽查比例和抽查结果",
        "投诉举报的受理渠道、办理时限和办理结果",
        "执法监督检查的情况和整改落实",
        "当事人申请行政复议和提起行政诉讼的途径",
        "年度执法案件数量、类型和办结情况统计数据",
    ),
}
# 公租房 only here, never at the start of an element (the 公共租赁住房 category).
GZF_PHRASES = (
    "申请家庭承租公租房的资格审核意见",
    "本批次纳入公租房保障的家庭名单及人口数",
    "在保家庭退出公租房的原因和退出时间",
)
# 财政补贴: the usual carrier of 补贴 (jieba keeps it as one word).
SUBSIDY_FUNDS: dict[str, tuple[str, ...]] = {
    "bzxzf": ("中央和省级财政补贴资金的安排和使用情况", "财政补贴资金的下达、拨付和结余情况"),
    "fwzs": ("征收项目中财政补贴资金的到位和拨付情况", "困难家庭财政补贴的申请和发放情况"),
    "ncwfgz": ("各级财政补贴资金的分配、拨付和使用情况", "财政补贴资金发放到户的明细"),
    "szfw": ("公交和供热财政补贴的标准与发放情况", "市政公用行业财政补贴资金使用情况"),
    "cszhzf": ("协管员经费和财政补贴资金的使用情况", "执法装备购置财政补贴的安排情况"),
}
# 补贴 outside 财政补贴.
SUBSIDY_OTHER: dict[str, tuple[str, ...]] = {
    "bzxzf": ("购房补贴的申请条件、发放对象和金额",),
    "fwzs": ("搬迁奖励和过渡期补贴的标准",),
    "ncwfgz": ("农户自筹以外的补贴金额和到户时间",),
    "szfw": ("低保家庭用水用气补贴的申请方式",),
    "cszhzf": ("举报奖励和补贴的发放情况",),
}
PEIZU_PHRASE = "实物配租的轮候排序结果"
RENT_SUBSIDY_PHRASE = "租赁补贴的发放对象、标准和金额"  # only in the 住房租赁补贴 category
RENT_SUBSIDY_DOC = ("《住房城乡建设部 财政部关于做好城镇住房保障家庭租赁补贴工作的指导意见》", "建保〔2016〕281号")

# (title, 文号); none contains 公租房 or 租房.
BASIS_GENERAL = (
    ("《中华人民共和国政府信息公开条例》", "国务院令第711号"),
    ("《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》", "国办发〔2019〕54号"),
    ("《中共中央办公厅 国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》", "中办发〔2016〕8号"),
    ("《国务院办公厅关于推进公共资源配置领域政府信息公开的意见》", "国办发〔2017〕97号"),
)
BASIS_AREA: dict[str, tuple[tuple[str, str], ...]] = {
    "bzxzf": (
        ("《公共租赁住房管理办法》", "住房和城乡建设部令第11号"),
        ("《住房城乡建设部 财政部 国家发展改革委关于公共租赁住房和廉租住房并轨运行的通知》", "建保〔2013〕178号"),
        ("《国务院办公厅关于加快发展保障性租赁住房的意见》", "国办发〔2021〕22号"),
        ("《中央财政城镇保障性安居工程补助资金管理办法》", "财综〔2022〕37号"),
        ("《经济适用住房管理办法》", "建住房〔2007〕258号"),
        ("《城镇保障性安居工程财政资金绩效评价办法》", "财综〔2020〕16号"),
    ),
    "fwzs": (
        ("《国有土地上房屋征收与补偿条例》", "国务院令第590号"),
        ("《国有土地上房屋征收评估办法》", "建房〔2011〕77号"),
        ("《住房城乡建设部关于推进国有土地上房屋征收与补偿信息公开工作的实施意见》", "建房〔2012〕84号"),
        ("《中华人民共和国行政复议法》", "主席令第9号"),
        ("《中华人民共和国城乡规划法》", "主席令第74号"),
    ),
    "ncwfgz": (
        (
            "《住房和城乡建设部 财政部 民政部 国家乡村振兴局"
            "关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》",
            "建村〔2021〕35号",
        ),
        ("《中央财政农村危房改造补助资金管理暂行办法》", "财社〔2016〕216号"),
        ("《农村危房改造最低建设要求（试行）》", "建办村〔2018〕172号"),
        ("《住房城乡建设部办公厅关于加强农村危房改造信息公开工作的通知》", "建办村〔2017〕41号"),
        ("《农村住房安全性鉴定技术导则》", "建村函〔2019〕200号"),
    ),
    "szfw": (
        ("《城市供水条例》", "国务院令第158号"),
        ("《城镇燃气管理条例》", "国务院令第583号"),
        ("《城镇排水与污水处理条例》", "国务院令第641号"),
        ("《城市道路管理条例》", "国务院令第198号"),
        ("《城市绿化条例》", "国务院令第100号"),
        ("《城市市容和环境卫生管理条例》", "国务院令第101号"),
        ("《城市供热价格管理暂行办法》", "发改价格〔2007〕1195号"),
    ),
    "cszhzf": (
        ("《中华人民共和国行政处罚法》", "主席令第70号"),
        ("《中华人民共和国行政强制法》", "主席令第49号"),
        ("《城市管理执法办法》", "住房和城乡建设部令第34号"),
        ("《中共中央 国务院关于深入推进城市执法体制改革改进城市管理工作的指导意见》", "中发〔2015〕37号"),
        (
            "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》",
            "国办发〔2018〕118号",
        ),
    ),
}

TIME_LIMITS = (
    "信息形成或者变更之日起20个工作日内",
    "信息形成（变更）20个工作日内",
    "审核结束后5个工作日内公示，公示期不少于5个工作日",
    "行政决定作出之日起7个工作日内",
    "每季度第一个月10日前公开上一季度情况",
    "每年3月31日前公开上一年度情况",
    "项目竣工验收后20个工作日内",
    "信息形成后实时公开，变更后及时动态更新",
)
SUBJECTS: dict[str, tuple[str, ...]] = {
    "bzxzf": ("示例县住房和城乡建设局住房保障股", "示例县住房和城乡建设局住房保障服务中心"),
    "fwzs": ("示例县国有土地上房屋征收与补偿办公室", "示例县住房和城乡建设局房屋征收股"),
    "ncwfgz": ("示例县住房和城乡建设局村镇建设股", "示例县各乡镇人民政府村镇建设办公室"),
    "szfw": ("示例县住房和城乡建设局市政公用股", "示例县住房和城乡建设局市政设施维护中心"),
    "cszhzf": ("示例县城市管理综合行政执法局法制股", "示例县城市管理综合行政执法大队"),
}
# Channels besides 政府网站: (name, detail or None).
EXTRA_CHANNELS = (
    ("两微一端", None),
    ("公开查阅点", "示例县政务服务中心一楼政府信息公开查阅点"),
    ("政务服务中心", "示例县政务服务中心住建窗口"),
    ("社区/企事业单位/村公示栏（电子屏）", "项目所在地社区或村公示栏"),
    ("便民服务站", "各乡镇便民服务站"),
    ("纸质媒体", "《示例日报》"),
    ("入户/现场", None),
    ("精准推送", None),
)
GROUPS = ("申请家庭", "被征收人", "改造对象", "服务对象", "行政相对人")


def _record(area: int, cat: int, j: int, seed: int) -> tuple[str, dict[str, object]]:
    """File name and data of item ``j`` of a category."""
    atitle, aslug, _, cats = AREAS[area]
    ctitle, cslug, topic = cats[cat]
    rng = random.Random(f"gkml-bench-{seed}-{area}-{cat}-{j}")
    # (year, batch) from j keeps titles unique within the category.
    title = f"{rng.choice(PLACES)}{topic}{rng.choice(DOC_TYPES)}（{2016 + j % 10}年第{j // 10 + 1}批）"

    elements: list[str] = []
    if cslug == "gzzf" and rng.random() < 0.75:
        elements.append(rng.choice(GZF_PHRASES))
    if aslug == "bzxzf" and rng.random() < 0.035:
        elements.append(PEIZU_PHRASE)
    if rng.random() < 0.37:
        elements.append(rng.choice(SUBSIDY_FUNDS[aslug]))
    if cslug == "zfzlbt" and rng.random() < 0.6:
        elements.append(RENT_SUBSIDY_PHRASE)
    elif rng.random() < 0.12:
        elements.append(SUBSIDY_OTHER[aslug][0])
    count = max(rng.choice((3, 4, 5, 5, 6, 6)), len(elements))
    elements += rng.sample(CONTENT[aslug], count - len(elements))
    rng.shuffle(elements)
    if elements[0] in GZF_PHRASES and len(elements) > 1:  # keep 公租房 away from the list's start as well
        elements[0], elements[1] = elements[1], elements[0]
    content = [("●" if i == 0 or rng.random() < 0.7 else "〇") + e for i, e in enumerate(elements)]

    basis_docs = [rng.choice(BASIS_GENERAL)] if rng.random() < 0.8 else []
    if cslug == "zfzlbt" or (aslug == "bzxzf" and rng.random() < 0.04):
        basis_docs.append(RENT_SUBSIDY_DOC)
    basis_docs += rng.sample(BASIS_AREA[aslug], max(0, rng.choice((2, 3, 3, 4)) - len(basis_docs)))
    basis = [f"{t}（{n}）" for t, n in basis_docs]

    channels: list[object] = [
        {
            "■政府网站": {
                "栏目": f"政府信息公开 > 法定主动公开内容 > {atitle} > {ctitle}",
                "网址": f"{SITE_HOST}/zfxxgk/{aslug}/{cslug}/",
            }
        }
    ]
    for name, detail in rng.sample(EXTRA_CHANNELS, rng.choice((1, 2, 2, 3, 3))):
        head = ("■" if rng.random() < 0.5 else "□") + name
        channels.append({head: detail} if detail else head)

    methods = "主动" if rng.random() < 0.8 else ["主动", "依申请"]
    audiences = "全社会" if rng.random() < 0.7 else ["全社会", f"特定群体（{rng.choice(GROUPS)}）"]
    levels = ["县级"] if rng.random() < 0.7 else ["县级", "乡级"]
    year = 2019 + rng.randrange(7)
    updated = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    data: dict[str, object] = {
        "id": f"{aslug}-{cslug}-{j + 1:05d}",
        "名称": title,
        "内容": content,
        "依据": basis,
        "时限": rng.choice(TIME_LIMITS),
        "主体": rng.choice(SUBJECTS[aslug]),
        "方式": methods,
        "渠道": channels,
        "对象": audiences,
        "层级": levels,
        "顺序": j + 1,
        "更新日期": updated,
    }
    return f"{title}.yaml", data


def iter_records(items: int, seed: int = 1) -> Iterator[tuple[int, int, str, dict[str, object]]]:
    """Yield ``(area index, category index, file name, data)`` for every item, in category order."""
    per, extra = divmod(items, 50)
    for a in range(5):
        for c in range(10):
            n = per + (1 if a * 10 + c < extra else 0)
            for j in range(n):
                name, data = _record(a, c, j, seed)
                yield a, c, name, data


# Strings that YAML reads back unchanged as plain scalars (the loader keeps every scalar a string).
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*(?<!\s)$")
_RESERVED = re.compile(r"^(?:~|null|true|false|yes|no|on|off|y|n)$", re.IGNORECASE)


def _scalar(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = _PLAIN.match(text) and ": " not in text and " #" not in text
    if plain and not text.isdigit() and not _RESERVED.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def _mapping(data: dict[str, object], indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            yield f"{pad}{_scalar(key)}:"
            yield from _mapping(value, indent + 2)
        elif isinstance(value, list):
            yield f"{pad}{_scalar(key)}:"
            for item in value:
                if isinstance(item, dict):
                    lines = list(_mapping(item, indent + 4))
                    yield f"{pad}  - {lines[0].lstrip()}"
                    yield from lines[1:]
                else:
                    yield f"{pad}  - {_scalar(item)}"
        else:
            yield f"{pad}{_scalar(key)}: {_scalar(value)}"


def _dump(path: Path, data: dict[str, object], comment: str = "") -> None:
    """Write ``data`` as YAML laid out like the hand-written records (two-space indents)."""
    path.write_text(comment + "\n".join(_mapping(data, 0)) + "\n", encoding="utf-8")


def write_catalogue(out_dir: Path, items: int, seed: int = 1) -> None:
    """Write a synthetic catalogue of ``items`` items into ``out_dir`` (created if missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _dump(
        out_dir / "_site.yaml",
        {
            "单位名称": "示例县住房和城乡建设局",
            "网站名称": "示例县住房和城乡建设局政务公开标准目录",
            "简介": "本目录依据《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》"
            "（国办发〔2019〕54号）编制。本站为性能测试生成的虚构数据。",
            "地址": "示例县城关镇人民路 88 号",
            "电话": "0000-6123456",
            "邮箱": "zjj@example.gov.cn",
            "网站标识码": "0000000001",
            "ICP备案号": "示ICP备00000000号",
            "公安机关备案号": "示公网安备00000000000000号",
        },
        "# 性能测试用的合成目录（benchmarks/synth.py 生成），内容虚构。\n",
    )
    for a, (atitle, aslug, adesc, cats) in enumerate(AREAS):
        area_dir = out_dir / atitle
        area_dir.mkdir(exist_ok=True)
        _dump(area_dir / "_meta.yaml", {"slug": aslug, "顺序": a + 1, "简介": adesc})
        for c, (ctitle, cslug, topic) in enumerate(cats):
            cat_dir = area_dir / ctitle
            cat_dir.mkdir(exist_ok=True)
            _dump(cat_dir / "_meta.yaml", {"slug": cslug, "顺序": c + 1, "简介": f"{topic}等{ctitle}信息。"})
    for a, c, name, data in iter_records(items, seed):
        _dump(out_dir / AREAS[a][0] / AREAS[a][3][c][0] / name, data)


def element_text(data: dict[str, object]) -> str:
    """The text of the eight elements of one item, as a reader sees it (URLs left out)."""

    def flat(value: object) -> list[str]:
        if isinstance(value, list):
            return [s for v in value for s in flat(v)]
        if isinstance(value, dict):
            out: list[str] = []
            for k, v in value.items():
                if k == "网址":
                    continue
                out += [str(k), *flat(v)]
            return out
        return [] if value is None else [str(value)]

    keys = ("名称", "内容", "依据", "时限", "主体", "方式", "渠道", "对象")
    return "".join(s for k in keys for s in flat(data[k]))


def element_chars(data: dict[str, object]) -> int:
    """Characters of element text of one item (the anchor's ~350 per item)."""
    return len(element_text(data))


if __name__ == "__main__":  # quick profile of the text: python benchmarks/synth.py [N]
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    records = list(iter_records(n))
    chars = [element_chars(d) for *_, d in records]
    print(f"items {n}, element chars per item: mean {sum(chars) / len(chars):.1f}, min {min(chars)}, max {max(chars)}")
    for q in ("公租房", "租房", "配租", "补贴", "财政补贴", "租赁补贴", "公共租赁住房"):
        hits = sum(q in element_text(d) for *_, d in records)
        in_title = sum(q in str(d["名称"]) for *_, d in records)
        print(f"  {q}: {hits} items ({in_title} in titles)")
