"""The shipped format: '## N. Title', '- [ ] Title | URL', '- **Field**: value', <details>."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..errors import ListError, ListWarning
from .entries import choose_link, read_entry
from .mdblocks import inline_of
from .model import (
    Draft,
    PaperList,
    assemble,
    check_link,
    clean_abstract,
    clean_text,
    normalize_link,
    split_lines,
    where_differ,
)

# Group 2 holds the heading's text and any closing '#'s, which heading_text takes off
# (a lazy group ahead of an optional closing run is slow: 10-30 us a heading).
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
NUMBER = re.compile(r"^(?:\d+[.)]?|\[\d+\])(?:\s+|$)")
TICK = re.compile(r"^\s*(?:[-*+]|\d+[.)])[ \t]+\[(?P<mark>[ xX])\][ \t]*(?P<rest>.*)$")
FIELD = re.compile(
    r"^\s*[-*+][ \t]+\*\*(?P<name>[^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(?P<value>.*)$"
)
BOLD_FIELD = re.compile(  # '**Authors**: ...' as a paragraph of its own, with no '- '
    r"^\s*\*\*(?P<name>[^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(?P<value>.*)$"
)
NOTE = re.compile(r"^\s*>[ \t]?(?P<note>.*)$")
MD_LINK = re.compile(r"^\[(?P<text>.+)\]\((?P<url>\S+)\)$")
URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
BARE_URL = re.compile(
    r"^(?:https?|ftps?|file|javascript|vbscript|data|mailto|blob|wss?)://[^\s/?#]\S*$",
    re.IGNORECASE,
)
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
DETAILS_OPEN = re.compile(r"^\s*<details\b[^>]*>", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
SUMMARY = re.compile(r"<summary\b.*?</summary\s*>", re.IGNORECASE | re.DOTALL)
SUMMARY_OPEN = re.compile(r"^\s*<summary\b", re.IGNORECASE)
SUMMARY_CLOSE = re.compile(r"</summary\s*>", re.IGNORECASE)
# A closing </details> or a <summary> with no <details> open: markup left over, not text.
STRAY_TAG = re.compile(r"^\s*(?:</details\s*>|<summary\b)", re.IGNORECASE)

# The kinds of line, each with its handler in _Reader, tried by the line's first character
# (no line is of two kinds; fields, the commonest, come first); any other line is text.
PATTERNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "#": (("heading", HEADING),),
    ">": (("note", NOTE),),
    "-": (("field", FIELD), ("tick", TICK), ("rule", RULE)),
    "*": (("field", FIELD), ("tick", TICK), ("rule", RULE)),
    "+": (("field", FIELD), ("tick", TICK)),
    "_": (("rule", RULE),),
    "<": (("details", DETAILS_OPEN), ("rule", STRAY_TAG)),
    **{digit: (("tick", TICK),) for digit in "0123456789"},
}

MARKER_CHARS = frozenset("-*+")

# Field names given a meaning (as the Paper attribute they fill); any other is an extra field.
KNOWN_FIELDS = {
    "link": "link",
    "url": "link",
    "conference": "venue",
    "venue": "venue",
    "year": "year",
    "abstract": "abstract",
    "title": "title_field",
    "label": "label",  # a reader's triage, as the page's Markdown export writes it
    "note": "note",
    "read": "read",
}
TEXT_FIELDS = ("venue", "year", "title_field", "label", "note")  # the first one given is kept
READ_VALUES = {"yes": "yes", "no": ""}  # any other Read value stays an extra field


# After a list marker, the next character tells which kinds are possible: '[' a tick,
# '*' a field (or a '* * *' rule), anything else a rule at most.
AFTER_MARKER = {
    "[": (("tick", TICK),),
    "*": (("field", FIELD), ("field", BOLD_FIELD), ("rule", RULE)),
}
RULE_ONLY = (("rule", RULE),)


def heading_text(rest: str) -> str:
    """Give a heading's text from what follows its '#'s: less a closing run of '#'s."""
    text = rest.rstrip(" \t")
    core = text.rstrip("#")
    if len(core) < len(text) and core[-1:] in (" ", "\t"):
        text = core
    return text.strip()


