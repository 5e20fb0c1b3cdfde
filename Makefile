# Två kommandon räcker: `make serve` och `make test`. Båda sätter upp .venv
# första gången och hoppar över installationen när inget har ändrats.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check publish arkivera pdf bench clean

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
	$(BIN)/ruff check macros tests verktyg bench
	$(BIN)/pytest

## Bygg den statiska webbplatsen till site/ för intranätets webbserver.
build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

## Kontrollera data/ och docs/ utan att bygga; varje fel som FIL:RAD: sökväg: meddelande.
check: $(STAMP)
	$(BIN)/python -m verktyg.kontrollera

## Bygg, kontrollera och byt ut den publicerade webbplatsen i ett enda steg: make publish DEST=/mapp/som/webbservern/visar
publish: $(STAMP)
	@test -n "$(DEST)" || { echo "Ange mappen som webbservern visar: make publish DEST=/sökväg/till/webbplatsen"; exit 2; }
	$(BIN)/python -m verktyg.publicera "$(DEST)"

## Arkivera den gällande planen innan den revideras (NAMN=... väljer ett annat namn än beslutsår-gäller till).
arkivera: $(STAMP)
	$(BIN)/python -m verktyg.arkivera $(if $(NAMN),--namn "$(NAMN)")

## Gör planen och en tom Bilaga 1 som PDF (A4, med sidnummer) i docs/pdf/; nästa bygge länkar till dem.
pdf: $(STAMP)
	$(BIN)/python -m verktyg.pdf

## Mät byggtider, tillväxt, sidvikt och Lighthouse; skriver bench/RESULTAT.md (ingen del är ett test).
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .pytest_cache
