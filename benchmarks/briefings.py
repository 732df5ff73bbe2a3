"""Benchmark of the briefing batch (the code and what it measures: ``_briefings.py``).

    .venv/bin/python benchmarks/briefings.py [--data auto|official|sample] [--regions N] [--quick]
                                             [--executor local|dask]

This script only starts it: the batch's worker processes re-import the script that started them
(multiprocessing does so), and a worker should not pay for the benchmark's own imports — a user's
``migstats briefings`` command does not.
"""

if __name__ == "__main__":
    from _briefings import main

    main()
