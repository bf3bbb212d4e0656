"""Render parsed lists into the site's pages (pure: data and templates in, text out)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from . import __version__, workers
from .cache import RenderCache, Rendered
from .codec import list_fingerprint
from .columns import (
    TRIAGE_COLUMNS,
    base_columns,
    default_columns,
    extra_field_names,
    page_columns,
    team_columns,
)
from .config import Config, ListConfig
from .edits import edits
from .parser import Paper, PaperList
from .render import render_abstract, render_field, render_title
from .strings import Strings, for_page, page_language, say
from .structure import CODES, Facet, choose_facets, paper_level, section_tree, shared_meta
from .workers import Workers

TAG = re.compile(r"<[^>]*>")


def text_of(fragment: str) -> str:
    """Give the text a browser shows for rendered inline HTML (its textContent)."""
    return html.unescape(TAG.sub("", fragment))


def shows_as_source(source: str, rendered: str) -> bool:
    """Tell whether the page's text of a rendered title or field is its source text."""
    return text_of(rendered) == source


def block_text(rendered: str) -> str:
    """Give the text a browser shows for rendered blocks (an abstract's textContent)."""
    inner = rendered[3:-4].replace("</p>\n<p>", "\n")
    if rendered[:3] == "<p>" and "<" not in inner and "&" not in inner:
        return inner  # plain paragraphs, the common case: no parsing
    return text_of(rendered)


@dataclass(frozen=True)
class PaperView:
    """What the paper template shows of a paper, already rendered."""

    id: str
    link: str
    venue: str
    year: str
    ticked: bool
    fields: list[tuple[str, str]]
    title_html: str
    abstract_html: str
    level: int = 2  # of the title's heading: one deeper than the paper's innermost section
    # The list's own triage of the paper (its Label, Note and Read fields), shown as text.
    label: str = ""
    note: str = ""
    read: str = ""


@dataclass(frozen=True)
class Theme:
    """The theme's parts that go into every page."""

    env: Environment
    style: str
    script: str
    strings: Strings
    index_script: str = ""  # the index page's (theme/index.js)
    index_style: str = ""  # the index page's: style and theme/index.css
    # The strings keys page.js names by their place here (theme/page-keys.json, written with
    # it by scripts/bundle.mjs): handed to the page with the strings.
    keys: tuple[str, ...] = ()

    def tr(self, lang: str):
        """Give the templates' translator for a language: tr(key, n=..., ...)."""
        table = self.strings[lang]
        return lambda key, **values: say(table.get(key) or self.strings["en"][key], **values)


def page_name(config: Config, lst: ListConfig) -> str:
    """Name a list's page: index.html for a one-list site, else <slug>.html."""
    return "index.html" if len(config.lists) == 1 else f"{lst.slug}.html"


