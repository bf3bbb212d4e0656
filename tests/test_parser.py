"""The parser on good and broken lists: papers out, or one clear error with its line."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import ListError
from generator.readers import model
from generator.readers.model import decode_text, normalize_link
from generator.readers.shipped import read as parse_list

from .conftest import FIXTURES, SHIPPED_LIST


def read_fixture(name: str):
    path = FIXTURES / name
    return parse_list(decode_text(path.read_bytes(), name), name)


def test_shipped_list_gives_76_papers_with_every_field():
    parsed = parse_list(SHIPPED_LIST.read_text(encoding="utf-8"), "icml2024_papers.md")
    assert parsed.title == "ICML 2024 Papers"
    assert len(parsed.papers) == 76
    assert parsed.warnings == ()
    first = parsed.papers[0]
    assert first.title == "Exploring Intrinsic Dimension for Vision-Language Model Pruning"
    assert first.link == "https://icml.cc/virtual/2024/poster/32685"
    assert (first.venue, first.year, first.ticked) == ("ICML", "2024", False)
    assert first.abstract.startswith("The intrinsic dimension (ID) represents")
    assert first.abstract.endswith("https://github.com/Nofear18/ID VL Pruning")
    assert all(p.abstract for p in parsed.papers)


def test_varied_list_keeps_ticks_extra_fields_pipes_and_unicode():
    parsed = read_fixture("good/varied.md")
    assert parsed.title == "Varied List"
    assert parsed.notes == ("A note about the list.", "Second note.")
    first, second, third = parsed.papers
    assert first.title == "First Paper: With a | Pipe"
    assert first.link == "https://example.org/papers/1"
    assert first.ticked and second.ticked and not third.ticked
    assert first.fields == (
        ("Authors", "Ada Lovelace, 李雷"),
        ("Code", "https://github.com/example/first"),
    )
    assert second.title == "RoboMP$^2$: Skipped Number"
    assert second.fields == (("Session", "Poster 2"),)
    assert second.abstract == "中文摘要，包含非ASCII文本。"
    assert first.abstract.count("\n\n") == 1
    assert third.abstract == ""
    assert [str(w) for w in parsed.warnings] == ["good/varied.md:38: paper has no abstract"]


def test_crlf_and_bom_read_like_lf():
    parsed = read_fixture("good/crlf_bom.md")
    assert parsed.title == "CRLF List"
    (paper,) = parsed.papers
    assert paper.title == "Windows Paper"
    assert paper.abstract == "Written on Windows."
    lf = (FIXTURES / "good/crlf_bom.md").read_bytes()[3:].replace(b"\r\n", b"\n")
    assert parse_list(lf.decode()).papers[0] == paper


def test_entries_without_blank_lines_or_headings_still_parse():
    text = (
        "# T\n- [ ] Alpha | https://a.org/1\n- **Year**: 2020\n"
        "- [x] Beta | https://a.org/2\n- **Year**: 2021\n"
    )
    alpha, beta = parse_list(text).papers
    assert (alpha.title, alpha.year, alpha.ticked) == ("Alpha", "2020", False)
    assert (beta.title, beta.year, beta.ticked) == ("Beta", "2021", True)


def test_bold_colon_inside_field_name_and_markdown_link_are_understood():
    text = "## 1. A\n- [ ] [A](https://a.org/x)\n- **Venue:** ICML\n- **Link**: <https://a.org/x>\n"
    (paper,) = parse_list(text).papers
    assert (paper.title, paper.link, paper.venue) == ("A", "https://a.org/x", "ICML")


def test_abstract_as_plain_paragraph_without_details():
    text = "## 1. A\n- [ ] A | https://a.org/x\n\nJust a paragraph.\nSecond line.\n\n---\n"
    assert parse_list(text).papers[0].abstract == "Just a paragraph.\nSecond line."


def test_section_headings_without_papers_are_skipped():
    text = (
        "# T\n## Orals\n### 1. A\n- [ ] A | https://a.org/x\n## Posters\n### 2. B\n"
        "- [ ] B | https://a.org/y\n"
    )
    assert [p.title for p in parse_list(text).papers] == ["A", "B"]


def test_tick_title_that_disagrees_with_heading_is_a_warning():
    text = "## 1. Heading Title\n\n- [ ] Other Title | https://a.org/x\n\nAbstract.\n"
    parsed = parse_list(text, "l.md")
    assert parsed.papers[0].title == "Heading Title"
    assert [str(w) for w in parsed.warnings] == [
        "l.md:3: tick line title differs from the heading at character 1: "
        "'Heading Title' vs 'Other Title'; using the heading"
    ]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        (
            "broken/bad_link.md",
            7,
            "link must start with http:// or https://, got 'javascript:alert(1)'",
        ),
        ("broken/empty_title.md", 9, "empty title"),
        ("broken/duplicate_link.md", 9, "the same link as the paper on line 5"),
        ("broken/unclosed_details.md", 7, "<details> opened on line 7 is never closed"),
        ("broken/no_papers.md", 1, "no papers found"),
        ("broken/not_utf8.md", 3, "not UTF-8 text (byte 0xe9)"),
        ("broken/nul_byte.md", 5, "NUL byte"),
    ],
)
def test_broken_list_gives_one_line_error_with_file_and_line(name, line, message):
    with pytest.raises(ListError) as caught:
        read_fixture(name)
    err = caught.value
    assert (err.file, err.line) == (name, line)
    assert message in err.message
    assert str(err).startswith(f"{name}:{line}: ")
    assert "\n" not in str(err)


def _entries(text: str) -> list[str]:
    head, *entries = text.split("\n## ")
    return head, ["## " + e for e in entries]


def test_ids_are_stable_when_the_list_is_reordered_or_grows():
    text = SHIPPED_LIST.read_text(encoding="utf-8")
    head, entries = _entries(text)
    ids = {p.link: p.id for p in parse_list(text).papers}
    shuffled = entries[:]
    random.Random(7).shuffle(shuffled)
    extra = "## 99. New\n\n- [ ] New | https://example.org/new\n\n"
    reordered = parse_list(head + "\n" + "\n".join(shuffled[:40]) + "\n" + extra).papers
    assert all(ids[p.link] == p.id for p in reordered if p.link in ids)


def test_ids_are_short_unique_and_url_safe():
    papers = parse_list(SHIPPED_LIST.read_text(encoding="utf-8")).papers
    ids = [p.id for p in papers]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 8 and i.isalnum() and i == i.lower() for i in ids)


def test_ids_do_not_depend_on_link_case_of_host_or_trailing_slash():
    a = parse_list("## A\n- [ ] A | https://Example.org/p/1/\n").papers[0]
    b = parse_list("## A\n- [ ] A | https://example.org/p/1\n").papers[0]
    assert a.id == b.id


def test_numbered_tick_lines_and_linked_headings_are_understood():
    text = "## 1. [Linked Title](https://a.org/l)\n\n1. [x] Linked Title\n\n## 2. B\n2) [ ] B | https://a.org/b\n"
    first, second = parse_list(text).papers
    assert (first.title, first.link, first.ticked) == ("Linked Title", "https://a.org/l", True)
    assert (second.title, second.link) == ("B", "https://a.org/b")


def test_utf16_list_with_bom_is_read():
    text = "# T\n## 1. 中文\n- [ ] 中文 | https://a.org/z\n"
    (paper,) = parse_list(decode_text(text.encode("utf-16"), "l.md")).papers
    assert paper.title == "中文"


def test_heading_keeps_a_hash_that_ends_a_word():
    text = "## 1. Learning C# ##\n- [ ] Learning C# | https://a.org/c\n"
    assert parse_list(text).papers[0].title == "Learning C#"


def test_ids_of_the_shipped_list_never_change():
    # Ticks and share links already made hang on these: a change here loses them.
    papers = parse_list(SHIPPED_LIST.read_text(encoding="utf-8")).papers
    assert [p.id for p in papers[:3]] == ["z2pubmcv", "it3bzlo4", "rqdrqp3s"]
    assert papers[25].id == "ac6yend7"


def test_colliding_ids_are_lengthened_past_the_common_prefix(monkeypatch):
    keys = ["https://a.org/1", "https://a.org/2", "https://a.org/3"]
    monkeypatch.setattr(model, "ID_LENGTH", 1)
    ids = model.make_ids(keys)
    assert len(set(ids)) == 3
    assert all(i == model._digest(k)[: len(i)] for i, k in zip(ids, keys, strict=True))


@given(
    st.from_regex(r"https?://[A-Za-z0-9.-]{1,12}(/[A-Za-z0-9._~%/?#=-]{0,12}){0,3}", fullmatch=True)
)
def test_link_normalisation_shortcut_agrees_with_urlsplit(link):
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(link.strip())
    slow = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )
    assert normalize_link(link) == slow


def test_a_heading_inside_an_abstract_that_closes_is_abstract_text():
    text = (
        "## 1. A\n- [ ] A | https://a.org/1\n<details>\n\nIntro.\n\n## Method\n\nMore.\n\n"
        "</details>\n\n## 2. B\n- [ ] B | https://a.org/2\n"
    )
    first, second = parse_list(text).papers
    assert first.abstract == "Intro.\n\n## Method\n\nMore."
    assert second.title == "B"


def test_many_papers_without_abstracts_give_one_warning():
    text = "".join(f"- [ ] Paper {i} | https://a.org/{i}\n" for i in range(1, 8))
    parsed = parse_list(text, "cvpr2024.md")
    assert parsed.title == "cvpr2024"
    assert [str(w) for w in parsed.warnings] == [
        "cvpr2024.md:1: 7 papers have no abstract (lines 1, 2, 3, 4, 5, ...)"
    ]
