"""Every message gkml shows an editor, keyed by a stable diagnostic code.

Messages are written for civil servants, not programmers: they name the element,
say what was expected and what to type instead. Placeholders in braces are filled in
by :func:`generator.check.diagnostics.make` (or ``make_cell``, ``make_url``).

One table for the checker and for ``gkml import``: a problem both find (an unknown
channel, a bad id or date) has one code and one message, whichever finds it. The codes
only the importer uses are :data:`IMPORT_CODES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.severity import Severity


@dataclass(frozen=True)
class Message:
    severity: Severity
    message: str
    hint: str
    title: str  # short Chinese name of the rule, for the editors' guide
    #: Whether what it finds depends on the day of the check (a column not updated for a year): reported,
    #: but never failing ``--strict`` (publishing never depends on the calendar) unless a bureau makes it
    #: an error in its ``severity`` setting (see :func:`generator.check.diagnostics.fails`).
    dated: bool = False


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741


def _check_messages() -> dict[str, Message]:
    """What the checker says of records, settings, the catalogue tree and the site's pages
    (the importer says some of it too, of the cells it reads)."""
    return {
        # --- reading the file -------------------------------------------------------------
        "file-unreadable": Message(E, "无法读取文件：{reason}", "请确认文件存在且有读取权限。", "文件无法读取"),
        "file-outside": Message(
            E,
            "这是一个链接，指向仓库以外的“{target}”，gkml 不读取也不发布仓库以外的文件",
            "请把文件本身复制到仓库中（不要用链接），或删除这个链接。",
            "链接指向仓库以外",
        ),
        "file-link-broken": Message(
            E,
            "这是一个链接，但它指向的“{target}”不存在",
            "请改正或删除这个链接（文件是否已改名、移动或删除？）。",
            "链接指向的文件不存在",
        ),
        "file-too-large": Message(
            E,
            "文件有 {size}，超过了 {limit} 的上限，未读取",
            "请检查是否误把其他内容粘贴或保存进了这个文件；确实需要更大的文件时，"
            "可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 {key}，例如“{key}: {example}”（见 README 的“限制”）。",
            "文件过大",
        ),
        "file-binary": Message(
            E,
            "文件含有二进制内容（NUL 字节），不是文本文件",
            "请用文本编辑器重新保存为 UTF-8 编码的 .yaml 文件。",
            "不是文本文件",
        ),
        "encoding-gbk": Message(
            E,
            "文件是 GBK/GB18030 编码，不是 UTF-8",
            "请在编辑器中选择“另存为”，编码选“UTF-8”后保存（记事本：编码选 UTF-8；VS Code：右下角点击 GBK → 通过编码保存 → UTF-8）。",
            "文件编码为 GBK",
        ),
        "encoding-invalid": Message(
            E, "文件不是 UTF-8 编码（第 {offset} 个字节无法解码）", "请将文件另存为 UTF-8 编码。", "文件编码错误"
        ),
        "encoding-utf16": Message(
            E,
            "文件是 UTF-16 编码，不是 UTF-8",
            "请将文件另存为 UTF-8 编码（不要选 Unicode/UTF-16）。",
            "文件编码为 UTF-16",
        ),
        "encoding-bom": Message(
            I,
            "文件开头有 BOM（字节顺序标记）",
            "不影响使用；如要去掉，在编辑器中另存为“UTF-8”（不要选“UTF-8 with BOM”/“带签名”）。",
            "文件带 BOM",
        ),
        "line-endings-mixed": Message(
            W,
            "文件混用了两种换行符（Windows 的 CRLF 和 LF），从这一行起与前面不同",
            "请在编辑器中统一换行符后保存（VS Code：点击右下角的“CRLF”或“LF”，选“LF”）。",
            "换行符混用",
        ),
        "file-empty": Message(E, "文件是空的", "请参照其他事项文件填写内容，或删除此文件。", "空文件"),
        # --- YAML syntax --------------------------------------------------------------------
        "yaml-tab": Message(
            E, "使用了制表符（Tab）缩进", "YAML 只能用空格缩进：请把行首的 Tab 换成两个空格。", "用 Tab 缩进"
        ),
        "yaml-fullwidth-colon": Message(
            E,
            "“{key}”后面用了全角冒号“：”",
            "键和值之间要用英文半角冒号加一个空格，请改为“{key}: ”。",
            "全角冒号",
        ),
        "yaml-fullwidth-space": Message(
            E, "行首有全角空格（　）", "缩进只能用半角空格：请删除全角空格后用半角空格对齐。", "全角空格"
        ),
        "yaml-missing-space": Message(
            E, "冒号后面缺少空格", "键和值之间的冒号后面要加一个空格，例如“时限: 20个工作日”。", "冒号后缺空格"
        ),
        "yaml-syntax": Message(
            E, "YAML 格式错误：{problem}", "请检查这一行及上一行的缩进、冒号和引号是否成对。", "YAML 格式错误"
        ),
        "yaml-multiple-documents": Message(
            E,
            "一个文件里只能有一个事项，这里出现了第二段内容（---）",
            "请删除多余的“---”，或把第二个事项另存为新文件。",
            "一个文件多个事项",
        ),
        "yaml-anchor": Message(E, "不支持 YAML 锚点和别名（& 和 *）", "请把引用的内容直接写出来。", "使用了锚点/别名"),
        "duplicate-key": Message(
            E,
            "“{key}”重复出现，第一次出现在第 {first_line} 行",
            "同一个键只能写一次：请合并两处内容，删除其中一处。",
            "键重复",
        ),
        "not-mapping": Message(
            E, "文件内容应是“键: 值”的形式", "请参照示例文件，每行以“名称: ”“时限: ”这样的键开头。", "不是键值形式"
        ),
        # --- record structure -----------------------------------------------------------------
        "missing-field": Message(E, "缺少“{key}”", "请添加一行“{key}: {example}”。", "缺少要素"),
        "empty-value": Message(E, "“{key}”不能为空", "请填写内容，例如：{example}", "要素为空"),
        "unknown-key": Message(E, "不认识的键“{key}”{suggestion}", "可用的键：{allowed}。", "未知的键"),
        "key-quoted": Message(
            E,
            "键 {key} 两边带了引号",
            "键不需要引号（尤其不要用中文引号“”），请改为“{bare}: ”（半角冒号加一个空格）。",
            "键带引号",
        ),
        "wrong-type": Message(E, "“{key}”应为{expected}，这里是{found}", "示例：{example}", "类型错误"),
        "bad-id": Message(
            E,
            "id“{value}”格式不对",
            "id 只能由小写字母、数字和连字符组成，以字母开头，例如“bzxzf-gzf-zgsh”，也不能是 con、nul、com1 这样的"
            " Windows 设备名（事项页面的文件夹以 id 命名）；id 一经发布不要修改，它决定网址。",
            "id 格式错误",
        ),
        "duplicate-id": Message(
            E, "id“{value}”与 {other} 重复", "每个事项的 id 必须唯一：请给其中一个换一个新 id。", "id 重复"
        ),
        "content-mark": Message(
            E,
            "公开内容“{value}”前缺少“●”或“〇”标记",
            "必选项写“- ●{text}”，可选项写“- 〇{text}”。",
            "公开内容缺少●/〇",
        ),
        "content-text-missing": Message(
            E, "“{value}”后面缺少公开内容", "在标记后面写上内容，例如“- ●申请条件”。", "公开内容为空"
        ),
        "channel-name-missing": Message(
            E, "“{value}”后面缺少渠道名称", "在标记后面写上渠道名称，例如“- □两微一端”。", "渠道名称为空"
        ),
        "channel-mark": Message(
            E,
            "公开渠道“{value}”前缺少“■”或“□”标记",
            "必选渠道写“- ■{text}”，可选渠道写“- □{text}”。",
            "公开渠道缺少■/□",
        ),
        "channel-unknown": Message(
            E,
            "“{value}”不是标准公开渠道",
            "标准渠道共 13 个：{allowed}。其他渠道写作“其他”并写明名称："
            "事项文件中写“□其他: 渠道名称”，表格中写“□其他（渠道名称）”。",
            "未知的公开渠道",
        ),
        "website-column-missing": Message(
            E,
            "政府网站渠道没有写明具体栏目",
            "渠道要具体到网站栏目：写成“- ■政府网站: 栏目名称”；要加网址时，在“- ■政府网站:”下面缩进写“栏目: 栏目名称”和“网址: https://…”两行。",
            "政府网站未写栏目",
        ),
        "other-channel-name-missing": Message(
            E,
            "“其他”渠道没有写明是什么渠道",
            "写成“□其他: 渠道名称”，例如“□其他: 办事大厅电子屏”。",
            "其他渠道未写名称",
        ),
        "channel-duplicate": Message(E, "公开渠道“{value}”重复出现", "每个渠道只写一次。", "公开渠道重复"),
        "channel-detail-keys": Message(
            E, "渠道说明中不认识的键“{key}”", "政府网站渠道可写“栏目”和“网址”两项。", "渠道说明键错误"
        ),
        "vocab-unknown": Message(E, "“{value}”不是有效的{key}", "可选值：{allowed}。", "取值不在规定范围"),
        "vocab-variant": Message(I, "“{value}”已按标准写法理解为“{normal}”", "建议直接写“{normal}”。", "非标准写法"),
        "audience-group-missing": Message(
            E,
            "“特定群体”需要写明是哪一类群体",
            "请写成“特定群体（申请人）”这样的形式，括号内写明群体。",
            "特定群体未写明",
        ),
        "audience-public-with-group": Message(
            E,
            "“全社会”后面写了群体“{group}”",
            "面向全社会的写“全社会”；只面向某类人时写“特定群体（{group}）”；两者都有时分两行写。",
            "全社会后写了群体",
        ),
        "basis-title-missing": Message(
            E,
            "公开依据缺少“标题”",
            "写成键值形式时要有“标题: 《文件名称》”一行，例如“标题: 《公共租赁住房管理办法》”。",
            "依据缺少标题",
        ),
        "basis-format": Message(
            E,
            "公开依据“{value}”应以书名号《》括起文件名称",
            "写成“《文件名称》（文号）”，例如“《公共租赁住房管理办法》（住房和城乡建设部令第11号）”。",
            "依据缺少书名号",
        ),
        "basis-brackets": Message(
            E,
            "公开依据“{value}”的书名号《》不成对",
            "文件名称要用一对书名号括起来，应写成“{fixed}”。",
            "依据书名号不成对",
        ),
        "basis-docno-brackets": Message(
            W,
            "“{value}”中文号的年份括号不规范",
            "文号的年份用六角括号〔〕（输入法打“括号”或“六角括号”可选出），应写成“{fixed}”。",
            "文号括号不规范",
        ),
        "record-placeholder": Message(
            W,
            "还有待填写的内容“{text}”",
            "gkml new 和 gkml import 在不能确定的地方写了这样的占位文字，请改成本单位的实际情况；"
            "网站状态为“正式”时这是错误，不能发布。",
            "事项未填写完",
        ),
        "subject-vague": Message(
            W,
            "公开主体“{value}”不够具体",
            "请写明负责公开的具体部门（到股室或单位），例如“示例县住房和城乡建设局住房保障股”。",
            "公开主体不具体",
        ),
        "time-limit-unparsed": Message(
            W,
            "公开时限“{value}”不是常见写法，无法确定期限",
            "请按标准目录的写法填写，例如：{forms}。",
            "公开时限写法不规范",
        ),
        "privacy-id-number": Message(
            E,
            "{inside}出现了居民身份证号码（{masked}）",
            "网站上不得公开个人身份证号码：请删除，需要时只写“{masked}”这样去标识化的形式。",
            "含身份证号码",
        ),
        "privacy-mobile": Message(
            E,
            "{inside}出现了手机号码（{masked}）",
            "网站上不得公开个人手机号码：请删除，或改为单位的办公电话；本单位有意公开的手机号码（如值班手机）"
            "请列入 _site.yaml 的“公开电话”。",
            "含手机号码",
        ),
        "privacy-bank-card": Message(
            E, "{inside}出现了银行卡号（{masked}）", "网站上不得公开银行卡号：请删除。", "含银行卡号"
        ),
        "url-scheme": Message(
            E,
            "网址“{value}”不是 http:// 或 https:// 开头",
            "请填写完整网址，例如“https://www.example.gov.cn/zwgk/”。",
            "网址格式错误",
        ),
        "date-format": Message(E, "日期“{value}”格式不对", "请写成“2024-03-05”这样的年-月-日形式。", "日期格式错误"),
        "order-format": Message(E, "顺序“{value}”应为整数", "写一个整数，例如 3。", "顺序不是整数"),
        # --- catalogue tree ---------------------------------------------------------------------
        "record-outside-category": Message(
            E,
            "事项文件放错了位置",
            "事项文件应放在“catalogue/领域/一级事项/”文件夹中，例如 catalogue/保障性住房/配给管理/。",
            "文件位置错误",
        ),
        "slug-format": Message(
            E,
            "网址别名“{value}”只能用小写字母、数字和连字符",
            "例如“slug: bzxzf”。不填则自动用拼音首字母生成。",
            "网址别名格式错误",
        ),
        "slug-duplicate": Message(
            E, "网址别名“{value}”与 {other} 重复", "请为其中一个改用不同的 slug。", "网址别名重复"
        ),
        "column-empty": Message(
            E,
            "栏目“{value}”中没有任何事项",
            "空白栏目通不过政府网站检查：请在这个文件夹中添加事项文件（可用 gkml new），或删除这个文件夹。",
            "空白栏目",
        ),
        "area-empty": Message(
            E,
            "领域“{value}”中没有任何栏目",
            "请在这个文件夹中按一级事项建立栏目文件夹并添加事项，或删除这个文件夹。",
            "空白领域",
        ),
        "standard-item-missing": Message(
            W,
            "领域“{area}”缺少国家标准目录中的 {count} 个事项（共 {total} 个）：{names}",
            "请逐项补充，例如运行 gkml new --area {area} --category {level1} --name {level2}；"
            "标“（参考）”的事项是依据法规整理的参考内容，不是标准原文，请核对。本县确实没有的事项，"
            "可在 mkdocs.yml 中 gkml 插件的 severity 设置下写一行“standard-item-missing: info”。",
            "缺少标准事项",
        ),
        "site-identity-missing": Message(
            E,
            "网站已设为正式运行，但缺少“{key}”",
            "政府网站每个页面底部都要列明{label}：请在 _site.yaml 中添加“{key}: {example}”；尚未办好时请把“状态”改为“试运行”。",
            "页脚标识不全",
        ),
        "site-contact-missing": Message(
            E,
            "网站已设为正式运行，但没有联系方式",
            "页面底部要列明联系方式：请在 _site.yaml 中填写“电话”或“邮箱”。",
            "缺少联系方式",
        ),
        "site-url-invalid": Message(
            E,
            "网站地址“{value}”{reason}",
            "请写成网站的完整地址，以 http:// 或 https:// 开头，例如“网站地址: https://www.example.gov.cn/zjj/gkml/”"
            "（网站放在子目录中时写到子目录为止）。",
            "网站地址格式错误",
        ),
        "site-url-missing": Message(
            E,
            "网站已设为正式运行，但没有填写“网站地址”",
            "二维码、规范网址和 sitemap.xml 都用网站的正式地址：请在 _site.yaml 中添加"
            "“网站地址: https://www.example.gov.cn/zjj/gkml/”（本单位网站的实际地址）。",
            "没有网站地址",
        ),
        "site-url-unset": Message(
            I,
            "还没有填写“网站地址”：页面和打印的公示栏海报暂不显示二维码，sitemap.xml 使用相对地址",
            "上线前请在 _site.yaml 中添加“网站地址: https://www.example.gov.cn/zjj/gkml/”（本单位网站的实际地址）；"
            "本机预览不需要填写。",
            "尚未填写网站地址",
        ),
        "config-site-url": Message(
            W,
            "mkdocs.yml 中的 site_url 已不再使用：网站地址只在 _site.yaml 中填写",
            "请删去这一行；网站上线后的地址写在 catalogue/_site.yaml 的“网站地址”中"
            "（例如“网站地址: https://www.example.gov.cn/zjj/gkml/”），二维码、规范网址和 sitemap.xml 都用它。",
            "mkdocs.yml 中仍有 site_url",
        ),
        "site-url-local": Message(
            E,
            "网站地址“{value}”是本机地址，别人的电脑和手机打不开，扫二维码也打不开",
            "请改为网站的正式地址，例如“网站地址: https://www.example.gov.cn/zjj/gkml/”；"
            "本机预览（gkml serve）不需要填写网站地址。",
            "网站地址是本机地址",
        ),
        "site-image-missing": Message(
            E,
            "党政机关标识图片“{value}”不存在",
            "请把图片放到网站内容文件夹中的这个位置（{docs}/{value}），或改正 _site.yaml 中“党政机关标识”的路径；图片不能从外网加载。",
            "标识图片不存在",
        ),
        "content-placeholder": Message(
            E,
            "页面中还有待填写的内容“{text}”",
            "请换成本单位的实际内容；页面尚未准备好时，可先把 _site.yaml 的“状态”改为“试运行”。",
            "必备页面未填写",
        ),
        "content-item-missing": Message(
            W,
            "链接到不存在的事项 '{href}'（编号 {item}）",
            "请检查事项编号是否写错，或该事项是否已删除、改了编号；事项页面的网址是 item/<编号>/。",
            "链接到不存在的事项",
        ),
        # --- hand-written pages: nothing runs, nothing is loaded from another site ------------------
        "content-script": Message(
            E,
            "页面中有脚本 <script>",
            "手写页面不能运行脚本（网站的安全策略也会拦下它）：请删除 <script>…</script>。",
            "手写页面含脚本",
        ),
        "content-event-handler": Message(
            E,
            "HTML 属性“{attribute}”会运行脚本",
            "请删除这个属性：以 on 开头的属性（onclick、onload、onerror 等）在点击或加载时运行脚本，手写页面中不允许。",
            "手写页面含事件属性",
        ),
        "content-script-url": Message(
            E,
            "网址“{value}”会运行脚本",
            "请改为 http:// 或 https:// 开头的网址，或站内的相对路径；javascript:、vbscript: 和 data: 网页都不允许。",
            "手写页面含脚本网址",
        ),
        "content-external-resource": Message(
            E,
            "页面从其他网站加载“{value}”",
            "网站要在内网和离线时也能用：请把图片、样式等文件下载后放进 content/ 文件夹，改用相对路径"
            "（例如“images/图片.png”）。链接到其他网站（[文字](https://…) 或 <a href>）不受限制。",
            "手写页面加载外部资源",
        ),
        "column-stale": Message(
            W,
            "栏目“{value}”已 {days} 天没有更新（最近更新 {date}），超过 {limit} 天",
            "政府网站检查把长期不更新的栏目计为“栏目不更新”：请核实是否有应公开而未公开的新信息，按时限公开后更新事项；"
            "更新周期可在栏目的 _meta.yaml 中用“更新周期: 天数”设定。不要只改日期：伪造更新日期是单项否决。",
            "栏目长期未更新",
            dated=True,
        ),
        "item-overdue": Message(
            W,
            "按公开时限“{limit}”，本事项最迟应在 {due} 更新，最近更新为 {date}",
            "请公开最新一期信息并更新“更新日期”。",
            "事项逾期未更新",
            dated=True,
        ),
        "catalogue-missing": Message(
            E, "找不到目录文件夹 {folder}", "请用 --catalogue 指定存放事项 YAML 文件的文件夹。", "目录文件夹不存在"
        ),
        "catalogue-empty": Message(
            E, "目录中没有任何事项", "请在 catalogue/领域/一级事项/ 下添加事项文件。", "目录为空"
        ),
        "site-missing": Message(
            E, "缺少站点配置文件 _site.yaml", "请在目录文件夹中创建 _site.yaml，至少填写“单位名称”。", "缺少站点配置"
        ),
        # --- what would lose a page or a file without a word ----------------------------------
        "slug-reserved": Message(
            E,
            "网址别名“{value}”与网站的{taken}同名：两者的网址相同，其中一个页面会丢失",
            "请在这个文件夹的 _meta.yaml 中写“slug: {suggestion}”，另取一个网址别名（只用小写字母、数字和连字符）。",
            "网址别名与网站页面同名",
        ),
        "slug-content": Message(
            E,
            "网址别名“{value}”与手写页面 {taken} 的网址相同，其中一个页面会丢失",
            "请在这个文件夹的 _meta.yaml 中写“slug: {suggestion}”，另取一个网址别名；或者给手写页面改名。",
            "网址别名与手写页面同名",
        ),
        "url-character": Message(
            E,
            "网址的第 {position} 个字符是看不见的字符 {char}",
            "浏览器会删去或改写网址中的空格、换行和控制字符，链接可能因此打开别的网站：请删除这个字符，"
            "网址本身含空格时写成 %20（最好从浏览器地址栏重新复制网址）。",
            "网址中有看不见的字符",
        ),
        "date-future": Message(
            W,
            "更新日期 {value} 晚于今天（{today}，北京时间）",
            "请改为事项实际修改的日期，不要预先填写：伪造更新日期是单项否决。判断栏目是否长期未更新时不计这个日期。",
            "更新日期晚于今天",
            dated=True,
        ),
        "char-control": Message(
            E,
            "有看不见的控制字符 {char}，文件因此无法读取",
            "这类字符常见于从 Word 或 PDF 复制的文字：请删除它（把光标移到这里按删除键），或重新输入这一段文字。",
            "看不见的控制字符",
        ),
        "char-invisible": Message(
            E,
            "有看不见的字符 {char}",
            "它不显示，却会改变文字的显示顺序或夹在文字中间，网页上显示的与文件中写的不同：请删除它，或重新输入这一段文字。",
            "看不见的格式字符",
        ),
        "char-zero-width": Message(
            W,
            "有看不见的零宽字符 {char}",
            "它不显示，但会让搜索找不到这段文字：请删除它（把光标移到这里按删除键），或重新输入这一段文字。",
            "零宽字符",
        ),
        "yaml-nbsp": Message(
            E,
            "这里是不换行空格 U+00A0（常见于从网页或 Word 复制的文字），YAML 不把它当作空格",
            "请删除它，重新输入一个普通的半角空格：冒号“:”和列表的“-”后面都要跟一个半角空格，例如“主体: ”。",
            "不换行空格",
        ),
        "file-suffix": Message(
            E,
            "文件“{value}”没有被读取：文件名的大小写或扩展名不对",
            "请把文件改名为“{fixed}”（扩展名用小写的 .yaml），检查和编辑器才会读取它。",
            "扩展名大小写不对",
        ),
        "name-windows": Message(
            E,
            "“{value}”是 Windows 的保留设备名，Windows 电脑无法检出或保存以它为名的文件或文件夹",
            "CON、PRN、AUX、NUL、COM1～COM9、LPT1～LPT9 不论大小写、带不带扩展名都不能用作名称：请改名，例如“{fixed}”。",
            "Windows 保留名称",
        ),
        "site-code-format": Message(
            E,
            "网站标识码“{value}”应为 10 位数字",
            "网站标识码由全国政府网站信息报送系统分配，共 10 位数字（用半角数字），例如“网站标识码: '1234000001'”；"
            "不清楚时可在该系统中查询，尚未取得时先不写这一行。",
            "网站标识码格式错误",
        ),
        # --- published information (公开信息) ---------------------------------------------------
        "entry-front-matter-missing": Message(
            E,
            "信息文件开头没有用 --- 括起来的信息要素（标题、事项、发布日期……）",
            "文件第一行写 ---，接着每行写一个要素（如“标题: 关于……的通知”），再写一行 ---，下面是正文；"
            "可以用 gkml new --entry 生成。",
            "信息缺少要素",
        ),
        "entry-item-unknown": Message(
            E,
            "“{value}”不是本栏目的公开事项",
            "“事项”写本栏目中某个事项的 id：{known}。信息文件要放在它所属事项的栏目文件夹中（按年份分文件夹）。",
            "信息的事项不存在",
        ),
        "entry-item-elsewhere": Message(
            E,
            "事项“{value}”在栏目“{other}”中，不在本栏目",
            "信息文件要放在它所属事项的栏目文件夹中：把本文件（连同它的附件）移到 {folder}/ 下的年份文件夹；"
            "事项换了栏目时，它的信息也要一起移过去。",
            "信息放错栏目",
        ),
        "entry-validity-date": Message(
            E,
            "有效性为“{state}”时要写明日期",
            "在“有效性:”下面缩进两格写三行：“状态: {state}”“日期: 2025-06-01”“替代: 新文件那条信息的 id”。",
            "有效性缺少日期",
        ),
        "entry-attachment-type": Message(
            E,
            "附件“{value}”的类型不能发布",
            "只能发布这些类型的文件：{allowed}；其他格式请先另存为 PDF。",
            "附件类型不允许",
        ),
        "entry-outside-year": Message(
            E,
            "信息文件不在年份文件夹中，不会发布",
            "信息文件放在栏目文件夹下按发布年份命名的文件夹里（如 {folder}/2025/），附件放在其中的“附件”文件夹；"
            "可以用 gkml new --entry 生成。",
            "信息不在年份文件夹",
        ),
        "entry-attachment-unused": Message(
            I,
            "附件“{value}”没有被任何信息引用，不会发布",
            "在信息文件的“附件:”中写上它，或者删除这个文件（撤下信息时附件也要删除）。",
            "附件没有被引用",
        ),
        "entry-placeholder": Message(
            W,
            "信息中还有待填写的内容“{text}”",
            "请换成实际内容（gkml new --entry 生成的文件中标有“请填写”的地方都要改）；网站状态为“正式”时这是错误，"
            "构建或检查加 --strict 时（本仓库的持续集成就是这样）也不能通过。",
            "信息未填写完",
        ),
        "entry-attachment-missing": Message(
            E,
            "附件“{value}”不存在",
            "把这个文件放进 {folder}/，或改正文件名（注意扩展名和大小写要与文件一致）。",
            "附件不存在",
        ),
        "entry-attachment-outside": Message(
            E,
            "附件“{value}”不在信息文件所在的文件夹中",
            "把附件放在信息文件旁的“附件”文件夹里，写成“附件/文件名.pdf”。",
            "附件位置不对",
        ),
        # the privacy scan of an attachment's text (check/attachments.py); what it finds has the codes privacy-*
        "entry-attachment-unreadable": Message(
            I,
            "附件“{name}”{reason}，其中的个人信息（身份证号码、手机号码、银行卡号）未能检查",
            "请人工核对其中有没有个人信息；如有可以复制文字、没有打开密码的版本（例如由 Word 直接另存为的 PDF），请改用那个版本。",
            "附件的文字无法检查",
        ),
        "entry-attachment-truncated": Message(
            I,
            "附件“{name}”{reason}，其余部分没有检查个人信息",
            "请人工核对其余部分有没有个人信息，或者把附件拆成几个较小的文件。",
            "附件只检查了一部分",
        ),
        "entry-attachment-more-findings": Message(
            I,
            "附件“{name}”中另有{more}没有逐一列出",
            "每种个人信息只列出前 {listed} 处；请删除附件中的全部个人信息，再重新检查。",
            "附件中个人信息很多",
        ),
        "entry-formed-after-published": Message(
            E,
            "形成日期 {formed} 晚于发布日期 {published}",
            "信息要先形成才能发布：请核对两个日期。",
            "形成日期晚于发布日期",
        ),
        "entry-body-empty": Message(
            E,
            "信息没有正文，也没有原文网址",
            "在第二个 --- 下面写正文；信息已在其他平台发布时，写“网址: 原文的网址”。",
            "信息没有正文",
        ),
        "entry-related-unknown": Message(
            E,
            "关联的信息“{value}”不存在",
            "“关联”写相关信息的 id（在那条信息文件的第一项）。",
            "关联的信息不存在",
        ),
        "entry-replacement-unknown": Message(
            E,
            "替代本文件的信息“{value}”不存在",
            "“替代”写新文件那条信息的 id；新文件尚未发布时先不写“替代”。",
            "替代的信息不存在",
        ),
        "entry-review-missing": Message(
            E,
            "信息没有审核记录",
            "政府信息发布前须经保密审查（先审后发）：在“审核:”下面缩进两格写“审核人: 姓名”和“审核日期: 2025-03-11”（不在网站上显示）。",
            "信息未记录审核",
        ),
        "entry-future-date": Message(
            W,
            "发布日期 {date} 晚于今天（{today}，北京时间）",
            "请核对发布日期：信息只能在发布之后上网，不要预先填写日期。",
            "发布日期晚于今天",
            dated=True,
        ),
        # --- 时限核对: deadlines on the official calendar of working days (check/deadlines.py) ----------
        "entry-late": Message(
            W,
            "发布晚了 {late} 个工作日：截止日是{deadline}（时限“{limit}”），发布日期是 {published}",
            "时限从形成日期的下一天起算，工作日按国务院办公厅公布的放假和调休安排计算。请核对形成日期（信息形成或者变更的日期）是否填对；"
            "确实晚了的，今后在时限内发布，不要为此改动日期：伪造日期是单项否决。",
            "信息发布逾期",
            dated=True,
        ),
        "interpretation-late": Message(
            W,
            "解读发布晚了 {late} 个工作日：所解读的政策“{policy}”（{policy_id}）发布于 {policy_date}，其后第 {n} 个工作日是 {due}，本解读发布日期是 {published}",
            "政策解读要与政策文件同步发布，最迟在政策文件发布后 {n} 个工作日内发布（工作日按国务院办公厅公布的放假和调休安排计算）；请同时核对“关联”写的是不是它解读的政策。",
            "政策解读发布逾期",
            dated=True,
        ),
        "item-period-missing": Message(
            W,
            "事项“{value}”按时限“{limit}”有 {count} 期没有发布信息：{periods}",
            "一期的信息要在上一期截止日之后、本期截止日（逢休息日顺延到下一个工作日）之前发布；从本事项第一条信息（{first}）所在的一期算起，"
            "只算截止日已经过去的各期。已经发布了的，请检查那条信息文件的“事项”是否写成 {id}。",
            "定期公开缺期",
            dated=True,
        ),
        "item-no-entry": Message(
            W,
            "主动公开事项“{value}”还没有发布任何信息",
            "政府网站检查把应公开而没有内容的栏目计为空白栏目：有了应公开的信息，请在时限（{limit}）内发布，可以用 gkml new --entry {id} 生成信息文件；"
            "本单位确实还没有这类信息的，可以不管这条提示。",
            "主动公开事项没有信息",
            dated=True,
        ),
        "column-no-entry": Message(
            W,
            "栏目“{value}”的 {count} 个主动公开事项都还没有发布任何信息，是空白栏目",
            "政府网站检查把没有内容的栏目计为空白栏目：请按各事项的时限发布信息（gkml new --entry 事项id 生成信息文件）。",
            "空白栏目（没有信息）",
            dated=True,
        ),
        "catalogue-no-entry": Message(
            I,
            "目录中还没有发布任何公开信息（共 {count} 个主动公开事项）",
            "用 gkml new --entry 事项id 发布第一条信息。开始发布以后，gkml 会逐个栏目、逐个事项核对有没有空白、是否按时限发布。",
            "还没有公开信息",
            dated=True,
        ),
        "calendar-year-unknown": Message(
            W,
            "不知道 {year} 年的放假和调休安排，{what}未能核对",
            "工作日按国务院办公厅公布的节假日安排计算，gkml 所带的 chinese-calendar 软件包只知道 {known} 年。国务院办公厅公布 {year} 年的安排后"
            "（通常在前一年 11 月），请照通知把放假和调休上班的日期写进 {calendar}（格式见该文件开头的说明和 README 的“时限核对”），"
            "或者升级 chinese-calendar。在此之前这些时限不核对，也不猜测。",
            "节假日安排未知",
            dated=True,
        ),
        # --- the bureau's holiday file _calendar.yaml (load/calendar.py): warnings, never blocking ---------
        "calendar-year-invalid": Message(
            W,
            "“{value}”不是年份",
            "_calendar.yaml 中每一年写成“2027:”（四位数字的年份加半角冒号），下面缩进两格写“放假:”和“调休上班:”。",
            "节假日文件年份有误",
        ),
        "calendar-key-unknown": Message(
            W,
            "不认识的“{key}”{suggestion}",
            "每一年下面只写“放假:”和“调休上班:”两项（冒号用半角）。改正之前不采用这一年的安排。",
            "节假日文件中未知的键",
        ),
        "calendar-date-invalid": Message(
            W,
            "“{value}”不是日期，也不是日期范围",
            "写成“2027-01-01”（年-月-日，月和日都写两位）或“2027-02-06 至 2027-02-13”（结束日期不早于开始日期）。"
            "改正之前不采用这一年的安排。",
            "节假日日期有误",
        ),
        "calendar-date-outside-year": Message(
            W,
            "“{value}”不在 {year} 年",
            "每一年下面只写这一年的日期（跨年的放假分开写在两年下面）。改正之前不采用这一年的安排。",
            "节假日日期不在该年",
        ),
        "calendar-day-conflict": Message(
            W,
            "{date} 写在“调休上班”中，又在第 {other} 行写成了放假",
            "一天要么放假，要么调休上班：请照国务院办公厅的通知改正。改正之前不采用这一年的安排。",
            "同一天既放假又上班",
        ),
        "calendar-workday-weekday": Message(
            W,
            "{date} 是星期{weekday}，本来就是工作日，不用写在“调休上班”中",
            "“调休上班”只写要上班的星期六、星期日：请核对日期是不是抄错了（这一年的其余安排照常采用）。",
            "调休上班日期有误",
        ),
        "calendar-year-empty": Message(
            W,
            "{year} 年没有写放假的日期",
            "照国务院办公厅关于 {year} 年部分节假日安排的通知，在“放假:”下写出元旦、春节、清明节、劳动节、端午节、中秋节、国庆节放假的日期。"
            "改正之前不采用这一年的安排。",
            "节假日文件缺少放假日期",
        ),
    }


def _import_messages() -> dict[str, Message]:
    """What only ``gkml import`` says: of the file, its sheets and headers, and its cells.

    A cell's problem names its column as the diagnostic's ``element`` (公开内容（要素）),
    so the messages do not repeat it.
    """
    return {
        # --- the file ----------------------------------------------------------------------
        "file-missing": Message(E, "找不到文件", "请检查文件名和路径。", "找不到要导入的文件"),
        # --- gkml import --entries: information published on the old site ------------------
        "entries-file-type": Message(
            E,
            "不支持“{suffix}”文件",
            "gkml import --entries 读取旧网站导出的信息列表（.xlsx、.xls、.csv）和保存的信息网页（.html、.htm，或放网页的文件夹）。",
            "信息列表文件类型不支持",
        ),
        "entries-no-header": Message(
            E,
            "文件中没有找到信息列表的表头",
            "信息列表的前 10 行中应有一行列标题，至少有“标题”和“发布日期”（或“网址”），通常还有“文号”“栏目”；"
            "导入标准目录表格请用 gkml import（不加 --entries）。",
            "没有信息列表表头",
        ),
        "entries-column-missing": Message(
            E,
            "信息列表缺少“{name}”列",
            "每条信息都要有标题和发布日期：请在表头中加上这一列（列名可以是“{name}”或常见的写法，如“发布时间”“信息标题”）。",
            "信息列表缺少必需的列",
        ),
        "entries-column-kept": Message(
            I,
            "这一列不是公开信息的要素，内容作为注释保留在信息文件中",
            "gkml 读取的列：标题、发布日期、形成日期、文号、栏目、网址、事项、发布机构、摘要、类别；需要时可把列名改成其中之一。",
            "信息列表的其他列",
        ),
        "entries-title-missing": Message(
            W,
            "这一行没有标题，未导入",
            "补上标题后重新导入（已经导入的行不会重复写入）；报告中列出了这一行的全部内容。",
            "信息没有标题",
        ),
        "entries-date-invalid": Message(
            W,
            "发布日期“{value}”无法识别，这一行未导入",
            "写成“2025-03-12”“2025/3/12”或“2025年3月12日”后重新导入；报告中列出了这一行的全部内容。",
            "发布日期无法识别",
        ),
        "entries-duplicate-row": Message(
            I,
            "与{other}的标题、发布日期和网址都相同，未重复导入",
            "确实是两条不同的信息时，请核对标题或网址。",
            "信息列表中的重复行",
        ),
        "entries-column-unknown": Message(
            W,
            "栏目“{value}”与目录中的栏目和事项都对不上，这一行未导入",
            "在表格中加一列“事项”，写上这条信息所属公开事项的 id（gkml check 和事项文件中“id:”一行可查），"
            "或把栏目改成目录中的栏目名称，然后重新导入。",
            "栏目对不上",
        ),
        "entries-column-ambiguous": Message(
            W,
            "栏目“{value}”对应多个事项（{items}），无法确定这条信息属于哪一个，这一行未导入",
            "在表格中加一列“事项”，写上所属事项的 id，然后重新导入。",
            "栏目对应多个事项",
        ),
        "entries-item-unknown": Message(
            W,
            "目录中没有 id 为“{value}”的事项，这一行未导入",
            "“事项”列写事项文件中“id:”一行的值；改正后重新导入。",
            "信息列表中的事项不存在",
        ),
        "entries-item-guessed": Message(
            I,
            "栏目“{value}”按近似写法或标题推定为事项 {item}",
            "请核对导入的信息文件中的“事项”；不对时把文件移到正确栏目的年份文件夹并改正“事项”。",
            "推定所属事项",
        ),
        "entries-page-catalogue": Message(
            E,
            "这个网页是标准目录表格，不是一条信息",
            "导入标准目录表格请用 gkml import 文件（不加 --entries）；--entries 用于旧网站已发布的信息。",
            "网页是目录表格",
        ),
        "entries-redirect-conflict": Message(
            W,
            "跳转表中旧网址“{value}”已指向 {old}，未改为 {new}",
            "同一个旧网址只能跳转到一个页面：请确认哪条信息是它的原文，需要时手工修改跳转表。",
            "旧网址跳转冲突",
        ),
        "file-entry-list": Message(
            E,
            "这是旧网站导出的信息列表（标题、发布日期、栏目、网址），不是标准目录表格",
            "把旧网站已发布的信息导入为公开信息，请用 gkml import --entries {name}；导入标准目录请用标准目录格式的表格。",
            "信息列表不能作为目录导入",
        ),
        "file-notice-page": Message(
            E,
            "这是旧网站上一条信息（通知、公告等）的网页，不是标准目录表格",
            "把它导入为公开信息，请用 gkml import --entries {name}（可以是放这些网页的文件夹）；"
            "Word 公文请用 gkml new --entry 事项id --from 文件.docx。",
            "信息网页不能作为目录导入",
        ),
        "file-type": Message(
            E,
            "不支持“{suffix}”文件",
            "请使用标准目录格式的 Excel 表格（.xlsx、.xls）、CSV 文件（.csv）、Word 文档（.docx）、"
            "从网站保存的网页（.html、.htm），或 gkml export 导出的 JSON 文件（.json）。",
            "文件类型不支持",
        ),
        "file-xls": Message(
            E,
            "这是旧版 Excel（.xls）文件，无法直接读取",
            "请用 Excel 或 WPS 打开，选择“另存为”，文件类型选“Excel 工作簿（*.xlsx）”后再导入。",
            "旧版 Excel 文件",
        ),
        "file-not-xls": Message(
            E,
            "文件不是有效的旧版 Excel（.xls）文件：{reason}",
            "文件可能已损坏、加了密码，或只是改了扩展名；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
            "不是有效的 .xls 文件",
        ),
        "html-no-table": Message(
            E,
            "网页中找不到标准目录的表格",
            "请在浏览器中打开目录所在的那一页，用“另存为”保存为“网页，仅 HTML”后再导入；"
            "如果目录是网页上的附件（Excel、Word），请下载附件后导入附件。",
            "网页中没有目录表格",
        ),
        "file-word": Message(
            E,
            "这是 Word 文件，无法直接读取其中的表格",
            "请在 Word 中选中整张表格复制，粘贴到 Excel 中，保存为 .xlsx 后再导入。",
            "Word 文件",
        ),
        "file-word-notice": Message(
            E,
            "这是一份 Word 公文（通知、公告等），不是标准目录表格",
            "要把它发布为公开信息，请用 gkml new --entry 事项id --from 文件.docx（把正文转为一条公开信息）；"
            "要导入的是标准目录表格时，请在 Word 中选中整张表格复制到 Excel，保存为 .xlsx 后再导入。",
            "Word 公文不能导入",
        ),
        "file-not-docx": Message(
            E,
            "文件不是有效的 Word（.docx）文件：{reason}",
            "文件可能已损坏，或只是改了扩展名；请用 Word 或 WPS 打开后另存为 .docx（Word 文档）。",
            "不是有效的 Word 文件",
        ),
        "docx-unpacked-too-large": Message(
            E,
            "Word 文件解压后有 {size}，超过了 {limit} 的上限，未读取",
            "文件里可能有很大的图片：请压缩图片（Word：图片格式 › 压缩图片）或删除图片后另存；"
            "确实需要更大的文件时，可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 {key}（见 README 的“限制”）。",
            "Word 文件解压后过大",
        ),
        "file-not-xlsx": Message(
            E,
            "文件不是有效的 Excel（.xlsx）文件：{reason}",
            "文件可能已损坏，或只是改了扩展名；请用 Excel 或 WPS 打开后另存为 .xlsx。",
            "不是有效的 Excel 文件",
        ),
        # --- beyond the limits of what is read (generator/model/limits.py) --------------------------
        "xlsx-unpacked-too-large": Message(
            E,
            "工作簿解压后有 {size}，超过了 {limit} 的上限，未读取",
            "工作簿里可能有大量带格式的空白单元格、图片或隐藏的工作表：请只选中标准目录表格复制，粘贴到新工作簿中"
            "另存为 .xlsx 后再导入；确实需要更大的工作簿时，可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 {key}，"
            "例如“{key}: {example}”（见 README 的“限制”）。",
            "工作簿解压后过大",
        ),
        "sheet-too-many-rows": Message(
            E,
            "第 {limit} 行以下还有内容，超过了每张工作表 {limit} 行的上限，从这一行起未读取",
            "请删除表格下方与目录无关的内容（选中这些行，右键“删除”），或把表格分到几张工作表中；确实需要更多行时，"
            "可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 {key}，例如“{key}: {example}”（见 README 的“限制”）。",
            "工作表行数过多",
        ),
        "sheet-too-many-columns": Message(
            E,
            "第 {limit} 列（列标 {last}）右侧还有内容，超过了每张工作表 {limit} 列的上限，这些列未读取",
            "请删除表格右侧与目录无关的列；确实需要更多列时，可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 {key}，"
            "例如“{key}: {example}”（见 README 的“限制”）。",
            "工作表列数过多",
        ),
        "cell-too-long": Message(
            E,
            "单元格有 {length} 个字符，超过了 {limit} 个字符的上限，只读取了前 {limit} 个字符",
            "Excel 的一个单元格最多只能放 32767 个字符：请把过长的内容删短（例如公开依据只写文件名称和文号，正文放在网站上）；"
            "确实需要更长的内容时，可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 {key}，例如“{key}: {example}”"
            "（见 README 的“限制”）。",
            "单元格内容过长",
        ),
        "csv-encoding": Message(
            I,
            "CSV 文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取",
            "如有乱码，请在 Excel 中另存为“CSV UTF-8”。",
            "CSV 文件为 GBK 编码",
        ),
        "csv-undecodable": Message(
            E,
            "无法识别 CSV 文件的编码",
            "请在 Excel 中选择“另存为”，文件类型选“CSV UTF-8（逗号分隔）”。",
            "CSV 编码无法识别",
        ),
        "csv-malformed": Message(
            E, "CSV 文件格式有误：{reason}", "请在 Excel 中打开检查后重新保存为 CSV。", "CSV 格式错误"
        ),
        "json-invalid": Message(
            E,
            "不是有效的 JSON 文件：{reason}",
            "JSON 导入只接受 gkml export --format json 导出的文件。",
            "JSON 格式错误",
        ),
        "json-not-export": Message(
            E,
            "文件中没有“{key}: {value}”，不是 gkml 导出的 JSON 文件",
            "JSON 导入只接受 gkml export --format json 导出的文件。",
            "不是 gkml 导出的 JSON",
        ),
        "json-format": Message(
            E,
            "不符合 gkml 导出格式：{what}",
            "JSON 导入只接受 gkml export --format json 导出的文件，格式见 generator/schemas/export.schema.json。",
            "JSON 内容不符合导出格式",
        ),
        "no-table": Message(
            E,
            "文件中没有找到标准目录表格",
            "表格上方应有“序号”“公开事项”“公开内容（要素）”“公开依据”“公开时限”“公开主体”“公开渠道和载体”等列标题，"
            "与标准目录的格式一致。",
            "没有标准目录表格",
        ),
        "no-records": Message(
            E, "文件中没有可导入的事项行", "请确认表头下面有填写了内容的事项行。", "没有可导入的事项"
        ),
        # --- sheets and headers ------------------------------------------------------------
        "header-missing": Message(
            E,
            "找不到表头行",
            "表格上方应有“序号”“公开事项”“公开内容（要素）”“公开依据”“公开时限”“公开主体”“公开渠道和载体”等列标题，"
            "与标准目录的格式一致。",
            "找不到表头",
        ),
        "sheet-skipped": Message(
            W,
            "工作表中找不到标准目录的表头，已跳过",
            "如果这张工作表也是标准目录，请在表格上方加上与标准目录一致的列标题。",
            "工作表已跳过",
        ),
        "column-missing": Message(E, "表头中缺少“{name}”列", "标准目录的列：{columns}。", "表头缺少列"),
        "column-duplicate": Message(
            E, "“{name}”列出现了两次（另见第 {other} 列）", "请删除或改名其中一列。", "表头列重复"
        ),
        "column-unknown": Message(
            W,
            "不认识的列“{header}”，这一列的内容不会导入",
            "标准目录的列：{columns}。本地增加的列（如咨询电话）可以不管；如果这一列应当导入，请把列标题改成标准写法。",
            "不认识的列",
        ),
        "area-unknown": Message(
            E,
            "无法确定这张表格属于哪个领域",
            "请在表头上方加一行标题，例如“{example}”，或者把工作表改名为领域名称（如“保障性住房”）。",
            "领域无法确定",
        ),
        "merge-spans-sections": Message(
            E,
            "合并单元格 {range} 跨越了两张表格（第 {start} 行起是{what}）",
            "一个合并单元格只能在同一个领域的表格之内：请取消合并，在各自的表格里分别填写。",
            "合并单元格跨表",
        ),
        "row-skipped": Message(
            W,
            "这一行不是事项行（只有一段文字：“{text}”），已跳过",
            "事项行要在各列分别填写；说明文字请放在表格下方，以“注：”开头。",
            "非事项行已跳过",
        ),
        # --- what an import keeps for the editor to check (issue 18: nothing a bureau wrote is dropped) ---
        "import-placeholder": Message(
            W,
            "“{value}”无法对应到标准写法，已原样保留为“{placeholder}”",
            "请在导入的事项文件中改成标准写法（{rule}）；gkml check 会一直列出它，网站状态为“正式”时不能发布。",
            "导入内容待核实",
        ),
        "import-missing": Message(
            W,
            "原表没有{name}，已写入“{placeholder}”",
            "请在导入的事项文件中填写{name}；gkml check 会一直列出它，网站状态为“正式”时不能发布。",
            "导入内容待填写",
        ),
        "import-guess": Message(
            W,
            "“{value}”已理解为“{normal}”（{why}）",
            "这是导入时的推断，请核对；不对时请在导入的事项文件中改正。",
            "导入时的推断",
        ),
        "import-column-kept": Message(
            I,
            "“{header}”列不属于标准目录，内容已写入各事项的“备注”",
            "不需要公开的内容（如内部联系人）请从备注中删除。",
            "附加列写入备注",
        ),
        "import-row-unnamed": Message(
            W,
            "这一行没有事项名称，未导入。原文：{text}",
            "请在表格中补上二级事项（事项名称）后重新导入，或用 gkml new 新建这个事项。",
            "无名称的行未导入",
        ),
        "import-level1-continued": Message(
            I,
            "一级事项为空，已沿用上一行的“{value}”",
            "原表中这几行可能是合并单元格，复制时丢失了合并；不对时请在表格中填写一级事项后重新导入。",
            "一级事项沿用上一行",
        ),
        "import-area-inferred": Message(
            W,
            "表格没有标题行，按国家标准目录推断为“{area}”领域（{matched}/{rows} 个事项与该领域的事项相符）",
            "不对时请用 gkml import --area 领域名称 指定，或在表头上方加一行标题，例如“{example}”。",
            "领域由推断得出",
        ),
        "import-title-in-table": Message(
            I,
            "表格中间的标题行“{text}”：以下各行按“{area}”领域导入",
            "如果这一行不是新领域的开始，请删除它后重新导入。",
            "表格中的标题行",
        ),
        "import-note-row": Message(
            I,
            "这一行是标题或说明，不是事项，未导入。原文：{text}",
            "不需要处理；如果它其实是一个事项，请在各列分别填写后重新导入。",
            "标题或说明行",
        ),
        # --- cells (the element is the column) -----------------------------------------------
        "cell-empty": Message(E, "没有填写", "每个事项都要填写{name}。", "单元格为空"),
        "level1-empty": Message(
            E,
            "没有填写，上面也没有可以沿用的一级事项",
            "请填写一级事项；同一个一级事项下的几行可以合并单元格，也可以只在第一行填写。",
            "一级事项为空",
        ),
        "mark-unknown": Message(
            E, "有不认识的标记“{mark}”（“{value}”）", "{legend}；其他符号不能作为标记。", "不认识的标记"
        ),
        "mark-missing": Message(E, "“{value}”前面缺少标记", "{legend}；同一格中每一项都要标明。", "缺少标记"),
        "mark-text-missing": Message(
            E, "标记“{mark}”后面没有内容", "在标记后面写上内容，或删除这个标记。", "标记后没有内容"
        ),
        "content-unmarked": Message(
            W,
            "没有“●”/“〇”标记，已全部按必选项（●）导入",
            "请对照标准目录核对，把可选项改为“〇”。",
            "公开内容没有标记",
        ),
        "channels-unmarked": Message(
            W,
            "没有“■”/“□”标记，已全部按必选渠道（■）导入",
            "请对照标准目录核对，把可选渠道改为“□”。",
            "公开渠道没有标记",
        ),
        "website-placeholder": Message(
            W,
            "政府网站渠道没有写明具体栏目，已填入“{placeholder}”",
            "标准目录表格中没有栏目这一项：导入后请在事项文件中改为本单位网站的具体栏目，"
            "或在表格的“渠道说明（gkml）”列写“政府网站: 栏目名称”后重新导入。",
            "政府网站栏目待填写",
        ),
        "other-placeholder": Message(
            W,
            "“其他”渠道没有写明是什么渠道，已填入“{placeholder}”",
            "请在表格中写成“■其他（渠道名称）”，例如“■其他（书面答复）”，或导入后在事项文件中修改。",
            "其他渠道名称待填写",
        ),
        "group-placeholder": Message(
            W,
            "公开对象为特定群体，但没有写明是哪一类群体，已填入“{placeholder}”",
            "可以在“特定群体”格中写成“√（申请人）”，或导入后在事项文件中修改。",
            "特定群体待填写",
        ),
        "tick-invalid": Message(E, "“{value}”不是“√”", "适用的格子打“√”，不适用的留空。", "格子中不是√"),
        "tick-extra": Message(W, "“√”后面的文字“{value}”未导入", "这一列只打“√”。", "√后面有文字"),
        "tick-unknown-column": Message(
            E,
            "在不认识的列“{header}”中打了“√”，无法导入",
            "{rule}请把列标题改成标准写法。",
            "在不认识的列中打√",
        ),
        "tick-none": Message(E, "一项也没有打“√”", "请在{allowed}中至少选一项打“√”。", "一项也没有打√"),
        "details-unmatched": Message(
            W,
            "“{value}”在本行的{official}中找不到，已忽略",
            "这一列只补充{official}中已有的项目；请检查是否写错。",
            "说明列与本行不符",
        ),
        "details-invalid": Message(W, "“{value}”无法识别，已忽略", "每行写成“{form}”。", "说明列无法识别"),
        "audience-mismatch": Message(
            W,
            "与“公开对象”列的“√”不一致，已按“√”导入",
            "两处要一致；如果改过“√”，请同时修改或清空“对象说明（gkml）”。",
            "对象说明与√不一致",
        ),
        "import-readback": Message(
            E,
            "写出的事项文件读回后与表格中的内容不一致",
            "请检查这一行中是否有特殊字符；如果问题仍然存在，请报告给维护人员。",
            "导入结果读回不一致",
        ),
        # --- settings (the element is the folder) ------------------------------------------------
        "setting-invalid": Message(
            W,
            "栏目设置“{key}”的值“{value}”无效，已改用默认值",
            "{rule}导入后可以在 _meta.yaml 中修改。",
            "栏目设置无效",
        ),
        "site-placeholder": Message(
            W,
            "无法从文件中得知单位名称，新建的 _site.yaml 中填入了“{placeholder}”",
            "请在 _site.yaml 中填写本单位全称。",
            "单位名称待填写",
        ),
    }


def _merged() -> tuple[dict[str, Message], frozenset[str]]:
    checks, imports = _check_messages(), _import_messages()
    assert not checks.keys() & imports.keys(), sorted(checks.keys() & imports.keys())
    return {**checks, **imports}, frozenset(imports)


#: Every code → its message. :data:`IMPORT_CODES` are the codes only ``gkml import`` reports: they
#: are not rules of the check, so a bureau's ``severity`` setting does not apply to them.
MESSAGES, IMPORT_CODES = _merged()
