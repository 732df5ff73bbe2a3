"""Readers for UN DESA *International Migrant Stock* (IMS) workbooks, editions 2020 and 2024.

The Population Division publishes, per edition, three workbooks:

* ``…_stock_by_sex_and_destination.xlsx`` — Table 1 migrant stock by sex; Table 2 total population
  (thousands); Table 3 migrants as % of population; Table 4 female migrants as % of all migrants;
  Table 5 annual rate of change of the stock; (2020 only) Table 6 refugees and asylum seekers;
* ``…_stock_by_sex_and_origin.xlsx`` — Table 1 migrant stock by country/area of origin, by sex;
* ``…_stock_by_sex_destination_and_origin.xlsx`` — Table 1 the destination x origin matrix by sex.

*International migrant stock* (UN definition): the number of people living in a country or area other
than the one in which they were born — or, where data on place of birth are lacking, of which they are
not citizens — at mid-year (1 July). Unit: persons.

Layout (both editions): a title block, merged sex-group labels on Excel row 8, the header on Excel row
11 (0-based 10), data from row 12; the years repeat three times (both sexes, males, females). 2020
indents names, writes ``..`` for missing cells and puts ``Location code`` in column D; 2024 writes empty
cells, renames ``Notes``/``Type of data`` to ``Coverage``/``Data type`` and moves ``Location code`` to
column E; the 2024 Table 2 has no location codes at all (its ``Location code`` column holds data-type
codes), so it is joined to Table 1 through the row index in column A. Columns are found by name, never
by position, and a layout that does not match raises :class:`~migstats.errors.DataFileError`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataFileError
from ..schema import validate

READER_VERSION = "2"
HEADER_ROW = 10  # 0-based; Excel row 11
NAME_HEADERS = ("Region, development group, country or area",)
SEXES = ("both", "male", "female")
WORLD = 900
OTHER_ORIGIN = 2003  # "OTHER": origin unknown / other (origin workbooks)

_FIX_LAYOUT = "the publisher may have changed the layout; check the file is the official workbook"


# --------------------------------------------------------------------------- low-level helpers


def clean_name(value: object) -> str:
    """Strip the indentation and the footnote marker ``*`` from an IMS row label."""
    return str(value).strip().rstrip("*").strip()


def _read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """All sheets of a workbook as raw frames (no header), via calamine; one clear error if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "file not found", "check the path or run `migstats data pull`")
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as fh:
            starts_like_zip = fh.read(4) == b"PK\x03\x04"
        problem = ("workbook is damaged or truncated (incomplete zip archive)" if starts_like_zip
                   else "not an Excel workbook (.xlsx is a zip archive; this file is not)")
        raise DataFileError(path, problem, "download the publisher's file again")
    try:
        return pd.read_excel(path, sheet_name=None, header=None, engine="calamine")
    except Exception as exc:  # calamine/zip errors vary by damage
        raise DataFileError(
            path, f"workbook is damaged or truncated ({type(exc).__name__})", "download the publisher's file again"
        ) from None


def _sheet(book: dict[str, pd.DataFrame], name: str, path: Path) -> pd.DataFrame:
    if name not in book:
        raise DataFileError(
            path, f"sheet {name!r} is missing (sheets: {', '.join(book)})", _FIX_LAYOUT
        )
    return book[name]


def _year_label(value: object) -> int | tuple[int, int] | None:
    """1990, 1990.0, '1990' -> 1990; '1990-1995' -> (1990, 1995); anything else -> None."""
    if isinstance(value, (int, np.integer)) and 1900 < int(value) < 2200:
        return int(value)
    if isinstance(value, (float, np.floating)) and not np.isnan(value) and float(value).is_integer():
        v = int(value)
        return v if 1900 < v < 2200 else None
    if isinstance(value, str):
        s = value.strip()
        if re.fullmatch(r"\d{4}", s):
            return int(s)
        m = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", s)
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


