"""The paperpick command: turns arguments into calls and errors into messages."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .build import build
from .config import config_for_lists, read_config
from .errors import PaperpickError


def make_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        prog="paperpick",
        description="Turn a Markdown list of papers into one page to browse, tick and "
        "download picks from.",
    )
    parser.add_argument("--version", action="version", version=f"paperpick {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = commands.add_parser(
        "build",
        help="build the site into its output folder",
        description="Build config.yml's lists (or the LIST.md files named) into static pages.",
    )
    b.add_argument(
        "lists", nargs="*", metavar="LIST.md", help="build these lists without a config file"
    )
    b.add_argument(
        "-c",
        "--config",
        default="config.yml",
        metavar="FILE",
        help="config file (default: config.yml)",
    )
    b.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="output folder (default: the config's output, or site)",
    )
    b.set_defaults(run=run_build)
    return parser


def load_config(args: argparse.Namespace):
    """Get the config: from the LIST.md files named, else from the config file."""
    if getattr(args, "lists", None):
        return config_for_lists([Path(p) for p in args.lists], Path(args.output or "site"))
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 done, 1 bad input, 2 bad usage)."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except PaperpickError as err:
        for line in str(err).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
