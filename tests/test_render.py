"""Rendering: math to MathML, TeX quotes, nothing from the text ever becomes markup."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.parser import parse_list
from generator.render import (
    is_plain_abstract,
    render_abstract,
    render_markdown,
    render_title,
)
from generator.tex import render_math

from .conftest import SHIPPED_LIST


def test_inline_math_becomes_mathml():
    html = render_title("RoboMP$^2$: A Framework")
    assert html.startswith("RoboMP<math>")
    assert "<msup>" in html and "<mn>2</mn>" in html and "$" not in html


def test_tex_symbols_become_their_characters():
    html = render_abstract(r"Mixtral-8$\times$7B with ($\leq$ 10%) and $\sim$ 99%")
    assert "<mo>×</mo>" in html and "<mo>≤</mo>" in html and "~" in html
    assert "\\" not in html


def test_tex_quotes_become_curly_quotes():
    assert render_abstract("with ``Effective robustness'' here") == (
        "<p>with \u201cEffective robustness\u201d here</p>"
    )


def test_enumeration_letters_and_prices_stay_as_written():
    html = render_abstract("options (a), (b), (c) and (tm); it costs $5 and $10 -- really...")
    assert "(c)" in html and "(tm)" in html and "$5 and $10" in html
    assert "©" not in html and "™" not in html and "–" not in html and "…" not in html


def test_markdown_emphasis_and_links_render_in_abstracts():
    html = render_abstract("**Robo**tic and [Page](https://example.org/p) https://github.com/x/y")
    assert "<strong>Robo</strong>tic" in html
    assert '<a href="https://example.org/p">Page</a>' in html
    assert '<a href="https://github.com/x/y">https://github.com/x/y</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "<!-- comment --> </script>",
    ],
)
def test_raw_html_in_titles_and_abstracts_shows_as_text(text):
    for html in (render_title(text), render_abstract(text)):
        assert "<script" not in html and "<img" not in html and "<svg" not in html
        assert "<!--" not in html
        assert "&lt;" in html


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc"]
)
def test_links_that_are_not_http_stay_text(url):
    html = render_abstract(f"[click]({url}) and <{url}>")
    assert "<a " not in html


def test_images_are_never_loaded():
    assert "<img" not in render_abstract("![tracker](https://example.org/pixel.png)")


def test_tex_that_smuggles_markup_stays_text_inside_mathml():
    html = render_abstract(r"$\text{</math><img src=x onerror=alert(1)>}$")
    assert "<img" not in html and "&lt;img" in html
    assert html.count("<math>") == 1 and html.count("</math>") == 1


def test_tex_that_cannot_be_converted_falls_back_to_escaped_source():
    assert render_math(r"\frac{a}{") == r'<code class="tex">$\frac{a}{$</code>'
    assert render_math("<b>") in (
        "<math><mrow><mo>&lt;</mo><mi>b</mi><mo>&gt;</mo></mrow></math>",
        '<code class="tex">$&lt;b&gt;$</code>',
    )


def test_shipped_list_renders_with_no_raw_tex_left():
    for paper in parse_list(SHIPPED_LIST.read_text(encoding="utf-8")).papers:
        for html in (render_title(paper.title), render_abstract(paper.abstract)):
            text = re.sub(r"<[^>]+>", "", html)
            assert not re.search(r"\$[^$\s]+\$", text), paper.title
            assert "\\times" not in text and "\\leq" not in text


def test_plain_text_fast_path_matches_markdown_on_the_shipped_list():
    for paper in parse_list(SHIPPED_LIST.read_text(encoding="utf-8")).papers:
        assert render_abstract(paper.abstract) == render_markdown(paper.abstract)


ALPHABET = st.sampled_from(
    [
        *"abc XYZ.,;:'\"()-+=#>!?%/\n\u00a0\u3000中文é",
        "1.",
        "1)",
        " https://a.org/x",
        "http://",
        "https://b.io/p(q)",
        "%3C",
        "%E4%B8%AD",
        "xhttps://c.d",
        " HTTPS://E.F/",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_plain_text_fast_path_gives_the_same_bytes_as_markdown_it(text):
    if is_plain_abstract(text):
        assert render_abstract(text) == render_markdown(text)


def test_extra_field_values_link_only_http_urls():
    from generator.render import render_field

    assert render_field("https://github.com/x/y") == (
        '<a href="https://github.com/x/y">https://github.com/x/y</a>'
    )
    assert (
        render_field("[Code](https://github.com/x/y)")
        == '<a href="https://github.com/x/y">Code</a>'
    )
    assert render_field("javascript:alert(1)") == "javascript:alert(1)"
    assert render_field("[x](javascript:alert(1))") == "[x](javascript:alert(1))"
    assert render_field("Ada Lovelace, 李雷") == "Ada Lovelace, 李雷"


def test_bare_urls_link_without_their_closing_punctuation():
    html = render_abstract("Code at https://github.com/x/y. See (https://e.org/a_(b)) too")
    assert '<a href="https://github.com/x/y">https://github.com/x/y</a>.' in html
    assert '<a href="https://e.org/a_(b)">https://e.org/a_(b)</a>)' in html


def test_percent_encoded_markup_in_a_url_stays_escaped():
    html = render_abstract("see https://e.org/%3Cscript%3E now")
    assert "<script" not in html


MATH_ALPHABET = st.sampled_from(
    [
        *"ab X.,;()-+=%/\n\u00a0中",
        "$",
        "$$",
        "\\",
        "\\times",
        "\\leq",
        "^2",
        "_i",
        "{",
        "}",
        " $",
        "$ ",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(MATH_ALPHABET, max_size=30).map("".join))
def test_math_fast_path_gives_the_same_bytes_as_markdown_it(text):
    from generator.readers.model import clean_abstract

    text = clean_abstract(text.split("\n"))
    assert render_abstract(text) == render_markdown(text)


def test_prices_before_math_stay_prices_and_the_math_still_renders():
    html = render_abstract(
        r"It costs $5 per query and $10 per hour, with Mixtral-8$\times$7B and $\leq$ 10%."
    )
    assert "$5 per query and $10 per hour" in html
    assert "<mo>×</mo>" in html and "<mo>≤</mo>" in html and "\\times" not in html


def test_tex_text_macros_and_paren_math_outside_dollars_render():
    html = render_abstract(r"A \textbf{bold} \emph{new} idea with \(a+b\) and $\textbf{x}$.")
    assert "<strong>bold</strong>" in html and "<em>new</em>" in html
    assert html.count("<math>") == 2 and "\\(" not in html and "textbf" not in html


@pytest.mark.parametrize(
    "text",
    [
        "ahttps://e.org/x and xhttp://e.org/y",
        "1https://e.org",
        "a.https://e.org, b-http://e.org, c+https://e.org",
        "(https://e.org) and _https://e.org_ and éhttps://e.org",
        "*em*https://e.org and `c`http://e.org",
        "Code: https://e.org/x. Data:http://e.org/y",
        "a long sentence of words before a URL without a space xhttps://e.org at last",
    ],
)
def test_a_bare_url_is_linked_only_after_what_markdown_it_links_it_after(text):
    assert render_abstract(text) == render_markdown(text)


MARKDOWN_ALPHABET = st.sampled_from(
    [
        *"ab Z.,;:!?()\"'-+#>\n\u00a0中é",
        "*",
        "**",
        "_",
        "__",
        "`",
        "$",
        "$x$",
        "$$y$$",
        "\\",
        "\\alpha",
        "[",
        "]",
        "](",
        "[a b](https://e.org/a_b)",
        "[c](javascript:x)",
        "[d](mailto:d@e.org)",
        " https://a.org/x_y*z",
        "https://b.io/p(q).",
        "http",  # with the next two, schemes after any character or construct
        "s://e.org",
        "://",
        "*em*",
        "**strong**",
        " *a b* ",
        "_u_",
        "`co*de`",
        "` x `",
        "&amp;",
        "<b>",
        "1.",
        "~~",
        "|",
        "``q''",
    ]
)


# Mostly well-formed prose: constructs as whole words, with some stray markup between.
MARKDOWN_WORD = st.sampled_from(
    [
        "word",
        "Zeta",
        "中文",
        "(see",
        "it)",
        "end.",
        "a,",
        "*em*",
        "_em_",
        "**bold**",
        "__bold__",
        "*two words*",
        "`co*de`",
        "`x`",
        "$k$",
        "$\\alpha_i$",
        "$$y$$",
        "$5",
        "[label](https://e.org/p_q)",
        "[l](https://e.org/(a))",
        "https://a.org/x_y",
        "(https://b.io/p).",
        "HTTPS://C.D/",
        "https://xn--e.org/",
        "snake_case",
        "2*3",
        "*",
        "_",
        "!",
        "#",
        "-",
        "1.",
        "``q''",
        "- item",
        "* item *em*",
        "+ item",
        "1. first",
        "2) second",
        "01. one",
        "10. ten",
        "- - -",
        "$$\\beta_i$$",
        "$$ x $$",
    ]
)
MARKDOWN_PROSE = st.lists(
    st.tuples(MARKDOWN_WORD, st.sampled_from([" ", " ", " ", "", "\n", "\n\n"])), max_size=25
).map(lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=4000, deadline=None)
@given(st.one_of(st.lists(MARKDOWN_ALPHABET, max_size=30).map("".join), MARKDOWN_PROSE))
def test_markdown_fast_path_gives_the_same_bytes_as_markdown_it(text):
    from generator.readers.model import clean_abstract
    from generator.render import _markdown, render_field
    from generator.tex import tex_text

    abstract = clean_abstract(text.split("\n"))
    assert render_abstract(abstract) == render_markdown(abstract)
    line = " ".join(text.split())
    assert render_field(line) == _markdown(True).renderInline(tex_text(line)).strip()
    assert render_title(line) == _markdown(False).renderInline(tex_text(line)).strip()


def test_markdown_fast_path_takes_the_common_markup():
    from generator.inline import render_blocks

    text = (
        "A *new* **fast** `f(x)` idea with $k$ arms, [code](https://e.org/c) and "
        "https://github.com/a/b_c.\n\nIt works."
    )
    assert render_blocks(text) == render_markdown(text)
    listed = "We give:\n\n- a *list*\n- of two\n\n3. and\n4. more\n\n$$x^2$$\n\nEnd."
    assert render_blocks(listed) == render_markdown(listed)
    assert render_blocks("- a loose\n\n- list") is None
