# The two commands in README.md: `python3 -m pip install .` (the tool) and `make test` (everything the tests
# need, then the whole suite). `make test` runs in a virtual environment (.venv) built from the committed lock,
# requirements/test.txt, so every machine tests the versions CI tested.
PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
# Tests that need a tool from outside Python (see tests/tiers.py); `make test-fast` leaves them out.
OUTSIDE_TOOLS := libreoffice or word_validator or browser or postgresql

.PHONY: install test test-setup test-fast lock lint

install:
	$(PYTHON) -m pip install .

test-setup:
	VENV=$(VENV) PYTHON=$(PYTHON) bash scripts/test-setup.sh

test: test-setup
	$(VPY) -m pytest -n 2

# While coding: no outside tool, no set-up step (run `make test` once first to build .venv).
test-fast:
	$(VPY) -m pytest -q -n 2 -m "not ($(OUTSIDE_TOOLS))"

# Refresh the lock from pyproject.toml's ranges (newest versions that satisfy them), with hashes.
lock:
	$(VPY) -m uv pip compile pyproject.toml --extra test --extra postgres --extra dev --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command "make lock" -o requirements/test.txt

lint:
	$(VPY) -m ruff check .
