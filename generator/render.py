"""Render titles and abstracts from Markdown and TeX to safe HTML (pure)."""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .tex import math_at, not_prose, render_math, tex_text

SAFE_SCHEMES = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# A bare http(s) URL in text; what ends it is trimmed off by _trim_url.
BARE_URL = re.compile(r"(?<![A-Za-z0-9.+-])https?://[^\s<>\"'`\\\[\]{}|^]+", re.IGNORECASE)
URL_TAIL = ".,:;!?*_~'\""
# Text with none of these reads the same as Markdown and as plain text (see is_plain_*).
MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>&~$|\t\r\x00]|//")
BLOCK_START = re.compile(r"^(?:[-+=#>]|\d+[.)])")


def _validate_link(url: str) -> bool:
    return bool(SAFE_SCHEMES.match(url.strip()))


def _trim_url(url: str) -> str:
    """Drop what follows a URL in prose: final punctuation and unbalanced brackets."""
    while url:
        last = url[-1]
        if last in URL_TAIL or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text: str) -> list[tuple[int, int]]:
    """Give the (start, end) of every bare http(s) URL in a text."""
    spans = []
    for match in BARE_URL.finditer(text):
        url = _trim_url(match.group())
        if len(url) > url.index("//") + 2:
            spans.append((match.start(), match.start() + len(url)))
    return spans


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
    url = _trim_url(match.group())
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


# An http(s) URL with a plain ASCII host (no punycode, no port) and only characters that
# markdown-it's normalizeLink and normalizeLinkText leave as they are: both give it back
# unchanged, so the costly mdurl parse/encode/format round trip is skipped (same bytes out).
SAFE_LINK = re.compile(
    r"https?://(?!.*xn--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,8}"
    r"(?:[/?#][A-Za-z0-9;/?:=+$,\-_.!~*'()#&]*)?",
    re.IGNORECASE,
)


def _normalize_link(url: str) -> str:
    return url if SAFE_LINK.fullmatch(url) else normalizeLink(url)


def _normalize_link_text(url: str) -> str:
    return url if SAFE_LINK.fullmatch(url) else normalizeLinkText(url)


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
    md.normalizeLink = _normalize_link
    md.normalizeLinkText = _normalize_link_text
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
    return text == text.strip() and not MARKUP_CHARS.search(text)


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
    return _markdown(False).renderInline(tex_text(text)).strip()


def render_field(text: str) -> str:
    """Render an extra field's value as inline HTML: a bare http(s) URL becomes a link."""
    if _is_plain_inline(text):
        return _escape(text)
    return _markdown(True).renderInline(tex_text(text)).strip()


def render_abstract(text: str) -> str:
    """Render an abstract as block HTML; plain text takes a fast path with the same output."""
    if not text:
        return ""
    if is_plain_abstract(text):
        return "\n".join(f"<p>{_escape(p)}</p>" for p in text.split("\n\n"))
    spans = find_urls(text)
    if spans and _is_plain_around(text, spans):
        return _render_with_urls(text, spans)
    with_math = _render_with_math(text)
    if with_math is not None:
        return with_math
    return render_markdown(text)


def _render_with_math(text: str) -> str | None:
    """Render plain paragraphs whose only markup is one-line $math$, as markdown-it would."""
    if "//" in text:
        return None
    skeleton, out = [], []
    for para in text.split("\n\n"):
        if para.startswith("$$") or "\n$$" in para:
            return None  # a display block, which markdown-it parses as a block
        bare, html, last = [], [], 0
        start = para.find("$")
        while start >= 0:
            found = math_at(para, start)
            if found is None:
                return None  # a literal '$': leave it to markdown-it
            end, tex, double = found
            if "\n" in tex:
                return None
            bare.append(para[last:start])
            html.append(_escape(para[last:start]))
            html.append(render_math(tex, display=double))
            last = end + 1
            start = para.find("$", last)
        bare.append(para[last:])
        html.append(_escape(para[last:]))
        skeleton.append("x".join(bare))
        out.append("<p>" + "".join(html) + "</p>")
    if not is_plain_abstract("\n\n".join(skeleton)):
        return None
    return "\n".join(out)


def _is_plain_around(text: str, spans: list[tuple[int, int]]) -> bool:
    """Tell whether a text is plain once its URLs (themselves free of markup) are set aside."""
    pieces, last = [], 0
    for start, end in spans:
        url = text[start:end]
        if MARKUP_CHARS.search(url, url.index("//") + 2) or "\n" in url:
            return False
        pieces.append(text[last:start])
        pieces.append("x")
        last = end
    pieces.append(text[last:])
    return is_plain_abstract("".join(pieces))


def _render_with_urls(text: str, spans: list[tuple[int, int]]) -> str:
    """Render plain paragraphs whose only markup is bare URLs, as markdown-it would."""
    md = _markdown(True)
    out, last = [], 0
    for start, end in spans:
        url = text[start:end]
        out.append(_escape(text[last:start]))
        href = escapeHtml(md.normalizeLink(url))
        out.append(f'<a href="{href}">{escapeHtml(md.normalizeLinkText(url))}</a>')
        last = end
    out.append(_escape(text[last:]))
    body = "".join(out)
    return "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))


def render_markdown(text: str) -> str:
    """Render block Markdown through markdown-it, whatever the text (the slow path)."""
    return _markdown(True).render(tex_text(text)).strip()
