"""The exports in the programs people open them with, on the shipped list and on nasty titles.

pandoc, pybtex, bibtexparser 2, BibTeX + pdfLaTeX and LibreOffice Calc each read the BibTeX
or CSV of every paper of a list. scripts/test installs them; without one a test is skipped,
in CI (CI=true) it fails.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.bibtex import bibtex_fields, bibtex_key, paper_authors, write_bibtex
from generator.export import FORMULA_START, column_value, default_columns, export_list
from generator.parser import Paper, parse_list
from generator.tex import math_at
from tests.conftest import FIXTURES, SHIPPED_LIST

LISTS = {"shipped": SHIPPED_LIST, "nasty": FIXTURES / "clients" / "nasty.md"}
KEY_LINE = re.compile(r"^@\w+\{([^,]+),$", re.M)
ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


@dataclass(frozen=True)
class Export:
    """A list with every paper ticked, and what the page downloads for it."""

    name: str
    papers: tuple[Paper, ...]
    bibtex: str
    csv: bytes
    columns: list[str]


@pytest.fixture(scope="module", params=sorted(LISTS))
def exported(request) -> Export:
    path = LISTS[request.param]
    plist = parse_list(path.read_text(encoding="utf-8"), path.name)
    ids = [p.id for p in plist.papers]
    return Export(
        request.param,
        plist.papers,
        export_list(plist, "bibtex", ids).decode("utf-8"),
        export_list(plist, "csv", ids),
        default_columns(plist.papers),
    )


def need(program: str) -> str:
    """Give the program's path; skip without it, or fail in CI."""
    found = shutil.which(program)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{program} is missing; scripts/test installs it")
        pytest.skip(f"{program} is missing (scripts/test installs it)")
    return found


def run(args: list[str], cwd: Path, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, errors="replace"
    )


# --- what a reader of the page sees, in pandoc's plain terms --------------------------------


def shown(text: str) -> str:
    """Give the text the page shows: math as its TeX, Markdown escapes undone, spaces folded.

    A brace without a partner is left out: the BibTeX writes it {\\textbraceleft}, which
    pandoc 2.17 reads as nothing (every BibTeX-counted form of a lone brace breaks bibtex).
    """
    text = " ".join(text.split())
    out: list[str] = []
    pos = 0
    while pos < len(text):
        found = math_at(text, pos) if text[pos] == "$" else None
        if found:
            out.append(found[1])
            pos = found[0] + 1
        elif text[pos] == "\\" and text[pos + 1 : pos + 2] and text[pos + 1] in ASCII_PUNCT:
            out.append(text[pos + 1])
            pos += 2
        else:
            out.append(text[pos])
            pos += 1
    return "".join(_paired_braces_only(out))


def _paired_braces_only(chars: list[str]) -> list[str]:
    opened: list[int] = []
    lone: set[int] = set()
    for i, ch in enumerate(chars):
        if ch == "{":
            opened.append(i)
        elif ch == "}":
            if opened:
                opened.pop()
            else:
                lone.add(i)
    lone.update(opened)
    return [ch for i, ch in enumerate(chars) if i not in lone]


def pandoc_text(value: str) -> str:
    """Give pandoc's CSL rich text as plain text (tags gone, typographic apostrophes plain)."""
    return html.unescape(re.sub(r"<[^>]+>", "", value)).replace("\u2019", "'")


def name_letters(name: str) -> str:
    return re.sub(r"[\s,]+", "", name)


def source_name(name: str) -> str:
    """Give a source name as 'First Last' (from 'Last, First' too), in name_letters form."""
    if re.fullmatch(r"et\.? al\.?|others", name, re.IGNORECASE):
        return "others"
    last, _, first = name.partition(",") if "," in name else ("", "", name)
    return name_letters(first + last)


def pandoc_name(person: dict) -> str:
    parts = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
    text = person.get("literal") or "".join(person.get(p, "") for p in parts)
    return name_letters(text.replace("\u2019", "'"))


# --- BibTeX ---------------------------------------------------------------------------------


