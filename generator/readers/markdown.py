"""Markdown lists of any common shape: heading per paper, awesome-list entries, tables.

One pass over the file's blocks (see mdblocks): a heading (or a paragraph that is all
bold) followed by fields, link lines or an author line is a paper; a heading followed
by anything else is a section. List items and paragraphs that name a paper and link to
it are papers (entries.py); so are table rows whose title column links the paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..errors import ListError
from .clues import (
    YEAR,
    clean_label,
    is_not_paper_url,
    is_paper_url,
    is_venue,
    label_kind,
    split_venue,
    squash,
)
from .entries import HTTP, Entry, choose_link, clean_title, read_entry
from .mdblocks import Block, Inline, Link, blocks_of, lines_of
from .model import (
    FORMATS_HELP,
    Draft,
    PaperList,
    assemble,
    clean_abstract,
    clean_text,
    split_lines,
)

SHAPES = ("headings", "awesome", "table")
NUMBER = re.compile(r"^\s*(?:\[[A-Za-z]{0,2}\d+\]|[A-Za-z]?\d+[.)])\s*")
FIELD_COLON = re.compile(r"\s*[:：]\s*")
PLAIN_FIELD = re.compile(r"^\s*([^\W\d][\w /&-]{0,30}?)\s*[:：]\s*", re.UNICODE)
PLAIN_URL_FIELD = re.compile(r"\s*([^\W\d][\w /&-]{0,30}?)\s+(?=https?://)")  # 'Paper https://'
URL = re.compile(r"https?://[^\s<>()\[\]]+", re.IGNORECASE)
ANY_TAG = re.compile(r"<[^>]*>")
TAGS = re.compile(r"<summary\b.*?</summary\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
NOT_LINK_TEXT = re.compile(r"[^\w]+")
SUMMARY = re.compile(r"<summary\b.*?</summary\s*>", re.IGNORECASE | re.DOTALL)
EMPHASIZED = re.compile(r"^([*_])[^*_\n]+\1$")  # '*Li Yicong*': all of a line in italics
ONE_NAME = re.compile(r"^[^\W\d_][^\W\d_.'’-]*(?:[ .'’-]+[^\W\d_]+){1,3}\.?$")
ABSTRACT_SUMMARY = re.compile(r"abstract|摘要|summary|tl;?dr", re.IGNORECASE)

LINK_NAMES = {"link", "url", "paper", "pdf", "arxiv", "链接", "论文", "paperlink", "officiallink"}
VENUE_NAMES = {
    "conference",
    "venue",
    "publication",
    "publishedin",
    "published",
    "journal",
    "booktitle",
    "会议",
    "发表",
}
YEAR_NAMES = {"year", "date", "年份"}
ABSTRACT_NAMES = {"abstract", "摘要", "tldr"}
AUTHOR_NAMES = {"authors", "author", "作者"}
TITLE_HEADERS = {"title", "paper", "papers", "name", "papertitle", "method", "model", "work"}
EMPTY_CELLS = {"", "-", "—", "n/a", "na", "none", "comingsoon", "todo"}


@dataclass
class _Candidate:
    """A heading (or an all-bold paragraph) that may turn out to be a paper."""

    kind: str  # heading or bold
    line: int
    title: str
    level: int
    section: tuple[str, ...]
    title_link: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    venue: str = ""
    year: str = ""
    abstract: list[str] = field(default_factory=list)
    attached: bool = False
    blocks: int = 0  # blocks read under it so far
    loose: bool = False  # a block under it was not its: a line of links further down is not
    want_abstract: bool = False
    in_details: bool = False


@dataclass
class _Seen:
    """What was seen that was not a paper, to say so when no paper is found."""

    numbered: list[int] = field(default_factory=list)  # lines of '## [N] Title' headings
    linkless: list[int] = field(default_factory=list)  # entries with no link to a paper
    rows: list[int] = field(default_factory=list)  # table rows without a linked title
    example: str = ""


class _Reader:
    """Reads the blocks of one Markdown list."""

    def __init__(self, text: str, source: str, shapes: tuple[str, ...]):
        self.lines = text.split("\n")
        self.source = source
        self.shapes = shapes
        self.title = ""
        self.page_title = ""  # the front matter's title: the list's, when it has no '# Title'
        self.sections: list[tuple[int, str]] = []
        self.drafts: list[Draft] = []
        self.cand: _Candidate | None = None
        self.seen = _Seen()
        self.last: Block | None = None  # the block read before this one
        self.titled: tuple[Block, Entry] | None = None  # an item with a title but no link

    def read(self, blocks: list[Block]) -> None:
        """Read every block in order."""
        handlers = {
            "heading": self.on_heading,
            "para": self.on_text,
            "item": self.on_text,
            "row": self.on_row,
            "html": self.on_html,
            "front": self.on_front,
        }
        for block in blocks:
            if block.quoted:  # a block quote holds notes, not papers
                continue
            handler = handlers.get(block.kind)
            if handler:
                handler(block)
            elif self.cand:
                self.cand.want_abstract = False
            self.last = block
        self.finish()

    def on_front(self, block: Block) -> None:
        self.page_title = front_title(block.raw)

    # --- sections and headings ----------------------------------------------------------

    def open_section(self, level: int) -> tuple[str, ...]:
        """Close the sections at this level or deeper; give those still open."""
        while self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        return tuple(name for _, name in self.sections)

    def on_heading(self, block: Block) -> None:
        text = " ".join(block.inline.text.split())
        if block.level == 1 and not (self.title or self.drafts or self.cand or self.sections):
            self.title = text
            return
        self.finish()
        section = self.open_section(block.level)
        if NUMBER.match(text):
            self.seen.numbered.append(block.line)
            self.seen.example = self.seen.example or "#" * block.level + " " + text
        title = NUMBER.sub("", text, count=1).strip().rstrip(":：").strip()
        cand = _Candidate("heading", block.line, title, block.level, section)
        link = next((lk for lk in block.inline.links if HTTP.match(lk.href)), None)
        if link and not label_kind(link.text) and clean_title(link.text):
            cand.title_link = link.href
        self.cand = cand

    def finish(self) -> None:
        """Decide what the open heading or bold paragraph was: a paper, a section, or text."""
        cand, self.cand = self.cand, None
        if cand is None:
            return
        if cand.attached or cand.title_link:
            self.add_candidate(cand)
        elif cand.kind == "heading":
            self.sections.append((cand.level, cand.title))

    def add_candidate(self, cand: _Candidate) -> None:
        if not clean_title(cand.title):
            return
        entry = Entry(title=cand.title, title_link=cand.title_link, links=cand.links)
        link, fields = choose_link(entry, evidence=cand.kind == "heading")
        if cand.kind == "bold" and not link:
            self.seen.linkless.append(cand.line)
            return
        if "headings" not in self.shapes:
            return
        self.drafts.append(
            Draft(
                line=cand.line,
                title=clean_title(cand.title),
                link=link,
                venue=cand.venue,
                year=cand.year,
                abstract=clean_abstract(cand.abstract),
                fields=[*cand.fields, *fields],
                section=cand.section,
            )
        )

    # --- paragraphs and list items --------------------------------------------------------

    def on_text(self, block: Block) -> None:
        if self.cand and self.attach(block):
            return
        if block.kind == "para" and is_all_bold(block.inline):
            self.finish()
            title = block.inline.text.strip().strip("*:：").strip()
            section = tuple(name for _, name in self.sections)
            self.cand = _Candidate("bold", block.line, title, 99, section)
            return
        lines = lines_of(block.inline) if block.kind == "para" else []
        if len(lines) > 1 and all(map(starts_with_title, lines)):
            for offset, part in enumerate(lines):  # '[Title](url),' a line: a paper a line
                self.take(read_entry(part), block.line + offset)
            return
        self.take(*self.entry_of(block))

    def take(self, entry: Entry | None, line: int) -> None:
        """Keep an entry as a paper when it links one (else note what was seen)."""
        if entry is None:
            return
        link, fields = choose_link(entry)
        if not link:
            if entry.links or entry.title_link:
                self.seen.linkless.append(line)
            return
        self.finish()
        if "awesome" in self.shapes:
            self.add_entry(entry, link, fields, line)

    def entry_of(self, block: Block) -> tuple[Entry | None, int]:
        """Read a block's entry, and its line; an item of links alone nested under an item
        with a title and no link gives that title its links ('* Title' / '  * https://...')."""
        titled, self.titled = self.titled, None
        entry = read_entry(block.inline)
        nested = titled and titled[0] is self.last and block.level > titled[0].level
        if entry is None and nested and block.kind == "item" and only_links(block.inline):
            title_block, entry = titled
            entry.links += [(lk.text, lk.href) for lk in block.inline.links]
            entry.plain_title = False
            return entry, title_block.line
        if entry and block.kind == "item" and not (entry.links or entry.title_link):
            self.titled = (block, entry)
        return entry, block.line

    def add_entry(self, entry: Entry, link: str, fields, line: int) -> None:
        named = [("Authors", entry.authors)] if entry.authors else []
        named += [("Topic", entry.topic)] if entry.topic else []
        named += entry.extra
        self.drafts.append(
            Draft(
                line=line,
                title=entry.title,
                link=link,
                venue=entry.venue,
                year=entry.year,
                fields=[*named, *fields],
                ticked=entry.ticked,
                section=tuple(name for _, name in self.sections),
            )
        )

    def attach(self, block: Block) -> bool:
        """Read a block under a heading as part of its paper, if it is one (a field, ...)."""
        cand = self.cand
        assert cand is not None
        cand.blocks += 1
        if cand.in_details and block.kind == "para":
            add_paragraph(cand.abstract, self.source_of(block))
            return True
        found = read_field(block.inline)
        if found:
            apply_field(cand, *found)
            cand.attached = True
            return True
        if cand.want_abstract and block.kind == "para":
            add_paragraph(cand.abstract, self.source_of(block))
            return True
        if not cand.loose and is_link_line(block.inline):
            cand.links += [(lk.text, lk.href) for lk in block.inline.links if HTTP.match(lk.href)]
            cand.attached = True
            return True
        one = bool(cand.title_link) and bool(EMPHASIZED.match(self.source_of(block).strip()))
        if cand.kind == "heading" and cand.blocks == 1 and is_author_line(block, one):
            cand.fields.append(("Authors", clean_text(block.inline.text)))
            cand.attached = True
            return True
        cand.loose = True
        return False

    def source_of(self, block: Block) -> str:
        """Give a block's own text, Markdown and TeX kept (for abstracts)."""
        lines = self.lines[block.line - 1 : max(block.end - 1, block.line)]
        return "\n".join(line.rstrip() for line in lines)

    def on_html(self, block: Block) -> None:
        cand = self.cand
        raw = block.raw
        if cand is None or not (cand.in_details or "<details" in raw.lower()):
            return
        summary = SUMMARY.search(raw)
        if not cand.in_details and not (cand.attached or summary):
            return  # a <details> of notes under a section heading
        if summary and not ABSTRACT_SUMMARY.search(ANY_TAG.sub("", summary.group(0))):
            return  # '<summary>Update log</summary>': not the paper's abstract
        closed = "</details" in raw.lower()
        text = "\n".join(line.rstrip() for line in TAGS.sub("", raw).strip().split("\n"))
        if text:
            add_paragraph(cand.abstract, text)
            cand.attached = True
        cand.in_details = not closed

    # --- tables -----------------------------------------------------------------------------

    def on_row(self, block: Block) -> None:
        if not block.cells:
            return
        entry, venue_said = read_row(block)
        link, fields = choose_link(entry, evidence=venue_said) if entry else ("", [])
        if entry is None or not link:
            self.seen.rows.append(block.line)
            return
        self.finish()
        if "table" in self.shapes:
            self.add_entry(entry, link, fields, block.line)

    # --- when nothing is found ----------------------------------------------------------------

    def nothing_found(self) -> ListError:
        """Say what was seen and where, and what was expected."""
        seen = self.seen
        if seen.numbered:
            said = (
                f"{len(seen.numbered)} headings like '{shorten_line(seen.example)}' "
                f"(first on line {seen.numbered[0]}) but no link, field or author line "
                "under any of them"
            )
        elif seen.linkless:
            said = (
                f"{len(seen.linkless)} entries whose links are not to a paper (code, pages, "
                f"videos; first on line {seen.linkless[0]})"
            )
        elif seen.rows:
            said = (
                f"{len(seen.rows)} table rows without a linked title (first on line {seen.rows[0]})"
            )
        else:
            said = "no heading, list item or table row that names a paper and links to it"
        where = (seen.numbered or seen.linkless or seen.rows or [1])[0]
        return ListError(
            f"no papers found: {said}; expected '## Title' with '**Link**: https://...' "
            "under it, '- [Title](https://...)' entries, or a table whose first column "
            f"links the title ({FORMATS_HELP})",
            self.source,
            where,
        )


