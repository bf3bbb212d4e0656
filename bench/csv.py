"""Time the CSV of all papers on built pages, in turns in one browser.

    python bench/csv.py BEFORE.html AFTER.html [--rounds 6]

Each page is opened, everything is ticked (tick-matching), then, round after round and page
after page, the CSV is downloaded: the time from the click to the download's Blob (the page
makes it in the click's task), the renderer's main-thread CPU (from a trace, as bench/browser.py
reads it), the whole renderer's CPU (all its threads: the collector's helpers too), the
collections in the main thread (major and minor: count, wall ms / CPU ms) and the file's
bytes and SHA-256 (the pages must give the same file). The machine's load average is printed
beside each round: wall times move with it, CPU far less. Prints one line per round, then
medians (and min, max) per page.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CHROMIUM, CHROMIUM_ARGS, INIT_SCRIPT, main_thread_events

CLICK = """
async () => {
  window.__bench.blobAt = null;
  const t0 = performance.now();
  document.querySelector('[data-action="download-csv"]').click();
  return window.__bench.blobAt === null ? null : window.__bench.blobAt - t0;
}
"""
TICK_ALL = "() => document.querySelector('[data-action=\"tick-matching\"]').click()"
CATEGORIES = ["toplevel", "devtools.timeline"]
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")


def read_trace(trace: bytes) -> tuple[float, str]:
    """Give a trace's main-thread CPU ms and its collections (count, wall ms / CPU ms)."""
    cpu, gc = 0.0, {"MajorGC": [0, 0.0, 0.0], "MinorGC": [0, 0.0, 0.0]}
    for e in main_thread_events(trace):
        if e["name"] in TASKS:
            cpu += e.get("tdur", 0) / 1000
        if e["name"] in gc:
            g = gc[e["name"]]
            g[0] += 1
            g[1] += e["dur"] / 1000
            g[2] += e.get("tdur", 0) / 1000
    return cpu, " ".join(f"{k[:5]} {n}x {w:.0f}/{c:.0f}" for k, (n, w, c) in gc.items())


def open_page(browser, path: Path):
    """Open a page in a fresh context and tick every paper; give the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=180_000)
    page.wait_for_timeout(1500)  # the search texts are built after the first paint
    page.evaluate(TICK_ALL)
    page.wait_for_timeout(1000)
    return page


def renderer_cpu(cdp) -> float:
    """Give the CPU seconds of all renderer processes so far."""
    info = cdp.send("SystemInfo.getProcessInfo")["processInfo"]
    return sum(p["cpuTime"] for p in info if p["type"] == "renderer")


def one_round(browser, cdp, page) -> dict:
    """Download the CSV once; give its figures."""
    page.wait_for_timeout(500)
    load, before = os.getloadavg()[0], renderer_cpu(cdp)
    with page.expect_download(timeout=120_000) as download:
        browser.start_tracing(page=page, categories=CATEGORIES)
        blob = page.evaluate(CLICK)
        page.wait_for_timeout(300)
        cpu, gc = read_trace(browser.stop_tracing())
    data = Path(download.value.path()).read_bytes()
    page.wait_for_timeout(200)
    renderer = (renderer_cpu(cdp) - before) * 1000
    sha = hashlib.sha256(data).hexdigest()[:12]
    return {
        "blob": blob,
        "cpu": cpu,
        "renderer": renderer,
        "load": load,
        "gc": gc,
        "bytes": len(data),
        "sha": sha,
    }


def spread(values: list[float], digits: int = 0) -> str:
    """Say median (min-max)."""
    median, low, high = (
        f"{v:.{digits}f}" for v in (statistics.median(values), *sorted(values)[:: len(values) - 1])
    )
    return f"{median} ({low}-{high})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", nargs="+", type=Path)
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    seen: dict[Path, list[dict]] = {p: [] for p in args.pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cdp = browser.new_browser_cdp_session()
        pages = {p: open_page(browser, p) for p in args.pages}
        for n in range(args.rounds):
            for path, page in pages.items():
                r = one_round(browser, cdp, page)
                seen[path].append(r)
                print(f"{path} round {n}: " + json.dumps(r), flush=True)
        browser.close()
    for path, rs in seen.items():
        blob, cpu, renderer = (spread([r[k] for r in rs]) for k in ("blob", "cpu", "renderer"))
        load, files = spread([r["load"] for r in rs], 1), sorted({r["sha"] for r in rs})
        print(
            f"{path}: click to Blob {blob} ms, main-thread CPU {cpu} ms, "
            f"renderer CPU {renderer} ms, load {load}; files {files}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
