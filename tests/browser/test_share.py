"""Share links, import and the Markdown/BibTeX downloads, in Chromium."""

from __future__ import annotations

import shutil

import pytest

from generator.cli import main
from generator.parser import parse_list
from tests.browser.conftest import act, entry, open_page, paper_list, reload, wait_until
from tests.browser.conftest import ticked_ids as ticked_in_order
from tests.conftest import SHIPPED_LIST, build_lists
from tests.test_export import parse_bibtex

PAPERS = [
    entry(1, "Robotic grasping with vision", "https://example.org/1", abstract="Robots grasp."),
    entry(2, "Language models that read", "https://example.org/2", ticked=True),
    entry(3, "Vision transformers at scale", "https://example.org/3", abstract="Scale."),
    entry(4, '=HYPERLINK("http://x") and RoboMP$^2$', "https://example.org/4", abstract="$x$"),
]


@pytest.fixture
def site(tmp_path_factory, serve_dir):
    """Four papers (the second [x]), served over http; give (folder, page URL)."""
    folder = tmp_path_factory.mktemp("share")
    build_lists(folder, {"share.md": paper_list("Share list", PAPERS)})
    return folder, serve_dir(folder / "site") + "index.html"


def ticked_ids(page):
    """The ticked papers' ids, sorted."""
    return sorted(ticked_in_order(page))


def ids_of(url_page, numbers):
    """Ids of papers by their 1-based position on the page."""
    all_ids = url_page.eval_on_selector_all("[data-paper-id]", "e => e.map(x => x.dataset.paperId)")
    return sorted(all_ids[n - 1] for n in numbers)


def tick(page, numbers):
    for n in numbers:
        page.locator("[data-paper-id] > input").nth(n - 1).check()


def make_link(browser, url, numbers, name=""):
    """Tick papers in a fresh context, press Share, give the link shown."""
    ctx = browser.new_context()
    page = open_page(ctx.new_page(), url)
    boxes = page.locator("[data-paper-id] > input")
    for n in range(1, boxes.count() + 1):
        boxes.nth(n - 1).set_checked(n in numbers)
    page.click('[data-action="share"]')
    if name:
        page.fill("input[data-share-name]", name)
    link = page.input_value("input[data-share-link]")
    ctx.close()
    return link


def test_share_link_shows_beside_mine_then_merge(browser, page, site):
    _, url = site
    link = make_link(browser, url, [1, 3], name="Ana")
    assert link.startswith(url + "#s=")
    assert len(link.split("#", 1)[1]) < 200
    open_page(page, url)
    mine = ticked_ids(page)
    assert mine == ids_of(page, [2])
    page.goto(link)
    reload(page)
    panel = page.locator("[data-shared]")
    panel.wait_for()
    assert "Ana's picks: 2 shared, 1 yours, 0 in both." in panel.inner_text()
    assert ticked_ids(page) == mine  # nothing changes before a choice
    page.click('[data-action="view-shared"]')
    shown = page.eval_on_selector_all(
        "[data-paper-id]:not(.out)", "e => e.map(x => x.dataset.paperId)"
    )
    assert sorted(shown) == ids_of(page, [1, 3])
    page.click('[data-action="merge-shared"]')
    assert ticked_ids(page) == ids_of(page, [1, 2, 3])
    assert "#s=" not in page.url
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert page.locator("[data-shared]").count() == 0
    assert ticked_ids(page) == ids_of(page, [1, 2, 3])
    assert page.console_errors == []


def test_replace_with_shared_can_be_undone(browser, page, site):
    _, url = site
    link = make_link(browser, url, [1, 4])
    open_page(page, url)
    page.goto(link)
    reload(page)
    page.locator("[data-shared]").wait_for()
    page.click('[data-action="replace-with-shared"]')
    assert ticked_ids(page) == ids_of(page, [1, 4])
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == ids_of(page, [1, 4])
    assert page.locator("[data-shared]").count() == 0
    page.goto(link)
    reload(page)
    page.locator("[data-shared]").wait_for()
    tick(page, [3])
    page.click('[data-action="replace-with-shared"]')
    assert "replaced by the 2 shared ones" in page.inner_text("#notices")
    page.click('#notices [data-action="undo"]')
    assert ticked_ids(page) == ids_of(page, [1, 3, 4])
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == ids_of(page, [1, 3, 4])


def test_dismiss_changes_nothing_and_forgets_the_link(browser, page, site):
    _, url = site
    link = make_link(browser, url, [3])
    page.goto(link)
    page.locator("[data-shared]").wait_for()
    page.click('[data-action="dismiss-shared"]')
    assert ticked_ids(page) == ids_of(page, [2])
    assert "#" not in page.url
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert page.locator("[data-shared]").count() == 0
    assert ticked_ids(page) == ids_of(page, [2])


