"""One awesome-list entry: '[Title](url), Venue 2024 [[code]](url)' and its kin, as a paper.

An entry's text is read left to right: an optional tick box, an optional venue tag
('**[CVPR 2024]**', '[NeurIPS 2024]', 'CVPR 2024:'), an optional topic ('**VQA**:'), the
title (a link, bold text, or plain text before the first labelled link), then links and
text (venue, year, authors). Which link is the paper is decided by choose_link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clues import (
    YEAR,
    clean_label,
    is_not_paper_url,
    is_paper_url,
    is_venue,
    label_kind,
    split_venue,
)
from .mdblocks import Inline, Link
from .model import CONTROL

LEAD = re.compile(r"^[^\w\[(\"“'*`]*")
TICK = re.compile(r"\[([ xX])\][ \t]+")
TAG = re.compile(
    r"(?:\[([^\[\]\n]{2,40})\]|\(([^()\n]{2,30})\)|`([^`\n]{2,30})`)[ \t]*[:：]?[ \t]*"
)
VENUE_COLON = re.compile(r"([^\[\]\n]{2,40}?)[ \t]*[:：][ \t]+")
TRIM = " \t\n,.;:：-–—|·\"“”'*"
SEPARATORS = re.compile(r"\s+[-–—|]\s+|[,;|·\n]")
HTTP = re.compile(r"^https?://", re.IGNORECASE)
# A person's name (or 'Lee et al.'): capitalised words, no digits.
NAME = re.compile(r"^[^\W\d_][^\d]{0,60}$")


@dataclass
class Entry:
    """What an entry's text says: title, links by label, venue, year, authors."""

    title: str = ""
    title_link: str = ""
    plain_title: bool = False  # the title is plain text (so a labelled paper link is needed)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    venue: str = ""
    year: str = ""
    authors: str = ""
    topic: str = ""
    ticked: bool = False
    extra: list[tuple[str, str]] = field(default_factory=list)  # other fields, as they are


def _link_at(inline: Inline, pos: int) -> Link | None:
    return next((link for link in inline.links if link.start == pos), None)


def _bold_at(inline: Inline, pos: int) -> tuple[int, int] | None:
    return next((span for span in inline.bold if span[0] == pos and span[1] > pos), None)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def _prefixes(inline: Inline, entry: Entry) -> int:
    """Read the tick box and the venue tag before the title; give where the title starts."""
    text = inline.text
    pos = LEAD.match(text).end()
    first_link = min((lk.start for lk in inline.links), default=pos)
    pos = min(pos, first_link)  # '[✨Sparkles ...](url)': the symbol is the link's own
    tick = TICK.match(text, pos)
    if tick and not _link_at(inline, pos):
        entry.ticked = tick.group(1) in "xX"
        pos = tick.end()
    bold = _bold_at(inline, pos)
    start = pos + 0
    tag = TAG.match(text, start)
    if tag and not _link_at(inline, start) and not label_kind(tag.group(0)) and not _word(tag):
        entry.venue, entry.year = split_venue(next(g for g in tag.groups() if g))
        pos = tag.end()
    elif not bold and not _link_at(inline, pos):
        colon = VENUE_COLON.match(text, pos)
        if colon and is_venue(colon.group(1)) and _link_at(inline, colon.end()):
            entry.venue, entry.year = split_venue(colon.group(1))
            pos = colon.end()
    if bold and bold[1] <= pos:  # '**[CVPR 2024]**': the tag was all of the bold text
        pos = _skip(text, pos)
    return pos


def _topic(inline: Inline, entry: Entry, pos: int) -> int:
    """Read '**VQA**: [Title](url)': a bold topic before a linked title."""
    bold = _bold_at(inline, pos)
    if not bold:
        return pos
    after = _skip(inline.text, bold[1])
    if after < len(inline.text) and inline.text[after] in ":：,":
        after = _skip(inline.text, after + 1)
        if _link_at(inline, after):
            entry.topic = inline.text[bold[0] : bold[1]].strip(TRIM)
            return after
    return pos


