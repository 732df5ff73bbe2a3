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
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import matplotlib.colors
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch
from matplotlib.path import Path
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
_GLOBE_DISC = _RADIUS * math.sqrt(2) * 0.999  # the near hemisphere in Lambert azimuthal (metres)
_GLOBE_SIMPLIFY = _RADIUS / 300  # a globe is 1.6–2 in wide, ~100 km a point: this is a fifth of a point
_GLOBE_DOT = math.pi * (_RADIUS / 50) ** 2  # a place of the globe smaller than this gets a dot (m²)
#: A globe starts from the bundle simplified once in longitude/latitude by this much (:meth:`_Kept.simplified`:
#: GEOS strays up to twice as far, 18 km: a fifth of a point on a globe), then gets points again every
#: degree along its long straight edges (a border along a parallel keeps only its ends when simplified in
#: longitude/latitude), so that they still bend as the projection bends them.
_GLOBE_DEGREES = 0.08
_SEGMENT_DEGREES = 1.0
#: A place near a dot's size (area within this factor of it) is drawn from its full outline and cut exactly as
#: it always was: what is done to save time then never decides whether a place gets a dot, nor where.
_EXACT = 4.0
_KEPT = "_migstats_maps_kept"  # the attribute of a boundaries frame that holds what the maps keep of it
#: Prepared views kept per bundle, by kind: maps (the world maps at 0° and 180°, used by every country
#: profile, and the last few regions) and globes (each place's own: kept for the same place again).
_KEEP_LAYERS = {"map": 6, "globe": 3}
_WRAPPED = 150.0        # degrees from a view's centre: within 30° of its antipode, the projection wraps round


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


def _cut_geometries(geoms: np.ndarray, lon0: float, lat0: float | None = None, *,
                    exact: bool = True) -> np.ndarray:
    """:func:`_cut` of an array of geometries (empty ones stay empty). ``exact=False``: the geometries that
    do not reach the cut (1° either side of the meridian opposite ``lon0``) are returned as they are, the
    same outline as the intersection's, only not rewritten (its rings start elsewhere, so a later
    simplification keeps other points)."""
    m = _wrap(lon0 + 180.0)
    eps = 1e-6
    mask = shapely.union_all([box(-180, -90, max(-180, m - eps), 90), box(min(180, m + eps), -90, 180, 90)])
    if lat0 is not None:
        mask = mask.difference(box(m - 1.0, -lat0 - 1.0, m + 1.0, -lat0 + 1.0))
    if exact:
        return shapely.intersection(geoms, mask)
    bounds = shapely.bounds(geoms)
    near = (bounds[:, 0] <= m + 1.0) & (bounds[:, 2] >= m - 1.0)
    out = np.array(geoms, dtype=object)
    out[near] = shapely.intersection(out[near], mask)
    return out


def _cut(frame: gpd.GeoDataFrame, lon0: float, lat0: float | None = None, *, exact: bool = True) -> gpd.GeoDataFrame:
    """Cut the geometries along the meridian opposite ``lon0`` (and around the antipode of (lat0, lon0)),
    so that a projection centred on ``lon0`` draws every piece on its own side, none wrapped around
    (``exact``: see :func:`_cut_geometries`)."""
    out = frame.copy()
    out["geometry"] = _cut_geometries(frame.geometry.to_numpy(), lon0, lat0, exact=exact)
    return out[~out.geometry.is_empty]


