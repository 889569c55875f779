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

# The demo also runs the local OpenID Connect test provider (devtools/idp) on IDP_PORT and points the
# app's login at it, and the fake population and studies registers (devtools/official/fakes.py) on
# POPULATION_PORT and STUDIES_PORT for "Fill in from official records"; all stop when the demo does. The
# demo trusts the test provider's staff-role claim (AURORA_OIDC_TRUST_PROVIDER_ROLES); production uses
# `aurora staff grant` only.
IDP_PORT ?= 9400
IDP_SECRET ?= demo-test-provider-secret-not-for-production
POPULATION_PORT ?= 9401
STUDIES_PORT ?= 9402
CONNECTED_PORT ?= 9403
OFFICIAL_TOKEN ?= demo-official-token-not-for-production
demo: install
	@node devtools/idp/server.mjs --port $(IDP_PORT) --client-id aurora-web --client-secret $(IDP_SECRET) \
	    --redirect-uri http://127.0.0.1:8000/auth/callback & IDP_PID=$$!; \
	$(PY) devtools/official/fakes.py --population-port $(POPULATION_PORT) --studies-port $(STUDIES_PORT) \
	    --token $(OFFICIAL_TOKEN) & FAKES_PID=$$!; \
	$(PY) devtools/connected/service.py --port $(CONNECTED_PORT) --aurora http://127.0.0.1:8000 & CONNECTED_PID=$$!; \
	trap 'kill $$IDP_PID $$FAKES_PID $$CONNECTED_PID 2>/dev/null' EXIT INT TERM; \
	AURORA_OIDC_ISSUER=http://127.0.0.1:$(IDP_PORT) AURORA_OIDC_CLIENT_ID=aurora-web \
	AURORA_OIDC_CLIENT_SECRET=$(IDP_SECRET) AURORA_OIDC_SCOPES="openid profile aurora_person aurora_staff" \
	AURORA_OIDC_ACR_VALUES=http://ftn.ficora.fi/2017/loa3 AURORA_OIDC_TRUST_PROVIDER_ROLES=true \
	AURORA_OFFICIAL_POPULATION_URL=http://127.0.0.1:$(POPULATION_PORT) \
	AURORA_OFFICIAL_STUDIES_URL=http://127.0.0.1:$(STUDIES_PORT) \
	AURORA_OFFICIAL_POPULATION_TOKEN=$(OFFICIAL_TOKEN) AURORA_OFFICIAL_STUDIES_TOKEN=$(OFFICIAL_TOKEN) \
	$(VENV)/bin/aurora serve --host 127.0.0.1 --port 8000

test: install
	bash scripts/test.sh

test-fast: install
	$(VENV)/bin/pytest -q -m "not slow"

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .data test-artifacts
