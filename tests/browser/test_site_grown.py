"""A reading group's project made by paperpick 0.1.0 grows into a site of real lists, opened
from file:// in Chromium: its own list, the shipped ICML 2024 list, a papercopilot JSON list
(tests/fixtures/real/iclr2014.json) and a BibTeX one (automl23.bib). What its readers kept
and shared with 0.1.0 (tests/fixtures/upgrade/kept-0.1.0.json, never regenerated) is all
there; picks made on list pages show on all.html and back; two such projects on one origin
stay apart."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from generator.build import read_list
from generator.cli import main
from generator.config import read_config
from generator.site import combine, export_site, site_columns
from tests.browser.conftest import act, open_page, ticked_ids
from tests.browser.test_site import ballots, go, restore
from tests.conftest import FIXTURES, SHIPPED_LIST

PROJECT = FIXTURES / "upgrade" / "reading-group"
KEPT = json.loads((FIXTURES / "upgrade" / "kept-0.1.0.json").read_text("utf-8"))
REAL = FIXTURES / "real"
ADDED = [  # what the owner adds to the project's config.yml, after its own list
    ("icml2024_papers.md", SHIPPED_LIST, "icml2024"),
    ("iclr2014.json", REAL / "iclr2014.json", "iclr2014"),
    ("automl23.bib", REAL / "automl23.bib", "automl23"),
]
SLUGS = ["reading-group", "icml2024", "iclr2014", "automl23"]


def grow(folder, slug: str = "reading-group"):
    """The 0.1.0 project (its list under slug), with the three lists added; built."""
    shutil.copytree(PROJECT, folder)
    config = (folder / "config.yml").read_text("utf-8").replace("reading-group", slug)
    config += "".join(f"  - file: {name}\n" for name, _, _ in ADDED)
    (folder / "config.yml").write_text(config, "utf-8")
    for name, source, _ in ADDED:
        shutil.copy(source, folder / name)
    assert main(["build", "--config", str(folder / "config.yml")]) == 0
    return (folder / "site").as_uri() + "/"


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    folder = tmp_path_factory.mktemp("grown") / "reading-group"
    return folder, grow(folder)


def index_rows(page) -> dict[str, tuple[str, str, str]]:
    """Per row of the index: papers, ticked, last opened."""
    page.locator('[data-list="all"] [data-ticked]:not(:text("–"))').wait_for()
    return {
        row["list"]: (row["papers"], row["ticked"], row["opened"])
        for row in page.eval_on_selector_all(
            "[data-list]",
            "rows => rows.map(r => ({list: r.dataset.list, papers: r.children[1].textContent, "
            "ticked: r.querySelector('[data-ticked]').textContent, "
            "opened: r.querySelector('[data-opened]').textContent}))",
        )
    }


def ids_of(page) -> list[str]:
    return page.eval_on_selector_all("[data-paper-id]", "e => e.map(x => x.dataset.paperId)")


def tick(page, n: int) -> str:
    """Tick the page's n-th paper; give its id."""
    box = page.locator("[data-paper-id]").nth(n)
    box.locator("> input").check()
    return box.get_attribute("data-paper-id")


def test_a_0_1_0_project_grown_into_a_site_of_real_lists_keeps_one_set_of_picks(page, grown):
    folder, base = grown
    lists = {
        s: [p.id for p in read_list(f).papers]
        for s, f in zip(
            SLUGS, [PROJECT / "papers.md", *(source for _, source, _ in ADDED)], strict=True
        )
    }
    total = sum(map(len, lists.values()))
    restore(page, base + "index.html", KEPT["storage"])
    # The index, opened first: the 0.1.0 ticks are counted; no list page opened yet.
    page.goto(base + "index.html")
    rows = index_rows(page)
    assert rows == {
        "all": (str(total), "2", "never"),
        "reading-group": ("4", "2", "never"),
        "icml2024": ("76", "0", "never"),
        "iclr2014": ("69", "0", "never"),
        "automl23": ("24", "0", "never"),
    }
    # Ticks on two list pages of other shapes than the project's own.
    open_page(page, base + "icml2024.html")
    icml = [tick(page, 3), tick(page, 40)]
    go(page, base + "iclr2014.html")
    iclr = [tick(page, 0)]
    go(page, base + "all.html")
    assert ids_of(page) == [i for s in SLUGS for i in lists[s]]  # no paper on two lists
    picks = KEPT["ticked"] + icml + iclr
    assert sorted(ticked_ids(page)) == sorted(picks)
    assert page.locator("#count").inner_text() == f"5 of {total} ticked"
    # Its CSV: List first, list order then paper order, the bytes 'paperpick export' writes.
    with page.expect_download() as info:
        act(page, "download-csv")
    data = info.value.path().read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows] == ["List"] + ["My reading list"] * 2 + ["ICML 2024 Papers"] * 2 + [
        "iclr2014"
    ]
    config = read_config(folder / "config.yml")
    combined = combine(config, [read_list(lst.file) for lst in config.lists])
    columns = site_columns(config, combined)
    assert data == export_site(combined, "csv", columns, set(picks))
    # Its BibTeX and Markdown: the same picks, the bytes 'paperpick export -f bibtex|md' writes.
    for action, fmt, name in (
        ("download-bibtex", "bibtex", "selected_all_papers.bib"),
        ("download-md", "md", "selected_all_papers.md"),
    ):
        with page.expect_download() as info:
            act(page, action)
        assert info.value.suggested_filename == name
        assert info.value.path().read_bytes() == export_site(combined, fmt, columns, set(picks))
    # A tick made on all.html, on the BibTeX list's paper, shows on that list's page.
    automl = page.locator(f'[data-paper-id="{lists["automl23"][5]}"] > input')
    automl.check()
    go(page, base + "automl23.html")
    assert ticked_ids(page) == [lists["automl23"][5]]
    go(page, base + "reading-group.html")
    assert sorted(ticked_ids(page)) == sorted(KEPT["ticked"])
    assert page.locator("#notices").inner_text().strip() == ""  # no pick named as missing
    # The index: each list's picks, each page's last opening.
    page.wait_for_timeout(300)
    page.goto(base + "index.html")
    rows = index_rows(page)
    assert {k: v[1] for k, v in rows.items()} == {
        "all": "6",
        "reading-group": "2",
        "icml2024": "2",
        "iclr2014": "1",
        "automl23": "1",
    }
    assert "never" not in [v[2] for v in rows.values()]
    # The list's key of earlier versions still holds its picks, for a page built by 0.1.0.
    old = json.loads(page.evaluate("localStorage.getItem('paperpick:v1:reading-group')"))
    assert sorted(old["ticked"]) == sorted(KEPT["ticked"])
    assert page.console_errors == []