class _Header:
    """Column positions of one IMS table, found by name on the header row."""

    def __init__(self, frame: pd.DataFrame, path: Path, sheet: str, required: dict[str, tuple[str, ...]]):
        if len(frame) <= HEADER_ROW:
            raise DataFileError(path, f"sheet {sheet!r} has only {len(frame)} rows (truncated?)", _FIX_LAYOUT)
        labels = [str(v).strip() if isinstance(v, str) else v for v in frame.iloc[HEADER_ROW].tolist()]
        self.cols: dict[str, int] = {}
        for key, options in required.items():
            hit = [i for i, lab in enumerate(labels) if isinstance(lab, str) and lab in options]
            if not hit:
                raise DataFileError(
                    path,
                    f"sheet {sheet!r}: header {options[0]!r} not found on Excel row {HEADER_ROW + 1}",
                    _FIX_LAYOUT,
                )
            self.cols[key] = hit[0]
        # value columns: consecutive blocks of year (or period) labels; a label seen again starts a new block
        self.blocks: list[list[tuple[int, int | tuple[int, int]]]] = []
        current: list[tuple[int, int | tuple[int, int]]] = []
        for i, lab in enumerate(labels):
            y = _year_label(lab)
            if y is None:
                continue
            if current and (y in [c[1] for c in current] or i != current[-1][0] + 1
                            or type(y) is not type(current[-1][1])):
                self.blocks.append(current)
                current = []
            current.append((i, y))
        if current:
            self.blocks.append(current)
        if not self.blocks:
            raise DataFileError(
                path, f"sheet {sheet!r}: no year columns on Excel row {HEADER_ROW + 1}", _FIX_LAYOUT
            )
        self.path, self.sheet = path, sheet

    def by_sex(self) -> list:
        """The three value blocks: both sexes, males, females (the workbook's order)."""
        if len(self.blocks) < 3:
            raise DataFileError(self.path, f"sheet {self.sheet!r}: expected three year blocks (both sexes, "
                                "males, females)", _FIX_LAYOUT)
        blocks = self.blocks[:3]
        labels = [[y for _, y in b] for b in blocks]
        if labels[1:] != labels[:1] * 2:
            missing = sorted(set().union(*map(set, labels)) - set.intersection(*map(set, labels)), key=str)
            raise DataFileError(self.path, f"sheet {self.sheet!r}: the year columns of the both sexes, males and "
                                f"females blocks differ (missing in some: {', '.join(map(str, missing))})",
                                _FIX_LAYOUT)
        return blocks

    def check_latest(self, edition: int) -> None:
        """The year columns end with the edition's own year (a deleted latest column is a layout error,
        not a table of null figures)."""
        years = [y for _, y in self.blocks[0] if isinstance(y, int)]
        if years and max(years) != edition:
            raise DataFileError(self.path, f"sheet {self.sheet!r}: the latest year column is {max(years)}, but the "
                                f"{edition} edition ends with {edition}", _FIX_LAYOUT)


def _numeric(block: pd.DataFrame) -> pd.DataFrame:
    """Cells to float: '..', '', '-' and other text become NaN."""
    return block.apply(pd.to_numeric, errors="coerce").astype(float)


def _body(frame: pd.DataFrame) -> pd.DataFrame:
    body = frame.iloc[HEADER_ROW + 1 :]
    return body[body.notna().any(axis=1)]


def _long(
    body: pd.DataFrame, keys: dict[str, pd.Series], blocks, labels: tuple[str, ...], label_col: str,
    *, period: bool = False,
) -> pd.DataFrame:
    """Melt value blocks into long rows with the given key columns and one label per block."""
    parts = []
    for block, label in zip(blocks, labels, strict=False):
        cols = [c for c, _ in block]
        values = _numeric(body.iloc[:, cols])
        values.columns = [y for _, y in block]
        part = values.assign(**{k: v.to_numpy() for k, v in keys.items()})
        part = part.melt(id_vars=list(keys), var_name="_when", value_name="value")
        part[label_col] = label
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    if period:
        out["start_year"] = out["_when"].map(lambda p: p[0]).astype(int)
        out["end_year"] = out["_when"].map(lambda p: p[1]).astype(int)
    else:
        out["year"] = out["_when"].astype(int)
    return out.drop(columns="_when")