def _title(inline: Inline, entry: Entry, pos: int) -> int:
    """Read the title; give where the rest of the entry starts."""
    text = inline.text
    link = _link_at(inline, pos)
    named = link and link.text.strip() and not HTTP.match(link.text.strip())  # a URL names nothing
    if named and not label_kind(link.text):
        entry.title, entry.title_link = link.text, link.href
        return link.end
    bold = next((s for s in inline.bold if s[0] <= pos < s[1]), None)
    if bold:
        entry.title = text[pos : bold[1]]
        return bold[1]
    stop = next((lk.start for lk in inline.links if lk.start >= pos), len(text))
    bar = re.compile(r"\s[|]\s|\n|\[\[").search(text, pos, stop)
    stop = bar.start() if bar else stop
    entry.title, entry.plain_title = text[pos:stop].rstrip(" [("), True
    return stop


def _rest(inline: Inline, entry: Entry, pos: int) -> None:
    """Read the links and the venue, year and authors after the title."""
    pieces, last = [], pos
    for link in inline.links:
        if link.start < pos:
            continue
        pieces.append(inline.text[last : link.start])
        last = link.end
        if HTTP.match(link.href):
            entry.links.append((link.text.strip(" []"), link.href))
    pieces.append(inline.text[last:])
    names: list[str] = []
    for token in SEPARATORS.split(" ".join(pieces)):
        token = token.strip(" \t()[]*")
        if len(token) <= 40 and (is_venue(token) or YEAR.search(token)):
            if not entry.year:
                venue, entry.year = split_venue(token)
                entry.venue = entry.venue or venue
            _take_authors(entry, names)
        elif token and NAME.match(token):
            names.append(token)
    _take_authors(entry, names)


def _take_authors(entry: Entry, names: list[str]) -> None:
    """Keep the names read so far as the authors, when they look like names."""
    named = names and (len(names) > 1 or "et al" in names[0] or len(names[0].split()) in (2, 3, 4))
    if named and not entry.authors:
        entry.authors = ", ".join(names)
    names.clear()


def read_entry(inline: Inline) -> Entry | None:
    """Read an entry's parts from a list item's or paragraph's text (None: no title)."""
    entry = Entry()
    pos = _topic(inline, entry, _prefixes(inline, entry))
    pos = _rest_start = _title(inline, entry, pos)
    entry.title = clean_title(entry.title)
    if not entry.title:
        return None
    _rest(inline, entry, _rest_start)
    return entry


def _word(tag: re.Match[str]) -> bool:
    """Tell whether a tag's brackets start a word: '(Re)construing', not '(CVPR 2024) Title'."""
    return tag.group(0).startswith("(") and tag.group(0).endswith(")")


def clean_title(text: str) -> str:
    """Trim a title of the punctuation and quotes lists put around it."""
    text = " ".join(CONTROL.sub("", text).replace("**", "").split())
    tag = TAG.match(text)
    if tag and tag.end() < len(text) and not _word(tag):
        text = text[tag.end() :]  # "**[ICLR '25]Fast ...**": the tag sat inside the bold
    return text.strip(TRIM)


def choose_link(entry: Entry, evidence: bool | None = None) -> tuple[str, list[tuple[str, str]]]:
    """Pick the paper's link and name the others as fields ('' when none is a paper).

    The paper is the link labelled so (Paper, PDF, arXiv, ...), else a title link to a
    paper's page, else any link to one; a title link to another page (a project's home)
    counts only with evidence (given, else a venue, a year or authors in the entry) and
    never when it is code.
    """
    labelled = [(label_kind(label), label, url) for label, url in entry.links]
    paper = next((url for kind, _, url in labelled if kind == "paper"), "")
    if not paper and not entry.plain_title:
        paper = _title_or_other(entry, labelled, evidence)
    fields = []
    if entry.title_link and entry.title_link != paper and HTTP.match(entry.title_link):
        kind = "Code" if "github.com" in entry.title_link else "Project"
        fields.append((kind, entry.title_link))
    for kind, label, url in labelled:
        if url != paper:
            named = kind if kind and kind != "paper" else clean_label(label)
            fields.append((named if named and not HTTP.match(label) else "Link", url))
    return paper, fields


def _title_or_other(entry: Entry, labelled, evidence: bool | None) -> str:
    link = entry.title_link if HTTP.match(entry.title_link) else ""
    if link and is_paper_url(link):
        return link
    other = next((url for kind, _, url in labelled if kind is None and is_paper_url(url)), "")
    if other:
        return other
    shown = evidence
    if shown is None:
        shown = bool(entry.year or entry.authors or is_venue(entry.venue))
    return link if link and shown and not is_not_paper_url(link) else ""
