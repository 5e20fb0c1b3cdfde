# Två kommandon räcker: `make serve` och `make test`. Båda sätter upp .venv
# första gången och hoppar över installationen när inget har ändrats.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[test]"
	touch $(STAMP)

## Visa webbplatsen på http://127.0.0.1:8000 medan du redigerar.
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

## Kör alla tester.
test: $(STAMP)
	$(BIN)/ruff check macros tests
	$(BIN)/pytest

## Bygg den statiska webbplatsen till site/ för intranätets webbserver.
build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

clean:
	rm -rf site .pytest_cache
