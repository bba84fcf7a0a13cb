# leadhub: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
SCALE ?= 1
SQL_DIRS := $(wildcard models macros tests/generic tests/singular analyses snapshots)
export DBT_PROFILES_DIR := $(CURDIR)
export PATH := $(BIN):$(PATH)

.PHONY: install demo test pytest lint format bench docs clean sample

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e ".[dev]"
	touch $@

profiles.yml:
	cp profiles.yml.example profiles.yml

warehouse:
	mkdir -p warehouse

# dbt parses the project once at install (and again when a project file changes): the first
# `leadhub build` (on DuckDB, the default) then reads the parsed project instead of spending ~9 s
# parsing it.
PROJECT_FILES := dbt_project.yml $(shell find models macros tests/generic tests/singular seeds snapshots analyses -type f 2>/dev/null)
target/partial_parse.msgpack: $(VENV)/.installed profiles.yml $(PROJECT_FILES)
	$(BIN)/dbt parse --quiet --target duckdb
	touch $@

install: $(VENV)/.installed profiles.yml warehouse target/partial_parse.msgpack

## demo: load data/sample into the embedded DuckDB warehouse and build it
demo: install
	$(BIN)/leadhub build data/sample/exports --target duckdb --quiet

## test: lint, then every test (pytest incl. dbt build) on DuckDB and PostgreSQL
test: install lint
	scripts/ensure-postgres.sh
	$(BIN)/pytest

pytest: install
	$(BIN)/pytest

## lint: ruff (Python) and sqlfluff with the dbt templater (SQL)
lint: install
	$(BIN)/ruff check leadhub tests
	$(BIN)/ruff format --check leadhub tests
	$(BIN)/sqlfluff lint $(SQL_DIRS) --disable-progress-bar --processes 2

format: install
	$(BIN)/ruff format leadhub tests
	$(BIN)/ruff check --fix leadhub tests
	$(BIN)/sqlfluff fix $(SQL_DIRS) --disable-progress-bar

## bench: time generate, load and dbt build at SCALE (default 1) on both targets
## (BENCH_ARGS="--targets duckdb --no-febrl --no-splink" for DuckDB alone, e.g. at SCALE=10)
BENCH_ARGS ?=
bench: install
	scripts/ensure-postgres.sh
	$(BIN)/python -m leadhub.bench --scale $(SCALE) $(BENCH_ARGS)

## sample: regenerate the committed sample (scale 0.01, seed 42)
sample: install
	$(BIN)/leadhub generate --out data/sample --scale 0.01 --seed 42

docs: install
	$(BIN)/dbt docs generate --target duckdb

clean:
	rm -rf target logs warehouse bench .pytest_cache
