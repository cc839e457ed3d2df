"""What an import reports: problems located by sheet, row and column, in Chinese.

``保障性住房, 第 5 行, 第 6 列（列标 F）: 错误：公开内容中有不认识的标记“◆”（提示：必选项用“●”，可选项用“〇”）``

A problem is made without a place (:func:`problem`) by whoever finds it in a cell's text,
and located (:meth:`Problem.at`) by whoever knows which cell that was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from generator.check.severity import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

#: code → (severity, message, hint); placeholders in braces are filled by :func:`problem`.
MESSAGES: dict[str, tuple[Severity | None, str, str]] = {
    # -- the file -------------------------------------------------------------------------------
    "file-missing": (E, "找不到文件", "请检查文件名和路径。"),
    "file-unreadable": (E, "无法读取文件：{reason}", "请确认文件存在且有读取权限。"),
    "file-type": (
        E,
        "不支持“{suffix}”文件",
        "请使用标准目录格式的 Excel 表格（.xlsx）、CSV 文件（.csv），或 gkml export 导出的 JSON 文件（.json）。",
    ),
    "file-xls": (
        E,
        "这是旧版 Excel（.xls）文件，无法直接读取",
        "请用 Excel 或 WPS 打开，选择“另存为”，文件类型选“Excel 工作簿（*.xlsx）”后再导入。",
    ),
    "file-word": (
        E,
        "这是 Word 文件，无法直接读取其中的表格",
        "请在 Word 中选中整张表格复制，粘贴到 Excel 中，保存为 .xlsx 后再导入。",
    ),
    "file-not-xlsx": (
        E,
        "文件不是有效的 Excel（.xlsx）文件：{reason}",
        "文件可能已损坏，或只是改了扩展名；请用 Excel 或 WPS 打开后另存为 .xlsx。",
    ),
    "csv-encoding": (
        I,
        "CSV 文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取",
        "如有乱码，请在 Excel 中另存为“CSV UTF-8”。",
    ),
    "csv-undecodable": (
        E,
        "无法识别 CSV 文件的编码",
        "请在 Excel 中选择“另存为”，文件类型选“CSV UTF-8（逗号分隔）”。",
    ),
    "csv-malformed": (E, "CSV 文件格式有误：{reason}", "请在 Excel 中打开检查后重新保存为 CSV。"),
    "json-invalid": (E, "不是有效的 JSON 文件：{reason}", "JSON 导入只接受 gkml export --format json 导出的文件。"),
    "json-format": (
        E,
        "{what}",
        "JSON 导入只接受 gkml export --format json 导出的文件，格式见 generator/schemas/export.schema.json。",
    ),
    "no-table": (
        E,
        "文件中没有找到标准目录表格",
        "表格上方应有“序号”“公开事项”“公开内容（要素）”“公开依据”“公开时限”“公开主体”“公开渠道和载体”等列标题，"
        "与标准目录的格式一致。",
    ),
    "no-records": (E, "文件中没有可导入的事项行", "请确认表头下面有填写了内容的事项行。"),
    # -- sheets and headers ------------------------------------------------------------------------
    "header-missing": (
        E,
        "找不到表头行",
        "表格上方应有“序号”“公开事项”“公开内容（要素）”“公开依据”“公开时限”“公开主体”“公开渠道和载体”等列标题，"
        "与标准目录的格式一致。",
    ),
    "sheet-skipped": (
        W,
        "工作表中找不到标准目录的表头，已跳过",
        "如果这张工作表也是标准目录，请在表格上方加上与标准目录一致的列标题。",
    ),
    "column-missing": (E, "表头中缺少“{column}”列", "标准目录的列：{columns}。"),
    "column-duplicate": (E, "“{column}”列出现了两次（另见第 {other} 列）", "请删除或改名其中一列。"),
    "column-unknown": (
        W,
        "不认识的列“{header}”，这一列的内容不会导入",
        "标准目录的列：{columns}。本地增加的列（如咨询电话）可以不管；如果这一列应当导入，请把列标题改成标准写法。",
    ),
    "area-unknown": (
        E,
        "无法确定这张表格属于哪个领域",
        "请在表头上方加一行标题，例如“{example}”，或者把工作表改名为领域名称（如“保障性住房”）。",
    ),
    "merge-spans-sections": (
        E,
        "合并单元格 {range} 跨越了两张表格（第 {row} 行起是{what}）",
        "一个合并单元格只能在同一个领域的表格之内：请取消合并，在各自的表格里分别填写。",
    ),
    "row-skipped": (
        W,
        "这一行不是事项行（只有一段文字：“{text}”），已跳过",
        "事项行要在各列分别填写；说明文字请放在表格下方，以“注：”开头。",
    ),
    # -- cells ---------------------------------------------------------------------------------------
    "cell-empty": (E, "“{column}”为空", "每个事项都要填写{column}。"),
    "level1-empty": (
        E,
        "一级事项为空，上面也没有可以沿用的一级事项",
        "请填写一级事项；同一个一级事项下的几行可以合并单元格，也可以只在第一行填写。",
    ),
    "mark-unknown": (E, "{column}中有不认识的标记“{mark}”（“{value}”）", "{legend}"),
    "mark-missing": (E, "{column}中的“{value}”前面缺少标记", "{legend}；同一格中每一项都要标明。"),
    "mark-text-missing": (E, "{column}中的标记“{mark}”后面没有内容", "在标记后面写上内容，或删除这个标记。"),
    "content-unmarked": (
        W,
        "公开内容没有“●”/“〇”标记，已全部按必选项（●）导入",
        "请对照标准目录核对，把可选项改为“〇”。",
    ),
    "channels-unmarked": (
        W,
        "公开渠道没有“■”/“□”标记，已全部按必选渠道（■）导入",
        "请对照标准目录核对，把可选渠道改为“□”。",
    ),
    "channel-unknown": (
        E,
        "“{value}”不是标准公开渠道",
        "标准渠道共 13 个：{allowed}。其他渠道请写成“■其他（渠道名称）”。",
    ),
    "channel-duplicate": (E, "公开渠道“{value}”写了两次", "每个渠道只写一次。"),
    "website-placeholder": (
        W,
        "政府网站渠道没有写明具体栏目，已填入“{placeholder}”",
        "标准目录表格中没有栏目这一项：导入后请在事项文件中改为本单位网站的具体栏目，"
        "或在表格的“渠道说明（gkml）”列写“政府网站: 栏目名称”后重新导入。",
    ),
    "other-placeholder": (
        W,
        "“其他”渠道没有写明是什么渠道，已填入“{placeholder}”",
        "请在表格中写成“■其他（渠道名称）”，例如“■其他（书面答复）”，或导入后在事项文件中修改。",
    ),
    "group-placeholder": (
        W,
        "公开对象为特定群体，但没有写明是哪一类群体，已填入“{placeholder}”",
        "可以在“特定群体”格中写成“√（申请人）”，或导入后在事项文件中修改。",
    ),
    "tick-invalid": (E, "“{column}”列中的“{value}”不是“√”", "适用的格子打“√”，不适用的留空。"),
    "tick-extra": (W, "“√”后面的文字“{value}”未导入", "这一列只打“√”。"),
    "tick-unknown-column": (E, "在不认识的列“{header}”中打了“√”，无法导入", "{hint}"),
    "tick-none": (E, "{group}一项也没有打“√”", "请在{allowed}中至少选一项打“√”。"),
    "value-unknown": (E, "“{value}”不是有效的{group}", "可选值：{allowed}。"),
    "id-invalid": (
        E,
        "编号“{value}”格式不对",
        "只能用小写字母、数字和连字符，以字母开头，最长 64 个字符；不确定时可以清空，由程序生成。",
    ),
    "id-duplicate": (E, "编号“{value}”与{other}重复", "每个事项的编号必须不同；不确定时可以清空，由程序生成。"),
    "order-invalid": (E, "顺序“{value}”不是整数", "填写整数，例如 3，或者留空。"),
    "date-invalid": (E, "更新日期“{value}”格式不对", "写成 YYYY-MM-DD，例如 2024-03-05，或者留空。"),
    "details-unmatched": (
        W,
        "“{column}”中的“{value}”在本行的{official}中找不到，已忽略",
        "这一列只补充{official}中已有的项目；请检查是否写错。",
    ),
    "details-invalid": (W, "“{column}”中的“{value}”无法识别，已忽略", "每行写成“{form}”。"),
    "audience-mismatch": (
        W,
        "“对象说明（gkml）”与“公开对象”列的“√”不一致，已按“√”导入",
        "两处要一致；如果改过“√”，请同时修改或清空“对象说明（gkml）”。",
    ),
    "record-check": (None, "{message}", "{hint}"),  # what the checker says of the record written; its severity
    # -- settings ------------------------------------------------------------------------------------
    "setting-invalid": (W, "栏目设置“{key}”的值“{value}”无效，已改用默认值", "{hint}"),
    "site-placeholder": (
        W,
        "无法从文件中得知单位名称，新建的 _site.yaml 中填入了“{placeholder}”",
        "请在 _site.yaml 中填写本单位全称。",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing an import could not map, or had to guess; located once known."""

    severity: Severity
    code: str
    message: str
    hint: str = ""
    sheet: str = ""  #: the sheet's name, or the file's for CSV and JSON
    row: int | None = None  #: 1-based, as Excel numbers rows
    column: int | None = None  #: 1-based
    path: str = ""  #: where in a JSON document
    key: str = ""  #: the column the problem is about (a column key of :mod:`generator.exchange.table`)
    sheet_order: int = 0  #: the sheet's position in the file (for sorting)

    def at(self, sheet: str, row: int | None = None, column: int | None = None, *, sheet_order: int = 0) -> Problem:
        """This problem, placed (keeps a place already given)."""
        return dataclasses.replace(
            self,
            sheet=self.sheet or sheet,
            row=self.row if self.row is not None else row,
            column=self.column if self.column is not None else column,
            sheet_order=sheet_order,
        )

    @property
    def where(self) -> str:
        """``sheet, 第 N 行, 第 M 列（列标 C）``, as much of it as is known."""
        parts = [self.sheet] if self.sheet else []
        if self.path:
            parts.append(self.path)
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column is not None:
            parts.append(f"第 {self.column} 列（列标 {column_letter(self.column)}）")
        return ", ".join(parts)

    def format(self) -> str:
        """One line, in Chinese."""
        hint = f"（提示：{self.hint}）" if self.hint else ""
        head = f"{self.where}: " if self.where else ""
        return f"{head}{self.severity.label}：{self.message}{hint}"

    def sort_key(self) -> tuple[int, str, str, int, int, str]:
        return (self.sheet_order, self.sheet, self.path, self.row or 0, self.column or 0, self.code)


def problem(code: str, *, key: str = "", severity: Severity | None = None, **values: object) -> Problem:
    """A problem from the table :data:`MESSAGES`, not yet located."""
    default, message, hint = MESSAGES[code]
    level = severity or default
    assert level is not None, f"{code} needs a severity"
    return Problem(level, code, message.format(**values), hint.format(**values), key=key)


def column_letter(index: int) -> str:
    """Excel's name of column ``index`` (1 → A, 27 → AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when at least one problem is an error."""
    return any(p.severity is Severity.ERROR for p in problems)


def format_report(problems: list[Problem]) -> str:
    """Every problem, sorted by place, then a summary line."""
    lines = [p.format() for p in sorted(problems, key=Problem.sort_key)]
    counts = {s: sum(1 for p in problems if p.severity is s) for s in Severity}
    lines.append(f"共 {counts[E]} 个错误、{counts[W]} 个警告、{counts[I]} 个提示。")
    return "\n".join(lines)
