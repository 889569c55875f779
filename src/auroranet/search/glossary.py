"""A small fi/sv/en glossary of public-service words, written for this project (``glossary.jsonl``), as
parallel units for the cross-language bridge (bridge.py).

The code lists and need descriptions name service *classes* ("Munhälsovård"), while people ask with
everyday words ("tandläkare", "dentist"); PTV's own Swedish and English texts are missing from the JSONL
catalogue. Each line is one concept: comma-separated terms in the same order in every language
(checked when read). Each line is one bridge unit, which ties a word to its concept ("depressed" →
"masennus", "mielenterveys"). No catalogue text is in the file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Mapping

GLOSSARY_PATH = Path(__file__).parent / "glossary.jsonl"
LANGS = ("fi", "sv", "en")


def parse_glossary(text: str) -> list[dict[str, str]]:
    """Parallel texts (lang → text), one per line: the whole concept, so that a Swedish or English word
        brings every Finnish word of its concept (services say "suun terveydenhuolto" more often than
        "hammaslääkäri")."""
    out: list[dict[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        obj = json.loads(line)
        terms = {lang: [t.strip() for t in str(obj[lang]).split(",") if t.strip()] for lang in LANGS}
        if len({len(v) for v in terms.values()}) != 1:
            raise ValueError(f"glossary line {lineno}: every language needs the same number of terms")
        out.append({lang: " ".join(terms[lang]) for lang in LANGS})
    return out


@lru_cache(maxsize=1)
def glossary_texts() -> tuple[Mapping[str, str], ...]:
    return tuple(parse_glossary(GLOSSARY_PATH.read_text(encoding="utf-8")))
