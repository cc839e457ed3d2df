"""The visible placeholders of a new record: what the editor must still replace.

``gkml new`` writes them where the standard catalogue cannot say what the bureau does
(its 股室, its website's column …), ``gkml import`` where a table leaves such a value
out; both announce them by a :data:`TODO` comment on the line above. Every placeholder
contains one of :data:`PLACEHOLDER_MARKERS`, so a check or a grep can find what is left.
"""

from __future__ import annotations

#: Every placeholder value written contains one of these.
PLACEHOLDER_MARKERS: tuple[str, ...] = ("请填写", "请写明")
#: The column (栏目) of a 政府网站 channel.
WEBSITE_COLUMN_PLACEHOLDER = "请填写具体栏目名称"
#: The name of an “其他” channel.
OTHER_CHANNEL_PLACEHOLDER = "请写明渠道名称"
#: Which group a 特定群体 audience is.
AUDIENCE_GROUP_PLACEHOLDER = "请写明群体"
#: A 依据 when the standard catalogue lists none.
BASIS_PLACEHOLDER = "《请填写依据文件名称》"
#: Follows the bureau's name in 主体.
SUBJECT_PLACEHOLDER = "（请写明具体股室）"
#: Starts the comment above a line the editor must complete.
TODO = "# 待填写："
