"""The CSV columns: one home for their names and what each holds.

The Python writers read them here; the page gets them in its data as [name, key] pairs
(key '' for an extra field of that name), so its writer needs no table of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .readers.model import Paper

# Column -> the paper's attribute (and the page record's key) that fills it.
PAPER_COLUMNS = {
    "Title": "title",
    "Link": "link",
    "Conference": "venue",
    "Year": "year",
    "Abstract": "abstract",
    "Id": "id",
}
STANDARD_COLUMNS = ("Title", "Link", "Conference", "Year", "Abstract")


def extra_field_names(papers: Iterable[Paper]) -> list[str]:
    """List the extra fields of a list, in the order they first appear."""
    names: dict[str, None] = {}
    for paper in papers:
        for name, _ in paper.fields:
            names.setdefault(name, None)
    return list(names)


def default_columns(papers: Iterable[Paper]) -> list[str]:
    """Give the default CSV columns: the standard ones, then every extra field in order."""
    return list(STANDARD_COLUMNS) + extra_field_names(papers)


def known_columns(field_names: Iterable[str]) -> tuple[str, ...]:
    """Give every column a list with these extra fields can have."""
    return (*PAPER_COLUMNS, *field_names)


def column_value(paper: Paper, column: str) -> str:
    """Give a paper's value for a column (an extra field's first value, else '')."""
    attr = PAPER_COLUMNS.get(column)
    if attr:
        return getattr(paper, attr)
    return next((value for name, value in paper.fields if name == column), "")


def page_columns(columns: Sequence[str]) -> list[list[str]]:
    """Describe columns for the page's writer: [name, record key or '' for a field]."""
    return [[name, PAPER_COLUMNS.get(name, "")] for name in columns]