def _codes(body: pd.DataFrame, col: int, path: Path, sheet: str) -> pd.Series:
    codes = pd.to_numeric(body.iloc[:, col], errors="coerce")
    bad = codes.isna()
    if bad.any():
        row = int(body.index[bad.to_numpy()][0]) + 1
        raise DataFileError(
            path, f"sheet {sheet!r}: row {row} has no numeric location code", _FIX_LAYOUT
        )
    return codes.astype(int)


# --------------------------------------------------------------------------- destination workbook

def _dest_header(frame: pd.DataFrame, path: Path, sheet: str, *, with_code: bool = True) -> _Header:
    req: dict[str, tuple[str, ...]] = {"name": NAME_HEADERS}
    if with_code:
        req["code"] = ("Location code",)
    return _Header(frame, path, sheet, req)


def read_destination(path: str | Path, edition: int) -> dict[str, pd.DataFrame]:
    """Parse an IMS destination workbook into tidy tables.

    Returns ``stock`` (persons; origin = 900), ``population`` (persons — the workbook gives thousands),
    ``share`` (migrants as % of population), ``female_share`` (female migrants as % of all migrants),
    ``rate`` (annual rate of change, % per year), ``rows`` (the workbook's own row list: index, code,
    name, data type, coverage note) and, for 2020, ``refugees`` (Table 6).
    """
    path = Path(path)
    book = _read_workbook(path)

    t1 = _sheet(book, "Table 1", path)
    h1 = _dest_header(t1, path, "Table 1")
    h1.check_latest(edition)
    body1 = _body(t1)
    codes1 = _codes(body1, h1.cols["code"], path, "Table 1")
    index1 = pd.to_numeric(body1.iloc[:, 0], errors="coerce")
    stock = _long(body1, {"destination": codes1}, h1.by_sex(), SEXES, "sex")
    stock.insert(0, "edition", edition)
    stock["origin"] = WORLD

    labels = [str(v).strip() if isinstance(v, str) else "" for v in t1.iloc[HEADER_ROW].tolist()]
    type_col = next((i for i, lab in enumerate(labels) if lab in ("Type of data", "Data type")), None)
    note_col = next((i for i, lab in enumerate(labels) if lab in ("Notes", "Coverage")), None)
    rows = pd.DataFrame({
        "edition": edition,
        "row": index1.to_numpy(),
        "code": codes1.to_numpy(),
        "name": body1.iloc[:, h1.cols["name"]].map(clean_name).to_numpy(),
        "raw_name": body1.iloc[:, h1.cols["name"]].astype(str).to_numpy(),
        "data_type": (body1.iloc[:, type_col].fillna("").astype(str).str.strip().to_numpy()
                      if type_col is not None else ""),
        "note": (body1.iloc[:, note_col].fillna("").astype(str).str.strip().to_numpy()
                 if note_col is not None else ""),
    })
    row_to_code = dict(zip(rows["row"], rows["code"], strict=False))

    # Table 2: population (thousands). 2024: no codes -> join by the row index in column A.
    t2 = _sheet(book, "Table 2", path)
    h2 = _dest_header(t2, path, "Table 2", with_code=False)
    body2 = _body(t2)
    if edition >= 2024 or "code" not in h2.cols:
        idx2 = pd.to_numeric(body2.iloc[:, 0], errors="coerce")
        codes2 = idx2.map(row_to_code)
        names2 = body2.iloc[:, h2.cols["name"]].map(clean_name)
        if codes2.isna().any() or not (names2.to_numpy() == rows.set_index("row").loc[idx2, "name"].to_numpy()).all():
            raise DataFileError(path, "sheet 'Table 2': rows do not line up with Table 1 (index column A)",
                                _FIX_LAYOUT)
        codes2 = codes2.astype(int)
    else:
        codes2 = _codes(body2, _dest_header(t2, path, "Table 2").cols["code"], path, "Table 2")
    population = _long(body2, {"location": codes2}, h2.by_sex(), SEXES, "sex")
    population["value"] = (population["value"] * 1000).round(0)
    population.insert(0, "edition", edition)

    t3 = _sheet(book, "Table 3", path)
    h3 = _dest_header(t3, path, "Table 3")
    body3 = _body(t3)
    share = _long(body3, {"location": _codes(body3, h3.cols["code"], path, "Table 3")},
                  h3.by_sex(), SEXES, "sex")
    share.insert(0, "edition", edition)

    t4 = _sheet(book, "Table 4", path)
    h4 = _dest_header(t4, path, "Table 4")
    body4 = _body(t4)
    female = _long(body4, {"location": _codes(body4, h4.cols["code"], path, "Table 4")},
                   h4.blocks[:1], ("female",), "sex").drop(columns="sex")
    female.insert(0, "edition", edition)

    t5 = _sheet(book, "Table 5", path)
    h5 = _dest_header(t5, path, "Table 5")
    body5 = _body(t5)
    rate = _long(body5, {"location": _codes(body5, h5.cols["code"], path, "Table 5")},
                 h5.by_sex(), SEXES, "sex", period=True)
    rate.insert(0, "edition", edition)

    tables = {
        "stock": stock[["edition", "destination", "origin", "year", "sex", "value"]],
        "population": population[["edition", "location", "year", "sex", "value"]],
        "share": share[["edition", "location", "year", "sex", "value"]],
        "female_share": female[["edition", "location", "year", "value"]],
        "rate": rate[["edition", "location", "start_year", "end_year", "sex", "value"]],
        "rows": rows,
    }
    if "Table 6" in book:
        t6 = book["Table 6"]
        h6 = _dest_header(t6, path, "Table 6")
        body6 = _body(t6)
        codes6 = _codes(body6, h6.cols["code"], path, "Table 6")
        measures = ("refugees", "refugee_share_of_stock")
        ref = _long(body6, {"location": codes6}, h6.blocks[:2], measures, "measure")
        ref.insert(0, "edition", edition)
        tables["refugees"] = ref[["edition", "location", "year", "measure", "value"]]
    for name in list(tables):
        tables[name] = _dedupe(tables[name].reset_index(drop=True), name, path)
    for name in ("stock", "population", "share", "female_share", "rate"):
        validate(name, tables[name])
    return tables


