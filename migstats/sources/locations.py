"""The locations table and group membership, read from the official files of each IMS edition.

* Every location is a row of the edition's destination Table 1 (its M49 code and name as printed).
* **IMS 2020**: kinds and memberships from the Population Division's *aggregates correspondence table*
  (``aggregates_correspondence_table_2020_1.xlsx``, sheet ``Annex``): each country's subregion, SDG
  region, geographic region, development groups and income groups, and its ISO3 code.
* **IMS 2024**: the 2024 edition publishes no correspondence table; it uses the location hierarchy of
  World Population Prospects 2024, which the Population Division distributes as ``UNlocations.txt``
  (R package ``wpp2024``): region (``area_code``), subregion (``reg_code``) and one ``agcode_*`` column
  per grouping. ISO3 codes come from the UNSD M49 table. WPP lists Guernsey (831) and Jersey (832)
  separately where IMS has the Channel Islands (830) as one area: 830 takes their (identical) groups.

Tables (see :mod:`migstats.schema`): ``locations`` (edition, code, name, kind, iso3, sort_order) and
``membership`` (edition, grouping, group, member) where members are always countries/areas.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import DataFileError
from ..schema import validate

READER_VERSION = "1"
WORLD = 900
CHANNEL_ISLANDS, GUERNSEY, JERSEY = 830, 831, 832
_FIX = "the publisher may have changed the layout; check the file is the official one"

_ANNEX_KIND = {
    "Country/Area": "country",
    "SDG region": "sdg_region",
    "Development group": "development_group",
    "Geographic region": "region",
    "Income group": "income_group",
    "Subregion": "subregion",
}


def _read_excel(path: Path, sheet: str, header: int) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=sheet, header=header, engine="calamine")
    except ValueError as exc:
        raise DataFileError(path, f"sheet {sheet!r} not readable ({exc})", _FIX) from None
    except Exception as exc:
        raise DataFileError(path, f"workbook is damaged or truncated ({type(exc).__name__})",
                            "download the publisher's file again") from None


def read_annex_2020(path: str | Path) -> dict[str, pd.DataFrame]:
    """Parse the IMS 2020 aggregates correspondence table into ``annex_kinds`` and ``annex_membership``.

    ``annex_kinds``: code, kind, iso3 (one row per location; code 927 is both an SDG region and a
    subregion and is kept as a subregion). ``annex_membership``: grouping, group, member.
    """
    path = Path(path)
    frame = _read_excel(path, "Annex", 10)
    need = ["Location code", "ISO3 Alpha-code", "Name", "Code.2", "Code.4", "Code.5"]
    lacking = [c for c in need if c not in frame.columns]
    if lacking:
        raise DataFileError(path, f"sheet 'Annex': columns {lacking} not found on Excel row 11", _FIX)
    frame = frame[pd.to_numeric(frame["Location code"], errors="coerce").notna()].copy()
    frame["code"] = frame["Location code"].astype(int)
    frame["kind"] = frame["Name"].map(_ANNEX_KIND)
    frame.loc[frame["code"] == WORLD, "kind"] = "world"
    unknown = frame[frame["kind"].isna()]
    if len(unknown):
        raise DataFileError(path, f"sheet 'Annex': unknown location type {unknown['Name'].iloc[0]!r}", _FIX)
    kinds = frame.drop_duplicates("code", keep="last")[["code", "kind", "ISO3 Alpha-code"]]
    kinds = kinds.rename(columns={"ISO3 Alpha-code": "iso3"})
    kinds["iso3"] = kinds["iso3"].where(kinds["kind"] == "country")

    countries = frame[frame["kind"] == "country"]
    parts = [pd.DataFrame({"grouping": "world", "group": WORLD, "member": countries["code"]})]
    for grouping, col in (("subregion", "Code.2"), ("sdg", "Code.4"), ("region", "Code.5")):
        sub = countries[pd.to_numeric(countries[col], errors="coerce").notna()]
        parts.append(pd.DataFrame({"grouping": grouping, "group": sub[col].astype(int), "member": sub["code"]}))
    group_cols = [c for c in frame.columns if isinstance(c, str) and re.search(r"\n\s*\d+\s*$", c)]
    if not group_cols:
        raise DataFileError(path, "sheet 'Annex': no group membership columns found", _FIX)
    for col in group_cols:
        code = int(col.rsplit("\n", 1)[1])
        grouping = "income" if "income" in col.lower() else "development"
        sub = countries[countries[col].notna()]
        parts.append(pd.DataFrame({"grouping": grouping, "group": code, "member": sub["code"]}))
    membership = pd.concat(parts, ignore_index=True)
    membership["group"] = membership["group"].astype(int)
    membership["member"] = membership["member"].astype(int)
    return {"annex_kinds": kinds.reset_index(drop=True), "annex_membership": membership}


def read_unlocations(path: str | Path) -> dict[str, pd.DataFrame]:
    """Parse WPP 2024's ``UNlocations.txt`` into ``wpp_kinds`` and ``wpp_membership``.

    ``location_type``: 0 world, 2 region, 3 subregion, 4 country/area; groupings (SDG regions,
    development and income groups) have ``location_type`` = code x 1000 and one ``agcode_<code>000``
    column whose cell holds the group code for members (-1 otherwise).
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, sep="\t", dtype={"reg_name": str, "area_name": str})
    except Exception as exc:
        raise DataFileError(path, f"not a readable tab-separated file ({type(exc).__name__})",
                            "download the file again") from None
    need = ["name", "country_code", "reg_code", "area_code", "location_type"]
    lacking = [c for c in need if c not in frame.columns]
    if lacking:
        raise DataFileError(path, f"columns {lacking} not found in the header", _FIX)
    ltype = pd.to_numeric(frame["location_type"], errors="coerce")
    if ltype.isna().any():
        raise DataFileError(path, "column 'location_type' has non-numeric values", _FIX)
    frame["code"] = frame["country_code"].astype(int)
    kind = pd.Series("other", index=frame.index)
    kind[ltype == 0] = "world"
    kind[ltype == 2] = "region"
    kind[ltype == 3] = "subregion"
    kind[ltype == 4] = "country"
    is_group = ltype >= 1000
    names = frame["name"].astype(str)
    kind[is_group & names.str.contains("income", case=False)] = "income_group"
    kind[is_group & names.str.contains(r"developed|developing|LLDC|SIDS", case=False)] = "development_group"
    kind[is_group & (kind == "other")] = "sdg_region"
    kinds = pd.DataFrame({"code": frame["code"], "kind": kind, "wpp_name": names})

    countries = frame[kind == "country"]
    parts = [pd.DataFrame({"grouping": "world", "group": WORLD, "member": countries["code"]})]
    reg = countries[countries["reg_code"].astype(int) > 0]
    parts.append(pd.DataFrame({"grouping": "subregion", "group": reg["reg_code"].astype(int),
                               "member": reg["code"]}))
    area = countries[countries["area_code"].astype(int) > 0]
    parts.append(pd.DataFrame({"grouping": "region", "group": area["area_code"].astype(int),
                               "member": area["code"]}))
    grouping_of = {"sdg_region": "sdg", "development_group": "development", "income_group": "income"}
    for col in [c for c in frame.columns if c.startswith("agcode_")]:
        code = int(col.removeprefix("agcode_")) // 1000
        k = kinds.loc[kinds["code"] == code, "kind"]
        if k.empty or k.iloc[0] not in grouping_of:
            continue
        sub = countries[pd.to_numeric(countries[col], errors="coerce") == code]
        parts.append(pd.DataFrame({"grouping": grouping_of[k.iloc[0]], "group": code, "member": sub["code"]}))
    membership = pd.concat(parts, ignore_index=True).astype({"group": int, "member": int})
    # Channel Islands: IMS reports 830 as one area; WPP lists Guernsey and Jersey.
    ci = membership[membership["member"].isin([GUERNSEY, JERSEY])]
    if len(ci) and CHANNEL_ISLANDS not in set(membership["member"]):
        ci = ci.drop_duplicates(["grouping", "group"]).assign(member=CHANNEL_ISLANDS)
        membership = pd.concat([membership, ci], ignore_index=True)
    return {"wpp_kinds": kinds, "wpp_membership": membership}


