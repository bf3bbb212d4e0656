"""A list's structure for its page, without a browser: sections, facets, shared venue and year,
the Section column, and config's facets."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.columns import default_columns
from generator.export import export_list
from generator.readers import read_bytes
from generator.readers.model import Paper
from generator.structure import CODES, Section, choose_facets, section_tree, shared_meta

from .conftest import FIXTURES

STRUCTURE = FIXTURES / "structure"
REAL = FIXTURES / "real"


def paper(n: int, section=(), fields=(), venue="ICML", year="2024", ticked=False) -> Paper:
    return Paper(
        id=f"p{n}",
        title=f"Paper {n}",
        link=f"https://example.org/{n}",
        venue=venue,
        year=year,
        abstract="",
        fields=tuple(fields),
        ticked=ticked,
        line=n,
        section=tuple(section),
    )


def read(path):
    return read_bytes(path.read_bytes(), path.name)


def outline(items) -> list:
    """The tree as (heading, total, ticked, [papers or sub-outlines]) for comparing."""
    out = []
    for item in items:
        if isinstance(item, Section):
            out.append((item.heading, item.level, item.total, item.ticked, outline(item.items)))
        else:
            out.append([str(x) for x in item[2]])
    return out


def test_sections_nest_in_list_order_and_count_their_papers():
    papers = [
        paper(0),
        paper(1, ["Orals"], ticked=True),
        paper(2, ["Orals", "Vision"]),
        paper(3, ["Orals", "Vision"], ticked=True),
        paper(4, ["Orals"]),  # back in the outer section, after its subsection
        paper(5, ["Posters", "A", "B", "C", "D", "E"]),
    ]
    top, sections = section_tree(papers, [f"<li>{p.id}</li>" for p in papers])
    vision = ("Vision", 3, 2, 1, [["<li>p2</li>", "<li>p3</li>"]])
    deep = [["<li>p5</li>"]]
    for heading, level in (("E", 6), ("D", 6), ("C", 5), ("B", 4), ("A", 3)):
        deep = [(heading, level, 1, 0, deep)]
    assert outline(top) == [
        ["<li>p0</li>"],
        ("Orals", 2, 4, 2, [["<li>p1</li>"], vision, ["<li>p4</li>"]]),
        ("Posters", 2, 1, 0, deep),
    ]
    assert [s.number for s in sections] == list(range(1, 9))
    assert [s.heading for s in sections[0].subsections] == ["Vision"]


def test_a_long_run_of_papers_comes_in_chunks_of_100_after_a_first_screen():
    papers = [paper(n, ["Only"]) for n in range(250)]
    top, _ = section_tree(papers, [p.id for p in papers])
    chunks = top[0].items
    assert [(c[1], len(c[2]), c[3]) for c in chunks] == [
        (0, 20, False), (20, 100, True), (120, 100, True), (220, 30, True)
    ]  # fmt: skip


def test_venue_and_year_every_paper_shares_are_said_once():
    assert shared_meta([paper(1), paper(2)]) == {"venue": "ICML", "year": "2024"}
    assert shared_meta([paper(1), paper(2, year="2023")]) == {"venue": "ICML"}
    assert shared_meta([paper(1, venue=""), paper(2, venue="")]) == {"year": "2024"}


def test_facets_are_the_fields_with_a_few_shared_values():
    papers = [
        paper(n, fields=[("Status", s), ("Session", f"S{n % 3}"), ("Code", f"https://c/{n}"),
                         ("Rating", str(n)), ("Note", f"note {n}")])
        for n, s in enumerate(["Oral", "Poster", "Poster", "Spotlight", "Poster", "Oral"])
    ]  # fmt: skip
    facets = choose_facets(papers, None)
    # Conference and Year are alike everywhere, Code is links, Rating numbers, Note all different
    assert [(f.name, f.values, f.counts) for f in facets] == [
        ("Status", ("Oral", "Poster", "Spotlight"), (2, 3, 1)),
        ("Session", ("S0", "S1", "S2"), (2, 2, 2)),
    ]
    status = facets[0]
    assert status.codes.split(",") == [CODES[v] for v in (0, 1, 1, 2, 1, 0)]


def test_authors_are_split_into_names_shared_by_papers():
    papers = [
        paper(1, fields=[("Authors", "Ada Lovelace, Alan Turing")]),
        paper(2, fields=[("Authors", "Alan Turing and Grace Hopper")]),
        paper(3, fields=[("Authors", "Grace Hopper; Alan Turing; Solo Writer")]),
    ]
    (authors,) = choose_facets(papers, None)
    assert authors.values == ("Alan Turing", "Grace Hopper")  # most papers first; Ada once
    assert authors.counts == (3, 2)
    assert authors.codes == "0,01,10"


def test_config_names_the_facets_and_their_order():
    papers = [paper(n, fields=[("Room", f"R{n}"), ("Status", "Oral")]) for n in range(4)]
    facets = choose_facets(papers, ["Status", "Room", "Year"])
    # named facets are kept even with one value or all values different
    assert [(f.name, len(f.values)) for f in facets] == [("Status", 1), ("Room", 4), ("Year", 1)]
    assert choose_facets(papers, []) == []


@pytest.mark.parametrize("name", ["sessions.md", "workshop.md"])
def test_the_csv_carries_the_section_and_markdown_keeps_the_headings(name):
    parsed = read(STRUCTURE / name)
    columns = default_columns(parsed.papers)
    assert columns[:6] == ["Title", "Link", "Conference", "Year", "Abstract", "Section"]
    every = [p.id for p in parsed.papers]
    rows = list(csv.reader(io.StringIO(export_list(parsed, "csv", every).decode("utf-8-sig"))))
    sections = [row[columns.index("Section")] for row in rows[1:]]
    assert sections == [" / ".join(p.section) for p in parsed.papers]
    again = read_bytes(export_list(parsed, "md", every), name)
    assert [(p.title, p.section) for p in again.papers] == [
        (p.title, p.section) for p in parsed.papers
    ]


def test_a_section_field_of_a_list_without_headings_stays_its_own():
    papers = [paper(1, fields=[("Section", "Orals")])]
    assert default_columns(papers).count("Section") == 1
    from generator.columns import column_value

    assert column_value(papers[0], "Section") == "Orals"


def page_data(html: str) -> dict:
    return json.loads(re.search(r'id="paperpick-data">(.*?)</script>', html, re.S).group(1))


def test_the_page_draws_sections_facets_and_says_the_venue_once(project):
    (project / "list.md").write_bytes((STRUCTURE / "workshop.md").read_bytes())
    assert main(["build", "list.md", "-o", "out"]) == 0
    html = (project / "out" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-section="([^"]*)"', html) == [
        "Keynotes", "Track A: Vision", "Morning", "Track B: Language"
    ]  # fmt: skip
    assert [name for name, *_ in page_data(html)["facets"]] == ["Year", "Track", "Authors"]
    assert 'data-facet="Track" data-value="Vision"' in html
    assert html.count('class="venue"') == 1  # in the header only: every paper is at WS
    assert html.count('class="year"') == 6  # years differ: on each card


def test_config_facets_are_checked(project):
    (project / "list.md").write_bytes((STRUCTURE / "workshop.md").read_bytes())
    (project / "config.yml").write_text("facets: Track\nlists: [list.md]\n", encoding="utf-8")
    assert main(["build"]) == 1
    (project / "config.yml").write_text("facets: [Trak]\nlists: [list.md]\n", encoding="utf-8")
    assert main(["build"]) == 1
    (project / "config.yml").write_text("facets: [Track]\nlists: [list.md]\n", encoding="utf-8")
    assert main(["build"]) == 0
    facets = page_data((project / "site" / "index.html").read_text(encoding="utf-8"))["facets"]
    assert [name for name, *_ in facets] == ["Track"]


def test_config_facet_errors_name_the_line_and_the_near_miss(project, capsys):
    (project / "list.md").write_bytes((STRUCTURE / "workshop.md").read_bytes())
    (project / "config.yml").write_text("lists: [list.md]\nfacets: Track\n", encoding="utf-8")
    main(["build"])
    assert "config.yml:2: 'facets' must be a list of field names" in capsys.readouterr().err
    (project / "config.yml").write_text("lists: [list.md]\nfacets: [Trak]\n", encoding="utf-8")
    main(["build"])
    assert "config.yml:2: 'facets': no list has a field 'Trak' (did you mean 'Track'?)" in (
        capsys.readouterr().err
    )


def test_real_papercopilot_json_gets_an_authors_facet_not_its_numbers():
    parsed = read(REAL / "iclr2014.json")
    facets = {f.name: f for f in choose_facets(parsed.papers, None)}
    assert list(facets) == ["Authors"]  # gs_citation, rating_avg, ... are numbers
    bengio = facets["Authors"].values.index("Yoshua Bengio")
    assert facets["Authors"].counts[bengio] == sum(
        "Yoshua Bengio" in v for p in parsed.papers for n, v in p.fields if n == "Authors"
    )


def test_a_rebuild_that_changes_what_all_papers_share_renders_every_card_again():
    """paperpick serve keeps rendered cards; a venue no longer shared must reach them all."""
    from generator.build import default_theme_dir, read_theme
    from generator.cache import RenderCache
    from generator.page import render_papers

    theme, cache = read_theme(default_theme_dir()), RenderCache()
    alike = tuple(paper(n) for n in range(4))
    first = render_papers(alike, theme, "en", cache=cache)
    assert all(b'class="venue"' not in html for html, _ in first)
    mixed = (*alike[:3], paper(3, venue="NeurIPS"))
    fresh = render_papers(mixed, theme, "en", cache=cache)
    assert fresh == render_papers(mixed, theme, "en")
    assert all(b'class="venue"' in html for html, _ in fresh)


# Values around the most a facet chosen automatically may have (AUTO_VALUES), some with
# white space around them.
VALUE = st.one_of(
    st.sampled_from(["", " ", "a", " a", "a ", "2024", "x, y", "Ada Lovelace and Alan Turing"]),
    st.integers(0, 27).map(lambda n: f" v{n} " if n % 3 else f"v{n}"),
)
NAME = st.sampled_from(["Status", "Code", "Authors"])
FIELDS = st.lists(st.tuples(NAME, VALUE), max_size=2)


@settings(max_examples=500, deadline=None)
@example([([("Status", f" v{n % 24}")], "ICML") for n in range(60)])  # the most values
@example([([("Status", f"v{n % 25}")], "ICML") for n in range(60)])  # one too many
@given(st.lists(st.tuples(FIELDS, st.sampled_from(["", "ICML", " ICML"])), max_size=90))
def test_a_field_turned_down_at_a_glance_is_one_the_whole_look_turns_down(rows):
    from unittest import mock

    from generator import structure

    papers = [paper(n, fields=fields, venue=venue) for n, (fields, venue) in enumerate(rows)]
    for name in structure.facet_names(papers):
        quick = structure.make_facet(papers, name, False)
        with mock.patch.object(structure, "_too_many", lambda *a: False):
            assert quick == structure.make_facet(papers, name, False)
