"""No person's identifiers in an entry's attachments: the privacy scan (:mod:`generator.check.privacy`)
of their text (read by :mod:`generator.load.attachments`).

A finding is reported at the entry file, at the line and column of the attachment's ``文件`` value,
with the code and severity of the same finding in a page; its message names the attachment and
where in it (``附件“附件/名单.pdf”第 2 页出现了居民身份证号码（1101**********002X）``). The mobile
numbers the bureau publishes (``公开电话``) are not reported. At most :data:`MAX_LISTED` findings of
each kind are listed per attachment (a 名单 may hold hundreds), then how many more there are.
What could not be read (an opening password, a damaged file, scanned pages) or was not read (the
limits of a large file) is a note, so that someone looks at it.
"""

from __future__ import annotations

from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.check.privacy import scan
from generator.load.attachments import AttachmentTexts, reads
from generator.load.files import FileGate

#: Findings of one kind listed for one attachment; the rest are counted.
MAX_LISTED = 20
#: How :data:`MAX_LISTED`'s count names each kind of finding.
_KINDS = {"privacy-id-number": "身份证号码", "privacy-mobile": "手机号码", "privacy-bank-card": "银行卡号"}


def check_attachment(
    texts: AttachmentTexts,
    path: Path,
    written: str,
    gate: FileGate,
    file: str,
    place: tuple[int, int],
    element: str,
    public: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """The personal identifiers in the attachment at ``path`` (written ``written`` in the front matter
    of ``file``, at ``place``: line and column, under ``element``), and what of it could not be checked;
    ``public``: the mobile numbers the bureau publishes. The file has passed ``gate`` already."""
    if not reads(path.suffix):
        return []
    data, _ = gate.read_bytes(path, written, limit="attachment_bytes")
    if data is None:  # the gate's reasons were reported for the attachment already
        return []
    text = texts.read(data, path.suffix)

    def at(code: str, **values: object) -> Diagnostic:
        return make(code, file, place[0], place[1], element=element, severity=None, **values)

    out = []
    counts: dict[str, int] = {}
    for passage in text.passages:
        # a number said once per place (a Word paragraph is read as it reads and as it read before tracked changes)
        found = {(f.code, f.masked): f for f in scan(passage.text, public)}
        for finding in found.values():
            counts[finding.code] = counts.get(finding.code, 0) + 1
            if counts[finding.code] <= MAX_LISTED:
                out.append(at(finding.code, masked=finding.masked, inside=f"附件“{written}”{passage.where}"))
    more = [f"{_KINDS[code]} {n - MAX_LISTED} 处" for code, n in counts.items() if n > MAX_LISTED]
    if more:
        out.append(at("entry-attachment-more-findings", name=written, more="、".join(more), listed=MAX_LISTED))
    if text.unreadable:
        out.append(at("entry-attachment-unreadable", name=written, reason=text.unreadable))
    if text.cut:
        out.append(at("entry-attachment-truncated", name=written, reason=text.cut))
    return out
