"""paperpick serve: served page, live reload in a real browser, errors shown, clean stop."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.build import default_theme_dir
from generator.cli import main
from generator.config import read_config
from generator.serve import Site, Watcher, add_sources, is_page, relax_csp

ROOT = Path(__file__).resolve().parent.parent
WAIT = 30  # seconds; an upper bound only, never an assertion on speed

PAPER = """## {n}. {title}

- [ ] {title} | https://example.org/{n}

- **Link**: https://example.org/{n}

- **Conference**: ICML

- **Year**: 2024

<details>
<summary><strong>Abstract</strong></summary>

Abstract of paper {n}.

</details>

---
"""


def paper_list(*titles: str, link: str | None = None) -> str:
    """Write a list of papers; link replaces the first paper's link (to break it)."""
    text = "# Served list\n\n" + "".join(
        PAPER.format(n=n, title=t) for n, t in enumerate(titles, 1)
    )
    if link is not None:
        text = text.replace("- **Link**: https://example.org/1", f"- **Link**: {link}", 1)
    return text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A `paperpick serve` child process and what it printed."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.url = f"http://127.0.0.1:{port}/"
        self.out: list[str] = []
        self.err: list[str] = []
        self.changed = threading.Condition()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # A shell that starts a job in the background (nohup ... &) makes it ignore SIGINT,
            # and the child would inherit that: give it the terminal's Ctrl+C back.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, lines), daemon=True).start()

    def _read(self, stream, lines: list[str]) -> None:
        for line in stream:
            with self.changed:
                lines.append(line.rstrip("\n"))
                self.changed.notify_all()

    def wait_for(self, lines: list[str], *texts: str, start: int = 0) -> str:
        """Wait until a line from index start on holds every text; give that line."""
        deadline = time.monotonic() + WAIT
        with self.changed:
            while True:
                for line in lines[start:]:
                    if all(text in line for text in texts):
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    pytest.fail(f"no line with {texts!r}; stdout={self.out} stderr={self.err}")
                self.changed.wait(min(left, 0.5))

    def get(self, path: str = "") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=WAIT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")

    def stop(self) -> int:
        """Press Ctrl+C; give the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=WAIT)
            pytest.fail("serve did not stop on Ctrl+C")


@pytest.fixture
def served(tmp_path):
    """Serve a two-paper project on a free port; stop it (Ctrl+C) afterwards."""
    (tmp_path / "papers.md").write_text(paper_list("First paper", "Second paper"), "utf-8")
    (tmp_path / "config.yml").write_text("title: Served\nlists:\n  - file: papers.md\n", "utf-8")
    server = Served(tmp_path, free_port())
    server.wait_for(server.out, "serving site/ at")
    yield server
    server.stop()


def wait_until_connected(page, url: str) -> None:
    """Open url and wait for livereload's client to finish its websocket handshake."""
    # Listen before the page loads: on a fast machine the client's "info" frame is sent
    # before a listener added after expect_websocket returns could see it.
    sent = threading.Event()

    def on_socket(ws) -> None:
        ws.on("framesent", lambda frame: '"info"' in str(frame) and sent.set())

    page.on("websocket", on_socket)
    try:
        page.goto(url)
        deadline = time.monotonic() + WAIT
        while not sent.is_set():
            if time.monotonic() > deadline:
                pytest.fail(f"livereload's client at {url} did not say hello within {WAIT} s")
            page.wait_for_timeout(50)  # lets Playwright deliver the socket's events
    finally:
        page.remove_listener("websocket", on_socket)


def edit(path: Path, text: str) -> None:
    """Save new text with a newer mtime, even on a coarse-clock file system."""
    before = path.stat().st_mtime
    path.write_text(text, "utf-8")
    if path.stat().st_mtime <= before:
        os.utime(path, (before + 1, before + 1))


# --- plain HTTP -------------------------------------------------------------------------


def test_serves_the_page_with_live_reload_added_only_to_the_response(served):
    status, body = served.get()
    assert status == 200
    assert "First paper" in body
    assert "/livereload.js" in body
    assert "connect-src ws://127.0.0.1:" in body.replace("&#x27;", "'")
    on_disk = (served.folder / "site" / "index.html").read_text("utf-8")
    assert "livereload" not in on_disk
    assert "connect-src" not in on_disk
    assert served.get("livereload.js")[0] == 200
    assert served.get("no-such-file.css")[0] == 404
    assert served.get("../config.yml")[0] == 404


def test_edit_rebuilds_and_broken_edit_keeps_serving_until_fixed(served):
    papers = served.folder / "papers.md"
    edit(papers, paper_list("Renamed paper", "Second paper"))
    served.wait_for(served.out, "papers.md", "changed: built 1 list, 2 papers")
    assert "Renamed paper" in served.get()[1]

    good_page = (served.folder / "site" / "index.html").read_bytes()
    edit(papers, paper_list("Renamed paper", "Second paper", link="ftp://nowhere"))
    line = served.wait_for(served.err, "link must start with http")
    assert line.startswith("error: papers.md:")
    assert line.split(":")[2].strip().isdigit()  # error: FILE:LINE: message
    status, body = served.get()
    assert status == 500
    assert "papers.md:" in body and "ftp://nowhere" in body
    assert served.get("index.html")[0] == 500
    assert (served.folder / "site" / "index.html").read_bytes() == good_page
    assert served.proc.poll() is None

    out_before = len(served.out)
    edit(papers, paper_list("Fixed paper", "Second paper"))
    served.wait_for(served.out, "papers.md", "changed: built", start=out_before)
    status, body = served.get()
    assert status == 200
    assert "Fixed paper" in body
    for file in (served.folder / "site").rglob("*"):
        if file.is_file():
            assert b"livereload" not in file.read_bytes(), file


