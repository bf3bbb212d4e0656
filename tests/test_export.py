"""The export writers and 'paperpick export': shared vectors, read-back, the command."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.bibtex import write_bibtex
from generator.cli import main
from generator.columns import page_columns
from generator.export import MAX_SECTION_DEPTH, export_list, write_csv, write_markdown
from generator.parser import Paper, PaperList, parse_list
from tests.conftest import FIXTURES, SHIPPED_LIST

VECTORS = sorted((FIXTURES / "writers").glob("*.json"))


def load_vector(path: Path):
    """Read a writer vector into its PaperList, columns, ticked ids and expected outputs."""
    vec = json.loads(path.read_text(encoding="utf-8"))
    papers = tuple(
        Paper(
            id=p["id"],
            title=p["title"],
            link=p["link"],
            venue=p["venue"],
            year=p["year"],
            abstract=p["abstract"],
            fields=tuple(tuple(f) for f in p["fields"]),
            ticked=p["ticked"],
            line=0,
            section=tuple(p.get("section", ())),
            label=p.get("label", ""),
            note=p.get("note", ""),
            read=p.get("read", ""),
        )
        for p in vec["papers"]
    )
    plist = PaperList(vec["list"]["title"], tuple(vec["list"]["notes"]), papers, ())
    return vec, plist


def parse_bibtex(text: str) -> list[dict]:
    """Read BibTeX with bibtexparser 2; give entries as dicts (ID, ENTRYTYPE, fields)."""
    import bibtexparser

    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    return [
        {"ID": e.key, "ENTRYTYPE": e.entry_type, **{f.key: f.value for f in e.fields}}
        for e in lib.entries
    ]


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_writers_match_the_shared_vectors(path):
    vec, plist = load_vector(path)
    picked = [p for p in plist.papers if p.id in set(vec["ticked"])]
    # The List column: the list each paper is from (on the page of all lists).
    titles = [p.get("list", "") for p in vec["papers"] if p["id"] in set(vec["ticked"])]
    assert write_csv(picked, vec["columns"], titles) == vec["csv"].encode("utf-8")
    assert write_bibtex(picked) == vec["bibtex"]
    assert write_bibtex(picked, notes=True) == vec.get("bibtex_notes", vec["bibtex"])
    assert write_markdown(plist, vec["ticked"]) == vec["markdown"]
    # The page's writer gets its columns as the build describes them (tests/js reads these).
    assert vec["page_columns"] == page_columns(vec["columns"])
    assert export_list(plist, "md", vec["ticked"]) == vec["markdown_selected"].encode("utf-8")


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_csv_reads_back_with_the_csv_module(path):
    vec, plist = load_vector(path)
    data = vec["csv"].encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == vec["columns"]
    picked = [p for p in plist.papers if p.id in set(vec["ticked"])]
    assert len(rows) == len(picked) + 1
    if "Title" in vec["columns"]:
        col = vec["columns"].index("Title")
        for row, paper in zip(rows[1:], picked, strict=True):
            shown = row[col][1:] if row[col].startswith("'") else row[col]
            assert shown == paper.title
            assert not row[col].startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_bibtex_reads_back_with_bibtexparser(path):
    vec, plist = load_vector(path)
    picked = [p for p in plist.papers if p.id in set(vec["ticked"])]
    entries = parse_bibtex(vec["bibtex"])
    assert len(entries) == len(picked)
    assert len({e["ID"] for e in entries}) == len(entries)
    for entry, paper in zip(entries, picked, strict=True):
        assert entry["url"] == paper.link.replace(" ", "%20")
        if paper.year:
            assert entry["year"] == paper.year
        assert entry["title"].strip()


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_markdown_reads_back_through_the_parser(path):
    vec, plist = load_vector(path)
    back = parse_list(vec["markdown"], "vector.md")
    assert back.title == plist.title
    assert back.notes == plist.notes
    ticked_links = {q.link for q in plist.papers if q.id in vec["ticked"]}
    assert [p.link for p in back.papers if p.ticked] == [
        p.link for p in back.papers if p.link in ticked_links
    ]
    for got, want in zip(back.papers, plist.papers, strict=True):
        got_all = (got.section, got.title, got.link, got.venue, got.year, got.abstract, got.fields)
        assert got_all == (
            want.section[:MAX_SECTION_DEPTH],  # deeper headings than ###### cannot be written
            want.title,
            want.link,
            want.venue,
            want.year,
            want.abstract.strip(),  # the parser trims an abstract; one vector starts with a tab
            want.fields,
        )
        assert (got.label, got.note, got.read) == (want.label, want.note, want.read)


def test_markdown_of_the_shipped_list_is_the_shipped_file():
    text = SHIPPED_LIST.read_text(encoding="utf-8")
    assert write_markdown(parse_list(text, "shipped"), []) == text


def test_bibtex_of_the_shipped_list_has_unique_keys_and_reads_back():
    plist = parse_list(SHIPPED_LIST.read_text(encoding="utf-8"), "shipped")
    entries = parse_bibtex(write_bibtex(plist.papers))
    assert len({e["ID"] for e in entries}) == len(plist.papers) == 76
    # no authors in that list: @misc with the venue as howpublished and a key to sort by
    assert {(e["ENTRYTYPE"], e["howpublished"], e["year"]) for e in entries} == {
        ("misc", "ICML", "2024")
    }
    assert all(e["key"] and e["abstract"] for e in entries)


def test_bibtex_keys_do_not_depend_on_the_other_picks_or_on_the_list_growing():
    plist = parse_list(SHIPPED_LIST.read_text(encoding="utf-8"), "shipped")
    alone = parse_bibtex(write_bibtex(plist.papers[5:6]))[0]["ID"]
    among = [e["ID"] for e in parse_bibtex(write_bibtex(plist.papers[:10]))]
    assert among[5] == alone
    twin = replace(plist.papers[5], id="zzzzzzzz", link="https://example.org/twin")
    grown = parse_bibtex(write_bibtex([*plist.papers[:10], twin]))
    assert grown[5]["ID"] == alone != grown[10]["ID"]
    assert alone.startswith(grown[10]["ID"].rsplit("_", 1)[0])  # same readable part


def paper(title: str, authors: str = "", venue: str = "ICML", **kw) -> Paper:
    fields = (("Authors", authors),) if authors else ()
    return Paper(
        kw.get("id", "x1"),
        title,
        kw.get("link", "https://e.org/1"),
        venue,
        kw.get("year", "2024"),
        kw.get("abstract", ""),
        kw.get("fields", fields),
        False,
        1,
    )


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("RoboMP$^2$ & 50% of C# a_b", "{RoboMP}$^2$ \\& 50\\% of {C}\\# a\\_b"),
        ("Q&A for AT&T", "{Q}\\&{A} for {AT}\\&{T}"),
        ("R&D_Teams ViT_B/16", "{R}\\&{D}\\_{Teams} {ViT}\\_{B}/16"),
        ("$5 and $10: a {lone brace", "\\$5 and \\$10: a {\\textbraceleft}lone brace"),
        (
            "{Paired} braces~x^2 \\back",
            "\\{Paired\\} braces{\\textasciitilde}x{\\textasciicircum}2 {\\textbackslash}back",
        ),
        ("Mixtral-8$\\times$7B $K$-Means", "Mixtral-8$\\times${7B} {$K$}-Means"),
        ("A Survey of GPT-4V: I See", "A Survey of {GPT}-{4V}: {I} See"),
        ("Escaped \\& and \\emph{CLIP & co}", "Escaped \\& and \\emph{CLIP \\& co}"),
        ("Math $50%$ and \\(x_1\\)", "Math $50\\%$ and $x_1$"),
    ],
)
def test_bibtex_titles_escape_specials_keep_math_and_brace_capitals(title, written):
    assert f"  title = {{{written}}},\n" in write_bibtex([paper(title, "Ada Lovelace")])


def test_bibtex_entry_fields_from_what_the_list_knows():
    full = paper(
        "T",
        "Lovelace, Ada and Turing, Alan and others",
        abstract="One.\n\nTwo; 5%.",
        fields=(
            ("Authors", "Lovelace, Ada and Turing, Alan and others"),
            ("Code", "https://github.com/a/b_c%20d"),
            ("Session", "Oral 3B"),
            ("Notes", "Best paper"),
            ("Title", "shadowed"),
        ),
    )
    [entry] = parse_bibtex(write_bibtex([full]))
    assert entry == {
        "ID": "lovelace2024t_x1",
        "ENTRYTYPE": "inproceedings",
        "title": "{T}",
        "author": "Lovelace, Ada and Turing, Alan and others",
        "booktitle": "ICML 2024",
        "year": "2024",
        "url": "https://e.org/1",
        "abstract": "One. Two; 5\\%.",
        "note": "Best paper; Title: shadowed",
        "code": "https://github.com/a/b_c%20d",
        "session": "Oral 3B",
    }
    [bare] = parse_bibtex(write_bibtex([paper("No Venue", venue="", year="", link="")]))
    assert bare == {"ID": "no_x1", "ENTRYTYPE": "misc", "title": "No Venue", "key": "No Venue"}


# --- the command ---------------------------------------------------------------------------

LIST = """# Mini

