"""paperpick benchmark of a site of several lists: its page of all lists (all.html).

    python bench/site.py                       # shipped list + 10k + 20k papers (about 30k)
    python bench/site.py --sizes 1000,2000 --no-browser

The shipped list and two generated lists (bench/gen.py, the second with links of its own,
so no paper is on both) make one site; it is built once (timed), then all.html is measured
in Chromium as bench/run.py measures a list's page, against bench's bars (page size beside
the lists', load, search, ...), and beside one generated list of as many papers built and
measured in the same run (--no-single: not). Prints a Markdown table and writes it to
OUT/site-results.md. Generated files stay in OUT (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import gen  # noqa: E402
from run import ROWS, _run, assets_gz_kb, fmt  # noqa: E402

SHOWN = {
    "build_s",
    "source_mb",
    "page_mb",
    "page_ratio",
    "page_gz_mb",
    "assets_gz_kb",
    "first_paint_ms",
    "load_ms",
    "tick_ready_ms",
    "tick_one_ms",
    "search_key_median_ms",
    "search_key_max_ms",
    "show_all_ms",
    "tick_all_ms",
    "csv_all_ms",
    "js_heap_mb",
    "dom_nodes",
}


def write_site(folder: Path, sizes: list[int], seed: int) -> Path:
    """Write the site's config and lists into folder; give the config's path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(gen.SHIPPED, folder / "icml2024_papers.md")
    lines = ["title: Benchmark site", "lists:", "  - file: icml2024_papers.md"]
    for k, n in enumerate(sizes):
        text = gen.generate(n, seed + k)
        # Links of their own for each generated list: no paper is on two of them.
        text = text.replace("https://example.org/", f"https://example.org/list{k}/")
        (folder / f"list{k}.md").write_text(text, encoding="utf-8")
        lines.append(f"  - file: list{k}.md")
    config = folder / "config.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def measure_page(page: Path, source: int, args) -> dict:
    """Measure a built page: its size beside its lists' (the page-size bar), then in Chromium."""
    data = page.read_bytes()
    r: dict = {
        "source_mb": source / 1e6,
        "page_mb": len(data) / 1e6,
        "page_ratio": len(data) / source,
        "page_gz_mb": len(gzip.compress(data, 6)) / 1e6,
        "assets_gz_kb": assets_gz_kb(data),
        "papers": data.count(b"data-paper-id="),
    }
    if not args.no_browser:
        print(f"chromium: {page.name} ...", file=sys.stderr, flush=True)
        from browser import measure

        r.update(measure(page, loads=args.loads, verbose=True))
    return r


def one_list(folder: Path, papers: int, seed: int) -> tuple[Path, int, float]:
    """Build one list of as many papers (bench/gen.py), to tell the page of all lists' own
    cost from a long page's; give its page, its source's size and the build's seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "one.md"
    path.write_text(gen.generate(papers, seed), encoding="utf-8")
    site = folder / "site"
    build = [sys.executable, "-m", "generator", "build", str(path), "-o", str(site)]
    return site / "index.html", path.stat().st_size, _run(build)[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,20000", help="papers of each generated list")
    ap.add_argument("--out", default=str(HERE / "out"), help="folder for lists, site, results")
    ap.add_argument("--loads", type=int, default=1, help="page loads (best is kept)")
    ap.add_argument("--seed", type=int, default=20240)
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    ap.add_argument("--no-single", action="store_true", help="skip the one list of as many papers")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    out = Path(args.out)
    config = write_site(out / "site-lists", sizes, args.seed)
    print("building ...", file=sys.stderr, flush=True)
    build = [sys.executable, "-m", "generator", "build", "--config", str(config)]
    source = sum(p.stat().st_size for p in config.parent.iterdir() if p.suffix == ".md")
    built = _run(build)[0]
    r = {"build_s": built, **measure_page(config.parent / "site" / "all.html", source, args)}
    columns = [r]
    if not args.no_single:
        page, size, built = one_list(out / "site-one", r["papers"], args.seed)
        columns.append({"build_s": built, **measure_page(page, size, args)})
    rows = [
        f"| {label} | {target} | " + " | ".join(fmt(c.get(key), pattern) for c in columns) + " |"
        for key, label, target, pattern in ROWS
        if key in SHOWN
    ]
    heads = ["all.html", "one list of as many"][: len(columns)]
    report = "\n".join(
        [
            f"# The page of all lists: the shipped list + {' + '.join(map(str, sizes))} papers",
            "",
            f"{r['papers']} papers on all.html; {time.strftime('%Y-%m-%d')}, load average "
            f"{os.getloadavg()[0]:.1f}. Beside it, measured in the same run: one generated list "
            "of as many papers (bench/gen.py), as bench/run.py measures a list.",
            "",
            "| metric | target | " + " | ".join(heads) + " |",
            "|---|---|" + "---|" * len(columns),
            *rows,
            "",
        ]
    )
    print(report)
    (out / "site-results.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
