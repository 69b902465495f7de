# The two commands a newcomer needs: `make run` and `make test` (`make check` is the fast loop while editing).
# Each creates .venv and installs requirements.txt when it is missing or has changed (and the atlas itself, editable:
# `.venv/bin/atlas` and `.venv/bin/python -m atlas` then work from any folder), and installs the
# pinned browser assets (package-lock.json) that offline maps inline, from the npm registry.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.installed
ASSETS := node_modules/.package-lock.json

.PHONY: run test check lint contracts style types js fast-tests data bench clean-venv

$(STAMP): requirements.txt requirements-nodeps.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	cp requirements.txt $(STAMP)

$(ASSETS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(ASSETS)

run: $(STAMP) $(ASSETS)
	$(VENV)/bin/streamlit run app.py

# Every test (browser and slow ones too) after the code checks; CI runs this. The tests are spread over two workers
# one by one (--dist loadgroup); the app's browser tests stay together (xdist_group "app"): one app server per run.
test: $(STAMP) $(ASSETS) lint
	$(PY) -m pytest -q -n 2 --dist loadgroup

# The fast loop while editing: the code checks, and every test but the browser and slow ones, all side by side (the
# checks are mostly one process each, so they use the core the tests' start leaves idle; mypy on a fresh clone needs
# about 15 s to fill its cache).
check: $(STAMP) $(ASSETS)
	$(MAKE) --no-print-directory -j5 contracts style js types fast-tests

# The code checks: import contracts (pyproject.toml [tool.importlinter]), lint and format (ruff), types (mypy),
# and the map page's own scripts and styles (layers/web/static/): eslint, stylelint and the scripts' unit tests
# (node --test), no browser.
lint: contracts style types js

contracts: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

style: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(STAMP)
	$(VENV)/bin/mypy

# eslint and stylelint keep what they found for each file's content in node_modules/.cache (a file unchanged since is
# not read again; a change of either's config reads every file again)
js: $(ASSETS)
	npx --no-install eslint --cache --cache-strategy content --cache-location node_modules/.cache/eslint/ \
		layers/web/static atlas/component tests/js
	npx --no-install stylelint --cache --cache-strategy content --cache-location node_modules/.cache/stylelint/ \
		"layers/web/static/*.css"
	node --test tests/js

fast-tests: $(STAMP) $(ASSETS)
	$(PY) -m pytest -q -n 2 --dist loadgroup -m "not browser and not slow"

# Prints the benchmark table (export and app beside GeoDataFrame.explore(); `make data` time and memory).
BENCH_STAMP := $(VENV)/.bench-requirements.installed

$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	cp bench/requirements.txt $(BENCH_STAMP)

bench: $(STAMP) $(ASSETS) $(BENCH_STAMP)
	$(PY) bench/run.py

# Rebuilds data/atlas.gpkg from the pinned sources (needs the npm registry); the result is committed.
data: $(STAMP)
	$(PY) -m atlas build-data

clean-venv:
	rm -rf $(VENV) node_modules