def classify(line: str) -> tuple[str, re.Match[str] | None]:
    """Tell which kind of line this is (heading, tick, field, ...; else text)."""
    stripped = line.lstrip()
    first = stripped[:1]
    if first in MARKER_CHARS:  # the commonest lines: fields, ticks and rules
        kinds = AFTER_MARKER.get(stripped[1:].lstrip(" \t")[:1], RULE_ONLY)
    else:
        kinds = PATTERNS.get(first, ())
    for kind, pattern in kinds:
        match = pattern.match(line)
        if match:
            return kind, match
    return "text", None


@dataclass(slots=True)
class _Entry:
    """A paper (or a section heading) while its lines are being read."""

    line: int
    heading: str = ""
    level: int = 0  # of its heading; 0 when it starts at a tick line
    section: tuple[str, ...] = ()
    tick_line: int | None = None
    tick_title: str = ""
    tick_url: str = ""
    tick_url_line: int = 0
    ticked: bool = False
    link: str = ""
    link_line: int = 0
    venue: str = ""
    year: str = ""
    title_field: str = ""
    label: str = ""
    note: str = ""
    read: str = ""
    abstract_lines: list[str] = field(default_factory=list)
    loose_lines: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    heading_text: str = ""  # the heading as written, number and all: a section's name
    tick_venue: str = ""  # what an awesome-list tick line says ('- [ ] ICML 2024: [T](url)')
    tick_year: str = ""

    def is_paper(self) -> bool:
        return self.tick_line is not None or bool(self.link) or bool(self.tick_url)