def front_title(raw: str) -> str:
    """Give the title a page's YAML front matter names ('' when none, or not YAML)."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return ""
    title = data.get("title") if isinstance(data, dict) else None
    return " ".join(title.split()) if isinstance(title, str) else ""


def add_paragraph(lines: list[str], text: str) -> None:
    """Add a paragraph to an abstract, a blank line before it when it is not the first."""
    if lines:
        lines.append("")
    lines.append(text)


def shorten_line(text: str) -> str:
    """Cut a quoted line to a readable length."""
    return text if len(text) <= 40 else text[:37] + "..."


def is_all_bold(inline: Inline) -> bool:
    """Tell whether a paragraph is one bold text and nothing else (a title on its own)."""
    text = inline.text
    body = text.strip().rstrip(":：").rstrip()
    if not body or inline.links or "\n" in body:
        return False
    start = len(text) - len(text.lstrip())
    return any(a <= start and b >= start + len(body) for a, b in inline.bold)


def starts_with_title(inline: Inline) -> bool:
    """Tell whether a line starts with a linked title ('[Title](url)', not '[Code](url)')."""
    at = len(inline.text) - len(inline.text.lstrip())
    link = next((lk for lk in inline.links if lk.start == at), None)
    return bool(link and not link.bare and not label_kind(link.text) and clean_title(link.text))


def is_link_line(inline: Inline) -> bool:
    """Tell whether a block is only links (and separators): '[📄 Paper](url) | [💻 Code](url)'.

    Only links marked up as links count: a bare URL under a heading is as likely a page
    about the section ('## ICLR 2020 papers' then '* https://openreview.net/group?...')."""
    marked = [lk for lk in inline.links if not lk.bare]
    links = [lk for lk in marked if HTTP.match(lk.href)]
    if not any(label_kind(lk.text) or HTTP.match(lk.text.strip()) for lk in links):
        return False  # '- [Viewer](url)' names a thing; a link line only labels links
    return only_links(inline, marked)


def only_links(inline: Inline, links: list[Link] | None = None) -> bool:
    """Tell whether a block's text is its links (of all its links, or those given) alone."""
    links = inline.links if links is None else links
    return bool(links) and not NOT_LINK_TEXT.sub("", unlinked(inline, links))


