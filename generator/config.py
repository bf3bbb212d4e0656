"""Read and validate config.yml once, reporting every problem together."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .columns import known_columns
from .errors import ConfigError, PaperpickError
from .readers import FORMATS

LANGUAGES = ("auto", "en", "zh-CN")
SITE_KEYS = (
    "title",
    "description",
    "language",
    "url",
    "output",
    "lists",
    "columns",
    "site_id",
    "facets",
    "labels",
)
LIST_KEYS = ("file", "slug", "title", "csv", "format")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
RESERVED_SLUGS = ("index", "all")  # index.html and all.html of a site of several lists
# Labels a reader gives papers (keys 1-9); theme/strings.json names the default ones in Chinese.
DEFAULT_LABELS = ("must-read", "maybe")
LABEL = re.compile(r"^[^\s,|{}\x00-\x1f\x7f](?:[^,|{}\x00-\x1f\x7f]{0,22}[^\s,|{}\x00-\x1f\x7f])?$")


@dataclass(frozen=True)
class ListConfig:
    """One list of the site: its Markdown file and how its page is named."""

    file: Path
    slug: str
    title: str | None
    csv: str
    format: str | None = None  # the reader to use; None: chosen by the file's name and content


@dataclass(frozen=True)
class Config:
    """The whole site's settings, already validated."""

    title: str
    description: str
    language: str
    url: str
    output: Path
    lists: tuple[ListConfig, ...]
    columns: tuple[str, ...] | None
    root: Path
    source: str = "config.yml"
    columns_line: int | None = None
    # Names the site to the browser: its lists' picks are kept under a key made from it
    # (page.site_key), apart from every other site of the same origin. Default: default_site_id.
    site_id: str = ""
    facets: tuple[str, ...] | None = None  # fields to filter by; None: chosen for each list
    facets_line: int | None = None
    labels: tuple[str, ...] = DEFAULT_LABELS


def slug_for(path: Path) -> str:
    """Make a slug from a list's file name: icml2024_papers.md gives icml2024."""
    stem = path.stem.lower()
    stem = re.sub(r"[_-]papers$", "", stem) or stem
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem).strip("-_")
    return slug or "papers"


def default_csv_name(slug: str) -> str:
    """Name the CSV download the way the lists' own workflow does."""
    return f"selected_{slug}_papers.csv"


