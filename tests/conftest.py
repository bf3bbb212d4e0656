"""Shared fixtures: throw-away projects, built pages, and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from generator.cli import main

# Property tests never fail on a busy machine's timing, and on CI they replay the same
# examples every run (a new random find there would block a change that did not cause it;
# local runs keep exploring).
settings.register_profile("paperpick", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("ci" if os.environ.get("CI") else "paperpick")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHIPPED_LIST = ROOT / "icml2024_papers.md"
CHROMIUM = os.environ.get("PAPERPICK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Give a throw-away project folder as the current folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def mixed_list(n: int) -> str:
    """A list like bench/'s: math, emphasis, links, code, lists, Chinese, extra fields."""
    spec = importlib.util.spec_from_file_location("bench_gen", ROOT / "bench" / "gen.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return gen.generate(n, seed=7)


def build_lists(folder: Path, lists: dict[str, str], config: str | None = None) -> Path:
    """Write lists (name -> Markdown) and an optional config into folder, build, return site/."""
    for name, text in lists.items():
        (folder / name).write_text(text, encoding="utf-8")
    if config is None:
        config = "lists:\n" + "".join(f"  - file: {name}\n" for name in lists)
    (folder / "config.yml").write_text(config, encoding="utf-8")
    code = main(["build", "--config", str(folder / "config.yml")])
    assert code == 0
    return folder / "site"


@pytest.fixture
def shipped_site(tmp_path_factory) -> Path:
    """Build the shipped ICML 2024 list into a fresh folder; give its site/."""
    folder = tmp_path_factory.mktemp("shipped")
    shutil.copy(SHIPPED_LIST, folder / SHIPPED_LIST.name)
    shutil.copy(ROOT / "config.yml", folder / "config.yml")
    assert main(["build", "--config", str(folder / "config.yml")]) == 0
    return folder / "site"


# --- browser -------------------------------------------------------------------------------


def _browser_required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("PAPERPICK_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium once for the session (headless)."""
    if not Path(CHROMIUM).exists():
        if _browser_required():
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """Give a fresh browser context (its own storage), closed after the test."""
    ctx = browser.new_context(accept_downloads=True)
    # A browser that keeps the page's storage for good when asked (as Chromium does for a
    # site in use), so the page's "may clear what you keep" notice is not in every test's
    # notices; tests/browser/test_triage.py tries both answers.
    ctx.add_init_script("if (navigator.storage) navigator.storage.persist = async () => true;")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """Give a fresh page that records console errors and requests leaving the page."""
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve_dir():
    """Serve folders over http://127.0.0.1 on a free port; call with a folder, get its URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
