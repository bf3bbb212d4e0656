"""The card contract, without a browser: what theme/src/card.js reads is the list's paper.

The page's JSON leaves out what a card's HTML already says; card.js puts each record back
together from both. Here it runs under node on the built HTML (linkedom as the DOM)."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.cli import main
from generator.parser import decode_text, parse_list

from .conftest import FIXTURES, SHIPPED_LIST
from .test_js_units import ROOT, node_tool, run


@pytest.mark.parametrize(
    "path",
    [
        SHIPPED_LIST,
        FIXTURES / "good" / "varied.md",
        FIXTURES / "good" / "triage.md",
        FIXTURES / "hostile" / "hostile.md",
    ],
    ids=lambda p: p.name,
)
def test_card_records_equal_the_source_papers(project, path):
    node_tool("esbuild")  # node and the devDependencies (linkedom among them)
    node = shutil.which("node")
    shutil.copy(path, project / "list.md")
    assert main(["build", "list.md", "-o", "out"]) == 0
    result = run([node, ROOT / "tests" / "js" / "card_records.mjs", project / "out" / "index.html"])
    assert result.returncode == 0, result.stderr
    papers = parse_list(decode_text(path.read_bytes(), "list.md")).papers
    assert [
        (r["id"], r["title"], r["abstract"], r["link"], r["venue"], r["year"], r["fields"])
        for r in json.loads(result.stdout)
    ] == [
        (p.id, p.title, p.abstract, p.link, p.venue, p.year, [list(f) for f in p.fields])
        for p in papers
    ]
    assert [(r["label"], r["note"], r["read"]) for r in json.loads(result.stdout)] == [
        (p.label, p.note, p.read) for p in papers
    ]