def _display_name(ims_name: str, other: str | None) -> str:
    """IMS prints regions in capitals ('AFRICA', 'WORLD'); use the hierarchy file's spelling for those."""
    if ims_name.isupper() and other:
        return other
    if ims_name.isupper():
        return ims_name.title()
    return ims_name


def build_locations(edition: int, rows: pd.DataFrame, kinds: pd.DataFrame, membership: pd.DataFrame,
                    iso3: dict[int, str], names: dict[int, str] | None = None) -> dict[str, pd.DataFrame]:
    """Combine the workbook's rows with kinds and memberships into the tidy locations tables."""
    names = names or {}
    first = rows.drop_duplicates("code", keep="last")
    kind_of = dict(zip(kinds["code"], kinds["kind"], strict=False))
    loc = pd.DataFrame({
        "edition": edition,
        "code": first["code"].astype(int),
        "name": [_display_name(n, names.get(c)) for n, c in zip(first["name"], first["code"], strict=False)],
        "sort_order": first["row"].astype(int),
    })
    loc["kind"] = loc["code"].map(kind_of)
    loc.loc[loc["code"] == WORLD, "kind"] = "world"
    # Rows of the workbook that no hierarchy file classifies: countries if they have an M49 country code.
    loc.loc[loc["kind"].isna() & (loc["code"] < WORLD), "kind"] = "country"
    loc["kind"] = loc["kind"].fillna("other")
    loc["iso3"] = loc["code"].map(iso3).where(loc["kind"] == "country")
    loc = loc.sort_values("sort_order").reset_index(drop=True)
    in_table = set(loc["code"])
    mem = membership[membership["group"].isin(in_table) & membership["member"].isin(in_table)]
    mem = mem.drop_duplicates().assign(edition=edition)[["edition", "grouping", "group", "member"]]
    mem = mem.sort_values(["grouping", "group", "member"]).reset_index(drop=True)
    loc = loc[["edition", "code", "name", "kind", "iso3", "sort_order"]]
    validate("locations", loc)
    validate("membership", mem)
    return {"locations": loc, "membership": mem}


def iso3_to_code(locations: pd.DataFrame) -> dict[str, int]:
    """ISO3 -> M49 code for the countries/areas of a locations table."""
    c = locations.dropna(subset=["iso3"])
    return dict(zip(c["iso3"].astype(str), c["code"].astype(int), strict=False))