def _near(key: str, known: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else f" (known keys: {', '.join(known)})"


def _line_of(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _key_lines(node: yaml.Node) -> dict[str, int]:
    """Map each key of a YAML mapping node to its line."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def parse_config(text: str, source: str, root: Path) -> Config:
    """Validate the text of a config file; paths are taken relative to root."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ConfigError([PaperpickError(f"not valid YAML: {problem}", source, line)]) from None
    if data is None:
        data = {}
    problems: list[PaperpickError] = []

    def problem(message: str, line: int | None) -> None:
        problems.append(PaperpickError(message, source, line))

    if not isinstance(data, dict):
        raise ConfigError(
            [
                PaperpickError(
                    "expected a mapping of keys (title:, lists:, ...)", source, _line_of(node)
                )
            ]
        )
    lines = _key_lines(node)
    for key in data:
        if key not in SITE_KEYS:
            problem(f"unknown key '{key}'{_near(str(key), SITE_KEYS)}", lines.get(str(key)))

    def text_key(key: str, default: str) -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            problem(f"'{key}' must be text, got {type(value).__name__}", lines.get(key))
            return default
        return str(value)

    title = text_key("title", "Paper picks")
    site_id = text_key("site_id", "").strip()
    description = text_key("description", "")
    language = text_key("language", "auto")
    if language not in LANGUAGES:
        problem(
            f"'language' must be one of {', '.join(LANGUAGES)}, got '{language}'",
            lines.get("language"),
        )
        language = "auto"
    url = text_key("url", "")
    if url and not re.match(r"^https?://\S+$", url):
        problem(f"'url' must be the site's public http(s) address, got '{url}'", lines.get("url"))
    output = root / text_key("output", "site")

    columns = None
    if "columns" in data and data["columns"] is not None:
        raw = data["columns"]
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw) or not raw:
            problem(
                "'columns' must be a list of column names, e.g. [Title, Link, Year]",
                lines.get("columns"),
            )
        else:
            columns = tuple(raw)

    facets = _facets(data.get("facets"), lines.get("facets"), problem)
    labels = _labels(data.get("labels"), lines.get("labels"), problem)

    lists = _parse_lists(data.get("lists"), node, lines, root, problem)
    if problems:
        raise ConfigError(problems)
    return Config(
        title=title,
        description=description,
        language=language,
        url=url.rstrip("/"),
        output=output,
        lists=tuple(lists),
        columns=columns,
        root=root,
        source=source,
        columns_line=lines.get("columns"),
        site_id=site_id or default_site_id(title, lists),
        facets=facets,
        labels=labels,
        facets_line=lines.get("facets"),
    )


def default_site_id(title: str, lists: list[ListConfig]) -> str:
    """Name a site whose config gives no site_id: by its title and its first list's slug.

    Projects made by paperpick 0.1.0 all have the title 'My paper picks' and no site_id;
    what kept them apart on one origin was their list's slug (its folder's name). The
    first slug stays when lists are added after it.
    """
    return f"{title} / {lists[0].slug}"


def _facets(raw, line: int | None, problem) -> tuple[str, ...] | None:
    """Check 'facets:', the fields to filter by (None: chosen for each list, [] for none)."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(f, str) and f for f in raw):
        problem(
            "'facets' must be a list of field names, e.g. [Status, Session, Authors]; [] for none",
            line,
        )
        return None
    return tuple(dict.fromkeys(raw))


def _labels(raw, line: int | None, problem) -> tuple[str, ...]:
    """Check 'labels': 1 to 9 distinct short names (keys 1-9 give them); None: the defaults."""
    if raw is None:
        return DEFAULT_LABELS
    if not isinstance(raw, list) or not 1 <= len(raw) <= 9:
        problem("'labels' must be a list of 1 to 9 names, e.g. [must-read, maybe]", line)
    elif not all(isinstance(name, str) and LABEL.match(name) for name in raw):
        problem(
            "'labels': each must be a name of 1 to 24 characters, "
            "without , | { } or spaces at its ends",
            line,
        )
    elif len(set(raw)) < len(raw):
        problem("'labels' names a label twice; give each label once", line)
    else:
        return tuple(raw)
    return DEFAULT_LABELS


def _parse_lists(raw, node, lines, root: Path, problem) -> list[ListConfig]:
    if raw is None:
        problem(
            "'lists' is missing; expected a list of paper lists, e.g. lists: [{file: papers.md}]",
            None,
        )
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        problem("'lists' must be a list of paper lists", lines.get("lists"))
        return []
    nodes = _list_nodes(node)
    # With several lists, the index and the page of all lists take these names.
    seen_slugs: dict[str, str] = dict.fromkeys(RESERVED_SLUGS, "the site") if len(raw) > 1 else {}
    result = []
    for index, item in enumerate(raw):
        item_node = nodes[index] if index < len(nodes) else None
        item_lines = _key_lines(item_node) if item_node is not None else {}
        where = (f"lists[{index}]", _line_of(item_node), item_lines)
        parsed = _parse_list_item(item, where, root, problem, seen_slugs)
        if parsed:
            result.append(parsed)
    return result


def _list_nodes(node) -> list:
    """Give the YAML nodes of the 'lists' items, for their line numbers."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "lists" and isinstance(v, yaml.SequenceNode):
                return v.value
    return []


def _parse_list_item(item, where, root: Path, problem, seen_slugs) -> ListConfig | None:
    """Check one item of 'lists' (a file name or a mapping); None when it cannot be used."""
    name, line, item_lines = where
    if isinstance(item, str):
        item = {"file": item}
    if not isinstance(item, dict):
        problem(f"'{name}' must be a file name or a mapping with 'file:'", line)
        return None
    for key in item:
        if key not in LIST_KEYS:
            problem(
                f"unknown key '{name}.{key}'{_near(str(key), LIST_KEYS)}",
                item_lines.get(str(key), line),
            )
    file = item.get("file")
    if not isinstance(file, str) or not file:
        problem(f"'{name}.file' is missing; expected the list's Markdown file", line)
        return None
    path = root / file
    if not path.is_file():
        problem(f"'{name}.file': no such file '{file}'", item_lines.get("file", line))
    slug = item.get("slug", slug_for(path))
    if not isinstance(slug, str) or not SLUG.match(slug):
        problem(
            f"'{name}.slug' must be lower-case letters, digits, '-' or '_', got '{slug}'",
            item_lines.get("slug", line),
        )
        return None
    if slug in seen_slugs:
        problem(
            f"'{name}.slug' '{slug}' is already used by {seen_slugs[slug]}; "
            "give each list its own slug",
            item_lines.get("slug", line),
        )
    seen_slugs[slug] = file
    csv = item.get("csv", default_csv_name(slug))
    if not isinstance(csv, str) or not csv or "/" in csv or "\\" in csv:
        problem(
            f"'{name}.csv' must be a file name like selected_{slug}_papers.csv",
            item_lines.get("csv", line),
        )
        return None
    if not csv.lower().endswith(".csv"):
        csv += ".csv"
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        problem(f"'{name}.title' must be text", item_lines.get("title", line))
        title = None
    fmt = _list_format(item.get("format"), name, item_lines.get("format", line), problem)
    return ListConfig(file=path, slug=slug, title=title, csv=csv, format=fmt)


def _list_format(value, where: str, line: int | None, problem) -> str | None:
    """Check a list's 'format:' names a reader."""
    if value is None or value in FORMATS:
        return value
    match = difflib.get_close_matches(str(value), list(FORMATS), n=1, cutoff=0.6)
    hint = f"did you mean '{match[0]}'?" if match else "known formats: " + ", ".join(FORMATS)
    problem(f"'{where}.format': unknown format '{value}' ({hint})", line)
    return None


def _refuse_unknown(key: str, names, known: tuple[str, ...], config: Config, line) -> None:
    """Refuse names under a key that no list has a field for, suggesting the near miss."""
    problems = [
        PaperpickError(
            f"'{key}': no list has a field '{name}'{_near(name, known)}", config.source, line
        )
        for name in names or ()
        if name not in known
    ]
    if problems:
        raise ConfigError(problems)


def check_columns(config: Config, field_names: list[str]) -> None:
    """Refuse CSV columns that no list has, suggesting the near miss; after lists are read."""
    known = known_columns(field_names)
    _refuse_unknown("columns", config.columns, known, config, config.columns_line)


def check_facets(config: Config, facet_names: list[str]) -> None:
    """Refuse facets that no list has a field for, suggesting the near miss."""
    known = tuple(dict.fromkeys(facet_names))
    _refuse_unknown("facets", config.facets, known, config, config.facets_line)


def read_config(path: Path) -> Config:
    """Read and validate a config file from disk."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(
            [
                PaperpickError(
                    "no such config file; run 'paperpick new DIR' to start a project, "
                    "or 'paperpick build LIST.md' to build a list without one",
                    str(path),
                )
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError([PaperpickError(f"cannot read config: {err}", str(path))]) from None
    return parse_config(text, str(path), path.parent)


def config_for_lists(files: list[Path], output: Path, fmt: str | None = None) -> Config:
    """Make the config for 'paperpick build LIST.md ...' without a config file."""
    problems = [PaperpickError("no such file", str(f)) for f in files if not f.is_file()]
    if problems:
        raise ConfigError(problems)
    lists = []
    seen: set[str] = set()
    for f in files:
        slug = base = slug_for(f)
        n = 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        lists.append(
            ListConfig(file=f, slug=slug, title=None, csv=default_csv_name(slug), format=fmt)
        )
    return Config(
        title="Paper picks",
        description="",
        language="auto",
        url="",
        output=output,
        lists=tuple(lists),
        columns=None,
        root=Path.cwd(),
        # No config names the site: its lists do, as each list did when ticks were per list.
        site_id="lists:" + ",".join(lst.slug for lst in lists),
    )