def test_pandoc_reads_every_entry_with_its_title_authors_year_and_url(exported, tmp_path):
    pandoc = need("pandoc")
    (tmp_path / "refs.bib").write_text(exported.bibtex, encoding="utf-8")
    result = run([pandoc, "-f", "bibtex", "-t", "csljson", "refs.bib"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    entries = {e["id"]: e for e in json.loads(result.stdout)}
    assert list(entries) == [bibtex_key(p) for p in exported.papers]
    for paper in exported.papers:
        entry = entries[bibtex_key(paper)]
        title = pandoc_text(entry["title"])
        # pandoc stores titles in sentence case (CSL's way); what the writer braced keeps case
        assert title.casefold() == shown(paper.title).casefold(), paper.title
        for word in re.findall(r"[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*", shown(paper.title)):
            assert word in title, (word, title)
        names = [pandoc_name(person) for person in entry.get("author", [])]
        assert names == [source_name(n) for n in paper_authors(paper)], paper.title
        year = entry.get("issued", {}).get("date-parts", [[None]])[0][0]
        assert year == (int(paper.year) if paper.year else None)
        assert entry.get("URL") == paper.link


@pytest.mark.parametrize("style", ["plain", "unsrt", "alpha"])
def test_pybtex_formats_every_entry(exported, style):
    database = pytest.importorskip("pybtex.database")
    plugin = pytest.importorskip("pybtex.plugin")
    data = database.parse_string(exported.bibtex, "bibtex")
    formatted = list(
        plugin.find_plugin("pybtex.style.formatting", style)().format_entries(data.entries.values())
    )
    papers = {bibtex_key(p): p for p in exported.papers}
    assert sorted(e.key for e in formatted) == sorted(papers)
    for entry in formatted:  # in the style's order
        paper, text = papers[entry.key], entry.text.render_as("text")
        assert paper.link in text
        assert paper.year in text


def test_bibtexparser_2_reads_every_entry_with_every_field(exported):
    bibtexparser = pytest.importorskip("bibtexparser")
    assert hasattr(bibtexparser, "parse_string"), "bibtexparser 2 is needed"
    library = bibtexparser.parse_string(exported.bibtex)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [bibtex_key(p) for p in exported.papers]
    for entry, paper in zip(library.entries, exported.papers, strict=True):
        kind, fields = bibtex_fields(paper)
        assert entry.entry_type == kind
        assert [(f.key, f.value) for f in entry.fields] == fields


# Not alpha: its labels take the first byte of a name, and 8-bit BibTeX cuts UTF-8 letters
# (Øster, 张三) in half; biber or bibtexu are the tools for that.
@pytest.mark.parametrize("style", ["plain", "unsrt"])
def test_bibtex_and_pdflatex_compile_every_entry(exported, style, tmp_path):
    pdflatex, bibtex = need("pdflatex"), need("bibtex")
    (tmp_path / "refs.bib").write_text(exported.bibtex, encoding="utf-8")
    # pdfLaTeX has no glyphs for CJK and the like; a stand-in for each keeps the test on TeX
    wide = sorted({ch for ch in exported.bibtex if ord(ch) > 0xFF})
    stand_ins = "".join(f"\\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{?}}\n" for ch in wide)
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n"
        f"{stand_ins}\\begin{{document}}\n\\nocite{{*}}\n"
        f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc"]
    assert run(latex, tmp_path).returncode == 0, (tmp_path / "doc.log").read_text(errors="replace")
    result = run([bibtex, "doc"], tmp_path)
    assert result.returncode == 0, result.stdout  # 1 would be warnings, 2 errors
    assert "(There were" not in result.stdout, result.stdout
    for _ in range(2):
        assert run(latex, tmp_path).returncode == 0, (tmp_path / "doc.log").read_text(
            errors="replace"
        )
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert not re.search(r"^!", log, re.M), log
    assert "undefined" not in log
    assert (tmp_path / "doc.bbl").read_text().count("\\bibitem") == len(exported.papers)


def test_two_exports_give_every_common_paper_the_same_key(exported):
    papers = exported.papers
    every_other, first_half = papers[1::2], papers[: len(papers) // 2 + 1]
    keys = [
        dict(zip((p.id for p in some), KEY_LINE.findall(write_bibtex(some)), strict=True))
        for some in (every_other, first_half)
    ]
    common = keys[0].keys() & keys[1].keys()
    assert len(common) >= len(papers) // 4
    assert all(keys[0][i] == keys[1][i] for i in common)


# --- CSV ------------------------------------------------------------------------------------


def test_libreoffice_reads_every_csv_cell_back(exported, tmp_path):
    """Calc's import with its default separators (Tab, Comma, Semicolon) and UTF-8."""
    soffice = need("soffice")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "picks.csv").write_bytes(exported.csv)
    profile = (tmp_path / "profile").as_uri()
    read = "Text - txt - csv (StarCalc):9/44/59,34,76,1"
    # written back: comma, quote, UTF-8, every text cell quoted, formulas as their results
    write = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,false,false,false,false,-1"
    result = run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            f"--infilter={read}",
            "--convert-to",
            write,
            "--outdir",
            "out",
            "in/picks.csv",
        ],
        tmp_path,
    )
    out = list((tmp_path / "out").glob("*.csv")) if (tmp_path / "out").exists() else []
    assert len(out) == 1, result.stdout + result.stderr
    rows = list(csv.reader(io.StringIO(out[0].read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0] == exported.columns
    assert len(rows) == len(exported.papers) + 1
    for row, paper in zip(rows[1:], exported.papers, strict=True):
        want = [column_value(paper, c) for c in exported.columns]
        guarded = ["'" + v if v.startswith(FORMULA_START) else v for v in want]
        assert row == guarded, paper.title
