"""BibTeX (.bib): each entry a paper, read with bibtexparser 2 (TeX accents decoded)."""

from __future__ import annotations

import logging
import re

from ..errors import ListError, ListWarning
from .fields import doi_link, make_papers
from .model import PaperList

# Entries that name no paper of their own: a proceedings volume, strings, comments.
NOT_PAPERS = {"proceedings", "string", "preamble", "comment"}
BRACES = re.compile(r"(?<!\\)[{}]")
ARXIV_SAID = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.I)
WEB_PAGE = re.compile(r"^https?://\S+$", re.IGNORECASE)


def _entry_link(fields: dict[str, str]) -> str:
    """Give an entry's link: its url, else its DOI, arXiv id or OpenReview id as a link."""
    if fields.get("url"):
        return fields["url"]
    doi = doi_link(fields.get("doi", ""))
    if doi:
        return doi
    eprint = fields.get("eprint", "").strip()
    if eprint and fields.get("archiveprefix", "arxiv").lower() == "arxiv":
        return "https://arxiv.org/abs/" + eprint
    if fields.get("openreview"):
        return "https://openreview.net/forum?id=" + fields["openreview"].strip()
    return _said_link(fields)


def _said_link(fields: dict[str, str]) -> str:
    """Give the link an entry only says: 'arXiv preprint arXiv:0911.0494' (Google Scholar's
    way) in its journal or note, or a web page's URL as its howpublished (BibTeX's way)."""
    for name in ("journal", "note", "howpublished", "booktitle"):
        arxiv = ARXIV_SAID.search(fields.get(name, ""))
        if arxiv:
            return "https://arxiv.org/abs/" + arxiv.group(1)
    page = fields.get("howpublished", "").strip()
    return page if WEB_PAGE.match(page) else ""


def _record(entry) -> dict[str, str]:
    """Turn an entry into named values: braces dropped, the link made, names kept in order."""
    fields = {k.lower(): BRACES.sub("", str(f.value)).strip() for k, f in entry.fields_dict.items()}
    record = {"title": fields.pop("title", "")}
    record["link"] = _entry_link(fields)
    for used in ("url", "doi", "openreview"):
        fields.pop(used, None)
    if record["link"] and fields.get("howpublished", "").strip() == record["link"]:
        del fields["howpublished"]  # a web page's address, now its link
    record["authors"] = " and ".join(_person(a) for a in fields.pop("author", "").split(" and "))
    record.update(fields)
    record["type"] = entry.entry_type.lower()
    record["key"] = entry.key
    return record


def _person(name: str) -> str:
    """Write 'Last, First' as 'First Last'."""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}".strip() if comma else name.strip()


def _parse(text: str):
    """Parse the text with bibtexparser, its log kept quiet (problems come back as blocks)."""
    # Imported here: most lists are not BibTeX, and every build would pay its import.
    import bibtexparser
    from bibtexparser import middlewares

    log = logging.getLogger("bibtexparser")
    level, log.level = log.level, logging.CRITICAL
    try:
        return bibtexparser.parse_string(
            text, append_middleware=[middlewares.LatexDecodingMiddleware()]
        )
    except Exception as err:  # bibtexparser raises its own kinds on text it cannot split
        raise ListError(f"not valid BibTeX: {err}", "", 1) from None
    finally:
        log.level = level


def read(text: str, source: str = "<list>") -> PaperList:
    """Read a BibTeX file: one paper per entry (not @proceedings, @string, @comment)."""
    try:
        library = _parse(text)
    except ListError as err:
        raise ListError(err.message, source, 1) from None
    warnings: list[ListWarning] = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            warnings.append(ListWarning("an entry key used twice; both kept", source, line))
            continue
        raise ListError(
            "BibTeX entry not closed or not of the form @type{key, name = {value}, ...}",
            source,
            line,
        )
    records = [
        ((e.start_line or 0) + 1, _record(e))
        for e in library.entries
        if e.entry_type.lower() not in NOT_PAPERS
    ]
    return make_papers(
        records,
        source,
        warnings,
        seen=f"{len(records)} entries",
        expected="entries like @inproceedings{key, title = {...}, url = {https://...}}",
    )
