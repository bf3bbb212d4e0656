"""A site of several lists, in Chromium: one set of picks for its list pages, its page of all
lists and its index; ticks kept per list by earlier versions carried over; sites apart."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from playwright.sync_api import expect

from generator.build import read_list
from generator.cli import main
from generator.config import read_config
from generator.site import combine, export_site, site_columns
from tests.browser.conftest import act, open_page, paper_ids, stored, ticked_ids
from tests.conftest import FIXTURES

SITE = FIXTURES / "site"
KEPT = json.loads((SITE / "kept-before-site.json").read_text("utf-8"))
LIVE = 30_000  # ms a storage event may take to reach another tab on a busy machine
LISTS = {s: [p.id for p in read_list(SITE / f"{s}.md").papers] for s in ("alpha", "beta", "gamma")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The three-list site of tests/fixtures/site, built."""
    folder = tmp_path_factory.mktemp("site")
    for name in ("config.yml", "alpha.md", "beta.md", "gamma.md"):
        shutil.copy(SITE / name, folder / name)
    assert main(["build", "--config", str(folder / "config.yml")]) == 0
    shutil.copy(SITE / "before-alpha.html", folder / "site")  # a page of an earlier version
    return folder


@pytest.fixture(params=["file", "http"])
def base(request, built, serve_dir):
    """The site's address: from file:// and over http://127.0.0.1."""
    site = built / "site"
    return site.as_uri() + "/" if request.param == "file" else serve_dir(site)


def check(page, n):
    page.locator("[data-paper-id] > input").nth(n).check()


def go(page, url: str):
    """Open another page of the site a moment after the last save (conftest.reload says
    why: Chromium hands localStorage writes to the browser process asynchronously, and a
    page opened at once from file:// on a busy machine could read the value from before;
    the full suite saw a tick made on alpha.html missing on all.html)."""
    page.wait_for_timeout(300)
    return open_page(page, url)


def counts(page) -> dict[str, str]:
    """The index's ticked count per row (data-list)."""
    page.locator('[data-list="all"] [data-ticked]:not(:text("–"))').wait_for()
    return page.eval_on_selector_all(
        "[data-list]",
        "rows => Object.fromEntries(rows.map(r => [r.dataset.list, "
        "r.querySelector('[data-ticked]').textContent]))",
    )


def test_picks_made_on_list_pages_show_on_the_page_of_all_lists_and_back(page, base, built):
    alpha, beta, gamma = LISTS["alpha"], LISTS["beta"], LISTS["gamma"]
    open_page(page, base + "alpha.html")
    check(page, 2)  # Vision transformers at scale
    go(page, base + "beta.html")
    check(page, 0)  # Language models that read
    check(page, 1)  # the paper on alpha and beta
    go(page, base + "all.html")
    # Every paper once (the one on two lists under alpha, the first), in list order.
    assert paper_ids(page) == [*alpha, beta[0], beta[2], *gamma]
    # alpha's and beta's [x] papers, gamma's too (its page never opened), and the new ticks.
    picks = {alpha[0], alpha[2], beta[0], beta[1], beta[2], gamma[0]}
    assert set(ticked_ids(page)) == picks
    # Its CSV: a List column first, list order then paper order; the same bytes as
    # 'paperpick export' gives for these picks.
    with page.expect_download() as info:
        act(page, "download-csv")
    assert info.value.suggested_filename == "selected_all_papers.csv"
    data = info.value.path().read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:2] == ["List", "Title"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("Alpha: grasping and vision", "Robotic grasping with vision"),
        ("Alpha: grasping and vision", "A paper on two lists"),
        ("Alpha: grasping and vision", "Vision transformers at scale"),
        ("Beta: language", "Language models that read"),
        ("Beta: language", "Tokenizers, revisited"),
        ("Gamma: robots", "Robots that fold laundry"),
    ]
    config = read_config(built / "config.yml")
    combined = combine(config, [read_list(lst.file) for lst in config.lists])
    assert data == export_site(combined, "csv", site_columns(config, combined), picks)
    # A tick made here shows on its list's page, and in that list's key for earlier versions.
    page.locator(f'[data-paper-id="{gamma[1]}"] > input').check()
    go(page, base + "gamma.html")
    assert ticked_ids(page) == gamma
    assert json.loads(stored(page, "gamma"))["ticked"] == gamma
    # The index counts each list's picks, and the page of all lists' (each paper once).
    page.wait_for_timeout(300)
    page.goto(base + "index.html")
    assert counts(page) == {"all": "7", "alpha": "3", "beta": "3", "gamma": "2"}
    opened = page.eval_on_selector_all(
        "[data-list] [data-opened]", "cells => cells.map(c => c.textContent)"
    )
    assert "never" not in opened and len(opened) == 4  # every page was opened (just now)
    assert page.console_errors == []


