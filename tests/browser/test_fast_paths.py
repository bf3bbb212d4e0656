"""What the page's fast paths must keep: the CSV, Markdown and BibTeX of a list of mixed
Markdown are the bytes 'paperpick export' writes, a search finds what the cards and the
page's data say, and the toolbar still hides without JavaScript (bench/ measures how fast;
these say nothing changed)."""

from __future__ import annotations

import pytest

from generator.cli import main
from tests.browser.conftest import act, open_page, wait_until
from tests.browser.test_structure import VISIBLE_HIGHLIGHT
from tests.conftest import build_lists, mixed_list


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory):
    """1,100 papers of mixed content, every one ticked ([x]), built once (the page makes a
    download's file of a thousand rows at a time: past one)."""
    folder = tmp_path_factory.mktemp("mixed")
    text = mixed_list(1100).replace("\n- [ ] ", "\n- [x] ")
    return build_lists(folder, {"mixed.md": text})


@pytest.mark.parametrize(
    ("action", "fmt"),
    [("download-csv", "csv"), ("download-md", "md"), ("download-bibtex", "bibtex")],
)
def test_every_paper_of_a_mixed_list_downloads_as_the_bytes_of_paperpick_export(
    page, mixed_site, action, fmt
):
    open_page(page, (mixed_site / "index.html").as_uri())
    assert page.locator("#count").inner_text() == "1100 of 1100 ticked"
    with page.expect_download() as info:
        act(page, action)
    got = info.value.path().read_bytes()
    folder = mixed_site.parent
    args = ["export", str(folder / "mixed.md"), "-c", str(folder / "config.yml"), "-f", fmt]
    assert main([*args, "-o", str(folder / f"want.{fmt}")]) == 0
    want = (folder / f"want.{fmt}").read_bytes()
    assert want.count(b"\n") > 1100  # every paper, abstracts of several lines among them
    assert got == want


# Each card's search text as the page read it before its reads were made fast: the title,
# abstract, fields and note the card shows, and the sources (the abstract's as the exports
# have it, the others where only the page's data holds them).
CARD_TEXTS = """
(words) => {
  const data = JSON.parse(document.getElementById('paperpick-data').textContent).papers;
  const text = (li, sel) => { const e = li.querySelector(sel); return e ? e.textContent : ''; };
  return [...document.querySelectorAll('.paper')].filter((li, i) => {
    const p = data[i], hay = [text(li, '.title'), text(li, '.abstract'), text(li, '.fields'),
      text(li, '[data-note]'), p.title || '', window.paperpick.record(i).abstract].concat(
      (p.fields || []).map(f => f[1])).join('\\n').toLowerCase();
    return words.every(w => hay.includes(w));
  }).map(li => li.getAttribute('data-paper-id'));
}
"""


@pytest.mark.parametrize(
    "query",
    [
        "vision language",  # in titles and abstracts
        "mathcal",  # in the TeX source of math only (the data)
        "\U0001d4aa",  # script O: in math as the card shows it only
        "wei zhang",  # in the Authors field
        "github.com",  # in code URLs
        "zzqxv",  # nowhere
    ],
)
def test_a_search_finds_what_the_cards_and_the_data_say(page, mixed_site, query):
    open_page(page, (mixed_site / "index.html").as_uri())
    page.locator("#q").fill(query)
    shown = page.eval_on_selector_all(
        ".paper:not(.out)", "els => els.map(e => e.getAttribute('data-paper-id'))"
    )
    assert shown == page.evaluate(CARD_TEXTS, query.lower().split())
    assert shown or query == "zzqxv"


def test_the_toolbar_hides_without_javascript_and_shows_with_it(browser, mixed_site):
    url = (mixed_site / "index.html").as_uri()
    for scripts in (False, True):
        context = browser.new_context(java_script_enabled=scripts)
        page = context.new_page()
        page.goto(url)
        assert page.locator("#toolbar").is_visible() is scripts
        assert page.locator(".nojs").count() == (0 if scripts else 1)
        context.close()


def test_hits_far_down_the_list_are_marked_once_scrolled_to_and_passages_follow_the_search(
    page, mixed_site
):
    # papers past the first hundred are in chunks layout skips off screen: their marks are
    # made when their chunk comes on screen
    open_page(page, (mixed_site / "index.html").as_uri())
    page.locator("#q").fill("vision")
    far = page.eval_on_selector_all(
        ".far .paper:not(.out)", "els => els.map(e => e.getAttribute('data-paper-id'))"
    )
    assert len(far) > 50
    for pid in far[::10]:
        page.locator(f'[data-paper-id="{pid}"]').scroll_into_view_if_needed()
        wait_until(page, f"({VISIBLE_HIGHLIGHT})('{pid}')")
    # a new search while far down: no passage anywhere still speaks of the last one
    page.locator("#q").fill("language")
    page.wait_for_timeout(300)
    passages = page.eval_on_selector_all(".why", "els => els.map(e => e.textContent.toLowerCase())")
    assert passages and all("language" in p for p in passages)
