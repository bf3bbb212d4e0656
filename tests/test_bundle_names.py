"""The property names scripts/bundle.mjs lets terser shorten are the page's own: no key of
its data, of what it stores or of a link's or file's records (those are read by name)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def internal_names() -> re.Pattern:
    """The pattern of shortened names, as scripts/bundle.mjs writes it."""
    bundler = (ROOT / "scripts" / "bundle.mjs").read_text(encoding="utf-8")
    found = re.search(r"^const INTERNAL = /(.+)/;$", bundler, re.M)
    assert found, "scripts/bundle.mjs: const INTERNAL = /.../; not found"
    return re.compile(found.group(1))


def keys(value) -> set[str]:
    """Every key of a JSON value, at any depth."""
    if isinstance(value, dict):
        return set(value).union(*(keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys(v) for v in value))
    return set()


def page_data(html: str) -> dict:
    """The JSON data block of a built page, but its strings (looked up by a key in a
    variable, t(key): never a property name in the code)."""
    block = re.search(r'<script type="application/json" id="paperpick-data">(.*?)</', html, re.S)
    return {k: v for k, v in json.loads(block.group(1)).items() if k != "strings"}


def test_no_key_of_the_pages_data_or_storage_is_shortened(tmp_path):
    pattern = internal_names()
    assert pattern.match("notice") and not pattern.match("ticked")
    found = set()
    # The shipped list's page, and a site of three lists (its pages, all.html, the index).
    for k, config in enumerate(
        [ROOT / "config.yml", ROOT / "tests" / "fixtures" / "site" / "config.yml"]
    ):
        assert main(["build", "--config", str(config), "-o", str(tmp_path / str(k))]) == 0
        for page in (tmp_path / str(k)).glob("*.html"):
            if "paperpick-data" in (html := page.read_text(encoding="utf-8")):
                found |= keys(page_data(html))
    for stored in (ROOT / "tests" / "fixtures").rglob("*.json"):
        if stored.name == "links.json":
            # a link carries no names: the cases are fragments and what the page's codec makes
            # of them, its own objects (the tests of the codec read its modules, not the bundle)
            continue
        try:
            found |= keys(json.loads(stored.read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError):
            continue
    # What the page stores (ticks, the site's, team ballots and plan) is read back by name.
    found |= {"v", "ticked", "from", "site", "old", "ballots", "plan", "me", "name", "ids"}
    found |= {"unmatched", "other", "at", "who"}
    assert len(found) > 20
    assert sorted(k for k in found if pattern.match(k)) == []
