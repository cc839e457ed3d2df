"""Cells read the way ``gkml import`` reads a bureau's real table: nothing it wrote is dropped.

Where :mod:`generator.exchange.cells` reports what does not fit the model as an error, these
readers keep it: a text that cannot be mapped becomes a visible placeholder that holds it
verbatim (:func:`generator.model.placeholders.verify_source`) with an ``import-placeholder``
warning; a value the cell does not give becomes :func:`~generator.model.placeholders.verify_missing`
with ``import-missing``; a safe reading that is not literal (州级 read as 市级, a bureau's own
website read as 政府网站, a mark taken from the national standard) is made and said
(``import-guess``). Every diagnostic's ``element`` names the column; the caller places it.
"""

from __future__ import annotations

import re

from generator.check.diagnostics import Diagnostic, has_errors
from generator.exchange import cells
from generator.exchange import table as t
from generator.exchange.cells import cell_problem
from generator.exchange.matching import name_key
from generator.model import vocab
from generator.model.placeholders import verify_missing, verify_source
from generator.model.records import Basis, ContentElement
from generator.model.standard import StandardItem

_CONTENT_MARKS = (vocab.CONTENT_REQUIRED, vocab.CONTENT_OPTIONAL, *vocab.CONTENT_OPTIONAL_VARIANTS)
_CHANNEL_MARKS = (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL)
_SPLIT = re.compile(r"[\s、，,；;]+")


def placeholder(key: str, text: str, rule: str) -> tuple[str, Diagnostic]:
    """``text`` kept verbatim in a placeholder, and the warning that says so."""
    kept = verify_source(text)
    return kept, cell_problem("import-placeholder", key, value=text, placeholder=kept, rule=rule)


def missing(key: str) -> tuple[str, Diagnostic]:
    """The placeholder for a value the table does not give, and the warning that says so."""
    name = t.label_of(key)
    kept = verify_missing(name)
    return kept, cell_problem("import-missing", key, name=name, placeholder=kept)


def guess(key: str, value: str, normal: str, why: str) -> Diagnostic:
    """The warning that says how ``value`` was read."""
    return cell_problem("import-guess", key, value=value, normal=normal, why=why)


# -- 公开内容 ------------------------------------------------------------------------------------------------


def content(text: str, standard: StandardItem | None) -> tuple[tuple[ContentElement, ...], list[Diagnostic]]:
    """公开内容: marked items as they are; a cell without any mark takes the marks of the national
    standard's elements of the same name, ● for the others (said); an unknown or missing mark keeps
    its item in a placeholder."""
    tokens = cells.tokens(text, _CONTENT_MARKS)
    problems: list[Diagnostic] = []
    out: list[ContentElement] = []
    if all(not tok.mark for tok in tokens):
        marks = {name_key(name): required for name, required in (standard.content if standard else ())}
        for tok in tokens:
            item = cells._unmarked_text(tok.text)
            if item:
                out.append(ContentElement(item, marks.get(name_key(item), True)))
        if out:
            shown = "".join(e.mark + e.text for e in out)
            why = "原表没有“●/〇”标记：与国家标准目录中同名的要素按其标记，其余按必选项"
            problems.append(guess(t.CONTENT, "、".join(e.text for e in out), shown, why))
        return tuple(out), problems
    rule = "必选项前加“●”，可选项前加“〇”"
    for tok in tokens:
        if tok.known and tok.text:
            required = tok.mark == vocab.CONTENT_REQUIRED
            out.append(ContentElement(tok.text, required))
            if tok.mark in vocab.CONTENT_OPTIONAL_VARIANTS:
                problems.append(guess(t.CONTENT, tok.mark, vocab.CONTENT_OPTIONAL, "看起来相同的圆圈"))
            continue
        kept, found = placeholder(t.CONTENT, tok.mark + tok.text, rule)
        out.append(ContentElement(kept, True))
        problems.append(found)
    return tuple(out), problems


# -- 公开依据 ------------------------------------------------------------------------------------------------

