# Two commands set nlpkit up on a fresh machine:  make demo  and  make test.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
NLTK_DATA ?= $(abspath ../shared/data/nltk_data)
export NLTK_DATA

.PHONY: install demo test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch 2.13.0 first: on these machines it is a local CPU wheel, while a looser range pulls GBs of CUDA.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	@bash scripts/demo.sh

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not integration"

bench: install
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@echo "see benchmarks/README.md: each benchmark is one script"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
