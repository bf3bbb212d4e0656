"""Serve the site on localhost; rebuild on every change and reload the open browser."""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import mimetypes
import os
import re
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateError
from livereload.handlers import LiveReloadJSHandler
from tornado import ioloop, netutil, web, websocket

from .build import BuildResult, build, default_theme_dir, shown
from .cache import RenderCache
from .config import Config
from .errors import PaperpickError
from .page import sha256_source

DEFAULT_PORT = 8000
PORTS_TO_TRY = 20  # with no --port: 8000, else the next free one up to 8019
CSP_META = re.compile(
    r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE
)
SAFE_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:\d+$")  # host:port, as the browser named it
POLL_SECONDS = 0.1  # how often the watched files are looked at: a save shows within this


class ServeError(PaperpickError):
    """The server cannot start (port taken, address not available)."""


def is_page(path: str) -> bool:
    """Tell whether a request path asks for a page (answered by the error page after a failure)."""
    name = path.rsplit("/", 1)[-1]
    return name == "" or name.endswith((".html", ".htm")) or "." not in name


def add_sources(policy: str, directive: str, sources: list[str]) -> str:
    """Add sources to one directive of a CSP, creating it or replacing 'none'."""
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    for i, part in enumerate(parts):
        name, _, value = part.partition(" ")
        if name.lower() == directive:
            kept = [v for v in value.split() if v != "'none'"]
            parts[i] = " ".join([name, *kept, *sources])
            break
    else:
        parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


def relax_csp(page: str, host: str) -> str:
    """Let the page's CSP load livereload's script and open its websocket."""

    def widen(match: re.Match) -> str:
        policy = html.unescape(match.group(2))
        policy = add_sources(policy, "script-src", [f"http://{host}/livereload.js"])
        policy = add_sources(policy, "connect-src", [f"ws://{host}"])
        return match.group(1) + html.escape(policy, quote=True) + match.group(3)

    return CSP_META.sub(widen, page, count=1)


def add_live_reload(page: str, host: str) -> str:
    """Add livereload's script (which reloads the page when told) and let the CSP allow it.

    host is 'name:port' as the browser reached the server; the script connects back to it.
    """
    port = host.rsplit(":", 1)[-1]
    tag = f'<script src="http://{host}/livereload.js?port={port}"></script>'
    head_end = page.find("</head>")
    if head_end >= 0:
        page = page[:head_end] + tag + page[head_end:]
    return relax_csp(page, host)


ERROR_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;"
    "color:#1a1a1a;background:#fff}h1{color:#b00020;font-size:1.4rem}"
    "pre{white-space:pre-wrap;background:#fdecee;border-left:4px solid #b00020;padding:1rem;"
    "font-size:.95rem}@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}"
    "h1{color:#ff7a8a}pre{background:#3a1c21}}"
)


def error_page(lines: list[str]) -> str:
    """Render the page shown in place of the site while the last build has failed."""
    csp = f"default-src 'none'; style-src {sha256_source(ERROR_STYLE)}; base-uri 'none'"
    text = "\n".join(html.escape(line) for line in lines)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Build failed · paperpick</title><style>{ERROR_STYLE}</style></head>"
        '<body><main><h1>The last build failed</h1><pre id="paperpick-build-error">'
        f"{text}</pre><p>Fix the file and save it: this page reloads by itself. "
        "The site on disk is still the last good build.</p></main></body></html>\n"
    )


class Site:
    """What is being served: the last good output folder, or the last build error."""

    def __init__(
        self,
        load_config: Callable[[], Config],
        config_file: Path | None,
        theme_dir: Path,
        say: Callable[[str], None],
        complain: Callable[[PaperpickError], None],
        warn: Callable[[PaperpickError], None] | None = None,
    ):
        self.load_config = load_config
        self.warn = warn or (lambda w: say(f"warning: {w}"))
        self.config_file = config_file
        self.theme_dir = theme_dir
        self.say = say
        self.complain = complain
        self.root: Path | None = None
        self.error: list[str] | None = None
        self.sources: list[Path] = []
        self.mtimes: dict[str, Stamp] = {}  # of config and lists, taken before the last build
        self.caches: dict[str, RenderCache] = {}  # each list's rendered papers, by its slug

    def watched(self) -> list[Path]:
        """List what a change of triggers a rebuild: config, every list, the theme folder."""
        paths = [self.config_file] if self.config_file else []
        return [*paths, *self.sources, self.theme_dir]

    def rebuild(self) -> BuildResult | None:
        """Build once; on failure keep the old site on disk and remember the error to show."""
        try:
            before = stamps([self.config_file])
            config = self.load_config()
            self.sources = [lst.file for lst in config.lists]
            self.mtimes = {**before, **stamps(self.sources)}
            result = build(config, self.theme_dir, self.caches)
        except PaperpickError as err:
            self._failed(err)
            return None
        except TemplateError as err:
            # A broken theme edit: say where, like any other user mistake.
            where = getattr(err, "filename", None) or str(self.theme_dir)
            line = getattr(err, "lineno", None)
            self._failed(PaperpickError(f"template error: {err.message}", where, line))
            return None
        except Exception as err:  # a dev server must outlive any one bad build
            self._failed(PaperpickError(f"build crashed: {type(err).__name__}: {err}"))
            return None
        self.root = config.output
        self.error = None
        for warning in result.warnings:
            self.warn(warning)
        return result

    def _failed(self, err: PaperpickError) -> None:
        self.complain(err)
        self.error = [f"error: {line}" for line in str(err).splitlines()]

    def file_for(self, path: str) -> Path | None:
        """Find the file of the output folder a request path names; None if there is none."""
        if self.root is None:
            return None
        root = self.root.resolve()
        file = (root / path).resolve()
        if file.is_dir():
            file = file / "index.html"
        if file != root and root not in file.parents:
            return None  # ../ out of the output folder
        return file if file.is_file() else None


