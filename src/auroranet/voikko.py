"""Voikko (Finnish morphology, Debian ``libvoikko`` + ``voikko-fi``) behind one small thread-safe handle.

A Voikko handle must not be used by two threads at once, so every analysis runs under the handle's lock.

    FinnishMorphology().analyze("Oulussa")   # [{"BASEFORM": "Oulu", "STRUCTURE": "=ippp", ...}]
    shared_morphology()                       # one lazily opened handle per process, None without Voikko
"""

from __future__ import annotations

import threading
from typing import Any


class FinnishMorphology:
    """One open Voikko handle. Raises (ImportError, OSError, …) when libvoikko or its dictionary is missing."""

    def __init__(self) -> None:
        import libvoikko

        self._handle: Any = libvoikko.Voikko("fi")
        self._lock = threading.Lock()

    def analyze(self, word: str) -> list[dict[str, str]]:
        with self._lock:
            analyses: list[dict[str, str]] = self._handle.analyze(word)
        return analyses


_shared: FinnishMorphology | None = None
_shared_tried = False
_shared_lock = threading.Lock()


def shared_morphology() -> FinnishMorphology | None:
    """The process's shared handle, opened on first use; None when Voikko cannot be loaded."""
    global _shared, _shared_tried
    with _shared_lock:
        if not _shared_tried:
            _shared_tried = True
            try:
                _shared = FinnishMorphology()
            except Exception:  # noqa: BLE001 - any load failure means "no Voikko"
                _shared = None
    return _shared