## 1. First =cmd

- [x] First =cmd | https://example.org/1

- **Authors**: Ada Lovelace, Alan Turing

## 2. Second

- [ ] Second | https://example.org/2

## 3. Third

- [X] Third | https://example.org/3
"""


def test_export_writes_the_ticked_papers_as_csv_by_default(project):
    (project / "mini_papers.md").write_text(LIST, encoding="utf-8")
    assert main(["export", "mini_papers.md"]) == 0
    data = (project / "selected_mini_papers.csv").read_bytes()
    plist = parse_list(LIST, "mini")
    assert data == export_list(plist, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Title", "Link", "Conference", "Year", "Abstract", "Authors"]
    assert [r[0] for r in rows[1:]] == ["First =cmd", "Third"]


@pytest.mark.parametrize(
    ("args", "name", "fmt"),
    [
        (["--format", "bibtex"], "selected_mini_papers.bib", "bibtex"),
        (["-f", "md"], "selected_mini_papers.md", "md"),
        (["-o", "out.bib"], "out.bib", "bibtex"),
        (["-o", "picks.md"], "picks.md", "md"),
        (["-o", "out.txt", "--format", "csv"], "out.txt", "csv"),
    ],
)
def test_export_formats_and_names(project, capsys, args, name, fmt):
    (project / "mini_papers.md").write_text(LIST, encoding="utf-8")
    assert main(["export", "mini_papers.md", *args]) == 0
    assert (project / name).read_bytes() == export_list(parse_list(LIST, "m"), fmt)
    assert f"exported 2 ticked papers of 3 to {name}" in capsys.readouterr().out


def test_export_to_standard_output(project, capsysbinary):
    (project / "mini.md").write_text(LIST, encoding="utf-8")
    assert main(["export", "mini.md", "-o", "-", "--format", "bibtex"]) == 0
    out = capsysbinary.readouterr().out
    assert out == export_list(parse_list(LIST, "m"), "bibtex")
    assert [e["title"] for e in parse_bibtex(out.decode("utf-8"))] == ["First =cmd", "Third"]
    assert b"author = {Ada Lovelace and Alan Turing}" in out


def test_export_errors_are_one_line_each(project, capsys):
    (project / "bad.md").write_text("# Nothing here\n", encoding="utf-8")
    (project / "mini.md").write_text(LIST, encoding="utf-8")
    assert main(["export", "missing.md"]) == 1
    assert main(["export", "bad.md"]) == 1
    assert main(["export", "mini.md", "-o", "mini.md"]) == 1
    assert main(["export", "mini.md", "--format", "xls"]) == 2
    err = capsys.readouterr().err
    assert "missing.md: cannot read the list" in err
    assert "bad.md:1: no papers found" in err
    assert "will not overwrite the list itself" in err
    assert "Traceback" not in err
    assert (project / "mini.md").read_text(encoding="utf-8") == LIST


def test_export_follows_the_config_that_names_the_list(project, capsys):
    shutil.copy(FIXTURES / "good" / "varied.md", project)
    (project / "config.yml").write_text(
        "lists: [{file: varied.md, csv: picks.csv}]\ncolumns: [Title, Authors]\n"
    )
    assert main(["export", "varied.md"]) == 0
    rows = list(csv.reader(io.StringIO((project / "picks.csv").read_text(encoding="utf-8-sig"))))
    assert rows == [
        ["Title", "Authors"],
        ["First Paper: With a | Pipe", "Ada Lovelace, 李雷"],
        ["RoboMP$^2$: Skipped Number", ""],
    ]


def test_export_refuses_a_file_name_whose_format_it_cannot_tell(project, capsys):
    shutil.copy(FIXTURES / "good" / "varied.md", project)
    assert main(["export", "varied.md", "-o", "picks.xlsx"]) == 1
    assert capsys.readouterr().err.startswith("error: picks.xlsx: cannot tell the format")
    assert not (project / "picks.xlsx").exists()


def test_export_of_a_list_with_nothing_ticked_says_so(project, capsys):
    shutil.copy(SHIPPED_LIST, project)
    assert main(["export", SHIPPED_LIST.name]) == 0
    assert "no paper is ticked [x]" in capsys.readouterr().err


def test_the_markdown_export_holds_only_the_picks(project):
    (project / "mini.md").write_text(LIST, encoding="utf-8")
    assert main(["export", "mini.md", "-f", "md"]) == 0
    text = (project / "selected_mini_papers.md").read_text(encoding="utf-8")
    back = parse_list(text, "picks.md")
    assert [(p.title, p.ticked) for p in back.papers] == [("First =cmd", True), ("Third", True)]
    assert back.title == "Mini"
    assert "## 1. First =cmd" in text and "## 2. Third" in text and "Second" not in text
    assert export_list(back, "md") == text.encode("utf-8")  # exporting it again changes nothing
