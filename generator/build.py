"""Build the site: load config, read lists, render pages, write them all at once."""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import rcssmin
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)

from . import workers
from .cache import RenderCache
from .columns import extra_field_names
from .config import Config, ListConfig, check_columns, check_facets
from .errors import BuildError, ListError, ListWarning
from .page import Theme, page_name, render_index_page, render_list_page
from .readers import PaperList, read_bytes
from .readers.shipped import Kept
from .site import ALL_SLUG, combine, list_title, render_all_page
from .strings import read_strings
from .structure import facet_names
from .workers import Workers

MARKER = ".nojekyll"  # written into every output folder; also tells paperpick it may replace it


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line."""

    output: Path
    lists: int
    papers: int
    bytes: int
    seconds: float
    warnings: tuple[ListWarning, ...]

    def summary(self) -> str:
        """Say in one line what was built."""
        size = (
            f"{self.bytes / 1024:.0f} KB"
            if self.bytes < 1024 * 1024
            else f"{self.bytes / 1024 / 1024:.1f} MB"
        )
        lists = "1 list" if self.lists == 1 else f"{self.lists} lists"
        return (
            f"built {lists}, {self.papers} papers into {self.output}/ "
            f"({size}) in {self.seconds:.2f} s"
        )


def default_theme_dir() -> Path:
    """Find the theme: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "theme"
    return installed if installed.is_dir() else here.parent / "theme"


# The theme read last from each folder, with its files' stamps then: serve rebuilds on
# every save, and a theme read again would compile its templates again (most saves are
# of a list).
_themes: dict[Path, tuple[list[tuple[str, int, int]], Theme]] = {}


def read_theme(theme_dir: Path) -> Theme:
    """Load a theme, or give the one read before from this folder if no file has changed."""
    stamps = _theme_stamps(theme_dir)
    kept = _themes.get(theme_dir)
    if kept is not None and kept[0] == stamps:
        return kept[1]
    theme = _read_theme(theme_dir)
    _themes[theme_dir] = (stamps, theme)
    return theme


def _theme_stamps(theme_dir: Path) -> list[tuple[str, int, int]]:
    """Give every file of a theme folder with its mtime (ns) and size."""
    found = []
    for folder, _, names in os.walk(theme_dir):
        for name in names:
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            found.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return sorted(found)


