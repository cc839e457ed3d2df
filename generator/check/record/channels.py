"""渠道: the 13 channels of the national standard, each marked ■ (required) or □ (optional).

A channel is one line (``■政务服务中心``) or a line with its detail (``■政府网站: 栏目``,
or 栏目/网址 below it). 政府网站 must name its column and 其他 its channel; a channel
is listed once; the result follows the standard's order.
"""

from __future__ import annotations

from generator.check.record.links import read_url
from generator.check.record.reader import FieldReader
from generator.load.yamlfile import Path_
from generator.model import vocab
from generator.model.records import Channel, FieldSpec

_MARKS = (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL)
#: Keys of a channel's detail written as a mapping: column, address (the editors' schema offers them too).
CHANNEL_DETAIL_KEYS = ("栏目", "网址")
_DETAIL_SHAPE = "文字或“栏目/网址”"  # what may follow a channel, for messages


def read_channels(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> tuple[Channel, ...]:
    """The channels, in the standard's order; a repeated channel is reported and dropped."""
    result: dict[str, Channel] = {}
    for item, at in reader.one_or_many(value, path, spec):
        detail: object = None
        if isinstance(item, dict) and len(item) == 1:
            ((head, detail),) = item.items()
            head_at: Path_ = (*at, head)
        elif isinstance(item, dict):
            reader.report(
                "wrong-type", at, spec, key=spec.key, expected="每行一个渠道", found="多个键", example=spec.example
            )
            continue
        else:
            head = reader.text(item, at, spec)
            head_at = at
            if head is None:
                continue
        on_key = isinstance(item, dict)
        channel = _channel(reader, str(head).strip(), detail, head_at, spec, on_key=on_key)
        if channel is None:
            continue
        if channel.name in result:
            reader.report("channel-duplicate", head_at, spec, at_key=on_key, value=channel.name)
            continue
        result[channel.name] = channel
    return tuple(sorted(result.values(), key=lambda c: vocab.CHANNELS.index(c.name)))


def _channel(
    reader: FieldReader, head: str, detail: object, at: Path_, spec: FieldSpec, *, on_key: bool
) -> Channel | None:
    """One channel from its marked name (``head``) and what follows it (``detail``)."""
    name = _channel_name(reader, head, at, spec, on_key=on_key)
    if name is None:
        return None
    if isinstance(detail, list):  # a column list is not a column
        reader.report(
            "wrong-type", at, spec, key=head[1:].strip(), expected=_DETAIL_SHAPE, found="列表", example=spec.example
        )
        text, url = "", ""
    else:
        text, url = _channel_detail(reader, detail, at, spec)
        if name == vocab.WEBSITE_CHANNEL and not text:
            reader.report("website-column-missing", at, spec, at_key=on_key)
        elif name == vocab.OTHER_CHANNEL and not text:
            reader.report("other-channel-name-missing", at, spec, at_key=on_key)
    return Channel(name=name, required=head[:1] == vocab.CHANNEL_REQUIRED, detail=text, url=url)


def _channel_name(reader: FieldReader, head: str, at: Path_, spec: FieldSpec, *, on_key: bool) -> str | None:
    """The standard's name of the channel ``head`` (mark, then name; a known variant is normalised)."""
    mark, rest = head[:1], head[1:].strip()
    if mark in _MARKS and not rest:
        reader.report("channel-name-missing", at, spec, at_key=on_key, value=head)
        return None
    if mark not in _MARKS:
        reader.report("channel-mark", at, spec, at_key=on_key, value=head, text=head.lstrip("■□ "))
        return None
    name = vocab.normalise(rest, vocab.CHANNELS, vocab.CHANNEL_VARIANTS)
    if name is None:
        reader.report("channel-unknown", at, spec, at_key=on_key, value=rest, allowed="、".join(vocab.CHANNELS))
        return None
    if name != rest:
        reader.report("vocab-variant", at, spec, at_key=on_key, value=rest, normal=name)
    return name


def _channel_detail(reader: FieldReader, detail: object, at: Path_, spec: FieldSpec) -> tuple[str, str]:
    """(column or name, 网址) from a channel's detail: text, or a 栏目/网址 mapping."""
    if isinstance(detail, dict):
        for key in detail:
            if key not in CHANNEL_DETAIL_KEYS:
                reader.report("channel-detail-keys", (*at, key), spec, at_key=True, key=key)
        column = detail.get("栏目")
        text = (reader.text(column, (*at, "栏目"), spec) or "") if column not in (None, "") else ""
        return text, read_url(reader, detail.get("网址"), (*at, "网址"), spec)
    return ("" if detail is None else str(detail).strip()), ""