def unlinked(inline: Inline, links: list[Link] | None = None) -> str:
    """Give a block's text without its links (all of them, or those given)."""
    rest, last = [], 0
    for link in inline.links if links is None else links:
        rest.append(inline.text[last : link.start])
        last = link.end
    rest.append(inline.text[last:])
    return "".join(rest)


def is_author_line(block: Block, one: bool = False) -> bool:
    """Tell whether a paragraph right under a heading lists authors (or, if one, names
    one: an italic name under a heading that links its paper)."""
    text = block.inline.text.strip()
    if block.kind != "para" or block.inline.links or not text or len(text) > 600:
        return False
    if is_all_bold(block.inline):
        return False
    names = [n for n in re.split(r"\s*(?:[,;·•]|\band\b|\n)\s*", text) if n]
    # A name starts with a letter: '(All papers, with links)' and '✔ BERT' name nobody.
    if one and len(names) == 1:
        return bool(ONE_NAME.match(names[0]))
    return len(names) >= 2 and all(n[0].isalpha() and len(n.split()) <= 6 for n in names)


def read_field(inline: Inline) -> tuple[str, str, list[tuple[str, str]]] | None:
    """Read '**Name**: value' (or '**Name:** value', 'Name：value' for known names)."""
    text = inline.text
    start = len(text) - len(text.lstrip())
    bold = next((b for b in inline.bold if b[0] == start), None)
    if bold:
        name = text[bold[0] : bold[1]]
        colon = FIELD_COLON.match(text, bold[1])
        if name.rstrip().endswith((":", "：")):
            name, value_at = name.rstrip()[:-1], bold[1] if not colon else colon.end()
        elif colon:
            value_at = colon.end()
        else:
            return None
    else:
        plain = PLAIN_URL_FIELD.match(text) or PLAIN_FIELD.match(text)
        if not plain or not (label_kind(plain.group(1)) or squash(plain.group(1)) in KNOWN):
            return None
        name, value_at = plain.group(1), plain.end()
    links = [lk for lk in inline.links if lk.start >= value_at]
    first = links[0] if links and links[0].start == value_at else None
    if first and not _is_field_name(name) and not _is_field_name(first.text):
        return None  # '**VQA**: [Title](url)': an entry under a topic, not a field
    return clean_label(name), text[value_at:].strip(), [(lk.text, lk.href) for lk in links]


