"""Errors that reach users as one clear line (file, what is wrong, how to fix it)."""

from __future__ import annotations

from pathlib import Path


class MigstatsError(Exception):
    """Base class: the message is a complete, one-line explanation for a person."""

    exit_code = 1


class DataFileError(MigstatsError):
    """An input file is unreadable, truncated, or not in the layout its publisher uses."""

    def __init__(self, path: str | Path, problem: str, fix: str | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        msg = f"{self.path}: {problem}"
        if fix:
            msg += f" — {fix}"
        super().__init__(msg)


class ChecksumError(DataFileError):
    """A file's sha256 does not match the registry."""


class DataUnavailable(MigstatsError):
    """A source file is neither cached, mirrored nor downloadable."""


class UnknownPlace(MigstatsError):
    """A place name or code that is not in the locations table."""

    exit_code = 2


class ParamsError(MigstatsError):
    """A malformed briefing parameter file or command-line parameter."""

    exit_code = 2
