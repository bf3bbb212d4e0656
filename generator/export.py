"""Write ticked papers as CSV, BibTeX (bibtex.py) or Markdown (pure: papers in, text out).

theme/src/writers.js mirrors these writers byte for byte; the shared
vectors in tests/fixtures/writers/ keep the two from drifting apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .bibtex import write_bibtex
from .columns import TRIAGE_COLUMNS, TRIAGE_FIELDS, column_value, default_columns
from .parser import Paper, PaperList

FORMATS = ("csv", "bibtex", "md")

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Quoted: RFC 4180's comma, quote, CR and LF, and the semicolon and tab that spreadsheets
# also split on (LibreOffice's import offers Tab, Comma and Semicolon; Excel in many locales
# splits on ';').
CSV_QUOTE = re.compile(r'[",\r\n;\t]')


def csv_cell(value: str) -> str:
    """Quote one cell by RFC 4180, guarding a leading formula character with a quote mark."""
    if value.startswith(FORMULA_START):
        value = "'" + value
    if CSV_QUOTE.search(value):
        value = '"' + value.replace('"', '""') + '"'
    return value


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Write rows of cells as CSV text: a BOM, then CRLF after every row."""
    return "\ufeff" + "".join(",".join(csv_cell(v) for v in row) + "\r\n" for row in rows)


def write_csv(
    papers: Sequence[Paper], columns: Sequence[str], lists: Sequence[str] | str = ""
) -> bytes:
    """Write papers as CSV: UTF-8 with BOM, CRLF after every row, header first; lists: the
    title of each paper's list (the List column), or one title for all."""
    titles = [lists] * len(papers) if isinstance(lists, str) else lists
    rows = [list(columns)] + [
        [column_value(p, c, list_title=t) for c in columns]
        for p, t in zip(papers, titles, strict=True)
    ]
    return csv_text(rows).encode("utf-8")


# --- Markdown -------------------------------------------------------------------------------


MAX_SECTION_DEPTH = 4  # headings ## to #####, so a paper's own heading is at most ######


def _section_headings(open_: tuple[str, ...], section: tuple[str, ...]) -> list[str]:
    """Give the headings that lead from the sections open to a paper's own (## outermost)."""
    same = 0
    while same < min(len(open_), len(section)) and open_[same] == section[same]:
        same += 1
    return [f"{'#' * (2 + level)} {section[level]}\n\n" for level in range(same, len(section))]


def write_markdown(paper_list: PaperList, ticked_ids: Iterable[str], sections: bool = True) -> str:
    """Write the whole list in the shipped format, with [x] on the ticked papers.

    With sections, each paper's section headings come before it and its own heading is
    one level deeper, so reading the text back gives the same sections.
    """
    ticked = set(ticked_ids)
    parts = [f"# {paper_list.title}\n\n"]
    parts.extend(f"> {note}\n\n" for note in paper_list.notes)
    open_: tuple[str, ...] = ()
    for number, paper in enumerate(paper_list.papers, start=1):
        section = paper.section[:MAX_SECTION_DEPTH] if sections else ()
        parts.extend(_section_headings(open_, section))
        open_ = section
        mark = "x" if paper.id in ticked else " "
        tick = f"{paper.title} | {paper.link}" if paper.link else paper.title
        level = "#" * (2 + len(section))
        parts.append(f"{level} {number}. {paper.title}\n\n- [{mark}] {tick}\n\n")
        if paper.link:
            parts.append(f"- **Link**: {paper.link}\n\n")
        if paper.venue:
            parts.append(f"- **Conference**: {paper.venue}\n\n")
        if paper.year:
            parts.append(f"- **Year**: {paper.year}\n\n")
        parts.extend(f"- **{name}**: {value}\n\n" for name, value in paper.fields)
        parts.extend(_triage_lines(paper))
        if paper.abstract:
            parts.append(
                "<details>\n<summary><strong>Abstract</strong></summary>\n\n"
                f"{paper.abstract}\n\n</details>\n\n"
            )
        parts.append("---\n\n")
    return "".join(parts)


def _triage_lines(paper: Paper) -> list[str]:
    """Give a paper's label, note and read mark as the fields the shipped reader reads back."""
    return [
        f"- **{column}**: {getattr(paper, key)}\n\n"
        for column, key in zip(TRIAGE_COLUMNS, TRIAGE_FIELDS, strict=True)
        if getattr(paper, key)
    ]


def ticked_papers(paper_list: PaperList, ticked_ids: Iterable[str] | None = None) -> list[Paper]:
    """Give the ticked papers in list order (the source's [x] ones when no ids are given)."""
    if ticked_ids is None:
        return [p for p in paper_list.papers if p.ticked]
    wanted = set(ticked_ids)
    return [p for p in paper_list.papers if p.id in wanted]


def export_list(
    paper_list: PaperList,
    fmt: str,
    ticked_ids: Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
    lists: Sequence[str] | str | None = None,
    notes: bool = False,
) -> bytes:
    """Give the bytes the page downloads for this list and selection, in one format (lists:
    the List column's titles, per ticked paper or one for all; default: the list's title).

    With notes, BibTeX carries each paper's triage note.
    """
    papers = ticked_papers(paper_list, ticked_ids)
    if fmt == "csv":
        titles = paper_list.title if lists is None else lists
        return write_csv(papers, columns or default_columns(paper_list.papers), titles)
    if fmt == "bibtex":
        return write_bibtex(papers, notes).encode("utf-8")
    if fmt == "md":  # the picks alone, a list of their own (the page also offers the whole)
        picks = replace(paper_list, papers=tuple(papers))
        return write_markdown(picks, [p.id for p in papers]).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
