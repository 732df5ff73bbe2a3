"""``python -m migstats`` and the ``migstats`` command.

This module stays light: a batch's worker processes re-import the module of the command that started them
(multiprocessing does so for a script), so the command line's own modules are loaded only when it runs.
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> None:
    """Run the ``migstats`` command line (:func:`migstats.cli.main`)."""
    from .cli import main as run  # here, not at the top: see the module's docstring

    run(argv)


if __name__ == "__main__":
    main()