def _dedupe(frame: pd.DataFrame, name: str, path: Path) -> pd.DataFrame:
    """Drop rows the workbook prints twice (IMS 2020 lists code 927 as SDG region and as subregion)."""
    if name == "rows":
        return frame
    keys = [c for c in frame.columns if c != "value"]
    dup = frame.duplicated(keys, keep=False)
    if not dup.any():
        return frame
    conflicting = frame[dup].groupby(keys, dropna=False)["value"].nunique(dropna=False)
    if (conflicting > 1).any():
        key = conflicting[conflicting > 1].index[0]
        raise DataFileError(path, f"{name}: the same location appears twice with different values ({key})",
                            _FIX_LAYOUT)
    return frame.drop_duplicates(keys, keep="first").reset_index(drop=True)


# --------------------------------------------------------------------------- origin workbook


def read_origin(path: str | Path, edition: int) -> dict[str, pd.DataFrame]:
    """Parse an IMS origin workbook: ``stock_by_origin`` (persons; destination = 900).

    Includes the row ``OTHER`` (code 2003): migrants whose origin is unknown or another area; with it the
    country rows add up to the World row.
    """
    path = Path(path)
    book = _read_workbook(path)
    t1 = _sheet(book, "Table 1", path)
    h1 = _dest_header(t1, path, "Table 1")
    h1.check_latest(edition)
    body = _body(t1)
    codes = _codes(body, h1.cols["code"], path, "Table 1")
    stock = _long(body, {"origin": codes}, h1.by_sex(), SEXES, "sex")
    stock.insert(0, "edition", edition)
    stock["destination"] = WORLD
    out = stock[["edition", "destination", "origin", "year", "sex", "value"]].reset_index(drop=True)
    out = _dedupe(out, "stock", path)
    validate("stock", out)
    tables = {"stock_by_origin": out}
    if "Table 2" in book:  # female migrants as % of the stock, by origin (as printed)
        t2 = book["Table 2"]
        h2 = _dest_header(t2, path, "Table 2")
        body2 = _body(t2)
        fem = _long(body2, {"location": _codes(body2, h2.cols["code"], path, "Table 2")},
                    h2.blocks[:1], ("female",), "sex").drop(columns="sex")
        fem.insert(0, "edition", edition)
        tables["female_share_by_origin"] = _dedupe(
            fem[["edition", "location", "year", "value"]].reset_index(drop=True), "female_share", path)
    return tables


