"""Render parsed lists into the site's pages (pure: data and templates in, text out)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import multiprocessing
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from . import __version__
from .config import STANDARD_COLUMNS, Config, ListConfig
from .parser import Paper, PaperList
from .render import render_abstract, render_field, render_title

# The few words the build writes itself (the page's script carries the rest).
STRINGS = {
    "en": {
        "noscript": "Turn on JavaScript to tick papers, search and download your picks.",
        "papers": "{n} papers",
        "madeWith": "Made with",
    },
    "zh-CN": {
        "noscript": "启用 JavaScript 后即可勾选论文、搜索并下载所选论文。",
        "papers": "{n} 篇论文",
        "madeWith": "生成工具：",
    },
}


TAG = re.compile(r"<[^>]*>")
PARAGRAPHS = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def text_of(fragment: str) -> str:
    """Give the text a browser shows for rendered inline HTML (its textContent)."""
    return html.unescape(TAG.sub("", fragment))


def shows_as_source(source: str, rendered: str, block: bool) -> bool:
    """Tell whether the page's text of a rendered title or abstract is its source text."""
    if not block:
        return text_of(rendered) == source
    if "<" not in rendered[3:-4].replace("</p>\n<p>", "") and "&" not in rendered:
        # Plain paragraphs, the common case: compare without parsing.
        return rendered[3:-4].replace("</p>\n<p>", "\n\n") == source
    paragraphs = PARAGRAPHS.findall(rendered)
    if "\n".join(f"<p>{p}</p>" for p in paragraphs) != rendered:
        return False  # lists, headings, code: not only paragraphs
    return "\n\n".join(text_of(p) for p in paragraphs) == source


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


@dataclass(frozen=True)
class Theme:
    """The theme's parts that go into every page."""

    env: Environment
    style: str
    scripts: tuple[str, ...]


def page_name(config: Config, lst: ListConfig) -> str:
    """Name a list's page: index.html for a one-list site, else <slug>.html."""
    return "index.html" if len(config.lists) == 1 else f"{lst.slug}.html"


def sha256_source(text: str) -> str:
    """Give the CSP source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


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


def extra_field_names(papers: tuple[Paper, ...]) -> list[str]:
    """List the extra fields of a list, in the order they first appear."""
    names: dict[str, None] = {}
    for paper in papers:
        for name, _ in paper.fields:
            names.setdefault(name, None)
    return list(names)


def csv_columns(config: Config, papers: tuple[Paper, ...]) -> list[str]:
    """Give the CSV's columns: the config's, or the standard ones then the extras."""
    if config.columns:
        return list(config.columns)
    return list(STANDARD_COLUMNS) + extra_field_names(papers)


def list_fingerprint(papers: tuple[Paper, ...]) -> str:
    """Fingerprint the set of papers, so a share link made from another list is recognised."""
    joined = "\n".join(sorted(p.id for p in papers))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def paper_data(paper: Paper, view: PaperView) -> dict:
    """Give what the page's script needs of a paper that its HTML does not already say."""
    data: dict = {"id": paper.id}
    if paper.ticked:
        data["ticked"] = 1
    # Link, venue and year are read from the HTML; so are a title, an abstract and the
    # fields wherever the page's text of them is their source, so none is there twice.
    if not shows_as_source(paper.title, view.title_html, block=False):
        data["title"] = paper.title
    if paper.abstract and not shows_as_source(paper.abstract, view.abstract_html, block=True):
        data["abstract"] = paper.abstract
    if any(
        not shows_as_source(value, html, block=False)
        for (_, value), (_, html) in zip(paper.fields, view.fields, strict=True)
    ):
        data["fields"] = [list(f) for f in paper.fields]
    return data


PARALLEL_FROM = 3000  # papers; below this, starting worker processes costs more than it saves
_job: tuple[tuple[Paper, ...], Theme] | None = None  # what forked workers render, by slice