def test_error_page_escapes_the_error_text(served):
    edit(
        served.folder / "config.yml",
        "lists:\n  - file: papers.md\n'<img src=x onerror=alert(1)>': 1\n",
    )
    served.wait_for(served.err, "unknown key")
    status, body = served.get()
    assert status == 500
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_ctrl_c_stops_cleanly(served):
    assert served.stop() == 0
    assert "stopped" in served.out
    assert not any("Traceback" in line for line in served.err), served.err


def test_a_list_added_to_the_config_is_watched_too(served):
    (served.folder / "more.md").write_text(paper_list("More"), "utf-8")
    edit(
        served.folder / "config.yml",
        "title: Served\nlists:\n  - file: papers.md\n  - file: more.md\n",
    )
    served.wait_for(served.out, "config.yml", "changed: built 2 lists, 3 papers")
    start = len(served.out)
    edit(served.folder / "more.md", paper_list("More", "Even more"))
    served.wait_for(served.out, "more.md", "changed: built 2 lists, 4 papers", start=start)
    assert "Even more" in served.get("more.html")[1]


def test_first_build_failing_still_serves_the_error(tmp_path):
    (tmp_path / "papers.md").write_text(paper_list("A", link="ftp://x"), "utf-8")
    (tmp_path / "config.yml").write_text("lists:\n  - file: papers.md\n", "utf-8")
    server = Served(tmp_path, free_port())
    try:
        server.wait_for(server.err, "error: papers.md:")
        server.wait_for(server.out, "serving the build error at")
        status, body = server.get()
        assert status == 500 and "ftp://x" in body
        edit(tmp_path / "papers.md", paper_list("A"))
        server.wait_for(server.out, "papers.md", "changed: built 1 list, 1 paper")
        assert server.get()[0] == 200
    finally:
        assert server.stop() == 0


def test_port_taken_is_one_clear_error(project, capsys):
    (project / "papers.md").write_text(paper_list("A"), "utf-8")
    (project / "config.yml").write_text("lists:\n  - file: papers.md\n", "utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"error: port {port} on 127.0.0.1 is taken (another server?); choose another with --port"
    ]
    assert not (project / "site").exists()


# --- in a real browser ------------------------------------------------------------------


def test_open_page_reloads_itself_on_edit_error_and_fix(served, page):
    papers = served.folder / "papers.md"
    wait_until_connected(page, served.url)
    page.evaluate("window.__notReloaded = true")
    assert page.locator("[data-paper-id]").count() == 2

    edit(papers, paper_list("Live edited paper", "Second paper", "Third paper"))
    # Locator waits, not wait_for_function: the page's CSP (rightly) forbids eval.
    page.locator("[data-paper-id]").nth(2).wait_for(timeout=WAIT * 1000)
    assert page.evaluate("window.__notReloaded") is None  # the page reloaded by itself
    assert "Live edited paper" in page.content()

    wait_until_connected(page, served.url)
    edit(papers, paper_list("Live edited paper", link="ftp://broken"))
    page.wait_for_selector("#paperpick-build-error", timeout=WAIT * 1000)
    assert "ftp://broken" in page.inner_text("#paperpick-build-error")

    wait_until_connected(page, served.url)
    edit(papers, paper_list("Recovered paper"))
    page.wait_for_selector("[data-paper-id]", timeout=WAIT * 1000)
    assert "Recovered paper" in page.content()
    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == []


# --- pieces -----------------------------------------------------------------------------


def test_theme_edit_is_seen_and_a_broken_template_is_reported(project):
    theme = project / "theme"
    shutil.copytree(default_theme_dir(), theme)
    (project / "papers.md").write_text(paper_list("A"), "utf-8")
    (project / "config.yml").write_text("lists:\n  - file: papers.md\n", "utf-8")
    said, errors = [], []
    site = Site(
        lambda: read_config(project / "config.yml"),
        project / "config.yml",
        theme,
        said.append,
        errors.append,
    )
    assert site.rebuild() is not None
    watcher = Watcher()
    watcher.follow(site.watched(), site.mtimes)
    assert watcher.changes() == []
    (theme / ".list.html.swp").write_text("an editor's scratch file", "utf-8")
    assert watcher.changes() == []

    template = theme / "list.html"
    edit(template, template.read_text("utf-8") + "\n{% if %}\n")
    assert watcher.changes() == [str(template.resolve())]
    assert watcher.changes() == []
    assert site.rebuild() is None
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{template}:")
    assert str(errors[0]).split(":")[1].isdigit()
    assert site.error and site.error[0].startswith("error: ")


def test_relax_csp_adds_live_reload_and_keeps_the_rest():
    page = (
        '<head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; '
        "script-src &#39;sha256-abc=&#39;; style-src &#39;sha256-def=&#39;; "
        'img-src data:"></head>'
    )
    relaxed = relax_csp(page, "127.0.0.1:8000")
    policy = relaxed.split('content="')[1].split('"')[0].replace("&#x27;", "'")
    assert policy == (
        "default-src 'none'; "
        "script-src 'sha256-abc=' http://127.0.0.1:8000/livereload.js; "
        "style-src 'sha256-def='; img-src data:; connect-src ws://127.0.0.1:8000"
    )


def test_add_sources_replaces_none():
    assert add_sources("script-src 'none'", "script-src", ["x"]) == "script-src x"


@pytest.mark.parametrize(
    ("path", "page"),
    [("", True), ("index.html", True), ("icml2024.html", True), ("sub/", True), ("a.css", False)],
)
def test_is_page(path, page):
    assert is_page(path) is page