# --------------------------------------------------------------------------- destination x origin


_MATRIX_REQUIRED = {
    "dest_name": ("Region, development group, country or area of destination",),
    "dest_code": ("Location code of destination",),
    "orig_name": ("Region, development group, country or area of origin",),
    "orig_code": ("Location code of origin",),
}


def read_matrix(path: str | Path, edition: int) -> dict[str, pd.DataFrame]:
    """Parse an IMS destination-and-origin workbook into ``matrix`` (persons), rows as published.

    Both axes carry the UN's codes, aggregates included (origin 900 = all origins of a destination).
    """
    path = Path(path)
    book = _read_workbook(path)
    t1 = _sheet(book, "Table 1", path)
    h = _Header(t1, path, "Table 1", _MATRIX_REQUIRED)
    body = _body(t1)
    dest = _codes(body, h.cols["dest_code"], path, "Table 1")
    orig = _codes(body, h.cols["orig_code"], path, "Table 1")
    m = _long(body, {"destination": dest, "origin": orig}, h.by_sex(), SEXES, "sex")
    m.insert(0, "edition", edition)
    m = m[["edition", "destination", "origin", "year", "sex", "value"]]
    m = m[m["value"].notna()].reset_index(drop=True)
    m = _dedupe(m, "stock", path)
    validate("stock", m)
    return {"matrix": m}


def read_matrix_extract(path: str | Path, iso3_to_code: dict[str, int], edition: int = 2024) -> dict:
    """Read the third-party extract of the 2024 destination-and-origin matrix (R data ``undesa_stocks``).

    Countries are ISO3 codes (``OOO`` = origin unknown, mapped to 2003); sexes are male/female only, so
    both sexes is their sum. Country rows only (no aggregates). Unknown ISO3 codes raise an error.
    """
    import pyreadr

    path = Path(path)
    try:
        frame = pyreadr.read_r(str(path))["undesa_stocks"]
    except Exception as exc:
        raise DataFileError(path, f"not a readable R data file with 'undesa_stocks' ({type(exc).__name__})",
                            "download the file again") from None
    mapping = dict(iso3_to_code)
    mapping["OOO"] = OTHER_ORIGIN
    mapping.setdefault("XCX", 830)  # the extract's code for the Channel Islands (ISO has none; IMS: 830)
    unknown = sorted((set(frame["geo"]) | set(frame["from"])) - set(mapping))
    if unknown:
        raise DataFileError(path, f"ISO3 codes without an M49 code: {', '.join(unknown[:8])}",
                            "update the M49 table (registry key 'm49')")
    out = pd.DataFrame({
        "edition": edition,
        "destination": frame["geo"].map(mapping).astype(int),
        "origin": frame["from"].map(mapping).astype(int),
        "year": frame["t"].astype(int),
        "sex": frame["sex"].astype(str),
        "value": frame["n"].astype(float),
    })
    both = out.groupby(["edition", "destination", "origin", "year"], as_index=False)["value"].sum()
    both["sex"] = "both"
    out = pd.concat([both, out], ignore_index=True)[["edition", "destination", "origin", "year", "sex", "value"]]
    validate("stock", out)
    return {"matrix": out}
