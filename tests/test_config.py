"""config.yml: read once, every problem reported together, each naming its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import parse_config, read_config
from generator.errors import ConfigError


def problems(text: str, root: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "config.yml", root)
    return str(caught.value).splitlines()


def test_shipped_config_names_the_icml_list_and_its_csv():
    config = read_config(Path(__file__).resolve().parent.parent / "config.yml")
    (lst,) = config.lists
    assert (lst.slug, lst.csv) == ("icml2024", "selected_icml2024_papers.csv")
    assert config.language == "auto"
    assert config.output.name == "site"


def test_defaults_come_from_the_list_file_name(tmp_path):
    (tmp_path / "neurips2023_papers.md").write_text("x")
    config = parse_config("lists: [neurips2023_papers.md]\n", "config.yml", tmp_path)
    (lst,) = config.lists
    assert (lst.slug, lst.csv) == ("neurips2023", "selected_neurips2023_papers.csv")
    assert (config.title, config.language, config.url) == ("Paper picks", "auto", "")


def test_every_problem_is_reported_at_once_with_key_and_line(tmp_path):
    (tmp_path / "a.md").write_text("x")
    text = (
        "titel: My site\n"
        "language: fr\n"
        "url: ftp://example.org\n"
        "columns: Title\n"
        "lists:\n"
        "  - file: a.md\n"
        "    slgu: a\n"
        "  - file: missing.md\n"
        "  - file: a.md\n"
        "    slug: Bad Slug\n"
    )
    assert problems(text, tmp_path) == [
        "config.yml:1: unknown key 'titel' (did you mean 'title'?)",
        "config.yml:2: 'language' must be one of auto, en, zh-CN, got 'fr'",
        "config.yml:3: 'url' must be the site's public http(s) address, got 'ftp://example.org'",
        "config.yml:4: 'columns' must be a list of column names, e.g. [Title, Link, Year]",
        "config.yml:7: unknown key 'lists[0].slgu' (did you mean 'slug'?)",
        "config.yml:8: 'lists[1].file': no such file 'missing.md'",
        "config.yml:10: 'lists[2].slug' must be lower-case letters, digits, '-' or '_', "
        "got 'Bad Slug'",
    ]


def test_two_lists_with_one_slug_are_refused(tmp_path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.md").write_text("x")
    text = "lists:\n  - {file: a.md, slug: same}\n  - {file: b.md, slug: same}\n"
    assert problems(text, tmp_path) == [
        "config.yml:3: 'lists[1].slug' 'same' is already used by a.md; give each list its own slug"
    ]


def test_missing_lists_key_is_named(tmp_path):
    assert problems("title: x\n", tmp_path) == [
        "config.yml: 'lists' is missing; expected a list of paper lists, "
        "e.g. lists: [{file: papers.md}]"
    ]


def test_config_that_is_not_yaml_gives_its_line(tmp_path):
    (message,) = problems("title: x\nlists: [a.md\n", tmp_path)
    assert message.startswith("config.yml:3: not valid YAML")


def test_wrong_types_are_named(tmp_path):
    (tmp_path / "a.md").write_text("x")
    assert problems("title: [x]\nlists: [{file: a.md, csv: 3}]\n", tmp_path) == [
        "config.yml:1: 'title' must be text, got list",
        "config.yml:2: 'lists[0].csv' must be a file name like selected_a_papers.csv",
    ]
