"""Render titles and abstracts from Markdown and TeX to safe HTML (pure)."""

from __future__ import annotations

import html
import re
from functools import cache
from xml.etree.ElementTree import Element

from latex2mathml.converter import convert_to_element
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

TEX_QUOTES = re.compile(r"``(.+?)''", re.DOTALL)
SAFE_SCHEMES = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);")
# Text with none of these reads the same as Markdown and as plain text (see is_plain_*).
MARKUP_CHARS = frozenset("\\`*_[]<>&~$|\t\r\x00")
# Presentation attributes latex2mathml writes; anything else (href from \\href, say) is dropped.
MATH_ATTRIBUTES = frozenset(
    """display displaystyle mathvariant mathsize stretchy fence separator lspace rspace accent
    accentunder movablelimits largeop symmetric minsize maxsize form width height depth voffset
    linethickness scriptlevel columnalign columnspacing columnlines rowspacing rowlines rowspan
    columnspan frame framespacing notation open close separators align""".split()
)
BLOCK_START = re.compile(r"^(?:[-+=#>]|\d+[.)])")


def tex_quotes(text: str) -> str:
    """Turn TeX quotes ``like this'' into typographic ones."""
    return TEX_QUOTES.sub("\u201c\\1\u201d", text)


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


def _math_inline(content: str, _env: dict) -> str:
    return render_math(content, display=False)


def _math_block(content: str, _env: dict) -> str:
    return render_math(content.strip(), display=True)


def _validate_link(url: str) -> bool:
    return bool(SAFE_SCHEMES.match(url.strip()))


def _make_markdown(links: bool) -> MarkdownIt:
    md = MarkdownIt("js-default", {"linkify": links})
    if links:
        # Only links written with their scheme: a bare "arXiv.org" stays text.
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    md.validateLink = _validate_link
    md.use(
        dollarmath_plugin,
        allow_space=False,
        allow_digits=True,
        double_inline=True,
        renderer=lambda content, env: render_math(content),
    )
    md.add_render_rule(
        "math_inline", lambda self, tokens, idx, options, env: render_math(tokens[idx].content)
    )
    md.add_render_rule(
        "math_inline_double",
        lambda self, tokens, idx, options, env: render_math(tokens[idx].content, display=True),
    )
    md.add_render_rule(
        "math_block",
        lambda self, tokens, idx, options, env: (
            render_math(tokens[idx].content.strip(), display=True) + "\n"
        ),
    )
    md.add_render_rule(
        "math_block_label",
        lambda self, tokens, idx, options, env: (
            render_math(tokens[idx].content.strip(), display=True) + "\n"
        ),
    )
    md.disable("image")
    md.disable("html_inline", ignoreInvalid=True)
    md.disable("html_block", ignoreInvalid=True)
    if not links:
        md.disable(["link", "autolink"])
    return md


@cache
def _markdown(links: bool) -> MarkdownIt:
    return _make_markdown(links)


def _is_plain_inline(text: str) -> bool:
    return (
        text == text.strip()
        and MARKUP_CHARS.isdisjoint(text)
        and "//" not in text
        and "mailto:" not in text.lower()
    )


def is_plain_title(text: str) -> bool:
    """Tell whether a title renders as its own text, HTML-escaped."""
    return "\n" not in text and _is_plain_inline(text)


def is_plain_abstract(text: str) -> bool:
    """Tell whether an abstract renders as its paragraphs' own text, HTML-escaped."""
    if not _is_plain_inline(text):
        return False
    for line in text.split("\n"):
        if line and (line != line.strip() or BLOCK_START.match(line)):
            return False
    return "\n\n\n" not in text


def _escape(text: str) -> str:
    # Exactly what markdown-it escapes in text; the other markup is ruled out by is_plain_*.
    return text.replace('"', "&quot;")


def render_title(text: str) -> str:
    """Render a title as inline HTML (no links: a title is itself a link)."""
    if is_plain_title(text):
        return _escape(text)
    return _markdown(False).renderInline(tex_quotes(text)).strip()


def render_field(text: str) -> str:
    """Render an extra field's value as inline HTML: a bare http(s) URL becomes a link."""
    if _is_plain_inline(text):
        return _escape(text)
    return _markdown(True).renderInline(tex_quotes(text)).strip()


def render_abstract(text: str) -> str:
    """Render an abstract as block HTML; plain text takes a fast path with the same output."""
    if not text:
        return ""
    if is_plain_abstract(text):
        return "\n".join(f"<p>{_escape(p)}</p>" for p in text.split("\n\n"))
    return render_markdown(text)


def render_markdown(text: str) -> str:
    """Render block Markdown through markdown-it, whatever the text (the slow path)."""
    return _markdown(True).render(tex_quotes(text)).strip()
