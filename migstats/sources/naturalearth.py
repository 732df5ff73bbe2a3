"""Country boundaries for maps: Natural Earth *Admin 0 – Countries* (1:50m, v5.1.1), keyed by M49 code.

Natural Earth is public domain. Its features are "countries" as Natural Earth draws them, which is not
the UN's list of countries or areas, so the join on M49 codes follows these rules:

* **Code**: ``UN_A3`` (zero-padded text, "-99"/"-099" when missing); when missing, ``ISO_N3_EH`` — which
  gives Norway (578), Taiwan (158) and a few territories their codes — unless that code already belongs
  to another feature: Natural Earth's *Indian Ocean Territories* and *Ashmore and Cartier Islands* carry
  Australia's 036 there, and drawing them as Australia would be wrong (M49 has Christmas Island 162 and
  Cocos (Keeling) Islands 166 as areas of their own).
* **Channel Islands (830)**, the area UN DESA publishes, is Guernsey (831) + Jersey (832) merged into
  one feature; 831 and 832 are not kept (they would lie on top of 830 on a map).
* **Features with no code** (Kosovo, Northern Cyprus, Somaliland, Siachen Glacier, and the two above)
  are **kept with code null**: a map draws them as neighbours; a join on code ignores them.
* Some M49 areas have **no polygon of their own** (French overseas departments are inside France's
  multipolygon; other small islands are not in the 1:50m layer): :func:`not_shown` lists them, so a map
  can say so under the drawing rather than leave them silently missing.

Output: a :class:`geopandas.GeoDataFrame` in EPSG:4326 with columns ``code`` (M49, nullable integer),
``name`` (Natural Earth's short name, for display only) and ``geometry``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ..errors import DataFileError

READER_VERSION = "1"
CHANNEL_ISLANDS, GUERNSEY, JERSEY = 830, 831, 832
_COLUMNS = ("NAME", "UN_A3", "ISO_N3_EH")
#: Natural Earth features without an M49 code that UN DESA's figures count in a member State: drawn as part
#: of it, as the UN's own maps do (IMS: Serbia includes Kosovo; Cyprus and Somalia their whole territory).
PART_OF = {"Somaliland": 706, "N. Cyprus": 196, "Kosovo": 688}
_MISSING = ("-99", "-099", "")
_FIX_DOWNLOAD = ("download ne_50m_admin_0_countries.zip again from "
                 "https://naciscdn.org/naturalearth/50m/cultural/ne_50m_admin_0_countries.zip")


def _open(path: Path) -> gpd.GeoDataFrame:
    import pyogrio.errors  # only to parse the shapefile: a process reading the cached boundaries goes without

    if not path.is_file():
        raise DataFileError(path, "file not found", _FIX_DOWNLOAD)
    try:
        frame = gpd.read_file(f"zip://{path.resolve()}", engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError,
            pyogrio.errors.GeometryError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataFileError(path, f"not a readable Natural Earth shapefile zip ({problem})", _FIX_DOWNLOAD) from None
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise DataFileError(path, f"no column(s) {', '.join(missing)} in the shapefile",
                            "use Natural Earth Admin 0 – Countries v5.x (the layer with UN_A3 and ISO_N3_EH)")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise DataFileError(path, f"coordinates are in {frame.crs}, not longitude/latitude (EPSG:4326)",
                            "use the unprojected Natural Earth download")
    return frame


def _codes(frame: gpd.GeoDataFrame) -> pd.Series:
    """M49 code per feature: UN_A3, else ISO_N3_EH when that code is not already another feature's."""

    def as_code(text: pd.Series) -> pd.Series:
        clean = text.fillna("").astype(str).str.strip()
        return pd.to_numeric(clean.where(~clean.isin(_MISSING)), errors="coerce").astype("Int64")

    un_a3 = as_code(frame["UN_A3"])
    fallback = as_code(frame["ISO_N3_EH"])
    fallback = fallback.where(~fallback.isin(un_a3.dropna().tolist()))
    return un_a3.fillna(fallback)


def read_admin0(path: str | Path) -> gpd.GeoDataFrame:
    """Country boundaries from Natural Earth's Admin 0 – Countries zip: code (M49), name, geometry.

    One row per feature (242 in the 1:50m layer less Guernsey and Jersey, plus the Channel Islands);
    Somaliland, Northern Cyprus and Kosovo are drawn as part of Somalia, Cyprus and Serbia (:data:`PART_OF`);
    the other codeless features are kept with code null. Longitude/latitude, EPSG:4326.
    """
    path = Path(path)
    raw = _open(path)
    frame = gpd.GeoDataFrame({"code": _codes(raw), "name": raw["NAME"].astype(str)},
                             geometry=raw.geometry.make_valid(), crs=raw.crs)
    islands = frame[frame["code"].isin([GUERNSEY, JERSEY])]
    if len(islands) != 2:
        raise DataFileError(path, f"expected Guernsey (831) and Jersey (832), found {len(islands)} of them",
                            "use Natural Earth Admin 0 – Countries at 1:50m or 1:10m")
    merged = gpd.GeoDataFrame({"code": pd.array([CHANNEL_ISLANDS], dtype="Int64"), "name": ["Channel Is."]},
                              geometry=[islands.geometry.union_all()], crs=frame.crs)
    frame = frame.drop(index=islands.index)
    for part, code in PART_OF.items():
        pieces = frame[(frame["name"] == part) | (frame["code"] == code)]
        if (frame["name"] == part).any() and (pieces["code"] == code).sum() == 1:
            whole = frame.index[frame["code"] == code][0]
            frame.loc[whole, "geometry"] = pieces.geometry.union_all()
            frame = frame.drop(index=frame.index[frame["name"] == part])
    out = pd.concat([frame, merged], ignore_index=True)
    duplicated = out["code"].dropna()[out["code"].dropna().duplicated()]
    if len(duplicated):
        raise DataFileError(path, f"M49 code(s) {sorted(set(duplicated.tolist()))} on several features",
                            "check the file is the official Natural Earth layer")
    return gpd.GeoDataFrame(out, geometry="geometry", crs=frame.crs)


def to_table(boundaries: gpd.GeoDataFrame) -> dict[str, pd.DataFrame]:
    """The boundaries of :func:`read_admin0` as plain tables for the table cache: ``admin0`` (code, name and
    the geometry as WKB, whose coordinates are the very doubles of the geometry) and ``crs`` (its WKT).
    :func:`from_table` makes the same GeoDataFrame again."""
    admin0 = pd.DataFrame({"code": boundaries["code"].array, "name": boundaries["name"].array,
                           "wkb": shapely.to_wkb(boundaries.geometry.array, include_srid=False)},
                          index=boundaries.index)
    return {"admin0": admin0, "crs": pd.DataFrame({"wkt": [boundaries.crs.to_wkt()]})}


def from_table(tables: dict[str, pd.DataFrame]) -> gpd.GeoDataFrame:
    """The boundaries stored by :func:`to_table`."""
    admin0, crs = tables["admin0"], tables["crs"]["wkt"].iloc[0]
    return gpd.GeoDataFrame({"code": admin0["code"].array, "name": admin0["name"].array},
                            geometry=shapely.from_wkb(admin0["wkb"].to_numpy()), crs=crs, index=admin0.index)


def not_shown(boundaries: gpd.GeoDataFrame, codes: Iterable[int]) -> list[int]:
    """The codes (in the order given) that have no polygon of their own in ``boundaries``."""
    drawn = set(boundaries.loc[boundaries["code"].notna() & ~boundaries.geometry.is_empty, "code"].astype(int))
    return [int(c) for c in codes if int(c) not in drawn]
