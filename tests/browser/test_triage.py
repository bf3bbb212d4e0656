"""A list's own triage in Chromium: labels, notes and read marks shown on the cards, in the
page's CSV (the same bytes as 'paperpick export') and Markdown, searched, and axe clean."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.cli import main
from tests.browser.conftest import (
    act,
    entry,
    open_page,
    paper_ids,
    paper_list,
    reload,
    site_key,
    ticked_ids,
    wait_until,
)
from tests.browser.test_storage_faults import FULL, REFUSE
from tests.conftest import ROOT, build_lists

NOTE = 'why: "grasp", =1+1 <b>not bold</b>'
PAPERS = [
    entry(
        1,
        "Robotic grasping with vision",
        "https://example.org/1",
        ticked=True,
        extra=[("Label", "must-read"), ("Note", NOTE), ("Read", "yes")],
    ),
    entry(2, "Language models that read", "https://example.org/2", ticked=True),
    entry(
        3,
        "Vision transformers at scale",
        "https://example.org/3",
        extra=[("Label", "maybe"), ("Read", "yes")],
    ),
]


def triage_of(page):
    """Each paper's [label, read, note] as its card shows them (data-label, -read, -note)."""
    return page.eval_on_selector_all(
        "[data-paper-id]",
        """els => els.map(e => [e.getAttribute('data-label') || '', e.hasAttribute('data-read'),
          (e.querySelector('[data-note]') || {}).textContent || ''])""",
    )


def download(page, action):
    with page.expect_download() as info:
        act(page, action)
    return info.value.path().read_bytes()


def test_a_lists_triage_shows_on_its_cards_and_in_the_pages_csv(page, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"triage.md": paper_list("Triage", PAPERS)})
    open_page(page, serve_dir(site) + "index.html")
    assert triage_of(page) == [["must-read", True, NOTE], ["", False, ""], ["maybe", True, ""]]
    assert page.locator("[data-note] b").count() == 0  # a note is text, never HTML
    rows = list(csv.DictReader(io.StringIO(download(page, "download-csv").decode("utf-8-sig"))))
    assert [(r["Label"], r["Note"], r["Read"]) for r in rows] == [
        ("must-read", "'" + NOTE if NOTE.startswith("=") else NOTE, "yes"),
        ("", "", ""),
    ]
    page.locator("#q").fill("grasp not bold")  # notes are searched
    assert page.locator("[data-paper-id]:not(.out)").count() == 1
    assert page.console_errors == []


def export_csv(folder, name):
    """What 'paperpick export' writes of the Markdown list folder/name."""
    run = subprocess.run(
        [sys.executable, "-m", "generator", "export", name, "-o", "out.csv"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    return (folder / "out.csv").read_bytes()


def test_python_export_of_the_pages_markdown_writes_the_pages_csv_bytes(page, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"triage.md": paper_list("Triage", PAPERS)})
    open_page(page, serve_dir(site) + "index.html")
    page.locator("[data-paper-id] > input").nth(2).check()
    page_csv = download(page, "download-csv")
    (tmp_path / "list.md").write_bytes(download(page, "download-md-all"))
    assert export_csv(tmp_path, "list.md") == page_csv
    # The page's Markdown is a list that builds the same cards again.
    (tmp_path / "again").mkdir()
    again = build_lists(tmp_path / "again", {"list.md": (tmp_path / "list.md").read_text("utf-8")})
    open_page(page, serve_dir(again) + "index.html")
    assert triage_of(page) == [["must-read", True, NOTE], ["", False, ""], ["maybe", True, ""]]


def test_labelled_noted_and_read_cards_are_axe_clean_light_and_dark(browser, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"triage.md": paper_list("Triage", PAPERS)})
    url = serve_dir(site) + "index.html"
    for scheme, width in (("light", 1280), ("dark", 390)):
        ctx = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        page = open_page(ctx.new_page(), url)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        key_on(page, 1, ["2", "r"])  # the bar in the current paper, its buttons pressed
        page.select_option("#tfilter", index=2)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        # the share panel with Include notes ticked, then its link opened with the marks shown
        page.click('[data-action="share"]')
        page.fill("input[data-share-name]", "Ana")
        page.check("input[data-share-notes]")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        link = page.input_value("input[data-share-link]")
        other = open_page(browser.new_context(color_scheme=scheme).new_page(), link)
        other.locator(".meta[data-o]").first.wait_for()
        results = Axe().run(other)
        assert results.violations_count == 0, results.generate_report()
        other.context.close()
        ctx.close()


