"""A site of several lists as one: the page of all lists and its exports (pure).

The page of all lists (all.html) holds every list's papers in list order, each list a
section (its title the outermost heading), a paper that is on several lists once, under
the first. The site keeps one set of picks, so a paper is ticked there when any list
marks it [x]. Its CSV has a List column (generator/columns.py): the list a paper is from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .cache import RenderCache
from .columns import (
    LIST_COLUMN,
    default_columns,
    extra_field_names,
    page_columns,
    team_columns,
)
from .config import Config, ListConfig
from .export import export_list
from .page import Theme, render_list_page
from .readers.model import PaperList
from .structure import CODES, Facet
from .workers import Workers

ALL_SLUG = "all"  # names the page of all lists: all.html (no list may take it)
ALL_CSV = "selected_all_papers.csv"


@dataclass(frozen=True)
class Combined:
    """Every list of a site as one list, and where each list's papers are in it."""

    papers: PaperList
    lists: list[list]  # per list: [slug, title, its papers here, ids shown under an earlier list]
    titles: tuple[str, ...]  # per paper: its list's title
    columns: tuple[str, ...]  # the CSV's default columns, but List: the lists' own

    def picks(self, ticked: set[str] | None = None) -> tuple[list, list[str]]:
        """Give the ticked papers in list order, and their lists' titles (the List column);
        without ids, those any list marks [x]."""
        rows = [
            (paper, title)
            for paper, title in zip(self.papers.papers, self.titles, strict=True)
            if (paper.ticked if ticked is None else paper.id in ticked)
        ]
        return [paper for paper, _ in rows], [title for _, title in rows]


def list_title(lst: ListConfig, parsed: PaperList) -> str:
    """Give a list's title: the config's, else the list's own heading."""
    return lst.title or parsed.title


def combine(config: Config, lists: list[PaperList]) -> Combined:
    """Put every list of the site together, in order, each paper once."""
    ticked = {p.id for parsed in lists for p in parsed.papers if p.ticked}
    seen: set[str] = set()
    papers, runs, titles = [], [], []
    for lst, parsed in zip(config.lists, lists, strict=True):
        title = list_title(lst, parsed)
        also = [p.id for p in parsed.papers if p.id in seen]
        own = [
            replace(p, section=(title, *p.section), ticked=p.id in ticked)
            for p in parsed.papers
            if p.id not in seen
        ]
        seen.update(p.id for p in own)
        papers += own
        titles += [title] * len(own)
        runs.append([lst.slug, title, len(own), also] if also else [lst.slug, title, len(own)])
    whole = PaperList(title=config.title, notes=(), papers=tuple(papers), warnings=())
    # A Section column only when a list has sections of its own (its list's title leads).
    own = default_columns([p for parsed in lists for p in parsed.papers])
    return Combined(whole, runs, tuple(titles), tuple(own))


def site_columns(config: Config, combined: Combined) -> list[str]:
    """Give the CSV columns of the page of all lists: List first unless the config places it."""
    columns = list(config.columns or combined.columns)
    return columns if LIST_COLUMN in columns else [LIST_COLUMN, *columns]


def all_list_config(config: Config) -> ListConfig:
    """Describe the page of all lists as a list of the site."""
    return ListConfig(file=config.root, slug=ALL_SLUG, title=config.title, csv=ALL_CSV)


def export_site(
    combined: Combined, fmt: str, columns: list[str], ticked_ids: set[str] | None = None
) -> bytes:
    """Give the bytes the page of all lists downloads for these picks (default: the papers
    any list marks [x]), in one format."""
    papers, titles = combined.picks(ticked_ids)
    picked = replace(combined.papers, papers=tuple(papers))
    return export_list(picked, fmt, [p.id for p in papers], columns, titles)


def render_all_page(
    config: Config,
    combined: Combined,
    theme: Theme,
    cache: RenderCache | None = None,
    pool: Workers | None = None,
) -> bytes:
    """Render the page of all lists, in UTF-8."""
    columns, fields = site_columns(config, combined), extra_field_names(combined.papers.papers)
    extra = {
        "lists": combined.lists,
        "columns": page_columns(columns, fields),
        "teamColumns": page_columns(team_columns(columns), fields),
    }
    lst = all_list_config(config)
    facets = [f for f in (list_facet(combined),) if f]
    return render_list_page(
        config, lst, combined.papers, theme, pool, cache, extra=extra, facets=facets
    )


def list_facet(combined: Combined) -> Facet | None:
    """Give the facet that filters by list: a paper on several lists is in each of them
    (none past the facets' codes, 62 lists)."""
    if len(combined.lists) > len(CODES):
        return None
    codes = [CODES[k] for k, run in enumerate(combined.lists) for _ in range(run[2])]
    at = {p.id: i for i, p in enumerate(combined.papers.papers)}
    for k, run in enumerate(combined.lists):
        for id_ in run[3] if len(run) > 3 else ():
            codes[at[id_]] += CODES[k]
    return Facet(
        LIST_COLUMN,
        tuple(run[1] for run in combined.lists),
        tuple(run[2] + len(run[3] if len(run) > 3 else ()) for run in combined.lists),
        ",".join(codes),
    )
