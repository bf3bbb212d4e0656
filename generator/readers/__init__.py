"""Readers: one per shape of paper list, each turning a file's text into the same papers.

A reader is a pure function read(text, source) -> PaperList. Which one reads a file is
chosen by its extension, then by its content; a name given by the user (--format, or
format: in config.yml) overrides both. Markdown that ticks its papers ('- [ ] Title |
https://...') is paperpick's own format; any other Markdown is read for every common
shape at once (headings, awesome-list entries, tables), since real lists mix them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ListError
from . import bibtex, csvlist, jsonlist, markdown, shipped
from .model import LINE_BREAK, Paper, PaperList, decode_text

__all__ = ["FORMATS", "Paper", "PaperList", "read_bytes", "read_text"]

Reader = Callable[[str, str], PaperList]
Decoder = Callable[[bytes, str], str]


@dataclass(frozen=True)
class Format:
    """A list shape: its name, its reader, the file endings it is chosen by, its decoding."""

    name: str
    read: Reader
    extensions: tuple[str, ...] = ()
    decode: Decoder = decode_text
    about: str = ""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("paperpick", shipped.read, about="paperpick's own Markdown ('- [ ] Title | url')"),
        Format("markdown", markdown.read, (".md", ".markdown"), about="any Markdown"),
        Format("headings", markdown.reader_for("headings"), about="a heading per paper"),
        Format("awesome", markdown.reader_for("awesome"), about="awesome-list entries"),
        Format("table", markdown.reader_for("table"), about="Markdown tables"),
        Format("bibtex", bibtex.read, (".bib", ".bibtex")),
        Format("csv", csvlist.read, (".csv", ".tsv", ".tab"), decode=csvlist.decode),
        Format("json", jsonlist.read, (".json", ".jsonl", ".ndjson")),
    )
}
# Lines that tick a paper and link it ('- [ ] Title | url', '- [x] [Title](url)'), or give
# it a Link field: paperpick's own format. A checklist whose tick lines link nothing (the
# link is on the next line) is another shape: the Markdown readers take it.
OWN_LINE = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][^\n]*(?:\|[ \t]*<?|\]\()[A-Za-z][\w+.-]*:"
    r"|\*\*(?:Link|URL)(?::\*\*|\*\*[ \t]*:))",
    re.MULTILINE | re.IGNORECASE,
)
# A paper of paperpick's own format that has no link: '## 3. Title', then '- [ ] Title'.
OWN_HEADED = re.compile(
    r"^#{1,6}[ \t]+(?:\d+[.)][ \t]+)?([^\n]+?)[ \t]*\r?\n(?:[ \t]*\r?\n)*"
    r"[-*+][ \t]+\[[ xX]\][ \t]+\1[ \t]*\r?$",
    re.MULTILINE,
)
OTHER_LINK = re.compile(r"\]\(https?://|^\s*\|", re.MULTILINE)
JSON_START = re.compile(r'\[\s*[{\]"]|\{\s*"')
SNIFF = 200_000  # characters looked at to tell the shape (enough, and fast on big lists)


def format_names() -> str:
    """Name the formats for a message: 'paperpick, markdown, ...'."""
    return ", ".join(FORMATS)


def format_of(source: str, fmt: str | None = None) -> Format | None:
    """Give the format named, else the one the file name's ending says (None: look inside)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ListError(f"unknown list format '{fmt}'; expected {format_names()}", source)
        return FORMATS[fmt]
    suffix = "." + source.rsplit(".", 1)[-1].lower() if "." in source[-12:] else ""
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def sniff(text: str, markdown: bool = False) -> Format:
    """Tell a list's format from its content (of a Markdown file: which Markdown reader)."""
    head = text[:SNIFF].lstrip("\ufeff \t\r\n")
    if not markdown and JSON_START.match(head):
        return FORMATS["json"]
    if not markdown and head[:1] in "@%" and re.search(r"^@\w+\s*[{(]", head, re.MULTILINE):
        return FORMATS["bibtex"]
    own = len(OWN_LINE.findall(head)) + len(OWN_HEADED.findall(head))
    if own and own * 2 >= len(OTHER_LINK.findall(head)) - own:
        return FORMATS["paperpick"]
    return FORMATS["markdown"]


def read_text(
    text: str, source: str = "<list>", fmt: str | None = None, kept: shipped.Kept | None = None
) -> PaperList:
    """Read a list's text with the format named, or the one its name and content say (with
    what an earlier read of it kept: paperpick's own format reads only what changed)."""
    chosen = format_of(source, fmt)
    if chosen is None or (chosen.name == "markdown" and fmt is None):
        chosen = sniff(text, markdown=chosen is not None)
    nul = text.find("\x00") if chosen.name != "paperpick" else -1  # (that one looks itself)
    if nul >= 0:
        line = len(LINE_BREAK.findall(text, 0, nul)) + 1
        raise ListError("NUL byte in the text; expected a plain-text list", source, line)
    if kept is not None and chosen.read is shipped.read:
        return shipped.read(text, source, kept)
    return chosen.read(text, source)


def read_bytes(
    data: bytes, source: str, fmt: str | None = None, kept: shipped.Kept | None = None
) -> PaperList:
    """Read a list's bytes: decoded as its format wants (UTF-8 for most), then read_text."""
    chosen = format_of(source, fmt)
    decode = chosen.decode if chosen is not None else decode_text
    return read_text(decode(data, source), source, fmt, kept)
