"""The list's own structure in Chromium: sections, facets, sorts, why a paper matched, the
compact view, and a steady page (no layout shift, focus clear of the sticky bar, print)."""

from __future__ import annotations

import shutil

import pytest

from generator.export import export_list
from generator.readers import read_bytes
from tests.browser.conftest import act, open_page, paper_ids, reload, ticked_ids, wait_until
from tests.conftest import FIXTURES, build_lists

STRUCTURE = FIXTURES / "structure"


def read(path):
    return read_bytes(path.read_bytes(), path.name)


@pytest.fixture(scope="module")
def lists_site(tmp_path_factory):
    """The sectioned lists and a real papercopilot JSON list, built into one site."""
    folder = tmp_path_factory.mktemp("structure")
    for name in ("sessions.md", "workshop.md"):
        shutil.copy(STRUCTURE / name, folder / name)
    shutil.copy(FIXTURES / "real" / "iclr2014.json", folder / "iclr2014.json")
    config = "lists: [sessions.md, workshop.md, iclr2014.json]\n"
    return build_lists(folder, {}, config)


def shown_ids(page) -> list[str]:
    """Ids of the papers a reader sees, in the order shown."""
    return page.eval_on_selector_all(
        "[data-paper-id]",
        "els => els.filter(e => e.checkVisibility({ visibilityProperty: true }))"
        ".map(e => e.dataset.paperId)",
    )


def section_ids(page, heading: str) -> list[str]:
    return page.eval_on_selector_all(
        f'[data-section="{heading}"] [data-paper-id]', "els => els.map(e => e.dataset.paperId)"
    )


def section_count(page, heading: str) -> str:
    return page.locator(f'[data-section="{heading}"] > .sec-h .sec-n').inner_text()


# --- sections ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sessions.md", "workshop.md"])
def test_each_section_holds_its_papers_with_their_counts(page, lists_site, name):
    papers = read(STRUCTURE / name).papers
    open_page(page, (lists_site / name.replace(".md", ".html")).as_uri())
    assert paper_ids(page) == [p.id for p in papers]  # list order kept
    headings = page.eval_on_selector_all(
        "[data-section]",
        """els => els.map(e => { const path = [];
            for (let s = e; s; s = s.parentElement.closest('[data-section]')) {
              path.unshift(s.dataset.section);
            }
            return path; })""",
    )
    assert [tuple(h) for h in headings] == list(
        dict.fromkeys(p.section[:k] for p in papers for k in range(1, len(p.section) + 1))
    )
    for path in headings:
        inside = [p for p in papers if p.section[: len(path)] == tuple(path)]
        assert section_ids(page, path[-1]) == [p.id for p in inside]
        ticked = sum(p.ticked for p in inside)
        assert section_count(page, path[-1]) == f"{ticked} of {len(inside)} ticked"
    assert page.console_errors == []


def test_section_counts_follow_ticks_and_search_and_tick_all_ticks_what_it_shows(page, lists_site):
    open_page(page, (lists_site / "sessions.html").as_uri())
    posters = section_ids(page, "Poster A: Vision")
    page.locator(f'[data-paper-id="{posters[0]}"] input').check()
    assert section_count(page, "Poster A: Vision") == "1 of 5 ticked"
    assert section_count(page, "Posters") == "1 of 15 ticked"
    page.locator("#q").fill("memory")
    matching = [i for i in shown_ids(page)]
    in_a = [i for i in section_ids(page, "Poster A: Vision") if i in matching]
    assert section_count(page, "Poster A: Vision") == f"{len(in_a)} shown · 1 of 5 ticked"
    empty = [h for h in ("Oral 1: Vision", "Oral 2: Language", "Spotlights", "Poster A: Vision",
                         "Poster B: Theory", "Poster C: Language")
             if not [i for i in section_ids(page, h) if i in matching]]  # fmt: skip
    for heading in empty:  # a section with nothing to show is out of the way
        assert not page.locator(f'[data-section="{heading}"]').is_visible()
    before = set(ticked_ids(page))
    page.locator('[data-section="Posters"] > .sec-h [data-action="tick-section"]').click()
    want = {i for i in section_ids(page, "Posters") if i in matching}
    assert set(ticked_ids(page)) == before | want
    page.locator('#notices [data-action="undo"]').click()
    assert set(ticked_ids(page)) == before


