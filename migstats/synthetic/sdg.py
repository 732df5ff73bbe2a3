"""Synthetic UN SDG Global Database series in the DDF layout of ``open-numbers/ddf--unstats--sdg_indicators``.

Fictional numbers for real M49 codes: SG_CPA_MIGRS (10.7.2 scores, rounds 2019 and 2021; the last country
does not report in 2021), SG_CPA_MIGRP (published shares for the World, 1, and two regions, 150 Europe
and 419 Latin America and the Caribbean), SM_DTH_MIGR (2014-2022), SI_RMT_COST and SI_RMT_COST_SND
(10.c.1), BX_TRF_PWKR (17.3.2), and the geo_area, nature and units entity files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..fileio import write_text

SEED = 10_7_2
AGGREGATES: dict[int, str] = {1: "World", 150: "Europe", 419: "Latin America and the Caribbean"}
DOMAIN_CODES = ("alldomains", "domain1", "domain2", "domain3", "domain4", "domain5", "domain6")
FILES: dict[str, str] = {
    "sdg-sg-cpa-migrs": "ddf--datapoints--sg_cpa_migrs--by--geo_area--nature--policy_domains--units--year.csv",
    "sdg-sg-cpa-migrp": "ddf--datapoints--sg_cpa_migrp--by--geo_area--nature--policy_domains--units--year.csv",
    "sdg-sm-dth-migr": "ddf--datapoints--sm_dth_migr--by--geo_area--nature--units--year.csv",
    "sdg-si-rmt-cost": "ddf--datapoints--si_rmt_cost--by--geo_area--nature--units--year.csv",
    "sdg-si-rmt-cost-snd": "ddf--datapoints--si_rmt_cost_snd--by--geo_area--nature--units--year.csv",
    "sdg-bx-trf-pwkr": "ddf--datapoints--bx_trf_pwkr--by--geo_area--nature--units--year.csv",
    "sdg-geo-area": "ddf--entities--geo_area.csv",
    "sdg-nature": "ddf--entities--nature.csv",
    "sdg-units": "ddf--entities--units.csv",
}
_NATURES = ("c", "ca", "e", "g", "m", "n", "notspec")
_UNITS = ("number", "percent")


def _fmt(value: float) -> str:
    return f"{value:.7g}"


def _csv(header: list[str], rows: list[list]) -> str:
    return "\n".join([",".join(header), *(",".join(map(str, r)) for r in rows)]) + "\n"


def _policy(rng: np.random.Generator, codes: list[int]) -> tuple[str, str]:
    scores, shares = [], []
    for code in codes:
        for year in (2019, 2021):
            if year == 2021 and code == codes[-1]:
                continue  # did not report in the latest round
            domains = rng.integers(1, 5, size=6)
            overall = int(np.clip(round(float(np.median(domains))), 1, 4))
            for dom, score in zip(DOMAIN_CODES, (overall, *domains), strict=True):
                scores.append([code, "c", dom, "number", year, int(score)])
    for code in AGGREGATES:
        for year in (2019, 2021):
            for dom in DOMAIN_CODES:
                shares.append([code, "g", dom, "percent", year, _fmt(rng.uniform(40, 90))])
    header = ["geo_area", "nature", "policy_domains", "units", "year"]
    return _csv(header + ["sg_cpa_migrs"], scores), _csv(header + ["sg_cpa_migrp"], shares)


def _series(rng: np.random.Generator, column: str, codes: list[int], years: list[int], nature: str,
            units: str, low: float, high: float, integer: bool = False) -> str:
    rows = []
    for code in codes:
        for year in years:
            value = rng.uniform(low, high)
            rows.append([code, "g" if code in AGGREGATES else nature, units, year,
                         int(round(value)) if integer else _fmt(round(value, 2))])
    return _csv(["geo_area", "nature", "units", "year", column], rows)


def write(folder: Path, countries: list[tuple[int, str, str]]) -> dict[str, Path]:
    """Write the synthetic SDG files into ``folder`` (official file names); returns declaration key → path.

    ``countries`` are ``(M49 code, ISO3, name)``. Deterministic: same input, same bytes.
    """
    folder = Path(folder)
    rng = np.random.default_rng(SEED)
    codes = [int(c) for c, _, _ in countries]
    world = [1, *codes]
    scores, shares = _policy(rng, codes)
    texts = {
        "sdg-sg-cpa-migrs": scores,
        "sdg-sg-cpa-migrp": shares,
        "sdg-sm-dth-migr": _series(rng, "sm_dth_migr", world, list(range(2014, 2023)), "n", "number", 0, 900,
                                   integer=True),
        "sdg-si-rmt-cost": _series(rng, "si_rmt_cost", world, [2011, 2015, *range(2017, 2022)], "g", "percent",
                                   2, 12),
        "sdg-si-rmt-cost-snd": _series(rng, "si_rmt_cost_snd", codes, list(range(2011, 2022)), "c", "percent",
                                       2, 15),
        "sdg-bx-trf-pwkr": _series(rng, "bx_trf_pwkr", world, list(range(1990, 2021)), "g", "percent", 0, 20),
        "sdg-geo-area": _csv(["geo_area", "name"], sorted(
            ([c, f'"{n}"' if "," in n else n] for c, n in [*AGGREGATES.items(), *((c, n) for c, _, n in countries)]),
            key=lambda r: str(r[0]))),
        "sdg-nature": _csv(["nature", "name"], [[n, n.upper()] for n in _NATURES]),
        "sdg-units": _csv(["units", "name"], [[u, u.upper()] for u in _UNITS]),
    }
    return {key: write_text(folder / FILES[key], text) for key, text in texts.items()}
