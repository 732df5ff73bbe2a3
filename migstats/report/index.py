"""``index.html``: one page listing every briefing in an output folder, with headline figures and links.

Documents are grouped by the kind of their place (world, regions and groups, countries and areas); the page
is searchable and sortable in the browser by a small inline script — no server, nothing loaded.

The page is built from the state files the runner writes (``.state/*.json``), so it lists the briefings
of earlier batches too; it is regenerated after each batch. Links are relative: the folder can be
moved or served as it is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import __version__, inventory
from ..fileio import write_text

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class IndexEntry:
    """One row of the index."""

    name: str
    title: str
    status: str
    html: str | None = None
    pdf: str | None = None
    notebook: str | None = None
    error: str | None = None
    synthetic: bool = False
    headline: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The kind of the place (``country``, ``sdg_region``, …) as its notebook published it, else
        ``aggregate`` (a regional briefing)."""
        return str(self.headline.get("kind") or "aggregate")

    @property
    def group(self) -> str:
        """The index group this document is listed under."""
        return KIND_GROUPS.get(self.kind, KIND_GROUPS["aggregate"])


#: Index group of each place kind, in display order.
KIND_GROUPS = {"world": "World", "sdg_region": "SDG regions", "region": "Regions", "subregion": "Subregions",
               "development_group": "Development groups", "special_group": "Special groups",
               "income_group": "Income groups", "aggregate": "Regions and groups of countries",
               "custom": "Groups defined by the user", "country": "Countries and areas"}


#: How a place's kind is printed in the index.
KIND_LABELS = {"world": "World", "sdg_region": "SDG region", "region": "Region", "subregion": "Subregion",
               "development_group": "Development group", "special_group": "Special group",
               "income_group": "Income group", "aggregate": "Region or group", "custom": "User-defined group",
               "country": "Country or area"}


def grouped(entries: list[IndexEntry]) -> list[tuple[str, list[IndexEntry]]]:
    """Entries grouped by :attr:`IndexEntry.group`, groups in :data:`KIND_GROUPS` order, titles sorted."""
    order = list(dict.fromkeys(KIND_GROUPS.values()))
    groups: dict[str, list[IndexEntry]] = {}
    for e in entries:
        groups.setdefault(e.group, []).append(e)
    return [(g, groups[g]) for g in order if g in groups]


def _rel(path: str | None, out_dir: Path) -> str | None:
    if not path:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(out_dir.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def read_entries(out_dir: str | Path) -> list[IndexEntry]:
    """Every briefing recorded in ``out_dir/.state``, sorted by title."""
    out_dir = Path(out_dir)
    entries = []
    for state_file in sorted((out_dir / ".state").glob("*.json")):
        try:
            s = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        built = s.get("status") != "failed"
        html = _rel(s.get("html"), out_dir) if built else None
        pdf = _rel(s.get("pdf"), out_dir) if built else None
        entries.append(IndexEntry(
            name=s.get("name", state_file.stem), title=s.get("title") or state_file.stem,
            status="failed" if not built else "built",
            html=html if html and (out_dir / html).is_file() else None,
            pdf=pdf if pdf and (out_dir / pdf).is_file() else None,
            notebook=_rel(s.get("notebook"), out_dir) if s.get("notebook") else None, error=s.get("error"),
            synthetic=bool(s.get("synthetic")), headline=s.get("headline") or {},
        ))
    return sorted(entries, key=lambda e: (e.title.lower(), e.name))


def render_index(entries: list[IndexEntry], *, title: str = "Migration briefings and country profiles",
                 inventory: str | None = None, generated: str | None = None) -> str:
    """The HTML text of the index page."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return env.get_template("index.html.j2").render(
        title=title, entries=entries, groups=grouped(entries), kinds=KIND_LABELS, inventory=inventory,
        version=__version__,
        generated=generated or dt.datetime.now().astimezone().strftime("%d %B %Y, %H:%M %Z").strip(),
        any_synthetic=any(e.synthetic for e in entries),
    )


def write_index(out_dir: str | Path, results: list | None = None) -> Path:
    """(Re)write ``out_dir/index.html`` from the state files; build ``inventory.html`` when available.

    ``results`` (this batch's results) is accepted for callers that have them; the page itself always
    reflects every state file in the folder.
    """
    out_dir = Path(out_dir)
    inventory = _build_inventory(out_dir)
    target = out_dir / "index.html"
    write_text(target, render_index(read_entries(out_dir), inventory=inventory))
    return target


def _build_inventory(out_dir: Path) -> str:
    """Build ``inventory.html`` (the workplan inventory) beside the index."""
    inventory.build_inventory_page(inventory.load_inventory(), out_dir / "inventory.html")
    return "inventory.html"
