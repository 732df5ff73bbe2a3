# Two commands do all set-up on a fresh machine:
#   make briefings   — builds the SDG-region briefings into outputs/
#   make test        — runs the test suite
# Each creates or updates the local virtual environment (.venv) first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.migstats-installed
# Official files: a mirror folder if one is set, else ../shared/data when it sits beside the checkout.
MIGSTATS_MIRROR ?= $(abspath $(wildcard ../shared/data))
export MIGSTATS_MIRROR

.PHONY: venv test briefings lint benchmarks clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check migstats tests benchmarks notebooks
	$(BIN)/python -m pytest -q

briefings: $(STAMP)
	$(BIN)/migstats briefings --all --grouping sdg --data auto --jobs 2

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/briefings.py

clean:
	rm -rf outputs .pytest_cache
