"""Atom feeds of the published information: the whole site's and each column's.

A reader subscribes once and learns of every new notice, policy or 解读 (RFC 4287). Links
are absolute when the site's address is known; ids are the entries' permanent addresses,
or ``tag:`` URIs built from their ids when it is not, so that a feed reader never sees an
entry twice. The newest entries come first; the output is the same for the same entries.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from generator.model.entries import Entry

#: Entries in a feed at most (feed readers fetch the feed often: keep it small).
FEED_SIZE = 50
#: The time of day entries are dated at: dates are days, Atom wants instants (Beijing time).
_MIDNIGHT = "T00:00:00+08:00"


@dataclass(frozen=True)
class Feed:
    """One feed: where it lives and what it lists."""

    title: str
    path: str  #: site-relative (``feed.xml``, ``bzxzf/pjgl/feed.xml``)
    page: str  #: site-relative URL of the page it belongs to
    entries: Sequence[Entry]


def newest_first(entries: Sequence[Entry]) -> list[Entry]:
    """Entries by 发布日期, newest first (then by id, for a stable order)."""
    return sorted(entries, key=_newest, reverse=True)


def _newest(entry: Entry) -> tuple[str, str]:
    return (entry.published, entry.id)


def atom_xml(feed: Feed, *, author: str, url: Callable[[str], str], entry_url: Callable[[Entry], str]) -> str:
    """The Atom document of ``feed``; ``url`` makes a site-relative URL absolute (or keeps it
    relative when the site's address is not known), ``entry_url`` gives an entry's page."""
    listed = heapq.nlargest(FEED_SIZE, feed.entries, key=_newest)  # newest_first(…)[:FEED_SIZE], without sorting all
    updated = (listed[0].published if listed else "2019-05-15") + _MIDNIGHT
    feed_id = url(feed.path)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"<title>{escape(feed.title)}</title>",
        f"<id>{escape(_id(feed_id, 'feed/' + feed.path))}</id>",
        f"<updated>{updated}</updated>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_id)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(url(feed.page))}/>',
        f"<author><name>{escape(author)}</name></author>",
    ]
    for entry in listed:
        link = entry_url(entry)
        lines += [
            "<entry>",
            f"<title>{escape(entry.title)}</title>",
            f"<id>{escape(_id(link, 'info/' + entry.id))}</id>",
            f"<published>{entry.published}{_MIDNIGHT}</published>",
            f"<updated>{(entry.validity.date or entry.published)}{_MIDNIGHT}</updated>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"<category term={quoteattr(entry.category)}/>",
        ]
        summary = entry.summary or (f"{entry.doc_no} · {entry.publisher}" if entry.doc_no else entry.publisher)
        lines += [f"<summary>{escape(summary)}</summary>", "</entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _id(address: str, name: str) -> str:
    """An entry's or a feed's permanent id: its absolute address, else a ``tag:`` URI."""
    if address.startswith(("https://", "http://")):
        return address
    return f"tag:gkml.invalid,2019:{name}"
