# The two commands: `make demo` and `make test`. Both install what is missing first.
VENV    ?= .venv
PY      := $(VENV)/bin/python
JPFR    := $(VENV)/bin/jpfr
STAMP   := $(VENV)/.installed-stamp
DOC     ?= ai-cooperation-2026

.PHONY: demo test setup system-deps check-corpus bench clean

demo: setup
	$(JPFR) check
	$(JPFR) render $(DOC) --to both -o build/

test: setup
	$(PY) -m pytest -q

# An editable install is not byte-compiled (pip compiles wheels only) and a machine
# with PYTHONDONTWRITEBYTECODE never caches bytecode: every `jpfr` would compile
# the package again. compileall writes what is missing or stale, as pip does for a wheel.
setup: system-deps $(STAMP)
	@$(PY) -m compileall -q src >/dev/null

system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[render,test]'
	@touch $(STAMP)

check-corpus: setup
	$(JPFR) check --format text

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf build dist .pytest_cache
