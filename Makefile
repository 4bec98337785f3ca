# `make run` and `make test` are all a new user needs; both set up the virtualenv first.
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: install run sqlite-only serve test bench bench-database bench-quick format

$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

install: $(INSTALLED)

# The demo site on http://127.0.0.1:8000 (or HOST and PORT), with debug on. It loads made-up
# meetings, so it refuses any database but SQLite.
run: export DJANGO_DEBUG = 1
run: sqlite-only install
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py createcachetable
	$(PYTHON) manage.py load_postcodes
	$(PYTHON) manage.py load_demo_data
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

sqlite-only:
	@case "$${DATABASE_URL:-sqlite:}" in sqlite:*) ;; *) echo "make run loads made-up demo \
	meetings and turns debugging on, so it uses SQLite only: unset DATABASE_URL, or use \
	make serve for a real database." >&2; exit 1;; esac

# Production-style: gunicorn with hashed, compressed static files. Without DJANGO_SECRET_KEY
# it uses a random key kept in .secret-key, made on first use (so staff stay signed in).
serve: export DJANGO_SECRET_KEY ?= $(shell cat .secret-key 2>/dev/null)
serve: install .secret-key
	$(PYTHON) manage.py collectstatic --no-input
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py createcachetable
	$(PYTHON) manage.py load_postcodes
	$(VENV)/bin/gunicorn -c config/gunicorn.conf.py

.secret-key:
	umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@

test: export DJANGO_SECRET_KEY = insecure-test-key
# Long and random enough for check --deploy; only ever used for that check.
DEPLOY_CHECK_KEY := deploy-check-$(shell python3 -c "import secrets; print(secrets.token_urlsafe(40))")
test: install
	$(PYTHON) manage.py check --fail-level WARNING
	DJANGO_ALLOWED_HOSTS=meetings.example.org DJANGO_SECURE_SSL_REDIRECT=1 \
	  DJANGO_HSTS_SECONDS=31536000 DJANGO_SECRET_KEY=$(DEPLOY_CHECK_KEY) \
	  $(PYTHON) manage.py check --deploy --fail-level WARNING
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

# The load benchmark: gunicorn (2 workers) driven by wrk at 500 and 50,000 meetings, on SQLite
# (bench.sqlite3) and on PostgreSQL when a server answers; writes docs/benchmarks.md.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/bench
bench: export DJANGO_SECRET_KEY = insecure-bench-key
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	DATABASE_URL=sqlite:///$(CURDIR)/bench.sqlite3 $(MAKE) --no-print-directory bench-database
	if pg_isready -q -h 127.0.0.1 -p 5432; then \
	  createdb -h 127.0.0.1 -U postgres bench 2>/dev/null; \
	  DATABASE_URL=$(BENCH_PG) $(MAKE) --no-print-directory bench-database; \
	else echo "No PostgreSQL on 127.0.0.1:5432: only SQLite measured."; fi

bench-database:
	$(PYTHON) manage.py migrate --no-input -v 0
	$(PYTHON) manage.py createcachetable
	$(PYTHON) manage.py load_postcodes
	$(PYTHON) manage.py loadbench

# Quick, in-process: seeds 20,000 meetings and times the finder's searches without a server.
bench-quick: export DJANGO_SECRET_KEY = insecure-bench-key
bench-quick: export DATABASE_URL = sqlite:///$(CURDIR)/bench.sqlite3
bench-quick: install
	$(PYTHON) manage.py migrate --no-input -v 0
	$(PYTHON) manage.py load_postcodes
	$(PYTHON) manage.py seed_bench_data
	$(PYTHON) manage.py bench

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
