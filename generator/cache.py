"""Rendered papers kept from one build to the next by `paperpick serve` (pure: no disk).

Editing one paper of a long list should not render the other thousands again: each
paper's card and page record are kept under the paper's content and the render's other
inputs (the theme's templates and strings, the page's language), and only papers not
rendered before with those inputs are rendered. What comes out is what a full build
gives, byte for byte (tests/test_incremental.py edits papers at random to check it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import fields
from operator import attrgetter

from .readers import Paper
from .readers.shipped import Kept

# Every part of a paper but its line, which moves when a paper above it grows and is
# not rendered. A part added to Paper is part of the key without a change here.
PAPER_PARTS = tuple(f.name for f in fields(Paper) if f.name != "line")
_parts = attrgetter(*PAPER_PARTS)

Rendered = tuple[bytes, bytes]  # a paper's card HTML and its record in the page's data: UTF-8


def paper_key(paper: Paper) -> tuple:
    """Give what a paper renders from: all of it but its line."""
    return _parts(paper)


class RenderCache:
    """The rendered papers of one list's last build, by content; reused by the next build."""

    def __init__(self) -> None:
        self.read = Kept()  # what the list's last read kept, for the next read of it
        self.inputs: Hashable = None
        self.items: dict[tuple, Rendered] = {}
        self.rendered = 0  # papers the last build had to render (the rest came from here)

    def render(
        self,
        papers: tuple[Paper, ...],
        inputs: Hashable,
        render_all: Callable[[tuple[Paper, ...]], list[Rendered]],
    ) -> list[Rendered]:
        """Give every paper rendered, rendering (with render_all) only the ones not kept."""
        if inputs != self.inputs:  # another theme or language: nothing kept is valid
            self.inputs, self.items = inputs, {}
        keys = list(map(paper_key, papers))
        found: list[Rendered | None] = [self.items.get(k) for k in keys]
        todo = [i for i, done in enumerate(found) if done is None]
        if todo:
            fresh = render_all(tuple(papers[i] for i in todo))
            for i, done in zip(todo, fresh, strict=True):
                found[i] = done
        self.items = dict(zip(keys, found, strict=True))  # papers gone from the list go too
        self.rendered = len(todo)
        return found  # type: ignore[return-value]
