"""paperpick benchmark: generate big lists, time the build, measure the page in Chromium.

    python bench/run.py                          # 1k, 10k, 30k papers; table to bench/out/
    python bench/run.py --sizes 1000,10000 --no-browser
    python bench/run.py --profile                # also a cProfile of an in-process build
    python bench/run.py --plain                  # the plain lists of the first round
    python bench/run.py --real eccv2022.json     # a real list too (converted first)

Lists are of mixed content (abstracts with math, links, emphasis, code, lists: see
bench/gen.py). Each build is timed against a straightforward pipeline doing the same job
(bench/reference.py), run in turns with it on the same list, so both see the same load.
Prints a Markdown table (sizes as columns, metrics as rows, with the issue's target)
and writes it to OUT/results.md. Generated lists and sites stay in OUT (git-ignored).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import os
import platform
import pstats
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import edit  # noqa: E402  (bench/edit.py, beside this file)
import gen  # noqa: E402

# (key, label, target, format)
ROWS = [
    ("build_s", "whole `paperpick build` (best of N)", "", "{:.2f} s"),
    ("build_cpu_s", "build CPU time, user + sys (best of N)", "", "{:.2f} s"),
    ("ref_s", "reference pipeline (best of N)", "", "{:.2f} s"),
    ("ref_cpu_s", "reference CPU time, user + sys (best of N)", "", "{:.2f} s"),
    ("ratio", "build / reference, wall", "≤ 0.7× (aim 0.5×)", "{:.2f}×"),
    ("ratio_cpu", "build / reference, CPU", "", "{:.2f}×"),
    (
        "edit_reload_s",
        "serve: save one edit to reload sent (median)",
        "< 1 s (aim 0.3 s)",
        "{:.2f} s",
    ),
    ("edit_reload_max_s", "serve: save one edit to reload sent (worst)", "< 1 s", "{:.2f} s"),
    ("edit_served_s", "serve: save one edit to new page served (median)", "", "{:.2f} s"),
    ("edit_cpu_s", "serve: the server's CPU time per edit (median)", "", "{:.2f} s"),
    ("source_mb", "source list", "", "{:.1f} MB"),
    ("page_mb", "page, raw", "", "{:.1f} MB"),
    ("page_ratio", "page / source bytes", "≤ 1.2×", "{:.2f}×"),
    ("page_gz_mb", "page, gzip", "", "{:.2f} MB"),
    ("assets_gz_kb", "JS + CSS, gzip", "≤ 20 KB", "{:.1f} KB"),
    ("first_paint_ms", "first paint", "< 300 ms (at 30k)", "{:.0f} ms"),
    ("load_ms", "page load (loadEventEnd)", "≲ 1.6 s at 10k", "{:.0f} ms"),
    ("tick_ready_ms", "time until a tick works", "", "{:.0f} ms"),
    ("tick_one_ms", "one tick, click to screen", "", "{:.0f} ms"),
    ("search_key_median_ms", "search, key until settled (median)", "< 50 ms", "{:.0f} ms"),
    ("search_key_max_ms", "search, key until settled (worst)", "< 50 ms", "{:.0f} ms"),
    ("search_paint_median_ms", "search, key to paint (median)", "< 50 ms", "{:.0f} ms"),
    ("search_paint_max_ms", "search, key to paint (worst)", "< 50 ms", "{:.0f} ms"),
    ("search_cpu_median_ms", "search, main-thread CPU per key (median)", "", "{:.0f} ms"),
    ("search_cpu_max_ms", "search, main-thread CPU per key (worst)", "", "{:.0f} ms"),
    ("show_all_ms", "show all again (clear search)", "< 250 ms", "{:.0f} ms"),
    ("show_all_cpu_ms", "show all again, main-thread CPU", "", "{:.0f} ms"),
    ("tick_all_ms", "tick all (`tick-matching`)", "< 250 ms", "{:.0f} ms"),
    ("tick_all_cpu_ms", "tick all, main-thread CPU", "", "{:.0f} ms"),
    ("csv_all_ms", "CSV of all (`download-csv`)", "< 300 ms (30k: < 1 s)", "{:.0f} ms"),
    ("csv_cpu_ms", "CSV of all, main-thread CPU", "", "{:.0f} ms"),
    ("js_heap_mb", "renderer JS heap (after GC)", "linear", "{:.1f} MB"),
    ("dom_nodes", "DOM nodes (CDP)", "", "{:,}"),
]


def fmt(value, pattern: str) -> str:
    if value is None:
        return "n/a"
    return pattern.format(value)


def label_size(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _run(command: list[str], checkout: Path = ROOT) -> tuple[float, float]:
    """Run a command with a checkout's generator; give its wall and CPU (user + sys of the
    child and its workers) times in seconds.

    CPU time is less disturbed than wall time when other processes share the cores.
    """
    env = dict(os.environ, PYTHONPATH=str(checkout) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # `python -m` puts the current folder first on the path: another checkout runs in its own.
    cwd = None if checkout == ROOT else checkout
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def time_builds(list_path: Path, out_dir: Path, repeat: int) -> dict:
    """Build `repeat` times with paperpick and with the reference, in turns; keep the best."""
    build = [sys.executable, "-m", "generator", "build", str(list_path), "-o", str(out_dir)]
    ref_out = out_dir.parent / f"{out_dir.name}-reference.html"
    reference = [sys.executable, str(HERE / "reference.py"), str(list_path), str(ref_out)]
    times: dict[str, list[tuple[float, float]]] = {"build": [], "ref": []}
    for _ in range(repeat):
        times["build"].append(_run(build))
        times["ref"].append(_run(reference))
    r = {}
    for key, runs in times.items():
        r[f"{key}_s"] = min(wall for wall, _ in runs)
        r[f"{key}_cpu_s"] = min(cpu for _, cpu in runs)
    r["ratio"] = r["build_s"] / r["ref_s"]
    r["ratio_cpu"] = r["build_cpu_s"] / r["ref_cpu_s"]
    return r


INLINE_ASSET = re.compile(rb"<style>(.*?)</style>|<script>(.*?)</script>", re.DOTALL)


def assets_gz_kb(page: bytes) -> float:
    """Gzip the stylesheet and scripts inlined in a built page (not the JSON data)."""
    parts = [m.group(1) or m.group(2) or b"" for m in INLINE_ASSET.finditer(page)]
    return len(gzip.compress(b"".join(parts), 9)) / 1024


def profile_split(list_path: Path, out_dir: Path, cprofile_to: Path | None) -> dict:
    """Time the build's stages in process: parse, render Markdown, templates + JSON, write."""
    from generator import page as page_mod
    from generator import render as render_mod
    from generator.build import build, default_theme_dir, read_list, read_theme, write_site
    from generator.config import config_for_lists

    config = config_for_lists([list_path], out_dir)
    lst = config.lists[0]
    clock = time.process_time  # CPU time: less disturbed by other processes than wall time
    t = {}
    t0 = clock()
    theme = read_theme(default_theme_dir())
    t["theme"] = clock() - t0

    t0 = clock()
    parsed = read_list(list_path)
    t["parse"] = clock() - t0

    field = getattr(render_mod, "render_field", None)
    slow_path = render_mod.render_markdown
    slow = [0]

    def counting(text: str) -> str:
        slow[0] += 1
        return slow_path(text)

    render_mod.render_markdown = counting
    t0 = clock()
    for paper in parsed.papers:
        render_mod.render_title(paper.title)
        render_mod.render_abstract(paper.abstract)
        if field:
            for _, value in paper.fields:
                field(value)
    t["markdown"] = clock() - t0
    render_mod.render_markdown = slow_path
    t["slow_abstracts"] = slow[0]
    t["papers"] = len(parsed.papers)

    t0 = clock()
    html = page_mod.render_list_page(config, lst, parsed, theme)
    t["page_total"] = clock() - t0
    t["templates_json"] = max(t["page_total"] - t["markdown"], 0.0)

    t0 = time.perf_counter()
    write_site(out_dir, {"index.html": html})
    t["write"] = time.perf_counter() - t0  # wall: mostly the kernel's work

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import generator.cli"], env=env, check=True)
    t["startup_imports"] = max(time.perf_counter() - t0 - bare, 0.0)
    t["python_start"] = bare

    if cprofile_to:
        prof = cProfile.Profile()
        prof.enable()
        build(config)
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
        cprofile_to.write_text(buf.getvalue(), encoding="utf-8")
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,30000", help="papers per list, comma-separated")
    ap.add_argument("--out", default=str(HERE / "out"), help="folder for lists, sites, results")
    ap.add_argument("--repeat", type=int, default=3, help="builds per size (best is kept)")
    ap.add_argument("--loads", type=int, default=3, help="page loads per size (best is kept)")
    ap.add_argument("--loads-big", type=int, default=1, help="page loads above 10k papers")
    ap.add_argument("--seed", type=int, default=20240)
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    ap.add_argument("--no-split", action="store_true", help="skip the in-process stage timing")
    ap.add_argument("--profile", action="store_true", help="write a cProfile per size to OUT")
    ap.add_argument("--plain", action="store_true", help="plain abstracts (the first round's)")
    ap.add_argument("--edits", type=int, default=5, help="edits timed in serve per size")
    ap.add_argument("--edit-max", type=int, default=10_000, help="no serve edits above this")
    ap.add_argument(
        "--real", action="append", default=[], help="a real list too (any format paperpick reads)"
    )
    args = ap.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cases = [
        (label_size(n), gen.write_list(n, out / "lists", args.seed, mixed=not args.plain), n)
        for n in (int(s) for s in args.sizes.split(",") if s.strip())
    ]
    cases += [real_case(Path(real), out / "lists") for real in args.real]
    started = time.perf_counter()
    results: dict[str, dict] = {}
    splits: dict[str, dict] = {}
    for n, list_path, papers in cases:
        r: dict = {}
        site = out / f"site-{list_path.stem}"
        print(f"[{n}] building x{args.repeat} ...", file=sys.stderr, flush=True)
        r.update(time_builds(list_path, site, args.repeat))
        page = site / "index.html"
        source = list_path.stat().st_size
        data = page.read_bytes()
        r["source_mb"] = source / 1e6
        r["page_mb"] = len(data) / 1e6
        r["page_ratio"] = len(data) / source
        r["page_gz_mb"] = len(gzip.compress(data, 6)) / 1e6
        r["assets_gz_kb"] = assets_gz_kb(data)
        if args.edits and papers <= args.edit_max:
            print(f"[{n}] serve, {args.edits} edits ...", file=sys.stderr, flush=True)
            r.update(edit.measure(list_path, args.edits))
        if not args.no_split:
            print(f"[{n}] stage split ...", file=sys.stderr, flush=True)
            prof = out / f"profile-{list_path.stem}.txt" if args.profile else None
            splits[n] = profile_split(list_path, out / f"split-{list_path.stem}", prof)
        if not args.no_browser:
            print(f"[{n}] chromium ...", file=sys.stderr, flush=True)
            from browser import measure

            loads = args.loads if papers <= 10_000 else args.loads_big
            r.update(measure(page, loads=loads, verbose=True))
        results[n] = r
        print(f"[{n}] done at {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    labels = [label for label, _, _ in cases]
    report = render_report(labels, results, splits, args, time.perf_counter() - started)
    print(report)
    (out / "results.md").write_text(report, encoding="utf-8")
    return 0


def real_case(source: Path, folder: Path) -> tuple[str, Path, int]:
    """Convert a real list to paperpick's Markdown (what the reference pipeline reads)."""
    from generator.build import read_list

    folder.mkdir(parents=True, exist_ok=True)
    converted = folder / f"{source.stem}.md"
    _run([sys.executable, "-m", "generator", "convert", str(source), "-o", str(converted)])
    papers = len(read_list(converted).papers)
    return f"{source.stem} ({papers:,})", converted, papers


def render_report(sizes, results, splits, args, elapsed: float) -> str:
    heads = list(sizes)
    lines = [
        "| metric | " + " | ".join(heads) + " | target (10k unless noted) |",
        "|---|" + "---:|" * len(sizes) + "---|",
    ]
    for key, label, target, pattern in ROWS:
        if all(key not in results[n] for n in sizes):
            continue
        cells = [fmt(results[n].get(key), pattern) for n in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    git = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    note = (
        f"\n{'Plain' if args.plain else 'Mixed'} lists. "
        f"Commit {git}, Python {platform.python_version()}, {machine}; "
        f"builds best of {args.repeat}, page loads best of {args.loads} "
        f"({args.loads_big} above 10k); load average {os.getloadavg()[0]:.1f}; "
        f"bench took {elapsed:.0f} s. `n/a`: the page has no such control (yet).\n"
    )
    text = "\n".join(lines) + "\n" + note
    if splits:
        text += (
            "\nBuild, stage by stage (in process, one run; CPU seconds except python start, "
            "imports and write, which are wall):\n\n"
        )
        keys = [
            ("python_start", "python start"),
            ("startup_imports", "imports (generator + deps)"),
            ("theme", "read theme"),
            ("parse", "read + parse list"),
            ("markdown", "render titles, abstracts, fields"),
            ("templates_json", "templates + page JSON (rest of render_list_page)"),
            ("write", "write"),
        ]
        ss = [n for n in sizes if n in splits]
        text += "| stage | " + " | ".join(ss) + " |\n"
        text += "|---|" + "---:|" * len(ss) + "\n"
        for key, label in keys:
            text += f"| {label} | " + " | ".join(f"{splits[n][key]:.3f} s" for n in ss) + " |\n"
        text += (
            "| texts through markdown-it (`render_markdown`) | "
            + " | ".join(f"{splits[n]['slow_abstracts']} / {splits[n]['papers']}" for n in ss)
            + " |\n"
        )
    return text


if __name__ == "__main__":
    raise SystemExit(main())
