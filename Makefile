# Clausier — `make run` serves on http://127.0.0.1:8000, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck bench install install-dev migration docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,parquet]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# `serve` migrates and loads the built-in data itself before listening. `make run` is the single-user install of
# this machine: the pages opened on it (127.0.0.1 only) are this user's, as an officer (dossiers, imports,
# follow-up); set CLAUSIER_LOCAL_OFFICER to another login, or CLAUSIER_TRUSTED_USER_HEADER behind a proxy.
CLAUSIER_LOCAL_OFFICER ?= $(shell id -un)
run: install
	CLAUSIER_LOCAL_OFFICER='$(CLAUSIER_LOCAL_OFFICER)' $(BIN)/clausier serve

test: install-dev
	$(BIN)/ruff check app tests scripts
	$(BIN)/mypy
	$(BIN)/clausier clauses validate clauses/
	$(BIN)/clausier families validate families/
	$(BIN)/clausier obligations validate obligations/
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check app tests scripts
	$(BIN)/mypy

bench: install-dev
	@for script in scripts/bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# A new Alembic revision after a model change: make migration NAME=what_changed (see scripts/new_migration.py).
migration: install
	$(BIN)/python scripts/new_migration.py $(NAME)

docs: install-dev
	$(BIN)/python scripts/make_docs.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
