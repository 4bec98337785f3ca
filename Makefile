# `make run` and `make test` are all a new user needs; both set up the virtualenv first.
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: install run serve test bench format

$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

install: $(INSTALLED)

# The demo site on http://127.0.0.1:8000, with debug on.
run: export DJANGO_DEBUG = 1
run: install
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py createcachetable
	$(PYTHON) manage.py load_postcodes
	$(PYTHON) manage.py load_demo_data
	$(PYTHON) manage.py runserver 127.0.0.1:8000

# Production-style: gunicorn with hashed, compressed static files.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (and DATABASE_URL for PostgreSQL).
serve: install
	$(PYTHON) manage.py collectstatic --no-input
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py createcachetable
	$(PYTHON) manage.py load_postcodes
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:8000 --workers 3

test: export DJANGO_SECRET_KEY = insecure-test-key
test: install
	$(PYTHON) manage.py check --fail-level WARNING
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

# Seeds 20,000 meetings into bench.sqlite3 (or DATABASE_URL) and times the finder's searches.
bench: export DJANGO_SECRET_KEY = insecure-bench-key
bench: export DATABASE_URL ?= sqlite:///$(CURDIR)/bench.sqlite3
bench: install
	$(PYTHON) manage.py migrate --no-input -v 0
	$(PYTHON) manage.py load_postcodes
	$(PYTHON) manage.py seed_bench_data
	$(PYTHON) manage.py bench

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
