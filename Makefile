# Vox: `make run` serves the app with demo data; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app
STAMP := $(VENV)/.installed-stamp
MO := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/*.po))

.PHONY: run test lint setup bench clean

run: setup
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) speech generate
	$(FLASK) run --host 127.0.0.1 --port 5000

test: setup
	bash tests/run.sh

lint: setup
	$(VENV)/bin/ruff check .

setup: $(STAMP) $(MO)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(VENV)/bin/pybabel --quiet compile -i $< -o $@

clean:
	rm -rf $(VENV) instance/vox.sqlite test-output
