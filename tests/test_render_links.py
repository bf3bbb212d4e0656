"""The shortcut for plain http(s) links gives what markdown-it's own normalizers give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText

from generator.inline import SAFE_LINK
from generator.inline import normalize_link as _normalize_link
from generator.inline import normalize_link_text as _normalize_link_text
from generator.render import render_abstract

LABEL = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?", fullmatch=True) | (
    st.sampled_from(["xn--80ak6aa92e", "XN--abc", "a" * 63, "a" * 64, "-a", "a-", "é"])
)
HOST = st.lists(LABEL, min_size=1, max_size=4).map(".".join)
REST = st.text(alphabet=st.sampled_from(list("aZ09;/?:@&=+$,-_.!~*'()#%[]{}|\\^` \"<>é")))


@settings(max_examples=3000, deadline=None)  # a busy machine must not fail it
@given(
    st.sampled_from(["http://", "https://", "HTTP://", "Https://", "ftp://", ""]),
    HOST,
    st.sampled_from(["", "/", "?", "#", ":", ":8080/"]),
    REST,
)
def test_link_shortcut_matches_markdown_it(scheme, host, sep, rest):
    url = scheme + host + sep + rest
    assert _normalize_link(url) == normalizeLink(url)
    assert _normalize_link_text(url) == normalizeLinkText(url)


def test_common_paper_links_take_the_shortcut():
    for url in [
        "https://icml.cc/virtual/2024/poster/33005",
        "https://github.com/Nofear18/ID",
        "https://arxiv.org/abs/2401.01234v2",
        "https://openreview.net/forum?id=AbC-12_x&noteId=q",
    ]:
        assert SAFE_LINK.fullmatch(url)
        shown = url.replace("&", "&amp;")
        want = f'<p>See <a href="{shown}">{shown}</a> now.</p>'
        assert render_abstract(f"See {url} now.") == want