def test_the_page_of_all_lists_filters_by_list_venue_and_year(page, base):
    open_page(page, base + "all.html")
    page.click("[popovertarget=filters]")
    page.click('[data-facet="List"][data-value="Beta: language"]')
    shown = "[data-paper-id]:not(.out)"
    expect(page.locator(shown)).to_have_count(3)  # beta's, the paper on two lists too
    assert page.eval_on_selector_all(shown, "e => e.map(x => x.dataset.paperId)") == [
        LISTS["beta"][1],
        LISTS["beta"][0],
        LISTS["beta"][2],
    ]
    page.click('[data-facet="List"][data-value="Beta: language"]')
    page.click('[data-facet="Year"][data-value="2023"]')
    expect(page.locator(shown)).to_have_count(2)
    assert page.locator("section[data-section] h2:visible").all_inner_texts() == ["Gamma: robots"]
    assert page.console_errors == []


def test_the_index_and_the_pages_follow_each_other_live(context, base):
    one, two, index = context.new_page(), context.new_page(), context.new_page()
    open_page(one, base + "alpha.html")
    open_page(two, base + "all.html")
    index.goto(base + "index.html")
    assert counts(index)["alpha"] == "1"
    one.locator("[data-paper-id] > input").nth(3).check()
    expect(two.locator("#count")).to_have_text("4 of 8 ticked", timeout=LIVE)
    expect(index.locator("[data-list=alpha] [data-ticked]")).to_have_text("2", timeout=LIVE)
    two.locator("[data-paper-id] > input").nth(3).uncheck()
    expect(one.locator("#count")).to_have_text("1 of 4 ticked", timeout=LIVE)
    expect(index.locator("[data-list=all] [data-ticked]")).to_have_text("3", timeout=LIVE)


def restore(page, url: str, storage: dict = KEPT["storage"]) -> None:
    """Give the origin what a reader's browser kept (by default, before picks were kept per
    site), a moment before the next page opens (see go)."""
    page.goto(url)
    page.evaluate(
        "kept => { localStorage.clear(); for (const [k, v] of Object.entries(kept)) "
        "localStorage.setItem(k, v); }",
        storage,
    )
    page.wait_for_timeout(300)


@pytest.mark.parametrize("first", ["index.html", "beta.html", "all.html"])
def test_ticks_kept_per_list_before_are_all_there(page, base, first):
    restore(page, base + "gamma.html")
    if first == "index.html":
        page.goto(base + first)
        # alpha's 2 and beta's 2 (the paper on both counts for both), gamma's [x].
        assert counts(page) == {"all": "5", "alpha": "2", "beta": "3", "gamma": "1"}
    else:
        open_page(page, base + first)
    mine = KEPT["ticked_per_list"]
    for slug in ("alpha", "beta"):
        open_page(page, base + f"{slug}.html")
        # What the list had, and now too a paper on it that another list had ticked.
        others = {i for s in mine for i in mine[s] if i in LISTS[slug]}
        assert set(ticked_ids(page)) == set(mine[slug]) | others
    open_page(page, base + "gamma.html")
    assert ticked_ids(page) == [LISTS["gamma"][0]]  # never opened before: its [x] paper
    open_page(page, base + "all.html")
    expected = {i for ids in mine.values() for i in ids} | {LISTS["gamma"][0]}
    assert set(ticked_ids(page)) == expected
    # The paper that had left beta is kept, and named as not on any list.
    assert KEPT["dropped"] in page.locator("#notices").inner_text()
    assert page.console_errors == []


def test_two_sites_from_different_configs_keep_their_picks_apart_from_file(page, tmp_path):
    """Every file:// page shares one origin in Chromium; so do the repositories of a
    GitHub Pages user. Two builds of the same lists, one titled differently."""
    sites = {}
    for name, title in (("ours", "Group picks"), ("theirs", "Their picks")):
        folder = tmp_path / name
        folder.mkdir()
        for file in ("alpha.md", "beta.md", "gamma.md"):
            shutil.copy(SITE / file, folder / file)
        config = (SITE / "config.yml").read_text("utf-8").replace("Group picks", title)
        (folder / "config.yml").write_text(config, "utf-8")
        assert main(["build", "--config", str(folder / "config.yml")]) == 0
        sites[name] = (folder / "site").as_uri() + "/"
    open_page(page, sites["ours"] + "alpha.html")
    check(page, 3)
    go(page, sites["theirs"] + "all.html")
    check(page, 4)  # Language models that read, of their beta
    go(page, sites["theirs"] + "alpha.html")
    assert ticked_ids(page) == [LISTS["alpha"][0]]  # its [x] paper only
    go(page, sites["ours"] + "all.html")
    assert LISTS["beta"][0] not in ticked_ids(page)
    assert LISTS["alpha"][3] in ticked_ids(page)
    page.wait_for_timeout(300)
    page.goto(sites["theirs"] + "index.html")
    assert counts(page)["alpha"] == "1" and counts(page)["beta"] == "2"


