"""Regional briefings: parameterized notebooks executed by papermill, exported to HTML and PDF.

* :mod:`.params`  — briefing parameters (YAML files under ``params/``) and their generator;
* :mod:`.briefing` — `briefing_for`: loads the data of a briefing once, then shows its sections;
* :mod:`.sections` — one module per section: HTML from Jinja templates and charts, from loaded data;
* :mod:`.runner`  — the batch: plan, skip unchanged, isolate failures, run in parallel, write the index;
* :mod:`.build`   — one briefing: execute its notebook, export it, record its state (what a worker runs);
* :mod:`.executors`, :mod:`.warm`, :mod:`.kernels`, :mod:`.kernel_state` — where briefings run: worker
  processes (or a Dask cluster), each with a warm kernel started before the worker's own imports;
* :mod:`.export`  — executed notebook → self-contained HTML without code → A4 PDF (WeasyPrint);
* :mod:`.index`   — ``index.html`` listing every briefing with its headline figures;
* :mod:`.cli`     — the ``migstats briefings`` and ``migstats params`` commands.
"""
