"""Readers: one per shape of paper list, each turning a file's text into the same papers.

A reader is a pure function read(text, source) -> PaperList. Which one reads a file is
chosen by its extension, then by its content; a name given by the user (--format, or
format: in config.yml) overrides both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ListError
from . import shipped
from .model import Paper, PaperList, decode_text

__all__ = ["FORMATS", "Paper", "PaperList", "read_bytes", "read_text"]

Reader = Callable[[str, str], PaperList]


@dataclass(frozen=True)
class Format:
    """A list shape: its name, its reader and the file name endings it is chosen by."""

    name: str
    read: Reader
    extensions: tuple[str, ...]


FORMATS: dict[str, Format] = {
    f.name: f for f in (Format("paperpick", shipped.read, (".md", ".markdown", ".txt")),)
}
MARKDOWN = ("paperpick",)


def format_names() -> str:
    """Name the formats for a message: 'paperpick, bibtex, ...'."""
    return ", ".join(FORMATS)


def format_of(source: str, fmt: str | None = None) -> Format | None:
    """Give the format named, else the one the file name's ending says (None: look inside)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ListError(f"unknown list format '{fmt}'; expected {format_names()}", source)
        return FORMATS[fmt]
    suffix = "." + source.rsplit(".", 1)[-1].lower() if "." in source else ""
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def read_text(text: str, source: str = "<list>", fmt: str | None = None) -> PaperList:
    """Read a list's text with the format named, or the one its name and content say."""
    chosen = format_of(source, fmt)
    if chosen is None or (chosen.name in MARKDOWN and fmt is None):
        chosen = FORMATS[MARKDOWN[0]]
    return chosen.read(text, source)


def read_bytes(data: bytes, source: str, fmt: str | None = None) -> PaperList:
    """Read a list's bytes: decoded as UTF-8 (or UTF-16 with its BOM), then read_text."""
    return read_text(decode_text(data, source), source, fmt)
