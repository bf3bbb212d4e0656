"""The papers every reader gives, and the checks and ids they all share (pure: no disk)."""

from __future__ import annotations

import base64
import hashlib
import re
import textwrap
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..errors import ListError, ListWarning
from .clues import merge_key, title_key, titles_agree

ID_LENGTH = 8

HTTP_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
NORMAL_LINK = re.compile(r"^https?://[a-z0-9.-]+(?:/[A-Za-z0-9._~%-]+)*$")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no place in a list's text
STRUCTURE = (
    (re.compile(r"^([ \t]*)#", re.MULTILINE), r"\1\\#"),
    (re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[(?=[ xX]\])", re.MULTILINE), r"\1\\["),
    (re.compile(r"^([ \t]*)<(/?(?:details|summary)\b)", re.MULTILINE | re.IGNORECASE), r"\1\\<\2"),
)
TITLE_LINK = re.compile(r"^\[(.+)\]\((\S+)\)$")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
BLANK_LINES = re.compile(r"\n\s*\n+")
CLOSING_HASHES = re.compile(r"\s+#+$")
FORMATS_HELP = "see 'List formats' in the README"
# Field names paperpick's own format gives a meaning to (an extra field may not take one).
RESERVED_FIELDS = frozenset(["title", "link", "url", "conference", "venue", "year", "abstract"])
# The field that keeps a link another paper of the list already has (one of them is wrong).
LINK_SET_APART = "Same link as another paper"


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
    section: tuple[str, ...] = ()  # the headings it sits under, outer to inner
    # A reader's triage, when the list carries it (the page's Markdown export writes it).
    label: str = ""
    note: str = ""
    read: str = ""  # "yes" when read: the CSV's Read column as it is


@dataclass(frozen=True)
class PaperList:
    """A read list: its title, notes, papers and the warnings met on the way."""

    title: str
    notes: tuple[str, ...]
    papers: tuple[Paper, ...]
    warnings: tuple[ListWarning, ...]


@dataclass(slots=True)
class Draft:
    """A paper as a reader found it, before links are checked and ids given."""

    line: int
    title: str
    link: str = ""
    link_line: int = 0  # the line of the link, when it is not the paper's first line
    venue: str = ""
    year: str = ""
    abstract: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    ticked: bool = False
    section: tuple[str, ...] = ()
    label: str = ""
    note: str = ""
    read: str = ""


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


def split_lines(text: str, source: str) -> list[str]:
    """Split a text into lines (any line end, no BOM), refusing a NUL byte by its line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        line = len(LINE_BREAK.findall(text[:nul])) + 1
        raise ListError("NUL byte in the text; expected a plain-text list", source, line)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def clean_text(text: str) -> str:
    """Collapse runs of white space in a one-line text."""
    return " ".join(text.split())


def clean_abstract(lines: list[str]) -> str:
    """Dedent, trim and keep single blank lines between paragraphs."""
    text = "\n".join(lines)
    if any(line[:1] in (" ", "\t") for line in lines):
        text = textwrap.dedent(text)
    return BLANK_LINES.sub("\n\n", text.strip("\n")).strip()


def clean_heading(text: str) -> str:
    """Make a title or section name one line that a heading gives back as it is."""
    text = clean_text(text)
    if text.endswith("#"):  # a heading's closing '#'s would be dropped when it is read back
        text = CLOSING_HASHES.sub("", text)
    return text


def title_from(source: str) -> str:
    """Name a list that has no title after its file: 'cvpr2024_papers.md' gives that stem."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if stem and not stem.startswith("<") else "Papers"


def shorten(text: str, limit: int = 60) -> str:
    """Cut a text quoted in a message to a readable length."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def where_differ(first: str, second: str, width: int = 20) -> str:
    """Quote two texts around their first difference: 'at character 7: '...ab' vs '...aB''."""
    at = next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )
    start = max(0, at - width)

    def part(text: str) -> str:
        shown = text[start : at + width]
        return ("..." if start else "") + shown + ("..." if at + width < len(text) else "")

    return f"at character {at + 1}: {part(first)!r} vs {part(second)!r}"


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
    # Digests cut to whole 5-byte blocks encode to whole 8-character blocks, so one
    # encoding of them all, cut every `step` characters, gives each key its own prefix.
    block = -(-ID_LENGTH // 8) * 5
    step = block * 8 // 5
    raw = b"".join(hashlib.sha256(k.encode("utf-8")).digest()[:block] for k in keys)
    text = base64.b32encode(raw).decode("ascii").lower()
    ids = [text[i : i + ID_LENGTH] for i in range(0, len(text), step)]
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


def missing_warnings(what: str, lines: list[int], source: str) -> list[ListWarning]:
    """Warn of papers missing a part: one line each, or one line for many."""
    if len(lines) <= 3:
        return [ListWarning(f"paper has no {what}", source, line) for line in lines]
    shown = ", ".join(str(line) for line in lines[:5]) + (", ..." if len(lines) > 5 else "")
    return [ListWarning(f"{len(lines)} papers have no {what} (lines {shown})", source, lines[0])]


def check_link(link: str, source: str, line: int) -> None:
    """Refuse a link that is not http(s): it would run or go nowhere in the page."""
    if not HTTP_URL.match(link):
        raise ListError(
            f"link must start with http:// or https://, got {shorten(link)!r}", source, line
        )
    try:
        if "[" in link or "]" in link:  # the only characters urlsplit refuses
            urlsplit(link)
    except ValueError as err:  # such as an unclosed '[' of an IPv6 host
        raise ListError(f"not a valid link ({err}): {shorten(link)!r}", source, line) from None


class _Keys:
    """The key of each paper (its normalised link, else its title), and where each was first.

    Strict (the shipped format): a repeated link is an error. Merging (other shapes): a
    paper repeated under the same link, an arXiv link of another form, or the same long
    title is kept once, with a warning; the same link under a title that does not agree
    is kept twice (one of the two links is likely wrong, and no title is lost).
    """

    def __init__(self, source: str, merge: bool):
        self.source = source
        self.merge = merge
        self.first: dict[str, Draft] = {}
        self.alias: dict[str, str] = {}  # an arXiv id or a long title -> the key it was first
        self.warnings: list[ListWarning] = []

    def add(self, draft: Draft) -> str | None:
        """Give the draft's key, or None when it repeats a paper and repeats are merged."""
        key = normalize_link(draft.link) if draft.link else "title:" + draft.title.casefold()
        if not self.merge:
            return self.strict(draft, key)
        kept = self.repeated(draft, key)
        if kept is not None:
            self.warn(draft, f"the paper of line {kept.line} again", kept)
            _fill_from(kept, draft)
            return None
        if key in self.first:  # kept as a paper of its own, its link set apart
            other = self.first[key]
            self.warn(draft, f"the same link as the paper on line {other.line}", other)
            draft.fields.insert(0, (LINK_SET_APART, draft.link))
            draft.link, draft.link_line = "", 0
            key = "title:" + draft.title.casefold()
            if key in self.first:
                return None
        self.first[key] = draft
        for alias in (merge_key(draft.link), title_key(draft.title)):
            self.alias.setdefault(alias, key) if alias else None
        return key

    def strict(self, draft: Draft, key: str) -> str:
        seen = self.first.get(key)
        if seen is None:
            self.first[key] = draft
            return key
        line = draft.link_line or draft.line
        if not draft.link:
            raise ListError("two papers with the same title and no link", self.source, line)
        raise ListError(
            f"the same link as the paper on line {seen.link_line or seen.line}; "
            "expected each paper once",
            self.source,
            line,
        )

    def repeated(self, draft: Draft, key: str) -> Draft | None:
        """Find the paper this draft repeats: same link or title, and titles that agree."""
        keys = [key, self.alias.get(merge_key(draft.link)), self.alias.get(title_key(draft.title))]
        for found in keys:
            kept = self.first.get(found) if found else None
            if kept is not None and titles_agree(kept.title, draft.title):
                return kept
        return None

    def warn(self, draft: Draft, what: str, kept: Draft) -> None:
        if titles_agree(kept.title, draft.title) and kept.title == draft.title:
            said = f"{what} ({shorten(draft.title, 50)!r}); kept once"
        elif titles_agree(kept.title, draft.title):
            said = f"{what}, its title {where_differ(kept.title, draft.title)}; kept once"
        else:
            said = (
                f"{what} under another title {where_differ(kept.title, draft.title)}; "
                f"kept both, this one's link as '{LINK_SET_APART}'"
            )
        self.warnings.append(ListWarning(said, self.source, draft.line))


def _fill_from(kept: Draft, again: Draft) -> None:
    """Complete a paper kept once with what only its repeat gives (venue, abstract, fields)."""
    kept.venue = kept.venue or again.venue
    kept.year = kept.year or again.year
    kept.abstract = kept.abstract or again.abstract
    names = {name for name, _ in kept.fields}
    kept.fields.extend((n, v) for n, v in again.fields if n not in names)
    kept.ticked = kept.ticked or again.ticked
    kept.label = kept.label or again.label
    kept.note = kept.note or again.note
    kept.read = kept.read or again.read


def _plain(draft: Draft) -> None:
    """Make a paper of another shape say the same when written in paperpick's format:
    a title that is a link ('[T](url)', 'https://...') gives the link; no extra field
    takes a name that format reads as the title, link, venue, ..."""
    draft.title = CONTROL.sub("", draft.title)
    if draft.abstract:
        abstract = _escape_structure(CONTROL.sub("", draft.abstract))
        draft.abstract = clean_abstract([line.rstrip() for line in abstract.split("\n")])
    linked = TITLE_LINK.match(draft.title)
    if linked:
        draft.title = linked.group(1).strip()
        draft.link = draft.link or linked.group(2)
    elif not draft.link and HTTP_URL.match(draft.title):
        draft.link = draft.title
    fields = [(_free_name(name), clean_text(CONTROL.sub("", v))) for name, v in draft.fields]
    draft.fields = [(name, value) for name, value in fields if value]


def _escape_structure(abstract: str) -> str:
    """Escape the lines of an abstract that paperpick's format would read as a heading, a
    tick line or a <details> tag (Markdown shows '\\# x' as '# x', so nothing changes)."""
    if "#" not in abstract and "[" not in abstract and "<" not in abstract:
        return abstract
    for pattern, escaped in STRUCTURE:
        abstract = pattern.sub(escaped, abstract)
    return abstract


def _free_name(name: str) -> str:
    """Make a field's name one paperpick's format keeps as it is: one line, no '*', no
    trailing colon, and not one it reads as the title, link, venue, ..."""
    name = " ".join(CONTROL.sub("", name).replace("*", " ").split()).rstrip(":：").strip()
    name = name or "Field"
    return f"{name} (also)" if name.casefold() in RESERVED_FIELDS else name


def assemble(
    drafts: list[Draft],
    source: str,
    *,
    title: str = "",
    notes: tuple[str, ...] = (),
    warnings: list[ListWarning] | None = None,
    merge_repeats: bool = False,
) -> PaperList:
    """Check the drafts' links, give ids, warn of what is missing, and make the list.

    A repeated paper (same normalised link, or same title with no link) is an error,
    or with merge_repeats one paper and a warning naming both lines.
    """
    keys = _Keys(source, merge_repeats)
    kept: list[tuple[str, Draft]] = []
    for draft in drafts:
        if merge_repeats:
            _plain(draft)
        draft.title = clean_heading(draft.title)
        if draft.section:
            draft.section = tuple(name for name in map(clean_heading, draft.section) if name)
        if draft.link:
            check_link(draft.link, source, draft.link_line or draft.line)
        key = keys.add(draft)
        if key is not None:
            kept.append((key, draft))
    ids = make_ids([key for key, _ in kept])
    found = list(warnings or ()) + keys.warnings
    for what, attr in (("link", "link"), ("abstract", "abstract")):
        lines = [d.line for _, d in kept if not getattr(d, attr)]
        found.extend(missing_warnings(what, lines, source))
    papers = tuple(
        Paper(
            id=id_,
            title=d.title,
            link=d.link,
            venue=d.venue,
            year=d.year,
            abstract=d.abstract,
            fields=tuple(d.fields),
            ticked=d.ticked,
            line=d.line,
            section=d.section,
            label=d.label,
            note=d.note,
            read=d.read,
        )
        for id_, (_, d) in zip(ids, kept, strict=True)
    )
    return PaperList(
        title=title or title_from(source), notes=notes, papers=papers, warnings=tuple(found)
    )
