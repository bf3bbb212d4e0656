"""The words of the page and its templates: theme/strings.json, English and Chinese side by side.

The build renders the templates with these and hands the page the same table in its data,
so each string has one home. A text may hold {name} to fill in, and "one|many" forms
chosen by {n} (theme/src/strings.js mirrors `say`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

LANGUAGES = ("en", "zh-CN")
PLACEHOLDER = re.compile(r"\{(\w+)\}")

Strings = dict[str, dict[str, str]]  # language -> key -> text


def parse_strings(text: str) -> Strings:
    """Split a strings table ({key: [English, Chinese]}) into one table per language."""
    table = json.loads(text)
    return {lang: {key: pair[i] for key, pair in table.items()} for i, lang in enumerate(LANGUAGES)}


def read_strings(path: Path) -> Strings:
    """Read a theme's strings table from disk."""
    return parse_strings(path.read_text(encoding="utf-8"))


def say(text: str, **values: object) -> str:
    """Fill a text in: {name} from values, "one|many" chosen by n."""
    forms = text.split("|")
    n = values.get("n")
    chosen = forms[1] if len(forms) > 1 and str(n) != "1" else forms[0]
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], chosen)


def page_language(setting: str) -> str:
    """Give the language a page is drawn in: the config's, or English for auto."""
    return setting if setting in LANGUAGES else "en"


def for_page(strings: Strings, setting: str) -> Strings:
    """Give the tables a page needs: its language's, or every one when it follows the browser."""
    return {lang: strings[lang] for lang in LANGUAGES if setting in (lang, "auto")}
