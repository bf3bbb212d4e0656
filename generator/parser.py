"""The names modules and tests imported from here before lists had several readers."""

from __future__ import annotations

from .readers.model import Paper, PaperList, decode_text, make_ids, normalize_link
from .readers.shipped import read as parse_list

__all__ = ["Paper", "PaperList", "decode_text", "make_ids", "normalize_link", "parse_list"]
