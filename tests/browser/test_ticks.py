"""Ticks: they persist, follow other tabs, stay per list, start from [x], are never dropped."""

from __future__ import annotations

import json

from tests.browser.conftest import (
    entry,
    open_page,
    paper_ids,
    paper_list,
    reload,
    site_key,
    stored,
    ticked_ids,
    wait_until,
)
from tests.conftest import build_lists


def test_tick_survives_a_reload(page, small_url):
    open_page(page, small_url)
    _, second, third = paper_ids(page)
    page.locator(f'[data-paper-id="{third}"] input[type=checkbox]').check()
    page.locator(f'[data-paper-id="{second}"] input[type=checkbox]').uncheck()
    assert page.locator("#count").inner_text() == "1 of 3 ticked"
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == [third]
    assert page.locator("#count").inner_text() == "1 of 3 ticked"
    assert page.console_errors == []


def test_x_papers_start_ticked_when_nothing_is_stored(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    assert ticked_ids(page) == [ids[1]]
    assert page.locator(f'[data-paper-id="{ids[1]}"]').get_attribute("class") == "paper on"
    # Once the reader unticks it, [x] does not tick it again.
    page.locator(f'[data-paper-id="{ids[1]}"] input[type=checkbox]').uncheck()
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == []
    assert page.locator("#count").inner_text() == "0 of 3 ticked"


def test_a_tick_in_one_tab_shows_in_the_other(context, small_url):
    url = small_url
    one, two = context.new_page(), context.new_page()
    open_page(one, url)
    open_page(two, url)
    first = paper_ids(one)[0]
    one.locator(f'[data-paper-id="{first}"] input[type=checkbox]').check()
    wait_until(two, "document.querySelector('#count').textContent === '2 of 3 ticked'")
    assert first in ticked_ids(two)
    two.locator(f'[data-paper-id="{first}"] input[type=checkbox]').uncheck()
    wait_until(one, "document.querySelector('#count').textContent === '1 of 3 ticked'")


def test_lists_of_one_site_share_picks_and_sites_on_one_origin_never_mix(page, tmp_path, serve_dir):
    shared = entry(1, "A paper on both lists", "https://example.org/shared")
    lists = {
        "alpha.md": paper_list("Alpha", [shared, entry(2, "Only alpha", "https://example.org/a")]),
        "beta.md": paper_list("Beta", [shared, entry(2, "Only beta", "https://example.org/b")]),
    }
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    site = build_lists(tmp_path / "one", lists)  # config.yml without a title or site_id
    config = "title: Another site\nlists: [alpha.md, beta.md]\n"
    other = build_lists(tmp_path / "two", lists, config)
    # A fresh context: storage starts empty on both origins (no clear-then-reload dance,
    # whose reload restores form state and whose clear() races the next page's reads).
    for base, elsewhere in (
        (site.as_uri() + "/", other.as_uri() + "/"),
        (serve_dir(site), serve_dir(other)),
    ):
        open_page(page, base + "alpha.html")
        shared_id = paper_ids(page)[0]
        page.locator(f'[data-paper-id="{shared_id}"] input[type=checkbox]').check()
        assert json.loads(stored(page, "alpha"))["ticked"] == [shared_id]  # saved before leaving
        open_page(page, base + "beta.html")
        assert paper_ids(page)[0] == shared_id  # the same paper, the same id: picked once
        assert ticked_ids(page) == [shared_id]
        only_beta = paper_ids(page)[1]
        page.locator("[data-paper-id] input[type=checkbox]").nth(1).check()
        # Each list's key, as earlier versions read it, holds that list's papers alone.
        assert json.loads(stored(page, "beta"))["ticked"] == [shared_id, only_beta]
        open_page(page, base + "alpha.html")
        assert ticked_ids(page) == [shared_id]
        assert json.loads(stored(page, "alpha"))["ticked"] == [shared_id]
        # Another site on the same origin, with lists of the same slugs: nothing of these.
        open_page(page, elsewhere + "beta.html")
        assert ticked_ids(page) == []
        open_page(page, base + "beta.html")
        assert ticked_ids(page) == [shared_id, only_beta]


def test_ticked_papers_not_in_the_list_are_kept_and_reported(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    page.evaluate(
        "v => localStorage.setItem('paperpick:v1:small', v)",
        json.dumps({"v": 1, "ticked": [ids[0], "gone0001", "gone0002"]}),
    )
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == [ids[0]]
    assert "2 ticked papers are not in this list" in page.locator("#notices").inner_text()
    page.locator(f'[data-paper-id="{ids[2]}"] input[type=checkbox]').check()
    kept = json.loads(stored(page, "small"))["ticked"]
    assert {"gone0001", "gone0002", ids[0], ids[2]} == set(kept)
    # Only an explicit choice forgets them.
    page.locator('[data-action="forget-missing"]').click()
    assert set(json.loads(stored(page, "small"))["ticked"]) == {ids[0], ids[2]}
    assert "not in this list" not in page.locator("#notices").inner_text()


def test_filters_show_ticked_and_unticked(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    page.locator('[data-action="show-ticked"]').click()
    assert page.locator("[data-paper-id]:visible").count() == 1
    assert page.locator('[data-action="show-ticked"]').get_attribute("aria-pressed") == "true"
    page.wait_for_url("**show=ticked")
    page.locator('[data-action="show-unticked"]').click()
    visible = page.eval_on_selector_all(
        "[data-paper-id]:not(.out)", "els => els.map(e => e.dataset.paperId)"
    )
    assert visible == [ids[0], ids[2]]
    page.locator('[data-action="show-all"]').click()
    assert page.locator("[data-paper-id]:visible").count() == 3


def test_tick_and_untick_what_the_search_shows_with_undo(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    page.locator("input[type=search]").fill("vision")
    page.locator('[data-action="tick-matching"]').click()
    assert ticked_ids(page) == ids
    assert page.locator("#count").inner_text() == "2 matches · 3 of 3 ticked"
    page.locator("input[type=search]").fill("")
    page.locator('[data-action="untick-matching"]').click()
    assert ticked_ids(page) == []
    assert "Unticked 3 papers." in page.locator("#notices").inner_text()
    page.locator('[data-action="undo"]').click()
    assert ticked_ids(page) == ids
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == ids


def test_two_tabs_saving_at_once_keep_both_ticks(page, small_url):
    """Another tab saved a tick that this tab has not heard of yet (its storage event is
    still on the way): this tab's next save keeps it. In one evaluate, so no event can
    arrive between the two (a same-tab setItem fires none here anyway)."""
    open_page(page, small_url)
    first, second, third = paper_ids(page)
    key = site_key(page)  # where another tab of this version saves
    page.evaluate(
        """([other, mine, key]) => {
            localStorage.setItem(key, other);
            document.querySelector(`[data-paper-id="${mine}"] input[type=checkbox]`).click();
        }""",
        [json.dumps({"v": 1, "ticked": [second, first], "from": ["small"]}), third, key],
    )
    assert set(json.loads(stored(page, "small"))["ticked"]) == {first, second, third}
    assert ticked_ids(page) == [first, second, third]  # and shown at once
    # An untick here while the other tab's untick is unheard of: both unticks hold.
    page.evaluate(
        """([other, mine, key]) => {
            localStorage.setItem(key, other);
            document.querySelector(`[data-paper-id="${mine}"] input[type=checkbox]`).click();
        }""",
        [json.dumps({"v": 1, "ticked": [second, third], "from": ["small"]}), second, key],
    )
    assert json.loads(stored(page, "small"))["ticked"] == [third]
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == [third]
    assert page.locator("#count").inner_text() == "1 of 3 ticked"


def test_forgetting_papers_not_in_the_list_can_be_undone(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    page.evaluate(
        "v => localStorage.setItem('paperpick:v1:small', v)",
        json.dumps({"v": 1, "ticked": [ids[0], "gone0001", "gone0002", "gone0003", "gone0004"]}),
    )
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    notices = page.locator("#notices")
    assert "4 ticked papers are not in this list (kept): gone0001, gone0002, gone0003…" in (
        notices.inner_text()
    )
    page.locator('[data-action="forget-missing"]').click()
    assert json.loads(stored(page, "small"))["ticked"] == [ids[0]]
    assert "not in this list" not in notices.inner_text()
    assert "Unticked 4 papers." in notices.inner_text()
    page.locator('#notices [data-action="undo"]').click()
    assert set(json.loads(stored(page, "small"))["ticked"]) == {
        ids[0],
        "gone0001",
        "gone0002",
        "gone0003",
        "gone0004",
    }
    assert "4 ticked papers are not in this list" in notices.inner_text()
    assert "Unticked" not in notices.inner_text()
    # Dismissed, it stays dismissed while the number does not change.
    page.locator('#notices [data-notice="missing"][data-action="dismiss"]').click()
    page.locator(f'[data-paper-id="{ids[2]}"] input[type=checkbox]').check()
    assert "not in this list" not in notices.inner_text()
    assert page.console_errors == []


def test_tick_shown_is_undoable_and_only_the_last_undo_notice_stays(page, small_url):
    open_page(page, small_url)
    ids = paper_ids(page)
    notices = page.locator("#notices")
    page.locator("input[type=search]").fill("vision")
    page.locator('[data-action="tick-matching"]').click()
    assert ticked_ids(page) == ids
    assert notices.inner_text().count("Undo") == 1 and "Ticked 2 papers." in notices.inner_text()
    page.locator('[data-action="untick-matching"]').click()
    assert ticked_ids(page) == [ids[1]]
    # The new action's notice replaces the old one: one undo, for the last change.
    assert notices.locator('[data-action="undo"]').count() == 1
    assert "Ticked 2" not in notices.inner_text() and "Unticked 2 papers." in notices.inner_text()
    page.locator('[data-action="undo"]').click()
    assert ticked_ids(page) == ids
    page.locator('[data-action="untick-matching"]').click()
    page.locator('[data-action="tick-matching"]').click()
    assert "Ticked 2 papers." in notices.inner_text()
    page.locator('[data-action="undo"]').click()
    assert ticked_ids(page) == [ids[1]]  # only what "Tick shown" ticked is unticked
    assert notices.inner_text() == ""
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == [ids[1]]
