"""Incremental rebuilds (paperpick serve): after any edit, the same bytes as a full build."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.cache import RenderCache
from generator.config import config_for_lists

ABSTRACTS = [
    "A plain abstract.\n\nWith two paragraphs.",
    "We bound it by $O(n \\log n)$ and show **state-of-the-art** results.",
    "Code at https://github.com/x/y_z. See [the page](https://e.org/p) for *more*.",
    "Our contributions:\n\n- one\n- two `code`\n\n$$\\sum_i x_i$$",
    "",
]
SNIPPETS = [" More.", " *New* text.", " $k^2$ arms.", " https://e.org/new", "\n\n1. a\n2. b"]


def paper_text(n: int, paper: dict) -> str:
    """Write one paper in the shipped format."""
    mark = "x" if paper["ticked"] else " "
    lines = [
        f"## {n}. {paper['title']}",
        "",
        f"- [{mark}] {paper['title']} | {paper['link']}",
        "",
        f"- **Link**: {paper['link']}",
        "",
        "- **Conference**: ICML",
        "",
        "- **Year**: 2024",
        "",
    ]
    if paper["authors"]:
        lines += [f"- **Authors**: {paper['authors']}", ""]
    if paper["abstract"]:
        lines += ["<details>", "<summary>Abstract</summary>", "", paper["abstract"], ""]
        lines += ["</details>", ""]
    return "\n".join(lines) + "---\n\n"


def list_text(papers: list[dict]) -> str:
    """Write a whole list."""
    return "# Edited list\n\n" + "".join(paper_text(n, p) for n, p in enumerate(papers, 1))


def first_papers(count: int) -> list[dict]:
    """Make a list's papers, with mixed Markdown in their abstracts."""
    return [
        {
            "title": f"Paper {i} on vision $\\times$ language",
            "link": f"https://e.org/p/{i}",
            "ticked": i % 4 == 1,
            "authors": "Ada Lovelace, Alan Turing" if i % 3 == 0 else "",
            "abstract": ABSTRACTS[i % len(ABSTRACTS)],
        }
        for i in range(count)
    ]


def apply(papers: list[dict], edit: tuple, serial: int) -> None:
    """Change one paper of the list: its title, abstract, tick, fields, link or place.

    serial numbers the edit, so that a new link is one no paper has.
    """
    kind, at, value = edit
    at %= len(papers)
    paper = papers[at]
    if kind == "title":
        paper["title"] += f" {value}"
    elif kind == "abstract":
        paper["abstract"] = (paper["abstract"] or "Text.") + SNIPPETS[value % len(SNIPPETS)]
    elif kind == "tick":
        paper["ticked"] = not paper["ticked"]
    elif kind == "authors":
        paper["authors"] = f"Grace Hopper {value}"
    elif kind == "link":
        paper["link"] = f"https://e.org/moved/{serial}"
    elif kind == "remove" and len(papers) > 1:
        papers.pop(at)
    elif kind == "insert":
        papers.insert(at, {**first_papers(1)[0], "link": f"https://e.org/new/{serial}"})
    elif kind == "move":
        papers.insert(value % len(papers), papers.pop(at))


EDITS = st.tuples(
    st.sampled_from(["title", "abstract", "tick", "authors", "link", "remove", "insert", "move"]),
    st.integers(0, 50),
    st.integers(0, 1000),
)


def site_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@settings(max_examples=40, deadline=None)
@given(st.lists(EDITS, min_size=1, max_size=4))
def test_incremental_rebuild_writes_the_bytes_of_a_full_build(edits):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "papers.md"
        papers = first_papers(12)
        source.write_text(list_text(papers), "utf-8")
        served = config_for_lists([source], root / "served")
        caches: dict[str, RenderCache] = {}
        build(served, caches=caches)
        for serial, edit in enumerate(edits):
            apply(papers, edit, serial)
            source.write_text(list_text(papers), "utf-8")
            build(served, caches=caches)
            (cache,) = caches.values()
            assert cache.rendered <= 1  # the edited paper alone
            full = config_for_lists([source], root / "full")
            build(full)
            assert site_bytes(root / "served") == site_bytes(root / "full")


def test_a_theme_or_language_change_renders_every_paper_again(tmp_path):
    source = tmp_path / "papers.md"
    source.write_text(list_text(first_papers(6)), "utf-8")
    caches: dict[str, RenderCache] = {}
    config = config_for_lists([source], tmp_path / "site")
    build(config, caches=caches)
    (cache,) = caches.values()
    build(config, caches=caches)
    assert cache.rendered == 0

    theme = tmp_path / "theme"
    theme.mkdir()
    for file in (Path(__file__).parent.parent / "theme").iterdir():
        if file.is_file():
            (theme / file.name).write_bytes(file.read_bytes())
    paper = theme / "paper.html"
    paper.write_text(paper.read_text("utf-8").replace('class="body"', 'class="body x"'), "utf-8")
    build(config, theme, caches=caches)
    assert cache.rendered == 6
    assert 'class="body x"' in (tmp_path / "site" / "index.html").read_text("utf-8")
