"""Upgrades keep what users have: a project made by paperpick 0.1.0, rebuilt by this version,
keeps its papers' ids, the ticks its readers stored and the share links they made.

tests/fixtures/upgrade/ holds the project as 'paperpick new' made it, and kept-0.1.0.json what
a real Chromium stored and shared on the page 0.1.0 built from it (its "made_by" says how).
Never regenerate them: they stand for what users already have.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.build import read_list
from generator.cli import main
from tests.browser.conftest import open_page, reload, ticked_ids
from tests.conftest import FIXTURES

PROJECT = FIXTURES / "upgrade" / "reading-group"
KEPT = json.loads((FIXTURES / "upgrade" / "kept-0.1.0.json").read_text("utf-8"))


@pytest.fixture
def rebuilt(tmp_path) -> Path:
    """Build the 0.1.0 project with this version, as its owner would after upgrading."""
    folder = tmp_path / "reading-group"
    shutil.copytree(PROJECT, folder)
    assert main(["build", "--config", str(folder / "config.yml")]) == 0
    return folder / "site"


def test_the_papers_keep_their_ids(rebuilt):
    parsed = read_list(PROJECT / "papers.md")
    assert [{"id": p.id, "link": p.link} for p in parsed.papers] == KEPT["papers"]
    page = (rebuilt / "index.html").read_text("utf-8")
    for paper in KEPT["papers"]:
        assert f'data-paper-id="{paper["id"]}"' in page


def restore_storage(page, url: str) -> None:
    """Give the page's origin the storage a reader of the 0.1.0 page had."""
    open_page(page, url)
    page.evaluate(
        "kept => { localStorage.clear(); for (const [k, v] of Object.entries(kept)) "
        "localStorage.setItem(k, v); }",
        KEPT["storage"],
    )


def test_ticks_stored_by_0_1_0_are_still_ticked(page, rebuilt, serve_dir):
    url = serve_dir(rebuilt) + "index.html"
    restore_storage(page, url)
    open_page(page, url)
    # Paper 1 is [x] in papers.md; the reader's untick is kept over it.
    assert sorted(ticked_ids(page)) == sorted(KEPT["ticked"])
    assert page.console_errors == []


def test_a_share_link_made_by_0_1_0_opens_with_its_picks(page, rebuilt, serve_dir):
    url = serve_dir(rebuilt) + "index.html"
    restore_storage(page, url)
    fragment = KEPT["share_link"].split("#", 1)[1]  # its host and port were that day's
    page.goto(url + "#" + fragment)
    reload(page)  # the fragment alone does not load the page again
    panel = page.locator("[data-shared]")
    panel.wait_for()
    assert f"{KEPT['shared_by']}'s picks: 2 shared, 2 yours, 0 in both." in panel.inner_text()
    assert sorted(ticked_ids(page)) == sorted(KEPT["ticked"])  # nothing changes unasked
    page.click('[data-action="merge-shared"]')
    assert sorted(ticked_ids(page)) == sorted(KEPT["ticked"] + KEPT["shared"])
    assert page.console_errors == []
