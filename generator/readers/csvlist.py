"""CSV (or tab-separated) lists: the page's own export, and the common Title,Link,... shapes."""

from __future__ import annotations

import csv
import io

from ..errors import ListError
from .clues import squash
from .fields import make_papers
from .model import FORMATS_HELP, PaperList

DELIMITERS = ",;\t|"
# The page's CSV puts a quote before a cell that would start a spreadsheet formula.
FORMULA_GUARD = ("'=", "'+", "'-", "'@", "'\t", "'\r")
# Zotero's export keeps its library's bookkeeping in these columns: when items were added,
# changed and looked at, the catalogue, and the attached files' paths on the owner's disk
# (C:\Users\<name>\Zotero\storage\...), which a page published for others must not show.
BOOKKEEPING = {"dateadded", "datemodified", "accessdate", "librarycatalog", "fileattachments"}


def decode(data: bytes, source: str) -> str:
    """Decode a CSV's bytes: UTF-8 (with or without BOM), UTF-16 with its BOM, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Excel writes on Windows


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Tell the delimiter and quoting from the first lines (a comma when unsure)."""
    sample = "\n".join(text.split("\n", 20)[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def _unguard(value: str) -> str:
    return value[1:] if value.startswith(FORMULA_GUARD) else value


def _rows(text: str, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Give the header and the rows, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    rows, line = [], 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as err:
        raise ListError(f"not valid CSV: {err}", source, reader.line_num or 1) from None
    while rows and not any(cell.strip() for cell in rows[0][1]):
        rows.pop(0)
    if not rows:
        raise ListError(
            f"empty CSV; expected a header such as Title,Link ({FORMATS_HELP})", source, 1
        )
    return [h.strip() for h in rows[0][1]], rows[1:]


def read(text: str, source: str = "<list>") -> PaperList:
    """Read a CSV list: one paper per row, named by its header (Title, Link, Authors, ...)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    header, rows = _rows(text, source)
    names = [name if squash(name) not in BOOKKEEPING else "" for name in header]
    records = [
        (line, {name: _unguard(value) for name, value in zip(names, row, strict=False) if name})
        for line, row in rows
        if any(cell.strip() for cell in row)
    ]
    return make_papers(
        records,
        source,
        [],
        seen=f"{len(records)} rows under the header {','.join(header)[:60]!r}",
        expected="a header such as Title,Link and a row per paper",
    )
