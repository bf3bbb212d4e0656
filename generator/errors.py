"""The one exception hierarchy of paperpick; the CLI turns it into messages."""

from __future__ import annotations


class PaperpickError(Exception):
    """Base of every error a user can cause; carries where it happened."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return where + self.message


class ListError(PaperpickError):
    """A paper list that cannot be read."""


class ConfigError(PaperpickError):
    """A config file with one or more problems; str() gives one line each."""

    def __init__(self, problems: list[PaperpickError]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class BuildError(PaperpickError):
    """The site could not be written."""


class ListWarning(PaperpickError):
    """Not an error: something worth telling; the build goes on."""


class UsageError(PaperpickError):
    """A command line paperpick cannot run: an unknown command, option or value."""
