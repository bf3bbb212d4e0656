"""The page carries every paper's source exactly once, in its HTML or its JSON, and gets it back."""

from __future__ import annotations

import shutil

import pytest

from generator.cli import main
from generator.parser import decode_text, parse_list

from .conftest import FIXTURES, SHIPPED_LIST

SOURCE_TEXT = """() => window.paperpick.papers.map((_, i) => window.paperpick.record(i))"""


@pytest.mark.parametrize(
    "path",
    [SHIPPED_LIST, FIXTURES / "good" / "varied.md", FIXTURES / "hostile" / "hostile.md"],
    ids=lambda p: p.name,
)
def test_script_recovers_each_source_title_and_abstract(project, page, path):
    shutil.copy(path, project / "list.md")
    assert main(["build", "list.md", "-o", "out"]) == 0
    page.goto((project / "out" / "index.html").as_uri())
    papers = parse_list(decode_text(path.read_bytes(), "list.md")).papers
    seen = page.evaluate(SOURCE_TEXT)
    assert [
        (p["id"], p["title"], p["abstract"], p["link"], p["venue"], p["year"], p["fields"])
        for p in seen
    ] == [
        (p.id, p.title, p.abstract, p.link, p.venue, p.year, [list(f) for f in p.fields])
        for p in papers
    ]
