"""Build step of migstats: compile the translation catalogues (issue 13).

Everything else is declared in pyproject.toml. ``build_py`` compiles each
``migstats/locale/<lang>/LC_MESSAGES/migstats.po`` to ``migstats.mo`` in the build folder with Babel (as
``pybabel compile`` does; fuzzy entries are left out), so wheels and regular installs ship the ``.mo`` files
as package data. The ``.mo`` files are not committed: a checkout without a build (editable install, ``make
test``) compiles the ``.po`` files in memory instead (``migstats.i18n.load_catalogue``).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class build_py_with_catalogues(build_py):  # noqa: N801 - setuptools command naming
    def run(self) -> None:
        super().run()
        if self.dry_run:
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path("migstats/locale").glob("*/LC_MESSAGES/migstats.po")):
            target = Path(self.build_lib) / po.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as fh:
                catalog = read_po(fh, domain="migstats")
            with target.open("wb") as out:
                write_mo(out, catalog, use_fuzzy=False)
            self.announce(f"compiled {po} -> {target}", level=2)


setup(cmdclass={"build_py": build_py_with_catalogues})