def sha256_source(text: str | bytes) -> str:
    """Give the CSP source that allows exactly this inline script or style."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def content_security_policy(style: str, scripts: tuple[str, ...]) -> str:
    """Allow the page's own inline style and scripts and nothing else."""
    script_src = " ".join(sha256_source(s) for s in scripts) or "'none'"
    return (
        "default-src 'none'; "
        f"script-src {script_src}; "
        f"style-src {sha256_source(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def json_for_script(data: object) -> str:
    """Dump JSON that cannot end or confuse the <script> element holding it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


PAPERS = object()  # where the page's data holds its papers, each dumped already


def page_json(data: dict, papers: Sequence[bytes]) -> list[bytes]:
    """Dump the page's data as json_for_script would, in UTF-8 pieces, with the papers
    dumped one by one already (no piece the size of the page: see splice_page)."""
    pieces = []
    for key, value in data.items():
        pieces.append(b"," if pieces else b"{")
        pieces.append(json_for_script(key).encode() + b":")
        if value is PAPERS:
            between = [b","] * (2 * len(papers) - 1) if papers else []
            between[::2] = papers
            pieces += [b"[", *between, b"]"]
        else:
            pieces.append(json_for_script(value).encode())
    return [*(pieces or [b"{"]), b"}"]


def csv_columns(config: Config, papers: tuple[Paper, ...]) -> list[str]:
    """Give the CSV's columns: the config's, or the default ones of these papers."""
    return list(config.columns) if config.columns else default_columns(papers)


def site_key(config: Config) -> str:
    """Give the site's key in the browser: its picks are kept under paperpick:site:v1:<key>.

    GitHub Pages serves every repository of a user from one origin, and Chromium gives
    every file:// page one origin: the key must come from the site itself, and stay the
    same across builds. It is made from config's site_id (default: the title and the first
    list's slug), hashed.
    """
    return hashlib.sha256(config.site_id.encode("utf-8")).hexdigest()[:12]


def paper_data(paper: Paper, view: PaperView) -> dict:
    """Give what the page's script needs of a paper that its HTML does not already say."""
    data: dict = {"id": paper.id}
    if paper.ticked:
        data["ticked"] = 1
    # Link, venue and year are read from the HTML; so are a title and the fields wherever
    # the page's text of them is their source, so none is there twice.
    if not shows_as_source(paper.title, view.title_html):
        data["title"] = paper.title
    # An abstract is carried as the edits that make its card's text its source (card.js
    # applies them): only what the text does not say, such as the TeX of math.
    changes = edits(paper.abstract, block_text(view.abstract_html)) if paper.abstract else []
    if changes:
        data["abstract"] = changes
    if any(
        not shows_as_source(value, html)
        for (_, value), (_, html) in zip(paper.fields, view.fields, strict=True)
    ):
        data["fields"] = [list(f) for f in paper.fields]
    return data


PARALLEL_FROM = 2000  # papers; below this, pickling papers to workers costs more than it saves


def render_paper(paper: Paper, paper_item, abstract_label: str, shared: dict[str, str]) -> Rendered:
    """Render one paper's list item (with the theme's macro), and what the script needs too
    (as JSON: dumped here, in the worker that renders the paper), both in UTF-8: a worker's
    bytes pass back to the main process without being encoded and decoded again.

    A venue or year every paper shares is said once in the page's header, not on each card.
    """
    view = PaperView(
        id=paper.id,
        link=paper.link,
        venue="" if "venue" in shared else paper.venue,
        year="" if "year" in shared else paper.year,
        ticked=paper.ticked,
        fields=[(name, render_field(value)) for name, value in paper.fields],
        title_html=render_title(paper.title),
        abstract_html=render_abstract(paper.abstract),
        level=paper_level(paper),
        label=paper.label,
        note=paper.note,
        read=paper.read,
    )
    card = paper_item(view, abstract_label).encode()
    return card, json_for_script(paper_data(paper, view)).encode()


def render_slice(
    papers: tuple[Paper, ...],
    theme: Theme,
    lang: str,
    shared: dict[str, str],
    bounds: tuple[int, int],
) -> list[Rendered]:
    """Render the papers between two bounds (shared: what the whole list's papers share)."""
    paper_item = theme.env.get_template("paper.html").module.paper_item
    label = theme.tr(lang)("abstract")
    return [render_paper(p, paper_item, label, shared) for p in papers[bounds[0] : bounds[1]]]


def _render_in_worker(
    papers: tuple[Paper, ...], lang: str, shared: dict[str, str]
) -> list[Rendered]:
    return render_slice(papers, workers.inherited(), lang, shared, (0, len(papers)))


def render_papers(
    papers: tuple[Paper, ...],
    theme: Theme,
    lang: str,
    pool: Workers | None = None,
    cache: RenderCache | None = None,
) -> list[Rendered]:
    """Render every paper, in order, reusing what the cache holds from an earlier build
    (with workers started for the build: long lists are shared out to them)."""
    shared = shared_meta(papers)
    if cache is None:
        return _render_all(papers, theme, lang, pool, shared)
    # Every input of render_slice but the papers: what was rendered with others is stale.
    inputs = (lang, theme_fingerprint(theme), tuple(sorted(shared.items())))
    return cache.render(papers, inputs, lambda todo: _render_all(todo, theme, lang, pool, shared))


def theme_fingerprint(theme: Theme) -> str:
    """Digest the theme's templates and strings (what a paper's card is rendered with)."""
    digest = hashlib.sha256(json.dumps(theme.strings, sort_keys=True).encode("utf-8"))
    for name in sorted(theme.env.list_templates()):
        source = theme.env.loader.get_source(theme.env, name)[0]
        digest.update(f"\0{name}\0{source}".encode())
    return digest.hexdigest()


def _render_all(
    papers: tuple[Paper, ...],
    theme: Theme,
    lang: str,
    pool: Workers | None,
    shared: dict[str, str],
) -> list[Rendered]:
    """Render papers in order; long lists are shared out to the worker processes."""
    if pool is None or len(papers) < PARALLEL_FROM:
        return render_slice(papers, theme, lang, shared, (0, len(papers)))
    step = -(-len(papers) // pool.processes)
    others = [
        pool.pool.submit(_render_in_worker, papers[i : i + step], lang, shared)
        for i in range(step, len(papers), step)
    ]
    # This process takes the first share itself: its results need no pickling.
    mine = render_slice(papers, theme, lang, shared, (0, step))
    return mine + [r for job in others for r in job.result()]


def label_key(theme: Theme, label: str) -> str:
    """Give the key of the strings that name a label in each language, or '' (the config's own)."""
    key = f"label:{label}"
    return key if key in theme.strings["en"] else ""


def render_list_page(
    config: Config,
    lst: ListConfig,
    parsed: PaperList,
    theme: Theme,
    pool: Workers | None = None,
    cache: RenderCache | None = None,
    extra: dict | None = None,
    facets: Sequence[Facet] = (),
) -> bytes:
    """Render one list's page, in UTF-8 (with workers: long lists are shared out to them;
    with a cache: only the papers it does not hold yet; extra and facets: what the page of
    all lists adds to its data and before its facets)."""
    lang = page_language(config.language)
    rendered = render_papers(parsed.papers, theme, lang, pool, cache)
    title = lst.title or parsed.title
    columns, fields = csv_columns(config, parsed.papers), extra_field_names(parsed.papers)
    facets = [*facets, *choose_facets(parsed.papers, config.facets)]
    data = {
        "version": 1,
        "slug": lst.slug,
        "site": site_key(config),
        "title": title,
        "notes": list(parsed.notes),
        "csv": lst.csv,
        "language": config.language,
        "strings": for_page(theme.strings, config.language),
        "keys": list(theme.keys),
        "url": page_url(config, lst),
        "fingerprint": list_fingerprint(p.id for p in parsed.papers),
        # The page adds the triage columns (triCols) while a paper has a label, note or read
        # mark, as the default columns of the Markdown it writes would be.
        "columns": page_columns(config.columns or base_columns(parsed.papers), fields),
        "triCols": [] if config.columns else page_columns(TRIAGE_COLUMNS),
        "teamColumns": page_columns(team_columns(columns), fields),
        "papers": PAPERS,
        "codes": CODES,
        "facets": [[f.name, list(f.values), f.codes] for f in facets],
    }
    if len(config.lists) > 1 and extra is None:
        data["part"] = 1  # one list of several: the site's picks hold other lists' papers too
    data.update(extra or {})
    venues = sorted({f"{p.venue} {p.year}".strip() for p in parsed.papers if p.venue or p.year})
    context = {
        **page_context(config, theme, lang),
        "description": config.description
        or f"{title}: {len(parsed.papers)} papers to browse and pick from",
        "page_title": title if len(config.lists) == 1 or extra else f"{title} · {config.title}",
        "script": theme.script,
        "csp": content_security_policy(theme.style, (theme.script,)),
        "list": {"title": title, "notes": parsed.notes},
        "count": len(parsed.papers),
        "ticked": sum(p.ticked for p in parsed.papers),
        "facets": facets,
        "shared": shared_meta(parsed.papers),
        "sorts": sort_keys(parsed.papers),
        "labels": [(k, label_key(theme, k)) for k in config.labels],
        "venues": ", ".join(venues[:3]) + (" …" if len(venues) > 3 else ""),
        "site_link": "index.html" if len(config.lists) > 1 else "",
    }
    cards = [card for card, _ in rendered]
    return fill_list_page(
        theme, parsed.papers, context, cards, page_json(data, [r for _, r in rendered])
    )


# Where a paper's card and the page's data go in the list template rendered without them.
# Neither character is in a list's text (a reader refuses NUL) nor in a theme's markup;
# should either be there all the same, the page is rendered whole (fill_list_page).
PAPER_SLOT = Markup("\x00")
DATA_SLOT = Markup("\x01")
SLOTS = re.compile("([\x00\x01])")


def fill_list_page(
    theme: Theme,
    papers: Sequence[Paper],
    context: dict,
    cards: list[bytes],
    data: list[bytes],
) -> bytes:
    """Render the list template around slots, then put the cards and the data in them.

    The template sees a one-character slot for each card and for the data, not the page's
    tens of MB: rendered whole, those would be copied by every macro and filter they pass
    through and by the encoding, each copy faulting in fresh memory.
    """
    template = theme.env.get_template("list.html")
    top, sections = section_tree(papers, [PAPER_SLOT] * len(cards))
    page = template.render(**context, papers=top, sections=sections, data=DATA_SLOT)
    spliced = splice_page(page, cards, data)
    if spliced is not None:
        return spliced
    top, sections = section_tree(papers, [Markup(card.decode()) for card in cards])
    whole = Markup(b"".join(data).decode())
    return template.render(**context, papers=top, sections=sections, data=whole).encode()


def splice_page(page: str, cards: list[bytes], data: list[bytes]) -> bytes | None:
    """Put the cards, in order, and the data in their slots of a page (None unless the page
    has one slot for each card and one for the data)."""
    parts = SLOTS.split(page)
    slots = parts[1::2]
    if slots.count(DATA_SLOT) != 1 or len(slots) != len(cards) + 1:
        return None
    pieces: list[bytes] = []
    next_card = iter(cards)
    for text, slot in zip(parts[::2], [*slots, None], strict=True):
        pieces.append(text.encode())
        if slot == PAPER_SLOT:
            pieces.append(next(next_card))
        elif slot == DATA_SLOT:
            pieces += data
    return b"".join(pieces)


# The orders the page offers (theme/src/structure-ui.js makes each) and their strings.
SORTS = {
    "list": "sList",
    "title": "sTitle",
    "year": "sYear",
    "ticked": "sTicked",
    "label": "sLabel",
    "relevance": "sBest",
    "votes": "sVotes",
}


def sort_keys(papers: tuple[Paper, ...]) -> list[Rendered]:
    """Give the orders the page offers, with their strings (theme/src/structure-ui.js makes
    each): by year only when years differ."""
    years = len({p.year for p in papers}) > 1
    return [(key, label) for key, label in SORTS.items() if key != "year" or years]


def page_url(config: Config, lst: ListConfig) -> str:
    """Give the public address of a list's page ('' when the config names none)."""
    if not config.url:
        return ""
    name = page_name(config, lst)
    return config.url + "/" + ("" if name == "index.html" else name)


def page_context(config: Config, theme: Theme, lang: str) -> dict:
    """Give what every page's template needs: language, version, style, translator."""
    return {
        "lang": lang,
        "language": config.language,
        "version": __version__,
        "style": theme.style,
        "tr": theme.tr(lang),
    }


# What the index page says, in its data when the reader's browser chooses the language.
INDEX_STRINGS = (
    "listHead",
    "papersHead",
    "tickedHead",
    "openedHead",
    "allPapers",
    "allPapersNote",
    "madeWith",
    "never",
    "refused",
    "full",
    "corrupt",
)


def render_index_page(config: Config, pages: list[dict], whole: dict, theme: Theme) -> str:
    """Render the page that lists every list of a many-list site: pages, each list's
    {slug, href, title, papers}; whole, the page of all lists' {slug, href, count}."""
    strings = for_page(theme.strings, config.language)
    data = {
        "site": site_key(config),
        "language": config.language,
        "strings": {lang: {k: table[k] for k in INDEX_STRINGS} for lang, table in strings.items()},
        "all": whole["slug"],
        # Per list: its papers' ids and those it marks [x], for the counts of picks.
        "lists": [
            [
                page["slug"],
                " ".join(p.id for p in page["papers"]),
                " ".join(p.id for p in page["papers"] if p.ticked),
            ]
            for page in pages
        ],
    }
    context = page_context(config, theme, page_language(config.language))
    return theme.env.get_template("index.html").render(
        **{**context, "style": theme.index_style},
        csp=content_security_policy(theme.index_style, (theme.index_script,)),
        description=config.description or config.title,
        page_title=config.title,
        site={"title": config.title, "description": config.description},
        pages=[{**page, "count": len(page["papers"])} for page in pages],
        all=whole,
        script=theme.index_script,
        data=json_for_script(data),
    )
