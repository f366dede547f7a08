# The two commands in README.md: `make install` (the tool) and `make test` (everything the tests need, then the suite).
PYTHON ?= python3

.PHONY: install test test-setup lint

install:
	$(PYTHON) -m pip install .

test-setup:
	bash scripts/test-setup.sh

test: test-setup
	$(PYTHON) -m pytest

lint:
	ruff check .