def ballots(page, url: str, links: dict[str, str]) -> dict[str, int]:
    """Open each share link on the page at url, keep it as its name's ballot; give the votes
    of every paper someone picked."""
    for name, link in links.items():
        page.goto("about:blank")
        open_page(page, url + "#" + link.split("#", 1)[1])
        page.locator("[data-shared]").wait_for()
        page.fill("input[data-ballot-name]", name)
        page.click('[data-action="add-to-team"]')
        page.locator("#team").wait_for()
    votes = page.eval_on_selector_all(
        "[data-paper-id][data-votes]", "e => e.map(x => [x.dataset.paperId, +x.dataset.votes])"
    )
    return {k: n for k, n in votes if n}


def share_link(page) -> str:
    act(page, "share")
    return page.input_value("input[data-share-link]")


def test_share_links_and_ballots_carry_picks_of_several_lists(browser, built, serve_dir):
    base = serve_dir(built / "site")
    alpha, beta, gamma = LISTS["alpha"], LISTS["beta"], LISTS["gamma"]
    maker = browser.new_context()
    page = open_page(maker.new_page(), base + "beta.html")
    check(page, 0)  # a pick of another list: not in a link made on alpha's page
    go(page, base + "alpha.html")
    check(page, 3)
    from_alpha = share_link(page)  # alpha's [x] paper and its 4th
    go(page, base + "all.html")
    check(page, 7)  # gamma's second paper, Walking on ice
    from_all = share_link(page)
    maker.close()
    reader = browser.new_context()
    page = open_page(reader.new_page(), base + "all.html")
    for link in (from_alpha, from_all):
        page.goto("about:blank")
        open_page(page, base + "all.html#" + link.split("#", 1)[1])
        panel = page.locator("[data-shared]")
        panel.wait_for()
        shared = page.eval_on_selector_all(
            ".paper.shared", "els => els.map(e => e.dataset.paperId)"
        )
        more = [beta[0], beta[2], gamma[0], gamma[1]] if link == from_all else []
        picks = [alpha[0], alpha[3], *more]
        assert sorted(shared) == sorted(picks)
        page.click('[data-action="dismiss-shared"]')
    open_page(page, base + "alpha.html#" + from_alpha.split("#", 1)[1])
    page.locator("[data-shared]").wait_for()
    assert "match no paper here" not in page.locator("[data-shared]").inner_text()
    # The link made on the page of all lists, opened on one list's page: its papers there,
    # the others counted as not in this list.
    open_page(page, base + "gamma.html#" + from_all.split("#", 1)[1])
    page.locator("[data-shared]").wait_for()
    shared = page.eval_on_selector_all(".paper.shared", "els => els.map(e => e.dataset.paperId)")
    assert sorted(shared) == sorted(gamma)
    assert "match no paper here" in page.locator("[data-shared]").inner_text()
    # Both links as ballots on the page of all lists: votes on papers of every list, kept
    # under the site's own key.
    assert ballots(page, base + "all.html", {"Ana": from_alpha, "Bo": from_all}) == {
        alpha[0]: 2,
        alpha[3]: 2,
        beta[0]: 1,
        beta[2]: 1,
        gamma[0]: 1,
        gamma[1]: 1,
    }
    site = page.evaluate("JSON.parse(document.getElementById('paperpick-data').textContent).site")
    team = json.loads(page.evaluate(f"localStorage.getItem('paperpick:team:v1:{site}:all')"))
    assert [b["name"] for b in team["ballots"]] == ["Ana", "Bo"]
    reader.close()


def test_a_page_of_an_earlier_version_opened_afterwards_loses_nothing(page, base, built):
    """A copy of the site built before picks were kept per site, opened after this one on
    the same origin: it finds the picks, and what it changes there comes back."""
    old = base + "before-alpha.html"
    alpha = LISTS["alpha"]
    open_page(page, base + "all.html")
    page.locator(f'[data-paper-id="{alpha[2]}"] > input').check()
    go(page, old)
    assert ticked_ids(page) == [alpha[0], alpha[2]]
    page.locator(f'[data-paper-id="{alpha[0]}"] > input').uncheck()
    page.locator(f'[data-paper-id="{alpha[3]}"] > input').check()
    go(page, base + "all.html")
    assert set(ticked_ids(page)) == {alpha[2], alpha[3], LISTS["beta"][2], LISTS["gamma"][0]}
    go(page, base + "alpha.html")
    assert ticked_ids(page) == [alpha[2], alpha[3]]
    assert page.console_errors == []
