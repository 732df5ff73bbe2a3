"""Benchmark: drawing the charts of a few official briefings to SVG (CPU seconds per chart).

Run: ``python benchmarks/charts.py [--repeat N] [--png DIR] [--svg DIR] [--profile N] [PLACE ...]``
(MIGSTATS_MIRROR, or ../shared/data). Loads each briefing once, then, ``--repeat`` times, builds the
non-map sections that hold charts twice (fresh figures each time: a figure drawn a second time is
cheaper) and draws each chart of one copy with :func:`migstats.charts.to_svg` and the same chart of the
other copy with ``Figure.savefig(format="svg")`` (what ``to_svg`` did before it drew a figure once), in
CPU seconds (``time.process_time``: other work on the machine does not count). Prints the medians per
chart and per place: the regional sections for 1834, 1829 and 900 (World), the country-profile sections
for 356 (India). ``--png DIR`` and ``--svg DIR`` also save every chart (PNG at 100 dpi from a fresh
figure; the SVG of ``to_svg``) as ``DIR/<place>-<section>-<n>.png|svg``, for a before/after comparison.
``--profile N`` prints the N most expensive functions (cumulative time, cProfile) within ``to_svg``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import statistics
import time
from pathlib import Path

from _env import print_profile, use_official_files

PLACES = ("1834", "1829", "900", "356")
REGIONAL = ("trend", "origins", "members", "emigration", "population_change", "sdg")
COUNTRY = ("country_migrants", "country_origins", "country_comparison", "country_population",
           "country_refugees", "sdg")


def savefig_svg(fig) -> str:
    """The SVG of ``Figure.savefig``, with the settings of :func:`migstats.charts.to_svg`."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "migstats"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("places", nargs="*", default=list(PLACES))
    parser.add_argument("--repeat", type=int, default=3, metavar="N")
    parser.add_argument("--png", type=Path, metavar="DIR")
    parser.add_argument("--svg", type=Path, metavar="DIR")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    use_official_files()

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
    # (place, chart, "to_svg" | "savefig") -> CPU seconds, one per repeat
    times: dict[tuple[str, str, str], list[float]] = {}
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
            for (key, fig), (_key, twin) in zip(figures(), figures(), strict=True):
                if prof:
                    prof.enable()
                t0 = time.process_time()
                svg = to_svg(fig)
                spent = time.process_time() - t0
                if prof:
                    prof.disable()
                times.setdefault((place, key, "to_svg"), []).append(spent)
                t0 = time.process_time()
                savefig_svg(twin)
                times.setdefault((place, key, "savefig"), []).append(time.process_time() - t0)
                if args.svg and run == 0:
                    (args.svg / f"{place}-{key}.svg").write_text(svg, encoding="utf-8")

    width = max(len(key) for _place, key, _how in times) + 2
    print(f"{'place':<6}{'chart':<{width}}{'savefig':>9}{'to_svg':>9}{'saved':>7}   (median CPU s)")
    for place in args.places:
        keys = list(dict.fromkeys(key for p, key, _how in times if p == place))
        before = after = 0.0
        for key in keys:
            b = statistics.median(times[(place, key, "savefig")])
            a = statistics.median(times[(place, key, "to_svg")])
            before, after = before + b, after + a
            print(f"{place:<6}{key:<{width}}{b:9.3f}{a:9.3f}{1 - a / b:7.0%}")
        label = f"total ({len(keys)} charts)"
        print(f"{place:<6}{label:<{width}}{before:9.3f}{after:9.3f}{1 - after / before:7.0%}")
    print_profile(prof, args.profile)


if __name__ == "__main__":
    main()