@pytest.mark.parametrize(
    ("fragment", "says"),
    [
        ("#s=AAAA", "damaged"),
        ("#s=not-base64!", "damaged"),
        ("#s=KAQIDBEKUADxBhk", "no paper in this list"),  # a link of another list
    ],
)
def test_damaged_or_foreign_link_gives_a_notice_and_changes_nothing(page, site, fragment, says):
    _, url = site
    open_page(page, url + fragment)
    assert says in page.inner_text("#notices")
    assert page.locator("[data-shared]").count() == 0
    assert ticked_ids(page) == ids_of(page, [2])
    assert page.console_errors == []


def test_link_from_a_changed_list_reports_what_no_longer_matches(
    browser, page, tmp_path, serve_dir
):
    build_lists(tmp_path, {"share.md": paper_list("Share list", PAPERS)})
    url = serve_dir(tmp_path / "site") + "index.html"
    link = make_link(browser, url, [1, 3])
    first = open_page(page, url)
    gone = ids_of(first, [3])[0]
    changed = [
        PAPERS[0],
        PAPERS[1],
        PAPERS[3],
        entry(5, "A new paper", "https://example.org/5"),
        entry(6, "Another new paper", "https://example.org/6"),
    ]
    # The test server's Last-Modified counts whole seconds: a rebuild in the same second as
    # the first build would be answered "304 Not Modified" to the reload below.
    page.wait_for_timeout(1100)
    build_lists(tmp_path, {"share.md": paper_list("Share list", changed)})
    page.goto(link)
    reload(page)
    panel = page.locator("[data-shared]")
    panel.wait_for()
    assert "1 shared, 1 yours" in panel.inner_text()
    assert "1 shared pick matches no paper here" in panel.inner_text()
    page.click('[data-action="merge-shared"]')
    assert ticked_ids(page) == ids_of(page, [1, 2])
    assert gone not in ticked_ids(page)


def download(page, action):
    """Press a download button; give the file's name and bytes."""
    with page.expect_download() as info:
        act(page, action)
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def test_import_an_exported_csv_and_a_ticked_markdown_list(browser, page, site, tmp_path):
    _, url = site
    ctx = browser.new_context(accept_downloads=True)
    other = open_page(ctx.new_page(), url)
    tick(other, [1, 4])  # and 2, [x] in the list
    _, csv_bytes = download(other, "download-csv")
    md_name, md_bytes = download(other, "download-md")
    ctx.close()
    assert md_name == "selected_share_papers.md"
    (tmp_path / "picks.csv").write_bytes(csv_bytes)
    (tmp_path / "picks.md").write_bytes(md_bytes)
    (tmp_path / "junk.csv").write_bytes(b"Foo,Bar\r\n1,2\r\n")

    open_page(page, url)
    page.set_input_files("#share-box input[type=file]", str(tmp_path / "picks.csv"))
    wait_until(
        page, "() => document.querySelectorAll('[data-paper-id] > input:checked').length === 3"
    )
    assert ticked_ids(page) == ids_of(page, [1, 2, 4])
    assert "picks.csv: 3 of 3 matched" in page.inner_text("#notices")

    page.click("[data-paper-id] > input >> nth=0")
    page.click("[data-paper-id] > input >> nth=3")
    page.click("[data-paper-id] > input >> nth=1")
    assert ticked_ids(page) == []
    page.set_input_files("#share-box input[type=file]", str(tmp_path / "picks.md"))
    wait_until(
        page, "() => document.querySelectorAll('[data-paper-id] > input:checked').length === 3"
    )
    assert ticked_ids(page) == ids_of(page, [1, 2, 4])  # paper 2 was [x] in the list already

    page.set_input_files("#share-box input[type=file]", str(tmp_path / "junk.csv"))
    wait_until(page, "() => document.getElementById('notices').textContent.includes('junk.csv')")
    assert ticked_ids(page) == ids_of(page, [1, 2, 4])
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == ids_of(page, [1, 2, 4])


