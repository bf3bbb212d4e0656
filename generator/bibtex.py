"""Write papers as BibTeX that BibTeX, pybtex, pandoc and bibtexparser 2 all read.

A title, abstract or field is text the way the page reads it: TeX math between dollar signs
(dollarmath's rules, as tex.py applies them), \\emph{..}-like macros, Markdown's backslash
escapes; everything else is literal and escaped here. Braces in the output always balance,
counted the way BibTeX counts them (it counts the brace of \\{ too), so a literal brace is
written \\{ or \\} only when it has a partner, else {\\textbraceleft} or {\\textbraceright}.
theme/src/writers.js mirrors this module byte for byte (tests/fixtures/writers keeps them equal).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .parser import Paper
from .tex import TEX_DISPLAY_MATH, TEX_INLINE_MATH, TEX_STYLE, math_at

BIB_STOP_WORDS = frozenset(
    "a an the on of in for to towards toward and with from is are via at by do does".split()
)
BIB_COMBINING = re.compile("[\u0300-\u036f]")
BIB_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
BIB_MATH = re.compile(r"(?<!\\)\$[^$]*(?<!\\)\$")
# JavaScript's \s, so that the page's writer splits and folds exactly the same characters.
WS = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
SPACES = re.compile(WS + "+")
AUTHORS_AND = re.compile(f"{WS}+and{WS}+")
AUTHORS_ANY = re.compile(f"{WS}*[,;]{WS}*|{WS}+and{WS}+")
ET_AL = re.compile(r"^(?:et\.? al\.?|others)$", re.IGNORECASE)
ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# How a literal character that TeX or BibTeX would read as markup is written.
SPECIAL = {
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "{\\textasciitilde}",
    "^": "{\\textasciicircum}",
    "\\": "{\\textbackslash}",
}
LONE_BRACE = {"{": "{\\textbraceleft}", "}": "{\\textbraceright}"}
PAIRED_BRACE = {"{": "\\{", "}": "\\}"}
MATH_UNESCAPED = re.compile(r"(?<!\\)([%#&])")
MATH_ENV_UNESCAPED = re.compile(r"(?<!\\)([%#])")  # & aligns columns in \begin{..}
CAPITAL = re.compile("[A-Z]")
ORDINARY = re.compile(r"[^$\\{}&%#_~^]+")  # characters written as they are
URL_VALUE = re.compile(f"^[A-Za-z][A-Za-z0-9+.-]*://(?:(?!{WS}).)+$")
FIELD_NAME = re.compile(r"[^a-z0-9]+")
AUTHOR_FIELDS = frozenset(["authors", "author"])
NOTE_FIELDS = frozenset(["note", "notes"])
# Fields this writer sets itself or that would change how BibTeX reads the entry.
RESERVED_FIELDS = frozenset(
    "title author booktitle howpublished year url abstract key crossref type".split()
)


@dataclass
class Atom:
    """One piece of text on its way out: a character, a space, math or a kept TeX macro."""

    kind: str  # "char", "space", "math" or "macro"
    text: str  # the source character, or the TeX written out for math and macros


# --- reading text the way the page does -----------------------------------------------------


def _math_delimiters(text: str) -> str:
    """Turn \\(..\\) and \\[..\\] into $..$ and $$..$$ outside dollar math, as the page does."""
    if "\\(" not in text and "\\[" not in text:
        return text
    parts = text.split("$")
    for i in range(0, len(parts), 2):
        part = TEX_INLINE_MATH.sub(lambda m: "$" + fold(m.group(1)) + "$", parts[i])
        parts[i] = TEX_DISPLAY_MATH.sub(lambda m: "$$" + fold(m.group(1)) + "$$", part)
    return "$".join(parts)


def _bibtex_balanced(text: str) -> bool:
    """Tell whether braces balance as BibTeX counts them (a backslash does not hide one)."""
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def fold(text: str) -> str:
    """Fold every run of whitespace into one space, none at the ends."""
    return SPACES.sub(" ", text).strip(" ")


def _math_atom(tex: str) -> Atom:
    unescaped = MATH_ENV_UNESCAPED if "\\begin" in tex else MATH_UNESCAPED
    return Atom("math", "$" + unescaped.sub(r"\\\1", tex) + "$")


def _atoms_at(text: str, pos: int, runs: bool) -> tuple[list[Atom], int]:
    """Read the atoms that start at pos; give them and where reading goes on.

    With runs, ordinary characters come as one atom per run (no capitals to brace).
    """
    ch = text[pos]
    if ch == "$":
        found = math_at(text, pos)
        if found and found[1].strip(" ") and _bibtex_balanced(found[1]):
            return [_math_atom(found[1].strip(" "))], found[0] + 1
        if found:  # math whose braces would unbalance the field: keep it as text
            return [Atom("char", c) for c in text[pos : found[0] + 1]], found[0] + 1
    elif ch == "\\":
        if text[pos + 1 : pos + 2] in ASCII_PUNCT and pos + 1 < len(text):
            return [Atom("char", text[pos + 1])], pos + 2  # Markdown's backslash escape
        macro = TEX_STYLE.match(text, pos)
        if macro:
            inner = bibtex_text(macro.group(2))
            return [Atom("macro", f"\\{macro.group(1)}{{{inner}}}")], macro.end()
    ordinary = ORDINARY.match(text, pos) if runs else None
    if ordinary:
        return [Atom("char", ordinary.group(0))], ordinary.end()
    return [Atom("space" if ch == " " else "char", ch)], pos + 1


def read_atoms(text: str, runs: bool = False) -> list[Atom]:
    """Split text into atoms, whitespace folded to single spaces and trimmed."""
    text = fold(_math_delimiters(text))
    atoms: list[Atom] = []
    pos = 0
    while pos < len(text):
        got, pos = _atoms_at(text, pos, runs)
        atoms.extend(got)
    return atoms


# --- writing text ---------------------------------------------------------------------------


def _brace_forms(atoms: list[Atom]) -> dict[int, str]:
    """Give each literal brace's form: \\{ and \\} for a matched pair, else the text macros."""
    forms: dict[int, str] = {}
    opened: list[int] = []
    for i, atom in enumerate(atoms):
        if atom.kind != "char" or atom.text not in "{}":
            continue
        if atom.text == "{":
            opened.append(i)
            forms[i] = LONE_BRACE["{"]
        elif opened:
            forms[opened.pop()] = PAIRED_BRACE["{"]
            forms[i] = PAIRED_BRACE["}"]
        else:
            forms[i] = LONE_BRACE["}"]
    return forms