def worker_count(papers: int) -> int:
    """Give how many processes to render a list with: one per core on long lists, on Linux."""
    if papers < PARALLEL_FROM or sys.platform != "linux":
        return 1
    return min(len(os.sched_getaffinity(0)), 8)


def render_paper(paper: Paper, paper_item) -> tuple[str, dict]:
    """Render one paper's list item (with the theme's macro), and what the script needs too."""
    view = PaperView(
        id=paper.id,
        link=paper.link,
        venue=paper.venue,
        year=paper.year,
        ticked=paper.ticked,
        fields=[(name, render_field(value)) for name, value in paper.fields],
        title_html=render_title(paper.title),
        abstract_html=render_abstract(paper.abstract),
    )
    return str(paper_item(view)), paper_data(paper, view)


def _render_slice(bounds: tuple[int, int]) -> list[tuple[str, dict]]:
    papers, theme = _job
    paper_item = theme.env.get_template("paper.html").module.paper_item
    return [render_paper(p, paper_item) for p in papers[bounds[0] : bounds[1]]]


def render_papers(papers: tuple[Paper, ...], theme: Theme, workers: int) -> list[tuple[str, dict]]:
    """Render every paper, in order; long lists are shared out to forked worker processes."""
    global _job
    _job = (papers, theme)  # forked workers inherit it: nothing big is pickled on the way in
    try:
        if workers < 2:
            return _render_slice((0, len(papers)))
        step = -(-len(papers) // workers)
        first, *rest = [(i, min(i + step, len(papers))) for i in range(0, len(papers), step)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(len(rest), mp_context=context) as pool:
            others = pool.map(_render_slice, rest)
            # This process takes the first share itself: its results need no pickling.
            return _render_slice(first) + [done for part in others for done in part]
    finally:
        _job = None


def render_list_page(
    config: Config, lst: ListConfig, parsed: PaperList, theme: Theme, workers: int | None = None
) -> str:
    """Render one list's page."""
    if workers is None:
        workers = worker_count(len(parsed.papers))
    rendered = render_papers(parsed.papers, theme, workers)
    papers = [Markup(item) for item, _ in rendered]
    records = [record for _, record in rendered]
    title = lst.title or parsed.title
    lang = "zh-CN" if config.language == "zh-CN" else "en"
    page_url = ""
    if config.url:
        name = page_name(config, lst)
        page_url = config.url + "/" + ("" if name == "index.html" else name)
    data = {
        "version": 1,
        "slug": lst.slug,
        "title": title,
        "csv": lst.csv,
        "language": config.language,
        "url": page_url,
        "fingerprint": list_fingerprint(parsed.papers),
        "columns": csv_columns(config, parsed.papers),
        "papers": records,
    }
    venues = sorted({f"{p.venue} {p.year}".strip() for p in parsed.papers if p.venue or p.year})
    template = theme.env.get_template("list.html")
    return template.render(
        lang=lang,
        language=config.language,
        version=__version__,
        csp=content_security_policy(theme.style, theme.scripts),
        description=config.description or f"{title}: {len(papers)} papers to browse and pick from",
        page_title=title if len(config.lists) == 1 else f"{title} · {config.title}",
        style=theme.style,
        scripts=theme.scripts,
        list={"title": title, "notes": parsed.notes},
        papers=papers,
        venues=", ".join(venues[:3]) + (" …" if len(venues) > 3 else ""),
        site_link="index.html" if len(config.lists) > 1 else "",
        data=json_for_script(data),
        t=STRINGS[lang],
    )


def render_index_page(config: Config, pages: list[dict], theme: Theme) -> str:
    """Render the page that lists every list of a many-list site."""
    template = theme.env.get_template("index.html")
    return template.render(
        lang="zh-CN" if config.language == "zh-CN" else "en",
        language=config.language,
        version=__version__,
        csp=content_security_policy(theme.style, ()),
        description=config.description or config.title,
        page_title=config.title,
        style=theme.style,
        site={"title": config.title, "description": config.description},
        pages=pages,
        t=STRINGS["zh-CN" if config.language == "zh-CN" else "en"],
    )