class SiteHandler(web.RequestHandler):
    """Serve the output folder, never cached, with a CSP that lets live reload in."""

    def initialize(self, site: Site, fallback_host: str) -> None:
        """Keep what every response needs."""
        self.site = site
        self.fallback_host = fallback_host

    def set_default_headers(self) -> None:
        """Make the browser ask again after every reload."""
        self.set_header("Cache-Control", "no-store")

    def compute_etag(self) -> None:
        """Send no ETag: pages change under the same name."""
        return None

    def get(self, path: str) -> None:
        """Serve a file of the site, or the build error in place of a page."""
        host = self.request.host if SAFE_HOST.match(self.request.host or "") else None
        host = host or self.fallback_host
        if self.site.error is not None and is_page(path):
            self.set_status(500)
            self._send_html(error_page(self.site.error), host)
            return
        file = self.site.file_for(path)
        if file is None:
            raise web.HTTPError(404)
        data = file.read_bytes()
        if file.suffix in (".html", ".htm"):
            self._send_html(data.decode("utf-8", errors="replace"), host)
            return
        kind, _ = mimetypes.guess_type(file.name)
        self.set_header("Content-Type", kind or "application/octet-stream")
        self.finish(data)

    def _send_html(self, page: str, host: str) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(add_live_reload(page, host).encode("utf-8"))


Stamp = tuple[int, int]  # a file's mtime (ns) and size: either changes when it is saved


class Watcher:
    """Look at the watched files' stamps; say which changed since the last look."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.seen: dict[str, Stamp] = {}

    def follow(self, paths: list[Path], known: dict[str, Stamp]) -> None:
        """Watch these paths too, as of the stamps known (taken before the build that read them)."""
        for path in paths:
            if path.resolve() not in self.paths:
                self.paths.append(path.resolve())
                self.seen.update(file_stamps(path.resolve()))
                self.seen.update({k: v for k, v in known.items() if k == str(path.resolve())})

    def changes(self) -> list[str]:
        """Give the watched files saved, made or removed since the last look, by path."""
        now: dict[str, Stamp] = {}
        for path in self.paths:
            now.update(file_stamps(path))
        changed = sorted(k for k in now.keys() | self.seen.keys() if now.get(k) != self.seen.get(k))
        self.seen = now
        return changed


def file_stamps(path: Path) -> dict[str, Stamp]:
    """Stamp a file, or every file under a folder but scratch files, by resolved path."""
    if not path.is_dir():
        return stamps([path])
    files: list[Path | None] = []
    for folder, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not _scratch(d)]
        files += [Path(folder, n) for n in names if not _scratch(n)]
    return stamps(files)


def stamps(paths: list[Path | None]) -> dict[str, Stamp]:
    """Give the stamp of each existing file, by resolved path."""
    found = {}
    for path in paths:
        try:
            if path is not None:
                stat = path.stat()
                found[str(path.resolve())] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            pass
    return found


def _scratch(path: str) -> bool:
    """Tell a scratch file in the theme folder (an editor's backup, a tool's temp file)."""
    name = Path(path).name
    return name.startswith((".", "#")) or name.endswith(("~", ".tmp", ".swp", ".swx", ".bak"))


PROTOCOL = "http://livereload.com/protocols/official-7"
RELOAD = json.dumps({"command": "reload", "path": "*", "liveCSS": False, "liveImg": False})


class ReloadSocket(websocket.WebSocketHandler):
    """Speak livereload.js's protocol: answer its hello, and tell open pages to reload."""

    def initialize(self, pages: set[ReloadSocket]) -> None:
        """Keep the set of open pages, which this socket joins once its page says hello."""
        self.pages = pages

    def on_message(self, message: str | bytes) -> None:
        """Answer livereload.js's hello; count the page as open when it sends its info."""
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            return
        if command == "hello":
            hello = {"command": "hello", "protocols": [PROTOCOL], "serverName": "paperpick"}
            self.write_message(json.dumps(hello))
        elif command == "info":
            self.pages.add(self)

    def on_close(self) -> None:
        """Forget a closed page."""
        self.pages.discard(self)


