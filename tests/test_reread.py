"""Reading an edited list again (paperpick serve): only what changed is read, and the
result is a whole read's, papers, lines, warnings and errors alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ListError
from generator.readers import shipped
from generator.readers.model import PaperList

# The kinds of line a list in paperpick's format is made of, {n} a number of its own.
LINES = [
    "# A list",
    "> A note",
    "## {n}. Paper {n}",
    "### {n}. Paper {n}",
    "## Section {n}",
    "### Session {n}",
    "# Part {n}",
    "## [Paper {n}](https://e.org/h{n})",
    "- [ ] Paper {n} | https://e.org/{n}",
    "- [x] Other {n} | https://e.org/{n}",
    "- [ ] https://e.org/t{n}",
    "- **Link**: https://e.org/l{n}",
    "- **Authors**: Ada {n}",
    "- **Conference**: ICML",
    "- **Year**: 20{n}",
    "<details>",
    "<summary>Abstract</summary>",
    "</details>",
    "<details><summary>Abstract</summary>Short {n}.</details>",
    "Text of an abstract, {n}.",
    "  indented text {n}",
    "",
    "",
    "---",
]
LINE = st.builds(lambda kind, n: LINES[kind].format(n=n), st.integers(0, len(LINES) - 1),
                 st.integers(0, 40))  # fmt: skip


def paper(n: int) -> list[str]:
    """Give the lines of a well-formed paper."""
    return [
        f"## {n}. Paper {n}",
        "",
        f"- [ ] Paper {n} | https://e.org/p{n}",
        f"- **Authors**: Ada {n}",
        "<details>",
        "<summary>Abstract</summary>",
        "",
        f"Abstract {n}.",
        "",
        "</details>",
        "",
    ]


# Lists: mostly well-formed papers, with lines of any kind between them.
BLOCK = st.one_of(st.integers(0, 60).map(paper), st.lists(LINE, max_size=4))
LIST = st.lists(BLOCK, min_size=1, max_size=14).map(
    lambda blocks: ["# A list", ""] + [line for block in blocks for line in block]
)
# An edit: replace lines [at, at + drop) by some new lines.
EDIT = st.tuples(st.integers(0, 200), st.integers(0, 3), st.lists(LINE, max_size=3))


def outcome(read) -> tuple:
    """Give all a read says: its papers and warnings, or its error."""
    try:
        result: PaperList = read()
    except ListError as err:
        return ("error", str(err))
    warnings = [(str(w), w.line) for w in result.warnings]
    return (result.title, result.notes, result.papers, warnings)


@settings(max_examples=600, deadline=None)
@given(LIST, st.lists(EDIT, min_size=1, max_size=5))
def test_a_list_read_again_after_edits_reads_as_a_whole_read(lines, edits):
    kept = shipped.Kept()
    outcome(lambda: shipped.read("\n".join(lines), "list.md", kept))
    for at, drop, new in edits:
        at %= len(lines) + 1
        lines = lines[:at] + new + lines[at + drop :]
        text = "\n".join(lines)
        again = outcome(lambda text=text: shipped.read(text, "list.md", kept))
        assert again == outcome(lambda text=text: shipped.read(text, "list.md"))


def test_an_edit_of_one_paper_reads_that_paper_again_not_the_list():
    lines = ["# A list", ""] + [line for n in range(300) for line in paper(n)]
    kept = shipped.Kept()
    shipped.read("\n".join(lines), "list.md", kept)
    lines[2 + 150 * 11 + 7] = "Abstract 150, edited."
    read = []
    handle = shipped._Reader.on_heading
    shipped._Reader.on_heading = lambda self, *a: read.append(a[-1]) or handle(self, *a)
    try:
        papers = shipped.read("\n".join(lines), "list.md", kept).papers
    finally:
        shipped._Reader.on_heading = handle
    assert papers[150].abstract == "Abstract 150, edited."
    assert papers == shipped.read("\n".join(lines), "list.md").papers
    assert len(read) == 2  # the edited paper's heading, and the next one, where it stops