class _Reader:
    """Reads the lines of one list, one handler per kind of line."""

    def __init__(self, lines: list[str], source: str):
        self.lines = lines
        self.numbered = enumerate(lines, start=1)  # shared: a <details> block reads on in it
        self.source = source
        self.title = ""
        self.notes: list[str] = []
        self.entries: list[_Entry] = []
        self.entry: _Entry | None = None
        self.sections: list[tuple[int, str]] = []  # (level, heading) of the open sections
        self.details_line = 0  # line of an open <details>, 0 when none is open
        self.in_summary = False
        # Where a later read of an edited text may take up this one: (line of a heading,
        # papers before it, sections open there), at headings with a paper before them.
        self.marks: list[Mark] = []
        self.rejoin: _Rejoin | None = None  # when this is such a read: where it may stop
        self.handlers = {
            "heading": self.on_heading,
            "note": self.on_note,
            "tick": self.on_tick,
            "field": self.on_field,
            "rule": self.on_rule,
            "details": self.on_details,
            "text": self.on_text,
        }

    def read(self) -> None:
        """Read every line; a blank or text line is the commonest, so it is decided first."""
        handlers, on_field, field = self.handlers, self.on_field, FIELD.match
        for number, raw in self.numbered:
            line = raw.rstrip()
            if not line:  # a blank line only matters between paragraphs of a plain abstract
                if self.entry is not None and self.entry.loose_lines:
                    self.entry.loose_lines.append(line)
            elif line[:4] == "- **" and (match := field(line)):
                on_field(line, match, number)  # the commonest line: as classify would tell
            else:
                kind, match = classify(line)
                handlers[kind](line, match, number)
        if self.details_line:
            raise ListError(
                f"<details> opened on line {self.details_line} is never closed; "
                "expected </details>",
                self.source,
                self.details_line,
            )
        self.finish()

    def finish(self) -> None:
        """Keep the entry being read: as a paper, or as a section heading when it is none."""
        entry = self.entry
        if entry is None:
            return
        if entry.is_paper():
            self.entries.append(entry)
        elif entry.level:
            self.open_section(entry.level)
            self.sections.append((entry.level, entry.heading_text))

    def mark(self, number: int) -> None:
        """Note that a read may take up or rejoin this one at this heading: what follows it
        depends on nothing before it but the sections open there (the title and notes are
        final, and a heading here is never taken for the title)."""
        mark = (number, len(self.entries), tuple(self.sections))
        if self.rejoin is not None:
            self.rejoin.meet(mark)
        self.marks.append(mark)

    def open_section(self, level: int) -> tuple[str, ...]:
        """Close the sections at this heading level or deeper; give the ones still open."""
        while self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        return tuple(text for _, text in self.sections)

    def on_heading(self, line: str, match: re.Match[str], number: int) -> None:
        level, text = len(match.group(1)), heading_text(match.group(2))
        if level == 1 and self.entry is None and not self.entries:
            self.title = self.title or text
            return
        self.finish()
        if (level > 1 or self.entries) and not self.in_summary:
            self.mark(number)
        heading = NUMBER.sub("", text, count=1).strip()
        entry = _Entry(line=number, heading=heading, level=level, heading_text=text)
        linked = MD_LINK.match(heading)
        if linked:  # "## 1. [Title](https://...)": the heading carries the link
            entry.heading = linked.group("text").strip()
            entry.tick_url, entry.tick_url_line = linked.group("url"), number
        entry.section = self.open_section(level)
        self.entry = entry

    def on_note(self, line: str, match: re.Match[str], number: int) -> None:
        if self.entry is not None:  # after the first paper, a quote is text
            self.on_text(line, None, number)
        elif match.group("note").strip():
            self.notes.append(match.group("note").strip())

    def on_tick(self, line: str, match: re.Match[str], number: int) -> None:
        entry = self.entry
        if entry is None or entry.tick_line is not None:
            self.finish()
            entry = self.entry = _Entry(line=number, section=self.open_section(7))
        entry.tick_line = number
        entry.ticked = match.group("mark") in "xX"
        rest = match.group("rest").strip()
        entry.tick_title, url = _split_tick(rest)
        if not url and "](" in rest:
            url = _awesome_tick(entry, rest)
        if url:
            entry.tick_url, entry.tick_url_line = url, number

    def on_field(self, line: str, match: re.Match[str], number: int) -> None:
        entry = self.entry
        if entry is None:
            return
        name, value = match.group("name", "value")
        name, value = name.strip(), value.strip()
        attr = KNOWN_FIELDS.get(name.casefold())
        if attr == "link" and not entry.link:
            entry.link, entry.link_line = _unwrap_link(value), number
        elif attr == "abstract" and not entry.abstract_lines and value:
            entry.abstract_lines.append(value)
        elif attr in TEXT_FIELDS and not getattr(entry, attr):
            setattr(entry, attr, value)
        elif attr == "read" and value.casefold() in READ_VALUES:
            entry.read = READ_VALUES[value.casefold()]
        elif value:
            entry.fields.append((name, value))

    def on_rule(self, line: str, match: re.Match[str], number: int) -> None:
        """A '---' between papers, or a stray </details>: nothing to keep."""

    def on_text(self, line: str, match: re.Match[str] | None, number: int) -> None:
        if self.entry is not None:
            self.entry.loose_lines.append(line)

    def on_details(self, line: str, match: re.Match[str], number: int) -> None:
        self.details_line = number
        entry = self.entry
        if entry is None:  # a <details> block before any paper: skipped
            self.skip_details(line)
            return
        rest = SUMMARY.sub("", line[match.end() :])
        close = DETAILS_CLOSE.search(rest)
        if close:
            rest, self.details_line = rest[: close.start()], 0
        if SUMMARY_OPEN.match(rest):
            self.in_summary = not SUMMARY_CLOSE.search(rest)
        elif rest.strip():
            entry.abstract_lines.append(rest)
        if self.details_line:
            self.read_details(entry)

    def skip_details(self, line: str) -> None:
        """Pass over a <details> block that belongs to no paper."""
        if DETAILS_CLOSE.search(line):
            self.details_line = 0
            return
        for _, raw in self.numbered:
            if DETAILS_CLOSE.search(raw):
                self.details_line = 0
                return

    def read_details(self, entry: _Entry) -> None:
        """Read the lines of <details> up to its end: the abstract, less summary and tags."""
        for number, raw in self.numbered:
            line = raw.rstrip()
            if line[:1] == "#":
                self.check_heading_in_details(line, number)
            if self.in_summary:
                self.in_summary = not SUMMARY_CLOSE.search(line)
            elif "<" not in line:  # the common case: a line of abstract text
                entry.abstract_lines.append(line)
            else:
                self.details_markup(SUMMARY.sub("", line), entry)
                if not self.details_line:
                    return

    def details_markup(self, body: str, entry: _Entry) -> None:
        """Read a line of <details> holding markup: a summary opening, the closing tag, text."""
        if SUMMARY_OPEN.match(body):
            self.in_summary = True
            return
        close = DETAILS_CLOSE.search(body)
        if close:
            body = body[: close.start()]
            self.details_line = 0
        if body.strip() or not close:
            entry.abstract_lines.append(body)

    def check_heading_in_details(self, line: str, number: int) -> None:
        """Refuse a paper heading in an abstract that never closes: the <details> was left open."""
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) <= 2 and not self.closes_later(number):
            raise ListError(
                f"<details> opened on line {self.details_line} is never closed; "
                f"expected </details> before the next paper on line {number}",
                self.source,
                self.details_line,
            )

    def closes_later(self, start: int) -> bool:
        """Tell whether the open <details> closes before the next tick line."""
        for line in self.lines[start:]:
            if DETAILS_CLOSE.search(line):
                return True
            if TICK.match(line):
                return False
        return False


