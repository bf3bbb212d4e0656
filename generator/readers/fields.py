"""Records of named values (JSON objects, CSV rows, BibTeX entries) as papers.

Each reader hands over (line, {name: value}) records; this module knows which names mean
the title, the link, the authors, and keeps every other value as an extra field.
"""

from __future__ import annotations

import re

from ..errors import ListError, ListWarning
from .clues import YEAR, split_venue, squash
from .model import CONTROL, FORMATS_HELP, Draft, PaperList, assemble, clean_abstract, clean_text

TITLE_KEYS = ("title", "papertitle", "name", "paper", "papername")
# Keys that may hold the paper's link, best first: a page of the paper (arXiv's abstract
# page: abs), its PDF, its DOI, then a programme's page of it (papercopilot's SIGGRAPH
# lists: url_paper). The first that holds a link is the link.
LINK_KEYS = (
    "link",
    "url",
    "site",
    "paperurl",
    "paperlink",
    "openreviewlink",
    "abs",
    "pdf",
    "pdfurl",
    "doi",
    "urlpaper",
)
AUTHOR_KEYS = ("authors", "author", "authornames", "creators")
VENUE_KEYS = (
    "venue",
    "conference",
    "conf",
    "booktitle",
    "journal",
    "publication",
    "publicationtitle",  # Zotero's CSV export names these three so
)
ABSTRACT_KEYS = ("abstract", "summary", "abstractnote")
YEAR_KEYS = ("year", "publicationyear")
# Names given to a few well-known keys when they are kept as fields.
FIELD_NAMES = {
    "github": "Code",
    "code": "Code",
    "project": "Project",
    "homepage": "Project",
    "pdf": "PDF",
    "status": "Status",
    "track": "Track",
    "keywords": "Keywords",
    "tldr": "TL;DR",
}
SEPARATED = (";", ",")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
BARE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+/\S*$")
DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\S+)$", re.IGNORECASE)


def _key(name: str) -> str:
    """Give a key as keys are compared: 'Paper Title', 'paper_title', 'PaperTitle' alike."""
    return squash(name).replace("_", "")


def _pick(record: dict[str, str], keys: tuple[str, ...]) -> tuple[str, str]:
    """Give the first key of keys (compared by _key) that has a value, and the value."""
    for want in keys:
        for name, value in record.items():
            if _key(name) == want and value:
                return name, value
    return "", ""


def authors_text(value: str) -> str:
    """Write authors one way: 'A; B and C' gives 'A, B, C'; 'Last, First' gives 'First Last'."""
    names = [n.strip() for n in value.replace(" and ", ";").split(";")]
    return ", ".join(_first_last(n) for n in names if n)


def _first_last(name: str) -> str:
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and "," not in first else name


def as_link(value: str) -> str:
    """Take a link as given ('javascript:' too: the list is then refused, by its line), or
    add https:// to a bare 'arxiv.org/abs/...'; '' for 'N/A' and such."""
    value = value.strip()
    if SCHEME.match(value):
        return value
    return "https://" + value if BARE_HOST.match(value) else ""


def doi_link(value: str) -> str:
    """Give a DOI ('10.1145/...', 'doi:10...', or its doi.org link) as its doi.org link."""
    doi = DOI.match(value.strip())
    return "https://doi.org/" + doi.group(1) if doi else ""


def _link(record: dict[str, str], used: set[str]) -> str:
    """Give a record's link, from the best key that holds one (a DOI through doi.org); a
    first link key holding none ('N/A') is used up all the same."""
    first = ""
    for want in LINK_KEYS:
        name, value = _pick(record, (want,))
        link = doi_link(value) if want == "doi" else as_link(value)
        first = first or name
        if link:
            used.add(name)
            return link
    used.add(first)
    return ""


def to_draft(line: int, record: dict[str, str]) -> Draft | None:
    """Make a paper of a record (None when it has no title)."""
    used: set[str] = set()

    def take(keys: tuple[str, ...]) -> str:
        name, value = _pick(record, keys)
        used.add(name)
        return value

    title = clean_text(CONTROL.sub("", take(TITLE_KEYS)))
    if not title:
        return None
    link = _link(record, used)
    venue, year = split_venue(clean_text(take(VENUE_KEYS)))
    stated = YEAR.search(take(YEAR_KEYS))
    authors = authors_text(clean_text(take(AUTHOR_KEYS)))
    abstract = clean_abstract([x.rstrip() for x in take(ABSTRACT_KEYS).splitlines()])
    fields = [("Authors", authors)] if authors else []
    for name, value in record.items():
        text = clean_text(value)
        if name not in used and text.strip("".join(SEPARATED) + " "):
            fields.append((FIELD_NAMES.get(_key(name), name), text))
    return Draft(
        line=line,
        title=title,
        link=link,
        venue=venue,
        year=stated.group(1) if stated else year,
        abstract=abstract,
        fields=fields,
    )


def read_records(
    records: list[tuple[int, dict[str, str]]],
    source: str,
    title: str = "",
    warnings: list[ListWarning] | None = None,
) -> list[Draft]:
    """Make papers of records; a record with no title is skipped with one warning."""
    drafts, untitled = [], []
    for line, record in records:
        draft = to_draft(line, record)
        if draft is None:
            untitled.append(line)
        else:
            drafts.append(draft)
    if untitled and warnings is not None:
        shown = ", ".join(map(str, untitled[:5])) + (", ..." if len(untitled) > 5 else "")
        said = "an entry" if len(untitled) == 1 else f"{len(untitled)} entries"
        warnings.append(
            ListWarning(f"left out {said} with no title (lines {shown})", source, untitled[0])
        )
    return drafts


def make_papers(
    records: list[tuple[int, dict[str, str]]],
    source: str,
    warnings: list[ListWarning],
    *,
    seen: str,
    expected: str,
) -> PaperList:
    """Make the list of the records (repeats merged, as in awesome lists), or say why not.

    seen says what the records were ('3 rows under the header ...'), expected what a
    paper looks like in this format; both go into the error when no record has a title.
    """
    drafts = read_records(records, source, warnings=warnings)
    if not drafts:
        raise ListError(
            f"no papers found: {seen}, none with a title; expected {expected} ({FORMATS_HELP})",
            source,
            records[0][0] if records else 1,
        )
    return assemble(drafts, source, warnings=warnings, merge_repeats=True)
