# Two commands do all the set-up on a fresh Debian machine with python3 and make:
#   make run   start the app on the sample documents with the default project
#   make test  run the whole test suite on Qt's offscreen platform
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
QUALITY_STAMP := $(VENV)/.installed-quality

.PHONY: run test lint bench bench-team screenshot quality monkey clean translations

$(PY):
	@bash scripts/system-deps.sh offscreen
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "annotator needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(QUALITY_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[quality]'
	@touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(STAMP)

run: $(STAMP)
	@bash scripts/system-deps.sh $(if $(DISPLAY)$(WAYLAND_DISPLAY),window,offscreen)
	@if [ -z "$(DISPLAY)$(WAYLAND_DISPLAY)$(QT_QPA_PLATFORM)" ]; then \
	  echo "No display: set DISPLAY (or QT_QPA_PLATFORM=offscreen to run without a screen)." >&2; exit 1; fi
	$(VENV)/bin/annotator gui

test: $(TEST_STAMP)
	@bash scripts/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m ruff check $(wildcard src tests benchmarks scripts)

lint: $(TEST_STAMP)
	$(PY) -m ruff check $(wildcard src tests benchmarks scripts)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

# Twenty annotators, a curator and a listener on one throwaway local team server for 60 s (benchmarks/RESULTS.md).
bench-team: $(TEST_STAMP)
	@bash scripts/system-deps.sh test
	$(PY) benchmarks/team_load.py $(BENCH_ARGS)

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshot.py

# The French interface: pyside6-lupdate gathers the marked strings (tr_ / QT_TR_NOOP, context "", and the
# "Accessibility" context) into the .ts source, keeping the translations; pyside6-lrelease compiles the .qm
# the package ships. Translate new strings in the .ts (Qt Linguist: pyside6-linguist), then run this again.
TS_FILES = $(wildcard src/annotator/resources/translations/*.ts)
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -tr-function-alias QT_TR_NOOP+=tr_ -locations none -no-obsolete \
	  $$(find src/annotator/ui -name '*.py' | sort) -ts $(TS_FILES)
	for ts in $(TS_FILES); do $(VENV)/bin/pyside6-lrelease $$ts -qm $${ts%.ts}.qm; done

quality: $(STAMP) $(QUALITY_STAMP)
	$(PY) scripts/suggestion_quality.py
	$(PY) benchmarks/learning_curve.py

# Long random-action runs of the real window with the command line writing to the same project, e.g.
#   make monkey SEEDS=1-20 ACTIONS=3000 MONKEY_ARGS="--hostile"
SEEDS ?= 1-20
ACTIONS ?= 3000
monkey: $(TEST_STAMP)
	@bash scripts/system-deps.sh offscreen
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.monkey --seeds $(SEEDS) --actions $(ACTIONS) $(MONKEY_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
