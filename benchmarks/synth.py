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

``write_catalogue(out_dir, items, seed, entries=M)`` also writes ``M`` entries
(公开信息, :mod:`generator.model.entries`) spread evenly over the 50 columns and, in a
column, over its items: Markdown files with the front matter of ``ENTRY_FIELDS`` in the
column's year folders (2019–2026, dates rising with the entry's number in its column),
in every category of ``CATEGORIES``; policies carry a 文号 (so do some notices), about
one policy in eight is 已废止 and names the next policy of its column as 替代, every
政策解读 and most 办事指南 name the policy before them in 关联, about one entry in ten
has a small PDF attachment (``附件/``), every entry has 审核. Bodies are 300–3,000
characters of government prose built from sentence templates (articles in chapters for
policies, numbered sections for notices, a small table for statistics); see
:func:`iter_entries`.

The 文号 of the 依据 pool are written as they are commonly cited; this is benchmark
text, not a legal reference.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
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


def write_catalogue(out_dir: Path, items: int, seed: int = 1, entries: int = 0) -> None:
    """Write a synthetic catalogue of ``items`` items and ``entries`` entries into ``out_dir``
    (created if missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _dump(
        out_dir / "_site.yaml",
        {
            "单位名称": "示例县住房和城乡建设局",
            "网站名称": "示例县住房和城乡建设局政务公开标准目录",
            # a public address (QR codes, canonical links, sitemap) about as long as the http://127.0.0.1:8000/
            # that mkdocs.yml's site_url gave the earlier figures (a local one would be noted by the check)
            "网站地址": "http://gkml.example.cn/",
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
    made: set[Path] = set()
    for synthetic in iter_entries(items, entries, seed):
        path = out_dir / synthetic.path
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(synthetic.text, encoding="utf-8")
        if synthetic.attachment:
            attachment = path.parent / synthetic.attachment
            if attachment.parent not in made:
                attachment.parent.mkdir(exist_ok=True)
                made.add(attachment.parent)
            attachment.write_bytes(tiny_pdf(synthetic.data["id"]))


# -- entries (公开信息) --------------------------------------------------------------------------

#: Dates of entries: from the first working days of 2019 to the end of November 2026.
ENTRY_FIRST = dt.date(2019, 1, 2)
ENTRY_LAST = dt.date(2026, 11, 30)
#: Body length in characters (drawn skewed towards the short end: mean about 1,200).
BODY_MIN, BODY_MAX = 300, 3000
ATTACHMENT_SHARE = 0.1
REVIEWERS = ("王五", "李四", "张敏", "刘洋", "陈静", "赵磊")
#: Of every 20 entries of a column (by number): which are policies, which 解读/指南 name the one before.
POLICY_SLOTS = frozenset({0, 7, 14})
INTERPRETATION_SLOTS = frozenset({1, 15})
GUIDE_SLOTS = frozenset({8})
#: The other categories, with weights (notices and news are most of what a bureau publishes).
OTHER_CATEGORIES = (
    ("通知公告", 5),
    ("公示公告", 6),
    ("工作动态", 5),
    ("统计数据", 2),
    ("规划计划", 1),
    ("年度报告", 1),
    ("办事指南", 1),
    ("其他", 1),
)
POLICY_KINDS = ("管理办法", "实施细则", "暂行规定", "工作规程", "实施办法", "管理规定")

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 105 → 一百零五 (for articles and chapters)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else chinese_number(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _CN_DIGITS[n // 100] + "百" + tail


# Sentence templates of government prose. Fields: {topic} {ctitle} {atitle} {org} {place} {basis}
# {year} {month} {day} {n} {m} {k} {pct} {policy}. No template makes a long run of digits (the
# privacy scan looks for phone, ID and card numbers).
RULES = (
    "为进一步规范{topic}工作，保障群众合法权益，根据{basis}等有关规定，结合本县实际，制定本办法。",
    "本办法适用于本县行政区域内{topic}的申请、审核、实施和监督管理。",
    "县住房和城乡建设局负责全县{ctitle}工作的统筹协调、指导监督和政策解释。",
    "各乡镇人民政府、街道办事处负责本辖区{topic}的组织实施，做好政策宣传、材料受理和初步审核工作。",
    "发展改革、财政、自然资源、民政、审计等部门按照各自职责，共同做好{ctitle}相关工作。",
    "申请人应当如实提供有关材料，对材料的真实性负责；弄虚作假的，依法依规处理，并记入个人信用记录。",
    "审核结果应当在本部门网站和项目所在地进行公示，公示期不少于{n}个工作日。",
    "资金实行专账管理、专款专用，任何单位和个人不得截留、挤占和挪用。",
    "{org}应当建立健全工作台账，做到一户一档、资料齐全、数据准确、管理规范。",
    "工作中应当坚持公开、公平、公正的原则，主动接受人大、政协和社会各界的监督。",
    "对违反本办法规定的，由有关部门责令限期改正；情节严重的，依法追究相关人员的责任。",
    "有关单位应当在收到申请之日起{n}个工作日内作出决定，并书面告知申请人；不予批准的，应当说明理由。",
    "符合条件的申请人可以向户籍所在地乡镇人民政府或者街道办事处提出申请，并提交相关证明材料。",
    "县住房和城乡建设局应当会同有关部门，每年对{topic}情况进行监督检查，并向社会公布检查结果。",
    "实施过程中遇到的具体问题，由县住房和城乡建设局会同有关部门研究提出处理意见，报县人民政府同意后执行。",
)
CLOSING_RULES = (
    "本办法由县住房和城乡建设局负责解释。",
    "本办法自{year}年{month}月{day}日起施行，有效期{n}年。",
    "此前本县有关规定与本办法不一致的，以本办法为准。",
)
CHAPTERS = ("总则", "申请与审核", "实施与管理", "资金管理", "监督检查", "法律责任", "附则")
NOTICE_OPENINGS = (
    "各乡镇人民政府、街道办事处，县直有关单位：",
    "为认真贯彻落实{basis}精神，扎实做好{topic}工作，现将有关事项通知如下。",
    "根据县委、县政府工作安排，经研究，决定在全县范围内开展{topic}专项工作。",
    "为切实保障群众合法权益，进一步提升{ctitle}工作水平，现就{year}年有关工作安排如下。",
)
NOTICE_SECTIONS = ("工作目标", "工作内容", "实施步骤", "工作要求", "保障措施", "联系方式")
NOTICE_SENTENCES = (
    "各相关单位要高度重视，加强组织领导，明确责任分工，确保各项工作按时保质完成。",
    "请各乡镇、各有关单位于{month}月{day}日前将工作进展情况书面报送县住房和城乡建设局。",
    "对工作推进不力、群众反映强烈的，将予以通报批评，并督促限期整改。",
    "要坚持问题导向，聚焦群众急难愁盼问题，逐项建立问题清单、任务清单和责任清单。",
    "{year}年{month}月底前，完成{place}等{n}个乡镇（街道）的摸底排查和建档立卡工作。",
    "要充分利用政府网站、政务新媒体、公示栏等渠道，做好政策宣传和解读，营造良好氛围。",
    "各乡镇要安排专人负责，做好资料收集、审核把关和信息报送工作，确保数据真实准确。",
    "县住房和城乡建设局将会同有关部门组成督导组，不定期开展督导检查，督查结果纳入年度考核。",
    "工作中遇到的问题，请及时与{org}联系。",
    "要严格落实安全生产责任制，加强施工现场管理，坚决防范各类安全事故发生。",
    "要加强资金监管，严格执行财务制度，确保资金使用规范、安全、高效。",
    "本次工作分动员部署、组织实施和总结验收三个阶段进行，{month}月底前全面完成。",
)
PUBLICITY_SENTENCES = (
    "根据{basis}等有关规定，经个人申请、乡镇（街道）初审、县住房和城乡建设局审核，现将{topic}结果予以公示。",
    "本批次共受理申请{m}件，经审核符合条件{k}件，不符合条件的已书面告知申请人并说明理由。",
    "公示期为{n}个工作日。公示期间，任何单位和个人均可通过来信、来访等方式向{org}反映情况。",
    "反映情况应当实事求是，以单位名义反映的应当加盖公章，以个人名义反映的应当签署真实姓名。",
    "公示期满无异议或者异议不成立的，按规定办理相关手续；异议成立的，依法作出处理。",
    "详细名单可到示例县政务服务中心住建窗口或者{place}便民服务站查阅。",
)
NEWS_SENTENCES = (
    "近日，县住房和城乡建设局召开{topic}工作推进会，分析当前形势，安排部署下一阶段重点工作。",
    "会议指出，{topic}事关群众切身利益，是重要的民生工程，各相关单位要进一步提高思想认识。",
    "会议要求，要进一步压实责任，倒排工期，挂图作战，确保按期完成年度目标任务。",
    "今年以来，{place}扎实推进{topic}工作，截至{month}月底，已完成年度任务的{pct}%。",
    "{place}{topic}项目于{year}年{month}月开工建设，目前主体工程已基本完成，预计年底前交付使用。",
    "工作人员深入村组、社区，逐户走访核实情况，面对面宣传政策，现场解答群众疑问。",
    "下一步，县住房和城乡建设局将持续加强{topic}监督管理，不断提升服务质量和群众满意度。",
    "活动中，工作人员共发放宣传资料{m}余份，现场解答群众咨询{k}人次，收集意见建议{n}条。",
    "通过开展专项检查，共排查问题隐患{k}处，已全部完成整改，有效保障了群众生命财产安全。",
)
INTERPRETATION_SECTIONS = ("制定背景", "制定依据", "主要内容", "适用范围", "创新举措", "施行时间")
INTERPRETATION_SENTENCES = (
    "为做好{topic}政策的宣传解读工作，方便群众了解政策内容，现就《{policy}》有关问题解读如下。",
    "《{policy}》的出台，对于规范{topic}工作、保障群众合法权益具有重要意义。",
    "近年来，本县{ctitle}工作取得了明显成效，但也存在申请程序复杂、审核时限较长等问题。",
    "文件主要依据{basis}等法律法规和政策文件制定，并充分征求了有关部门和社会公众的意见。",
    "文件共{chapters}章{articles}条，主要明确了适用范围、申请条件、审核程序、监督管理和法律责任等内容。",
    "与原有规定相比，文件进一步简化了申请材料，将审核时限由30个工作日压缩至{n}个工作日。",
    "文件明确，符合条件的家庭可以通过线上、线下两种方式提出申请，实现“一次申请、全程网办”。",
    "文件自{year}年{month}月{day}日起施行，施行前已经受理的申请，按照原规定办理。",
)
GUIDE_SECTIONS = ("事项名称", "设定依据", "申请条件", "申请材料", "办理流程", "办理时限", "收费标准", "办理地点")
GUIDE_SENTENCES = (
    "本事项依据{basis}设立，由{org}负责办理。",
    "申请人应当具有本县户籍或者在本县稳定就业，家庭收入、住房状况符合规定标准。",
    "申请材料包括：申请表、身份证明、户籍证明、收入证明以及其他相关证明材料。",
    "申请人向乡镇人民政府（街道办事处）提出申请，经初审、审核、公示后办理相关手续。",
    "办理时限为{n}个工作日（不含公示时间），本事项不收取任何费用。",
    "办理地点：示例县政务服务中心住建窗口，工作日上午九时至下午五时。",
    "申请人也可以通过政务服务网在线提交申请，全程网上办理。",
)
STATISTICS_SENTENCES = (
    "现将{year}年{topic}有关情况统计如下。",
    "统计数据来源于县住房和城乡建设局业务系统，部分数据为初步统计结果，以最终核定数据为准。",
    "与上年同期相比，{topic}数量增长{pct}%，总体保持平稳有序。",
    "从区域分布看，{place}完成数量较多，占全县总量的{pct}%。",
)
SUMMARY_SENTENCES = (
    "明确了{topic}的适用范围、申请条件、审核程序和监督管理要求。",
    "公布{place}{topic}有关情况，接受社会监督。",
    "部署{year}年全县{topic}工作的目标任务和工作要求。",
    "介绍{topic}工作的进展情况和下一步工作安排。",
)


@dataclass
class SyntheticEntry:
    """One synthetic entry: where it goes (relative to the catalogue), its file and its parts."""

    path: str
    text: str
    data: dict[str, object]  #: the front matter
    body: str
    attachment: str  #: the attachment's path relative to the entry's folder ('' for none)
    area: int
    column: int


def _entry_date(seed: int, area: int, cat: int, j: int, count: int) -> dt.date:
    """发布日期 of entry ``j`` of ``count`` in a column: rising with ``j`` over 2019–2026."""
    rng = random.Random(f"gkml-entry-date-{seed}-{area}-{cat}-{j}")
    span = (ENTRY_LAST - ENTRY_FIRST).days
    return ENTRY_FIRST + dt.timedelta(days=int((j + rng.random()) * span / count))


def _entry_id(seed: int, area: int, cat: int, j: int, count: int) -> str:
    """The id ``gkml new --entry`` gives entry ``j``: ``<column slug>-<yyyymmdd>-<n>``, ``n`` the
    first number free on that day (dates rise with ``j``: the entries of the same day before it, plus one)."""
    published = _entry_date(seed, area, cat, j, count)
    n = 1
    while j - n >= 0 and _entry_date(seed, area, cat, j - n, count) == published:
        n += 1
    return f"{AREAS[area][3][cat][1]}-{published:%Y%m%d}-{n}"


def _policy_title(seed: int, area: int, cat: int, j: int) -> str:
    topic = AREAS[area][3][cat][2]
    rng = random.Random(f"gkml-entry-policy-{seed}-{area}-{cat}-{j}")
    return f"示例县{topic}{rng.choice(POLICY_KINDS)}"


def _category(rng: random.Random, j: int) -> str:
    slot = j % 20
    if slot in POLICY_SLOTS:
        return rng.choice(("规范性文件", "规范性文件", "规范性文件", "其他政策文件", "其他政策文件", "规章"))
    if slot in INTERPRETATION_SLOTS:
        return "政策解读"
    if slot in GUIDE_SLOTS:
        return "办事指南"
    names = [name for name, _ in OTHER_CATEGORIES]
    return rng.choices(names, [weight for _, weight in OTHER_CATEGORIES])[0]


def _next_policy(j: int) -> int:
    """The number of the next policy of a column after policy ``j``."""
    return next(k for k in range(j + 1, j + 21) if k % 20 in POLICY_SLOTS)


def _fill(template: str, rng: random.Random, values: dict[str, str]) -> str:
    numbers = {
        "n": str(rng.choice((3, 5, 5, 7, 10, 15, 20))),
        "m": str(rng.randint(12, 860)),
        "k": str(rng.randint(5, 300)),
        "pct": str(rng.randint(35, 99)),
        "month": str(rng.randint(1, 12)),
        "day": str(rng.randint(1, 28)),
        "place": rng.choice(PLACES),
        "chapters": chinese_number(rng.randint(4, 7)),
        "articles": chinese_number(rng.randint(18, 45)),
    }
    return template.format(**values, **numbers)


def _body(category: str, rng: random.Random, values: dict[str, str]) -> str:
    """Markdown of 300–3,000 characters, laid out as the category's documents usually are."""
    target = int(BODY_MIN + (BODY_MAX - BODY_MIN) * rng.random() ** 2)
    parts: list[str] = []
    size = 0

    def add(text: str) -> None:
        nonlocal size
        parts.append(text)
        size += len(text)

    def paragraph(pool: tuple[str, ...], sentences: int) -> str:
        return "".join(_fill(t, rng, values) for t in rng.sample(pool, min(sentences, len(pool))))

    if category in ("规章", "规范性文件", "其他政策文件"):
        article = 1
        for chapter, name in enumerate(CHAPTERS, 1):
            add(f"## 第{chinese_number(chapter)}章 {name}")
            for _ in range(rng.randint(2, 4)):
                add(f"第{chinese_number(article)}条 " + paragraph(RULES, rng.randint(1, 2)))
                article += 1
            if size >= target and chapter >= 2:
                break
        for closing in CLOSING_RULES[: rng.randint(1, 3)]:
            add(f"第{chinese_number(article)}条 " + _fill(closing, rng, values))
            article += 1
        return "\n\n".join(parts) + "\n"
    sections: tuple[str, ...] = ()
    pool: tuple[str, ...] = NOTICE_SENTENCES
    if category == "政策解读":
        sections, pool = INTERPRETATION_SECTIONS, INTERPRETATION_SENTENCES
    elif category == "办事指南":
        sections, pool = GUIDE_SECTIONS, GUIDE_SENTENCES
    elif category in ("通知公告", "规划计划", "年度报告", "其他"):
        sections = NOTICE_SECTIONS
        add(_fill(rng.choice(NOTICE_OPENINGS), rng, values))
    elif category == "公示公告":
        pool = PUBLICITY_SENTENCES
    elif category == "统计数据":
        pool = STATISTICS_SENTENCES
        add(paragraph(pool, 2))
        rows = ["| 乡镇（街道） | 户数 | 金额（万元） |", "| --- | ---: | ---: |"]
        for place in rng.sample(PLACES, rng.randint(4, 8)):
            rows.append(f"| {place} | {rng.randint(3, 400)} | {rng.randint(10, 900)}.{rng.randint(0, 9)} |")
        add("\n".join(rows))
    else:
        pool = NEWS_SENTENCES
    number = 1
    while size < target:
        if sections and number <= len(sections):
            add(f"## {chinese_number(number)}、{sections[number - 1]}")
            number += 1
        elif sections and rng.random() < 0.15:
            listed = rng.sample(pool, rng.randint(2, 4))
            add("\n".join(f"{i}. " + _fill(t, rng, values) for i, t in enumerate(listed, 1)))
            continue
        add(paragraph(pool, rng.randint(2, 4)))
    return "\n\n".join(parts) + "\n"


