"""Which papers a CSV or a ticked Markdown list picks, as the page reads them (pure).

Mirrors theme/src/importer.js (the page's import and its ballots from files), so
'paperpick export --team FILE' counts the same picks as the page does with that file.
Its regular expressions are JavaScript's: white space is JavaScript's, '.' stops at any
line terminator, '$' is the end of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bibtex import SPACES, WS
from .codec import TRIM, js_sorted

NOT_SPACE = WS.replace("[", "[^", 1)
DOT = "[^\n\r\u2028\u2029]"
LINK = re.compile(r"([^:/?#]+)://([^/?#]*)([^?#]*)(?:\?([^#]*))?")
TICK = re.compile(rf"{WS}*[-*+][ \t]+\[([ xX])\][ \t]*({DOT}*)")
FIELD = re.compile(rf"{WS}*[-*+][ \t]+\*\*([^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*({DOT}*)")
MD_LINK = re.compile(rf"\[({DOT}+)\]\(({NOT_SPACE}+)\)")
HEADING = re.compile(rf"(#{{2,6}})[ \t]+({DOT}*?)[ \t#]*")
NUMBER = re.compile(rf"^[0-9]+[.)]?(?:{WS}+|\Z)")
URL = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*:{NOT_SPACE}*")
DETAILS_OPEN = re.compile(rf"^{WS}*<details\b", re.IGNORECASE | re.ASCII)
DETAILS_CLOSE = re.compile(rf"</details{WS}*>", re.IGNORECASE | re.ASCII)
LINK_FIELD = re.compile("link|url", re.IGNORECASE | re.ASCII)
LINES = re.compile("\r\n|\r|\n")
MARKDOWN_NAME = re.compile(r"\.(md|markdown|txt)\Z", re.IGNORECASE | re.ASCII)
CSV_NAME = re.compile(r"\.csv\Z", re.IGNORECASE | re.ASCII)
GUARDED = re.compile(r"'[=+\-@\t\r]")


@dataclass(frozen=True)
class Imported:
    """What a file picks: the papers of the list it matched, and how many picks it held."""

    kind: str  # 'csv' or 'md'
    ids: tuple[str, ...]
    total: int
    unmatched: int


def js_trim(text: str) -> str:
    """Trim as JavaScript's String.prototype.trim() does."""
    return TRIM.sub("", text)


def normalize_link(link: str) -> str:
    """Give the form of a link that identifies its paper (as the page's normalizeLink)."""
    link = js_trim(link or "")
    m = LINK.match(link)
    if not m:
        return link
    path = re.sub("/+\\Z", "", m[3])
    return f"{m[1].lower()}://{m[2].lower()}{path}" + (f"?{m[4]}" if m[4] else "")


def parse_csv(text: str) -> list[list[str]]:
    """Parse RFC 4180 CSV (BOM, CRLF or LF) into rows of cells, as the page does."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell, quoted, i = "", False, 0
    text = text.removeprefix("\ufeff")
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch != '"':
                cell += ch
            elif text[i + 1 : i + 2] == '"':
                cell, i = cell + ch, i + 1
            else:
                quoted = False
        elif ch == '"' and not cell:
            quoted = True
        elif ch == ",":
            row.append(cell)
            cell = ""
        elif ch in "\r\n":
            rows.append([*row, cell])
            row, cell = [], ""
            i += ch == "\r" and text[i + 1 : i + 2] == "\n"
        else:
            cell += ch
        i += 1
    if cell or row:
        rows.append([*row, cell])
    return rows


def lines(text: str) -> list[str]:
    return LINES.split(text.removeprefix("\ufeff"))


class _Entry:
    """An entry of a Markdown list being read."""

    def __init__(self, title: str = ""):
        self.title, self.link, self.tick_title, self.tick_link = title, "", "", ""
        self.tick = self.ticked = False

    def read_tick(self, mark: str, rest: str) -> None:
        """Take the tick line: its mark, and the title and link after it."""
        self.tick, self.ticked = True, mark != " "
        rest = js_trim(rest)
        md, bar = MD_LINK.fullmatch(rest), rest.rfind("|")
        url = js_trim(rest[bar + 1 :])
        if md:
            self.tick_title, self.tick_link = md[1], md[2]
        elif bar >= 0 and URL.fullmatch(url):
            self.tick_title, self.tick_link = js_trim(rest[:bar]), url
        else:
            self.tick_title = rest
        self.title = self.title or self.tick_title

    def read_link(self, value: str) -> None:
        value = js_trim(value)
        md = MD_LINK.fullmatch(value)
        if md:
            self.link = md[2]
        elif value[:1] == "<" and value[-1:] == ">":
            self.link = js_trim(value[1:-1])
        else:
            self.link = value


def markdown_picks(text: str) -> list[tuple[str, str]]:
    """Give the [x] entries of a Markdown list: (title, link) each."""
    picks: list[tuple[str, str]] = []
    entry: _Entry | None = None
    in_details = False

    def finish() -> None:
        if entry and entry.ticked:
            picks.append((entry.title, entry.link or entry.tick_link))

    for line in lines(text):
        if in_details or DETAILS_OPEN.search(line):
            in_details = not DETAILS_CLOSE.search(line)
            continue
        h, t = HEADING.fullmatch(line), TICK.fullmatch(line)
        f = entry and FIELD.fullmatch(line)
        if h:
            finish()
            entry = _Entry(js_trim(NUMBER.sub("", h[2], count=1)))
        elif t:
            if not entry or entry.tick:
                finish()
                entry = _Entry()
            entry.read_tick(t[1], t[2])
        elif f and LINK_FIELD.fullmatch(js_trim(f[1])) and not entry.link:
            entry.read_link(f[2])
    finish()
    return picks


def _title_key(title: str) -> str:
    return "t " + " ".join(SPACES.split(title)).lower()


def _csv_keys(text: str) -> list[str] | None:
    """Give the keys of a CSV's rows (by its Id column, else its Link column), or None."""
    rows = parse_csv(text)
    head = [js_trim(h).lower() for h in (rows[0] if rows else [])]
    col = head.index("id") if "id" in head else head.index("link") if "link" in head else -1
    if col < 0:
        return None
    keys = []
    for row in rows[1:]:
        if len(row) > 1 or row[0]:
            value = js_trim(row[col] if col < len(row) else "")
            value = value[1:] if GUARDED.match(value) else value
            keys.append("i " + value if head[col] == "id" else "l " + normalize_link(value))
    return keys


def import_picks(text: str, file_name: str, papers) -> Imported | None:
    """Match a file against a list's papers: None when it is neither CSV nor Markdown list."""
    by: dict[str, str] = {}
    for paper in papers:
        by["i " + paper.id] = by[_title_key(paper.title)] = paper.id
        if paper.link:
            by["l " + normalize_link(paper.link)] = paper.id
    markdown = MARKDOWN_NAME.search(file_name) or (
        not CSV_NAME.search(file_name) and any(TICK.fullmatch(line) for line in lines(text))
    )
    if markdown:
        picks = markdown_picks(text)
        keys = ["l " + normalize_link(link) if link else _title_key(title) for title, link in picks]
    else:
        keys = _csv_keys(text)
        if keys is None:
            return None
    found = [by[k] for k in keys if by.get(k)]
    kind = "md" if markdown else "csv"
    return Imported(kind, tuple(js_sorted(found)), len(keys), len(keys) - len(found))