def _awesome_tick(entry: _Entry, rest: str) -> str:
    """Read '- [ ] CVPR 2024: [Title](url) - Alice Smith' as an awesome-list entry does."""
    found = read_entry(inline_of(rest))
    if found is None:
        return ""
    link, fields = choose_link(found)
    entry.tick_title = found.title
    entry.tick_venue, entry.tick_year = found.venue, found.year
    named = [("Authors", found.authors)] if found.authors else []
    entry.fields[:0] = [*named, *fields]
    return link


def _split_tick(rest: str) -> tuple[str, str]:
    """Split a tick line's text into title and URL (what follows the last '|')."""
    md = MD_LINK.match(rest)
    if md:
        return md.group("text").strip(), md.group("url")
    head, bar, tail = rest.rpartition("|")
    if bar and URL_LIKE.match(tail.strip()):
        return head.strip(), tail.strip()
    if BARE_URL.match(rest):  # '- [ ] https://...' under a heading: the tick gives the link
        return "", rest
    return rest, ""


def _unwrap_link(value: str) -> str:
    """Take the URL out of '<url>' or '[text](url)'."""
    value = value.strip()
    md = MD_LINK.match(value)
    if md:
        return md.group("url")
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1].strip()
    return value


def _draft(e: _Entry, source: str, warnings: list[ListWarning]) -> Draft:
    """Turn an entry into a paper: the heading's title and the Link field win, with a warning."""
    title = clean_text(e.heading or e.tick_title or e.title_field)
    if not title:
        raise ListError(
            "empty title; expected '## N. Title' or '- [ ] Title | https://...'",
            source,
            e.tick_line or e.line,
        )
    tick_title = clean_text(e.tick_title) if e.heading and e.tick_title else title
    if tick_title != title:
        warnings.append(
            ListWarning(
                "tick line title differs from the heading "
                f"{where_differ(title, tick_title)}; using the heading",
                source,
                e.tick_line,
            )
        )
    link, link_line = (e.link, e.link_line) if e.link else (e.tick_url, e.tick_url_line)
    if e.link and e.tick_url and e.tick_url != e.link:  # both must be links; the list's own is
        check_link(link, source, link_line)  # checked with the others when the list is made
        check_link(e.tick_url, source, e.tick_url_line)
    if e.link and e.tick_url and normalize_link(e.tick_url) != normalize_link(e.link):
        warnings.append(
            ListWarning(
                "tick line URL differs from the Link field; using the Link field",
                source,
                e.tick_url_line,
            )
        )
    return Draft(
        line=e.line,
        title=title,
        link=link,
        link_line=link_line,
        venue=clean_text(e.venue or e.tick_venue),
        year=clean_text(e.year or e.tick_year),
        abstract=clean_abstract(e.abstract_lines or e.loose_lines),
        fields=e.fields,
        ticked=e.ticked,
        section=e.section,
        label=clean_text(e.label),
        note=clean_text(e.note),
        read=e.read,
    )


def read(text: str, source: str = "<list>", kept: Kept | None = None) -> PaperList:
    """Read a list in the shipped Markdown format (with what a read of it before kept:
    only the papers an edit changed are read again, with the same result)."""
    lines = split_lines(text, source)
    if kept is None:
        reader = _Reader(lines, source)
        reader.read()
        return _papers(reader, source)
    last, kept.last = kept.last, None  # kept again only if this read succeeds
    if last is not None and last.source == source and last.lines == lines:
        kept.last = last
        return last.papers
    reader = _read_again(lines, source, last) if last else None
    if reader is None:
        reader = _Reader(lines, source)
        reader.read()
    papers = _papers(reader, source)
    kept.last = _Read(
        source, lines, reader.entries, reader.marks, reader.title, reader.notes, papers
    )
    return papers


def _papers(reader: _Reader, source: str) -> PaperList:
    """Make the papers of a read list, checked and with their ids."""
    if not reader.entries:
        raise ListError(
            "no papers found; expected entries like '## 1. Title' followed by "
            "'- [ ] Title | https://...'",
            source,
            1,
        )
    warnings: list[ListWarning] = []
    drafts = [_draft(e, source, warnings) for e in reader.entries]
    return assemble(
        drafts, source, title=reader.title, notes=tuple(reader.notes), warnings=warnings
    )


