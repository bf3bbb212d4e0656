"""A list's own triage in Chromium: labels, notes and read marks shown on the cards, in the
page's CSV (the same bytes as 'paperpick export') and Markdown, searched, and axe clean."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import act, entry, open_page, paper_list
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


def test_python_export_of_the_pages_markdown_writes_the_pages_csv_bytes(page, tmp_path, serve_dir):
    site = build_lists(tmp_path, {"triage.md": paper_list("Triage", PAPERS)})
    open_page(page, serve_dir(site) + "index.html")
    page.locator("[data-paper-id] > input").nth(2).check()
    page_csv = download(page, "download-csv")
    (tmp_path / "list.md").write_bytes(download(page, "download-md-all"))
    run = subprocess.run(
        [sys.executable, "-m", "generator", "export", "list.md", "-o", "out.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out.csv").read_bytes() == page_csv
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
        ctx.close()
