"""The Markdown that abstracts commonly hold, rendered without markdown-it, to the same bytes.

Paragraphs of text with *emphasis*, **bold**, `code`, [links](https://...), bare http(s)
URLs and $math$, simple lists and one-line $$display math$$ are by far the commonest
abstracts that are not plain text. This module renders them in one left-to-right pass,
each construct taken only in the unambiguous form whose markdown-it output is certain;
anything else (headings, quotes, nested or loose lists, entities, nested or intraword
emphasis, a '$' that is not math, ...) gives None, and the caller renders the text with
markdown-it. tests/test_render.py checks the two agree, byte for byte.
"""

from __future__ import annotations

import re

from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText
from markdown_it.common.utils import escapeHtml

from .tex import math_at, render_math

# Where something other than text may start (':' of a URL); what is not handled gives None.
SPECIAL = re.compile(r"[\\`*_\[\]<>&~|$\t\r\x00:]")
# The scheme of a bare URL, at the end of the text since the last construct (as the
# bare_url rule of render.py looks for it in markdown-it's pending text).
SCHEME = re.compile(r"(?:^|[^A-Za-z0-9.+-])(https?)$", re.IGNORECASE)
# A bare http(s) URL in text (the bare_url rule of render.py); trimmed by trim_url.
BARE_URL = re.compile(r"(?<![A-Za-z0-9.+-])https?://[^\s<>\"'`\\\[\]{}|^]+", re.IGNORECASE)
URL_TAIL = ".,:;!?*_~'\""
SAFE_SCHEMES = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# An http(s) URL that markdown-it's normalizeLink and normalizeLinkText give back unchanged
# (plain ASCII host, no punycode or port, characters mdurl leaves as they are).
SAFE_LINK = re.compile(
    r"https?://(?!.*xn--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,8}"
    r"(?:[/?#][A-Za-z0-9;/?:=+$,\-_.!~*'()#&]*)?",
    re.IGNORECASE,
)
# Text that needs nothing but escaping: no character any rule could start at.
PLAIN_RUN = re.compile(r"[^\\`*_\[\]<>&~|$\t\r\x00\n]+")
# [label](destination) with a label of plain text and a destination of one plain word.
LINK = re.compile(r"\[([^\\`*_\[\]<>&~|$\t\r\x00\n]+)\]\(([^\s()<>\\\"'`]+)\)")
CODE = re.compile(r"`([^`\n]+)`(?!`)")
# What may stand before an opening * or _ and after a closing one, so that each is only
# an opener or only a closer (CommonMark's flanking rules), never both.
BEFORE_OPEN = frozenset(" \n(")
AFTER_CLOSE = frozenset(" \n.,;:!?)")
# Lines starting with these may be blocks (lists, headings, quotes, fences, tables, ...).
BLOCK_START = re.compile(r"^(?:[-+=#>*_`\[|~<&\\]|\d+[.)]|\$\$)")
# A list item of a simple list: its marker, one space, then text.
ITEM = re.compile(r"([-+*]|(\d{1,9})([.)])) (\S.*)")
DISPLAY_MATH = re.compile(r"\$\$([^$\n]*\S[^$\n]*)\$\$")


def trim_url(url: str) -> str:
    """Drop what follows a URL in prose: final punctuation and unbalanced brackets."""
    while url:
        last = url[-1]
        if last in URL_TAIL or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def normalize_link(url: str) -> str:
    """Give markdown-it's normalizeLink of a URL, skipping mdurl where it changes nothing."""
    return url if SAFE_LINK.fullmatch(url) else normalizeLink(url)


def normalize_link_text(url: str) -> str:
    """Give markdown-it's normalizeLinkText of a URL, the same way."""
    return url if SAFE_LINK.fullmatch(url) else normalizeLinkText(url)


def escape_text(text: str) -> str:
    """Escape text that holds none of &, <, > (PLAIN_RUN rules them out)."""
    return text.replace('"', "&quot;")


