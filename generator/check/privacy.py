"""No person's identifiers on the site (个人隐私去标识化): one scanner for every text gkml publishes.

Item files, ``_site.yaml`` (its 地址, 电话, 简介 … are in the footer of every page and in the
downloads), ``_meta.yaml`` and the hand-written pages in ``content/`` (all of each file: keys,
values, comments, front matter; an HTML comment is published too) are read by :func:`scan`:

* a valid 18-digit 居民身份证号 (date of birth and checksum) and a bank card number (16 to 19
  digits passing Luhn, with a bank's first digit) are errors;
* an 11-digit mainland mobile number is an error unless the bureau lists it as public
  (``公开电话`` in ``_site.yaml``: a duty mobile printed on a notice);
* before looking, full-width digits are read as digits and invisible characters (zero-width
  spaces, soft hyphens, direction marks) are dropped; a number may be written in the groups
  people write it in (``1101 0519 4912 3100 2X``, ``110105-19491231-002X``,
  ``6222 0212 3456 7890 128``, ``138-1234-5678``), never by joining unrelated numbers (a date,
  a 文号, an office number with its area code);
* cards and mobiles inside a http(s) link are article numbers, not people's, and are not
  reported; an ID number is reported wherever it stands.

Each finding is located at the line and column of its first character in the file; the message
shows the number masked.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.check.diagnostics import Diagnostic, make
from generator.load.yamlfile import YamlDocument

#: Characters read as another: full-width digits, X and signs; every kind of space a space; hyphens a hyphen.
_SAME_AS = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "Ｘ": "X",
        "ｘ": "x",
        "＋": "+",
        "－": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
        **dict.fromkeys("\u202f\u205f\u3000", " "),
    }
)
#: Any character :data:`_SAME_AS` changes: a text without one is read as it is.
_CHANGED = re.compile("[" + "".join(re.escape(chr(c)) for c in _SAME_AS) + "]")
#: Characters that take no room on the screen (Unicode format characters): dropped before looking.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
#: Eleven digits, maybe grouped: the least any identifier has. Texts without it are skipped.
_LONG_NUMBER = re.compile(r"[0-9](?:[ -]?[0-9]){10}")

_ALONE = r"(?<![0-9A-Za-z])"  # not the end of a longer number or word
_ALONE_AFTER = r"(?![0-9A-Za-z])"
#: An ID number, plain or in the groups people write it in: 6-8-4, 6-4-4-4, 4-4-4-4-2 (one separator throughout).
_ID = re.compile(
    _ALONE
    + r"""(?:
        [0-9]{17}[0-9Xx]
      | [0-9]{6}(?P<a>[ -])[0-9]{8}(?P=a)[0-9]{3}[0-9Xx]
      | [0-9]{6}(?P<b>[ -])[0-9]{4}(?P=b)[0-9]{4}(?P=b)[0-9]{3}[0-9Xx]
      | [0-9]{4}(?P<c>[ -])[0-9]{4}(?P=c)[0-9]{4}(?P=c)[0-9]{4}(?P=c)[0-9][0-9Xx]
    )"""
    + _ALONE_AFTER,
    re.VERBOSE,
)
_ID_DIGITS = re.compile(r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: A card number, plain or in groups of four; grouped, it must not go on with more groups (a row of numbers).
_CARD = re.compile(
    _ALONE
    + r"""(?:
        [0-9]{16,19}
      | (?<![0-9][ -])[0-9]{4}(?P<s>[ -])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{4}(?:(?P=s)[0-9]{1,3})?(?!(?P=s)[0-9])
    )"""
    + _ALONE_AFTER,
    re.VERBOSE,
)
#: The first digit of the cards banks issue (American Express, JCB, Visa, Mastercard, UnionPay, domestic).
_CARD_FIRST_DIGITS = "34569"
_MOBILE = re.compile(_ALONE + r"(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}" + _ALONE_AFTER)
#: A link: the numbers in it are the site's (an article's number), except an ID number.
_LINK = re.compile(r"(?i)https?://[^\s\"'<>()\[\]{}（）【】《》「」，。、；：！？]+")


@dataclass(frozen=True)
class Finding:
    """A person's identifier in a text."""

    code: str  #: privacy-id-number, privacy-bank-card or privacy-mobile
    masked: str  #: the number as the message shows it (138****5678)
    start: int  #: where it begins in the text given to :func:`scan`


