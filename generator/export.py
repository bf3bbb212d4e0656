"""Write ticked papers as CSV, BibTeX or Markdown (pure: papers in, text out).

theme/js/share.js and theme/js/core.js mirror these writers byte for byte; the shared
vectors in tests/fixtures/writers/ keep the two from drifting apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from .columns import column_value, default_columns
from .parser import Paper, PaperList

FORMATS = ("csv", "bibtex", "md")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = re.compile(r'[",\r\n]')

BIB_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "to",
        "towards",
        "toward",
        "and",
        "with",
        "from",
        "is",
        "are",
        "via",
        "at",
        "by",
        "do",
        "does",
    ]
)
BIB_COMBINING = re.compile("[\u0300-\u036f]")
BIB_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
AUTHORS_AND = re.compile(r"\s+and\s+")
AUTHORS_ANY = re.compile(r"\s*[,;]\s*|\s+and\s+")
BIB_SPECIAL = re.compile(r"(?<!\\)([&%#_])")
BIB_MATH = re.compile(r"(?<!\\)\$[^$]*(?<!\\)\$")
BIB_WORD = re.compile(r'[^\s{}\\$:;,.?!()"]*[A-Z][^\s{}\\$:;,.?!()"]*')


def csv_cell(value: str) -> str:
    """Quote one cell by RFC 4180, guarding a leading formula character with a quote mark."""
    if value.startswith(FORMULA_START):
        value = "'" + value
    if CSV_QUOTE.search(value):
        value = '"' + value.replace('"', '""') + '"'
    return value


def write_csv(papers: Iterable[Paper], columns: Sequence[str]) -> bytes:
    """Write papers as CSV: UTF-8 with BOM, CRLF after every row, header first."""
    rows = [list(columns)] + [[column_value(p, c) for c in columns] for p in papers]
    text = "".join(",".join(csv_cell(v) for v in row) + "\r\n" for row in rows)
    return ("\ufeff" + text).encode("utf-8")


# --- BibTeX ---------------------------------------------------------------------------------


def _ascii_words(text: str) -> list[str]:
    folded = BIB_COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return [w for w in BIB_NOT_ALNUM.split(folded) if w]


def _field(paper: Paper, *names: str) -> str:
    wanted = {n.casefold() for n in names}
    return next((v for n, v in paper.fields if n.casefold() in wanted), "")


def split_authors(value: str) -> list[str]:
    """Split an Authors field: 'Last, First and Last, First', or names between , ; and 'and'."""
    parts = [p.strip() for p in AUTHORS_AND.split(value.strip())]
    if len(parts) > 1 and all("," in p for p in parts):
        return [p for p in parts if p]
    return [p.strip() for p in AUTHORS_ANY.split(value) if p.strip()]


def _surname(author: str) -> str:
    if "," in author:
        return author.split(",", 1)[0]
    words = author.split()
    return words[-1] if words else ""


def bibtex_key_base(paper: Paper) -> str:
    """Make a readable key: first author's surname, year, first significant title word."""
    authors = split_authors(_field(paper, "authors", "author"))
    surname = "".join(_ascii_words(_surname(authors[0]))) if authors else ""
    title_no_math = BIB_MATH.sub(" ", paper.title)
    word = next((w for w in _ascii_words(title_no_math) if w.lower() not in BIB_STOP_WORDS), "")
    year = "".join(_ascii_words(paper.year))
    base = (surname + year + word if surname else word + year).lower()
    return base if base[:1].isalpha() else "paper" + base


def bibtex_keys(papers: Sequence[Paper]) -> list[str]:
    """Give each paper a unique key; keys shared by several papers get '_<id>' appended."""
    bases = [bibtex_key_base(p) for p in papers]
    return [
        base if bases.count(base) == 1 else f"{base}_{p.id}"
        for base, p in zip(bases, papers, strict=True)
    ]


def _balanced(text: str) -> bool:
    depth = 0
    prev = ""
    for ch in text:
        if prev != "\\":
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth < 0:
                    return False
        prev = "" if prev == "\\" else ch
    return depth == 0


def bibtex_text(text: str, protect: bool = False) -> str:
    """Escape BibTeX's specials outside $math$, keep TeX as TeX, brace capitalised words."""
    text = " ".join(text.split())
    if not _balanced(text):
        text = re.sub(r"(?<!\\)([{}])", r"\\\1", text)
    out = []
    pos = 0
    for math in BIB_MATH.finditer(text):
        out.append(_bib_plain(text[pos : math.start()], protect))
        out.append(math.group(0))
        pos = math.end()
    out.append(_bib_plain(text[pos:], protect))
    return "".join(out)