def test_a_folded_section_hides_its_papers_and_j_passes_them_by(page, lists_site):
    open_page(page, (lists_site / "sessions.html").as_uri())
    orals = section_ids(page, "Orals")
    page.locator('[data-section="Orals"] > .sec-h [data-action="fold"]').click()
    assert (
        page.locator('[data-section="Orals"] > .sec-h [data-action="fold"]').get_attribute(
            "aria-expanded"
        )
        == "false"
    )
    assert not any(i in shown_ids(page) for i in orals)
    assert page.locator('[data-section="Orals"] > .sec-h').is_visible()
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.closest('[data-paper-id]').dataset.paperId")
    assert focused == section_ids(page, "Spotlights")[0]


def test_the_outline_jumps_to_a_section_below_the_bar(page, lists_site):
    page.set_viewport_size({"width": 412, "height": 700})
    open_page(page, (lists_site / "sessions.html").as_uri())
    page.click('[popovertarget="outline"]')
    page.locator("#outline a", has_text="Poster C: Language").click()
    page.wait_for_timeout(100)
    head = page.locator('[data-section="Poster C: Language"] > .sec-h').bounding_box()
    bar = page.locator("#toolbar").bounding_box()
    assert bar["y"] + bar["height"] <= head["y"] < 700
    assert not page.locator("#outline").is_visible()  # the menu closed on the choice


# --- facets --------------------------------------------------------------------------------------


def facet_counts(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all(
        "[data-facet]",
        "els => els.map(e => [`${e.dataset.facet}=${e.dataset.value}`, e.lastChild.textContent])"
    ))  # fmt: skip


def choose(page, field: str, value: str):
    if not page.locator("#filters").is_visible():
        page.click('[popovertarget="filters"]')
    page.locator(f'[data-facet="{field}"][data-value="{value}"]').click()


def test_facets_filter_with_right_counts_and_the_address_keeps_them(page, lists_site):
    papers = read(STRUCTURE / "sessions.md").papers
    field = {p.id: dict(p.fields) for p in papers}
    open_page(page, (lists_site / "sessions.html").as_uri())
    counts = facet_counts(page)
    for name in ("Status", "Session"):
        for value in {f[name] for f in field.values()}:
            assert counts[f"{name}={value}"] == str(sum(f[name] == value for f in field.values()))
    assert counts["Authors=Alan Turing"] == str(
        sum("Alan Turing" in f["Authors"] for f in field.values())
    )
    choose(page, "Status", "Poster")
    assert shown_ids(page) == [p.id for p in papers if field[p.id]["Status"] == "Poster"]
    choose(page, "Session", "Poster A: Vision")  # facets combine: both must hold
    choose(page, "Session", "Poster C: Language")  # values of one facet: either may
    want = [
        p.id for p in papers if field[p.id]["Session"] in ("Poster A: Vision", "Poster C: Language")
    ]
    assert shown_ids(page) == want
    ticked = sum(p.ticked for p in papers)
    assert page.locator("#count").inner_text() == f"{len(want)} shown · {ticked} of 25 ticked"
    page.keyboard.press("Escape")
    page.locator("#q").fill("memory")  # and with the search
    want = [i for i in want if "memory" in next(p for p in papers if p.id == i).title.lower()
            + next(p for p in papers if p.id == i).abstract.lower()]  # fmt: skip
    assert shown_ids(page) == want
    wait_until(page, "location.search.includes('q=memory') && location.search.includes('f=')")
    address = page.url
    assert "f=Status%3APoster" in address and "f=Session%3APoster+A%3A+Vision" in address
    reload(page)
    page.locator("#toolbar").wait_for()
    assert shown_ids(page) == want
    pressed = page.eval_on_selector_all(
        '[data-facet][aria-pressed="true"]', "els => els.map(e => e.dataset.value)"
    )
    assert pressed == ["Poster", "Poster A: Vision", "Poster C: Language"]
    assert page.locator('[popovertarget="filters"]').inner_text() == "Filter (3) ▾"
    act(page, "clear-facets")
    page.locator("#q").fill("")
    assert len(shown_ids(page)) == 25