def _entry_title(category: str, rng: random.Random, policy: str, year: int, j: int, topic: str, ctitle: str) -> str:
    place = rng.choice(PLACES)
    choices: dict[str, tuple[str, ...]] = {
        "规章": (policy,),
        "规范性文件": (policy, f"关于印发《{policy}》的通知"),
        "其他政策文件": (f"关于进一步加强{topic}工作的实施意见", f"关于印发《{policy}》的通知"),
        "政策解读": (f"《{policy}》政策解读", f"一图读懂《{policy}》"),
        "办事指南": (f"{topic}办事指南", f"{ctitle}申请办理指南"),
        "通知公告": (f"关于开展{year}年{topic}工作的通知", f"关于{topic}有关事项的公告"),
        "公示公告": (f"{place}{topic}审核结果公示（{year}年第{j % 9 + 1}批）", f"{place}{topic}名单公示"),
        "统计数据": (f"{year}年第{j % 4 + 1}季度{topic}情况统计",),
        "规划计划": (f"示例县{year}年{topic}工作计划", f"示例县{ctitle}三年行动计划（{year}—{year + 2}年）"),
        "年度报告": (f"示例县住房和城乡建设局{year - 1}年度{ctitle}工作报告",),
        "工作动态": (f"{place}扎实推进{topic}工作", f"县住建局召开{topic}工作推进会"),
        "其他": (f"{topic}相关情况说明",),
    }
    return rng.choice(choices[category])


