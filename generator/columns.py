"""The CSV columns: one home for their names and what each holds.

The Python writers read them here; the page gets them in its data as [name, key] pairs
(key '' for an extra field of that name), so its writer needs no table of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .readers.model import Paper

# Column -> the paper's attribute (and the page record's key) that fills it.
PAPER_COLUMNS = {
    "Title": "title",
    "Link": "link",
    "Conference": "venue",
    "Year": "year",
    "Abstract": "abstract",
    "Id": "id",
    "Section": "section",
    "List": "list",  # the title of the list a paper is from (generator/site.py)
    "Label": "label",
    "Note": "note",
    "Read": "read",
}
LIST_COLUMN = "List"
STANDARD_COLUMNS = ("Title", "Link", "Conference", "Year", "Abstract")
# The tally's columns -> the key of the tally's record (generator/team.py, the page's
# team.js) that fills them. A list's own field of the same name wins over them.
TEAM_COLUMNS = {"Votes": "votes", "Pickers": "pickers", "Presenter": "presenter", "Date": "date"}
SECTION_SEPARATOR = " / "  # between a section's headings, outer to inner (writers.js too)
# A reader's triage: default columns once any paper of the list carries some.
TRIAGE_COLUMNS = ("Label", "Note", "Read")
TRIAGE_FIELDS = tuple(PAPER_COLUMNS[c] for c in TRIAGE_COLUMNS)


def extra_field_names(papers: Iterable[Paper]) -> list[str]:
    """List the extra fields of a list, in the order they first appear."""
    names: dict[str, None] = {}
    for paper in papers:
        for name, _ in paper.fields:
            names.setdefault(name, None)
    return list(names)


def has_triage(papers: Iterable[Paper]) -> bool:
    """Tell whether any paper carries a label, a note or a read mark."""
    return any(getattr(p, f) for p in papers for f in TRIAGE_FIELDS)


def base_columns(papers: Iterable[Paper]) -> list[str]:
    """Give the standard columns, Section when the list has sections, then every extra field."""
    papers = list(papers)
    sections = ["Section"] if any(p.section for p in papers) else []
    return list(dict.fromkeys([*STANDARD_COLUMNS, *sections, *extra_field_names(papers)]))


def default_columns(papers: Sequence[Paper]) -> list[str]:
    """Give the default CSV columns: the base ones, then the triage ones if any paper has some."""
    return base_columns(papers) + (list(TRIAGE_COLUMNS) if has_triage(papers) else [])


def known_columns(field_names: Iterable[str]) -> tuple[str, ...]:
    """Give every column a list with these extra fields can have."""
    return (*PAPER_COLUMNS, *TEAM_COLUMNS, *field_names)


def team_columns(columns: Sequence[str]) -> list[str]:
    """Give the tally CSV's columns: the list's, then each team column not among them."""
    return [*columns, *(name for name in TEAM_COLUMNS if name not in columns)]


def team_keys(field_names: Iterable[str]) -> dict[str, str]:
    """Give the team columns that no extra field of the list takes over: name -> key."""
    fields = set(field_names)
    return {name: key for name, key in TEAM_COLUMNS.items() if name not in fields}


def column_value(
    paper: Paper, column: str, team: Mapping[str, str] | None = None, list_title: str = ""
) -> str:
    """Give a paper's value for a column: an attribute (a section's headings joined; List:
    list_title, its list's), a team value, else its extra field's (a list without headings
    may have a Section field)."""
    attr = PAPER_COLUMNS.get(column)
    if attr == "list":
        return list_title
    if attr == "section" and paper.section:
        return SECTION_SEPARATOR.join(paper.section)
    if attr and attr != "section":
        return getattr(paper, attr)
    if team is not None and column in team:
        return team[column]
    return next((value for name, value in paper.fields if name == column), "")


def page_columns(columns: Sequence[str], field_names: Iterable[str] = ()) -> list[list[str]]:
    """Describe columns for the page's writer: [name, record key or '' for a field]."""
    keys = {**team_keys(field_names), **PAPER_COLUMNS}
    return [[name, keys.get(name, "")] for name in columns]