def _is_upper(ch: str) -> bool:
    return unicodedata.category(ch) == "Lu"


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _is_alnum(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def _needs_protection(part: list[Atom]) -> bool:
    """Tell whether a style's lower-casing would harm this part of a word (CLIP, ViT, Q&A, I)."""
    if any(a.kind == "math" and CAPITAL.search(a.text) for a in part):
        return True
    alnum = "".join(a.text for a in part if a.kind == "char" and _is_alnum(a.text))
    letters = [ch for ch in alnum if _is_letter(ch)]
    if len(letters) == 1:
        return _is_upper(letters[0]) and alnum != "A"
    return any(_is_upper(ch) for ch in letters[1:])


def _parts(atoms: list[Atom]) -> list[list[int]]:
    """Group atom indexes into word parts: words split at spaces, then at hyphens."""
    parts: list[list[int]] = [[]]
    for i, atom in enumerate(atoms):
        if atom.kind == "space" or (atom.kind == "char" and atom.text == "-"):
            parts.append([])
        else:
            parts[-1].append(i)
    return [p for p in parts if p]


def _runs(part: list[int], atoms: list[Atom]) -> list[list[int]]:
    """Give the runs of letters and digits in a word part (Q&A has two)."""
    runs: list[list[int]] = []
    for i in part:
        if atoms[i].kind != "char" or not _is_alnum(atoms[i].text):
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _protected(atoms: list[Atom]) -> set[int]:
    """Give the atoms to brace: in parts that need it, runs and math holding a capital."""
    keep: set[int] = set()
    for part in _parts(atoms):
        if not _needs_protection([atoms[i] for i in part]):
            continue
        for run in _runs(part, atoms):
            if any(_is_upper(atoms[i].text) for i in run):
                keep.update(run)
        keep.update(i for i in part if atoms[i].kind == "math" and CAPITAL.search(atoms[i].text))
    return keep


def _plain(atom: Atom, brace: str | None) -> str:
    if atom.kind == "space":
        return " "
    if atom.kind != "char":
        return atom.text
    return brace or SPECIAL.get(atom.text, atom.text)


def bibtex_text(text: str, protect: bool = False) -> str:
    """Write text as a BibTeX value: specials escaped, math kept, capitals braced if asked."""
    atoms = read_atoms(text, runs=not protect)
    braces = _brace_forms(atoms)
    keep = _protected(atoms) if protect else set()
    out: list[str] = []
    inside = False  # in a braced run of plain characters
    for i, atom in enumerate(atoms):
        plain_kept = i in keep and atom.kind == "char"
        if inside != plain_kept:
            out.append("{" if plain_kept else "}")
            inside = plain_kept
        piece = _plain(atom, braces.get(i))
        out.append("{" + piece + "}" if i in keep and atom.kind == "math" else piece)
    if inside:
        out.append("}")
    return "".join(out)


def bibtex_url(url: str) -> str:
    """Keep a URL verbatim but for what would break a braced value or a TeX \\url."""
    return "".join(URL_ESCAPES.get(ch, ch) for ch in url)


URL_ESCAPES = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}


def bibtex_value(value: str) -> str:
    """Write an extra field's value: a URL verbatim, anything else as text."""
    value = fold(value)
    return bibtex_url(value) if URL_VALUE.match(value) else bibtex_text(value)


