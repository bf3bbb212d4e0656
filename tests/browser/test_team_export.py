"""'paperpick export --team' writes what the page's team panel downloads, byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main
from tests.browser.conftest import act, open_page
from tests.browser.test_team import add_ballot, share_link

# Names as people type them: a comma and a semicolon, a right-to-left override, CJK.
MEMBERS = {"Ana": [1, 2, 3, 40], "Bo, Jr.; \u202eevil": [2, 3, 4], "李雷": [3, 5, 76]}


def download(page, action):
    """Press one of the team panel's download buttons; give the file's name and bytes."""
    with page.expect_download() as info:
        page.click(f'#team [data-action="{action}"]')
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def plan(page, paper_id, who, when):
    for attr, value in (("who", who), ("at", when)):
        if value:
            page.fill(f'[data-plan-{attr}="{paper_id}"]', value)
            page.dispatch_event(f'[data-plan-{attr}="{paper_id}"]', "change")


def export(args, out) -> bytes:
    assert main(["export", *args, "-o", str(out)]) == 0
    return out.read_bytes()


def test_export_team_writes_the_pages_downloads(
    browser, shipped_once, tmp_path, capsys, monkeypatch
):
    site, base = shipped_once
    listed = [str(site.parent / "icml2024_papers.md"), "-c", str(site.parent / "config.yml")]
    url = base + "index.html"
    links = [share_link(browser, url, numbers, name) for name, numbers in MEMBERS.items()]
    ctx = browser.new_context(accept_downloads=True)
    page = open_page(ctx.new_page(), url)
    ids = page.eval_on_selector_all("[data-paper-id]", "e => e.map(x => x.dataset.paperId)")
    for link in links:
        add_ballot(page, link)
    # A fourth ballot from a file: the page's own CSV of a member's picks, named after it.
    dana = tmp_path / "selected_Dana_papers.csv"
    page.locator("[data-paper-id] > input").nth(40 - 1).check()
    page.locator("[data-paper-id] > input").nth(6 - 1).check()
    with page.expect_download() as info:
        act(page, "download-csv")
    dana.write_bytes(Path(info.value.path()).read_bytes())
    with page.expect_file_chooser() as chooser:
        page.click('#team [data-action="import-ballots"]')
    chooser.value.set_files(str(dana))
    page.locator('#team [data-ballot="Dana"]').wait_for()

    name, tally = download(page, "download-team-csv")
    assert name == "selected_icml2024_papers_team.csv"
    assert export([*listed, "--team", *links, str(dana)], tmp_path / "a.csv") == tally

    plan(page, ids[2], "Ana", "2026-12-03T15:00")
    plan(page, ids[39], "Guest, Speaker", "2026-12-10T15:05")
    plan(page, ids[75], "李雷", "")  # no date: in the agenda, not in the calendar
    files = {a: download(page, a) for a in ("download-team-csv", "download-agenda", "download-ics")}
    assert [f[0] for f in files.values()] == [
        "selected_icml2024_papers_team.csv",
        "icml2024_plan.md",
        "icml2024_plan.ics",
    ]
    page.click('#team [data-action="share-team"]')
    team_link = page.input_value("#team input[data-share-link]")
    stamp = re.search(rb"DTSTAMP:(\w+)", files["download-ics"][1])[1].decode()
    for fmt, (name, data) in files.items():
        out = tmp_path / name
        assert export([*listed, "--team", team_link, "--stamp", stamp], out) == data, fmt
    # Ballots and the plan from several places; the files get the page's names.
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    capsys.readouterr()
    for fmt in ("csv", "md", "ics"):
        args = [*listed, "--team", *links, str(dana), team_link, "-f", fmt, "--stamp", stamp]
        assert main(["export", *args]) == 0
    assert capsys.readouterr().err.count("replaces the earlier ballot of") == 3 * 4
    for name, data in files.values():
        assert (tmp_path / "here" / name).read_bytes() == data, name
    ctx.close()
