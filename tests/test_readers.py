"""Reader choice, sections, and 'paperpick convert': any list in, the same papers out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import ListError
from generator.readers import read_text
from generator.readers.model import where_differ
from generator.readers.shipped import read as read_shipped

from .conftest import SHIPPED_LIST


def test_headings_between_papers_become_sections_outer_to_inner():
    text = (
        "# T\n## Orals\n### Vision\n#### 1. A\n- [ ] A | https://a.org/1\n"
        "### Language\n#### 2. B\n- [ ] B | https://a.org/2\n"
        "## Posters\n### 3. C\n- [ ] C | https://a.org/3\n## 4. D\n- [ ] D | https://a.org/4\n"
        "- [ ] E | https://a.org/5\n"
    )
    sections = [(p.title, p.section) for p in read_shipped(text).papers]
    assert sections == [
        ("A", ("Orals", "Vision")),
        ("B", ("Orals", "Language")),
        ("C", ("Posters",)),
        ("D", ()),
        ("E", ()),
    ]


def test_a_heading_numbered_in_brackets_gives_the_title_without_its_number():
    parsed = read_shipped("## [0] Same Title\n\n- [ ] Same Title | https://a.org/x\n", "l.md")
    assert parsed.papers[0].title == "Same Title"
    assert [str(w) for w in parsed.warnings] == ["l.md:1: paper has no abstract"]


def test_a_warning_quoting_two_texts_shows_where_they_differ():
    assert where_differ("Model Tailor: Mitigating", "Model Tailor: mitigating") == (
        "at character 15: 'Model Tailor: Mitigating' vs 'Model Tailor: mitigating'"
    )
    long_a = "x" * 50 + "A" + "y" * 50
    long_b = "x" * 50 + "B" + "y" * 50
    assert where_differ(long_a, long_b) == (
        "at character 51: '..."
        + "x" * 20
        + "A"
        + "y" * 19
        + "...' vs '..."
        + "x" * 20
        + "B"
        + "y" * 19
        + "...'"
    )


def test_an_ipv6_link_left_open_is_an_error_not_a_crash():
    with pytest.raises(ListError) as caught:
        read_shipped("## A\n- [ ] A | http://[::1\n", "l.md")
    assert (caught.value.line, caught.value.message[:18]) == (2, "not a valid link (")


def test_unknown_format_is_refused_with_the_known_ones():
    with pytest.raises(ListError, match="unknown list format 'yaml'; expected paperpick"):
        read_text("x", "l.md", "yaml")


def test_convert_of_the_shipped_list_keeps_papers_and_ids_and_is_stable(project, capsys):
    (project / "list.md").write_bytes(SHIPPED_LIST.read_bytes())
    assert main(["convert", "list.md", "-o", "once.md"]) == 0
    assert main(["convert", "once.md", "-o", "twice.md"]) == 0
    assert (project / "once.md").read_bytes() == (project / "twice.md").read_bytes()
    before = read_text(SHIPPED_LIST.read_text(encoding="utf-8"), "a.md").papers
    after = read_text((project / "once.md").read_text(encoding="utf-8"), "b.md").papers
    assert [(p.id, p.title, p.link, p.abstract) for p in after] == [
        (p.id, p.title, p.link, p.abstract) for p in before
    ]
    assert "converted 76 papers of list.md to once.md" in capsys.readouterr().out


def test_convert_writes_sections_that_read_back_the_same(project):
    text = (
        "# T\n## Orals\n### 1. A\n- [x] A | https://a.org/1\n## Posters\n### Day 1\n"
        "#### B\n- [ ] B | https://a.org/2\n- [ ] C | https://a.org/3\n### Day 2\n"
        "#### D\n- [ ] D | https://a.org/4\n"
    )
    (project / "l.md").write_text(text, encoding="utf-8")
    assert main(["convert", "l.md", "-o", "out.md"]) == 0
    out = (project / "out.md").read_text(encoding="utf-8")
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == [
        "# T",
        "## Orals",
        "### 1. A",
        "## Posters",
        "### Day 1",
        "#### 2. B",
        "#### 3. C",
        "### Day 2",
        "#### 4. D",
    ]
    again = read_text(out, "out.md").papers
    assert [(p.title, p.section, p.ticked) for p in again] == [
        (p.title, p.section, p.ticked) for p in read_text(text, "l.md").papers
    ]


def test_convert_refuses_to_overwrite_its_list_and_needs_an_output(project, capsys):
    (project / "l.md").write_text("- [ ] A | https://a.org/1\n", encoding="utf-8")
    assert main(["convert", "l.md", "-o", "l.md"]) == 1
    assert "will not overwrite the list itself" in capsys.readouterr().err
    assert main(["convert", "l.md"]) == 2


def test_build_format_option_and_config_format_key(project, capsys):
    (project / "l.txt").write_text("- [ ] A | https://a.org/1\n", encoding="utf-8")
    assert main(["build", "l.txt", "--format", "paperpick", "-o", "out"]) == 0
    assert main(["build", "l.txt", "--format", "nope", "-o", "out"]) == 2
    (project / "config.yml").write_text(
        "lists:\n  - file: l.txt\n    format: paperpik\n", encoding="utf-8"
    )
    assert main(["build"]) == 1
    assert (
        "error: config.yml:3: 'lists[0].format': unknown format 'paperpik' "
        "(did you mean 'paperpick'?)" in capsys.readouterr().err
    )


def test_nothing_found_says_what_was_seen_where_and_what_was_expected():
    text = "".join(f"## [{i}] Title {i}\n\nSome text.\n\n" for i in range(200))
    with pytest.raises(ListError) as caught:
        read_text(text, "cvpr.md")
    assert str(caught.value) == (
        "cvpr.md:1: no papers found: 200 headings like '## [0] Title 0' (first on line 1) "
        "but no link, field or author line under any of them; expected '## Title' with "
        "'**Link**: https://...' under it, '- [Title](https://...)' entries, or a table whose "
        "first column links the title (see 'List formats' in the README)"
    )


def test_nothing_found_names_entries_that_link_only_to_code():
    text = "# Tools\n\nintro\n\n- [Viewer](https://github.com/a/b)\n- [Player](https://github.com/c/d)\n"
    with pytest.raises(ListError) as caught:
        read_text(text, "tools.md")
    assert caught.value.line == 5
    assert "2 entries whose links are not to a paper (code, pages, videos; first on line 5)" in (
        caught.value.message
    )


@pytest.mark.parametrize(
    ("name", "text", "chosen"),
    [
        ("a.md", "## 1. A\n- [ ] A | https://a.org/1\n", "paperpick"),
        ("a.md", "## 1. A\n- **Link**: https://a.org/1\n", "paperpick"),
        ("a.md", "- [A](https://arxiv.org/abs/1)\n- [B](https://arxiv.org/abs/2)\n", "markdown"),
        ("a.txt", '[{"title": "A"}]', "json"),
        ("list", "@article{k, title={A}}\n", "bibtex"),
        ("a.md", "| Title |\n|---|\n| [A](https://arxiv.org/abs/1) |\n", "markdown"),
    ],
)
def test_the_reader_is_chosen_by_content_when_the_name_does_not_say(name, text, chosen):
    from generator.readers import format_of, sniff

    fmt = format_of(name)
    assert (sniff(text) if fmt is None or fmt.name == "markdown" else fmt).name == chosen
    assert read_text(text, name).papers


def test_bold_field_paragraphs_without_a_dash_are_fields_not_abstract():
    (paper,) = read_shipped(
        "## [3] A Title\n\n- [ ] A Title | https://a.org/3\n\n**Authors**: Ann, Bo\n\n"
        "**Conference**: ICML\n\n**Abstract**:\n\nThe abstract.\n",
        "l.md",
    ).papers
    assert (paper.title, paper.venue, paper.fields, paper.abstract) == (
        "A Title",
        "ICML",
        (("Authors", "Ann, Bo"),),
        "The abstract.",
    )


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="# \tx.1", max_size=16))
def test_heading_text_is_what_the_lazy_heading_pattern_gave(line):
    import re

    from generator.readers.shipped import HEADING, heading_text

    # The pattern paperpick used before: a lazy text group, then an optional closing run.
    lazy = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
    old, new = lazy.match(line), HEADING.match(line)
    assert (old is None) == (new is None)
    if old:
        assert old.group(1) == new.group(1)
        assert heading_text(new.group(2)) == old.group(2).strip()