def _bib_plain(text: str, protect: bool) -> str:
    text = BIB_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"(?<!\\)\$", r"\\$", text)  # a lone $ is a dollar, not math
    if protect:
        text = BIB_WORD.sub(lambda m: "{" + m.group(0) + "}", text)
    return text


def bibtex_url(url: str) -> str:
    """Keep a URL verbatim but for the characters that would break a braced BibTeX value."""
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def write_bibtex(papers: Sequence[Paper]) -> str:
    """Write one @inproceedings entry per paper, keys stable and unique, LF line ends."""
    papers = list(papers)
    entries = []
    for key, paper in zip(bibtex_keys(papers), papers, strict=True):
        lines = [f"@inproceedings{{{key},", f"  title = {{{bibtex_text(paper.title, True)}}},"]
        authors = split_authors(_field(paper, "authors", "author"))
        if authors:
            lines.append(f"  author = {{{' and '.join(bibtex_text(a) for a in authors)}}},")
        booktitle = " ".join(x for x in (paper.venue, paper.year) if x)
        if booktitle:
            lines.append(f"  booktitle = {{{bibtex_text(booktitle)}}},")
        if paper.year:
            lines.append(f"  year = {{{bibtex_text(paper.year)}}},")
        if paper.link:
            lines.append(f"  url = {{{bibtex_url(paper.link)}}},")
        lines.append("}")
        entries.append("\n".join(lines) + "\n")
    return "\n".join(entries)


# --- Markdown -------------------------------------------------------------------------------


MAX_SECTION_DEPTH = 4  # headings ## to #####, so a paper's own heading is at most ######


def _section_headings(open_: tuple[str, ...], section: tuple[str, ...]) -> list[str]:
    """Give the headings that lead from the sections open to a paper's own (## outermost)."""
    same = 0
    while same < min(len(open_), len(section)) and open_[same] == section[same]:
        same += 1
    return [f"{'#' * (2 + level)} {section[level]}\n\n" for level in range(same, len(section))]


def write_markdown(paper_list: PaperList, ticked_ids: Iterable[str], sections: bool = False) -> str:
    """Write the whole list in the shipped format, with [x] on the ticked papers.

    With sections, each paper's section headings come before it and its own heading is
    one level deeper, so reading the text back gives the same sections.
    """
    ticked = set(ticked_ids)
    parts = [f"# {paper_list.title}\n\n"]
    parts.extend(f"> {note}\n\n" for note in paper_list.notes)
    open_: tuple[str, ...] = ()
    for number, paper in enumerate(paper_list.papers, start=1):
        section = paper.section[:MAX_SECTION_DEPTH] if sections else ()
        parts.extend(_section_headings(open_, section))
        open_ = section
        mark = "x" if paper.id in ticked else " "
        tick = f"{paper.title} | {paper.link}" if paper.link else paper.title
        level = "#" * (2 + len(section))
        parts.append(f"{level} {number}. {paper.title}\n\n- [{mark}] {tick}\n\n")
        if paper.link:
            parts.append(f"- **Link**: {paper.link}\n\n")
        if paper.venue:
            parts.append(f"- **Conference**: {paper.venue}\n\n")
        if paper.year:
            parts.append(f"- **Year**: {paper.year}\n\n")
        parts.extend(f"- **{name}**: {value}\n\n" for name, value in paper.fields)
        if paper.abstract:
            parts.append(
                "<details>\n<summary><strong>Abstract</strong></summary>\n\n"
                f"{paper.abstract}\n\n</details>\n\n"
            )
        parts.append("---\n\n")
    return "".join(parts)


def ticked_papers(paper_list: PaperList, ticked_ids: Iterable[str] | None = None) -> list[Paper]:
    """Give the ticked papers in list order (the source's [x] ones when no ids are given)."""
    if ticked_ids is None:
        return [p for p in paper_list.papers if p.ticked]
    wanted = set(ticked_ids)
    return [p for p in paper_list.papers if p.id in wanted]


def export_list(
    paper_list: PaperList,
    fmt: str,
    ticked_ids: Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
) -> bytes:
    """Give the bytes the page downloads for this list and selection, in one format."""
    papers = ticked_papers(paper_list, ticked_ids)
    if fmt == "csv":
        return write_csv(papers, columns or default_columns(paper_list.papers))
    if fmt == "bibtex":
        return write_bibtex(papers).encode("utf-8")
    if fmt == "md":
        return write_markdown(paper_list, [p.id for p in papers]).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
