# The two commands: `make demo` and `make test`. Both install what is missing first.
VENV    ?= .venv
PY      := $(VENV)/bin/python
JPFR    := $(VENV)/bin/jpfr
STAMP   := $(VENV)/.installed-stamp
DOC     ?= ai-cooperation-2026

.PHONY: demo test setup system-deps nu-checker check-corpus bench clean

demo: setup
	$(JPFR) check
	$(JPFR) render $(DOC) --to both -o build/

test: setup
	$(PY) -m mypy
	$(PY) -m pytest -q

# An editable install is not byte-compiled (pip compiles wheels only) and a machine
# with PYTHONDONTWRITEBYTECODE never caches bytecode: every `jpfr` would compile
# the package again. compileall writes what is missing or stale, as pip does for a wheel.
setup: system-deps $(STAMP) nu-checker
	@$(PY) -m compileall -q src >/dev/null

system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[render,serve,test]'
	@touch $(STAMP)

# The W3C Nu HTML checker the tests validate our pages with: the current release from
# npm (vnu-jar), in a project-local folder, run by the system Java (scripts/system-deps.sh).
# --ignore-scripts: the package's postinstall would fetch a Java runtime we do not need.
VNU_VERSION := 26.9.27
VNU_JAR     := .tools/node_modules/vnu-jar/build/dist/vnu.jar
VNU_STAMP   := .tools/.vnu-$(VNU_VERSION)

nu-checker: $(VNU_STAMP)

$(VNU_STAMP):
	@command -v npm >/dev/null 2>&1 || { echo "make nu-checker needs npm (Debian: apt-get install npm)" >&2; exit 1; }
	npm install --prefix .tools --no-save --no-audit --no-fund --ignore-scripts --loglevel=error vnu-jar@$(VNU_VERSION)
	@test -f $(VNU_JAR)
	@touch $@

check-corpus: setup
	$(JPFR) check --format text

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf build dist .pytest_cache
