"""Errors that reach users as one clear line (file, what is wrong, how to fix it)."""

from __future__ import annotations

import re
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


MAX_QUOTED = 60  # characters of a user's value quoted in an error line


def bounded(text: str, limit: int = MAX_QUOTED) -> str:
    """One line with every quoted value ('…' or "…") cut to ``limit`` characters, and no line breaks:
    an error line that quotes what a user wrote stays one readable line whatever they wrote."""
    def cut(m) -> str:
        q, body = m.group(1), m.group(2)
        return f"{q}{body[:limit]}…{q}" if len(body) > limit else m.group(0)

    text = " ".join(str(text).split())
    return re.sub(r"(['\"])(.*?)\1", cut, text)