# --- the reader's own triage: keys, the bar, storage, filters ---------------------------------

FIVE = paper_list(
    "Five",
    [
        entry(n, f"Paper {n} on vision", f"https://example.org/{n}", ticked=n == 2)
        for n in range(1, 6)
    ]
    + [entry(6, "Paper 6 on vision", "https://example.org/6", extra=[("Label", "maybe")])],
)


def key_on(page, n, keys):
    """Make paper n (from 0) the current one with j, as a reader does, and press keys."""
    page.locator("#list").focus()
    for _ in range(n + 1):
        page.keyboard.press("j")
    for k in keys:
        page.keyboard.press(k)


def test_label_note_and_read_set_by_keys_survive_a_reload_and_show_in_the_csv(
    page, tmp_path, serve_dir
):
    site = build_lists(tmp_path, {"five.md": FIVE})
    open_page(page, serve_dir(site) + "index.html")
    key_on(page, 0, ["1", "r"])  # must-read, read
    page.keyboard.press("j")
    page.keyboard.press("2")  # paper 2: maybe
    page.keyboard.press("n")
    page.keyboard.type("ask Ana, <b>not bold</b>")
    page.keyboard.press("Enter")  # back on the paper: keys act on it again
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("r")  # paper 4: read
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("0")  # paper 6: the list's own label taken off
    want = [
        ["must-read", True, ""],
        ["maybe", False, "ask Ana, <b>not bold</b>"],
        ["", False, ""],
        ["", True, ""],
        ["", False, ""],
        ["", False, ""],
    ]
    assert triage_of(page) == want
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert triage_of(page) == want
    assert page.locator("[data-note] b").count() == 0
    for n in (0, 1, 3):
        page.locator("[data-paper-id] > input").nth(n).check()
    rows = list(csv.DictReader(io.StringIO(download(page, "download-csv").decode("utf-8-sig"))))
    assert [(r["Title"], r["Label"], r["Note"], r["Read"]) for r in rows] == [
        ("Paper 1 on vision", "must-read", "", "yes"),
        ("Paper 2 on vision", "maybe", "ask Ana, <b>not bold</b>", ""),
        ("Paper 4 on vision", "", "", "yes"),
    ]
    # the page's whole-list Markdown carries them: 'paperpick export' of it writes these bytes
    (tmp_path / "list.md").write_bytes(download(page, "download-md-all"))
    assert export_csv(tmp_path, "list.md") == download(page, "download-csv")
    page.locator("#q").fill("ask ana")  # the note is searched
    assert page.locator("[data-paper-id]:not(.out)").count() == 1
    assert page.console_errors == []


def test_a_note_alone_brings_the_triage_columns_into_the_csv(page, tmp_path, serve_dir):
    """No label and no read mark anywhere: one note is enough for Label, Note and Read."""
    plain = paper_list(
        "Plain", [entry(n, f"Paper {n}", f"https://example.org/{n}", ticked=True) for n in (1, 2)]
    )
    open_page(page, serve_dir(build_lists(tmp_path, {"plain.md": plain})) + "index.html")

    def header():
        return download(page, "download-csv").decode("utf-8-sig").split("\r\n")[0].split(",")

    assert "Note" not in header()
    key_on(page, 0, ["n"])
    page.keyboard.type("why not")
    page.keyboard.press("Enter")
    assert header()[-3:] == ["Label", "Note", "Read"]
    assert page.console_errors == []


