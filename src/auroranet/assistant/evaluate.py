"""Intent accuracy on the held-out phrasings (``data/heldout.json``, never learnt from), per language.

    accuracy(make_embedder("hashing"))   # {"fi": {"accuracy": 0.95, "n": 75, "errors": [...]}, ...}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auroranet.assistant.intents import DATA, LANGS, IntentModel
from auroranet.engine.ports import Embedder

HELDOUT_PATH = DATA / "heldout.json"


def heldout(path: Path = HELDOUT_PATH) -> dict[str, dict[str, list[str]]]:
    items: dict[str, dict[str, list[str]]] = json.loads(path.read_text("utf-8"))["items"]
    return items


def accuracy(embedder: Embedder, path: Path = HELDOUT_PATH) -> dict[str, dict[str, Any]]:
    model = IntentModel.for_embedder(embedder)
    out: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        errors: list[tuple[str, str, str]] = []
        n = 0
        for intent, by_lang in heldout(path).items():
            for text in by_lang.get(lang, []):
                n += 1
                got = model.classify(text).name
                if got != intent:
                    errors.append((text, intent, got))
        out[lang] = {"accuracy": (n - len(errors)) / n if n else 0.0, "n": n, "errors": errors}
    return out
