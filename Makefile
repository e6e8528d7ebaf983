# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SEED := data/zukunftsstrategie-ludwigsburg-2025.json

.PHONY: install system-libraries run test lint format migrate seed messages clean

install: $(VENV)/.installed system-libraries

# WeasyPrint (committee papers as PDF) needs Pango from Debian's packages; install it where it is missing.
system-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

# Reinstall whenever the dependencies change.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

migrate: install
	mkdir -p var
	$(MANAGE) migrate --no-input

seed: migrate
	$(MANAGE) import_strategy $(SEED)

run: seed
	$(MANAGE) create_demo_accounts
	@echo "Das Portal läuft unter http://127.0.0.1:8000/ (Anmeldung: /konto/login/, Verwaltung: /admin/)."
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# After changing user-facing strings: update locale/de/LC_MESSAGES/django.po, translate, then compile.
messages: install
	$(MANAGE) makemessages --locale de --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --locale de --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
