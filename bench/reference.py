"""A straightforward pipeline for the same job, to measure paperpick's build against.

    python bench/reference.py LIST.md OUT.html

What a competent developer writes in an afternoon with the same libraries: parse the
shipped format with regular expressions, render every title, field and abstract with
markdown-it-py (math through mdit-py-plugins' dollarmath and latex2mathml, so math
shows offline as paperpick's does), put each paper in a card through one Jinja
template (cards with `content-visibility: auto`), embed the papers as JSON for a
script, write one file. One process, no caches, no fast paths. It is a yardstick for
bench/run.py, not a product: it takes the shipped format only and checks nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from jinja2 import Environment
from latex2mathml.converter import convert
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

ENTRY = re.compile(r"^## ", re.MULTILINE)
HEADING = re.compile(r"^(?:\d+\.\s+)?(.*)$")
TICK = re.compile(r"^- \[([ xX])\] (.*) \| (\S+)\s*$", re.MULTILINE)
FIELD = re.compile(r"^- \*\*([^*]+)\*\*: (.*)$", re.MULTILINE)
ABSTRACT = re.compile(r"<details>\s*<summary>.*?</summary>(.*?)</details>", re.DOTALL)

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>.card{content-visibility:auto;contain-intrinsic-size:auto 120px}</style></head>
<body><h1>{{ title }}</h1>
<ol class="papers">
{%- for p in papers %}
<li class="card" data-paper-id="{{ p.id }}">
<input type="checkbox"{% if p.ticked %} checked{% endif %}>
<h2><a href="{{ p.link }}">{{ p.title_html | safe }}</a></h2>
<p class="meta">{{ p.venue }} {{ p.year }}</p>
{%- if p.fields %}<dl>{% for name, value in p.fields %}
<dt>{{ name }}</dt><dd>{{ value | safe }}</dd>{% endfor %}</dl>{% endif %}
{%- if p.abstract_html %}
<details><summary>Abstract</summary>{{ p.abstract_html | safe }}</details>{% endif %}
</li>
{%- endfor %}
</ol>
<script type="application/json" id="data">{{ data | safe }}</script>
</body></html>
"""


def markdown() -> MarkdownIt:
    """Make the Markdown renderer: CommonMark, linkify-free, math as MathML."""
    md = MarkdownIt("commonmark", {"html": False})
    md.use(dollarmath_plugin, double_inline=True)

    def math(display: bool):
        def render(self, tokens, idx, options, env):
            return convert(tokens[idx].content, display="block" if display else "inline")

        return render

    md.add_render_rule("math_inline", math(False))
    md.add_render_rule("math_inline_double", math(True))
    md.add_render_rule("math_block", math(True))
    md.add_render_rule("math_block_label", math(True))
    return md


def parse(text: str) -> tuple[str, list[dict]]:
    """Split the list at its '## ' headings and read each paper's parts."""
    chunks = ENTRY.split(text)
    title = chunks[0].strip().splitlines()[0].lstrip("# ").strip()
    papers = []
    for chunk in chunks[1:]:
        heading = HEADING.match(chunk.split("\n", 1)[0]).group(1).strip()
        tick = TICK.search(chunk)
        fields = dict(FIELD.findall(chunk))
        abstract = ABSTRACT.search(chunk)
        link = fields.pop("Link", tick.group(3) if tick else "")
        papers.append(
            {
                "id": hashlib.sha1(link.encode()).hexdigest()[:8],
                "title": heading,
                "link": link,
                "venue": fields.pop("Conference", ""),
                "year": fields.pop("Year", ""),
                "ticked": bool(tick and tick.group(1) in "xX"),
                "fields": list(fields.items()),
                "abstract": abstract.group(1).strip() if abstract else "",
            }
        )
    return title, papers


def render(title: str, papers: list[dict]) -> str:
    """Render the page: Markdown of every paper, then the template and the JSON."""
    md = markdown()
    cards = []
    for p in papers:
        cards.append(
            {
                **p,
                "title_html": md.renderInline(p["title"]),
                "fields": [(name, md.renderInline(value)) for name, value in p["fields"]],
                "abstract_html": md.render(p["abstract"]),
            }
        )
    data = json.dumps(papers, ensure_ascii=False).replace("<", "\\u003c")
    template = Environment(autoescape=True).from_string(TEMPLATE)
    return template.render(title=title, papers=cards, data=data)


def main(argv: list[str]) -> int:
    source, out = Path(argv[0]), Path(argv[1])
    title, papers = parse(source.read_text(encoding="utf-8"))
    out.write_text(render(title, papers), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
