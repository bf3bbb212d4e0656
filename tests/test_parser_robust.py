"""Any text either parses or fails with the project's error and a line: never a crash."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ListError
from generator.parser import decode_text, parse_list

from .conftest import SHIPPED_LIST

PIECES = [
    "## 1. Title",
    "## ",
    "# List",
    "- [ ] A | https://a.org/1",
    "- [x] B | https://a.org/2",
    "- [X] C|https://a.org/3",
    "- [ ] | https://a.org/4",
    "- [ ] D | javascript:x",
    "- **Link**: https://a.org/5",
    "- **Link**: ",
    "- **Year**: 2024",
    "- **Code**: x",
    "<details>",
    "</details>",
    "<summary><strong>Abstract</strong></summary>",
    "<summary>",
    "---",
    "> note",
    "text $x$ and $",
    "\r",
    "\ufeff",
    "|",
    "$$",
    "\u2028",
    "\x00",
    "",
]

lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=30)


def parse_or_clean_error(text: str) -> None:
    try:
        parsed = parse_list(text, "l.md")
    except ListError as err:
        assert err.file == "l.md"
        assert (
            isinstance(err.line, int) and 1 <= err.line <= text.count("\n") + text.count("\r") + 1
        )
        assert "\n" not in str(err)
        return
    assert parsed.papers
    assert len({p.id for p in parsed.papers}) == len(parsed.papers)
    for paper in parsed.papers:
        assert paper.title and (not paper.link or paper.link.lower().startswith("http"))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines, st.sampled_from(["\n", "\r\n"]))
def test_any_mix_of_list_lines_parses_or_fails_cleanly(parts, newline):
    parse_or_clean_error(newline.join(parts))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_fail_cleanly(data):
    try:
        text = decode_text(data, "l.md")
    except ListError as err:
        assert err.line >= 1
        return
    parse_or_clean_error(text)


MUTATIONS = ["delete", "duplicate", "cut", "dollar", "details", "pipe", "swap"]


def mutate(lines_: list[str], rng: random.Random) -> list[str]:
    out = lines_[:]
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(out))
        kind = rng.choice(MUTATIONS)
        if kind == "delete":
            del out[i]
        elif kind == "duplicate":
            out.insert(i, out[i])
        elif kind == "cut":
            out[i] = out[i][: rng.randrange(len(out[i]) + 1)]
        elif kind == "dollar":
            pos = rng.randrange(len(out[i]) + 1)
            out[i] = out[i][:pos] + "$" + out[i][pos:]
        elif kind == "details":
            out.insert(i, rng.choice(["<details>", "</details>"]))
        elif kind == "pipe":
            pos = rng.randrange(len(out[i]) + 1)
            out[i] = out[i][:pos] + " | " + out[i][pos:]
        else:
            j = rng.randrange(len(out))
            out[i], out[j] = out[j], out[i]
        if not out:
            out = [""]
    return out


def test_fuzzed_copies_of_the_shipped_list_give_papers_or_clean_errors():
    original = SHIPPED_LIST.read_text(encoding="utf-8").split("\n")
    rng = random.Random(2024)
    outcomes = {"parsed": 0, "error": 0}
    for _ in range(300):
        text = "\n".join(mutate(original, rng))
        try:
            parse_list(text, "l.md")
            outcomes["parsed"] += 1
        except ListError as err:
            assert err.line is not None and "\n" not in str(err)
            outcomes["error"] += 1
    assert outcomes["parsed"] and outcomes["error"]


WORD = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 .,:;!?'\"()[]|$^_*#&%+=~中文é\u00a0")), min_size=1
).map(lambda t: " ".join(t.split()))
URL = st.integers(0, 10**9).map(lambda n: f"https://example.org/p/{n}")
FIELD_NAME = st.sampled_from(["Authors", "Code", "PDF", "Session", "备注"])
PARAGRAPH = st.text(alphabet=st.sampled_from(list("abc XYZ.,$()|*_中\n")), min_size=1).map(
    lambda t: "\n".join(line.strip() for line in t.split("\n") if line.strip())
)


@st.composite
def paper_lists(draw):
    n = draw(st.integers(1, 5))
    urls = draw(st.lists(URL, min_size=n, max_size=n, unique=True))
    papers = []
    for url in urls:
        # A title ending in ' #' cannot be a heading's text (Markdown reads the ' #' as the
        # heading's closing sequence), so the readers never give one: no such title here.
        title = draw(WORD.filter(lambda t: t and not re.search(r"\s#+$", t)))
        fields = draw(st.lists(st.tuples(FIELD_NAME, WORD.filter(bool)), max_size=3))
        abstract = "\n\n".join(p for p in draw(st.lists(PARAGRAPH, max_size=3)) if p)
        ticked = draw(st.booleans())
        papers.append((title, url, fields, abstract, ticked))
    return papers


@settings(max_examples=300, deadline=None)
@given(paper_lists())
def test_write_as_markdown_then_parse_again_gives_the_same_papers(papers):
    from generator.export import write_markdown

    lines = ["# Round trip", ""]
    for i, (title, url, fields, abstract, ticked) in enumerate(papers, 1):
        lines += [f"## {i}. {title}", f"- [{'x' if ticked else ' '}] {title} | {url}"]
        lines += [f"- **{name}**: {value}" for name, value in fields]
        if abstract:
            lines += ["<details>", "", abstract, "", "</details>"]
    first = parse_list("\n".join(lines))
    again = parse_list(write_markdown(first, [p.id for p in first.papers if p.ticked]))
    assert again.papers == tuple(
        p.__class__(**{**p.__dict__, "line": q.line})
        for p, q in zip(first.papers, again.papers, strict=True)
    )
    assert [(p.title, p.link, p.fields, p.abstract, p.ticked) for p in first.papers] == [
        (" ".join(t.split()), u, tuple(f), a, x) for t, u, f, a, x in papers
    ]