def _read_theme(theme_dir: Path) -> Theme:
    """Load the templates, the stylesheet, the page's script and the strings of a theme."""
    env = Environment(
        loader=FileSystemLoader(str(theme_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,
        keep_trailing_newline=False,
    )
    try:
        style = rcssmin.cssmin((theme_dir / "style.css").read_text(encoding="utf-8"))
        # The index page's own rules: only that page carries them (list pages' budget).
        index_style = style + rcssmin.cssmin((theme_dir / "index.css").read_text(encoding="utf-8"))
        # Bundled and minified from theme/src/ by esbuild (npm run build), and committed.
        script = (theme_dir / "page.js").read_text(encoding="utf-8").strip()
        index_script = (theme_dir / "index.js").read_text(encoding="utf-8").strip()
        keys = json.loads((theme_dir / "page-keys.json").read_text(encoding="utf-8"))
        strings = read_strings(theme_dir / "strings.json")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise BuildError(f"cannot read the theme: {err}", str(theme_dir)) from None
    return Theme(
        env=env,
        style=style,
        script=script,
        strings=strings,
        index_script=index_script,
        index_style=index_style,
        keys=tuple(keys),
    )


def read_list(
    path: Path, name: str | None = None, fmt: str | None = None, kept: Kept | None = None
) -> PaperList:
    """Read one list from disk, with the reader named or the one its name and content say
    (with what serve kept of its last read: only what an edit changed is read again)."""
    source = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ListError(f"cannot read the list: {err.strerror}", source) from None
    return read_bytes(data, source, fmt, kept)


def render_site(
    config: Config,
    lists: list[PaperList],
    theme: Theme,
    caches: dict[str, RenderCache] | None = None,
    pool: Workers | None = None,
) -> dict[str, str | bytes]:
    """Render every page of the site, by file name (with caches: each list's by its slug;
    with workers: long lists are shared out to them)."""
    files = {}
    pages = []
    for lst, parsed in zip(config.lists, lists, strict=True):
        name = page_name(config, lst)
        cache = None if caches is None else caches.setdefault(lst.slug, RenderCache())
        files[name] = render_list_page(config, lst, parsed, theme, pool, cache)
        pages.append(
            {
                "slug": lst.slug,
                "href": name,
                "title": list_title(lst, parsed),
                "papers": parsed.papers,
            }
        )
    if len(config.lists) > 1:
        combined = combine(config, lists)
        whole = {"slug": ALL_SLUG, "href": f"{ALL_SLUG}.html", "count": len(combined.papers.papers)}
        cache = None if caches is None else caches.setdefault(ALL_SLUG, RenderCache())
        files[whole["href"]] = render_all_page(config, combined, theme, cache, pool)
        files["index.html"] = render_index_page(config, pages, whole, theme)
    return files


def check_output(output: Path, config: Config, sources: list[Path]) -> None:
    """Refuse an output folder whose replacement would delete the user's own files."""
    out = output.resolve()
    root = config.root.resolve()
    if out == root or out in root.parents:
        raise BuildError(
            f"output folder '{output}' holds the project itself; "
            "choose a folder of its own, like 'site'"
        )
    for source in sources:
        if out in source.resolve().parents:
            raise BuildError(
                f"output folder '{output}' holds the source '{source}'; "
                "choose a folder of its own, like 'site'"
            )
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(
            f"output folder '{output}' holds files paperpick did not write; "
            "empty it or choose another folder"
        )


def write_site(output: Path, files: dict[str, str | bytes]) -> int:
    """Write the pages (text, or bytes in UTF-8) into a fresh folder, then swap it in for the
    old one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        total = 0
        for name, text in sorted(files.items()):
            data = text.encode("utf-8") if isinstance(text, str) else text
            (staging / name).write_bytes(data)
            total += len(data)
        (staging / MARKER).write_bytes(b"")
        staging.chmod(0o755)
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
            old.rmdir()
            output.rename(old)
            staging.rename(output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(output)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"cannot write the site to '{output}': {err.strerror}") from None
    return total


def build(
    config: Config, theme_dir: Path | None = None, caches: dict[str, RenderCache] | None = None
) -> BuildResult:
    """Build the site the config describes (serve passes caches kept from its last build)."""
    with cycle_collector_paused():
        return _build(config, theme_dir, caches)


@contextmanager
def cycle_collector_paused():
    """Pause Python's cycle collector while a build runs, then restore it.

    A build makes hundreds of thousands of objects that live until it ends, and the
    collector walks them over and over as they pile up (10k papers: 10-20% of the CPU time
    of a build or of a rebuild in serve); reference counting frees the rest as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(config: Config, theme_dir: Path | None, caches: dict[str, RenderCache] | None):
    """Read the lists, render the pages and write the site."""
    start = time.perf_counter()
    theme = read_theme(theme_dir or default_theme_dir())
    sources = [lst.file for lst in config.lists]
    with workers.started(_processes(sources, caches), theme) as pool:
        lists = [
            read_list(lst.file, shown(lst.file), lst.format, kept)
            for lst, kept in _reads(config, caches)
        ]
        names = [name for parsed in lists for name in extra_field_names(parsed.papers)]
        check_columns(config, names)
        check_facets(config, [name for parsed in lists for name in facet_names(parsed.papers)])
        try:
            files = render_site(config, lists, theme, caches, pool)
        except TemplateError as err:
            raise _template_error(err, theme_dir or default_theme_dir()) from None
    check_output(config.output, config, sources)
    size = write_site(config.output, files)
    return BuildResult(
        output=config.output,
        lists=len(lists),
        papers=sum(len(p.papers) for p in lists),
        bytes=size,
        seconds=time.perf_counter() - start,
        warnings=tuple(w for p in lists for w in p.warnings),
    )


def _reads(
    config: Config, caches: dict[str, RenderCache] | None
) -> list[tuple[ListConfig, Kept | None]]:
    """Give each list with what serve kept of its last read (kept by the list's slug, with
    its rendered papers)."""
    if caches is None:
        return [(lst, None) for lst in config.lists]
    return [(lst, caches.setdefault(lst.slug, RenderCache()).read) for lst in config.lists]


def _processes(sources: list[Path], caches: dict[str, RenderCache] | None) -> int:
    """Give how many processes render the lists: by their size, but one once serve keeps
    rendered papers (an edit renders a paper or two)."""
    if caches and any(cache.items for cache in caches.values()):
        return 1  # (none kept yet after a first build that failed: render as a build does)
    size = 0
    for source in sources:
        with suppress(OSError):  # read_list says what is wrong with it
            size += source.stat().st_size
    return workers.worker_count(size)


def _template_error(err: TemplateError, theme_dir: Path) -> BuildError:
    """Name the template file and line of a theme error, as for a list's error."""
    name = getattr(err, "filename", None) or getattr(err, "name", None)
    where = str(theme_dir / name) if name and not Path(name).is_absolute() else name
    return BuildError(
        f"template error: {err.message}", where or str(theme_dir), getattr(err, "lineno", None)
    )


def shown(path: str | Path) -> str:
    """Name a file as the user would: relative to the current folder where it can be."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