def test_a_real_papercopilot_list_filters_by_author(page, lists_site):
    papers = read(FIXTURES / "real" / "iclr2014.json").papers
    his = [p.id for p in papers if "Yoshua Bengio" in dict(p.fields).get("Authors", "")]
    open_page(page, (lists_site / "iclr2014.html").as_uri())
    assert facet_counts(page)["Authors=Yoshua Bengio"] == str(len(his))
    choose(page, "Authors", "Yoshua Bengio")
    assert shown_ids(page) == his


# --- sorts ----------------------------------------------------------------------------------------


def shown_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-paper-id]",
        "els => els.filter(e => e.checkVisibility({ visibilityProperty: true }))"
        ".map(e => e.querySelector('.title').textContent)",
    )


def test_sorts_reorder_the_papers_and_list_order_brings_the_sections_back(page, lists_site):
    papers = read(STRUCTURE / "workshop.md").papers
    open_page(page, (lists_site / "workshop.html").as_uri())
    page.select_option("#sort", "title")
    titles = shown_titles(page)
    assert sorted(titles) == sorted(p.title for p in papers)
    assert page.evaluate(
        "t => t.every((x, i) => !i || t[i - 1].localeCompare(x, 'en', {numeric: true}) <= 0)",
        titles,
    )
    assert not page.locator("[data-section]").first.is_visible()
    page.select_option("#sort", "year")
    years = [next(p.year for p in papers if p.title == t) for t in shown_titles(page)]
    assert years == sorted(years, reverse=True)
    page.select_option("#sort", "ticked")
    ticked = [p.title for p in papers if p.ticked]
    assert shown_titles(page)[: len(ticked)] == ticked
    wait_until(page, "location.search.includes('sort=ticked')")
    reload(page)
    page.locator("#toolbar").wait_for()
    assert shown_titles(page)[: len(ticked)] == ticked
    assert page.locator("#sort").input_value() == "ticked"
    page.select_option("#sort", "list")
    assert shown_ids(page) == [p.id for p in papers]
    assert section_ids(page, "Morning") == [p.id for p in papers if "Morning" in p.section]
    # the downloads keep list order and sections whatever the order shown
    page.select_option("#sort", "title")
    records = page.evaluate("window.paperpick.papers.map((_, i) => window.paperpick.record(i))")
    assert [(r["id"], r["section"]) for r in records] == [(p.id, list(p.section)) for p in papers]


def test_best_match_puts_title_hits_first(page, shipped_url):
    open_page(page, shipped_url + "?sort=relevance")
    page.locator("#q").fill("robot")
    page.wait_for_timeout(400)  # the order follows the typing a moment later
    titles = [t.lower() for t in shown_titles(page)]
    in_title = [("robot" in t) for t in titles]
    assert any(in_title) and not all(in_title)
    assert in_title == sorted(in_title, reverse=True)


# --- why it matched; abstracts; compact ---------------------------------------------------------

VISIBLE_HIGHLIGHT = """id => {
  const li = document.querySelector(`[data-paper-id="${id}"]`), box = li.getBoundingClientRect();
  for (const r of CSS.highlights.get('pp')) {
    if (!li.contains(r.startContainer)) continue;
    const live = document.createRange();  // the highlight's ranges are static ones
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    for (const q of live.getClientRects()) {
      const inPaper = q.top >= box.top && q.bottom <= box.bottom;
      const inView = q.top >= 0 && q.bottom <= innerHeight;
      if (q.width > 0 && q.height > 0 && inPaper && inView) return true;
    }
  }
  return false;
}"""


