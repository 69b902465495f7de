# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv and installs requirements.txt when it is missing or has changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.installed

.PHONY: run test data bench clean-venv

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py

test: $(STAMP)
	$(PY) -m pytest -q

# Rebuilds data/atlas.gpkg from the pinned sources (needs the npm registry); the result is committed.
data: $(STAMP)
	$(PY) -m geo build-data

clean-venv:
	rm -rf $(VENV)