KNOWN = LINK_NAMES | VENUE_NAMES | YEAR_NAMES | ABSTRACT_NAMES | AUTHOR_NAMES


def _is_field_name(name: str) -> bool:
    """Tell whether a name is a field's (or a link label, or a URL shown as its own text)."""
    return bool(label_kind(name) or HTTP.match(name.strip())) or squash(name) in KNOWN


def apply_field(cand: _Candidate, name: str, value: str, links: list[tuple[str, str]]) -> None:
    """Put a field where it belongs: the link, venue, year, abstract, or the extra fields."""
    key = squash(name)
    urls = [(text, href) for text, href in links if HTTP.match(href)]
    if not urls and key not in ABSTRACT_NAMES:
        urls = [(name, url) for url in URL.findall(value)]
    if key in LINK_NAMES or (urls and label_kind(name) == "paper"):
        cand.links += [(text if label_kind(text) else name, href) for text, href in urls]
    elif key in VENUE_NAMES:
        cand.venue, cand.year = split_venue(value)
    elif key in YEAR_NAMES:
        year = YEAR.search(value)
        cand.year = year.group(1) if year else clean_text(value)
    elif key in ABSTRACT_NAMES:
        cand.abstract = [value] if value else []
        cand.want_abstract = not value
    elif key in AUTHOR_NAMES:
        cand.fields.append(("Authors", clean_text(value)))
    elif urls and len(urls) == 1 and not URL.sub("", value).strip(" []()|"):
        cand.fields.append((label_kind(name) or name, urls[0][1]))
    elif urls:
        cand.links += urls
    elif value:
        cand.fields.append((name, clean_text(value)))


