# Two commands do all set-up on a fresh machine:
#   make briefings   — builds the SDG-region briefings into outputs/
#   make test        — runs the test suite
# Each creates or updates the local virtual environment (.venv) first, from the lock file of the exact
# versions the tests pass with (requirements.lock; `make lock` refreshes it from pyproject.toml).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.migstats-installed
# Official files: a mirror folder if one is set, else ../shared/data when it sits beside the checkout.
MIGSTATS_MIRROR ?= $(abspath $(wildcard ../shared/data))
export MIGSTATS_MIRROR

.PHONY: venv test briefings lint benchmarks lock clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || { echo "Creating $(VENV)…"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the locked dependencies into $(VENV) (the first run takes a few minutes)…"
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --compile-bytecode --python $(BIN)/python -r requirements.lock \
	  || $(BIN)/python -m pip install --progress-bar on -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@# Bytecode compiled now, as pip does for what it installs: processes (each briefing kernel among them)
	@# then import migstats without compiling it, also where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q migstats >/dev/null
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check migstats tests benchmarks notebooks
	$(BIN)/python -m pytest -q

briefings: $(STAMP)
	$(BIN)/migstats briefings --all --grouping sdg --jobs 2

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/briefings.py

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra dask -o requirements.lock

clean:
	rm -rf outputs .pytest_cache
