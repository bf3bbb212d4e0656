"""A Markdown file as a flat run of blocks (headings, paragraphs, list items, table rows).

markdown-it-py does the parsing; each block keeps its line and its text with the links,
bold spans and line breaks the readers look at. Images (badges) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

# Front matter: pages published with Jekyll (GitHub Pages) start with a '---' YAML block,
# which plain CommonMark would read as a rule and a heading.
_MD = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
BREAK_TAGS = ("<br", "</br")
# Tags that only dress text up; any other inline HTML (<script>, ...) is kept as text.
FORMAT_TAG = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|sup|sub|ins|del|mark|small|big|font|span|code|kbd|img|"
    r"center|div|p|details|summary)\b[^>]*>",
    re.IGNORECASE,
)
# A bare URL in text, which GitHub's Markdown shows as a link; the punctuation that ends a
# sentence, and a ')' with no '(' in the URL, are not part of it (GFM's autolink rules).
BARE_URL = re.compile(r"https?://[^\s<>\[\]`\"]+", re.IGNORECASE)
URL_TAIL = ".,:;!?'*_~"


@dataclass
class Link:
    """A link of a block: its visible text, its target and where it sits in the text."""

    text: str
    href: str
    start: int
    end: int
    bare: bool = False  # a URL in the text, not marked up as a link


@dataclass
class Inline:
    """A block's text as a reader sees it, with its links and bold spans."""

    text: str = ""
    links: list[Link] = field(default_factory=list)
    bold: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Block:
    """One block of the file, with its first line (1-based)."""

    kind: str  # heading, para, item, row, html, code, rule, front (front matter)
    line: int
    end: int = 0  # the line after the block (1-based, exclusive)
    level: int = 0  # heading level, or list depth of an item (1 outermost)
    inline: Inline = field(default_factory=Inline)
    cells: list[Inline] = field(default_factory=list)  # a table row's cells
    header: list[str] = field(default_factory=list)  # the row's table header
    raw: str = ""  # an HTML block's text
    quoted: bool = False  # inside a block quote


def _is_break(tok: Token) -> bool:
    return tok.type == "html_inline" and tok.content.lower().startswith(BREAK_TAGS)


def _html_text(tok: Token) -> str:
    """Give inline HTML as text, but for the formatting tags lists use (<sup>, <ins>, ...)."""
    tag = FORMAT_TAG.match(tok.content)
    return "" if tag else tok.content


def bare_links(text: str, start: int) -> list[Link]:
    """Find the bare http(s) URLs of a text, as GitHub shows them: as links."""
    links = []
    for match in BARE_URL.finditer(text):
        url = match.group(0).rstrip(URL_TAIL)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(URL_TAIL)
        at = start + match.start()
        links.append(Link(url, url, at, at + len(url), bare=True))
    return links


def flatten(children: list[Token]) -> Inline:
    """Turn markdown-it inline tokens into text, links and bold spans."""
    out = Inline()
    parts: list[str] = []
    size = 0
    opened: list[tuple[int, str]] = []
    bold_from: list[int] = []
    for tok in children:
        piece = ""
        if tok.type in ("text", "code_inline"):
            piece = tok.content
            if tok.type == "text" and not opened and "://" in piece:
                out.links += bare_links(piece, size)
        elif tok.type == "html_inline" and not _is_break(tok):
            piece = _html_text(tok)
        elif tok.type in ("softbreak", "hardbreak") or _is_break(tok):
            piece = "\n"
        elif tok.type == "link_open":
            opened.append((size, str(tok.attrs.get("href", ""))))
        elif tok.type == "link_close" and opened:
            start, href = opened.pop()
            out.links.append(Link("".join(parts)[start:size], href, start, size))
        elif tok.type == "strong_open":
            bold_from.append(size)
        elif tok.type == "strong_close" and bold_from:
            out.bold.append((bold_from.pop(), size))
        if piece:
            parts.append(piece)
            size += len(piece)
    out.text = "".join(parts)
    out.links.sort(key=lambda link: link.start)
    out.bold.sort()
    return out


class _Walker:
    """Turns the token stream into blocks, remembering list depth and block quotes."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.depth = 0
        self.quotes = 0
        self.item_open = False  # the next paragraph is a list item's first
        self.header: list[str] = []
        self.row: Block | None = None
        self.in_head = False

    def add(self, kind: str, tok: Token, **more) -> Block:
        start, end = tok.map or (0, 0)
        block = Block(kind, start + 1, end + 1, quoted=self.quotes > 0, **more)
        self.blocks.append(block)
        return block

    def walk(self, tokens: list[Token]) -> list[Block]:
        """Walk every token once."""
        for index, tok in enumerate(tokens):
            self.step(tok, tokens[index + 1] if index + 1 < len(tokens) else None)
        return self.blocks

    def step(self, tok: Token, after: Token | None) -> None:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.depth -= 1
        elif kind == "list_item_open":
            self.item_open = True
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind in ("heading_open", "paragraph_open") and after is not None:
            self.text_block(tok, after)
        elif kind.startswith(("thead", "tr_", "th_", "td_")) or kind == "table_open":
            self.table(tok, after)
        elif kind in ("html_block", "fence", "code_block", "hr", "front_matter"):
            names = {"html_block": "html", "hr": "rule", "front_matter": "front"}
            self.add(names.get(kind, "code"), tok, raw=tok.content)

    def text_block(self, tok: Token, inline: Token) -> None:
        if tok.type == "heading_open":
            self.add("heading", tok, level=int(tok.tag[1]), inline=flatten(inline.children or []))
            return
        kind = "item" if self.item_open else "para"
        self.item_open = False
        self.add(kind, tok, level=self.depth, inline=flatten(inline.children or []))

    def table(self, tok: Token, after: Token | None) -> None:
        kind = tok.type
        if kind == "table_open":
            self.header = []
        elif kind == "thead_open":
            self.in_head = True
        elif kind == "thead_close":
            self.in_head = False
        elif kind == "tr_open" and not self.in_head:
            self.row = self.add("row", tok, header=self.header)
        elif kind in ("th_open", "td_open") and after is not None:
            cell = flatten(after.children or [])
            if self.in_head:
                self.header.append(" ".join(cell.text.split()))
            elif self.row is not None:
                self.row.cells.append(cell)


def lines_of(inline: Inline) -> list[Inline]:
    """Split a block's text at its line breaks, each line with its own links and bold spans
    (a link or bold span across a break belongs to no line)."""
    out, start = [], 0
    for end in [*(i for i, c in enumerate(inline.text) if c == "\n"), len(inline.text)]:
        links = [
            Link(lk.text, lk.href, lk.start - start, lk.end - start, lk.bare)
            for lk in inline.links
            if start <= lk.start and lk.end <= end
        ]
        bold = [(a - start, b - start) for a, b in inline.bold if start <= a and b <= end]
        out.append(Inline(inline.text[start:end], links, bold))
        start = end + 1
    return out


def blocks_of(text: str) -> list[Block]:
    """Parse a Markdown text into its blocks, in order."""
    return _Walker().walk(_MD.parse(text))


def inline_of(text: str) -> Inline:
    """Parse one line of Markdown inline text (links, bold) into an Inline."""
    tokens = _MD.parseInline(text)
    return flatten(tokens[0].children or []) if tokens else Inline()
