"""Search as you type: every word, any case, inside words; counts, highlights, the URL."""

from __future__ import annotations

import pytest

from generator.parser import parse_list
from tests.browser.conftest import open_page, wait_until
from tests.conftest import SHIPPED_LIST


def expected_count(query: str) -> int:
    """Count the shipped papers whose title, abstract or extra fields hold every word."""
    papers = parse_list(SHIPPED_LIST.read_text(encoding="utf-8"), str(SHIPPED_LIST)).papers
    words = query.lower().split()
    count = 0
    for p in papers:
        hay = "\n".join([p.title, p.abstract, *(v for _, v in p.fields)]).lower()
        count += all(w in hay for w in words)
    return count


def shown(page) -> int:
    return page.locator("[data-paper-id]:not(.out)").count()


@pytest.mark.parametrize(
    "query",
    ["robot", "Vision Language", "HALLUCINATION", "model tailor", "zzqxv", "benchmark llava"],
)
def test_search_counts_match_every_word_anywhere(page, shipped_url, query):
    open_page(page, shipped_url)
    want = expected_count(query)
    page.locator("input[type=search]").fill(query)
    assert shown(page) == want
    label = "match" if want == 1 else "matches"
    assert page.locator("#count").inner_text() == f"{want} {label} · 0 of 76 ticked"


def test_typing_narrows_and_widens_like_a_fresh_search(page, shipped_url):
    open_page(page, shipped_url)
    box = page.locator("input[type=search]")
    box.press_sequentially("robot")
    assert shown(page) == expected_count("robot")
    titles = page.locator("[data-paper-id]:not(.out) .title").all_inner_texts()
    assert any("Robotic" in t for t in titles)  # "robot" finds "robotic"
    for _ in range(2):
        box.press("Backspace")
    assert shown(page) == expected_count("rob")
    box.press_sequentially(" vis")
    assert shown(page) == expected_count("rob vis")
    box.fill("")
    assert shown(page) == 76
    assert page.locator("#count").inner_text() == "0 of 76 ticked"


def test_matches_are_highlighted(page, shipped_url):
    open_page(page, shipped_url)
    page.locator("input[type=search]").fill("pruning")
    wait_until(page, "CSS.highlights.get('pp') && CSS.highlights.get('pp').size > 0")
    texts = page.evaluate(  # static ranges, each inside one text node
        """[...CSS.highlights.get('pp')]
          .map(r => r.startContainer.data.slice(r.startOffset, r.endOffset).toLowerCase())"""
    )
    assert texts and set(texts) == {"pruning"}
    page.locator("input[type=search]").fill("")
    # nothing is marked any more (the page keeps an empty highlight rather than none)
    assert page.evaluate("[...CSS.highlights.values()].reduce((n, h) => n + h.size, 0)") == 0


def test_query_lives_in_the_url(page, shipped_url):
    open_page(page, shipped_url)
    page.locator("input[type=search]").fill("vision language")
    page.wait_for_url("**?q=vision+language")
    open_page(page, shipped_url + "?q=hallucination")
    assert page.locator("input[type=search]").input_value() == "hallucination"
    assert shown(page) == expected_count("hallucination")


def test_search_does_not_take_papers_out_of_the_page(page, shipped_url):
    open_page(page, shipped_url)
    page.locator("input[type=search]").fill("zzqxv")
    assert page.locator("[data-paper-id]").count() == 76
    assert shown(page) == 0
