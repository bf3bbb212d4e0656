"""Render titles and abstracts from Markdown and TeX to safe HTML (pure)."""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .inline import (
    BARE_URL,
    SAFE_SCHEMES,
    escape_text,
    normalize_link,
    normalize_link_text,
    render_blocks,
    render_inline,
    trim_url,
)
from .tex import not_prose, render_math, tex_text

# Text with none of these reads the same as Markdown and as plain text (see is_plain_*).
# ('//' is looked for on its own: a character class alone is scanned much faster.)
MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>&~$|\t\r\x00]")
BLOCK_START = re.compile(r"^(?:[-+=#>]|\d+[.)])")


def _validate_link(url: str) -> bool:
    return bool(SAFE_SCHEMES.match(url.strip()))


def _bare_url(state: StateInline, silent: bool) -> bool:
    """Link a bare http(s) URL in text (only these: a bare "arXiv.org" stays text)."""
    pos = state.pos
    if state.linkLevel > 0 or state.src[pos : pos + 3] != "://":
        return False
    scheme = re.search(r"(?:^|[^A-Za-z0-9.+-])(https?)$", state.pending, re.IGNORECASE)
    if not scheme:
        return False
    start = pos - len(scheme.group(1))
    match = BARE_URL.match(state.src, start)
    if not match:
        return False
    url = trim_url(match.group())
    if len(url) <= url.index("//") + 2:
        return False
    if not silent:
        state.pending = state.pending[: -len(scheme.group(1))]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(url)}
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        state.push("link_close", "a", -1)
    state.pos = start + len(url)
    return True


# dollarmath's tokens: (name, shown as a block, what follows the MathML).
MATH_TOKENS = (
    ("math_inline", False, ""),
    ("math_inline_double", True, ""),
    ("math_block", True, "\n"),
    ("math_block_label", True, "\n"),
)


def _math_renderer(display: bool, end: str):
    def render(self, tokens, idx, options, env) -> str:
        tex = tokens[idx].content
        return render_math(tex.strip() if end else tex, display=display) + end

    return render


def _make_markdown(links: bool) -> MarkdownIt:
    md = MarkdownIt("js-default")
    if links:
        md.inline.ruler.before("linkify", "bare_url", _bare_url)
    md.validateLink = _validate_link
    md.normalizeLink = normalize_link
    md.normalizeLinkText = normalize_link_text
    md.use(dollarmath_plugin, allow_space=False, allow_digits=True, double_inline=True)
    dollar_rule = md.inline.ruler.__rules__[md.inline.ruler.__find__("math_inline")].fn
    md.inline.ruler.at("math_inline", not_prose(dollar_rule))
    for token, display, end in MATH_TOKENS:
        md.add_render_rule(token, _math_renderer(display, end))
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
    return text == text.strip() and "//" not in text and not MARKUP_CHARS.search(text)


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


def render_title(text: str) -> str:
    """Render a title as inline HTML (no links: a title is itself a link)."""
    if is_plain_title(text):
        return escape_text(text)
    text = tex_text(text)
    fast = render_inline(text, links=False)
    return fast if fast is not None else _markdown(False).renderInline(text).strip()


def render_field(text: str) -> str:
    """Render an extra field's value as inline HTML: a bare http(s) URL becomes a link."""
    if _is_plain_inline(text):
        return escape_text(text)
    text = tex_text(text)
    fast = render_inline(text)
    return fast if fast is not None else _markdown(True).renderInline(text).strip()


def render_abstract(text: str) -> str:
    """Render an abstract as block HTML; common Markdown takes a fast path, same output."""
    if not text:
        return ""
    if is_plain_abstract(text):
        return "\n".join(f"<p>{escape_text(p)}</p>" for p in text.split("\n\n"))
    fast = render_blocks(tex_text(text))
    return fast if fast is not None else render_markdown(text)


def render_markdown(text: str) -> str:
    """Render block Markdown through markdown-it, whatever the text (the slow path)."""
    return _markdown(True).render(tex_text(text)).strip()
