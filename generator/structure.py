"""A list's own structure for its page: sections, facets and what every paper shares (pure).

Sections are the headings between papers (Paper.section, outer to inner): the page draws
each as an element holding its papers, in chunks. Facets are the fields with a manageable
set of values (Status, Session, Year, ... and Authors split into names): the page filters
by them. Venue and year that every paper shares are said once, in the page's header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .bibtex import split_authors
from .readers.model import Paper

CHUNK = 100  # papers per <ol class="chunk">: layout skips whole chunks off screen ...
FIRST_SCREEN = 20  # ... but for the papers before this one, a first screen drawn in full
MAX_HEADING = 6
# A facet's values are coded one character each in the page's data (facets.js decodes them).
CODES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
AUTO_VALUES = 24  # at most this many values for a facet chosen automatically
MAX_VALUE_LENGTH = 60
# Fields whose value names several things: each name is a value of its own.
NAMES = {"authors": split_authors, "author": split_authors}
LISTS = {"keywords", "tags", "topics", "keyword", "tag", "topic"}
LIST_SPLIT = re.compile(r"\s*[,;]\s*")
URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
NUMBER = re.compile(r"^[-+]?\d+(?:\.\d*)?$")


# --- sections ---------------------------------------------------------------------------------


@dataclass
class Section:
    """A heading between papers and what it holds: chunks of papers and deeper sections."""

    heading: str
    number: int  # 1, 2, ... in document order; names its element's id
    depth: int  # 1 for the outermost
    items: list = field(default_factory=list)  # ("chunk", first index, [item]) or Section
    total: int = 0
    ticked: int = 0

    @property
    def subsections(self) -> list[Section]:
        """Give the sections right inside this one."""
        return [item for item in self.items if isinstance(item, Section)]

    @property
    def level(self) -> int:
        """Give the heading's level: h2 for the outermost."""
        return min(self.depth + 1, MAX_HEADING)


def paper_level(paper: Paper) -> int:
    """Give the heading level of a paper's title: one deeper than its innermost section."""
    return min(len(paper.section) + 2, MAX_HEADING)


def _append_paper(items: list, index: int, item: object) -> None:
    """Add a paper to the last chunk of items, or to a new one: ("chunk", first index, items,
    far), far when layout may skip it off screen (its stand-in size cannot shift the first
    screen)."""
    last = items[-1] if items else None
    if isinstance(last, tuple) and len(last[2]) < CHUNK and index != FIRST_SCREEN:
        last[2].append(item)
    else:
        items.append(("chunk", index, [item], index >= FIRST_SCREEN))


def section_tree(papers: Sequence[Paper], items: Sequence[object]) -> tuple[list, list[Section]]:
    """Group the papers' rendered items by section: (top-level items, every section in order)."""
    top: list = []
    sections: list[Section] = []
    open_: list[Section] = []
    for index, (paper, item) in enumerate(zip(papers, items, strict=True)):
        path = paper.section
        keep = 0
        while keep < min(len(open_), len(path)) and open_[keep].heading == path[keep]:
            keep += 1
        del open_[keep:]
        for heading in path[keep:]:
            node = Section(heading, len(sections) + 1, len(open_) + 1)
            sections.append(node)
            (open_[-1].items if open_ else top).append(node)
            open_.append(node)
        _append_paper(open_[-1].items if open_ else top, index, item)
        for node in open_:
            node.total += 1
            node.ticked += paper.ticked
    return top, sections


# --- what every paper shares --------------------------------------------------------------


def shared_meta(papers: Sequence[Paper]) -> dict[str, str]:
    """Give the venue and the year every paper has alike (none when they differ or are empty)."""
    shared = {}
    for attr in ("venue", "year"):
        values = {getattr(p, attr) for p in papers}
        if len(values) == 1 and "" not in values:
            shared[attr] = values.pop()
    return shared


# --- facets ----------------------------------------------------------------------------------

# The facet name of a paper attribute; any other facet is an extra field of that name.
ATTRIBUTE_FACETS = {"Conference": "venue", "Year": "year"}


@dataclass(frozen=True)
class Facet:
    """A field to filter by: its values (in the order shown) and each paper's, as codes."""

    name: str
    values: tuple[str, ...]
    counts: tuple[int, ...]
    codes: str  # per paper, the codes of its values; papers separated by ','