def test_the_bar_in_the_current_paper_sets_them_by_pointer(page, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"five.md": FIVE})
    open_page(page, serve_dir(site) + "index.html")
    page.locator("[data-paper-id]").nth(2).locator(".title").click(position={"x": 200, "y": 5})
    bar = (
        page.locator("[data-paper-id]")
        .nth(2)
        .get_by_role("group", name="Label, read mark and note")
    )
    bar.get_by_role("button", name="2 maybe").click()
    assert bar.get_by_role("button", name="2 maybe").get_attribute("aria-pressed") == "true"
    bar.get_by_role("button", name="r read").click()
    bar.get_by_role("textbox", name="Note").fill("later")
    bar.get_by_role("textbox", name="Note").press("Tab")
    assert triage_of(page)[2] == ["maybe", True, "later"]
    # a tick in a paper further down lands where it was clicked, though the bar moves
    page.locator("[data-paper-id] > input").nth(4).click()
    assert ticked_ids(page) == [paper_ids(page)[1], paper_ids(page)[4]]
    bar = page.locator("[data-paper-id]").nth(4).get_by_role("group")
    bar.get_by_role("button", name="1 must-read").click()
    bar.get_by_role("button", name="1 must-read").click()  # again: taken off
    assert triage_of(page)[4] == ["", False, ""]
    assert page.console_errors == []


def counts(page):
    return page.eval_on_selector_all("#tfilter option", "os => os.map(o => o.label)")


def test_filters_by_label_and_unread_give_the_right_counts(page, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"five.md": FIVE})
    open_page(page, serve_dir(site) + "index.html")
    assert counts(page) == [
        "Any label (6)",
        "must-read (0)",
        "maybe (1)",
        "No label (5)",
        "Unread (6)",
    ]
    key_on(page, 0, ["1", "r"])
    page.keyboard.press("j")
    page.keyboard.press("2")
    assert counts(page) == [
        "Any label (6)",
        "must-read (1)",
        "maybe (2)",
        "No label (3)",
        "Unread (5)",
    ]
    shown = lambda page: page.eval_on_selector_all(  # noqa: E731
        "[data-paper-id]:not(.out) .title", "els => els.map(e => e.textContent)"
    )
    page.select_option("#tfilter", label="maybe (2)")
    assert shown(page) == ["Paper 2 on vision", "Paper 6 on vision"]
    assert page.locator("#count").inner_text() == "2 shown · 1 of 6 ticked"
    page.select_option("#tfilter", label="Unread (5)")
    assert len(shown(page)) == 5
    page.select_option("#tfilter", label="No label (3)")
    assert shown(page) == ["Paper 3 on vision", "Paper 4 on vision", "Paper 5 on vision"]
    page.select_option("#tfilter", index=0)
    page.select_option("#sort", "label")  # must-read, then maybe, then none, each in list order
    assert shown(page)[:3] == ["Paper 1 on vision", "Paper 2 on vision", "Paper 6 on vision"]
    assert "sort=label" in page.url
    reload(page)  # the address keeps the order
    assert page.locator("#sort").input_value() == "label"
    assert shown(page)[:3] == ["Paper 1 on vision", "Paper 2 on vision", "Paper 6 on vision"]
    assert page.console_errors == []


# --- kept like ticks: stored data of earlier versions, the previous page, faults, tabs -------

BEFORE = ROOT / "tests" / "fixtures" / "upgrade" / "before-triage"


def before_site(tmp_path):
    """five.md built by this version, beside the page the version before triage built of it."""
    for name in ("five.md", "config.yml"):
        (tmp_path / name).write_bytes((BEFORE / name).read_bytes())
    assert main(["build", "--config", str(tmp_path / "config.yml")]) == 0
    page = json.loads((BEFORE / "stored.json").read_text("utf-8"))["page"]
    (tmp_path / "site" / "before.html").write_bytes((BEFORE / page).read_bytes())
    return tmp_path / "site"