def test_downloads_match_the_export_command_byte_for_byte(page, tmp_path, serve_dir):
    """Tick papers of the shipped list on the page; the CLI gives the same bytes."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    shutil.copy(SHIPPED_LIST, folder / SHIPPED_LIST.name)
    assert main(["build", str(folder / SHIPPED_LIST.name), "-o", str(folder / "site")]) == 0
    open_page(page, serve_dir(folder / "site") + "index.html")
    picks = [1, 2, 12, 40, 50, 76]
    picks += [
        i + 1
        for i, title in enumerate(
            page.eval_on_selector_all(".paper .title", "e => e.map(x => x.textContent)")
        )
        if "RoboMP" in title or "$" in title
    ]
    tick(page, sorted(set(picks)))
    names = {}
    files = {}
    for action in ("download-csv", "download-md", "download-md-all", "download-bibtex"):
        names[action], files[action] = download(page, action)
    assert names == {
        "download-csv": "selected_icml2024_papers.csv",
        "download-md": "selected_icml2024_papers.md",
        "download-md-all": "selected_icml2024_papers_whole_list.md",
        "download-bibtex": "selected_icml2024_papers.bib",
    }
    picked = parse_list(files["download-md"].decode("utf-8"), "picks.md")
    assert [p.id for p in picked.papers] == ticked_in_order(page)  # the picks alone
    assert all(p.ticked for p in picked.papers)
    md_path = tmp_path / "ticked.md"  # the whole list, [x] on the picks: the list's workflow
    md_path.write_bytes(files["download-md-all"])
    parsed = parse_list(files["download-md-all"].decode("utf-8"), "ticked.md")
    assert len(parsed.papers) == 76
    assert [p.id for p in parsed.papers if p.ticked] == ticked_in_order(page)
    for fmt, action in (
        ("csv", "download-csv"),
        ("bibtex", "download-bibtex"),
        ("md", "download-md"),
    ):
        out = tmp_path / f"cli.{fmt}"
        assert main(["export", str(md_path), "-o", str(out), "--format", fmt]) == 0
        assert out.read_bytes() == files[action], fmt
    entries = parse_bibtex(files["download-bibtex"].decode("utf-8"))
    assert len(entries) == len(ticked_ids(page))
    assert page.console_errors == []


def test_copy_as_markdown_puts_titles_and_links_on_the_clipboard(browser, site):
    _, url = site
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = open_page(ctx.new_page(), url)
    tick(page, [1])
    act(page, "copy-md")
    wait_until(page, "() => document.getElementById('notices').textContent.includes('Copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text == (
        "- [Robotic grasping with vision](https://example.org/1)\n"
        "- [Language models that read](https://example.org/2)\n"
    )
    ctx.close()


def share_link_of(page):
    page.click('[data-action="share"]')
    return page.input_value("input[data-share-link]")


def test_share_link_carries_the_picks_not_the_search_or_view(browser, page, site):
    """The link is made from the picks at the moment of sharing, never from a search
    that the address bar shows (it lags the typing by design) or one typed since."""
    _, url = site
    open_page(page, url + "?q=vision&show=ticked")
    tick_id = ids_of(page, [1])[0]
    page.click('[data-action="show-all"]')
    page.locator("[data-paper-id] > input").nth(0).check()
    page.fill("input[type=search]", "language")  # and share at once, before the URL follows
    link = share_link_of(page)
    assert link.startswith(url + "#s="), link
    assert "?" not in link and "q=" not in link and "show=" not in link
    # The collaborator sees every paper, with the picks made just before sharing.
    ctx = browser.new_context()
    other = open_page(ctx.new_page(), link)
    other.locator("[data-shared]").wait_for()
    assert other.input_value("input[type=search]") == ""
    assert other.locator("[data-paper-id]:visible").count() == 4
    other.click('[data-action="view-shared"]')
    shown = other.eval_on_selector_all(
        "[data-paper-id]:not(.out)", "e => e.map(x => x.dataset.paperId)"
    )
    assert sorted(shown) == sorted([tick_id, *ids_of(page, [2])])
    ctx.close()


def test_a_link_only_this_computer_can_open_says_so(browser, tmp_path, serve_dir):
    """From file:// (or localhost) without `url` in config.yml the link opens only here;
    with `url` set the link uses it and nothing is added to "Link copied."."""
    site = build_lists(tmp_path, {"share.md": paper_list("Share list", PAPERS)})
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    for url in ((site / "index.html").as_uri(), serve_dir(site) + "index.html"):
        open_page(page, url)
        assert share_link_of(page).startswith(url + "#s=")
        page.click('[data-action="copy-share"]')
        status = page.locator("[data-share-status]")
        status.wait_for(state="attached")
        wait_until(page, "() => document.querySelector('[data-share-status]').textContent")
        assert "Link copied." in status.inner_text()
        assert "only on this computer" in status.inner_text()
        assert "url: in config.yml" in status.inner_text()
    public = tmp_path / "public"
    public.mkdir()
    site = build_lists(
        public,
        {"share.md": paper_list("Share list", PAPERS)},
        "url: https://example.org/picks\nlists:\n  - file: share.md\n",
    )
    open_page(page, (site / "index.html").as_uri())
    assert share_link_of(page).startswith("https://example.org/picks/#s=")
    page.click('[data-action="copy-share"]')
    wait_until(page, "() => document.querySelector('[data-share-status]').textContent")
    assert page.locator("[data-share-status]").inner_text() == "Link copied."
    ctx.close()


def test_merging_shared_picks_can_be_undone(browser, page, site):
    _, url = site
    link = make_link(browser, url, [3])
    page.goto(link)
    page.locator("[data-shared]").wait_for()
    page.click('[data-action="merge-shared"]')
    assert ticked_ids(page) == ids_of(page, [2, 3])
    page.click('#notices [data-action="undo"]')
    assert ticked_ids(page) == ids_of(page, [2])
    reload(page)
    page.locator("#toolbar").wait_for(state="visible")
    assert ticked_ids(page) == ids_of(page, [2])