class _Scan:
    """One pass over a paragraph's inline text, writing HTML; fail() ends it with None."""

    def __init__(self, src: str, links: bool):
        self.src = src
        self.links = links
        self.out: list[str] = []

    def run(self) -> str | None:
        """Render the whole text, or None at the first thing left to markdown-it."""
        src, pos, out = self.src, 0, self.out
        search = SPECIAL.search
        while True:
            match = search(src, pos)
            if match is None:
                out.append(escape_text(src[pos:]))
                return "".join(out)
            at = match.start()
            if src[at] == ":":
                scheme = self.scheme(pos, at)
                if scheme < 0:
                    out.append(escape_text(src[pos : at + 1]))  # a colon in text
                    pos = at + 1
                    continue
                at = scheme
            out.append(escape_text(src[pos:at]))
            pos = self.construct(at)
            if pos < 0:
                return None

    def scheme(self, pos: int, colon: int) -> int:
        """Give where the scheme of a bare URL starts before its ':' (-1: a colon in text)."""
        if not self.links or not self.src.startswith("//", colon + 1):
            return -1
        # "https" and the character before it are all SCHEME looks at: the last six
        # characters (a '^' at their start is not next to the scheme) unless the text since
        # the last construct is shorter. A search through all of it took 10-20 us a colon.
        start = max(pos, colon - 6)
        found = SCHEME.search(self.src[start:colon])
        return -1 if found is None else start + found.start(1)

    def construct(self, at: int) -> int:
        """Render the construct starting at `at`; give where the text goes on (-1: give up)."""
        char = self.src[at]
        if char == "$":
            return self.dollar(at)
        if char == "`":
            return self.code(at)
        if char in "*_":
            return self.emphasis(at)
        if char == "[" and self.links:
            return self.link(at)
        if char in "hH":  # the scheme of a bare URL (found at its ':')
            return self.bare_url(at)
        return -1

    def dollar(self, at: int) -> int:
        found = math_at(self.src, at)
        if found is None or "\n" in found[1]:
            return -1  # a literal '$', or math over lines: markdown-it decides
        end, tex, double = found
        self.out.append(render_math(tex, display=double))
        return end + 1

    def code(self, at: int) -> int:
        match = CODE.match(self.src, at)
        if match is None or (at and self.src[at - 1] == "`"):
            return -1
        body = match.group(1)
        if body[0] == " " or body[-1] == " ":
            return -1  # CommonMark strips one space from each end in some cases
        self.out.append(f"<code>{escapeHtml(body)}</code>")
        return match.end()

    def emphasis(self, at: int) -> int:
        src, char = self.src, self.src[at]
        size = 2 if src.startswith(char * 2, at) else 1
        start = at + size
        if (at and src[at - 1] not in BEFORE_OPEN) or start >= len(src):
            return -1
        if not src[start].isalnum():
            return -1
        body = PLAIN_RUN.match(src, start)
        end = body.end() if body else start
        if "://" in src[start:end]:
            return -1  # a bare URL inside: linked by a rule this pass does not run there
        if not src.startswith(char * size, end) or not src[end - 1].isalnum():
            return -1
        after = end + size
        if after < len(src) and src[after] not in AFTER_CLOSE:
            return -1
        tag = "strong" if size == 2 else "em"
        self.out.append(f"<{tag}>{escape_text(src[start:end])}</{tag}>")
        return after

    def link(self, at: int) -> int:
        match = LINK.match(self.src, at)
        if match is None or "://" in match.group(1):
            return -1
        label, url = match.groups()
        if not SAFE_SCHEMES.match(url):
            return -1
        self.out.append(f'<a href="{escapeHtml(normalize_link(url))}">{escape_text(label)}</a>')
        return match.end()

    def bare_url(self, at: int) -> int:
        match = BARE_URL.match(self.src, at)
        url = trim_url(match.group()) if match else ""
        if len(url) <= url.find("//") + 2:
            return -1
        href = escapeHtml(normalize_link(url))
        self.out.append(f'<a href="{href}">{escapeHtml(normalize_link_text(url))}</a>')
        return at + len(url)


def render_inline(text: str, links: bool = True) -> str | None:
    """Render one paragraph's inline Markdown as markdown-it would, or None when unsure."""
    if "\n" in text and any(line != line.strip() for line in text.split("\n")):
        return None  # hard breaks and indents
    if text != text.strip() or not text:
        return None
    return _Scan(text, links).run()


def render_blocks(text: str) -> str | None:
    """Render blocks separated by blank lines as markdown-it would, or None when unsure."""
    out = []
    blocks = text.split("\n\n")
    for at, block in enumerate(blocks):
        html = _render_block(block, blocks[at + 1] if at + 1 < len(blocks) else "")
        if html is None:
            return None
        out.append(html)
    return "\n".join(out)


def _render_block(block: str, following: str) -> str | None:
    """Render one block: a paragraph, a simple list or one line of display math."""
    if not block:
        return None
    lines = block.split("\n")
    if not BLOCK_START.match(block):
        if any(BLOCK_START.match(line) for line in lines[1:]):
            return None
        html = render_inline(block)
        return None if html is None else f"<p>{html}</p>"
    math = DISPLAY_MATH.fullmatch(block)
    if math is not None:
        return render_math(math.group(1).strip(), display=True)
    return _render_list(lines, following)


def _render_list(lines: list[str], following: str) -> str | None:
    """Render a tight list of one-line items, all of one marker, as markdown-it would."""
    items = [ITEM.fullmatch(line) for line in lines]
    if not all(items):
        return None
    first = items[0]
    kind = first.group(3) or first.group(1)  # the bullet, or the ordered list's '.' or ')'
    if any((m.group(3) or m.group(1)) != kind for m in items):
        return None
    next_item = ITEM.match(following.split("\n", 1)[0])
    if next_item and (next_item.group(3) or next_item.group(1)) == kind:
        return None  # a blank line inside one list: a loose list
    html = []
    for item in items:
        text = item.group(4)
        inner = None if BLOCK_START.match(text) else render_inline(text)
        if inner is None:
            return None
        html.append(f"<li>{inner}</li>\n")
    if first.group(2) is None:
        return "<ul>\n" + "".join(html) + "</ul>"
    start = int(first.group(2))
    opening = "<ol>\n" if start == 1 else f'<ol start="{start}">\n'
    return opening + "".join(html) + "</ol>"
