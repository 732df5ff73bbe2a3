"""Benchmark: drawing the charts of a few official briefings to SVG (CPU seconds per chart).

Run: ``python benchmarks/charts.py [--repeat N] [--png DIR] [--svg DIR] [--profile N] [PLACE ...]``
(MIGSTATS_MIRROR, or ../shared/data). Loads each briefing once, then, ``--repeat`` times, builds the
non-map sections that hold charts (fresh figures each time: a figure drawn a second time is cheaper)
and times :func:`migstats.charts.to_svg` on each figure once, in CPU seconds (``time.process_time``:
other work on the machine does not count). Prints the median per chart and per place: the regional
sections for 1834, 1829 and 900 (World), the country-profile sections for 356 (India). ``--png DIR``
and ``--svg DIR`` also save every chart (PNG at 100 dpi from a fresh figure; the timed SVG) as
``DIR/<place>-<section>-<n>.png|svg``, for a before/after comparison. ``--profile N`` prints the N most
expensive functions (cumulative time, cProfile) over all timed drawings.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

PLACES = ("1834", "1829", "900", "356")
REGIONAL = ("trend", "origins", "members", "emigration", "population_change", "sdg")
COUNTRY = ("country_migrants", "country_origins", "country_comparison", "country_population",
           "country_refugees", "sdg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("places", nargs="*", default=list(PLACES))
    parser.add_argument("--repeat", type=int, default=3, metavar="N")
    parser.add_argument("--png", type=Path, metavar="DIR")
    parser.add_argument("--svg", type=Path, metavar="DIR")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    repo = Path(__file__).resolve().parents[1]
    if not os.environ.get("MIGSTATS_MIRROR") and (repo.parent / "shared" / "data").is_dir():
        os.environ["MIGSTATS_MIRROR"] = str(repo.parent / "shared" / "data")
    os.environ.setdefault("MIGSTATS_OFFLINE", "1")
    os.environ.setdefault("MIGSTATS_CACHE", tempfile.mkdtemp(prefix="migstats-bench-"))

    import matplotlib

    matplotlib.use("agg")

    from migstats.charts import to_svg
    from migstats.report.briefing import briefing_for
    from migstats.report.sections import build
    from migstats.report.sections._base import Chart

    for folder in (args.png, args.svg):
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
    prof = cProfile.Profile() if args.profile else None
    times: dict[tuple[str, str], list[float]] = {}  # (place, chart) -> CPU seconds, one per repeat
    for place in args.places:
        data = briefing_for(place, data="official").data
        names = COUNTRY if data.place.is_country else REGIONAL

        def figures(data=data, names=names):
            for name in names:
                charts = [p.figure for p in build(name, data).parts if isinstance(p, Chart)]
                for i, fig in enumerate(charts, 1):
                    yield f"{name}-{i}", fig

        if args.png:
            for key, fig in figures():
                fig.savefig(args.png / f"{place}-{key}.png", format="png", dpi=100)
        for run in range(args.repeat):
            for key, fig in figures():
                if prof:
                    prof.enable()
                t0 = time.process_time()
                svg = to_svg(fig)
                spent = time.process_time() - t0
                if prof:
                    prof.disable()
                times.setdefault((place, key), []).append(spent)
                if args.svg and run == 0:
                    (args.svg / f"{place}-{key}.svg").write_text(svg, encoding="utf-8")

    width = max(len(key) for _place, key in times) + 2
    print(f"{'place':<6}{'chart':<{width}}{'CPU s (median)':>15}{'min':>8}")
    for place in args.places:
        rows = {key: v for (p, key), v in times.items() if p == place}
        for key, values in rows.items():
            print(f"{place:<6}{key:<{width}}{statistics.median(values):15.3f}{min(values):8.3f}")
        total = sum(statistics.median(v) for v in rows.values())
        print(f"{place:<6}{'total (' + str(len(rows)) + ' charts)':<{width}}{total:15.3f}")
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