def reload_pages(pages: set[ReloadSocket]) -> None:
    """Tell every open page to reload itself."""
    for page in list(pages):
        try:
            page.write_message(RELOAD)
        except websocket.WebSocketClosedError:
            pages.discard(page)


def _quiet(handler: web.RequestHandler) -> None:
    """Log no request (each failed build's 500 would be); paperpick says what matters itself."""


def make_app(site: Site, pages: set[ReloadSocket], fallback_host: str) -> web.Application:
    """Route livereload's socket and script, and every other path to the site."""
    return web.Application(
        [
            (r"/livereload", ReloadSocket, {"pages": pages}),
            (r"/livereload.js", LiveReloadJSHandler),
            (r"/(.*)", SiteHandler, {"site": site, "fallback_host": fallback_host}),
        ],
        log_function=_quiet,
    )


def port_is_free(host: str, port: int) -> bool:
    """Tell whether the server could listen on host:port (bound the way tornado binds)."""
    try:
        sockets = netutil.bind_sockets(port, host)
    except OSError:
        return False
    for sock in sockets:
        sock.close()
    return True


def choose_port(host: str, port: int | None) -> tuple[int, str | None]:
    """Give the port to serve on and, if it is not the one asked for, a note saying why."""
    if port is not None:
        if not port_is_free(host, port):
            raise ServeError(
                f"port {port} on {host} is taken (another server?); choose another with --port"
            )
        return port, None
    for candidate in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TO_TRY):
        if port_is_free(host, candidate):
            note = None if candidate == DEFAULT_PORT else f"port {DEFAULT_PORT} is taken"
            return candidate, note
    raise ServeError(
        f"ports {DEFAULT_PORT}-{DEFAULT_PORT + PORTS_TO_TRY - 1} on {host} are all taken; "
        "choose one with --port"
    )


def is_loopback(host: str) -> bool:
    """Tell whether host only answers this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    load_config: Callable[[], Config],
    config_file: Path | None,
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    open_browser: bool = False,
    say: Callable[[str], None] = print,
    complain: Callable[[PaperpickError], None] = print,
    warn: Callable[[PaperpickError], None] | None = None,
    theme_dir: Path | None = None,
) -> int:
    """Build, serve on host:port, rebuild and reload on every change until Ctrl+C."""
    site = Site(load_config, config_file, theme_dir or default_theme_dir(), say, complain, warn)
    try:
        port, note = choose_port(host, port)
        result = site.rebuild()
        if result is not None:
            say(result.summary())
        url_host = f"[{host}]" if ":" in host else host
        url = f"http://{url_host}:{port}/"
        # A fresh event loop: tornado's implicit one is deprecated off the main thread.
        asyncio.set_event_loop(asyncio.new_event_loop())
        pages: set[ReloadSocket] = set()
        try:
            make_app(site, pages, f"{url_host}:{port}").listen(port, address=host)
        except OSError as err:
            raise ServeError(f"cannot listen on {host}:{port}: {err.strerror}") from None
        if note:
            say(f"{note}; using {port}")
        if not is_loopback(host):
            say(f"note: serving on {host} lets other machines on the network see the site")
        say(f"watching {', '.join(shown(p) for p in site.watched())}")
        say(
            f"serving {f'{shown(site.root)}/' if site.root else 'the build error'} at {url} "
            "(Ctrl+C stops)"
        )
        if open_browser:
            threading.Timer(0.3, webbrowser.open, [url]).start()
        watch(site, pages, say)
        ioloop.IOLoop.current().start()
    except KeyboardInterrupt:
        pass
    say("stopped")
    return 0


def watch(site: Site, pages: set[ReloadSocket], say: Callable[[str], None]) -> None:
    """Look for changes every POLL_SECONDS; on one, rebuild and reload the open pages."""
    watcher = Watcher()
    watcher.follow(site.watched(), site.mtimes)

    def look() -> None:
        changed = watcher.changes()
        if not changed:
            return
        names = ", ".join(sorted({shown(p) for p in changed}))
        result = site.rebuild()
        if result is not None:
            say(f"{names} changed: {result.summary()}")
        watcher.follow(site.watched(), site.mtimes)  # the config may name other lists now
        reload_pages(pages)

    ioloop.PeriodicCallback(look, POLL_SECONDS * 1000).start()
