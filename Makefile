# Two commands a new machine needs (see README): `make demo` and `make test`.
# Both create .venv with the system's python3 (3.11+) on first use and are idempotent:
# the venv is reinstalled only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STRONG := examples/minsoc-priokskaya
WEAK   := examples/zarechensk-admin

.PHONY: demo test docs evidence fuzz bench bench-text bench-evidence bench-pages venv check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ccaudit needs Python 3.11 or newer; found " + sys.version.split()[0])'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed-run

venv: $(VENV)/.installed-test

## demo: set up and audit the bundled strong example (star table in the terminal)
demo: $(VENV)/.installed-run
	$(BIN)/ccaudit audit $(STRONG)

## test: set up and run the whole suite: the import-layer contract, ruff, then pytest
test: $(VENV)/.installed-test
	$(BIN)/lint-imports
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/python -m pytest

## docs: regenerate docs/rules.md, docs/declaration-reference.md and docs/evidence-format.md from the packs, schemas and contracts
docs: $(VENV)/.installed-run
	$(BIN)/python tools/gen_docs.py

## fuzz: 10,000 generated declarations, evidence files and texts each; none may end in anything but a result or a clean exit 2
fuzz: $(VENV)/.installed-test
	CCAUDIT_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz

## evidence: regenerate the seeded evidence logs of both examples (tools/gen_evidence.py; a test checks they are current)
evidence: $(VENV)/.installed-run
	$(BIN)/python tools/gen_evidence.py

## bench: audit speed on synthetic repositories of 100–3000 points of contact (takes a few minutes)
bench: $(VENV)/.installed-run
	$(BIN)/python benchmarks/audit_scale.py

## bench-text: Russian text analysis speed on 1 M words of the Standard's documents (about a minute)
bench-text: $(VENV)/.installed-run
	$(BIN)/python benchmarks/text.py

## bench-pages: saved-page parsing speed on 70 KB and 700 KB pages, next to BeautifulSoup's parsers (under a minute)
bench-pages: $(VENV)/.installed-run
	$(BIN)/python benchmarks/pages.py

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	touch $@

## bench-evidence: evidence loading and section 6 indicators at 1 M and 10 M rows, ccaudit against DuckDB (about 5 minutes)
bench-evidence: $(VENV)/.installed-run $(VENV)/.installed-bench
	$(BIN)/python benchmarks/evidence.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
