# The project's public contract: make install, make demo, make test.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
SYSTEM_PYTHON ?= python3
APT_PACKAGES := libvoikko1 voikko-fi chromium wrk
STAMP := $(VENV)/.installed

.PHONY: install system-packages demo test test-fast bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt scripts/install-system-packages.sh package.json package-lock.json
	@bash scripts/install-system-packages.sh $(APT_PACKAGES)
	@test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[test]'
	npm ci --no-audit --no-fund --silent
	mkdir -p src/auroranet/web/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/axe-core/axe.min.js \
	   node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
	   node_modules/echarts/dist/echarts.min.js \
	   src/auroranet/web/static/vendor/
	@touch $(STAMP)

demo: install
	$(VENV)/bin/aurora serve --host 127.0.0.1 --port 8000

test: install
	bash scripts/test.sh

test-fast: install
	$(VENV)/bin/pytest -q -m "not slow"

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .data test-artifacts
