"""Helpers for the page's browser tests: small lists, opening pages, reading ticks."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time

import pytest

from generator.cli import main
from tests.conftest import ROOT, SHIPPED_LIST, _QuietHandler, build_lists


def entry(n: int, title: str, link: str, ticked: bool = False, abstract: str = "", extra=()) -> str:
    """One paper in the shipped list's format."""
    lines = [f"## {n}. {title}", "", f"- [{'x' if ticked else ' '}] {title} | {link}", ""]
    lines += [f"- **Link**: {link}", "", "- **Conference**: ICML", "", "- **Year**: 2024", ""]
    for name, value in extra:
        lines += [f"- **{name}**: {value}", ""]
    if abstract:
        lines += ["<details>", "<summary><strong>Abstract</strong></summary>", "", abstract, ""]
        lines += ["</details>", ""]
    lines += ["---", ""]
    return "\n".join(lines)


def paper_list(title: str, entries: list[str]) -> str:
    return f"# {title}\n\n" + "\n".join(entries)


SMALL = paper_list(
    "Small list",
    [
        entry(1, "Robotic grasping with vision", "https://example.org/1", abstract="Robots grasp."),
        entry(2, "Language models that read", "https://example.org/2", ticked=True),
        entry(3, "Vision transformers at scale", "https://example.org/3", abstract="Scale."),
    ],
)


def open_page(page, url: str):
    """Open a paperpick page and wait until its script has run."""
    page.goto(url)
    page.locator("#toolbar").wait_for(state="visible")
    return page


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a script expression until it is truthy. page.evaluate goes over CDP, which the
    page's CSP allows; wait_for_function polls with eval, which the CSP rightly refuses
    (it passed only when the first look already found the expression true)."""
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


def act(page, action: str) -> None:
    """Click a command button, opening first the toolbar menu that holds it, as a reader does."""
    menu = page.locator(f'[popover]:has([data-action="{action}"]):not(:popover-open)')
    if menu.count():
        page.click(f'[popovertarget="{menu.get_attribute("id")}"]')
    page.locator(f'[data-action="{action}"]').first.click()


def reload(page) -> None:
    """Reload a page a moment after its last save. Chromium writes localStorage to the
    browser process asynchronously: a reload at once (file:// on a busy machine) could read
    the value from before; a reader who reloads never comes within milliseconds of a tick."""
    page.wait_for_timeout(300)
    page.reload()


def ticked_ids(page) -> list[str]:
    """Ids of the ticked papers, as the page shows them."""
    return page.eval_on_selector_all(
        "[data-paper-id]:has(input[type=checkbox]:checked)",
        "els => els.map(e => e.dataset.paperId)",
    )


def paper_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-paper-id]", "els => els.map(e => e.dataset.paperId)")


def stored(page, slug: str):
    """A list's ticks under the key earlier versions read (still written, per list)."""
    return page.evaluate(f"localStorage.getItem('paperpick:v1:{slug}')")


def site_key(page) -> str:
    """The key under which the open page's site keeps its picks."""
    data = page.evaluate("JSON.parse(document.getElementById('paperpick-data').textContent)")
    return "paperpick:site:v1:" + data["site"]


@pytest.fixture
def small_site(tmp_path_factory):
    """A three-paper list (the second marked [x]), built into its own folder."""
    folder = tmp_path_factory.mktemp("small")
    return build_lists(folder, {"small.md": SMALL})


@pytest.fixture(params=["file", "http"])
def small_url(request, small_site, serve_dir):
    """The small list's page, once from file:// and once over http://127.0.0.1."""
    if request.param == "file":
        return (small_site / "index.html").as_uri()
    return serve_dir(small_site) + "index.html"


@pytest.fixture(scope="session")
def shipped_once(tmp_path_factory):
    """The shipped list built once for the browser tests (each test still gets fresh storage)."""
    folder = tmp_path_factory.mktemp("shipped-once")
    shutil.copy(SHIPPED_LIST, folder / SHIPPED_LIST.name)
    shutil.copy(ROOT / "config.yml", folder / "config.yml")
    assert main(["build", "--config", str(folder / "config.yml")]) == 0
    site = folder / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def shipped_url(shipped_once):
    """The shipped list's page over http://127.0.0.1."""
    return shipped_once[1] + "index.html"


@pytest.fixture
def shipped_file_url(shipped_once):
    """The shipped list's page from file://."""
    return (shipped_once[0] / "index.html").as_uri()