@pytest.mark.parametrize(
    "query", ["robot", "diffusion", "grounding", "hallucination benchmark", "token", "zero-shot"]
)
def test_every_search_hit_shows_a_highlighted_match_where_it_is(page, shipped_url, query):
    open_page(page, shipped_url)
    page.locator("#q").fill(query)
    page.wait_for_timeout(500)  # highlights come in batches
    hits = shown_ids(page)
    assert hits
    for pid in hits:
        page.locator(f'[data-paper-id="{pid}"]').scroll_into_view_if_needed()
        assert page.evaluate(VISIBLE_HIGHLIGHT, pid), (query, pid)
    # a passage under the title says why, when the title and fields do not
    whys = page.eval_on_selector_all(
        ".why", "els => els.map(e => e.closest('[data-paper-id]').dataset.paperId)"
    )
    for pid in whys:
        assert (
            query.split()[0] in page.locator(f'[data-paper-id="{pid}"] .why').inner_text().lower()
            or " " in query
        )


def test_the_a_key_opens_every_abstract_and_the_compact_view_is_one_line_each(page, lists_site):
    open_page(page, (lists_site / "sessions.html").as_uri())
    page.keyboard.press("a")
    assert page.eval_on_selector_all(".paper details", "ds => ds.every(d => d.open)")
    page.keyboard.press("a")
    assert page.eval_on_selector_all(".paper details", "ds => ds.every(d => !d.open)")
    act(page, "compact")
    heights = page.eval_on_selector_all(
        ".paper .title", "ts => ts.slice(0, 10).map(t => t.getBoundingClientRect().height)"
    )
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.paper .title')).lineHeight)"
    )
    assert all(h <= line * 1.2 for h in heights)
    assert not page.locator(".paper .fields").first.is_visible()
    page.locator("#q").fill("benchmarks")  # only in abstracts: a passage shows why
    assert page.locator(".why").first.is_visible()
    wait_until(page, "location.search.includes('view=compact')")


# --- a steady page --------------------------------------------------------------------------------

CLS = """() => new Promise(done => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => done(cls), 1500);
})"""


@pytest.mark.parametrize("width", [412, 1280])
@pytest.mark.parametrize("which", ["shipped", "sessions"])
def test_the_first_paint_has_its_final_layout(
    browser, shipped_url, lists_site, serve_dir, width, which
):
    """A slow phone's CPU (10x slower) over http: the browser paints before the script has
    run, so anything the script draws or moves at load would shift the page. (A toolbar drawn
    by the script measured 0.154 at 412 px and 0.047 at 1280 px here.)"""
    url = shipped_url if which == "shipped" else serve_dir(lists_site) + "sessions.html"
    ctx = browser.new_context(viewport={"width": width, "height": 850})
    page = ctx.new_page()
    ctx.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 10})
    page.goto(url)
    assert page.evaluate(CLS) < 0.02
    ctx.close()


def under_bar(page) -> bool:
    """Whether the focused element is hidden, even in part, under the sticky toolbar."""
    return page.evaluate("""() => {
      const bar = document.getElementById('toolbar'), e = document.activeElement;
      if (e === document.body || bar.contains(e)) return false;
      return e.getBoundingClientRect().top < bar.getBoundingClientRect().bottom;
    }""")


@pytest.mark.parametrize("width", [412, 1280])
def test_focus_never_lands_under_the_sticky_bar(browser, shipped_url, width):
    ctx = browser.new_context(viewport={"width": width, "height": 700})
    page = open_page(ctx.new_page(), shipped_url)
    for key, times in (("j", 12), ("k", 10), ("j", 30), ("k", 25)):
        for _ in range(times):
            page.keyboard.press(key)
            assert not under_bar(page), key
    page.locator("[data-paper-id] input").nth(40).focus()
    for key, times in (("Shift+Tab", 40), ("Tab", 40)):
        for _ in range(times):
            page.keyboard.press(key)
            assert not under_bar(page), key
    ctx.close()


