"""Measure a built page in headless Chromium: paint, load, tick, search, tick all, CSV, memory.

Every control is looked up by the page's stable test hooks (input[type=checkbox] inside
[data-paper-id], input[type=search], [data-action=...]); a control the page does not
have yet gives None ("n/a" in the table) instead of an error.

"Settled" below means: the page made its DOM changes for the action and a frame has been
drawn after the last one (what the page defers past its first frame counts too). A
MutationObserver counts changes; a requestAnimationFrame loop notes the frame in which
changes were last seen; the time is taken at the frame after that (double rAF, about
when pixels reach the screen), once nothing changed for QUIET ms.

Two more figures: a keystroke's latency as Chromium's Event Timing reports it for real key
presses (from the key to the next frame painted, in steps of 8 ms: what INP measures;
under 16 ms it is not reported and counts as 16), and each action's main-thread CPU time,
read from a trace (the thread time of its top-level tasks while the action and what it
defers run), which other processes on the machine disturb far less than wall times.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUERY = "vision language"

# Installed before the page's own scripts: watch the DOM, time frames, catch CSV blobs.
INIT_SCRIPT = """
(() => {
  const b = window.__bench = {mutations: 0, blobAt: null, blobSize: null, events: []};
  try {  // real key presses: from the key to the next paint (Event Timing)
    new PerformanceObserver((l) => l.getEntries().forEach((e) => {
      if (e.interactionId) b.events.push([e.interactionId, e.duration]); }))
      .observe({type: 'event', durationThreshold: 16, buffered: true});
  } catch (e) { /* no Event Timing: the rows say n/a */ }
  const start = () => {
    new MutationObserver((records) => { b.mutations += records.length; })
      .observe(document.documentElement, {subtree: true, childList: true,
        attributes: true, characterData: true});
  };
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, {once: true});
  const create = URL.createObjectURL;
  URL.createObjectURL = function (obj) {
    if (obj instanceof Blob) { b.blobAt = performance.now(); b.blobSize = obj.size; }
    return create.apply(this, arguments);
  };
  // Let a download link's click be seen without leaving the page.
  b.settle = (t0, quiet, limit) => new Promise((resolve) => {
    let seen = b.mutations, lastChange = null, changedFrame = false;
    const frame = () => {
      const now = performance.now();
      if (b.mutations !== seen) { seen = b.mutations; lastChange = now; changedFrame = true;
        requestAnimationFrame(frame); return; }
      if (changedFrame) { changedFrame = false; b.paintedAt = now; }
      if (lastChange !== null && now - lastChange >= quiet) {
        resolve({ms: b.paintedAt - t0, changed: true}); return; }
      if (lastChange === null && now - t0 >= limit) {
        resolve({ms: null, changed: false}); return; }
      if (now - t0 >= limit * 4) { resolve({ms: b.paintedAt - t0, changed: true}); return; }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
})();
"""

TICK_FIRST = """
async ([quiet, limit]) => {
  const box = document.querySelector('[data-paper-id] input[type=checkbox]');
  if (!box) return null;
  const t0 = performance.now();
  box.click();
  const r = await window.__bench.settle(t0, quiet, limit);
  return r.changed ? {at: t0 + r.ms, ms: r.ms} : null;
}
"""

TYPE_KEY = """
async ([value, quiet, limit]) => {
  const box = document.querySelector('input[type=search]');
  if (!box) return null;
  box.focus();
  const key = value.slice(-1) || 'Backspace';
  const t0 = performance.now();
  box.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
  box.value = value;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: value ?
    'insertText' : 'deleteContentBackward', data: value.slice(-1) || null}));
  box.dispatchEvent(new KeyboardEvent('keyup', {key, bubbles: true}));
  const r = await window.__bench.settle(t0, quiet, limit);
  return r.ms;
}
"""

CLICK_ACTION = """
async ([name, quiet, limit]) => {
  const button = document.querySelector(`[data-action="${name}"]`);
  if (!button || button.disabled || button.closest('[hidden]')) return null;
  window.__bench.blobAt = null;
  const t0 = performance.now();
  button.click();
  const r = await window.__bench.settle(t0, quiet, limit);
  return {ms: r.ms, blob: window.__bench.blobAt === null ? null : window.__bench.blobAt - t0,
          blobSize: window.__bench.blobSize};
}
"""

TIMINGS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint')
    .map((e) => [e.name, e.startTime]));
  return {fp: paint['first-paint'] ?? null, fcp: paint['first-contentful-paint'] ?? null,
          dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
}
"""

VISIBLE_PAPERS = """
() => {
  let n = 0;
  for (const el of document.querySelectorAll('[data-paper-id]'))
    if (el.checkVisibility({visibilityProperty: true})) n++;
  return n;
}
"""


TASKS = ("RunTask", "ThreadControllerImpl::RunTask")


def main_thread_events(trace: bytes) -> list[dict]:
    """Give the complete events of a trace's renderer main thread, in time order."""
    events = json.loads(trace)
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M"
        and e.get("name") == "thread_name"
        and e["args"].get("name") == "CrRendererMain"
    }
    return sorted(
        (e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) in main),
        key=lambda e: e["ts"],
    )


def main_thread_cpu(trace: bytes) -> float:
    """Give the renderer main thread's CPU milliseconds in a trace (its top-level tasks)."""
    return sum(e.get("tdur", 0) for e in main_thread_events(trace) if e["name"] in TASKS) / 1000