@pytest.mark.parametrize("kept", ["site", "list"])
def test_ticks_stored_before_triage_open_intact_and_the_earlier_page_still_finds_them(
    page, tmp_path, serve_dir, kept
):
    """kept: the storage the version before triage wrote (the site's key and the list's), or
    only the list's key, {"v":1,"ticked":[...]}, as versions before sites of lists kept it."""
    fixture = json.loads((BEFORE / "stored.json").read_text("utf-8"))
    storage = fixture["storage"]
    if kept == "list":
        storage = {"paperpick:v1:five": json.dumps({"v": 1, "ticked": fixture["ticked"]})}
    url = serve_dir(before_site(tmp_path))
    page.goto(url)  # the origin (its folder listing), to store in
    page.evaluate("s => Object.entries(s).forEach(([k, v]) => localStorage.setItem(k, v))", storage)
    open_page(page, url + "index.html")
    assert ticked_ids(page) == fixture["ticked"]
    key_on(page, 0, ["1", "r"])  # a label and a read mark on a ticked paper
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == fixture["ticked"]
    assert triage_of(page)[0] == ["must-read", True, ""]
    page.locator("[data-paper-id] > input").nth(2).check()
    # the page of the version before triage, opened after this one, finds every tick
    open_page(page, url + "before.html")
    assert ticked_ids(page) == [fixture["ticked"][0], paper_ids(page)[2], *fixture["ticked"][1:]]
    page.locator("[data-paper-id] > input").nth(4).check()  # and what it ticks comes back here
    open_page(page, url + "index.html")
    assert len(ticked_ids(page)) == 5
    assert triage_of(page)[0] == ["must-read", True, ""]
    assert page.console_errors == []


def test_storage_refused_or_full_says_so_and_keeps_triage_while_the_page_is_open(
    page, tmp_path, serve_dir
):
    site = build_lists(tmp_path, {"five.md": FIVE})
    page.add_init_script(FULL)
    open_page(page, serve_dir(site) + "index.html")
    key_on(page, 0, ["1"])
    assert "storage is full" in page.locator("#notices").inner_text()
    assert triage_of(page)[0] == ["must-read", False, ""]
    page.keyboard.press("r")
    assert triage_of(page)[0] == ["must-read", True, ""]
    rows = list(
        csv.DictReader(io.StringIO(download(page, "download-csv-notice").decode("utf-8-sig")))
    )
    assert [(r["Label"], r["Read"]) for r in rows] == [("", "")]  # paper 2 is the ticked one
    page2 = page.context.new_page()
    page2.add_init_script(REFUSE)
    open_page(page2, serve_dir(site) + "index.html")
    assert "refuses to store" in page2.locator("#notices").inner_text()
    key_on(page2, 1, ["2", "r"])
    assert triage_of(page2)[1] == ["maybe", True, ""]
    assert page.console_errors == []


def test_corrupt_stored_triage_is_set_aside_not_thrown_away(page, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"five.md": FIVE})
    open_page(page, serve_dir(site) + "index.html")
    key = site_key(page) + ":triage"
    page.evaluate(f"localStorage.setItem('{key}', '{{\"v\":1,\"p\":{{broken')")
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert "could not be read" in page.locator("#notices").inner_text()
    aside = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{key}:corrupt:'))")
    assert page.evaluate(f"localStorage.getItem('{aside[0]}')") == '{"v":1,"p":{broken'
    assert triage_of(page)[5] == ["maybe", False, ""]  # afresh: the list's own
    assert ticked_ids(page) == [paper_ids(page)[1]]  # the ticks untouched
    key_on(page, 0, ["1"])
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert "could not be read" not in page.locator("#notices").inner_text()
    assert triage_of(page)[0] == ["must-read", False, ""]
    assert page.console_errors == []


