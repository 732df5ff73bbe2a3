"""Benchmark: the map sections of a few official briefings (CPU seconds per section).

Run: ``python benchmarks/maps.py [--repeat N] [--warm PLACE,...] [--png DIR] [--profile N] [PLACE ...]``
(MIGSTATS_MIRROR, or ../shared/data). As in a worker that has already built other briefings, the map
sections of the ``--warm`` places (default 76 and 1830: a country profile and a region) are built first,
not timed. Then each place's map section is built once ("first": the place's own views are new, what the
bundle shares with other places is not) and ``--repeat`` times more ("again": the median), in CPU seconds
(``time.process_time``: other work on the machine does not count) — the ``maps`` section of a regional
briefing, the ``country_maps`` section of a country profile, each with its SVG. All briefings use the
boundaries of the first one (one worker: one store). Default places: 1834 (Sub-Saharan Africa), 1829
(Europe and Northern America), 900 (World), 909 (Oceania), 356 (India), 772 (Tokelau), 840 (United States
of America). ``--png DIR`` also saves every map of each place as ``DIR/<place>-<n>.png`` (100 dpi, the size
printed on the page), for a before/after comparison. ``--profile N`` prints the N most expensive functions
(cumulative time, cProfile) over the timed builds.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import statistics
import time
from pathlib import Path

from _env import print_profile, use_official_files

PLACES = ("1834", "1829", "900", "909", "356", "772", "840")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("places", nargs="*", default=list(PLACES))
    parser.add_argument("--repeat", type=int, default=5, metavar="N")
    parser.add_argument("--warm", default="76,1830", metavar="PLACE,...")
    parser.add_argument("--png", type=Path, metavar="DIR")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    use_official_files()

    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from migstats.report.briefing import briefing_for
    from migstats.report.sections import build
    from migstats.report.sections import country_maps as cm
    from migstats.report.sections import maps as maps_section

    if args.png:
        args.png.mkdir(parents=True, exist_ok=True)
    prof = cProfile.Profile() if args.profile else None
    times: dict[str, list[float]] = {}
    first: dict[str, float] = {}
    names: dict[str, str] = {}
    boundaries = None
    warm = [p for p in args.warm.split(",") if p]
    for place in [*warm, *args.places]:
        data = briefing_for(place, data="official").data
        if boundaries is not None:  # one worker: the same store, so the same boundaries for every briefing
            data = dataclasses.replace(data, boundaries=boundaries)
        boundaries = data.boundaries
        section = "country_maps" if data.place.is_country else "maps"
        if warm:
            warm.pop(0)
            build(section, data)
            plt.close("all")
            continue
        names[place] = f"{data.place.name} ({section})"
        for run in range(args.repeat + 1):
            if prof:
                prof.enable()
            t0 = time.process_time()
            build(section, data)
            spent = time.process_time() - t0
            if prof:
                prof.disable()
            plt.close("all")
            if run == 0:
                first[place] = spent
            else:
                times.setdefault(place, []).append(spent)
        if args.png:
            figs = ([cm.locator(data), cm.emigrants_map(data), cm.immigrants_map(data)] if data.place.is_country
                    else [maps_section.share_map(data)])
            for i, fig in enumerate(figs, 1):
                fig.savefig(args.png / f"{place}-{i}.png", format="png", dpi=100)
            plt.close("all")

    width = max(len(n) for n in names.values()) + 2
    print(f"{'place':<6}{'section':<{width}}{'first':>8}{'again':>8}{'min':>8}  (CPU s)")
    for place, values in times.items():
        print(f"{place:<6}{names[place]:<{width}}{first[place]:8.3f}{statistics.median(values):8.3f}"
              f"{min(values):8.3f}")
    print_profile(prof, args.profile)


if __name__ == "__main__":
    main()
