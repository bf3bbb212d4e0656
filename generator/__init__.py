"""paperpick: turn a Markdown list of papers into one page people pick from."""

__version__ = "0.1.0"