def test_triage_follows_other_tabs_and_two_tabs_keep_each_others(context, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"five.md": FIVE})
    url = serve_dir(site) + "index.html"
    one, two = open_page(context.new_page(), url), open_page(context.new_page(), url)
    key_on(one, 0, ["1"])
    wait_until(
        two, "document.querySelector('[data-paper-id]').getAttribute('data-label') === 'must-read'"
    )
    key_on(two, 2, ["n"])
    two.keyboard.type("from two")
    two.keyboard.press("Enter")
    wait_until(
        one, "!!document.querySelectorAll('[data-paper-id]')[2].querySelector('[data-note]')"
    )
    one.keyboard.press("r")  # one's current paper is still paper 1
    reload(two)
    two.locator("#toolbar").wait_for(state="visible")
    assert triage_of(two)[:3] == [["must-read", True, ""], ["", False, ""], ["", False, "from two"]]


# --- import, backup and restore, persistent storage, the reminder ------------------------------


def set_some(page):
    """Paper 1: must-read and read; paper 2: maybe with a note; paper 4 ticked."""
    key_on(page, 0, ["1", "r", "j", "2", "n"])
    page.keyboard.type("a note, with a comma")
    page.keyboard.press("Enter")
    page.locator("[data-paper-id] > input").nth(3).check()


SOME = [
    ["must-read", True, ""],
    ["maybe", False, "a note, with a comma"],
    ["", False, ""],
    ["", False, ""],
    ["", False, ""],
    ["maybe", False, ""],
]
NONE = [["", False, ""]] * 5 + [["maybe", False, ""]]


def test_backup_is_one_file_that_restore_brings_back_in_a_fresh_browser(
    browser, tmp_path, serve_dir
):
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), url)
    set_some(page)
    assert triage_of(page) == SOME
    backup = tmp_path / "backup.md"
    backup.write_bytes(download(page, "backup"))
    ctx.close()
    ctx = browser.new_context()  # another browser: nothing kept
    page = open_page(ctx.new_page(), url)
    key_on(page, 1, ["1"])  # the reader's own label wins over the file's
    mixed = [SOME[0], ["must-read", False, SOME[1][2]], *SOME[2:]]
    for undo in (True, False):
        with page.expect_file_chooser() as chooser:
            act(page, "restore")
        chooser.value.set_files(str(backup))
        wait_until(page, "document.querySelectorAll('[data-paper-id] input:checked').length === 2")
        assert triage_of(page) == mixed
        if undo:  # the restore, a bulk change, is undone whole
            page.locator("#notices").get_by_role("button", name="Undo").click()
            assert triage_of(page) == [NONE[0], ["must-read", False, ""], *NONE[2:]]
            assert ticked_ids(page) == [paper_ids(page)[1]]
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == [paper_ids(page)[1], paper_ids(page)[3]]
    assert triage_of(page) == mixed
    ctx.close()


def test_import_of_the_pages_csv_brings_its_labels_and_notes(page, tmp_path, serve_dir):
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    open_page(page, url)
    set_some(page)
    for n in (0, 1):
        page.locator("[data-paper-id] > input").nth(n).check()
    (tmp_path / "picks.csv").write_bytes(download(page, "download-csv"))
    page.evaluate("localStorage.clear()")
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert triage_of(page) == NONE
    with page.expect_file_chooser() as chooser:
        act(page, "import")
    chooser.value.set_files(str(tmp_path / "picks.csv"))
    wait_until(page, "document.querySelectorAll('[data-paper-id] input:checked').length === 3")
    assert triage_of(page) == SOME
    assert "3 of 3 matched" in page.locator("#notices").inner_text()
    assert page.console_errors == []


