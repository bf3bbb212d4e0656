"""Type a search key by key on built pages, in turns, and split each key's main-thread CPU.

    python bench/keys.py BEFORE.html AFTER.html [--rounds 3] [--query "..."] [--typing 100]

Each page is open in its own tab; every round types the query on each page in turn (real
key presses, 300 ms apart), so all pages see the same load. Per key it reads from a
Chromium trace the main thread's CPU of the key's own task plus the frame that paints it
(what delays the next paint: the part a reader waits for), and the CPU of what runs after
(highlights and passages deferred past the first screen), and from Event Timing the key's
latency to the next paint (steps of 8 ms). Prints median, 90th percentile and worst per page,
and each page's slowest keys (round, the query typed so far, latency, CPU): which keys a
change must make faster, and whether a slow one was slow in its own CPU or waited for a core.
CPU time is disturbed far less than wall time when other processes share the cores.

With --typing MS, each round then types the query again at MS a key, as a reader types (no
trace): a key that comes while what the key before deferred still runs waits for it, and
Event Timing counts that wait in the key's latency (its input delay). The worst of these is
the worst keystroke a reader typing at that speed meets.
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_ARGS, INIT_SCRIPT, QUERY, TASKS, main_thread_events


def _key_and_rest(trace: bytes) -> tuple[float, float]:
    """Give the CPU ms of the key's task and its painting frame, and of the other tasks."""
    inner = main_thread_events(trace)
    tasks = [e for e in inner if e["name"] in TASKS]

    def holds(task: dict, names: set[str]) -> bool:
        end = task["ts"] + task["dur"]
        return any(e["name"] in names and task["ts"] <= e["ts"] <= end for e in inner)

    key = next((t for t in tasks if holds(t, {"EventDispatch"})), None)
    frame = key and next(
        (t for t in tasks if t["ts"] > key["ts"] and holds(t, {"Paint", "PrePaint"})), None
    )
    own = sum(t.get("tdur", 0) for t in (key, frame) if t) / 1000
    return own, sum(t.get("tdur", 0) for t in tasks) / 1000 - own


def _type_along(page, query: str, gap: int) -> list[float]:
    """Type query at gap ms a key; give each key's latency to paint (Event Timing, ms)."""
    page.wait_for_timeout(1000)
    seen = page.evaluate("window.__bench.events.length")
    page.keyboard.type(query, delay=gap)
    page.wait_for_timeout(1000)
    by_key: dict[int, float] = {}
    for interaction, ms in page.evaluate(f"window.__bench.events.slice({seen})"):
        by_key[interaction] = max(by_key.get(interaction, 0), ms)
    page.fill("input[type=search]", "")
    # a key under 16 ms is not reported: it counts as 16, as in the traced keys
    return list(by_key.values()) + [16] * (len(query) - len(by_key))


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(len(ordered) * 0.9)]
    return f"{statistics.median(values):.0f} / {p90:.0f} / {max(values):.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", nargs="+", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--query", default=QUERY)
    ap.add_argument("--typing", type=int, default=0, help="also type at MS a key (0: no)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    got = {p: ([], [], []) for p in args.pages}
    typed: dict[Path, list[float]] = {p: [] for p in args.pages}
    slow: dict[Path, list[tuple]] = {p: [] for p in args.pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tabs = {}
        for path in args.pages:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(INIT_SCRIPT)
            tabs[path] = context.new_page()
            tabs[path].goto(path.resolve().as_uri(), wait_until="load", timeout=300_000)
        for r in range(args.rounds):
            for path, page in tabs.items():
                page.bring_to_front()
                page.wait_for_timeout(1000)
                page.focus("input[type=search]")
                for k, key in enumerate(args.query):
                    seen = page.evaluate("window.__bench.events.length")
                    browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline"])
                    page.keyboard.press(key)
                    page.wait_for_timeout(300)
                    own, rest = _key_and_rest(browser.stop_tracing())
                    by_key: dict[int, float] = {}
                    for interaction, ms in page.evaluate(f"window.__bench.events.slice({seen})"):
                        by_key[interaction] = max(by_key.get(interaction, 0), ms)
                    got[path][0].append(max(by_key.values(), default=16))
                    got[path][1].append(own)
                    got[path][2].append(rest)
                    slow[path].append((got[path][0][-1], own, rest, r + 1, args.query[: k + 1]))
                page.fill("input[type=search]", "")
                if args.typing:
                    typed[path] += _type_along(page, args.query, args.typing)
            print(f"round {r + 1}: load average {os.getloadavg()[0]:.1f}", flush=True)
        browser.close()
    print("\n| page | key to paint | key task + frame, CPU | deferred, CPU |")
    print("|---|---:|---:|---:|")
    for path, (latency, own, rest) in got.items():
        print(f"| {path} | {_summary(latency)} | {_summary(own)} | {_summary(rest)} |")
    print("\n(median / 90th percentile / worst of every key of every round)")
    if args.typing:
        print(f"\n| page | key to paint, typed at {args.typing} ms a key |\n|---|---:|")
        for path, latency in typed.items():
            print(f"| {path} | {_summary(latency)} |")
    for path, keys in slow.items():
        print(f"\nslowest keys of {path} (round, typed, key to paint, key CPU, deferred CPU):")
        for latency, own, rest, r, typed in sorted(keys, reverse=True)[:5]:
            print(f"  {r} {typed!r}: {latency:.0f} ms, {own:.0f} ms, {rest:.0f} ms")


if __name__ == "__main__":
    main()
