"""The paperpick command: turns arguments into calls and errors into messages."""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .build import build, read_list, shown
from .codec import list_fingerprint
from .columns import default_columns, extra_field_names
from .config import (
    Config,
    ListConfig,
    check_columns,
    config_for_lists,
    default_csv_name,
    read_config,
    slug_for,
)
from .errors import BuildError, ListError, PaperpickError, UsageError
from .export import FORMATS, export_list, write_markdown
from .parser import PaperList
from .readers import FORMATS as LIST_FORMATS
from .site import ALL_CSV, combine, export_site, list_title, site_columns
from .team import FORMATS as TEAM_FORMATS
from .team import ListPlace, export_team, gather

TEAM_WHAT = {"csv": "tally", "ics": "plan (iCalendar)", "md": "plan (Markdown)"}


class Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one-line UsageErrors, not usage dumps."""

    def __init__(self, *args, parents=(), **kwargs):
        self.options: list[str] = []  # set first: the base class adds --help through add_argument
        self.commands: dict[str, Parser] = {}
        super().__init__(*args, parents=parents, **kwargs)
        for parent in parents:
            self.options += parent.options

    def add_argument(self, *names, **kwargs):
        """Add an argument and remember its option names, for suggestions."""
        self.options += [n for n in names if n.startswith("-")]
        return super().add_argument(*names, **kwargs)

    def error(self, message: str):
        """Raise the mistake for main() to print as one line."""
        raise UsageError(f"{message}; see '{self.prog} --help'")


def near_miss(word: str, choices) -> str:
    """Suggest the choice closest to a mistyped word, if one is close."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    close.sort(key=lambda c: sorted(c) != sorted(word))  # two letters swapped: 'cvs' is 'csv'
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: tuple[str, ...]):
    """Make an argparse type that takes one of choices and suggests the near miss."""

    def check(value: str) -> str:
        if value in choices:
            return value
        raise argparse.ArgumentTypeError(
            f"'{value}' is not one of {', '.join(choices)}{near_miss(value, choices)}"
        )

    return check


def ics_stamp(value: str) -> str:
    """Take a UTC time as iCalendar writes it, 'YYYYMMDDTHHMMSSZ'."""
    try:
        if len(value) == 16:
            datetime.strptime(value, "%Y%m%dT%H%M%SZ")
            return value
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{value}' is not a UTC time like 20261203T150000Z")


def site_options() -> Parser:
    """Give the options build and serve share: the lists, or a config, and the output."""
    shared = Parser(add_help=False)
    shared.add_argument(
        "lists", nargs="*", metavar="LIST.md", help="these lists, without a config file"
    )
    shared.add_argument(
        "-c",
        "--config",
        default="config.yml",
        metavar="FILE",
        help="config file (default: config.yml)",
    )
    shared.add_argument(
        "-o", "--output", metavar="DIR", help="output folder (default: the config's, or site)"
    )
    add_format_option(shared)
    return shared


def add_format_option(command: Parser, what: str = "the LIST files") -> None:
    """Let the user name the reader of the lists named on the command line."""
    names = tuple(LIST_FORMATS)
    command.add_argument(
        "--format",
        type=one_of(names),
        metavar="NAME",
        help=f"read {what} as this format: {', '.join(names)} "
        "(default: from the file's name and content)",
    )