def shared_ids(page) -> list[str]:
    page.locator("[data-shared]").wait_for()
    return sorted(page.eval_on_selector_all(".paper.shared", "e => e.map(x => x.dataset.paperId)"))


def open_link(page, url: str, link: str) -> None:
    page.goto("about:blank")
    open_page(page, url + "#" + link.split("#", 1)[1])


def test_links_of_0_1_0_and_of_the_site_open_on_their_list_and_on_all(page, grown):
    base = grown[1]
    restore(page, base + "index.html", KEPT["storage"])
    # Ana's link, made by 0.1.0 on the project's one page: on all.html and on its list's.
    for where in ("all.html", "reading-group.html"):
        open_link(page, base + where, KEPT["share_link"])
        assert shared_ids(page) == sorted(KEPT["shared"])
        assert "match no paper here" not in page.locator("[data-shared]").inner_text()
    # A link made on the JSON list's page, and one made on all.html with picks of three lists.
    open_page(page, base + "iclr2014.html")
    iclr = tick(page, 2)
    act(page, "share")
    from_iclr = page.input_value("input[data-share-link]")
    go(page, base + "all.html")
    automl = tick(page, len(ids_of(page)) - 1)
    act(page, "share")
    from_all = page.input_value("input[data-share-link]")
    page.wait_for_timeout(300)
    page.evaluate("localStorage.clear()")  # a reader with nothing kept
    open_link(page, base + "all.html", from_iclr)
    assert shared_ids(page) == [iclr]
    open_link(page, base + "iclr2014.html", from_iclr)
    assert shared_ids(page) == [iclr]
    open_link(page, base + "all.html", from_all)
    assert shared_ids(page) == sorted(KEPT["ticked"] + [iclr, automl])
    # As ballots on all.html, with Ana's: votes on papers of three lists.
    votes = ballots(page, base + "all.html", {"Ana": KEPT["share_link"], "Bo": from_all})
    # Ana's and Bo's picks do not overlap.
    assert votes == dict.fromkeys(KEPT["shared"] + KEPT["ticked"] + [iclr, automl], 1)
    assert page.console_errors == []


def test_two_projects_of_0_1_0_on_one_origin_keep_their_picks_apart(page, tmp_path):
    """Every project 'paperpick new' made in 0.1.0 is titled 'My paper picks' with no
    site_id; their slugs (their folders' names) kept their ticks apart on one origin (all
    of file://, one user's GitHub Pages), and still do once they are sites."""
    ours, theirs = grow(tmp_path / "reading-group"), grow(tmp_path / "lab", "lab")
    lab_kept = [KEPT["papers"][2]["id"]]  # the lab's reader ticked paper 3 alone
    storage = {**KEPT["storage"], "paperpick:v1:lab": json.dumps({"v": 1, "ticked": lab_kept})}
    restore(page, ours + "index.html", storage)
    open_page(page, ours + "all.html")
    go(page, theirs + "all.html")
    assert ticked_ids(page) == lab_kept
    tick(page, 5)  # an ICML paper, on the lab's site only
    go(page, ours + "reading-group.html")
    assert sorted(ticked_ids(page)) == sorted(KEPT["ticked"])
    go(page, ours + "icml2024.html")
    assert ticked_ids(page) == []
    go(page, theirs + "lab.html")
    assert ticked_ids(page) == lab_kept
    assert page.locator("#notices").inner_text().strip() == ""
