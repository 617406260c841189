# Set-up and entry points. Needs only python3, make and the package registry.
# The environment (.venv) is built from requirements.lock (hashed pins) on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint clean

# run: the batch job, corpus/ -> output/
run: $(STAMP)
	$(PY) -m pipeline run corpus --out output

# test: the whole suite (ruff, then pytest); this is what .ci/run calls
test: lint
	$(PY) -m pytest

# lint: ruff only
lint: $(STAMP)
	$(PY) -m ruff check pipeline tests docs bench

# clean: remove the environment
clean:
	rm -rf $(VENV)

# the environment: exact pins + hashes from the lock, then this project editable (no deps)
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --no-deps --no-build-isolation -e .
	touch $@