_BASIS_SPLIT = re.compile(r"(?<=[\s、，,；;》）)])\s*(?=《)")


def basis(text: str, details: str = "") -> tuple[tuple[Basis, ...], list[Diagnostic]]:
    """公开依据: what the strict reader reads, each document it cannot in a placeholder (typos kept)."""
    parsed, problems = cells.parse_basis(text, details)
    if not has_errors(problems):
        return parsed, problems
    out: list[Basis] = []
    kept: list[Diagnostic] = []
    rule = "写成“《文件名称》（文号）”"
    for line in cells.lines(text):
        pieces = [p.strip(" \t\u3000、，,；;") for p in _BASIS_SPLIT.split(line)]
        for piece in (p for p in pieces if p):
            one, found = cells.parse_basis(piece)
            if has_errors(found) or not one:
                title, warning = placeholder(t.BASIS, piece, rule)
                out.append(Basis(title))
                kept.append(warning)
            else:
                out += one
                kept += found
    return tuple(out), kept


# -- 公开渠道和载体 --------------------------------------------------------------------------------------------


def _website_guess(text: str) -> bool:
    return text.endswith(vocab.WEBSITE_GUESS_ENDINGS) and len(text) > 2


def channels(text: str, details: str, standard: StandardItem | None) -> cells.ChannelResult:
    """公开渠道和载体: the strict reading of a cell rewritten where it would fail: a bureau's own website
    (``XX县人民政府门户网站``) as 政府网站 with its text as the column, an unknown channel as 其他 holding
    its text in a placeholder, an unknown mark as ■ (said), a cell without marks marked as the national
    standard marks its channels (■ for the others, said)."""
    tokens = cells.tokens(text, _CHANNEL_MARKS)
    problems: list[Diagnostic] = []
    unmarked = all(not tok.mark for tok in tokens)
    if unmarked:
        parts = [p for tok in tokens for p in _SPLIT.split(cells._unmarked_text(tok.text)) if p]
        tokens = [cells.Token("", p, False) for p in parts]
    required = set(standard.channels_required) if standard else set()
    optional = set(standard.channels_optional) if standard else set()
    lines: list[str] = []
    others: list[tuple[str, str]] = []  #: (mark, text) of the channels read as 其他
    marks_guessed: list[str] = []
    for tok in tokens:
        body = tok.text.strip()
        if not body:
            continue
        resolved = cells.resolve_channel(body)
        if tok.known:
            mark = tok.mark
        elif tok.mark:  # ▲政府网站: the channel is kept, its mark read as ■
            mark = vocab.CHANNEL_REQUIRED
            problems.append(guess(t.CHANNELS, tok.mark + body, mark + body, f"不认识的标记“{tok.mark}”，按必选渠道"))
        else:
            name = resolved[0] if resolved else (vocab.WEBSITE_CHANNEL if _website_guess(body) else "")
            mark = vocab.CHANNEL_OPTIONAL if name in optional and name not in required else vocab.CHANNEL_REQUIRED
            marks_guessed.append(mark + body)
        if resolved is not None:
            name, detail = resolved
            if name == vocab.OTHER_CHANNEL:
                others.append((mark, detail))
            else:
                lines.append(f"{mark}{name}" + (f"（{detail}）" if detail else ""))
        elif _website_guess(body):
            lines.append(f"{mark}{vocab.WEBSITE_CHANNEL}（{body}）")
            why = "本单位网站的名称，按“政府网站”渠道，原文写入该渠道的栏目说明"
            problems.append(guess(t.CHANNELS, body, vocab.WEBSITE_CHANNEL, why))
        else:
            kept, found = placeholder(t.CHANNELS, body, "标准渠道之外的渠道写作“其他”并写明名称")
            others.append((mark, kept))
            problems.append(found)
    if others:
        mark = vocab.CHANNEL_REQUIRED if any(m == vocab.CHANNEL_REQUIRED for m, _ in others) else vocab.CHANNEL_OPTIONAL
        names = "；".join(d for _, d in others if d)
        lines.append(f"{mark}{vocab.OTHER_CHANNEL}" + (f"（{names}）" if names else ""))
    if unmarked and marks_guessed:
        why = "原表没有“■/□”标记：国家标准目录中该事项的渠道按其标记，其余按必选渠道"
        problems.append(guess(t.CHANNELS, "、".join(tok.text for tok in tokens), "、".join(marks_guessed), why))
    seen: set[str] = set()
    unique: list[str] = []
    for line in lines:  # the same channel twice (■政府网站 and a bureau's portal): kept once, its texts joined
        resolved = cells.resolve_channel(line[1:])
        name = resolved[0] if resolved else line
        if name in seen:
            index = next(i for i, u in enumerate(unique) if (cells.resolve_channel(u[1:]) or ("",))[0] == name)
            detail = resolved[1] if resolved else ""
            if detail:
                head = unique[index]
                unique[index] = head[:-1] + f"；{detail}）" if head.endswith("）") else f"{head}（{detail}）"
            continue
        seen.add(name)
        unique.append(line)
    result = cells.parse_channels("\n".join(unique), details)
    result.problems[:0] = [p for p in problems]
    result.problems = [p for p in result.problems if p.code != "channels-unmarked"]
    return result


