"""JSON lists of paper objects, such as papercopilot's paperlists (title, site, author, ...),
or JSON Lines (one object a line)."""

from __future__ import annotations

import json
import re

from ..errors import ListError, ListWarning
from .fields import make_papers
from .model import FORMATS_HELP, PaperList

TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}\n]')
CONTAINER_KEYS = ("papers", "data", "items", "results", "entries")
# What papercopilot's paperlists keep about the authors (one value each, ';'-joined: their
# profiles, homepages, gender, positions) and the reviews and citations (scores, counts),
# and the entry's BibTeX: the scraper's bookkeeping, not the paper's fields; shown on
# every card they buried the paper (and a card is no place for an author's gender).
BOOKKEEPING = re.compile(
    r"^(?:authorids|gender|homepage|dblp|google_scholar|orcid|linkedin|or_profile|aff_domain"
    r"|position|email|author_num|bibtex|reviewers|pdf_size|rating|confidence|gs_\w+"
    r"|[\w#]+_avg|corr_\w+|aff_(?:unique|campus|country)\w*)$"
)


def _elements(text: str, source: str) -> list[tuple[int, object]]:
    """Decode the list's elements, each with the line it starts on."""
    decoder = json.JSONDecoder()
    try:
        data, end = decoder.raw_decode(text, len(text) - len(text.lstrip()))
    except json.JSONDecodeError as err:
        raise ListError(f"not valid JSON: {err.msg}", source, err.lineno) from None
    if isinstance(data, dict) and text[end:].strip():
        return _json_lines(text, source)
    if isinstance(data, dict):
        data = next((data[k] for k in CONTAINER_KEYS if isinstance(data.get(k), list)), data)
    if not isinstance(data, list):
        raise ListError(
            f'expected a JSON list of paper objects ([{{"title": ..., "url": ...}}, ...]); '
            f"{FORMATS_HELP}",
            source,
            1,
        )
    return list(zip(_starts(text, len(data)), data, strict=False))


def _json_lines(text: str, source: str) -> list[tuple[int, object]]:
    """Decode JSON Lines (.jsonl: one object a line), each element with its line."""
    elements = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                elements.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                raise ListError(f"not valid JSON: {err.msg}", source, number) from None
    return elements


def _starts(text: str, count: int) -> list[int]:
    """Give the line of each element object, found by its opening brace."""
    target = 2 if text.lstrip()[:1] == "[" else 3  # a bare list, or a list in an object
    lines, depth, line = [], 0, 1
    for token in TOKENS.finditer(text):
        char = token.group(0)
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if char == "{" and depth == target:
                lines.append(line)
        elif char in "]}":
            depth -= 1
    return lines + [1] * (count - len(lines))


def _value(value: object) -> str:
    """Write a JSON value as a field's text: lists joined, objects and nulls left out."""
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value if isinstance(v, (str, int, float)))
    if isinstance(value, bool) or value is None or isinstance(value, dict):
        return ""
    return str(value)


def read(text: str, source: str = "<list>") -> PaperList:
    """Read a JSON list of paper objects."""
    records, others = [], []
    for line, element in _elements(text, source):
        if isinstance(element, dict):
            kept = {str(k): v for k, v in element.items() if not BOOKKEEPING.match(str(k))}
            records.append((line, {k: _value(v) for k, v in kept.items()}))
        else:
            others.append(line)
    warnings: list[ListWarning] = []
    if others:
        warnings.append(ListWarning("left out elements that are not objects", source, others[0]))
    return make_papers(
        records,
        source,
        warnings,
        seen=f"{len(records)} objects",
        expected='objects like {"title": "...", "url": "https://..."}',
    )
