"""generator/importer.py finds the picks of a file as the page does (theme/src/importer.js)."""

from __future__ import annotations

import json
import random

from generator.importer import import_picks
from generator.parser import Paper
from tests.conftest import FIXTURES
from tests.test_codec import node_page


def paper(id_: str, title: str, link: str) -> Paper:
    return Paper(id_, title, link, "", "", "", (), False, 0)


PAPERS = [
    paper("aaaaaaa1", "Robotic Grasping", "https://Example.org/1/"),
    paper("aaaaaaa2", "Vision  and\tLanguage", "https://example.org/2?x=1"),
    paper("aaaaaaa3", "No link here", ""),
    paper("aaaaaaa4", "İstanbul ΣΑΣ", "http://EXAMPLE.org/4#frag"),
    paper("aaaaaaa5", "Robotic Grasping", "https://example.org/5"),
]
# Pieces of lines that the readers of Markdown lists and CSVs treat differently.
MD_PIECES = [
    "## 1. Robotic Grasping",
    "### 12) vision and language",
    "## 3.",
    "#### No link here ##",
    "# Top",
    "- [x] Robotic Grasping | https://example.org/1",
    "- [X] [Vision](https://example.org/2?x=1)",
    "* [ ] No link here",
    "+ [x] No link here",
    "  - [x] İstanbul ΣΑΣ | http://example.org/4",
    "- [x] a | b | HTTPS://EXAMPLE.ORG/5///",
    "- [x] odd | not a url",
    "- [x]",
    "-  [x]\tspaced title ",
    "- **Link**: https://example.org/1",
    "- **URL:** <https://example.org/5>",
    "- **link** : [x](https://example.org/2?x=1)",
    "- **Authors**: A, B",
    "<details>",
    "<summary>x</summary>",
    "- [x] hidden | https://example.org/1",
    "</details>",
    "<DETAILS open>text</details >",
    "<detailsé>",
    "---",
    "",
    "- [x] line\u2028sep | https://example.org/1",
    "\ufeff## 5. Robotic Grasping",
    "- [x] Robotic\u00a0Grasping",
    "- [x] robotic grasping",
]
CSV_PIECES = [
    "Title,Link",
    "Id,Title",
    "ID ,Link",
    "title,url",
    "https://example.org/1",
    '"https://example.org/2?x=1",x',
    "aaaaaaa3",
    "'=aaaaaaa3",
    'a,"b""c",d',
    '"multi\nline",https://example.org/5',
    ",",
    "",
    "  aaaaaaa4  ,z",
    '"https://example.org/4"x,y',
    "'-https://example.org/5",
    "x,,",
    '"unterminated',
]
NAMES = ["ana.md", "ana.csv", "ana.txt", "ana.MARKDOWN", "ana", "picks.CSV", ""]
ENDINGS = ["\n", "\r\n", "\r"]


def random_file(rand: random.Random) -> tuple[str, str]:
    pieces = MD_PIECES if rand.random() < 0.6 else CSV_PIECES
    lines = [rand.choice(pieces) for _ in range(rand.randint(0, 14))]
    text = rand.choice(ENDINGS).join(lines) + rand.choice(["", "\n"])
    return ("\ufeff" if rand.random() < 0.2 else "") + text, rand.choice(NAMES)


def page_records() -> list[dict]:
    return [{"id": p.id, "title": p.title, "link": p.link} for p in PAPERS]


def python_result(text: str, name: str):
    got = import_picks(text, name, PAPERS)
    if got is None:
        return None
    return {"kind": got.kind, "ids": list(got.ids), "total": got.total, "unmatched": got.unmatched}


def test_files_pick_the_same_papers_here_as_on_the_page():
    rand = random.Random(12)
    files = [random_file(rand) for _ in range(600)]
    vectors = sorted((FIXTURES / "writers").glob("*.json"))
    for path in vectors:  # the page's own downloads, as files
        vec = json.loads(path.read_text(encoding="utf-8"))
        files += [(vec["csv"], "x.csv"), (vec["markdown"], "x.md"), (vec["markdown"], "x")]
    page = node_page("importer", [["importPicks", t, n, page_records()] for t, n in files])
    kinds = set()
    for (text, name), want in zip(files, page, strict=True):
        if want:  # the page also reads a file's triage (tests/js/share.test.js); here the picks
            del want["tri"]
        assert python_result(text, name) == want, (name, text)
        kinds.add(want and (want["kind"], bool(want["ids"]), bool(want["unmatched"])))
    assert {None, ("md", True, True), ("csv", True, True)} <= kinds