def test_persistent_storage_is_asked_for_once_and_a_refusal_is_said(browser, tmp_path, serve_dir):
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    for granted in ("true", "false"):
        ctx = browser.new_context()
        ctx.add_init_script(
            "navigator.storage.persist = () => "
            f"(window.asked = (window.asked || 0) + 1, Promise.resolve({granted}))"
        )
        page = open_page(ctx.new_page(), url)
        assert page.evaluate("window.asked || 0") == 0  # nothing kept yet: nothing asked
        key_on(page, 0, ["1"])
        page.locator("[data-paper-id] > input").nth(0).check()
        wait_until(page, "window.asked === 1")
        page.wait_for_timeout(100)
        said = "may clear what you keep" in page.locator("#notices").inner_text()
        assert said == (granted == "false")
        reload(page)
        page.locator("#toolbar").wait_for(state="visible")
        page.locator("[data-paper-id] > input").nth(2).check()
        page.wait_for_timeout(100)
        assert page.evaluate("window.asked || 0") == 0  # asked once, not on every page
        ctx.close()


def test_a_month_without_a_backup_brings_a_gentle_reminder(page, tmp_path, serve_dir):
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    open_page(page, url)
    page.locator("[data-paper-id] > input").nth(0).check()
    key = site_key(page) + ":backup"
    page.evaluate(f"localStorage.setItem('{key}', Date.now() - 40 * 864e5)")
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    notices = page.locator("#notices")
    assert "not been backed up for 40 days" in notices.inner_text()
    with page.expect_download():
        notices.get_by_role("button", name="Back up").click()
    assert "backed up" not in notices.inner_text()
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert "backed up" not in page.locator("#notices").inner_text()
    assert page.console_errors == []


# --- share links carry labels and read marks, notes when asked -------------------------------


def share_link(browser, url, notes):
    """In a fresh browser: triage some papers (set_some), tick paper 1, give the share link."""
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), url)
    set_some(page)
    page.locator("[data-paper-id] > input").nth(3).uncheck()
    page.locator("[data-paper-id] > input").nth(0).check()
    act(page, "share")
    page.fill("input[data-share-name]", "Ana")
    if notes:
        page.check("input[data-share-notes]")
    link = page.input_value("input[data-share-link]")
    length = page.locator("[data-share-length]").inner_text()
    assert length == f"{len(link)} characters"
    ctx.close()
    return link


@pytest.mark.parametrize("notes", [False, True])
def test_a_share_link_carries_labels_and_read_marks_and_notes_when_asked(
    browser, tmp_path, serve_dir, notes
):
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    link = share_link(browser, url, notes)
    assert ("&nt=" in link) == notes
    ctx = browser.new_context()  # the receiver: a label of their own on paper 2
    page, errors = ctx.new_page(), []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_page(page, url)
    key_on(page, 1, ["1", "n"])
    page.keyboard.type("mine")
    page.keyboard.press("Enter")
    page.goto(link)
    reload(page)
    page.locator("[data-shared]").wait_for()
    note = "a note, with a comma"
    theirs = page.eval_on_selector_all(".meta", "els => els.map(e => e.getAttribute('data-o'))")
    assert theirs[:3] == ["Ana: must-read · ✓", "Ana: maybe" + (" · " + note) * notes, None]
    assert triage_of(page)[:2] == [["", False, ""], ["must-read", False, "mine"]]  # no change yet
    page.click('[data-action="merge-shared"]')
    # the receiver's own win; their read marks are theirs (shown, not taken)
    want = [["must-read", False, ""], ["must-read", False, "mine"], *NONE[2:]]
    assert triage_of(page) == want
    assert ticked_ids(page) == [paper_ids(page)[0], paper_ids(page)[1]]
    assert page.locator(".meta[data-o]").count() == 0
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert triage_of(page) == want
    page.goto(link)  # once more, then undo the merge
    page.locator("[data-shared]").wait_for()
    key_on(page, 1, ["0", "n"])
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.press("Enter")
    page.click('[data-action="merge-shared"]')
    assert triage_of(page)[1] == ["maybe", False, note if notes else ""]
    page.locator("#notices").get_by_role("button", name="Undo").click()
    assert triage_of(page)[1] == ["", False, ""]
    assert errors == []
    ctx.close()


