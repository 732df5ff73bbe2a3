"""Maps for readers, in the house style of :mod:`migstats.charts` (same fonts, palette, title and source line).

Pure drawing functions: boundaries (:func:`migstats.sources.naturalearth.read_admin0`) and tidy values in,
a :class:`matplotlib.figure.Figure` out (show it with :func:`migstats.charts.show`, which embeds SVG).

* :func:`region_map` — members of a region classed by a value (by default international migrants as % of
  population), neighbours in light grey, a small globe locating the region; an equal-area projection
  (Lambert azimuthal, centred on the region, so Oceania is drawn across the 180° meridian in one piece),
  or an Equal Earth world map when the members are spread over the globe (the World, Europe and Northern
  America).
* :func:`world_map` — every country classed by a value (e.g. a country's emigrants by destination),
  one country highlighted.
* :func:`locator_map` — a small globe centred on one country.

Every map says where its numbers come from ("…; Natural Earth"), carries the UN disclaimer on boundaries,
and never leaves a place silently missing: places too small to see are drawn as dots, places with no
polygon of their own at this scale are listed under the map ("Not shown: …").
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import matplotlib.colors
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch
from shapely.geometry import Point, box

from . import fmt
from .charts import DARK_BLUE, GREY, ORANGE, UN_BLUE, new_figure
from .i18n import N_, _
from .sources.naturalearth import not_shown

DISCLAIMER = N_("The boundaries and names shown and the designations used on this map do not imply official "
              "endorsement or acceptance by the United Nations.")
NATURAL_EARTH = "Natural Earth"
#: Classes of migrants as % of population (people's numbers: "5 – 10 %").
PERCENT_BREAKS = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0)

LAND = "#E4E4E4"        # neighbours: context only
NO_DATA = "#FFFFFF"     # a member without a value: white, hatched
EDGE = "#FFFFFF"        # borders between neighbours
MEMBER_EDGE = "#4D4D4D"  # members are outlined
OCEAN = "#F4F8FB"
_RADIUS = 6_371_007.0   # authalic sphere, metres
_NEAR_KM = 3_500.0      # parts of a country farther than this from its largest part do not set the view
_DOT = 3.4              # diameter (points) of the dot that marks a place too small to see
_MAP_WIDTH = 7.2        # inches: page width, as the charts


@dataclass(frozen=True)
class Classes:
    """Class breaks with labels for people and one colour per class (light to dark)."""

    breaks: tuple[float, ...]
    labels: tuple[str, ...]
    colors: tuple[str, ...]

    def index(self, values: pd.Series) -> pd.Series:
        """The class (0 … len(labels) − 1) of each value; a break value belongs to the class it opens."""
        idx = np.searchsorted(np.asarray(self.breaks, dtype=float), values.to_numpy(dtype=float), side="right")
        return pd.Series(idx, index=values.index).where(values.notna())


def _palette(n: int) -> tuple[str, ...]:
    cmap = matplotlib.colors.LinearSegmentedColormap.from_list(
        "migstats", ["#E1F1FA", "#8FD0F0", UN_BLUE, DARK_BLUE, "#0E2238"])
    return tuple(matplotlib.colors.to_hex(cmap(x)) for x in np.linspace(0.0, 1.0, n))


def percent_classes(breaks: Sequence[float] = PERCENT_BREAKS) -> Classes:
    """Classes for a percentage: "Under 1 %", "1 – 2 %", …, "50 % or more"."""
    b = tuple(float(x) for x in breaks)

    def pc(x: float) -> str:
        return f"{x:g} %"

    labels = (_("Under {value}").format(value=pc(b[0])),
              *(f"{lo:g} – {pc(hi)}" for lo, hi in zip(b, b[1:], strict=False)),
              _("{value} or more").format(value=pc(b[-1])))
    return Classes(b, labels, _palette(len(labels)))


def _persons(x: float) -> str:
    digits = 0 if x < 1e6 or (x / 1e6).is_integer() else 1
    return fmt.count(x, digits)


def count_classes(values: Sequence[float] | pd.Series, low: float = 1_000) -> Classes:
    """Classes for a number of persons, by powers of ten from ``low`` up to the largest value:
    "Under 1,000", "1,000 – 10,000", …, "1 million or more"."""
    top = max([float(v) for v in values if v == v] + [low * 10])
    breaks = tuple(float(10 ** k) for k in range(round(math.log10(low)), math.ceil(math.log10(top))))
    labels = (_("Under {value}").format(value=_persons(breaks[0])),
              *(f"{_persons(lo)} – {_persons(hi)}" for lo, hi in zip(breaks, breaks[1:], strict=False)),
              _("{value} or more").format(value=_persons(breaks[-1])))
    return Classes(breaks, labels, _palette(len(labels)))


# --- projections -----------------------------------------------------------------------------------------

def _laea(lat0: float, lon0: float) -> str:
    return f"+proj=laea +lat_0={lat0:.3f} +lon_0={lon0:.3f} +x_0=0 +y_0=0 +R={_RADIUS} +units=m +no_defs"


def _equal_earth(lon0: float) -> str:
    return f"+proj=eqearth +lon_0={lon0:.3f} +x_0=0 +y_0=0 +R={_RADIUS} +units=m +no_defs"


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def _cut(frame: gpd.GeoDataFrame, lon0: float, lat0: float | None = None) -> gpd.GeoDataFrame:
    """Cut the geometries along the meridian opposite ``lon0`` (and around the antipode of (lat0, lon0)),
    so that a projection centred on ``lon0`` draws every piece on its own side, none wrapped around."""
    m = _wrap(lon0 + 180.0)
    eps = 1e-6
    mask = shapely.union_all([box(-180, -90, max(-180, m - eps), 90), box(min(180, m + eps), -90, 180, 90)])
    if lat0 is not None:
        mask = mask.difference(box(m - 1.0, -lat0 - 1.0, m + 1.0, -lat0 + 1.0))
    out = frame.copy()
    out["geometry"] = frame.geometry.intersection(mask)
    return out[~out.geometry.is_empty]


def _parts_near_mainland(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Each place's largest part and the parts within 3,500 km of it (French Guiana does not set the view
    of Europe), in longitude/latitude."""
    parts = frame[["code", "geometry"]].explode(index_parts=False)
    lat = parts.geometry.representative_point().y
    # Area in square degrees shrunk by cos(latitude): enough to tell a mainland from its islands.
    parts = parts.assign(area=shapely.area(parts.geometry.to_numpy()) * np.cos(np.radians(lat)),
                         x=parts.geometry.representative_point().x, y=lat)
    main = parts.sort_values("area").groupby(level=0).tail(1)[["x", "y"]].loc[parts.index]
    dist = _haversine_km(parts["y"], parts["x"], main["y"].to_numpy(), main["x"].to_numpy())
    return parts.geometry[dist <= _NEAR_KM]


