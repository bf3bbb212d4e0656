"""Time `paperpick build` of two checkouts and the reference pipeline in turns, on one list.

    python bench/turns.py --before /tmp/old-checkout [--size 10000] [--repeat 7]

A before/after figure on a shared machine: each round builds with the checkout named by
--before, with this one, then runs bench/reference.py, so that all three see the same
load. Reports each one's CPU time (user + sys of the process and its workers: what other
processes disturb least) and wall time, best and median, their ratios to the reference,
and the load average before and after. The checkout named by --before is any folder
holding paperpick's generator/ and theme/ (`git worktree add` or `git archive | tar -x`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402  (bench/gen.py, beside this file)
from run import _run  # noqa: E402


def commands(before: Path | None, list_path: Path, out: Path) -> dict[str, tuple[list, Path]]:
    """Give each contender's command and the folder it runs in (its checkout comes first
    on the path: `python -m` puts the current folder there)."""
    build = [sys.executable, "-m", "generator", "build", str(list_path)]
    reference = [sys.executable, str(HERE / "reference.py"), str(list_path)]
    found = {"after": ([*build, "-o", str(out / "after")], ROOT)}
    if before is not None:
        found = {"before": ([*build, "-o", str(out / "before")], before), **found}
    found["reference"] = ([*reference, str(out / "reference.html")], ROOT)
    return found


def rounds(contenders: dict, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Run every contender once per round, in turns; give each one's (wall, CPU) runs."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, (command, folder) in contenders.items():
            times[name].append(_run(command, folder))
    return times


def report(times: dict[str, list[tuple[float, float]]], loads: tuple[float, float]) -> str:
    """Give a Markdown table: best and median CPU and wall, and each ratio to the reference."""
    ref = times["reference"]
    ref_cpu = min(c for _, c in ref), statistics.median(c for _, c in ref)
    ref_wall = min(w for w, _ in ref), statistics.median(w for w, _ in ref)
    lines = [
        "| | CPU best | CPU median | / reference (best, median) "
        "| wall best | wall median | / reference (best, median) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, runs in times.items():
        cpu = min(c for _, c in runs), statistics.median(c for _, c in runs)
        wall = min(w for w, _ in runs), statistics.median(w for w, _ in runs)
        lines.append(
            f"| {name} | {cpu[0]:.2f} s | {cpu[1]:.2f} s "
            f"| {cpu[0] / ref_cpu[0]:.2f}×, {cpu[1] / ref_cpu[1]:.2f}× "
            f"| {wall[0]:.2f} s | {wall[1]:.2f} s "
            f"| {wall[0] / ref_wall[0]:.2f}×, {wall[1] / ref_wall[1]:.2f}× |"
        )
    runs = len(ref)
    lines.append(
        f"\n{runs} rounds; load average {loads[0]:.1f} before, {loads[1]:.1f} after "
        f"({os.cpu_count()} cores)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", type=Path, help="another checkout to time in the same rounds")
    ap.add_argument("--size", type=int, default=10_000, help="papers in the generated list")
    ap.add_argument("--repeat", type=int, default=7, help="rounds")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--seed", type=int, default=20240)
    args = ap.parse_args(argv)
    list_path = gen.write_list(args.size, args.out / "lists", args.seed, mixed=True)
    out = args.out / "turns"
    out.mkdir(parents=True, exist_ok=True)
    before = args.before.resolve() if args.before else None
    contenders = commands(before, list_path, out)
    load0 = os.getloadavg()[0]
    times = rounds(contenders, args.repeat)
    print(report(times, (load0, os.getloadavg()[0])))
    if before is not None:
        same = (out / "before" / "index.html").read_bytes() == (
            out / "after" / "index.html"
        ).read_bytes()
        print(f"\nThe two checkouts' pages are {'the same' if same else 'NOT the same'} bytes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
