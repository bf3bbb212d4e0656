"""Edits that turn the text a card shows back into its Markdown source (pure).

A rendered abstract's text (its element's textContent) is most of its source: what
differs is markup (`$..$` shown as MathML, `*`, backticks, a link's URL, list marks,
the blank lines between paragraphs). The page carries only these differences, and
theme/src/card.js applies them to the card's text (`source` there) for the exports and
search: a string is put in, a number n copies (n > 0) or skips (n < 0) that many
characters of the text; whatever is left of the text is copied at the end. Characters are
counted as JavaScript counts them (UTF-16 code units: math letters such as 𝔼 are two).
"""

from __future__ import annotations

import re

ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each

ANCHOR = 12  # characters of the text that must match the source to pick up copying again
GIVE_UP = 2000  # characters of the text to skip looking for one; then the rest is put in


def _shared(a: str, i: int, b: str, j: int) -> int:
    """Give how many characters a[i:] and b[j:] share at their start."""
    lo, hi = 0, min(len(a) - i, len(b) - j)
    while lo < hi:  # slices compare in C: a bisection is faster than a loop per character
        mid = (lo + hi + 1) // 2
        if a[i + lo : i + mid] == b[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _resync(source: str, i: int, text: str, j: int) -> tuple[int, int]:
    """Give (where in source, how far past j in text) the two agree again."""
    for skip in range(min(len(text) - j, GIVE_UP) + 1):
        anchor = text[j + skip : j + skip + ANCHOR]
        if len(anchor) == ANCHOR:
            at = source.find(anchor, i)
        else:  # the text's end: it must be the source's end
            at = len(source) - len(anchor)
            if at < i or not source.endswith(anchor):
                at = -1
        if at >= 0:
            return at, skip
    return len(source), len(text) - j


def edits(source: str, text: str) -> list[str | int]:
    """Give the edits that make text into source (none when they are the same)."""
    out: list[str | int] = []
    i = j = 0
    while True:
        n = _shared(source, i, text, j)
        if n:
            out.append(n)
            i, j = i + n, j + n
        if i == len(source) and j == len(text):
            break
        at, skip = _resync(source, i, text, j)
        if at > i:
            out.append(source[i:at])
        if skip:
            out.append(-skip)
        i, j = at, j + skip
    if out and isinstance(out[-1], int) and out[-1] > 0:
        out.pop()  # the rest of the text is copied anyway
    return _in_utf16(out, text) if ASTRAL.search(text) else out


def _in_utf16(edits: list[str | int], text: str) -> list[str | int]:
    """Count the text's characters of each edit in UTF-16 code units, as JavaScript does."""
    out: list[str | int] = []
    j = 0
    for e in edits:
        if isinstance(e, int):
            n = abs(e) + len(ASTRAL.findall(text, j, j + abs(e)))
            out.append(n if e > 0 else -n)
            j += abs(e)
        else:
            out.append(e)
    return out


def apply(edits: list[str | int], text: str) -> str:
    """Give the source the edits make of text (what card.js's `source` does)."""
    units = text.encode("utf-16-le")
    out, j = [], 0
    for e in edits:
        if isinstance(e, str):
            out.append(e)
        elif e < 0:
            j -= e
        else:
            out.append(units[2 * j : 2 * (j + e)].decode("utf-16-le"))
            j += e
    return "".join(out) + units[2 * j :].decode("utf-16-le")
