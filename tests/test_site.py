"""A site of several lists: its key in the browser, the page of all lists, its exports."""

from __future__ import annotations

import csv
import html
import io
import json
import shutil

import pytest

from generator.build import read_list
from generator.cli import main
from generator.config import config_for_lists, parse_config, read_config
from generator.errors import ConfigError
from generator.page import site_key
from generator.site import combine, export_site, site_columns
from tests.conftest import FIXTURES

SITE = FIXTURES / "site"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """The three-list site of tests/fixtures/site, copied into the current folder."""
    for name in ("config.yml", "alpha.md", "beta.md", "gamma.md"):
        shutil.copy(SITE / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def combined_of(folder):
    config = read_config(folder / "config.yml")
    return config, combine(config, [read_list(lst.file) for lst in config.lists])


def test_the_site_key_comes_from_site_id_else_the_title_and_first_slug_and_stays(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\n## 1. P\n\n- [ ] P | https://e.org/1\n", "utf-8")
    keys = {
        text: site_key(parse_config(text, "config.yml", tmp_path))
        for text in (
            "lists: [a.md]\n",
            "title: Paper picks\nlists: [a.md]\n",
            "title: Ours\nlists: [a.md]\n",
            "title: Renamed\nsite_id: Ours / a\nlists: [a.md]\n",
            "title: Ours\nurl: https://u.github.io/r\nlists: [a.md, {file: a.md, slug: b}]\n",
            "title: Ours\nlists: [{file: a.md, slug: b}]\n",
            "title: Ours\nsite_id: lab\nlists: [a.md]\n",
        )
    }
    one, same, ours, renamed, more, other_slug, lab = keys.values()
    assert one == same  # the default title
    assert ours == renamed == more  # adding a list or a url keeps the site's picks
    # Projects made by 0.1.0 share the title 'My paper picks' and no site_id: their slugs
    # (their folders' names) kept them apart on one origin, and still do.
    assert len({one, ours, other_slug, lab}) == 4 and len(ours) == 12
    lists = config_for_lists([tmp_path / "a.md"], tmp_path / "site")
    assert lists.site_id == "lists:a"  # no config: the lists name the site


def test_with_several_lists_no_slug_may_take_the_sites_own_page_names(tmp_path):
    (tmp_path / "a.md").write_text("# A\n", "utf-8")
    text = "lists:\n  - {file: a.md, slug: all}\n  - {file: a.md, slug: index}\n"
    with pytest.raises(ConfigError) as err:
        parse_config(text, "config.yml", tmp_path)
    assert [str(p) for p in err.value.problems] == [
        "config.yml:2: 'lists[0].slug' 'all' is already used by the site; "
        "give each list its own slug",
        "config.yml:3: 'lists[1].slug' 'index' is already used by the site; "
        "give each list its own slug",
    ]
    parse_config("lists: [{file: a.md, slug: all}]\n", "config.yml", tmp_path)  # one: fine


def test_the_lists_together_each_paper_once_under_its_first_list(site):
    _, combined = combined_of(site)
    alpha, beta, gamma = (read_list(site / f"{s}.md").papers for s in ("alpha", "beta", "gamma"))
    papers = combined.papers.papers
    assert [p.id for p in papers] == [p.id for p in (*alpha, beta[0], beta[2], *gamma)]
    assert papers[0].section == ("Alpha: grasping and vision",)
    assert combined.lists == [
        ["alpha", "Alpha: grasping and vision", 4],
        ["beta", "Beta: language", 2, [beta[1].id]],
        ["gamma", "Gamma: robots", 2],
    ]
    assert combined.titles[4:6] == ("Beta: language",) * 2
    # One set of picks: [x] on any list ticks the paper.
    assert [p.title for p in papers if p.ticked] == [
        "Robotic grasping with vision",
        "Tokenizers, revisited",
        "Robots that fold laundry",
    ]


def test_export_of_a_site_writes_what_its_page_of_all_lists_downloads(site, capsys):
    config, combined = combined_of(site)
    assert main(["export"]) == 0
    assert "exported 3 ticked papers of 8 to selected_all_papers.csv" in capsys.readouterr().out
    data = (site / "selected_all_papers.csv").read_bytes()
    assert data == export_site(combined, "csv", site_columns(config, combined))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["List", "Title", "Link", "Conference", "Year", "Abstract"]
    assert [r[0] for r in rows[1:]] == [
        "Alpha: grasping and vision",
        "Beta: language",
        "Gamma: robots",
    ]
    assert main(["export", "-o", "picks.md"]) == 0
    assert (site / "picks.md").read_bytes() == export_site(combined, "md", [])
    assert main(["export", "-f", "bibtex"]) == 0
    assert (site / "selected_all_papers.bib").read_bytes() == export_site(combined, "bibtex", [])


def test_export_places_list_where_the_config_says(site):
    text = (site / "config.yml").read_text("utf-8") + "columns: [Title, List]\n"
    (site / "config.yml").write_text(text, "utf-8")
    assert main(["export", "-o", "-"]) == 0
    config, combined = combined_of(site)
    assert site_columns(config, combined) == ["Title", "List"]
    # One list's export can have the column too: its own title.
    assert main(["export", "alpha.md", "-o", "a.csv"]) == 0
    assert (site / "a.csv").read_text("utf-8-sig").splitlines()[1] == (
        "Robotic grasping with vision,Alpha: grasping and vision"
    )


def test_export_of_a_site_of_one_list_is_its_lists(site, capsys):
    (site / "config.yml").write_text("lists: [{file: beta.md, csv: mine.csv}]\n", "utf-8")
    assert main(["export"]) == 0
    assert (site / "mine.csv").read_bytes() == (
        main(["export", "beta.md", "-o", "b.csv"]) or (site / "b.csv").read_bytes()
    )
    capsys.readouterr()
    (site / "config.yml").write_text("lists: [nothere.md]\n", "utf-8")
    assert main(["export"]) == 1
    assert "no such file 'nothere.md'" in capsys.readouterr().err


def test_the_page_of_all_lists_and_the_index_are_written(site):
    assert main(["build"]) == 0
    out = site / "site"
    assert sorted(p.name for p in out.glob("*.html")) == [
        "all.html",
        "alpha.html",
        "beta.html",
        "gamma.html",
        "index.html",
    ]
    page = (out / "all.html").read_text("utf-8")
    data = json.loads(page.split('id="paperpick-data">')[1].split("</script>")[0])
    assert data["slug"] == "all" and data["csv"] == "selected_all_papers.csv"
    assert data["columns"][0] == ["List", "list"] and "part" not in data
    # Filter by list: the paper on alpha and beta is in both.
    titles = ["Alpha: grasping and vision", "Beta: language", "Gamma: robots"]
    assert data["facets"][0] == ["List", titles, "0,01,0,0,1,1,2,2"]
    alpha = (out / "alpha.html").read_text("utf-8")
    assert f'"site":"{data["site"]}"' in alpha and '"part":1' in alpha
    index = (out / "index.html").read_text("utf-8")
    assert 'href="all.html"' in index and 'data-list="gamma"' in index
    csp = html.unescape(index.split('Content-Security-Policy" content="')[1].split('"')[0])
    assert "script-src 'sha256-" in csp and "unsafe" not in csp