def read_row(block: Block) -> tuple[Entry | None, bool]:
    """Read a table row: the title column's link and text, the others as fields."""
    names = [squash(h) for h in block.header]
    index = next((i for i, n in enumerate(names) if n in TITLE_HEADERS), 0)
    if index >= len(block.cells):
        return None, False
    entry = _title_cell(block.cells[index])
    if entry is None:
        return None, False
    for i, cell in enumerate(block.cells):
        if i != index:
            header = block.header[i] if i < len(block.header) else ""
            _read_cell(entry, header, cell)
    return entry, is_venue(entry.venue)


def _title_cell(cell: Inline) -> Entry | None:
    entry = read_entry(cell)
    if entry is None:
        return None
    if not entry.title_link:  # a plain title needs a paper column, not a label inside it
        entry.plain_title = not any(label_kind(label) == "paper" for label, _ in entry.links)
    entry.venue, entry.year, entry.authors = "", "", ""
    return entry


def _read_cell(entry: Entry, header: str, cell: Inline) -> None:
    key = squash(header)
    text = clean_text(cell.text)
    links = [lk for lk in cell.links if HTTP.match(lk.href)]
    if squash(text) in EMPTY_CELLS and not links:
        return
    if key in VENUE_NAMES or key in ("conf", "pub"):
        entry.venue, year = split_venue(text)
        entry.year = entry.year or year
    elif key in YEAR_NAMES or key in ("time", "published"):
        year = YEAR.search(text)
        entry.year = entry.year or (year.group(1) if year else "")
        if key != "year":
            entry.extra.append((clean_label(header), text))
    elif links:
        entry.links += [(lk.text if label_kind(lk.text) else header, lk.href) for lk in links]
        remark = clean_text(unlinked(cell)).strip(" ,;|·-")
        if NOT_LINK_TEXT.sub("", remark):  # '[code](url), concurrent with MixMatch'
            entry.extra.append((clean_label(header) or "Note", remark))
    else:
        entry.extra.append((clean_label(header) or "Note", text))


def read(text: str, source: str = "<list>", shapes: tuple[str, ...] = SHAPES) -> PaperList:
    """Read a Markdown list of any of the shapes named (all by default)."""
    # Lines as markdown-it counts them (a lone \r ends one too), so block line numbers and
    # the reader's lines agree.
    text = "\n".join(split_lines(text, source))
    reader = _Reader(text, source, shapes)
    reader.read(blocks_of(text))
    if not reader.drafts:
        raise reader.nothing_found()
    title = reader.title or reader.page_title
    return assemble(reader.drafts, source, title=title, merge_repeats=True)


def reader_for(shape: str):
    """Give the reader of one shape only ('headings', 'awesome' or 'table')."""

    def read_shape(text: str, source: str = "<list>") -> PaperList:
        return read(text, source, (shape,))

    return read_shape


__all__ = ["SHAPES", "is_not_paper_url", "is_paper_url", "read", "reader_for"]
