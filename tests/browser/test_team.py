"""Team picks in Chromium: a reading group combines its picks with links, plans, exports."""

from __future__ import annotations

import csv
import io

import pytest
from icalendar import Calendar

from tests.browser.conftest import open_page, reload

# A share link made by paperpick before team picks existed (codec v2, made at commit d0329dd
# for the shipped list): papers 1, 6 and 8, sent by "Old Version".
OLD_LINK = "#s=KbuRyXEMGwWj3FlDcCN&by=Old%20Version"
OLD_PICKS = ["z2pubmcv", "xxbjayne", "efugkdfo"]


def ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-paper-id]", "e => e.map(x => x.dataset.paperId)")


def share_link(browser, url, numbers, name) -> str:
    """One member: ticks papers (1-based) in a context of their own, shares a named link."""
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), url)
    for n in numbers:
        page.locator("[data-paper-id] > input").nth(n - 1).check()
    page.click('[data-action="share"]')
    page.fill("input[data-share-name]", name)
    link = page.input_value("input[data-share-link]")
    ctx.close()
    return link


def add_ballot(page, link):
    page.goto(link)
    page.locator("[data-shared]").wait_for()
    page.click('[data-action="add-to-team"]')
    page.locator("#team").wait_for()


def votes(page) -> dict[str, int]:
    """Each paper's votes as the cards say them (data-votes)."""
    return page.eval_on_selector_all(
        "[data-paper-id]",
        "e => Object.fromEntries(e.map(x => [x.dataset.paperId, +x.dataset.votes]))",
    )


def download(page, action):
    with page.expect_download() as info:
        page.click(f'#team [data-action="{action}"]')
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def test_a_reading_group_combines_weighs_and_plans_its_picks(browser, shipped_url):
    links = {
        "Ana": share_link(browser, shipped_url, [1, 2, 3], "Ana"),
        "Bo": share_link(browser, shipped_url, [2, 3, 4], "Bo"),
        "Chen Wei": share_link(browser, shipped_url, [3, 5], "Chen Wei"),
    }
    org = browser.new_context()
    page = open_page(org.new_page(), shipped_url)
    all_ids = ids(page)
    for link in links.values():
        add_ballot(page, link)
    p = all_ids  # p[0] is paper 1
    want = {p[0]: 1, p[1]: 2, p[2]: 3, p[3]: 1, p[4]: 1}
    got = votes(page)
    assert {k: v for k, v in got.items() if v} == want
    assert all(v == 0 for k, v in got.items() if k not in want)
    card = page.locator(f'[data-paper-id="{p[2]}"] .votes')
    assert card.inner_text() == "3 votes: Ana, Bo, Chen Wei"
    assert page.locator("#team [data-ballot]").count() == 3
    # Nothing of the organizer's own picks changed.
    assert page.locator("[data-paper-id] input:checked").count() == 0

    # At least 2 votes: two papers shown; tick them into the organizer's picks (undoable).
    page.fill("[data-min-votes]", "2")
    page.dispatch_event("[data-min-votes]", "change")
    assert page.locator("[data-paper-id]:visible").count() == 2
    page.click('[data-action="tick-votes"]')
    assert sorted(
        page.eval_on_selector_all(
            "[data-paper-id]:has(input:checked)", "e => e.map(x => x.dataset.paperId)"
        )
    ) == sorted([p[1], p[2]])
    page.fill("[data-min-votes]", "0")
    page.dispatch_event("[data-min-votes]", "change")

    # The plan: two presenters and dates.
    page.fill(f'[data-plan-who="{p[2]}"]', "Ana")
    page.dispatch_event(f'[data-plan-who="{p[2]}"]', "change")
    page.fill(f'[data-plan-at="{p[2]}"]', "2026-12-03T15:00")
    page.dispatch_event(f'[data-plan-at="{p[2]}"]', "change")
    page.fill(f'[data-plan-who="{p[1]}"]', "Bo")
    page.dispatch_event(f'[data-plan-who="{p[1]}"]', "change")
    page.fill(f'[data-plan-at="{p[1]}"]', "2026-12-10T15:00")
    page.dispatch_event(f'[data-plan-at="{p[1]}"]', "change")

    # The iCalendar file: one event per planned paper, UIDs stable across exports.
    name, ics = download(page, "download-ics")
    assert name == "icml2024_plan.ics"
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == 2
    by_uid = {str(e["UID"]): e for e in events}
    first = by_uid[f"{p[2]}.icml2024@paperpick"]
    assert first.decoded("DTSTART").isoformat() == "2026-12-03T15:00:00"
    assert "Presenter: Ana" in str(first["DESCRIPTION"])
    title = page.locator(f'[data-paper-id="{p[2]}"] .title').inner_text()
    assert str(first["SUMMARY"]) == title
    assert str(first["URL"]) == page.get_attribute(f'[data-paper-id="{p[2]}"] .title a', "href")
    page.fill(f'[data-plan-at="{p[2]}"]', "2026-12-03T16:00")
    page.dispatch_event(f'[data-plan-at="{p[2]}"]', "change")
    _, again = download(page, "download-ics")
    assert {str(e["UID"]) for e in Calendar.from_ical(again).walk("VEVENT")} == set(by_uid)

    # The tally's CSV: the four team columns, in the order shown (most votes first).
    _, data = download(page, "download-team-csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["Votes"], r["Pickers"], r["Presenter"], r["Date"]) for r in rows] == [
        ("3", "Ana; Bo; Chen Wei", "Ana", "2026-12-03 16:00"),
        ("2", "Ana; Bo", "Bo", "2026-12-10 15:00"),
        ("1", "Ana", "", ""),
        ("1", "Bo", "", ""),
        ("1", "Chen Wei", "", ""),
    ]

    # The team link opens the same tally in a fresh browser, and keeps nothing until asked.
    page.click('[data-action="share-team"]')
    team_link = page.input_value("#team input[data-share-link]")
    assert "#t=" in team_link and len(team_link) < 600
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(team_link)
    other.locator("#team").wait_for()
    assert {k: v for k, v in votes(other).items() if v} == want
    assert other.input_value(f'[data-plan-who="{p[2]}"]') == "Ana"
    assert other.evaluate("localStorage.getItem('paperpick:team:v1:icml2024')") is None
    other.click('[data-action="keep-team"]')
    reload(other)
    other.click('#actions [data-action="team"]')
    assert {k: v for k, v in votes(other).items() if v} == want
    fresh.close()

    # A link made by the version before team picks is accepted as a ballot.
    add_ballot(page, shipped_url + OLD_LINK)
    assert page.locator('#team [data-ballot="Old Version"]').count() == 1
    assert all(votes(page)[i] >= 1 for i in OLD_PICKS)
    org.close()