def values_of(paper: Paper, name: str) -> list[str]:
    """Give a paper's values of a field (several for Authors, Keywords, ...)."""
    attr = ATTRIBUTE_FACETS.get(name)
    raw = [getattr(paper, attr)] if attr else [v for n, v in paper.fields if n == name]
    key = name.casefold()
    out: list[str] = []
    for value in raw:
        if key in NAMES:
            out.extend(NAMES[key](value))
        elif key in LISTS:
            out.extend(v for v in LIST_SPLIT.split(value) if v)
        elif value.strip():
            out.append(value.strip())
    return list(dict.fromkeys(out))


def facet_names(papers: Sequence[Paper]) -> list[str]:
    """Give every field a list could filter by: Conference, Year, then extra fields in order."""
    names: dict[str, None] = dict.fromkeys(ATTRIBUTE_FACETS)
    for paper in papers:
        for name, _ in paper.fields:
            names.setdefault(name, None)
    return list(names)


def _sort_values(counts: dict[str, int], several: bool) -> list[str]:
    """Order a facet's values: names by how many papers, years newest first, else as met."""
    values = list(counts)
    if several:
        return sorted(values, key=lambda v: -counts[v])
    if all(v.isdigit() for v in values):
        return sorted(values, key=int, reverse=True)
    return values


def _values(papers: Sequence[Paper], name: str) -> list[list[str]]:
    """Give each paper's values of a field (values_of's, a paper attribute's at once)."""
    attr = ATTRIBUTE_FACETS.get(name)
    if attr is None:
        return [values_of(p, name) for p in papers]
    values = [getattr(p, attr).strip() for p in papers]
    return [[v] if v else [] for v in values]


def make_facet(papers: Sequence[Paper], name: str, chosen: bool) -> Facet | None:
    """Make the facet of a field: when chosen by config, else only when its values suit one
    (counts, ratings and other numbers do not, but years)."""
    several = name.casefold() in NAMES or name.casefold() in LISTS
    if not chosen and not several and _too_many(papers, name):
        return None
    per_paper = _values(papers, name)
    counts: dict[str, int] = {}
    for values in per_paper:
        for v in values:
            counts[v] = counts.get(v, 0) + 1
    if several:  # only names shared by papers: a filter for one paper filters nothing
        counts = {v: c for v, c in counts.items() if c > 1}
    numbers = name not in ATTRIBUTE_FACETS and all(NUMBER.match(v) for v in counts)
    if not chosen and (numbers or not _suits(counts, sum(1 for v in per_paper if v), several)):
        return None
    values = _sort_values(counts, several)[: AUTO_VALUES if not chosen else len(CODES)]
    if len(values) < (1 if chosen else 2):
        return None
    code = {v: CODES[k] for k, v in enumerate(values)}
    codes = ",".join("".join(code[v] for v in vs if v in code) for vs in per_paper)
    return Facet(name, tuple(values), tuple(counts[v] for v in values), codes)


def _too_many(papers: Sequence[Paper], name: str) -> bool:
    """Tell at a glance that a field of one value a paper has too many values to suit a
    facet (links, titles, ...), before each paper's values are made (_suits would say so)."""
    if name in ATTRIBUTE_FACETS:
        return False
    seen: set[str] = set()
    for paper in papers:
        seen.update(value for n, v in paper.fields if n == name and (value := v.strip()))
        if len(seen) > AUTO_VALUES:
            return True
    return False


def _suits(counts: dict[str, int], papers_with: int, several: bool) -> bool:
    """Tell whether a field's values make a useful filter: few, short, shared, not links."""
    if len(counts) < 2 or any(len(v) > MAX_VALUE_LENGTH or URL.match(v) for v in counts):
        return False
    if several:
        return True
    return len(counts) <= AUTO_VALUES and len(counts) < papers_with


def choose_facets(papers: Sequence[Paper], named: Sequence[str] | None) -> list[Facet]:
    """Give the list's facets: the ones config names (in its order), else those that suit."""
    if named is not None:
        return [f for f in (make_facet(papers, name, True) for name in named) if f]
    names = facet_names(papers)  # fields of one value each first; Authors and such last
    names.sort(key=lambda name: name.casefold() in NAMES or name.casefold() in LISTS)
    return [f for f in (make_facet(papers, name, False) for name in names) if f]
