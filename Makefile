# Two commands after the clone: `make run` and `make test` (see README.md).
#
# VENV picks the virtual environment (default .venv, created when missing).
# Dependencies are installed from requirements.lock: exact versions with their
# hashes, made by `make lock` (pip-tools), so every install gets the versions CI
# tested. Installing is skipped while $(VENV)/.newsbrief-installed holds a copy of
# the pyproject.toml and requirements.lock it was installed from, so a re-run
# starts at once and a change of either installs again.

VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.newsbrief-installed
LOCK := requirements.lock
# pip-tools lives in a venv of its own inside $(VENV), so it never mixes with the locked set.
TOOLS := $(VENV)/lock-tools
DEMO_DB ?= data/demo.db
DEMO_QUERY ?= flood rail

# Exit status 0 when the bot has a token, with the CLI's own rules: .env is
# read, and a variable set in the environment (even empty) wins over it.
HAS_TOKEN := import os, sys; from dotenv import dotenv_values; \
	env = {**dotenv_values(".env"), **os.environ}; \
	sys.exit(0 if (env.get("TELEGRAM_BOT_TOKEN") or "").strip() else 1)

.PHONY: run test test-fast install lock demo clean

# The bot when a token is configured, otherwise the offline demo.
run: install
	@if $(PY) -c '$(HAS_TOKEN)'; then \
		exec $(PY) -m bot run; \
	else \
		$(MAKE) --no-print-directory demo VENV='$(VENV)'; \
	fi

# What CI runs (.ci/run): lint, types, tests.
test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

# The quick loop while working: the tests not marked e2e (see README.md).
test-fast: install
	$(VENV)/bin/pytest -m "not e2e"

# The locked versions, hash-checked and without resolving anything (--no-deps),
# then newsbrief itself, editable, built with the locked setuptools.
install:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@if ! cat pyproject.toml $(LOCK) | cmp -s - $(STAMP); then \
		echo "installing the locked dependencies and newsbrief into $(VENV)"; \
		$(PY) -m pip install --require-hashes --no-deps -r $(LOCK) \
		&& $(PY) -m pip install --no-deps --no-build-isolation -e . \
		&& cat pyproject.toml $(LOCK) > $(STAMP); \
	fi

# Refresh requirements.lock: the newest releases that pyproject.toml allows
# (runtime, the test tools and the bench extra, and the build's setuptools and
# wheel), each with its hashes. Then `make test` installs them and tests them.
lock:
	@test -x $(TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(TOOLS) \
		&& $(TOOLS)/bin/pip install --quiet 'pip-tools>=7.4,<8'; }
	CUSTOM_COMPILE_COMMAND="make lock" $(TOOLS)/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe \
		--all-build-deps --extra test --extra bench --strip-extras \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

# No token, no network: store the sample articles, brief one, search them.
demo: install
	@echo "== newsbrief ingest data/  (into $(DEMO_DB))"
	@$(PY) -m bot --db $(DEMO_DB) ingest data/
	@echo "== newsbrief brief  (the first sample article)"
	@head -n 1 data/articles.jsonl | $(PY) -m bot brief -
	@echo "== newsbrief search $(DEMO_QUERY)"
	@$(PY) -m bot --db $(DEMO_DB) search $(DEMO_QUERY)
	@echo "To run the bot: cp .env.example .env, put your token from @BotFather in TELEGRAM_BOT_TOKEN, then make run again."

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