def test_every_action_is_reachable_from_the_sticky_bar_on_a_phone(browser, shipped_url):
    ctx = browser.new_context(viewport={"width": 412, "height": 823}, accept_downloads=True)
    page = open_page(ctx.new_page(), shipped_url)
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(100)
    bar = page.locator("#toolbar").bounding_box()
    assert bar["y"] == 0 and bar["height"] < 823 / 6  # stuck, and a sixth of the screen at most
    for action in ("download-csv", "download-md", "download-md-all", "download-bibtex"):
        with page.expect_download():
            act(page, action)
        assert page.locator("#toolbar").bounding_box()["y"] == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 412
    ctx.close()


def test_print_shows_the_ticked_papers_with_abstracts_and_no_button(page, lists_site):
    papers = read(STRUCTURE / "sessions.md").papers
    open_page(page, (lists_site / "sessions.html").as_uri())
    page.emulate_media(media="print")
    assert (
        page.locator("button:visible, input:visible, select:visible, summary:visible").count() == 0
    )
    shown = shown_ids(page)
    assert shown == [p.id for p in papers if p.ticked]
    for pid in shown:
        assert page.locator(f'[data-paper-id="{pid}"] .abstract').is_visible()
    headings = page.eval_on_selector_all(
        "[data-section]", "els => els.filter(e => e.offsetParent).map(e => e.dataset.section)"
    )
    assert set(headings) == {h for p in papers if p.ticked for h in p.section}


def test_titles_fields_and_notes_are_bidi_isolated(page, lists_site):
    open_page(page, (lists_site / "workshop.html").as_uri())
    isolation = page.eval_on_selector_all(
        ".title, .fields dd, .note, .abstract",
        "els => [...new Set(els.map(e => getComputedStyle(e).unicodeBidi))]",
    )
    assert set(isolation) <= {"isolate", "plaintext", "isolate-override"}
    # the override inside a title ends at its edge: the checkbox and fields keep their order
    rtl = page.locator('[data-paper-id]:has-text("Right-to-left override")')
    assert rtl.locator(".fields dt").first.inner_text() == "Track"
    box, title = rtl.locator("input").bounding_box(), rtl.locator(".title").bounding_box()
    assert box["x"] < title["x"]


def test_venue_and_year_are_said_once_in_the_header(page, shipped_url):
    open_page(page, shipped_url)
    assert page.locator(".paper .venue, .paper .year").count() == 0
    assert page.locator("#common .venue").inner_text() == "ICML"
    assert page.locator("#common .year").inner_text() == "2024"
    record = page.evaluate("window.paperpick.record(0)")
    assert (record["venue"], record["year"]) == ("ICML", "2024")
    title, text = page.locator(".paper .title a").first.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(document.body).color]"
    )
    assert title != text  # titles look like links, not like the text around them


def test_share_copies_after_the_name_is_typed_and_shows_the_whole_link(browser, shipped_url):
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = open_page(ctx.new_page(), shipped_url)
    page.locator("[data-paper-id] input").nth(2).check()
    page.click('[data-action="share"]')
    assert page.evaluate("document.activeElement.hasAttribute('data-share-name')")
    assert page.locator("[data-share-status]").inner_text() == ""  # nothing copied yet
    page.keyboard.type("Ana")
    link = page.input_value("input[data-share-link]")
    assert "Ana" in link
    whole = page.locator("#share-box output")
    assert whole.inner_text() == link
    box = whole.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]  # wrapped, all of it in view
    page.click('[data-action="copy-share"]')
    wait_until(page, "document.querySelector('[data-share-status]').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == link
    ctx.close()


def test_downloads_carry_sections_as_the_export_command_does(browser, lists_site, tmp_path):
    parsed = read(STRUCTURE / "workshop.md")
    ctx = browser.new_context(accept_downloads=True)
    page = open_page(ctx.new_page(), (lists_site / "workshop.html").as_uri())
    page.select_option("#sort", "title")  # the order shown does not change the files
    ticked = [p.id for p in parsed.papers if p.ticked]
    for action, fmt in (("download-csv", "csv"), ("download-md", "md")):
        with page.expect_download() as info:
            act(page, action)
        assert info.value.path().read_bytes() == export_list(parsed, fmt, ticked)
    ctx.close()
