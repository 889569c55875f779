"""Baselines for meter relevance: a simple keyword match and BM25 of the need descriptions.

Keyword: does the service text contain the meter's words?

Keywords are the meter's Finnish name and the longer words of its Finnish need description, matched by
their first six letters (a crude stand-in for Finnish inflection: "asumistuki" ~ "asumistukea"). The
score per meter is the share of its keywords found, scaled so the best service of each meter gets 1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from auroranet.engine.ports import Analyzer
from auroranet.recommend.meters import FINNISH_NAMES, METER_KEYS, NEED_DESCRIPTIONS
from auroranet.recommend.need_lexical import need_lexical
from auroranet.search.lexical import LexicalIndex

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
PREFIX = 6
MIN_LEN = 5
_SKIP = frozenset({"palvelut", "palvelu", "tukea", "apua", "kanssa", "esimerkiksi", "omien", "kun"})


def _stems(text: str) -> set[str]:
    return {w[:PREFIX] for w in (m.group(0).lower() for m in _WORD.finditer(text)) if len(w) >= MIN_LEN}


def meter_keywords() -> dict[str, set[str]]:
    out = {}
    for key in METER_KEYS:
        words = _stems(FINNISH_NAMES[key]) | _stems(NEED_DESCRIPTIONS[key]["fi"])
        out[key] = {w for w in words if w not in {s[:PREFIX] for s in _SKIP}}
    return out


def keyword_relevance(texts: Sequence[str]) -> np.ndarray:
    """(n, 10) in [0, 1]: share of each meter's keyword stems present in each text, max-scaled."""
    kws = meter_keywords()
    R = np.zeros((len(texts), len(METER_KEYS)), dtype=np.float32)
    for i, text in enumerate(texts):
        stems = _stems(text)
        for m, key in enumerate(METER_KEYS):
            R[i, m] = len(stems & kws[key]) / max(len(kws[key]), 1)
    top = R.max(axis=0)
    return R / np.where(top > 0, top, 1.0)


def bm25_relevance(texts: Sequence[str], langs: Sequence[str], analyzer: Analyzer, *,
                   with_classes: bool = True) -> np.ndarray:
    """(n, 10): BM25 of each meter's need description over these texts (one document each), max-scaled.
    The same lexical channel the engine fuses into its relevance, over an index of just these texts."""
    lex = LexicalIndex.build([[(lang, text, 1.0)] for text, lang in zip(texts, langs)], analyzer)
    return need_lexical(lex, analyzer, with_classes=with_classes)


def catalogue_languages(path: Path) -> dict[str, str]:
    """Service id → its ``language`` field in a catalogue JSONL (default fi)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            out[str(obj.get("id"))] = str(obj.get("language") or "fi")
    return out