def _normalised(text: str) -> tuple[str, list[int] | None]:
    """``text`` as the scanner reads it, and where each of its characters stands in ``text``
    (None: at the same place)."""
    same = text.translate(_SAME_AS) if _CHANGED.search(text) else text  # translate() is slow on long Chinese text
    if not _INVISIBLE.search(same):
        return same, None
    kept = [i for i, c in enumerate(same) if not _INVISIBLE.match(c)]
    return "".join(same[i] for i in kept), kept


def _digits(number: str) -> str:
    return re.sub(r"[^0-9Xx]", "", number).upper()


def _valid_id_number(digits: str) -> bool:
    if not _ID_DIGITS.fullmatch(digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17]


def _valid_card(digits: str) -> bool:
    if digits[0] not in _CARD_FIRST_DIGITS:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _masked(digits: str, head: int) -> str:
    return digits[:head] + "*" * (len(digits) - head - 4) + digits[-4:]


def _mobile_digits(number: str) -> str:
    return _digits(number)[-11:]  # without the country code


def scan(text: str, public: frozenset[str] = frozenset()) -> list[Finding]:
    """Every personal identifier in ``text`` (in the order of their kinds, then of their places);
    mobile numbers in ``public`` (11 digits each: :func:`public_mobiles`) are not reported."""
    norm, where = _normalised(text)
    if not _LONG_NUMBER.search(norm):
        return []
    found: list[tuple[str, str, int, int]] = []  # code, masked, start, end (in norm)

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for _, _, a, b in found)

    links = [m.span() for m in _LINK.finditer(norm)]

    def in_link(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in links)

    for m in _ID.finditer(norm):
        digits = _digits(m.group())
        if _valid_id_number(digits):
            found.append(("privacy-id-number", _masked(digits, 4), *m.span()))
    for m in _CARD.finditer(norm):
        digits = _digits(m.group())
        if free(*m.span()) and not in_link(*m.span()) and _valid_card(digits):
            found.append(("privacy-bank-card", _masked(digits, 4), *m.span()))
    for m in _MOBILE.finditer(norm):
        digits = _mobile_digits(m.group())
        if free(*m.span()) and not in_link(*m.span()) and digits not in public:
            found.append(("privacy-mobile", _masked(digits, 3), *m.span()))
    return [Finding(code, masked, start if where is None else where[start]) for code, masked, start, _ in found]


#: What any identifier has at least (eleven digits, maybe grouped): a text without it is not looked into.
PRESCREEN = _LONG_NUMBER.pattern


def worth_scanning(text: str) -> bool:
    """Whether :func:`scan` looks into ``text`` at all (it holds :data:`PRESCREEN`): what is kept of a
    text for a later scan (an attachment's text in a cache) may leave out the rest."""
    return bool(_LONG_NUMBER.search(_normalised(text)[0]))


def public_mobiles(text: str) -> frozenset[str]:
    """The mobile numbers (11 digits) written in ``text``: the bureau's ``公开电话``."""
    norm, _ = _normalised(text)
    return frozenset(_mobile_digits(m.group()) for m in _MOBILE.finditer(norm))


def locator(text: str) -> Callable[[int], tuple[int, int]]:
    """The line and column (1-based) of an offset in ``text``."""
    starts: list[int] = []  # where each line starts: found when first asked (most texts have nothing to locate)

    def place(offset: int) -> tuple[int, int]:
        if not starts:
            starts.extend([0, *(m.end() for m in re.finditer("\n", text))])
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    return place


def check_text(
    text: str, file: str, *, public: frozenset[str] = frozenset(), element: Callable[[int], str] | None = None
) -> list[Diagnostic]:
    """Errors for the personal identifiers in the text of ``file``, each at its line and column;
    ``element`` names the element a line belongs to (none when not given)."""
    findings = scan(text, public)
    if not findings:
        return []
    place = locator(text)
    out = []
    for f in findings:
        line, column = place(f.start)
        name = element(line) if element else ""
        out.append(make(f.code, file, line, column, element=name, severity=None, masked=f.masked, inside=""))
    return out


def check_privacy(doc: YamlDocument, public: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Errors for personal identifiers anywhere in a YAML file (an item file, ``_meta.yaml``,
    ``_site.yaml``), keys, values and comments alike, named by the key they stand under."""
    keys = sorted((at[0], str(path[0])) for path, at in doc.key_positions.items() if len(path) == 1)
    lines = [line for line, _ in keys]

    def element(line: int) -> str:
        i = bisect.bisect_right(lines, line)
        return keys[i - 1][1] if i else ""

    return check_text(doc.text, doc.file, public=public, element=element)