def cpu_of(browser, page, action, settle_ms: int = 300):
    """Run action(), wait settle_ms for what it defers; give (its result, main-thread CPU ms)."""
    browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline"])
    try:
        result = action()
        page.wait_for_timeout(settle_ms)
    finally:
        trace = browser.stop_tracing()
    return result, main_thread_cpu(trace)


def type_for_real(browser, page, query: str) -> tuple[list[float], list[float]]:
    """Type query key by key as a reader does; give each key's latency and CPU (ms)."""
    latency, cpu = [], []
    page.focus("input[type=search]")
    for key in query:
        seen = page.evaluate("window.__bench.events.length")
        _, ms = cpu_of(browser, page, lambda k=key: page.keyboard.press(k))
        events = page.evaluate(f"window.__bench.events.slice({seen})")
        by_key: dict[int, float] = {}
        for interaction, duration in events:
            by_key[interaction] = max(by_key.get(interaction, 0), duration)
        latency.append(max(by_key.values(), default=16))
        cpu.append(ms)
    return latency, cpu


def _median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _best(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return min(values) if values else None


def measure(
    page_path: Path, loads: int = 3, quiet: int = 120, limit: int = 1500, verbose: bool = False
) -> dict:
    """Measure one built page; give a dict of metric name -> value (None when n/a)."""
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()

    def step(what: str) -> None:
        if verbose:
            elapsed = time.perf_counter() - started
            print(f"    {elapsed:6.1f} s  {what}", file=sys.stderr, flush=True)

    url = page_path.resolve().as_uri()
    out: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # Loads: a fresh context (fresh storage) each time; best of `loads`.
            fps, loads_ms, ticks = [], [], []
            for _ in range(loads):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(INIT_SCRIPT)
                page = context.new_page()
                page.goto(url, wait_until="domcontentloaded", timeout=120_000)
                step("domcontentloaded")
                tick = page.evaluate(TICK_FIRST, [quiet, limit])
                ticks.append(tick["at"] if tick else None)
                step("first tick")
                page.wait_for_load_state("load", timeout=120_000)
                page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r()))")
                t = page.evaluate(TIMINGS)
                fps.append(t["fp"] if t["fp"] is not None else t["fcp"])
                loads_ms.append(t["load"])
                step("loaded")
                context.close()
            out["first_paint_ms"] = _best(fps)
            out["load_ms"] = _best(loads_ms)
            out["tick_ready_ms"] = _best(ticks)

            # Interactions, on one more fresh load.
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, accept_downloads=True
            )
            context.add_init_script(INIT_SCRIPT)
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=120_000)
            step("loaded for interactions")
            page.wait_for_timeout(300)
            tick = page.evaluate(TICK_FIRST, [quiet, limit])
            out["tick_one_ms"] = tick["ms"] if tick else None
            if tick:  # untick again, so "tick all" starts from the list's own state
                page.evaluate(TICK_FIRST, [quiet, limit])

            keys = []
            if page.is_visible("input[type=search]"):
                for i in range(1, len(QUERY) + 1):
                    keys.append(page.evaluate(TYPE_KEY, [QUERY[:i], quiet, limit]))
                    if keys[0] is None:  # the page does not react to typing (yet)
                        break
                out["search_shown"] = page.evaluate(VISIBLE_PAPERS)
                out["show_all_ms"], out["show_all_cpu_ms"] = cpu_of(
                    browser, page, lambda: page.evaluate(TYPE_KEY, ["", quiet, limit])
                )
                if keys[0] is not None:
                    latency, cpu = type_for_real(browser, page, QUERY)
                    out["search_paint_median_ms"] = _median(latency)
                    out["search_paint_max_ms"] = max(latency)
                    out["search_cpu_median_ms"] = _median(cpu)
                    out["search_cpu_max_ms"] = max(cpu)
                    page.evaluate(TYPE_KEY, ["", quiet, limit])
            else:
                out["show_all_ms"] = None
            step("search")
            real = [k for k in keys if k is not None]
            out["search_key_median_ms"] = _median(real)
            out["search_key_max_ms"] = max(real) if real else None

            r, out["tick_all_cpu_ms"] = cpu_of(
                browser, page, lambda: page.evaluate(CLICK_ACTION, ["tick-matching", quiet, limit])
            )
            out["tick_all_ms"] = r["ms"] if r else None
            step("tick all")

            out["csv_all_ms"] = None
            if page.query_selector('[data-action="download-csv"]'):
                try:
                    t0 = time.perf_counter()
                    with page.expect_download(timeout=30_000) as dl:
                        r, out["csv_cpu_ms"] = cpu_of(
                            browser,
                            page,
                            lambda: page.evaluate(CLICK_ACTION, ["download-csv", quiet, limit]),
                        )
                    wall = (time.perf_counter() - t0) * 1000
                    path = dl.value.path()
                    out["csv_bytes"] = Path(path).stat().st_size if path else None
                    out["csv_all_ms"] = r["blob"] if r and r["blob"] is not None else wall
                except Exception:  # no download came: the control is not working yet
                    out["csv_all_ms"] = None

            step("csv")
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            out["js_heap_mb"] = metrics.get("JSHeapUsedSize", 0) / 1024 / 1024
            out["dom_nodes"] = int(metrics.get("Nodes", 0)) or page.evaluate(
                "() => document.getElementsByTagName('*').length"
            )
            step("memory")
            context.close()
        finally:
            browser.close()
    return out