def _file_stem(title: str, j: int) -> str:
    """A file name an editor might give: the title without book-title marks, shortened, and the entry's number."""
    stem = re.sub(r"[《》“”]", "", title)
    return f"{stem[:40]}-{j + 1}"


def _entry(seed: int, a: int, c: int, j: int, count: int, items: int) -> SyntheticEntry:
    """Entry ``j`` of the ``count`` entries of column ``c`` of area ``a``, whose items number ``items``."""
    atitle, aslug, _, cats = AREAS[a]
    ctitle, cslug, topic = cats[c]
    rng = random.Random(f"gkml-entry-{seed}-{a}-{c}-{j}")
    published = _entry_date(seed, a, c, j, count)
    category = _category(rng, j)
    policy = _policy_title(seed, a, c, j if category in ("规章", "规范性文件", "其他政策文件") else j - 1)
    title = _entry_title(category, rng, policy, published.year, j, topic, ctitle)
    formed = published - dt.timedelta(days=rng.randint(0, 10))
    reviewed = formed + dt.timedelta(days=rng.randint(0, (published - formed).days))
    basis_title = rng.choice(BASIS_AREA[aslug])[0]
    values = {"topic": topic, "ctitle": ctitle, "atitle": atitle, "org": rng.choice(SUBJECTS[aslug])}
    values |= {"basis": basis_title, "year": str(published.year), "policy": policy}
    data: dict[str, object] = {
        "id": _entry_id(seed, a, c, j, count),
        "标题": title,
        "事项": f"{aslug}-{cslug}-{j % items + 1:05d}",
        "发布日期": published.isoformat(),
        "形成日期": formed.isoformat(),
        "发布机构": rng.choice(SUBJECTS[aslug]),
    }
    if category in ("规章", "规范性文件", "其他政策文件") or (category == "通知公告" and rng.random() < 0.5):
        prefix = "示建规" if category == "规范性文件" else "示建发"
        data["文号"] = f"{prefix}〔{published.year}〕{j % 97 + 1}号"
    data["类别"] = category
    if rng.random() < 0.5:
        data["摘要"] = _fill(rng.choice(SUMMARY_SENTENCES), rng, values)
    stem = _file_stem(title, j)
    attachment = ""
    if rng.random() < ATTACHMENT_SHARE:
        attachment = f"附件/{stem}.pdf"
        data["附件"] = [{"名称": f"{title}（全文）", "文件": attachment}]
    if category == "政策解读" or (category == "办事指南" and j % 20 in GUIDE_SLOTS and rng.random() < 0.8):
        if j >= 1:
            data["关联"] = [_entry_id(seed, a, c, j - 1, count)]
    if category in ("规章", "规范性文件", "其他政策文件"):
        later = _next_policy(j)
        if later < count and rng.random() < 0.125:
            replaced_on = _entry_date(seed, a, c, later, count)
            replacement = _entry_id(seed, a, c, later, count)
            data["有效性"] = {"状态": "已废止", "日期": replaced_on.isoformat(), "替代": replacement}
        elif rng.random() < 0.05:
            amended = published + dt.timedelta(days=rng.randint(200, 600))
            data["有效性"] = {"状态": "已修改", "日期": amended.isoformat()}
    data["审核"] = {"审核人": rng.choice(REVIEWERS), "审核日期": reviewed.isoformat()}
    body = _body(category, rng, values)
    text = "---\n" + "\n".join(_mapping(data, 0)) + "\n---\n\n" + body
    path = f"{atitle}/{ctitle}/{published.year}/{stem}.md"
    return SyntheticEntry(path, text, data, body, attachment, a, c)


