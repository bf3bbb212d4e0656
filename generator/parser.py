"""Parse a Markdown paper list into papers: text in, data out, no disk."""

from __future__ import annotations

import base64
import hashlib
import re
import textwrap
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from .errors import ListError, ListWarning

ID_LENGTH = 8

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
NUMBER = re.compile(r"^\d+[.)]?(?:\s+|$)")
TICK = re.compile(r"^\s*(?:[-*+]|\d+[.)])[ \t]+\[(?P<mark>[ xX])\][ \t]*(?P<rest>.*)$")
FIELD = re.compile(
    r"^\s*[-*+][ \t]+\*\*(?P<name>[^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(?P<value>.*)$"
)
MD_LINK = re.compile(r"^\[(?P<text>.+)\]\((?P<url>\S+)\)$")
URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
HTTP_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
DETAILS_OPEN = re.compile(r"^\s*<details\b[^>]*>", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
SUMMARY = re.compile(r"<summary\b.*?</summary\s*>", re.IGNORECASE | re.DOTALL)
SUMMARY_OPEN = re.compile(r"^\s*<summary\b", re.IGNORECASE)
SUMMARY_CLOSE = re.compile(r"</summary\s*>", re.IGNORECASE)
NORMAL_LINK = re.compile(r"^https?://[a-z0-9.-]+(?:/[A-Za-z0-9._~%-]+)*$")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# First characters of the lines the parser reads as structure; any other line is text.
MARKERS = frozenset("#>-*+_<0123456789")

# Field names the parser gives a meaning to; every other field is kept as an extra.
LINK_FIELDS = {"link", "url"}
VENUE_FIELDS = {"conference", "venue"}
YEAR_FIELDS = {"year"}
ABSTRACT_FIELDS = {"abstract"}
TITLE_FIELDS = {"title"}


@dataclass(frozen=True)
class Paper:
    """One paper of a list, as the source gives it (text, not HTML)."""

    id: str
    title: str
    link: str
    venue: str
    year: str
    abstract: str
    fields: tuple[tuple[str, str], ...]
    ticked: bool
    line: int


@dataclass(frozen=True)
class PaperList:
    """A parsed list: its title, notes, papers and the warnings met on the way."""

    title: str
    notes: tuple[str, ...]
    papers: tuple[Paper, ...]
    warnings: tuple[ListWarning, ...]


@dataclass
class _Entry:
    """A paper while its lines are being read."""

    line: int
    heading: str = ""
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
    abstract_lines: list[str] = field(default_factory=list)
    loose_lines: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    has_details: bool = False

    def is_paper(self) -> bool:
        return self.tick_line is not None or bool(self.link) or bool(self.tick_url)


def decode_text(data: bytes, source: str) -> str:
    """Decode a list's bytes as UTF-8 (BOM allowed), naming the line of a bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:  # UTF-16 with its BOM, as some Windows editors save
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ListError("not valid UTF-16 text; save the list as UTF-8", source, 1) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ListError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x}); save the list as UTF-8",
            source,
            line,
        ) from None
    return text


def parse_list(text: str, source: str = "<list>") -> PaperList:
    """Parse the text of a Markdown paper list into a PaperList."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = len(LINE_BREAK.findall(text[:nul])) + 1
        raise ListError("NUL byte in the text; expected a plain-text Markdown list", source, line)

    warnings: list[ListWarning] = []
    title = ""
    notes: list[str] = []
    entries: list[_Entry] = []
    entry: _Entry | None = None
    details_line = 0  # line of an open <details>, 0 when none is open
    in_summary = False

    def finish() -> None:
        if entry is not None and entry.is_paper():
            entries.append(entry)

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if details_line:
            if entry is None:  # a <details> block before any paper: skip it
                if DETAILS_CLOSE.search(line):
                    details_line = 0
                continue
            if (
                line[:1] == "#"
                and (heading := HEADING.match(line))
                and len(heading.group(1)) <= 2
                and not _closes_before_next_paper(lines, number)
            ):
                raise ListError(
                    f"<details> opened on line {details_line} is never closed; "
                    f"expected </details> before the next paper on line {number}",
                    source,
                    details_line,
                )
            if in_summary:
                if SUMMARY_CLOSE.search(line):
                    in_summary = False
                continue
            if "<" not in line:  # the common case: a line of abstract text
                entry.abstract_lines.append(line)
                continue
            body = SUMMARY.sub("", line)
            if SUMMARY_OPEN.match(body):
                in_summary = True
                continue
            close = DETAILS_CLOSE.search(body)
            if close:
                before = body[: close.start()]
                if before.strip():
                    entry.abstract_lines.append(before)
                details_line = 0
                continue
            entry.abstract_lines.append(body)
            continue

        if not line:
            if entry is not None:
                entry.loose_lines.append(line)
            continue
        first = line.lstrip()[:1]
        if first not in MARKERS:  # a line of text: the most common kind, so decide it early
            if entry is not None:
                entry.loose_lines.append(line)
            continue

        heading = HEADING.match(line) if first == "#" else None
        if heading:
            level, text_ = len(heading.group(1)), heading.group(2).strip()
            if level == 1 and entry is None and not entries:
                if not title:
                    title = text_
                continue
            finish()
            entry = _Entry(line=number, heading=NUMBER.sub("", text_, count=1).strip())
            linked = MD_LINK.match(entry.heading)
            if linked:  # "## 1. [Title](https://...)": the heading carries the link
                entry.heading = linked.group("text").strip()
                entry.tick_url, entry.tick_url_line = linked.group("url"), number
            continue

        if line.lstrip().startswith(">") and entry is None:
            note = line.lstrip()[1:].strip()
            if note:
                notes.append(note)
            continue

        tick = TICK.match(line)
        if tick:
            if entry is None or entry.tick_line is not None:
                finish()
                entry = _Entry(line=number)
            entry.tick_line = number
            entry.ticked = tick.group("mark") in "xX"
            entry.tick_title, url = _split_tick(tick.group("rest").strip())
            if url:
                entry.tick_url, entry.tick_url_line = url, number
            continue

        if entry is None:
            if DETAILS_OPEN.match(line):
                details_line = number
                if DETAILS_CLOSE.search(line):
                    details_line = 0
            continue

        fld = FIELD.match(line)
        if fld:
            name, value = fld.group("name").strip(), fld.group("value").strip()
            key = name.casefold()
            if key in LINK_FIELDS and not entry.link:
                entry.link, entry.link_line = _unwrap_link(value), number
            elif key in VENUE_FIELDS and not entry.venue:
                entry.venue = value
            elif key in YEAR_FIELDS and not entry.year:
                entry.year = value
            elif key in ABSTRACT_FIELDS and not entry.abstract_lines and value:
                entry.abstract_lines.append(value)
            elif key in TITLE_FIELDS and not entry.title_field:
                entry.title_field = value
            elif value:
                entry.fields.append((name, value))
            continue

        if DETAILS_OPEN.match(line):
            entry.has_details = True
            details_line = number
            rest = SUMMARY.sub("", DETAILS_OPEN.sub("", line, count=1))
            close = DETAILS_CLOSE.search(rest)
            if close:
                rest, details_line = rest[: close.start()], 0
            if SUMMARY_OPEN.match(rest):
                in_summary = not SUMMARY_CLOSE.search(rest)
            elif rest.strip():
                entry.abstract_lines.append(rest)
            continue

        if RULE.match(line):
            continue
        entry.loose_lines.append(line)

    if details_line:
        raise ListError(
            f"<details> opened on line {details_line} is never closed; expected </details>",
            source,
            details_line,
        )
    finish()
    if not entries:
        raise ListError(
            "no papers found; expected entries like '## 1. Title' followed by "
            "'- [ ] Title | https://...'",
            source,
            1,
        )
    papers = _make_papers(entries, source, warnings)
    return PaperList(
        title=title or _title_from(source),
        notes=tuple(notes),
        papers=papers,
        warnings=tuple(warnings),
    )


def _missing_warnings(what: str, lines: list[int], source: str) -> list[ListWarning]:
    """Warn of papers missing a part: one line each, or one line for many."""
    if len(lines) <= 3:
        return [ListWarning(f"paper has no {what}", source, line) for line in lines]
    shown = ", ".join(str(line) for line in lines[:5]) + (", ..." if len(lines) > 5 else "")
    return [ListWarning(f"{len(lines)} papers have no {what} (lines {shown})", source, lines[0])]


def _title_from(source: str) -> str:
    """Name a list that has no '# Title' after its file: 'cvpr2024_papers.md' gives that stem."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if stem and not stem.startswith("<") else "Papers"


def _closes_before_next_paper(lines: list[str], start: int) -> bool:
    """Tell whether an open <details> closes before the next tick line (a heading in it is text)."""
    for line in lines[start:]:
        if DETAILS_CLOSE.search(line):
            return True
        if TICK.match(line):
            return False
    return False


def _split_tick(rest: str) -> tuple[str, str]:
    """Split a tick line's text into title and URL (what follows the last '|')."""
    md = MD_LINK.match(rest)
    if md:
        return md.group("text").strip(), md.group("url")
    head, bar, tail = rest.rpartition("|")
    if bar and URL_LIKE.match(tail.strip()):
        return head.strip(), tail.strip()
    if URL_LIKE.match(rest) and "://" in rest:
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


def _clean_text(text: str) -> str:
    """Collapse runs of white space in a one-line text."""
    return " ".join(text.split())


def _clean_abstract(lines: list[str]) -> str:
    """Dedent, trim and keep single blank lines between paragraphs."""
    text = "\n".join(lines)
    if any(line[:1] in (" ", "\t") for line in lines):
        text = textwrap.dedent(text)
    text = text.strip("\n")
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def normalize_link(link: str) -> str:
    """Give the form of a link that identifies its paper (case of host, no fragment)."""
    if NORMAL_LINK.match(link):  # most links are already in that form
        return link
    parts = urlsplit(link.strip())
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _digest(key: str, size: int = 32) -> str:
    # Base32 turns each 5 bytes into 8 characters, so a short id is a prefix of a long one.
    raw = hashlib.sha256(key.encode("utf-8")).digest()[:size]
    return base64.b32encode(raw).decode("ascii").lower().rstrip("=")


def make_ids(keys: list[str]) -> list[str]:
    """Give each key a short URL-safe id, lengthened only where two would collide."""
    ids = [_digest(k, ID_LENGTH * 5 // 8) for k in keys]
    seen: dict[str, list[int]] = {}
    for index, id_ in enumerate(ids):
        seen.setdefault(id_, []).append(index)
    for group in seen.values():
        if len(group) > 1:
            digests = {i: _digest(keys[i]) for i in group}
            length = ID_LENGTH
            while len({digests[i][:length] for i in group}) < len(group):
                length += 2
            for i in group:
                ids[i] = digests[i][:length]
    return ids


def _make_papers(
    entries: list[_Entry], source: str, warnings: list[ListWarning]
) -> tuple[Paper, ...]:
    keys: list[str] = []
    prepared = []
    first_line_of_link: dict[str, int] = {}
    missing: dict[str, list[int]] = {"link": [], "abstract": []}
    for e in entries:
        title = _clean_text(e.heading or e.tick_title or e.title_field)
        if not title:
            raise ListError(
                "empty title; expected '## N. Title' or '- [ ] Title | https://...'",
                source,
                e.tick_line or e.line,
            )
        if e.heading and e.tick_title and _clean_text(e.tick_title) != title:
            warnings.append(
                ListWarning(
                    f"tick line title differs from the heading ({_clean_text(e.tick_title)!r}); "
                    "using the heading",
                    source,
                    e.tick_line,
                )
            )
        link, link_line = (e.link, e.link_line) if e.link else (e.tick_url, e.tick_url_line)
        if link and not HTTP_URL.match(link):
            shown = link if len(link) <= 60 else link[:57] + "..."
            raise ListError(
                f"link must start with http:// or https://, got {shown!r}", source, link_line
            )
        if (
            e.link
            and e.tick_url
            and e.tick_url != e.link
            and normalize_link(e.tick_url) != normalize_link(e.link)
        ):
            if not HTTP_URL.match(e.tick_url):
                raise ListError(
                    f"link must start with http:// or https://, got {e.tick_url[:60]!r}",
                    source,
                    e.tick_url_line,
                )
            warnings.append(
                ListWarning(
                    "tick line URL differs from the Link field; using the Link field",
                    source,
                    e.tick_url_line,
                )
            )
        if link:
            key = normalize_link(link)
            if key in first_line_of_link:
                raise ListError(
                    f"the same link as the paper on line {first_line_of_link[key]}; "
                    "expected each paper once",
                    source,
                    link_line,
                )
            first_line_of_link[key] = link_line
        else:
            key = "title:" + title.casefold()
            missing["link"].append(e.line)
        abstract = _clean_abstract(e.abstract_lines or e.loose_lines)
        if not abstract:
            missing["abstract"].append(e.line)
        keys.append(key)
        prepared.append((e, title, link, abstract))
    for what, lines in missing.items():
        warnings.extend(_missing_warnings(what, lines, source))
    ids = make_ids(keys)
    if len(set(ids)) != len(ids):  # only same titles without links can get here
        dup = next(p for p, i in zip(prepared, ids, strict=True) if ids.count(i) > 1)
        raise ListError("two papers with the same title and no link", source, dup[0].line)
    return tuple(
        Paper(
            id=id_,
            title=title,
            link=link,
            venue=_clean_text(e.venue),
            year=_clean_text(e.year),
            abstract=abstract,
            fields=tuple(e.fields),
            ticked=e.ticked,
            line=e.line,
        )
        for id_, (e, title, link, abstract) in zip(ids, prepared, strict=True)
    )