def make_parser() -> Parser:
    """Describe the command line."""
    parser = Parser(
        prog="paperpick",
        description="Turn a Markdown list of papers into one page to browse, tick and "
        "download picks from.",
    )
    parser.add_argument("--version", action="version", version=f"paperpick {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    shared = site_options()

    b = commands.add_parser(
        "build",
        parents=[shared],
        help="build the site into its output folder",
        description="Build config.yml's lists (or the LIST.md files named) into static pages.",
    )
    b.set_defaults(run=run_build)

    e = commands.add_parser(
        "export",
        help="write a list's [x] papers to CSV, BibTeX or Markdown, or a team's tally",
        description="Write the papers ticked [x] in LIST.md as the page's download would: "
        "CSV (default), BibTeX, or the list as Markdown. With --team, write what the page's "
        "team panel downloads for the ballots of share links (#s=...&by=NAME), team links "
        "(#t=..., every ballot and the plan) and files (a CSV the page exported, a Markdown "
        "list with [x] lines: the ballot is named after the file): the tally as CSV "
        "(default), the reading plan as iCalendar (ics) or as Markdown (md). A newer ballot "
        "of the same name replaces the older, as on the page.",
        epilog="example: paperpick export icml2024_papers.md --team "
        "'https://USER.github.io/REPO/#s=...&by=Ana' ballot.csv picks.md -f ics",
    )
    e.add_argument(
        "list",
        metavar="LIST.md",
        nargs="?",
        help="the Markdown list (default: every list of the config, with a List column)",
    )
    e.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write, '-' for standard output (default: selected_<list>_papers.csv, "
        ".bib or .md; with --team selected_<list>_papers_team.csv, <list>_plan.ics or .md)",
    )
    e.add_argument(
        "-c",
        "--config",
        default="config.yml",
        metavar="FILE",
        help="config whose csv name and columns to follow when it names LIST.md "
        "(default: config.yml, if there is one)",
    )
    e.add_argument(
        "-f",
        "--format",
        type=one_of((*FORMATS, "ics")),
        metavar="FORMAT",
        help="csv, bibtex or md; with --team csv, ics or md "
        "(default: from the -o file's extension, else csv)",
    )
    e.add_argument(
        "--team",
        nargs="+",
        metavar="LINK_OR_FILE",
        help="ballots: share links, team links, CSV or Markdown files (after LIST.md)",
    )
    e.add_argument(
        "--stamp",
        type=ics_stamp,
        metavar="YYYYMMDDTHHMMSSZ",
        help="the .ics file's DTSTAMP (default: now, in UTC), for reproducible files",
    )
    e.add_argument(
        "--notes",
        action="store_true",
        help="BibTeX: put each paper's note (a '- **Note**:' line) in its note field",
    )
    e.set_defaults(run=run_export)

    s = commands.add_parser(
        "serve",
        parents=[shared],
        help="build, serve on localhost, rebuild and reload on every change",
        description="Build the site, serve it on http://127.0.0.1, and rebuild it and reload "
        "the browser whenever config.yml, a list or the theme changes.",
    )
    s.add_argument("-p", "--port", type=int, metavar="N", help="port (default: 8000 or next free)")
    s.add_argument("--host", default="127.0.0.1", metavar="H", help="address (default: 127.0.0.1)")
    s.add_argument("--open", action="store_true", help="open the site in a web browser")
    s.set_defaults(run=run_serve)

    n = commands.add_parser(
        "new",
        help="start a project: config, sample list, README, Pages workflow",
        description="Make DIR (new or empty) a paperpick project that 'paperpick build' builds.",
    )
    n.add_argument("dir", metavar="DIR", help="folder of the new project")
    n.set_defaults(run=run_new)

    c = commands.add_parser(
        "convert",
        help="write any paper list in paperpick's Markdown format",
        description="Read LIST in any shape paperpick reads (Markdown lists, tables, BibTeX, "
        "CSV, JSON) and write it as a paperpick Markdown list.",
    )
    c.add_argument("list", metavar="LIST", help="the list to convert")
    c.add_argument(
        "-o", "--output", required=True, metavar="OUT.md", help="file to write, '-' for stdout"
    )
    add_format_option(c, "LIST")
    c.set_defaults(run=run_convert)

    u = commands.add_parser(
        "upgrade",
        help="make a project's GitHub Pages build use this paperpick",
        description="Put this paperpick's wheel in the project's wheels/ folder (replacing "
        "the one there) and point requirements.txt at it, so the Pages build uses the "
        "paperpick you use.",
    )
    u.add_argument("dir", nargs="?", default=".", metavar="DIR", help="project (default: here)")
    u.set_defaults(run=run_upgrade)
    parser.commands = commands.choices
    return parser


def parse(parser: Parser, argv: list[str]) -> argparse.Namespace:
    """Parse the command line; a mistake is a UsageError naming the near miss."""
    commands = parser.commands
    word = next((a for a in argv if not a.startswith("-")), None)
    if word is not None and word not in commands:
        raise UsageError(
            f"unknown command '{word}'{near_miss(word, commands)}; commands: {', '.join(commands)}"
        )
    args, extra = parser.parse_known_args(argv)
    if extra:
        sub = commands.get(args.command, parser)
        word = extra[0]
        if not word.startswith("-"):
            raise UsageError(f"unexpected argument '{word}'; see '{sub.prog} --help'")
        raise UsageError(
            f"unknown option '{word}' for {sub.prog}{near_miss(word.split('=')[0], sub.options)}"
        )
    return args


def load_config(args: argparse.Namespace):
    """Get the config: from the LIST.md files named, else from the config file."""
    if getattr(args, "lists", None):
        return config_for_lists(
            [Path(p) for p in args.lists], Path(args.output or "site"), args.format
        )
    config = read_config(Path(args.config))
    if args.output:
        config = replace(config, output=Path(args.output))
    return config


def run_build(args: argparse.Namespace) -> int:
    """Build once and say what was done."""
    result = build(load_config(args))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(result.summary())
    return 0


EXTENSIONS = {"csv": ".csv", "bibtex": ".bib", "md": ".md", "ics": ".ics"}


FORMAT_OF_SUFFIX = {
    ".csv": "csv",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".md": "md",
    ".markdown": "md",
    ".ics": "ics",
}


def configured_list(source: Path, config_file: Path) -> tuple[ListConfig, Config] | None:
    """Find the list in the config, so export names and shapes files as the page does."""
    if not config_file.is_file():
        return None
    try:
        config = read_config(config_file)
    except PaperpickError:
        return None  # export needs no config; 'paperpick build' reports what is wrong
    for lst in config.lists:
        if lst.file.resolve() == source.resolve():
            return lst, config
    return None


def export_format(args: argparse.Namespace) -> str:
    """Give the export's format: --format, else the -o file's extension, else csv."""
    formats = TEAM_FORMATS if args.team else FORMATS
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower() if args.output and args.output != "-" else ""
        if suffix and FORMAT_OF_SUFFIX.get(suffix) not in formats:
            names = ", ".join(e for f, e in EXTENSIONS.items() if f in formats)
            raise BuildError(
                f"cannot tell the format from '{suffix}'; name a {names} file, "
                f"or give --format {', '.join(formats)}",
                args.output,
            )
        fmt = FORMAT_OF_SUFFIX.get(suffix, "csv")
    if fmt not in formats:
        raise BuildError(
            "--team writes csv, ics or md" if args.team else "ics is a team's plan: give --team"
        )
    return fmt


def run_export(args: argparse.Namespace) -> int:
    """Export the ticked papers of one list (or of every list of the config) into a file."""
    fmt = export_format(args)
    if args.list is None:
        if args.team:
            raise UsageError("--team needs the list: paperpick export LIST.md --team ...")
        return run_export_site(args, fmt)
    source = Path(args.list)
    if args.team:
        return run_team_export(args, source, fmt)
    parsed = read_list(source, args.list)
    warn(parsed.warnings)
    found = configured_list(source, Path(args.config))
    csv_name = found[0].csv if found else default_csv_name(slug_for(source))
    columns = found[1].columns if found else None
    title = (found[0].title if found else None) or parsed.title
    data = export_list(parsed, fmt, columns=columns, lists=title, notes=args.notes)
    name = args.output or csv_name[: -len(".csv")] + EXTENSIONS[fmt]
    write_output(name, data, source)
    exported(args.list, name, sum(p.ticked for p in parsed.papers), len(parsed.papers))
    return 0


def run_export_site(args: argparse.Namespace, fmt: str) -> int:
    """Export the [x] papers of every list of the config, as its page of all lists does."""
    config = read_config(Path(args.config))
    lists = [read_list(lst.file, shown(lst.file), lst.format) for lst in config.lists]
    warn(w for parsed in lists for w in parsed.warnings)
    check_columns(config, [name for parsed in lists for name in extra_field_names(parsed.papers)])
    if len(config.lists) == 1:  # no page of all lists: the list's own page
        lst, parsed = config.lists[0], lists[0]
        data = export_list(parsed, fmt, columns=config.columns, lists=list_title(lst, parsed))
        count, total, csv_name = sum(p.ticked for p in parsed.papers), len(parsed.papers), lst.csv
    else:
        combined = combine(config, lists)
        data = export_site(combined, fmt, site_columns(config, combined))
        count, total = len(combined.picks()[0]), len(combined.papers.papers)
        csv_name = ALL_CSV
    name = args.output or csv_name[: -len(".csv")] + EXTENSIONS[fmt]
    write_output(name, data, Path(args.config))
    exported(args.config, name, count, total)
    return 0


def exported(source: str, name: str, count: int, total: int) -> None:
    """Say what export wrote (a warning when nothing is ticked)."""
    if not count:
        print(
            f"warning: {source}: no paper is ticked [x]; nothing but the header is written",
            file=sys.stderr,
        )
    if name != "-":
        papers = "1 ticked paper" if count == 1 else f"{count} ticked papers"
        print(f"exported {papers} of {total} to {name}")


def list_place(source: Path, args: argparse.Namespace) -> tuple[PaperList, ListPlace]:
    """Read a list, and what its page is called and shows (from the config, if it names it)."""
    found = configured_list(source, Path(args.config))
    lst, config = found or (None, None)
    parsed = read_list(source, args.list, lst.format if lst else None)
    warn(parsed.warnings)
    slug = lst.slug if lst else slug_for(source)
    return parsed, ListPlace(
        title=(lst.title if lst else None) or parsed.title,
        slug=slug,
        csv=lst.csv if lst else default_csv_name(slug),
        columns=(config.columns if config else None) or default_columns(parsed.papers),
    )


def ballot_sources(names: list[str]) -> list[tuple[str, str | None]]:
    """Give each --team argument as (link, None) or (file, its text as a browser reads it)."""
    sources = []
    for name in names:
        path = Path(name)
        if "#" in name and not path.is_file():
            sources.append((name, None))
            continue
        try:
            text = path.read_bytes().decode("utf-8", "replace")
        except FileNotFoundError:
            raise ListError("no such file, nor a link (#s=... or #t=...)", name) from None
        except OSError as err:
            raise ListError(f"cannot read: {err.strerror}", name) from None
        sources.append((name, text.removeprefix("\ufeff")))
    return sources


def run_team_export(args: argparse.Namespace, source: Path, fmt: str) -> int:
    """Export a team's tally (CSV) or plan (ics, md) from links and files of ballots."""
    parsed, place = list_place(source, args)
    got = gather(
        ballot_sources(args.team), parsed.papers, list_fingerprint(p.id for p in parsed.papers)
    )
    warn(got.warnings)
    stamp = args.stamp or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = args.output or place.file_name(fmt)
    write_output(name, export_team(fmt, parsed.papers, got, place, stamp), source)
    if name != "-":
        ballots = "1 ballot" if len(got.ballots) == 1 else f"{len(got.ballots)} ballots"
        print(f"exported the {TEAM_WHAT[fmt]} of {ballots} to {name}")
    return 0


def warn(warnings) -> None:
    """Print warnings, one line each."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def write_output(name: str, data: bytes, source: Path) -> None:
    """Write a command's file ('-': standard output), never over the list it came from."""
    if name == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(name)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise BuildError("will not overwrite the list itself; name another file with -o", name)
    try:
        target.write_bytes(data)
    except OSError as err:
        raise BuildError(f"cannot write: {err.strerror}", name) from None


def run_convert(args: argparse.Namespace) -> int:
    """Convert a list of any shape into paperpick's Markdown format."""
    source = Path(args.list)
    parsed = read_list(source, args.list, args.format)
    for warning in parsed.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    ticked = [p.id for p in parsed.papers if p.ticked]
    data = write_markdown(parsed, ticked, sections=True).encode("utf-8")
    write_output(args.output, data, source)
    if args.output != "-":
        print(f"converted {len(parsed.papers)} papers of {args.list} to {args.output}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Serve the site with live reload until Ctrl+C."""
    from .serve import serve  # tornado and livereload load only for this command

    return serve(
        lambda: load_config(args),
        None if args.lists else Path(args.config),
        port=args.port,
        host=args.host,
        open_browser=args.open,
        say=lambda line: print(line, flush=True),
        complain=print_error,
        warn=lambda warning: print(f"warning: {warning}", file=sys.stderr, flush=True),
    )


def run_new(args: argparse.Namespace) -> int:
    """Start a new project and say what to do next."""
    from .scaffold import new_project

    folder = Path(args.dir)
    written = new_project(folder)
    print(f"created {folder}/ with " + ", ".join(str(p.relative_to(folder)) for p in written))
    print(f"next: cd {folder} && paperpick serve")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    """Make a project's Pages build use this paperpick, and say what changed."""
    from .scaffold import upgrade_project

    folder = Path(args.dir)
    wheel, replaced = upgrade_project(folder)
    was = f" (replacing {', '.join(replaced)})" if replaced else ""
    print(f"wrote {wheel}{was}; {folder / 'requirements.txt'} installs it")
    print("next: commit both, and the next Pages build uses it")
    return 0


def print_error(err: PaperpickError) -> None:
    """Print an error as one 'error: FILE:LINE: message' line per problem."""
    for line in str(err).splitlines():
        print(f"error: {line}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 done, 1 bad input, 2 bad usage)."""
    parser = make_parser()
    try:
        args = parse(parser, sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:  # --help and --version
        return int(exit_.code or 0)
    except UsageError as err:
        print_error(err)
        return 2
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except PaperpickError as err:
        print_error(err)
        return 1
    except KeyboardInterrupt:
        return 130