def _columns_with_items(items: int) -> list[tuple[int, int, int]]:
    """(area, column, number of items) of every column that has items, as :func:`iter_records` fills them."""
    per, extra = divmod(items, 50)
    found = []
    for a in range(5):
        for c in range(10):
            n = per + (1 if a * 10 + c < extra else 0)
            if n:
                found.append((a, c, n))
    return found


def iter_entries(items: int, entries: int, seed: int = 1) -> Iterator[SyntheticEntry]:
    """Every entry of the synthetic catalogue of ``items`` items: ``entries`` spread evenly over
    the columns that have items (and in a column over its items), column by column."""
    columns = _columns_with_items(items)
    if not columns or entries <= 0:
        return
    per, extra = divmod(entries, len(columns))
    for index, (a, c, n_items) in enumerate(columns):
        count = per + (1 if index < extra else 0)
        for j in range(count):
            yield _entry(seed, a, c, j, count, n_items)


def tiny_pdf(entry_id: object) -> bytes:
    """A small valid one-page PDF (a few hundred bytes) standing for the attachment of entry
    ``entry_id``: each a different file, as a bureau's attachments are (gkml keeps their text by content)."""
    label = re.sub(r"[^A-Za-z0-9 -]", "", str(entry_id))[:60]
    stream = f"BT /F1 12 Tf 72 720 Td (gkml benchmark attachment {label}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


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