def test_a_newer_ballot_replaces_the_older_and_names_stay_text(browser, shipped_url):
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), shipped_url)
    add_ballot(page, share_link(browser, shipped_url, [1, 2], "Ana"))
    add_ballot(page, share_link(browser, shipped_url, [4], "Ana"))
    assert page.locator("#team [data-ballot]").count() == 1
    assert "Replaced" in page.locator("#notices").inner_text()
    assert sum(votes(page).values()) == 1
    page.click('[data-action="undo-team"]')
    assert sum(votes(page).values()) == 2
    # A right-to-left override and markup in a name stay inside the name, as text.
    evil = "\u202egnp.exe<img src=x onerror=alert(1)>"
    add_ballot(page, share_link(browser, shipped_url, [7], evil[:60]))
    row = page.locator("#team [data-ballot] bdi").last
    assert row.inner_text() == evil[:60]
    assert page.locator("#team img").count() == 0
    # ... also in the sentence that says it was added: the name is a <bdi> of its own.
    assert page.locator("#notices bdi").last.inner_text() == evil[:60]
    ctx.close()


def test_a_team_link_shows_where_the_browser_gives_no_clipboard(browser, shipped_url):
    """A page served over plain http from another machine has no navigator.clipboard: the
    tally's link still shows in its field, and no error is said."""
    link = share_link(browser, shipped_url, [1, 2], "Ana")
    ctx = browser.new_context()
    no_clipboard = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})"
    ctx.add_init_script(no_clipboard)
    page, errors = ctx.new_page(), []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    open_page(page, shipped_url)
    add_ballot(page, link)
    page.click('[data-action="share-team"]')
    assert "#t=" in page.input_value("#team input[data-share-link]")
    assert "wrong" not in page.locator("#notices").inner_text()  # "Something went wrong"
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("fault", ["corrupt"])
def test_unreadable_team_data_is_set_aside_and_said(browser, shipped_url, fault):
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), shipped_url)
    page.evaluate("localStorage.setItem('paperpick:team:v1:icml2024', '{\"v\":1,\"ballots\":[')")
    reload(page)
    assert "could not be read" in page.locator("#notices").inner_text()
    aside = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('paperpick:team:v1:icml2024:corrupt:'))"
    )
    assert len(aside) == 1
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tally_is_axe_clean_keyboard_reachable_and_speaks_chinese(
    browser, shipped_file_url, scheme
):
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(color_scheme=scheme, locale="zh-CN")
    page = ctx.new_page()
    open_page(page, shipped_file_url)  # from file://, in a Chinese browser (language: auto)
    add_ballot(page, share_link(browser, shipped_file_url, [1, 3], "Ana"))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.locator("#team-h").inner_text() == "团队"
    assert page.locator("[data-paper-id] .votes").first.inner_text() == "1 票：Ana"
    # Keyboard: from the team button, Tab reaches the plan's fields.
    page.focus('#actions [data-action="team"]')
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.dataset.planWho"):
            break
    assert page.evaluate("!!document.activeElement.dataset.planWho")
    page.keyboard.type("Bo")
    page.keyboard.press("Tab")
    stored = page.evaluate("localStorage.getItem('paperpick:team:v1:icml2024')")
    assert '"who":"Bo"' in stored
    ctx.close()