def _keep_parts(geoms: np.ndarray, keep: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Each geometry without its parts (polygons) that fail ``keep`` (an array of parts in, booleans out):
    parts wholly outside a view, dropped before the costly :func:`shapely.make_valid` (a projection can
    make a far part invalid: Russia across 180°, Antarctica around an antipode). A geometry with no part
    left is empty."""
    parts, row = shapely.get_parts(geoms, return_index=True)
    kept = keep(parts)
    dropped = np.bincount(row[~kept], minlength=len(geoms)) if len(parts) else np.zeros(len(geoms), int)
    out = np.array(geoms, dtype=object)
    for i in np.flatnonzero(dropped):
        mine = parts[(row == i) & kept]
        if not len(mine):
            out[i] = shapely.Polygon()
        elif len(mine) == 1:
            out[i] = mine[0]
        elif all(g.geom_type == "Polygon" for g in mine):
            out[i] = shapely.MultiPolygon(list(mine))
        else:
            out[i] = shapely.GeometryCollection(list(mine))
    return out


def _parts_near_mainland(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Each place's largest part and the parts within 3,500 km of it (French Guiana does not set the view
    of Europe), in longitude/latitude."""
    parts = frame[["code", "geometry"]].explode(index_parts=False)
    points = parts.geometry.representative_point()
    lat = points.y
    # Area in square degrees shrunk by cos(latitude): enough to tell a mainland from its islands.
    parts = parts.assign(area=shapely.area(parts.geometry.to_numpy()) * np.cos(np.radians(lat)), x=points.x, y=lat)
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
    parts = _cut(gpd.GeoDataFrame(geometry=parts, crs=4326), lon0, lat0, exact=False).geometry  # bounds only
    projected = gpd.GeoSeries(parts).to_crs(crs)
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


# --- boundaries ready to draw, kept per bundle -------------------------------------------------------------

@dataclass(frozen=True)
class _Layer:
    """Boundaries ready to draw in one view: ``frame`` (code, geometry: projected, clipped, simplified; one
    row per place drawn, in the bundle's order, labelled as in the bundle), each row's outline as a
    matplotlib path (rings oriented as geopandas draws them: holes stay holes) and each row's area in the
    view's units. ``exact``: every row made as it always was (full outline, cut by an intersection even
    where the cut changes nothing), none by a shortcut of :func:`_layer`."""

    frame: gpd.GeoDataFrame
    paths: tuple[Path, ...]
    area: np.ndarray
    exact: bool

    @classmethod
    def of(cls, frame: gpd.GeoDataFrame, exact: bool) -> _Layer:
        geoms = frame.geometry.to_numpy()
        return cls(frame, _paths(shapely.normalize(geoms)), shapely.area(geoms), exact)

    def codes(self) -> np.ndarray:
        """The M49 code of each row (NaN for the places without one)."""
        return self.frame["code"].to_numpy(dtype=float, na_value=np.nan)

    def replace(self, other: _Layer, order: pd.Index) -> _Layer:
        """This layer with the rows of ``other`` instead of its own (rows in the order of ``order``)."""
        mine = ~self.frame.index.isin(other.frame.index)
        frame = pd.concat([self.frame[mine], other.frame])
        paths = [p for p, keep in zip(self.paths, mine, strict=True) if keep] + list(other.paths)
        area = np.concatenate([self.area[mine], other.area])
        rank = np.argsort(order.get_indexer(frame.index), kind="stable")
        return _Layer(frame.iloc[rank], tuple(paths[i] for i in rank), area[rank], self.exact and other.exact)


def _paths(geoms: np.ndarray) -> tuple[Path, ...]:
    """One compound path per geometry (its polygons' exterior and interior rings, each closed), as
    geopandas builds them; lines and points (left over from a cut or a repaired outline) are not drawn."""
    parts, row = shapely.get_parts(geoms, return_index=True)
    while (shapely.get_type_id(parts) >= shapely.GeometryType.MULTIPOINT).any():  # (make_valid nests them)
        parts, inner = shapely.get_parts(parts, return_index=True)
        row = row[inner]
    is_polygon = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, row = parts[is_polygon], row[is_polygon]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    codes = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
    first = np.r_[0, np.flatnonzero(np.diff(ring_of)) + 1] if len(xy) else np.zeros(0, int)
    codes[first] = Path.MOVETO
    codes[np.r_[first[1:] - 1, len(xy) - 1] if len(xy) else first] = Path.CLOSEPOLY
    vertex_row = row[ring_part][ring_of] if len(xy) else np.zeros(0, int)
    cuts = np.searchsorted(vertex_row, np.arange(len(geoms) + 1))
    return tuple(Path(xy[a:b], codes[a:b]) for a, b in zip(cuts[:-1], cuts[1:], strict=True))


class _Kept:
    """What the maps keep of one boundaries bundle for the next maps drawn from it in the same process (a
    worker draws some 300 briefings from one bundle): the last few prepared views (:class:`_Layer`) and the
    bundle simplified in longitude/latitude for the globes. Kept on the bundle itself (:func:`_kept`)
    and given up as soon as the bundle's rows, codes or geometries are not the ones it was made from."""

    def __init__(self, boundaries: gpd.GeoDataFrame) -> None:
        self.index = tuple(boundaries.index)
        self.codes = boundaries["code"].to_numpy(dtype=float, na_value=np.nan)
        self.geometries = tuple(boundaries.geometry.array)  # held: their ids cannot be reused meanwhile
        self.layers: dict[str, OrderedDict[Hashable, _Layer]] = {kind: OrderedDict() for kind in _KEEP_LAYERS}
        self._simplified: dict[float, np.ndarray] = {}
        self._longest: float | None = None

    def matches(self, boundaries: gpd.GeoDataFrame) -> bool:
        geoms = boundaries.geometry.array
        return (len(geoms) == len(self.geometries) and all(a is b for a, b in zip(geoms, self.geometries, strict=True))
                and tuple(boundaries.index) == self.index
                and np.array_equal(boundaries["code"].to_numpy(dtype=float, na_value=np.nan), self.codes,
                                   equal_nan=True))

    def layer(self, kind: str, key: Hashable, make: Callable[[], _Layer]) -> _Layer:
        """The layer of ``kind`` ("map", "globe") kept under ``key``, else ``make()`` kept (the least recently
        used one of its kind is given up)."""
        layers = self.layers[kind]
        if key in layers:
            layers.move_to_end(key)
            return layers[key]
        layer = layers[key] = make()
        while len(layers) > _KEEP_LAYERS[kind]:
            layers.popitem(last=False)
        return layer

    def longest_edge(self) -> float:
        """The longest edge of the outlines, in degrees (5.7° at 1:50m: Antarctica's, the Arctic's)."""
        if self._longest is None:
            rings = shapely.get_rings(shapely.get_parts(np.array(self.geometries, dtype=object)))
            xy, ring = shapely.get_coordinates(rings, return_index=True)
            same = ring[1:] == ring[:-1]
            self._longest = float(np.hypot(*(xy[1:] - xy[:-1])[same].T).max()) if same.any() else 0.0
        return self._longest

    def simplified(self, degrees: float) -> np.ndarray:
        """The geometries simplified by ``degrees`` in longitude/latitude (topology kept: no place or
        island disappears), no edge longer than :data:`_SEGMENT_DEGREES`; 0: the geometries as they are."""
        if not degrees:
            return np.array(self.geometries, dtype=object)
        if degrees not in self._simplified:
            simple = shapely.simplify(np.array(self.geometries, dtype=object), degrees, preserve_topology=True)
            self._simplified[degrees] = shapely.segmentize(simple, _SEGMENT_DEGREES)
        return self._simplified[degrees]


def _kept(boundaries: gpd.GeoDataFrame) -> _Kept:
    """What the maps keep of ``boundaries`` (made on first use, made again if the frame was changed)."""
    kept = getattr(boundaries, _KEPT, None)
    if not isinstance(kept, _Kept) or not kept.matches(boundaries):
        kept = _Kept(boundaries)
        object.__setattr__(boundaries, _KEPT, kept)  # an attribute, not a column (pandas would warn)
    return kept


def _reach(geoms: np.ndarray, lon0: float, lat0: float) -> tuple[np.ndarray, np.ndarray]:
    """The least and the greatest angular distance (degrees) of each geometry's points from (lat0, lon0)
    (NaN for an empty geometry)."""
    xy, row = shapely.get_coordinates(geoms, return_index=True)
    lon, lat, lat0_ = np.radians(xy[:, 0] - lon0), np.radians(xy[:, 1]), math.radians(lat0)
    cos_c = math.sin(lat0_) * np.sin(lat) + math.cos(lat0_) * np.cos(lat) * np.cos(lon)
    c = np.degrees(np.arccos(np.clip(cos_c, -1.0, 1.0)))
    least, most = np.full(len(geoms), np.nan), np.full(len(geoms), np.nan)
    rows, start = np.unique(row, return_index=True)
    if len(rows):
        least[rows], most[rows] = np.minimum.reduceat(c, start), np.maximum.reduceat(c, start)
    return least, most


def _layer(boundaries: gpd.GeoDataFrame, kind: str, key: Hashable, degrees: float,
           centre: tuple[float, float, float] | None, places: set[int], dot_area: float,
           project: Callable[[pd.Series, np.ndarray, bool], gpd.GeoDataFrame]) -> _Layer:
    """The boundaries drawn by ``project(codes, geometries, exact)``, kept on the bundle under ``kind``
    and ``key``. Without a ``centre`` (a world view, drawn once per process), exactly: every place from
    its full outline (``exact=True``).

    With a ``centre`` (lon0, lat0, radius: the angular radius in degrees of a disc round the view's centre
    that holds the whole view), shortcuts: the places with no point within that disc widened by the
    longest edge cannot reach the view and are left out; the others are drawn from the bundle simplified
    by ``degrees`` (:meth:`_Kept.simplified`; 0: the full outlines) with ``exact=False`` (not cut where the
    cut changes nothing). Drawn exactly all the same: the places within 30° of the antipode — projected
    far out and wrapped round it, simplified they could be made valid into another shape — and the
    ``places`` whose area is under :data:`_EXACT` times ``dot_area`` (the area under which a place gets a
    dot), so that no shortcut moves, adds or removes a dot."""
    kept = _kept(boundaries)
    codes = boundaries["code"]

    def make() -> _Layer:
        if centre is None:
            return _Layer.of(project(codes, kept.simplified(0.0), True), True)
        geoms = kept.simplified(degrees)
        least, most = _reach(geoms, centre[0], centre[1])
        near = least <= centre[2] + kept.longest_edge()
        whole = near & (most > _WRAPPED)
        fast = near & ~whole
        layer = _Layer.of(project(codes[fast], geoms[fast], False), False)
        if not whole.any():
            return layer
        exact = _Layer.of(project(codes[whole], kept.simplified(0.0)[whole], True), True)
        return layer.replace(exact, boundaries.index)

    layer = kept.layer(kind, key, make)
    if layer.exact:
        return layer
    area = pd.Series(layer.area, index=layer.frame.index).reindex(boundaries.index).to_numpy()
    near = codes.isin(places).to_numpy() & ~(area >= _EXACT * dot_area) & ~boundaries.geometry.is_empty.to_numpy()
    if not near.any():
        return layer
    rows = boundaries[near]
    return layer.replace(_Layer.of(project(rows["code"], rows.geometry.to_numpy(), True), True), boundaries.index)


def _prepare(boundaries: gpd.GeoDataFrame, view: _View, bounds: tuple[float, float, float, float],
             width_pt: float, places: set[int]) -> _Layer:
    """Boundaries projected, clipped to the view and simplified to a quarter of a point at the drawn size
    (``places``: those that may get a dot). Kept on the bundle for the next map of the same view: every
    country profile's two world maps share one, drawn exactly as ever; a regional view leaves out the
    places far from it (:func:`_layer`)."""
    bounds = tuple(float(b) for b in bounds)
    per_pt = (bounds[2] - bounds[0]) / width_pt
    centre = None
    if not view.world:  # Lambert azimuthal: the point c from the centre is 2 R sin(c / 2) from it
        margin = 0.02 * (bounds[2] - bounds[0])
        r = max(math.hypot(x, y) for x in (bounds[0] - margin, bounds[2] + margin)
                for y in (bounds[1] - margin, bounds[3] + margin)) * 1.05
        centre = (view.lon0, view.lat0, math.degrees(2 * math.asin(min(r / (2 * _RADIUS), 1.0))))
    dot_area = math.pi * (_DOT * 0.8 / 2 * per_pt) ** 2

    def project(codes: pd.Series, geoms: np.ndarray, exact: bool) -> gpd.GeoDataFrame:
        return _project(codes, geoms, view, bounds, width_pt, exact)

    return _layer(boundaries, "map", (view, bounds, float(width_pt)), 0.0, centre, places, dot_area, project)


def _project(codes: pd.Series, geoms: np.ndarray, view: _View, bounds: tuple[float, float, float, float],
             width_pt: float, exact: bool) -> gpd.GeoDataFrame:
    """The places (``codes``, their ``geoms`` in longitude/latitude, same index) in ``view``: cut, projected,
    clipped to ``bounds`` and simplified to a quarter of a point (``exact``: see :func:`_cut_geometries`)."""
    if view.world:  # Antarctica
        geoms, codes = geoms[codes.fillna(-1).to_numpy() != 10], codes[codes.fillna(-1) != 10]
    geoms = _cut_geometries(geoms, view.lon0, None if view.world else view.lat0, exact=exact)
    cut = ~shapely.is_empty(geoms)
    projected = gpd.GeoSeries(geoms[cut], index=codes.index[cut], crs=4326).to_crs(view.crs)
    xmin, ymin, xmax, ymax = bounds
    margin = 0.02 * (xmax - xmin)
    rect = (xmin - margin, ymin - margin, xmax + margin, ymax + margin)

    def touching(parts: np.ndarray) -> np.ndarray:  # the bounding box meets the rectangle: exact
        b = shapely.bounds(parts)
        return (b[:, 0] <= rect[2]) & (b[:, 2] >= rect[0]) & (b[:, 1] <= rect[3]) & (b[:, 3] >= rect[1])

    geoms = _keep_parts(projected.to_numpy(), touching)
    geoms = shapely.clip_by_rect(shapely.make_valid(geoms), *rect)
    shown = ~shapely.is_empty(geoms)
    tolerance = (xmax - xmin) / width_pt / 4
    geoms = shapely.simplify(geoms[shown], tolerance, preserve_topology=True)
    index = projected.index[shown]
    return gpd.GeoDataFrame({"code": codes.loc[index]}, geometry=geoms, index=index, crs=view.crs)


def _globe_frame(codes: pd.Series, geoms: np.ndarray, lon0: float, lat0: float, exact: bool) -> gpd.GeoDataFrame:
    """The places (``codes``, their ``geoms`` in longitude/latitude, same index) on a globe centred on
    (lat0, lon0): the near hemisphere in orthographic projection, simplified to a fifth of a point."""
    geoms = _cut_geometries(geoms, lon0, lat0, exact=exact)
    cut = ~shapely.is_empty(geoms)
    projected = gpd.GeoSeries(geoms[cut], index=codes.index[cut], crs=4326).to_crs(_laea(lat0, lon0))

    def near(parts: np.ndarray) -> np.ndarray:
        # Some point in the near hemisphere. Not the bounding box: a far part ringed round the antipode
        # (Antarctica under a polar view) has a box as large as the globe.
        xy, part = shapely.get_coordinates(parts, return_index=True)
        inside = np.zeros(len(parts), bool)
        inside[part[np.hypot(xy[:, 0], xy[:, 1]) <= _GLOBE_DISC]] = True
        return inside

    geoms = shapely.make_valid(_keep_parts(projected.to_numpy(), near))
    across = np.ones(len(geoms), bool)
    if not exact:  # as for the cut: a geometry inside the disc is its own intersection with it
        b = shapely.bounds(geoms)
        corner = np.hypot(np.maximum(-b[:, 0], b[:, 2]), np.maximum(-b[:, 1], b[:, 3]))
        across = ~(corner < _GLOBE_DISC * math.cos(math.pi / 256))  # the disc is a polygon of 256 sides
    geoms[across] = shapely.intersection(geoms[across], Point(0, 0).buffer(_GLOBE_DISC, quad_segs=64))
    shown = ~shapely.is_empty(geoms)

    def to_ortho(xy: np.ndarray) -> np.ndarray:
        r = np.hypot(xy[:, 0], xy[:, 1])
        c = 2 * np.arcsin(np.clip(r / (2 * _RADIUS), 0, 1))
        scale = np.where(r > 0, _RADIUS * np.sin(c) / np.where(r > 0, r, 1), 1.0)
        return xy * scale[:, None]

    geoms = shapely.simplify(shapely.transform(geoms[shown], to_ortho), _GLOBE_SIMPLIFY, preserve_topology=True)
    index = projected.index[shown]
    return gpd.GeoDataFrame({"code": codes.loc[index]}, geometry=geoms, index=index)


def _globe_layer(boundaries: gpd.GeoDataFrame, codes: set[int], lon0: float, lat0: float) -> _Layer:
    """The globe centred on (lat0, lon0), from the bundle simplified by :data:`_GLOBE_DEGREES`; the places
    of ``codes`` near a dot's size from their full outline."""

    def project(codes: pd.Series, geoms: np.ndarray, exact: bool) -> gpd.GeoDataFrame:
        return _globe_frame(codes, geoms, lon0, lat0, exact)

    return _layer(boundaries, "globe", (float(lon0), float(lat0)), _GLOBE_DEGREES, (lon0, lat0, 90.0), codes,
                  _GLOBE_DOT, project)


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


def _fill(ax: Axes, layer: _Layer, rows: np.ndarray, **style) -> None:
    """The rows (booleans) of a layer as one collection of paths, drawn in the axes' data coordinates."""
    paths = [layer.paths[i] for i in np.flatnonzero(rows)]
    if paths:
        ax.add_collection(PathCollection(paths, **style), autolim=False)


def _draw(ax: Axes, layer: _Layer, values: pd.Series, members: set[int] | None,
          classes: Classes, highlight: int | None, width_pt: float, bounds) -> bool:
    """Neighbours, then members by class, outlines, and dots for places too small to see. Returns whether
    a member without a value was drawn (the legend then shows "No data")."""
    codes = layer.codes()
    is_member = np.isin(codes, list(members)) if members is not None else ~np.isnan(codes)
    _fill(ax, layer, ~is_member, facecolor=LAND, edgecolor=EDGE, linewidth=0.3)
    cls = classes.index(pd.Series(codes).map(values)).to_numpy(dtype=float)
    no_data = is_member & np.isnan(cls)
    for i, color in enumerate(classes.colors):
        _fill(ax, layer, is_member & (cls == i), facecolor=color, edgecolor=MEMBER_EDGE, linewidth=0.35)
    _fill(ax, layer, no_data, facecolor=NO_DATA, edgecolor=MEMBER_EDGE, linewidth=0.35, hatch="/////")
    is_highlight = codes == highlight if highlight is not None else np.zeros(len(codes), bool)
    _fill(ax, layer, is_highlight, facecolor=ORANGE, edgecolor="#222222", linewidth=0.7)
    # Dots for places whose area is smaller than a dot at this scale (atolls, micro-states). Added as
    # artists, not with add_patch: the limits are set afterwards, and add_patch measures each circle's
    # Bézier curves for them.
    per_pt = (bounds[2] - bounds[0]) / width_pt
    small = is_member & (2 * np.sqrt(layer.area / math.pi) / per_pt < _DOT * 0.8)
    geoms = layer.frame.geometry.to_numpy()
    for i in np.flatnonzero(small):
        color = NO_DATA if np.isnan(cls[i]) else classes.colors[int(cls[i])]
        if highlight is not None and int(codes[i]) == highlight:
            color = ORANGE
        p = geoms[i].representative_point()
        ax.add_artist(Circle((p.x, p.y), radius=_DOT / 2 * per_pt, facecolor=color, edgecolor=MEMBER_EDGE,
                            linewidth=0.4, zorder=5))
    if highlight is not None and not (small & is_highlight).any() and is_highlight.any():
        if 2 * math.sqrt(layer.area[is_highlight].sum() / math.pi) / per_pt < _DOT * 0.8:
            p = geoms[np.flatnonzero(is_highlight)[0]].representative_point()
            ax.add_artist(Circle((p.x, p.y), radius=_DOT / 2 * per_pt, facecolor=ORANGE, edgecolor="#222222",
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
    layer = _globe_layer(boundaries, codes, lon0, lat0)
    ax.add_artist(Circle((0, 0), _RADIUS, facecolor=OCEAN, edgecolor=GREY, linewidth=0.5))
    hit = np.isin(layer.codes(), list(codes))
    _fill(ax, layer, ~hit, facecolor="#CFCFCF", linewidth=0)
    _fill(ax, layer, hit, facecolor=ORANGE, linewidth=0)
    geoms = layer.frame.geometry.to_numpy()
    for i in np.flatnonzero(hit & (2 * np.sqrt(layer.area / math.pi) < _RADIUS / 25)):
        p = geoms[i].representative_point()
        ax.add_artist(Circle((p.x, p.y), _RADIUS / 28, facecolor=ORANGE, edgecolor="none", zorder=5))
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
    layer = _prepare(boundaries, view, bounds, width_in * 72, member_set)
    no_data = _draw(ax, layer, vals, member_set, classes, None, width_in * 72, bounds)
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
    shown = {int(c) for c in vals.index if vals[c] > 0}
    layer = _prepare(boundaries, view, bounds, width_in * 72, shown | ({highlight} if highlight is not None else set()))
    _draw(ax, layer, vals, shown, classes, highlight, width_in * 72, bounds)
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
