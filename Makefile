# Two commands for learners and instructors:
#   make lab    - set up .venv (once) and open JupyterLab on the course
#   make test   - set up .venv (once, with the test tools) and run every test (lint, unit, property,
#                 docstring examples, strict nbval, browser)
# Other targets: make notebooks (re-execute and normalise the stored notebooks), make bench.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Two stamps: a learner's `make lab` installs what the notebooks need; the test tools (pytest,
# hypothesis, ruff, playwright, ...) come only with `make test` and the other developer targets.
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test
PORT   ?= 8888
# Jupyter refuses to run as root unless told; only add the flag when we are root (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# make test is deterministic for everyone (learners, forks, CI): hypothesis derandomised. make unit
# keeps random examples, to find new cases while editing helpers (tests/conftest.py has both profiles).
PYTEST_STRICT := --nbval --nbval-current-env --nbval-sanitize-with .nbval-sanitize.cfg --hypothesis-profile=ci

.PHONY: install lab test unit nbval lint notebooks bench links test-colab print-colab-python clean \
	student-edition grade grade-solutions site hub-test

# Everything: the course and the test tools (nbval-matrix and the developer targets use it).
install: $(TEST_STAMP)

# The stamps make the bootstrap idempotent: a second run reinstalls nothing unless a
# requirements file or pyproject.toml changed.
$(LAB_STAMP): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; run: make PYTHON=python3.12 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): $(LAB_STAMP) requirements-test.txt requirements-site.txt
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-test.txt -r requirements-site.txt -c constraints.txt
	touch $@

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) --ServerApp.root_dir=notebooks $(ROOT_FLAG) \
		--LabApp.default_url=/lab/tree/01_differentiation.ipynb

# Lint (ruff, mypy), then unit/property tests, the docstring examples of helpers/, and strict nbval on every notebook.
test: $(TEST_STAMP)
	$(BIN)/ruff check helpers tests tools benchmarks notebooks grading site
	$(BIN)/ruff format --check helpers tests tools benchmarks notebooks grading site
	$(BIN)/mypy helpers
	MPLBACKEND=Agg $(BIN)/python -m pytest \
		--cov=helpers --cov-report=term --cov-fail-under=90 --doctest-modules $(PYTEST_STRICT) \
		tests helpers notebooks

# The same notebooks and tests under Colab's versions (Python 3.13, numpy 2.1, ipywidgets 7.7.1):
# the stored outputs must pass strict nbval there too. Needs a Python 3.13 (found on PATH or in pyenv).
COLAB_PY ?= $(firstword $(foreach p,python3.13 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13),$(if $(shell $(p) -c 'import sys; print(sys.version_info[:2] == (3, 13))' 2>/dev/null | grep True),$(p))))
COLAB_VENV := .venv-colab

$(COLAB_VENV)/.installed: requirements-colab.txt pyproject.toml
	@test -n "$(COLAB_PY)" || { echo "test-colab needs Python 3.13 (set COLAB_PY=/path/to/python3.13)"; exit 1; }
	test -x $(COLAB_VENV)/bin/python || $(COLAB_PY) -m venv $(COLAB_VENV)
	$(COLAB_VENV)/bin/python -m pip install --quiet -r requirements-colab.txt
	$(COLAB_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

print-colab-python:
	@echo $(COLAB_PY)

test-colab: $(COLAB_VENV)/.installed
	MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1 $(COLAB_VENV)/bin/python -m pytest -q -p no:cacheprovider \
		--doctest-modules $(PYTEST_STRICT) \
		--ignore=tests/test_setup_files.py --ignore=tests/test_browser.py tests helpers notebooks

# Unit and property tests and docstring examples only (quick, while editing helpers): no browser, no nbval.
unit: $(TEST_STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q -m "not browser" --doctest-modules tests helpers

# Strict nbval only.
nbval: $(TEST_STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q $(PYTEST_STRICT) notebooks

lint: $(TEST_STAMP)
	$(BIN)/ruff check helpers tests tools benchmarks notebooks grading site
	$(BIN)/ruff format --check helpers tests tools benchmarks notebooks grading site
	$(BIN)/mypy helpers

# The only way notebooks get their stored outputs: a fresh kernel each, then normalised.
# NB=notebooks/03_gradient_vectors.ipynb runs just one.
NB ?= notebooks/*.ipynb
notebooks: $(TEST_STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NB)

# Re-point every launch link (README, notebooks) to a fork: make links REPO=owner/name BRANCH=main
links: $(TEST_STAMP)
	$(BIN)/python tools/links.py set $(REPO) $(if $(BRANCH),--branch $(BRANCH),)

bench: $(TEST_STAMP)
	MPLBACKEND=Agg $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .coverage .ruff_cache site/_build

# For a class (docs/grading.md). The class's copy of the course, without solutions, as a git repository,
# in both editions (notebooks/ and the Korean notebooks/ko/; EDITIONS=ko for the Korean one only):
#   make student-edition OUT=../gd-course-class [REPO=owner/name] [EDITIONS="en ko"]
student-edition: $(LAB_STAMP)
	@test -n "$(OUT)" || { echo "usage: make student-edition OUT=/folder/outside/the/repo [REPO=owner/name] [EDITIONS=ko]"; exit 2; }
	$(BIN)/python tools/student_edition.py $(OUT) --git $(if $(REPO),--repo $(REPO),) $(if $(EDITIONS),--editions $(EDITIONS),)

# Grade submitted notebooks (one folder per student), of either edition (notebooks/ or the Korean
# notebooks/ko/, graded alike): make grade SUBMISSIONS=submissions/ [RESULTS=...] [TIMEOUT=300] [JOBS=2]
RESULTS ?= build/results/results.csv
TIMEOUT ?= 300
JOBS    ?= 1
grade: $(LAB_STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder-per-student [RESULTS=build/results/results.csv]"; exit 2; }
	$(BIN)/python tools/grade.py $(SUBMISSIONS) --out $(RESULTS) --timeout $(TIMEOUT) --jobs $(JOBS)

# The hidden tests against the course's own solutions, in both editions (the students "solutions" and
# "solutions-ko"; exit 1 unless every exercise is correct in each). JOBS=2 grades the two at once.
grade-solutions: $(LAB_STAMP)
	$(BIN)/python tools/grade.py --solutions --out build/grade-solutions/results.csv --jobs $(JOBS)

# The course as a website in site/_build/html, from the notebooks' stored outputs (nothing is
# executed, nothing fetched from the web); any warning fails it. docs/website.md says more.
site: $(TEST_STAMP)
	$(BIN)/python tools/build_site.py

# A class on a real JupyterHub on 127.0.0.1: STUDENTS students open the nbgitpuller link, pull the
# course from a local git server and run notebook 01; prints per-student memory and CPU (docs/instructors.md).
STUDENTS ?= 10
hub-test: $(TEST_STAMP)
	$(BIN)/python tools/hub_test.py --students $(STUDENTS)
