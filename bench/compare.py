"""Put two runs of bench/run.py side by side: one Markdown table of before and after.

    python bench/compare.py BEFORE/results.md [MORE_BEFORE/results.md ...] AFTER/results.md

Each results.md holds a table of metrics (rows) by list (columns). The output has, for
every list of the after run, a before and an after column, and the target; what only one
run measured shows n/a on the other side. Several before files add up (say, a real list
measured in a run of its own).
"""

from __future__ import annotations

import sys
from pathlib import Path


def read_table(path: Path) -> tuple[list[str], dict[str, dict[str, str]], dict[str, str]]:
    """Read the first table of a results.md: its lists, cells by metric and list, targets."""
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] == "|"]
    head = [c.strip() for c in rows[0].strip("|").split("|")]
    lists = head[1:-1]
    cells, targets = {}, {}
    for line in rows[2:]:
        parts = [c.strip() for c in line.strip("|").split("|")]
        if len(parts) != len(head):
            break  # the next table
        cells[parts[0]] = dict(zip(lists, parts[1:-1], strict=True))
        targets[parts[0]] = parts[-1]
    return lists, cells, targets


def compare(befores: list[Path], after: Path) -> str:
    """Give the side-by-side table."""
    lists, after_cells, targets = read_table(after)
    before_cells: dict[str, dict[str, str]] = {}
    for path in befores:
        _, cells, _ = read_table(path)
        for metric, by_list in cells.items():
            before_cells.setdefault(metric, {}).update(by_list)
    head = ["metric"] + [f"{name} {when}" for name in lists for when in ("before", "after")]
    lines = ["| " + " | ".join([*head, "target"]) + " |", "|---|" + "---:|" * (len(head) - 1)]
    lines[-1] += "---|"
    for metric in list(after_cells) + [m for m in before_cells if m not in after_cells]:
        row = [metric]
        for name in lists:
            row.append(before_cells.get(metric, {}).get(name, "n/a"))
            row.append(after_cells.get(metric, {}).get(name, "n/a"))
        lines.append("| " + " | ".join([*row, targets.get(metric, "")]) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    *befores, after = (Path(a) for a in argv)
    print(compare(befores, after), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
