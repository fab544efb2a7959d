# CP Monitor: `make run` opens the dashboard on the sample data, `make test` runs every test.
# Both set up what a fresh machine lacks (virtual environment, packages, database, browser).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Loopback only; expose the dashboard through a reverse proxy (README, "Two commands").
ADDRESS ?= 127.0.0.1

.PHONY: run test benchmark screenshots sample clean

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The public edition (small counts suppressed); see README for the internal one.
run: $(VENV)/.runtime
	$(BIN)/python -m etl ensure-db
	CPM_EDITION=public $(BIN)/python -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(VENV)/.dev
	sh scripts/ensure-browser.sh
	$(BIN)/python -m pytest

benchmark: $(VENV)/.dev
	$(BIN)/python -m benchmarks

sample: $(VENV)/.runtime
	$(BIN)/python -m etl sample

clean:
	rm -rf data/raw data/cpmonitor.duckdb data/cpmonitor.duckdb.lock data/public.duckdb data/internal.duckdb
