"""Tools for the plan's editors, run as python -m verktyg.NAMN: kontrollera, arkivera, publicera."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

# Set KP_FELSOKNING=1 to see the full Python traceback of an internal error.
DEBUG_VARIABLE = "KP_FELSOKNING"


def run(main: Callable[[list[str] | None], int], argv: list[str] | None = None) -> int:
    """Run a tool and return its exit code; an unexpected error becomes one line in Swedish, not a traceback (exit code 2)."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE):
            raise
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        print(f"Internt fel i verktyget ({detail}). Kontakta den som underhåller webbplatsen och skicka med den här raden.", file=sys.stderr)
        return 2