# --- reading an edited list again (paperpick serve) ------------------------------------------

Mark = tuple[int, int, tuple[tuple[int, str], ...]]  # see _Reader.marks
SAME_STEP = 4096  # lines compared at once when looking for where two texts differ


@dataclass(frozen=True)
class _Read:
    """A list's last read: its file's name and lines, the reader's entries and marks, and
    the papers."""

    source: str
    lines: list[str]
    entries: list[_Entry]
    marks: list[Mark]
    title: str
    notes: list[str]
    papers: PaperList


class Kept:
    """What paperpick serve keeps of a list's last read, for the next read of it."""

    def __init__(self) -> None:
        self.last: _Read | None = None


class _Rejoined(Exception):
    """A read again has met the last read: what follows is the last read's (at this mark)."""

    def __init__(self, index: int):
        self.index = index


@dataclass
class _Rejoin:
    """Where a read again may stop: at a mark in the lines that follow the edit, where the
    last read had a mark with the same sections open."""

    last: _Read
    shift: int  # lines added by the edit (fewer: negative)
    same_from: int  # the first line of the new text from which it is the last text's

    def meet(self, mark: Mark) -> None:
        """Stop the read at this mark if the last read had the same mark there."""
        number, _, sections = mark
        if number < self.same_from:
            return
        at = bisect_left(self.last.marks, number - self.shift, key=lambda m: m[0])
        if at < len(self.last.marks):
            old = self.last.marks[at]
            if old[0] == number - self.shift and old[2] == sections:
                raise _Rejoined(at)


def _same_head(old: list[str], new: list[str]) -> int:
    """Give how many lines two texts share at their start."""
    most, at = min(len(old), len(new)), 0
    while at + SAME_STEP <= most and old[at : at + SAME_STEP] == new[at : at + SAME_STEP]:
        at += SAME_STEP
    while at < most and old[at] == new[at]:
        at += 1
    return at


def _same_tail(old: list[str], new: list[str], most: int) -> int:
    """Give how many lines (at most `most`) two texts share at their end."""
    o, n, at = len(old), len(new), 0
    while (
        at + SAME_STEP <= most
        and old[o - at - SAME_STEP : o - at] == new[n - at - SAME_STEP : n - at]
    ):
        at += SAME_STEP
    while at < most and old[o - at - 1] == new[n - at - 1]:
        at += 1
    return at


def _read_again(lines: list[str], source: str, last: _Read) -> _Reader | None:
    """Read an edited list from the last mark before the edit, until the read meets the
    last one after it (None: no mark to take up the read at)."""
    head = _same_head(last.lines, lines)
    tail = _same_tail(last.lines, lines, min(len(last.lines), len(lines)) - head)
    # A mark's state is the one after its heading ended the paper before: that heading
    # must be unchanged too.
    at = bisect_right(last.marks, head, key=lambda m: m[0]) - 1
    if at < 0:
        return None
    number, papers, sections = last.marks[at]
    reader = _Reader(lines, source)
    reader.title, reader.notes = last.title, list(last.notes)
    reader.entries, reader.sections = last.entries[:papers], list(sections)
    reader.marks = last.marks[:at]
    reader.numbered = enumerate(lines[number - 1 :], start=number)
    shift = len(lines) - len(last.lines)
    reader.rejoin = _Rejoin(last, shift, len(lines) - tail + 1)
    try:
        reader.read()
    except _Rejoined as met:
        _take_rest(reader, last, met.index, shift)
    return reader


def _take_rest(reader: _Reader, last: _Read, at: int, shift: int) -> None:
    """Give the reader the last read's papers and marks from its mark `at` on, moved by
    `shift` lines (the last read is not kept: its entries are moved in place)."""
    before = last.marks[at][1]
    rest = last.entries[before:]
    if shift:
        for entry in rest:
            entry.line += shift
            entry.link_line += shift if entry.link_line else 0
            entry.tick_url_line += shift if entry.tick_url_line else 0
            if entry.tick_line is not None:
                entry.tick_line += shift
    now = len(reader.entries)
    reader.marks += [(n + shift, k - before + now, s) for n, k, s in last.marks[at:]]
    reader.entries += rest