# -- √ columns and value columns --------------------------------------------------------------------------


def tick(text: str, column: t.Column) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """The (value, text after the √) a √ cell gives: its column's value, another of its group named in
    the cell, or a placeholder holding text that names none; and what was said of it."""
    found, problems = cells.parse_tick(text, column)
    if not has_errors(problems):
        return ([(column.value, found.extra)] if found.on else []), problems
    text = text.strip()
    group = column.key
    value = t.tick_value(group, text) or t.guessed_value(group, text)
    if text in vocab.TEXT_TICKS:
        return [(column.value, "")], [guess(group, text, t.TICK, "格中写的是文字，按打“√”理解")]
    if value == column.value:  # the column's own value written out (主动公开 under 主动): a √, nothing to say
        return [(value, "")], []
    if value is not None:
        why = f"格中写的是文字而不是“√”，与“{column.header}”列不同"
        return [(value, "")], [guess(group, text, value, why)]
    kept, warning = placeholder(group, text, f"适用的格子打“√”；{t.label_of(group)}只能是{_allowed(group)}")
    return [(kept, "")], [warning]


def _allowed(group: str) -> str:
    return "、".join(t.TICK_GROUPS[group][0])


def values(text: str, group: str) -> tuple[list[str], list[Diagnostic]]:
    """A group's values written out in one cell (``县级、乡级``, ``州级``, ``主动公开``)."""
    allowed = t.TICK_GROUPS[group][0]
    out: list[str] = []
    problems: list[Diagnostic] = []
    for part in re.split(r"[\s、，,；;/／]+", text.strip()):
        if not part:
            continue
        value = t.tick_value(group, part)
        if value is None and (value := t.guessed_value(group, part)) is not None:
            problems.append(guess(group, part, value, _guess_why(group)))
        if value is None:
            kept, warning = placeholder(group, part, f"{t.label_of(group)}只能是{'、'.join(allowed)}")
            out.append(kept)
            problems.append(warning)
        elif value not in out:
            out.append(value)
    return out, problems


def _guess_why(group: str) -> str:
    return "不是标准的三个层级，按最接近的层级" if group == t.LEVELS else "按最接近的标准写法"


def ordered(found: list[str], group: str) -> tuple[str, ...]:
    """The standard values in the standard's order, then the placeholders, without repeats."""
    allowed = t.TICK_GROUPS[group][0]
    return tuple(v for v in allowed if v in found) + tuple(dict.fromkeys(v for v in found if v not in allowed))


def none_ticked(group: str) -> tuple[str, Diagnostic]:
    """No √ and no text in a group: a placeholder (nothing is invented)."""
    return missing(group)
