# CP Monitor: `make run` opens the public edition on the sample data, `make run-internal` the internal
# one behind sign-in, `make test` runs every test.
# Both set up what a fresh machine lacks (virtual environment, packages, database, browser).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Loopback only; expose the dashboard through a reverse proxy (README, "Two commands").
ADDRESS ?= 127.0.0.1
PROXY_PORT ?= 8080
APP_PORT ?= 8502
# Test processes (pytest-xdist); each test file runs whole in one of them, so its server and browser are shared.
TEST_JOBS ?= 2

.PHONY: run run-internal test benchmark screenshots sample clean

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

# The internal edition: Streamlit on 127.0.0.1:$(APP_PORT), Caddy asking for an account on $(PROXY_PORT).
run-internal: $(VENV)/.runtime
	sh scripts/ensure-caddy.sh
	$(BIN)/python -m etl ensure-db
	$(BIN)/python -m deploy.internal --port $(PROXY_PORT) --app-port $(APP_PORT)

test: $(VENV)/.dev
	sh scripts/ensure-browser.sh
	sh scripts/ensure-caddy.sh
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile

benchmark: $(VENV)/.dev
	$(BIN)/python -m benchmarks

sample: $(VENV)/.runtime
	$(BIN)/python -m etl sample

clean:
	rm -rf data/raw data/cpmonitor.duckdb data/cpmonitor.duckdb.lock data/public.duckdb data/internal.duckdb