# --- names and keys -------------------------------------------------------------------------


def split_authors(value: str) -> list[str]:
    """Split an Authors field: 'Last, First and Last, First', or names between , ; and 'and'."""
    value = fold(value)
    parts = AUTHORS_AND.split(value)
    if len(parts) > 1 and all("," in p or ET_AL.match(p) for p in parts):
        return [p for p in parts if p]
    return [p for p in AUTHORS_ANY.split(value) if p]


def paper_authors(paper: Paper) -> list[str]:
    """Give the names in the paper's Authors (or Author) fields, in order."""
    return [
        name
        for field, value in paper.fields
        if _field_name(field) in AUTHOR_FIELDS
        for name in split_authors(value)
    ]


def bibtex_names(names: list[str]) -> str:
    """Join names with 'and'; 'et al.' becomes BibTeX's 'others'."""
    return " and ".join("others" if ET_AL.match(n) else bibtex_text(n) for n in names)


def _ascii_words(text: str) -> list[str]:
    folded = BIB_COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return [w for w in BIB_NOT_ALNUM.split(folded) if w]


def _surname(author: str) -> str:
    if "," in author:
        return author.split(",", 1)[0]
    words = author.split(" ")
    return words[-1] if words else ""


def bibtex_key(paper: Paper) -> str:
    """Make a key from the paper alone: surname, year, first significant title word, its id.

    The id makes it unique in the list and the same whatever else is exported with it.
    """
    authors = [a for a in paper_authors(paper) if not ET_AL.match(a)]
    surname = "".join(_ascii_words(_surname(authors[0]))) if authors else ""
    title_no_math = BIB_MATH.sub(" ", paper.title)
    word = next((w for w in _ascii_words(title_no_math) if w.lower() not in BIB_STOP_WORDS), "")
    year = "".join(_ascii_words(paper.year))
    base = (surname + year + word if surname else word + year).lower()
    base = base if base[:1].isalpha() else "paper" + base
    return f"{base}_{paper.id}"


# --- entries --------------------------------------------------------------------------------


def _field_name(name: str) -> str:
    return FIELD_NAME.sub("-", name.lower()).strip("-")


def _extras(paper: Paper) -> tuple[list[tuple[str, str]], list[str]]:
    """Give the extra fields as (BibTeX name, value) and what goes into the note."""
    fields: dict[str, list[str]] = {}
    note: list[str] = []
    for name, value in paper.fields:
        key = _field_name(name)
        if key in AUTHOR_FIELDS or not fold(value):
            continue
        if key in NOTE_FIELDS:
            note.append(bibtex_text(value))
        elif key in RESERVED_FIELDS or not key[:1].isalpha():
            note.append(bibtex_text(f"{name}: {value}"))
        else:
            fields.setdefault(key, []).append(bibtex_value(value))
    return [(k, "; ".join(v)) for k, v in fields.items()], note


def bibtex_fields(paper: Paper, notes: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """Give the entry type and its fields, from what the list knows of the paper.

    With notes, the reader's own note (paper.note) comes first in the note field.

    @inproceedings needs authors, a venue and a year (pybtex's styles refuse one without);
    any other paper is @misc, the type BibTeX documents for what fits nowhere else, with
    its venue as howpublished and, with no authors, a key to sort and label it by.
    """
    authors = paper_authors(paper)
    full = bool(authors and paper.venue and paper.year)
    fields = [("title", bibtex_text(paper.title, protect=True))]
    if authors:
        fields.append(("author", bibtex_names(authors)))
    if full:
        fields.append(("booktitle", bibtex_text(f"{paper.venue} {paper.year}")))
    elif paper.venue:
        fields.append(("howpublished", bibtex_text(paper.venue)))
    if paper.year:
        fields.append(("year", bibtex_text(paper.year)))
    if not authors:
        fields.append(("key", bibtex_text(paper.title)))
    if paper.link:
        fields.append(("url", bibtex_url(paper.link)))
    if fold(paper.abstract):
        fields.append(("abstract", bibtex_text(paper.abstract)))
    extras, note = _extras(paper)
    if notes and fold(paper.note):
        note.insert(0, bibtex_text(paper.note))
    if note:
        fields.append(("note", "; ".join(note)))
    return ("inproceedings" if full else "misc"), fields + extras


def write_bibtex(papers: Sequence[Paper], notes: bool = False) -> str:
    """Write one entry per paper, UTF-8 text with LF line ends, a blank line between.

    With notes, each paper's triage note goes into its note field.
    """
    entries = []
    for paper in papers:
        kind, fields = bibtex_fields(paper, notes)
        lines = [f"@{kind}{{{bibtex_key(paper)},"]
        lines.extend(f"  {name} = {{{value}}}," for name, value in fields)
        entries.append("\n".join(lines) + "\n}\n")
    return "\n".join(entries)
