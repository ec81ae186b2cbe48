# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
# Two test processes (pytest-xdist), one per core here; each has its own test database.
# A file's tests stay in one process, so module and session fixtures are built once.
# Single process: make test TEST_WORKERS=0 (or PYTEST_ARGS='-p no:xdist ...').
TEST_WORKERS ?= 2
PYTEST_ARGS ?= -n $(TEST_WORKERS) --dist loadfile

.PHONY: demo test lint typecheck pytest install clean-data system-packages-demo system-packages-test

demo: system-packages-demo $(STAMP)
	$(PY) -m iop.stack

# System packages first: a missing one stops the run at once, before the slow steps.
test: system-packages-test $(STAMP) node_modules/.installed lint typecheck pytest

system-packages-demo:
	@scripts/system-packages demo

system-packages-test:
	@scripts/system-packages test

install: $(STAMP) node_modules/.installed

$(STAMP): pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# The import contract in pyproject.toml ([tool.importlinter]); see docs/architecture.md.
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(STAMP)
	@# Settings only parse these URLs here; no server is started for type checking.
	IOP_TESTING=true DATABASE_URL=$${DATABASE_URL:-postgres://typecheck@localhost/none} REDIS_URL=$${REDIS_URL:-redis://localhost:1/0} $(VENV)/bin/mypy .

# pytest exits 5 when it collects no tests: a suite that tests nothing is a failure here.
pytest: $(STAMP) node_modules/.installed
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose."; exit 1; fi; \
	exit $$rc

clean-data:
	rm -rf .data