# Share links with labels and read marks as c389754 made them, and with notes too as the next
# version makes them when Include notes is ticked, for FIVE: paper 1 must-read and read, papers
# 2 and 6 maybe (6 is in the list so), paper 2's note, paper 1 ticked, by Ana.
# Never regenerate: links people have sent must keep opening the same.
TRIAGE_LINK = "#s=KhS3cx0Kaxg3c_e&by=Ana&l1=KhS3cx0IZRggz&l2=KhS3cx0KdLSNopBq&r=KhS3cx0IZRggz"
NOTES_LINK = TRIAGE_LINK + "&nt=%7B%22k2irat36%22%3A%22a%20note%2C%20with%20a%20comma%22%7D"
DAMAGED_NOTES = TRIAGE_LINK + "&nt=%7B%22k2irat36%22%3A%22a%20no"  # cut off in a chat


@pytest.mark.parametrize(
    ("link", "note"),
    [(TRIAGE_LINK, ""), (NOTES_LINK, "a note, with a comma"), (DAMAGED_NOTES, "")],
    ids=["labels", "notes", "damaged-notes"],
)
def test_a_share_link_with_labels_made_by_an_earlier_version_still_opens(
    page, tmp_path, serve_dir, link, note
):
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    open_page(page, url)
    page.goto(url + link)
    reload(page)
    page.locator("[data-shared]").wait_for()
    theirs = page.eval_on_selector_all(".meta", "els => els.map(e => e.getAttribute('data-o'))")
    maybe = "Ana: maybe" + (" · " + note if note else "")
    assert theirs == ["Ana: must-read · ✓", maybe, None, None, None, "Ana: maybe"]
    page.click('[data-action="merge-shared"]')
    assert triage_of(page)[:3] == [
        ["must-read", False, ""],
        ["maybe", False, note],
        ["", False, ""],
    ]
    assert paper_ids(page)[0] in ticked_ids(page)
    assert page.console_errors == []


def test_bibtex_with_notes_is_what_paperpick_export_notes_writes(page, tmp_path, serve_dir):
    """The page's BibTeX with notes puts each note in note, as `paperpick export -f bibtex
    --notes` of the page's backup does; its plain BibTeX leaves them out, as export does."""
    open_page(page, serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html")
    set_some(page)
    page.locator("[data-paper-id] > input").nth(1).check()
    with_notes, plain = download(page, "download-bibtex-notes"), download(page, "download-bibtex")
    assert b"note = {a note, with a comma}" in with_notes
    assert b"a note" not in plain
    (tmp_path / "list.md").write_bytes(download(page, "download-md-all"))

    def export(*notes):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "export",
                "list.md",
                "-f",
                "bibtex",
                "-o",
                "-",
                *notes,
            ],
            cwd=tmp_path,
            capture_output=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    assert export("--notes") == with_notes
    assert export() == plain
    assert page.console_errors == []


def test_in_chinese_the_bar_the_filter_and_its_counts_are_chinese(browser, tmp_path, serve_dir):
    """language: auto, a reader whose browser speaks Chinese: the page, drawn in English,
    speaks Chinese, the filter's counts too."""
    url = serve_dir(build_lists(tmp_path, {"five.md": FIVE})) + "index.html"
    ctx = browser.new_context(locale="zh-CN")
    page = open_page(ctx.new_page(), url)
    assert counts(page) == ["全部标签 (6)", "必读 (0)", "待定 (1)", "无标签 (5)", "未读 (6)"]
    key_on(page, 0, ["1"])
    assert counts(page)[1] == "必读 (1)"
    bar = page.locator("[data-paper-id]").nth(0).get_by_role("group", name="标签、已读与笔记")
    assert bar.get_by_role("button", name="1 必读").get_attribute("aria-pressed") == "true"
    # the card's badge names the label in Chinese too (the stored label stays must-read)
    assert page.locator(".meta").nth(0).get_attribute("data-t") == "必读"
    assert triage_of(page)[0] == ["must-read", False, ""]
    ctx.close()
