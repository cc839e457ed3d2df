"""The editors' guide to the twenty most common mistakes, generated from the rules.

Every example is a real record with one mistake in it, checked by the same code as
``gkml check``; the page shows what was typed, what gkml answers (its actual output)
and the corrected lines. A change of a rule or a message therefore changes the page:
it cannot drift from what editors see.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.diagnostics import Diagnostic
from generator.check.messages import MESSAGES
from generator.check.record import validate_record
from generator.load.yamlfile import parse_yaml
from generator.model.naming import GUIDE_FOLDER

#: Where the page lives in the site (listed in mkdocs.yml's nav like a hand-written page).
ERRORS_PAGE = f"{GUIDE_FOLDER}/errors.md"

#: The file the examples pretend to be.

EXAMPLE_FILE = "catalogue/保障性住房/配给管理/公租房承租资格审核.yaml"

#: A correct record; each mistake replaces one piece of it.
EXAMPLE_RECORD = """\
id: bzxzf-pjgl-gzfzgsh
名称: 公租房承租资格审核
内容:
  - ●申请条件
  - ●审核结果
  - 〇轮候情况
依据:
  - 《公共租赁住房管理办法》（住房和城乡建设部令第11号）
  - 《关于进一步规范发展公租房的意见》（建保〔2019〕55号）
时限: 信息形成或者变更之日起20个工作日内
主体: 示例县住房和城乡建设局住房保障股
方式: 主动
渠道:
  - ■政府网站: 政府信息公开 > 保障性住房 > 配给管理
  - □两微一端