def _haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * _RADIUS / 1000 * np.arcsin(np.sqrt(a))


@dataclass(frozen=True)
class _View:
    crs: str
    lon0: float
    lat0: float
    bounds: tuple[float, float, float, float]  # projected xmin, ymin, xmax, ymax
    world: bool


def _extent(parts: gpd.GeoSeries) -> tuple[float, float, float, float, float]:
    """Centre longitude, longitude span, latitude centre, south and north of the parts (across 180°)."""
    b = parts.bounds
    west, east = b["minx"].to_numpy(), b["maxx"].to_numpy()
    south, north = float(b["miny"].min()), float(b["maxy"].max())
    # Spans of the longitudes as given and shifted to 0…360: the narrower one is the region's.
    spans = []
    for shift in (0.0, 360.0):
        # A part west of Greenwich moves as a whole (Mali, -12° to 4°, becomes 348° to 364°): the parts are
        # already cut at 180°, so no part has to be split here.
        moved = (west < 0) | (east <= 0)
        w = np.where(moved, west + shift, west)
        e = np.where(moved, east + shift, east)
        spans.append((float(e.max() - w.min()), float(w.min() + e.max()) / 2))
    span, centre = min(spans)
    return _wrap(centre), span, (south + north) / 2, south, north


def _view(members: gpd.GeoDataFrame, world: bool | None) -> _View:
    parts = _parts_near_mainland(members)
    lon0, span, lat0, south, north = _extent(parts)
    if world is None:
        world = span > 150 or (north - south) > 110
        if world and south > 10:
            # Spread round the northern hemisphere (Europe and Northern America): a polar azimuthal view,
            # the Atlantic at the bottom, Alaska and Chukotka meeting at the top.
            world, lon0, lat0 = False, -20.0, 90.0
    if world:
        lon0 = 0.0 if span > 300 else round(lon0 / 10) * 10
        crs = _equal_earth(lon0)
        south, north = max(south - 8, -57.0), min(north + 4, 84.0)
        xs = gpd.GeoSeries([Point(_wrap(lon0 + 180) + d, 0) for d in (1e-3, -1e-3)], crs=4326).to_crs(crs)
        ys = gpd.GeoSeries([Point(lon0, south), Point(lon0, north)], crs=4326).to_crs(crs)
        bounds = (float(xs.x.min()), float(ys.y.min()), float(xs.x.max()), float(ys.y.max()))
        return _View(crs, lon0, 0.0, bounds, True)
    crs = _laea(lat0, lon0)
    projected = gpd.GeoSeries(_cut(gpd.GeoDataFrame(geometry=parts, crs=4326), lon0, lat0).geometry).to_crs(crs)
    xmin, ymin, xmax, ymax = projected.total_bounds
    pad = 0.07 * max(xmax - xmin, ymax - ymin)
    return _View(crs, lon0, lat0, (xmin - pad, ymin - pad, xmax + pad, ymax + pad), False)