if __name__ == "__main__":  # quick profile of the text: python benchmarks/synth.py [N] [ENTRIES]
    import sys
    from collections import Counter

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if len(sys.argv) > 2:
        made = list(iter_entries(n, int(sys.argv[2])))
        sizes = sorted(len(e.body) for e in made)
        print(
            f"entries {len(made)}, body chars: mean {sum(sizes) / len(sizes):.0f}, "
            f"median {sizes[len(sizes) // 2]}, min {sizes[0]}, max {sizes[-1]}"
        )
        print("  categories:", dict(Counter(str(e.data["类别"]) for e in made).most_common()))
        shares = {
            "文号": sum("文号" in e.data for e in made),
            "附件": sum(bool(e.attachment) for e in made),
            "关联": sum("关联" in e.data for e in made),
            "已废止": sum(str(e.data.get("有效性", {})).count("已废止") for e in made),
            "已修改": sum(str(e.data.get("有效性", {})).count("已修改") for e in made),
            "摘要": sum("摘要" in e.data for e in made),
        }
        print("  with:", shares)
        sys.exit(0)
    records = list(iter_records(n))
    chars = [element_chars(d) for *_, d in records]
    print(f"items {n}, element chars per item: mean {sum(chars) / len(chars):.1f}, min {min(chars)}, max {max(chars)}")
    for q in ("公租房", "租房", "配租", "补贴", "财政补贴", "租赁补贴", "公共租赁住房"):
        hits = sum(q in element_text(d) for *_, d in records)
        in_title = sum(q in str(d["名称"]) for *_, d in records)
        print(f"  {q}: {hits} items ({in_title} in titles)")