def test_ballots_from_files_picked_or_dropped_at_once(browser, shipped_url, tmp_path):
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), shipped_url)
    p = ids(page)
    links = page.eval_on_selector_all(
        "[data-paper-id] .title a", "e => e.slice(0, 4).map(a => a.getAttribute('href'))"
    )
    # The page's own CSV export shape (by Id) and a ticked Markdown list (by link).
    (tmp_path / "selected_ana_papers.csv").write_text(
        f"\ufeffTitle,Id\r\nx,{p[0]}\r\ny,{p[1]}\r\n", encoding="utf-8"
    )
    (tmp_path / "bo.md").write_text(
        f"# Bo\n\n- [x] One | {links[1]}\n- [x] Two | {links[2]}\n- [ ] Three | {links[3]}\n",
        encoding="utf-8",
    )
    page.click('#actions [data-action="team"]')
    page.set_input_files(
        "input[type=file][multiple]", [tmp_path / "selected_ana_papers.csv", tmp_path / "bo.md"]
    )
    page.locator('#team [data-ballot="bo"]').wait_for()
    page.locator('#team [data-ballot="ana"]').wait_for()
    assert {k: v for k, v in votes(page).items() if v} == {p[0]: 1, p[1]: 2, p[2]: 1}
    # Two files dropped at once are ballots too (a single file dropped is still an import).
    page.evaluate(
        """([a, b]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([a], 'cy.csv', {type: 'text/csv'}));
          dt.items.add(new File([b], 'dee.csv', {type: 'text/csv'}));
          document.body.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true}));
        }""",
        [f"Id\r\n{p[5]}\r\n", f"Id\r\n{p[5]}\r\n{p[6]}\r\n"],
    )
    page.locator('#team [data-ballot="dee"]').wait_for()
    assert votes(page)[p[5]] == 2 and votes(page)[p[6]] == 1
    assert page.locator("[data-paper-id] input:checked").count() == 0  # own picks untouched
    ctx.close()


def test_the_list_sorts_by_votes_while_the_tally_is_open(browser, shipped_url):
    links = [
        share_link(browser, shipped_url, [5, 9], "Ana"),
        share_link(browser, shipped_url, [9, 7], "Bo"),
        share_link(browser, shipped_url, [9, 7, 2], "Chen"),
    ]
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), shipped_url)
    p = ids(page)
    option = page.locator('#sort option[value="votes"]')
    assert option.get_attribute("hidden") is not None  # from the first paint: no tally yet
    for link in links:
        add_ballot(page, link)
    assert option.get_attribute("hidden") is None
    page.select_option("#sort", "votes")
    # Most votes first (9: 3, 7: 2), then ties in list order (2 and 5 with 1, then the rest).
    assert ids(page)[:4] == [p[8], p[6], p[1], p[4]]
    assert ids(page)[4:] == [i for i in p if i not in {p[8], p[6], p[1], p[4]}]
    assert "sort=votes" in page.url
    # Closing the tally leaves no votes to sort by: the list's own order, the choice hidden.
    page.click('#actions [data-action="team"]')
    assert page.locator("#team").is_hidden()
    assert ids(page) == p
    assert option.get_attribute("hidden") is not None
    ctx.close()