def _fit(bounds: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """Widen the view (never crop it) to height/width = ``aspect``."""
    xmin, ymin, xmax, ymax = bounds
    w, h = xmax - xmin, ymax - ymin
    if h / w < aspect:
        grow = (w * aspect - h) / 2
        return xmin, ymin - grow, xmax, ymax + grow
    grow = (h / aspect - w) / 2
    return xmin - grow, ymin, xmax + grow, ymax


def _prepare(boundaries: gpd.GeoDataFrame, view: _View, bounds: tuple[float, float, float, float],
             width_pt: float) -> gpd.GeoDataFrame:
    """Boundaries projected, clipped to the view and simplified to a quarter of a point at the drawn size."""
    frame = boundaries[boundaries["code"].fillna(-1) != 10] if view.world else boundaries  # Antarctica
    frame = _cut(frame, view.lon0, None if view.world else view.lat0).to_crs(view.crs)
    frame = frame.assign(geometry=frame.geometry.make_valid())
    xmin, ymin, xmax, ymax = bounds
    margin = 0.02 * (xmax - xmin)
    frame = frame.clip_by_rect(xmin - margin, ymin - margin, xmax + margin, ymax + margin)
    out = gpd.GeoDataFrame(boundaries.loc[frame.index, ["code", "name"]], geometry=frame, crs=view.crs)
    out = out[~out.geometry.is_empty]
    tolerance = (xmax - xmin) / width_pt / 4
    out["geometry"] = out.geometry.simplify(tolerance, preserve_topology=True)
    return out


# --- drawing ---------------------------------------------------------------------------------------------

def _with_natural_earth(source: str) -> str:
    text = (source or "").strip()
    return text if NATURAL_EARTH.lower() in text.lower() or not text else f"{text}; {NATURAL_EARTH}"


def _not_shown_note(names: Mapping[int, str], codes: Sequence[int]) -> str:
    listed = ", ".join(names.get(c, str(c)) for c in codes)
    return _("Not shown (no boundary of their own at this scale): {places}.").format(places=listed) if codes else ""


def _values(values: pd.DataFrame) -> pd.Series:
    if not {"code", "value"} <= set(values.columns):
        raise ValueError(f"values need columns code and value, not {list(values.columns)}")
    return values.dropna(subset=["code"]).astype({"code": int}).set_index("code")["value"].astype(float)


def _draw(ax: Axes, frame: gpd.GeoDataFrame, values: pd.Series, members: set[int] | None,
          classes: Classes, highlight: int | None, width_pt: float, bounds) -> bool:
    """Neighbours, then members by class, outlines, and dots for places too small to see. Returns whether
    a member without a value was drawn (the legend then shows "No data")."""
    codes = frame["code"]
    is_member = codes.isin(members) if members is not None else codes.notna()
    if (~is_member).any():
        frame[~is_member].plot(ax=ax, color=LAND, edgecolor=EDGE, linewidth=0.3)
    drawn = frame[is_member].copy()
    cls = classes.index(drawn["code"].map(values))
    no_data = cls.isna()
    for i, color in enumerate(classes.colors):
        part = drawn[cls == i]
        if len(part):
            part.plot(ax=ax, color=color, edgecolor=MEMBER_EDGE, linewidth=0.35)
    if no_data.any():
        drawn[no_data].plot(ax=ax, facecolor=NO_DATA, edgecolor=MEMBER_EDGE, linewidth=0.35, hatch="/////")
    if highlight is not None and (codes == highlight).any():
        frame[codes == highlight].plot(ax=ax, facecolor=ORANGE, edgecolor="#222222", linewidth=0.7)
    # Dots for places whose area is smaller than a dot at this scale (atolls, micro-states).
    per_pt = (bounds[2] - bounds[0]) / width_pt
    small = drawn[2 * np.sqrt(drawn.geometry.area / math.pi) / per_pt < _DOT * 0.8]
    for code, geom in zip(small["code"], small.geometry, strict=True):
        c = values.get(int(code), math.nan)
        color = NO_DATA if c != c else classes.colors[int(classes.index(pd.Series([c])).iloc[0])]
        if highlight is not None and int(code) == highlight:
            color = ORANGE
        p = geom.representative_point()
        ax.add_patch(Circle((p.x, p.y), radius=_DOT / 2 * per_pt, facecolor=color, edgecolor=MEMBER_EDGE,
                            linewidth=0.4, zorder=5))
    if highlight is not None and highlight not in set(small["code"]):
        target = frame[codes == highlight]
        if len(target) and 2 * math.sqrt(target.geometry.area.sum() / math.pi) / per_pt < _DOT * 0.8:
            p = target.geometry.iloc[0].representative_point()
            ax.add_patch(Circle((p.x, p.y), radius=_DOT / 2 * per_pt, facecolor=ORANGE, edgecolor="#222222",
                                linewidth=0.5, zorder=6))
    return bool(no_data.any())


def _frame_axes(ax: Axes, bounds) -> None:
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(OCEAN)
    for spine in ax.spines.values():
        spine.set_color("#BBBBBB")
        spine.set_linewidth(0.6)


def _legend_handles(classes: Classes, no_data: bool, highlight: str | None = None) -> list[Patch]:
    handles = [Patch(facecolor=c, edgecolor=MEMBER_EDGE, linewidth=0.35, label=lab)
               for c, lab in zip(classes.colors, classes.labels, strict=True)]
    if no_data:
        handles.append(Patch(facecolor=NO_DATA, edgecolor=MEMBER_EDGE, linewidth=0.35, hatch="/////",
                             label=_("No data")))
    if highlight:
        handles.append(Patch(facecolor=ORANGE, edgecolor="#222222", linewidth=0.7, label=highlight))
    return handles


def _globe(ax: Axes, boundaries: gpd.GeoDataFrame, codes: set[int], lon0: float, lat0: float) -> None:
    """A small orthographic globe centred on (lat0, lon0) with ``codes`` in orange: the locator."""
    disc = Point(0, 0).buffer(_RADIUS * math.sqrt(2) * 0.999, quad_segs=64)  # the near hemisphere in LAEA
    frame = _cut(boundaries, lon0, lat0).to_crs(_laea(lat0, lon0))
    frame = frame.assign(geometry=frame.geometry.make_valid().intersection(disc))
    frame = frame[~frame.geometry.is_empty]

    def to_ortho(xy: np.ndarray) -> np.ndarray:
        r = np.hypot(xy[:, 0], xy[:, 1])
        c = 2 * np.arcsin(np.clip(r / (2 * _RADIUS), 0, 1))
        scale = np.where(r > 0, _RADIUS * np.sin(c) / np.where(r > 0, r, 1), 1.0)
        return xy * scale[:, None]

    geoms = shapely.transform(frame.geometry.to_numpy(), to_ortho).tolist()
    frame = gpd.GeoDataFrame(frame[["code"]], geometry=geoms).simplify(_RADIUS / 300).to_frame("geometry")
    frame["code"] = boundaries.loc[frame.index, "code"]
    ax.add_patch(Circle((0, 0), _RADIUS, facecolor=OCEAN, edgecolor=GREY, linewidth=0.5))
    hit = frame["code"].isin(codes)
    for part, color in ((frame[~hit], "#CFCFCF"), (frame[hit], ORANGE)):
        if len(part):
            part.plot(ax=ax, color=color, linewidth=0)
    for geom in frame[hit].geometry:
        if 2 * math.sqrt(geom.area / math.pi) < _RADIUS / 25:
            p = geom.representative_point()
            ax.add_patch(Circle((p.x, p.y), _RADIUS / 28, facecolor=ORANGE, edgecolor="none", zorder=5))
    ax.set_xlim(-_RADIUS * 1.02, _RADIUS * 1.02)
    ax.set_ylim(-_RADIUS * 1.02, _RADIUS * 1.02)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _footer(fig: Figure, source: str, notes: Sequence[str], width: int = 104) -> None:
    """The source line and notes under a page-wide map, wrapped inside the page (DejaVu Sans at 8 pt is
    wider than the charts' 118 characters allow when a line is full: the disclaimer ran off the edge)."""
    footer = [textwrap.fill(text, width) for text in (source, *notes)]
    fig.supxlabel("\n".join(footer), x=0.01, ha="left", fontsize=8, color="#555555", linespacing=1.3)


def _title(title: str, year: int | None) -> str:
    return title if year is None else f"{title}, {year}"


def _notes(names: Mapping[int, str], missing: Sequence[int]) -> tuple[str, ...]:
    note = _not_shown_note(names, missing)
    return (note, _(DISCLAIMER)) if note else (_(DISCLAIMER),)


def _finish(fig: Figure, missing: Sequence[int], names: Mapping[int, str]) -> Figure:
    fig._migstats_not_shown = [names.get(c, str(c)) for c in missing]  # type: ignore[attr-defined]
    return fig


def figure_not_shown(fig: Figure) -> list[str]:
    """The places a map lists as not shown (no boundary of their own at its scale)."""
    return list(getattr(fig, "_migstats_not_shown", []))


def region_map(boundaries: gpd.GeoDataFrame, values: pd.DataFrame, members: Sequence[int], *, title: str,
               year: int | None, source: str, names: Mapping[int, str], classes: Classes | None = None,
               legend_title: str | None = None,
               world: bool | None = None) -> Figure:
    """A choropleth of a region's members (``values``: columns code, value; by default the classes are
    migrants as % of population), neighbours in grey, with a globe locating the region.

    Equal-area throughout: Lambert azimuthal centred on the region, or Equal Earth when the members are
    spread over the globe (``world=None`` decides from their extent). The title gets ", <year>"; the
    source line gets "; Natural Earth"; places with no polygon are listed as not shown (names from ``names``).
    """
    classes = classes or percent_classes()
    vals = _values(values)
    codes = [int(c) for c in members]
    member_set = set(codes)
    missing = not_shown(boundaries, codes)
    view = _view(boundaries[boundaries["code"].isin(member_set)], world)
    notes = _notes(names, missing)
    fig = new_figure(_title(title, year), _with_natural_earth(source), _MAP_WIDTH, 1.0, notes=notes)
    _footer(fig, _with_natural_earth(source), notes)
    if view.world:
        width_in = _MAP_WIDTH - 0.2
        bounds = view.bounds
        map_h = width_in * (bounds[3] - bounds[1]) / (bounds[2] - bounds[0])
        fig.set_size_inches(_MAP_WIDTH, map_h + 1.0 + 0.45 + 0.16 * len(notes))
        grid = fig.add_gridspec(2, 1, height_ratios=[map_h, 0.45])
        ax, legend_ax = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        ncols = math.ceil((len(classes.labels) + 1) / 2)
    else:
        width_in = _MAP_WIDTH * 0.74
        b = view.bounds
        map_h = min(max(width_in * (b[3] - b[1]) / (b[2] - b[0]), 3.4), 5.6)
        bounds = _fit(b, map_h / width_in)
        fig.set_size_inches(_MAP_WIDTH, map_h + 0.9 + 0.16 * len(notes) + 0.3)
        grid = fig.add_gridspec(2, 2, width_ratios=[width_in, _MAP_WIDTH - width_in - 0.2],
                                height_ratios=[map_h - 1.7, 1.7])
        ax, legend_ax, globe_ax = (fig.add_subplot(grid[:, 0]), fig.add_subplot(grid[0, 1]),
                                   fig.add_subplot(grid[1, 1]))
        _globe(globe_ax, boundaries, member_set, view.lon0, view.lat0)
        ncols = 1
    frame = _prepare(boundaries, view, bounds, width_in * 72)
    no_data = _draw(ax, frame, vals, member_set, classes, None, width_in * 72, bounds)
    _frame_axes(ax, bounds)
    legend_ax.set_axis_off()
    legend_title = _("International migrants\nas % of population") if legend_title is None else legend_title
    legend_ax.legend(handles=_legend_handles(classes, no_data), title=legend_title, loc="upper left" if ncols == 1
                     else "center", ncols=ncols, fontsize=8, title_fontsize=8.5, frameon=False,
                     alignment="left")
    fig._migstats_map = {"members": codes, "world": view.world}  # type: ignore[attr-defined]
    return _finish(fig, missing, names)


def world_map(boundaries: gpd.GeoDataFrame, values: pd.DataFrame, *, highlight: int | None, title: str,
              year: int | None, source: str, names: Mapping[int, str], classes: Classes | None = None,
              legend_title: str | None = None, centre: float = 0.0) -> Figure:
    """A world choropleth (Equal Earth, centred on longitude ``centre``) of ``values`` (columns code,
    value; by default classed as numbers of persons by powers of ten), e.g. a country's emigrants by
    country of destination; ``highlight`` (the country itself) in orange. Places with a value and no
    polygon of their own are listed as not shown."""
    vals = _values(values)
    classes = classes or count_classes(vals)
    missing = not_shown(boundaries, [c for c in vals.index if vals[c] > 0 and c != highlight])
    if highlight is not None and highlight not in set(boundaries["code"].dropna().astype(int)):
        missing = [highlight, *missing]
    lon0 = _wrap(centre)
    crs = _equal_earth(lon0)
    xs = gpd.GeoSeries([Point(_wrap(lon0 + 180) + d, 0) for d in (1e-3, -1e-3)], crs=4326).to_crs(crs)
    ys = gpd.GeoSeries([Point(lon0, -57.0), Point(lon0, 84.0)], crs=4326).to_crs(crs)
    bounds = (float(xs.x.min()), float(ys.y.min()), float(xs.x.max()), float(ys.y.max()))
    view = _View(crs, lon0, 0.0, bounds, True)
    notes = _notes(names, missing)
    width_in = _MAP_WIDTH - 0.2
    map_h = width_in * (bounds[3] - bounds[1]) / (bounds[2] - bounds[0])
    fig = new_figure(_title(title, year), _with_natural_earth(source), _MAP_WIDTH,
                     map_h + 1.45 + 0.16 * len(notes) + 0.12 * len(missing) / 8, notes=notes)
    _footer(fig, _with_natural_earth(source), notes)
    grid = fig.add_gridspec(2, 1, height_ratios=[map_h, 0.5])
    ax, legend_ax = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    frame = _prepare(boundaries, view, bounds, width_in * 72)
    shown = {int(c) for c in vals.index if vals[c] > 0}
    _draw(ax, frame, vals, shown, classes, highlight, width_in * 72, bounds)
    _frame_axes(ax, bounds)
    legend_ax.set_axis_off()
    name = names.get(highlight, str(highlight)) if highlight is not None else None
    handles = [*_legend_handles(classes, False, name),
               Patch(facecolor=LAND, edgecolor="#BBBBBB", linewidth=0.35, label=_("None or not reported"))]
    legend_title = _("International migrants (persons)") if legend_title is None else legend_title
    legend_ax.legend(handles=handles, title=legend_title, loc="center", ncols=math.ceil(len(handles) / 2),
                     fontsize=8, title_fontsize=8.5, frameon=False)
    return _finish(fig, missing, names)


def locator_map(boundaries: gpd.GeoDataFrame, code: int, *, title: str,
                source: str = f"Source: {NATURAL_EARTH}", names: Mapping[int, str] | None = None,
                size: float = 2.6) -> Figure:
    """A small globe centred on one country, drawn in orange (a dot if it is too small to see)."""
    names = names or {}
    target = boundaries[boundaries["code"] == code]
    missing = not_shown(boundaries, [code])
    if missing:
        lon0, lat0 = 0.0, 20.0
    else:
        parts = _parts_near_mainland(target)
        lon0, _span, lat0, _s, _n = _extent(parts)
        lat0 = max(min(lat0, 60.0), -60.0)
    notes = _notes(names, missing)
    fig = new_figure(title, _with_natural_earth(source), size, size + 0.75, notes=notes)
    # Smaller type than a page-wide chart: this map is a thumbnail beside the text.
    fig.suptitle(textwrap.fill(title, 30), x=0.02, ha="left", fontsize=10, fontweight="bold", color="#222222")
    footer = [textwrap.fill(text, 44) for text in (_with_natural_earth(source), *notes)]
    fig.supxlabel("\n".join(footer), x=0.02, ha="left", fontsize=6.5, color="#555555", linespacing=1.25)
    ax = fig.add_subplot()
    _globe(ax, boundaries, {int(code)}, lon0, lat0)
    return _finish(fig, missing, names)
