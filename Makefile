# The two commands: `make run` and `make test`. Everything else here serves them.
VENV      := .venv
PYTHON    := $(VENV)/bin/python
NONPRO    := $(VENV)/bin/nonpro
AXE       := .cache/npm/node_modules/axe-core/axe.min.js
AXE_PIN   := axe-core@4.11.0

.PHONY: run demo test install install-test lint typecheck pytest docs serve setup clean

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

install: $(PYTHON)
	$(PYTHON) -m pip install --quiet -e .

install-test: $(PYTHON)
	$(PYTHON) -m pip install --quiet -e ".[test]"

# Migrate the embedded database, load reference data and the local lists (NONPRO_LISTS_DIR,
# ../shared/data/lists when it exists), make sure an administrator exists.
setup: install
	$(NONPRO) db upgrade
	$(NONPRO) reference load
	$(NONPRO) lists load --skip-if-unset
	$(NONPRO) users ensure-admin

run: setup
	$(NONPRO) serve

# The demonstration: `make run` plus the official treaty status pages, the missile-program
# data and the eight demo cases from ../shared/data.
SHARED_DATA := ../shared/data
demo: setup
	$(NONPRO) treaties load $(SHARED_DATA)/treaties/untc
	$(NONPRO) treaties load $(SHARED_DATA)/treaties/unoda
	$(NONPRO) programs load $(SHARED_DATA)/missiles
	$(NONPRO) cases load-demo $(SHARED_DATA)/demo/cases.json
	$(NONPRO) serve

$(AXE):
	npm install --prefix .cache/npm --no-save --no-audit --no-fund --silent $(AXE_PIN)

lint: install-test
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: install-test
	$(VENV)/bin/mypy

# One worker per core: the suite's slow parts (live servers, browsers, sweeps) overlap. COLUMNS
# fixes the width Rich lays output out to, so a run here reads what a run in CI reads.
pytest: install-test $(AXE)
	COLUMNS=80 $(VENV)/bin/pytest -n auto --durations=20

test: lint typecheck pytest

docs: install
	$(PYTHON) -m nonpro.cli.reference_docs > docs/reference/cli.md
	$(PYTHON) -m nonpro.api.reference_docs > docs/reference/api.md
	$(PYTHON) -m nonpro.controls.verification_docs > docs/reference/annex-verification.md

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache site
