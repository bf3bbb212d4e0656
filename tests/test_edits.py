"""An abstract rides in the page as its card's text plus edits: they give the source back,
and the page stays small (generator/edits.py; theme/src/card.js applies the edits)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from generator.edits import apply, edits
from generator.page import block_text
from generator.render import render_abstract

from .conftest import build_lists, mixed_list

# Markup, text, and characters JavaScript counts as two (math letters, emoji).
TEXTS = st.text(alphabet=st.sampled_from("ab $*`_[]()\n\\𝔼𝒪😀é中"), max_size=80)


@given(TEXTS, TEXTS)
def test_edits_make_any_text_into_any_source(source, text):
    # apply() counts UTF-16 code units and fails on half a character: the counts are JS's.
    assert apply(edits(source, text), text) == source


@given(TEXTS)
def test_a_text_that_is_its_source_needs_no_edits(text):
    assert edits(text, text) == []


def test_an_abstract_with_markup_carries_only_what_its_text_does_not_say():
    source = (
        "We prove a bound of $\\mathcal{O}(\\sqrt{T})$ on *all* the tasks of `bench`, "
        "far better than the bounds known until now for the problem. Experiments on twelve "
        "benchmarks of vision and language confirm the analysis at every scale we tried.\n\n"
        "Our contributions:\n\n- a method for it\n- [the code](https://example.org/c)"
    )
    text = block_text(render_abstract(source))
    changes = edits(source, text)
    assert apply(changes, text) == source
    inserted = "".join(e for e in changes if isinstance(e, str))
    assert "$\\mathcal{O}(\\sqrt{T})$" in inserted
    assert "far better than the bounds" not in inserted
    assert len(json.dumps(changes)) < len(source) / 2


def test_the_page_of_a_mixed_list_is_at_most_1_2_times_its_source(tmp_path):
    """Issue 17's size bar, in bytes: a list of 2,000 papers with math, emphasis, code,
    links and lists in their abstracts (bench/gen.py's) against the page built of it."""
    text = mixed_list(2000)
    site = build_lists(tmp_path, {"list.md": text})
    page = (site / "index.html").read_bytes()
    assert len(page) <= 1.2 * len(text.encode("utf-8"))
