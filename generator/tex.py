"""TeX in lists: math to MathML, TeX text macros to Markdown, dollarmath's rules (pure)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from xml.etree.ElementTree import Element

from latex2mathml.converter import convert_to_element
from markdown_it.common.utils import isWhiteSpace
from markdown_it.rules_inline import StateInline

TEX_QUOTES = re.compile(r"``(.+?)''", re.DOTALL)
TEX_STYLE = re.compile(r"\\(textbf|textit|emph|texttt)\{([^{}$]*)\}")
TEX_INLINE_MATH = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
TEX_DISPLAY_MATH = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)
# Presentation attributes latex2mathml writes; anything else (href from \\href, say) is dropped.
MATH_ATTRIBUTES = frozenset(
    """display displaystyle mathvariant mathsize stretchy fence separator lspace rspace accent
    accentunder movablelimits largeop symmetric minsize maxsize form width height depth voffset
    linethickness scriptlevel columnalign columnspacing columnlines rowspacing rowlines rowspan
    columnspan frame framespacing notation open close separators align""".split()
)
# Two plain words in a row outside \text{...}: "$10 per hour. ... $" is prose, not math.
PROSE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}[ \n]+[A-Za-z]{3,}(?![A-Za-z{])")
TEXT_GROUP = re.compile(r"\\(?:text[a-z]*|math[a-z]+|operatorname|mbox|emph)\s*\{[^{}]*\}")


def tex_quotes(text: str) -> str:
    """Turn TeX quotes ``like this'' into typographic ones."""
    return TEX_QUOTES.sub("\u201c\\1\u201d", text)


def tex_text(text: str) -> str:
    """Turn the TeX that abstracts carry outside math into Markdown a reader expects.

    ``quotes'', \\textbf{..}, \\emph{..}, \\texttt{..}, and \\(..\\) and \\[..\\] as math;
    what stands between dollar signs is left to the math renderer.
    """
    text = tex_quotes(text)
    if "\\" not in text:
        return text
    parts = text.split("$")
    for i in range(0, len(parts), 2):  # outside $...$
        part = TEX_INLINE_MATH.sub(lambda m: "$" + m.group(1).strip() + "$", parts[i])
        part = TEX_DISPLAY_MATH.sub(lambda m: "$$" + m.group(1).strip() + "$$", part)
        parts[i] = TEX_STYLE.sub(_tex_style, part)
    return "$".join(parts)


def _tex_style(match: re.Match) -> str:
    inner = match.group(2).strip()
    if not inner:
        return ""
    mark = {"textbf": "**", "texttt": "`"}.get(match.group(1), "*")
    return mark + inner + mark


@lru_cache(maxsize=4096)  # lists repeat their TeX ($\\times$, $\\leq$, $k$) paper after paper
def render_math(tex: str, display: bool = False) -> str:
    """Convert TeX to MathML, or to the escaped TeX source when it cannot be converted."""
    try:
        element = convert_to_element(tex, display="block" if display else "inline")
        mathml = _serialize(element)
    except Exception:  # latex2mathml raises many kinds on TeX it does not know
        delimiter = "$$" if display else "$"
        return f'<code class="tex">{html.escape(delimiter + tex + delimiter, quote=False)}</code>'
    return mathml


def _serialize(element: Element) -> str:
    """Write a MathML tree; latex2mathml stores entities as text, so decode then escape."""
    tag = element.tag.rsplit("}", 1)[-1]
    attrs = "".join(
        f' {name}="{html.escape(html.unescape(value))}"'
        for name, value in element.attrib.items()
        if name in MATH_ATTRIBUTES
    )
    if tag == "math":
        attrs = attrs.replace(' display="inline"', "")
    inner = html.escape(html.unescape(element.text or ""), quote=False)
    inner += "".join(_serialize(child) for child in element)
    tail = html.escape(html.unescape(element.tail or ""), quote=False)
    return f"<{tag}{attrs}>{inner}</{tag}>{tail}"


def looks_like_prose(tex: str) -> bool:
    """Tell whether a $...$ span is text between two dollar signs (prices), not math."""
    return bool(PROSE.search(TEXT_GROUP.sub("", tex)))


def not_prose(dollar_rule):
    """Wrap dollarmath's inline rule so that '$5 ... $10' stays text, as a reader means it."""

    def rule(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not dollar_rule(state, True):
            return False
        end, state.pos = state.pos, start
        if looks_like_prose(state.src[start:end].strip("$")):
            return False
        return dollar_rule(state, silent)

    return rule


def _dollar_escaped(src: str, pos: int) -> bool:
    """Tell whether the '$' at pos follows an odd number of backslashes (as dollarmath does)."""
    backslashes = 0
    while pos - backslashes - 1 >= 0 and src[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def math_at(src: str, pos: int) -> tuple[int, str, bool] | None:
    """Match inline math at the '$' at pos by dollarmath's rules; give (end, TeX, display)."""
    if pos + 1 >= len(src) or isWhiteSpace(ord(src[pos + 1])) or _dollar_escaped(src, pos):
        return None
    double = src[pos + 1] == "$"
    search = pos + 2 if double else pos + 1
    while True:
        end = src.find("$", search)
        if end < 0:
            return None
        if _dollar_escaped(src, end):
            search = end + 1
            continue
        if double:
            if end + 1 >= len(src):
                return None
            if src[end + 1] != "$":
                search = end + 1
                continue
            end += 1
        break
    if isWhiteSpace(ord(src[end - 1])):
        return None
    tex = src[pos + 2 : end - 1] if double else src[pos + 1 : end]
    return (end, tex, double) if tex and not looks_like_prose(tex) else None
