# The portal's everyday commands. `make run` serves the demo; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test test-browser bench lint format messages check ci clean backup restore

# Compiled translations: rebuilt when a catalogue is newer than its .mo (or the .mo is missing).
# partners/country_names/ holds the country names in Kyrgyz generated from CLDR (manage.py country_names).
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po partners/country_names/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

%.mo: %.po
	@if command -v msgfmt >/dev/null; then msgfmt --check-format -o $@ $<; \
	else echo "msgfmt not found (apt-get install gettext): $@ not compiled, the portal shows English text"; fi

# --- background jobs (issue 9): `make run` and `make serve` start the worker (manage.py db_worker) beside the
# server. It runs in a session of its own, so Ctrl+C reaches only the server; when the server stops, for any
# reason, the worker gets one SIGTERM, finishes the job it is running and stops. No --reload: the autoreloader
# would kill a running job on every code change (restart `make run` to give the worker new code).
WORKER_ARGS ?= --no-reload
define with_worker
	@bash -c 'setsid $(PY) manage.py db_worker $(WORKER_ARGS) & worker=$$!; \
	stop_worker() { kill -TERM $$worker 2>/dev/null && wait $$worker; }; \
	trap stop_worker EXIT; trap "exit 130" INT TERM; \
	$(1)'
endef
# --- end background jobs

## run: install, migrate, load the demo content and serve the portal on 127.0.0.1:$(PORT), with a job worker
run: $(VENV)/.runtime $(MO_FILES)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(call with_worker,$(PY) manage.py runserver 127.0.0.1:$(PORT))

## serve: the production-like server (gunicorn with gunicorn.conf.py, two workers) on the same port, with a job worker
serve: $(VENV)/.runtime $(MO_FILES)
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(call with_worker,GUNICORN_BIND=127.0.0.1:$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} $(VENV)/bin/gunicorn -c gunicorn.conf.py)

## test: the whole test suite (on PostgreSQL when DATABASE_URL is set)
test: $(VENV)/.dev $(MO_FILES)
	$(PY) -m pytest $(PYTEST_ARGS)

## test-browser: only the Playwright tests (Debian's Chromium)
test-browser: $(VENV)/.dev $(MO_FILES)
	$(PY) -m pytest tests/browser -m browser $(PYTEST_ARGS)

## bench: benchmarks at the scale the issues name (PostgreSQL; see README); BENCH=tests/bench/test_soak.py runs one file
BENCH ?= tests/bench
bench: $(VENV)/.dev
	$(PY) -m pytest $(BENCH) -m bench -p no:randomly -s $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh the translation catalogues (and the generated country names) and compile them
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages --locale ru --locale en --locale ky --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(PY) manage.py country_names --language ky
	$(PY) manage.py compilemessages --ignore '.venv/*'

check: $(VENV)/.dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## ci: what CI runs, from setting up Chromium and PostgreSQL to the suite on SQLite and PostgreSQL
ci:
	CI=true bash .ci/run

clean:
	rm -rf $(VENV) var/static

# --- Operations (issue 9): backups and the restore drill (see README, "Backups") ---
## backup: pg_dump of the database and an archive of the uploads, named by date, into BACKUP_DIR
backup: $(VENV)/.runtime
	$(PY) manage.py backup_portal

## restore: FILE=var/backups/portal-….dump restores a backup into an EMPTY database and media folder
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/portal-YYYYMMDD-HHMMSS.dump"; exit 2; }
	$(PY) manage.py restore_portal "$(FILE)"
