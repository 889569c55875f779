"""detect_text (one alternation per kind) signals exactly the kinds the per-rule path (matching_rules,
the reference) does: on every test case, every evaluation query and generated mixes of lexicon words."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auroranet.safety.detect import _ordered, detect_text, matching_rules
from auroranet.safety.lexicon import GUARDS, LEXICON

from tests.safety.test_detect import NEGATIVE, POSITIVE

_QUERIES = Path(__file__).resolve().parents[2] / "src" / "auroranet" / "evaluation" / "queries"


def _reference(text: str) -> tuple[str, ...]:
    if not text or not text.strip():
        return ()
    return _ordered({r.kind for r in matching_rules(text)})


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _corpus() -> list[str]:
    texts = [t for cases in POSITIVE.values() for t, _ in cases] + [t for ts in NEGATIVE.values() for t in ts]
    for path in sorted(_QUERIES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.extend(_strings(json.loads(line)))
    return texts


def test_corpus_is_large_and_has_positives() -> None:
    texts = _corpus()
    assert len(texts) > 500
    assert sum(1 for t in texts if _reference(t)) > 50


def test_same_kinds_on_corpus() -> None:
    for text in _corpus():
        assert detect_text(text) == _reference(text), text


# words drawn from the lexicon's own patterns, so the mixes hit rules, guards and near misses
_WORDS = sorted({w for by_lang in LEXICON.values() for terms in by_lang.values()
                 for p in terms.personal + terms.topic for w in re.findall(r"[a-z]{3,}", p)}
                | {w for ps in GUARDS.values() for p in ps for w in re.findall(r"[a-z]{3,}", p)}
                | {"minua", "mua", "me", "my", "i", "jag", "mig", "en", "ei", "enaa", "haluan", "want", "to"})


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), st.sampled_from([" ", "-", "", ", "]))
def test_same_kinds_on_generated_texts(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert detect_text(text) == _reference(text)