对象: 全社会
层级: 县级
"""


@dataclass(frozen=True)
class Mistake:
    """One common mistake: the rule it breaks and the lines as typed wrongly."""

    code: str
    correct: str  #: lines of :data:`EXAMPLE_RECORD` as they should be
    wrong: str  #: the same lines as editors often type them
    why: str  #: one sentence on why the rule exists


MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        "missing-field",
        "时限: 信息形成或者变更之日起20个工作日内\n",
        "",
        "八要素缺一不可，缺少的要素在网站上会变成空白。",
    ),
    Mistake(
        "empty-value",
        "主体: 示例县住房和城乡建设局住房保障股\n",
        "主体:\n",
        "空着的要素和缺少的要素一样，检查时会被认定为要素不全。",
    ),
    Mistake(
        "unknown-key", "时限: 信息形成", "公开时间: 信息形成", "只认得规定的键，写错的键里的内容不会出现在网站上。"
    ),
    Mistake("key-quoted", "名称: 公租房", "“名称”: 公租房", "从 Word 复制时常带上中文引号，键两边不能有引号。"),
    Mistake("yaml-fullwidth-colon", "名称: 公租房", "名称：公租房", "中文输入法下打出的冒号是全角的，YAML 不认。"),
    Mistake("yaml-missing-space", "名称: 公租房", "名称:公租房", "冒号后面必须有一个空格。"),
    Mistake("yaml-tab", "  - ●审核结果\n", "\t- ●审核结果\n", "YAML 只认空格缩进，Tab 看起来一样但会出错。"),
    Mistake(
        "yaml-fullwidth-space",
        "  - ●审核结果\n",
        "\u3000- ●审核结果\n",
        "全角空格看起来和两个半角空格一样宽，但不能用来缩进。",
    ),
    Mistake("duplicate-key", "方式: 主动\n", "方式: 主动\n方式: 依申请\n", "同一个键写两遍时，无法判断哪一个才算数。"),
    Mistake("content-mark", "  - ●申请条件\n", "  - 申请条件\n", "标准目录用 ● 和 〇 区分必须公开和可以公开的内容。"),
    Mistake("channel-mark", "  - □两微一端\n", "  - 两微一端\n", "标准目录用 ■ 和 □ 区分必选和可选渠道。"),
    Mistake(
        "channel-unknown",
        "  - □两微一端\n",
        "  - □微信公众号\n",
        "渠道只能从标准的 13 个中选择；微信公众号属于“两微一端”。",
    ),
    Mistake(
        "website-column-missing",
        "  - ■政府网站: 政府信息公开 > 保障性住房 > 配给管理\n",
        "  - ■政府网站\n",
        "省级工作方案要求渠道具体到平台栏目，只写“政府网站”检查时不合格。",
    ),
    Mistake("vocab-unknown", "方式: 主动", "方式: 公开", "公开方式只有“主动”和“依申请”两种。"),
    Mistake("audience-group-missing", "对象: 全社会", "对象: 特定群体", "面向特定群体时要写明是哪一类人。"),
    Mistake(
        "basis-format",
        "  - 《公共租赁住房管理办法》（住房和城乡建设部令第11号）\n",
        "  - 公共租赁住房管理办法\n",
        "文件名称要用书名号，读者才能准确查到文件。",
    ),
    Mistake(
        "basis-docno-brackets",
        "（建保〔2019〕55号）",
        "（建保[2019]55号）",
        "公文文号的年份用六角括号〔〕，方括号和圆括号都不规范。",
    ),
    Mistake(
        "subject-vague",
        "主体: 示例县住房和城乡建设局住房保障股",
        "主体: 有关部门",
        "公开主体要具体到部门，群众才知道找谁。",
    ),
    Mistake(
        "time-limit-unparsed",
        "时限: 信息形成或者变更之日起20个工作日内",
        "时限: 尽快",
        "时限要写明从何时起、多少个工作日内，否则无法判断是否逾期。",
    ),
    Mistake(
        "privacy-mobile",
        "主体: 示例县住房和城乡建设局住房保障股\n",
        "主体: 示例县住房和城乡建设局住房保障股（联系人 13812345678）\n",
        "目录是公开的，不得出现个人的手机号、身份证号或银行卡号。",
    ),
)


def example(mistake: Mistake) -> tuple[str, list[Diagnostic]]:
    """The example record with ``mistake`` in it, and what gkml says about it."""
    assert mistake.correct in EXAMPLE_RECORD, mistake.code
    text = EXAMPLE_RECORD.replace(mistake.correct, mistake.wrong, 1)
    doc, diagnostics = parse_yaml(text.encode("utf-8"), EXAMPLE_FILE)
    if doc is not None:
        diagnostics = diagnostics + validate_record(doc)[1]
    return text, diagnostics


def _lines(text: str) -> str:
    shown = text.rstrip("\n").replace("\t", "→   ").replace("\u3000", "□")
    return shown or "（整行删掉了）"


def common_errors_page() -> str:
    """The Markdown of the guide page 常见错误及改正方法."""
    out = [
        "# 常见错误及改正方法",
        "",
        "下面是编辑事项文件时最常见的 20 种错误。每个例子都是把一个正确的事项文件改错一处后，"
        "由 `gkml check` 实际检查得到的提示（本页在生成网站时自动生成，和检查程序的提示始终一致）。"
        "提示的格式是“文件:行:列: 级别[规则] 要素：问题（提示：改法）”。",
        "",
        "显示约定：`→` 表示 Tab，`□` 表示全角空格。",
        "",
    ]
    for number, mistake in enumerate(MISTAKES, 1):
        _, found = example(mistake)
        assert mistake.code in {d.code for d in found}, f"{mistake.code}: the example does not show the mistake"
        out += [
            f"## {number}. {MESSAGES[mistake.code].title}",
            "",
            mistake.why,
            "",
            "写错的样子：",
            "",
            "```yaml",
            _lines(mistake.wrong),
            "```",
            "",
            "`gkml check` 的提示：",
            "",
            "```text",
            *(d.format() for d in found),
            "```",
            "",
            "改正为：",
            "",
            "```yaml",
            _lines(mistake.correct),
            "```",
            "",
        ]
    return "\n".join(out)
