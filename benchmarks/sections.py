"""Benchmark: building every section of a few official briefings in-process (issue 14).

Run: ``python benchmarks/sections.py [--profile N] [PLACE ...]`` (MIGSTATS_MIRROR, or ../shared/data).
Loads each briefing once (not timed in the table), then builds each section with
:meth:`migstats.report.briefing.Briefing.section` and prints a table section × seconds, one column per
place: the regional sections for 1829, 1834 and 900 (World), the country-profile sections for 356
(India). ``--profile N`` also prints the N most expensive functions (cumulative time, cProfile) over all
section builds.
"""

from __future__ import annotations

import argparse
import cProfile
import time

from _env import print_profile, use_official_files

PLACES = (1829, 1834, 900, 356)
COUNTRIES = (356,)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("places", nargs="*", type=int, default=list(PLACES))
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    use_official_files()

    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from migstats.report.briefing import briefing_for
    from migstats.report.sections import COUNTRY_SECTIONS, SECTIONS

    regional = [s for s in SECTIONS if s not in COUNTRY_SECTIONS]
    country = list(COUNTRY_SECTIONS)
    times: dict[tuple[str, int], float] = {}
    loads: dict[int, float] = {}
    prof = cProfile.Profile() if args.profile else None
    for place in args.places:
        t0 = time.perf_counter()
        briefing = briefing_for(place, data="official")
        loads[place] = time.perf_counter() - t0
        for name in (country if place in COUNTRIES or briefing.data.place.is_country else regional):
            t0 = time.perf_counter()
            if prof:
                prof.enable()
            briefing.section(name)
            if prof:
                prof.disable()
            times[(name, place)] = time.perf_counter() - t0
            plt.close("all")

    names = [s for s in SECTIONS if any((s, p) in times for p in args.places)]
    width = max(len(s) for s in names + ["section"])
    print(f"{'section':<{width}}" + "".join(f"{p:>9}" for p in args.places))
    for s in names:
        cells = "".join(f"{times[(s, p)]:9.2f}" if (s, p) in times else f"{'':>9}" for p in args.places)
        print(f"{s:<{width}}{cells}")
    totals = [sum(v for (s, p), v in times.items() if p == place) for place in args.places]
    print(f"{'total':<{width}}" + "".join(f"{t:9.2f}" for t in totals))
    print(f"{'(load)':<{width}}" + "".join(f"{loads[p]:9.2f}" for p in args.places))
    print_profile(prof, args.profile)


if __name__ == "__main__":
    main()
