"""Free-text search evaluation: our engine against BM25 alone and a keyword baseline, per language.

The query set (``queries/search_queries.jsonl``, written for this project, never taken from held-out
labels) has one line per need: the same need asked in fi, sv and en, and the rule that judges it. The
rule holds no catalogue content: it is a list of Finnish word stems (regular expressions) that a relevant
service's Finnish text contains, plus optional exclusions. A service whose *name* matches gets gain 2,
one whose summary or description matches gets gain 1. Services are judged at evaluation time, on
whatever catalogue is evaluated, so the file can be public while the catalogue is not. A need with no
rule (``"relevant": []``) is nonsense or out of scope: the right answer is no services at all.

Figures per language: nDCG@10 and recall@10 over the answerable queries whose rule selects at least one
service; "empty ok", the share of nonsense / out-of-scope queries answered with nothing; "answered",
the share of answerable queries that got at least one result.

    result = evaluate_search(index, load_queries(DEFAULT_QUERIES))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from auroranet.catalogue.models import ServiceRecord
from auroranet.engine.contract import SearchQuery
from auroranet.errors import InputError
from auroranet.evaluation.metrics import ndcg_at_k, recall_at_k
from auroranet.search.index import SearchIndex

DEFAULT_QUERIES = Path(__file__).parent / "queries" / "search_queries.jsonl"
LANGS = ("fi", "sv", "en")
K = 10
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

System = Callable[[str], list[str]]  # query text -> ranked service ids (at most K)


@dataclass(frozen=True)
class QueryNeed:
    id: str
    queries: dict[str, list[str]]  # lang -> texts
    relevant: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...] = ()

    @property
    def expects_empty(self) -> bool:
        return not self.relevant


def load_queries(path: Path) -> list[QueryNeed]:
    out: list[QueryNeed] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            qs = {lang: [v] if isinstance(v, str) else list(v) for lang, v in obj["q"].items() if lang in LANGS}
            out.append(QueryNeed(id=str(obj["id"]), queries=qs,
                                 relevant=tuple(re.compile(p) for p in obj.get("relevant", [])),
                                 exclude=tuple(re.compile(p) for p in obj.get("exclude", []))))
        except (ValueError, KeyError, TypeError, re.error) as exc:
            raise InputError(f"{path.name}:{lineno}: not a query line ({type(exc).__name__}: {exc})") from exc
    return out


def _fi_text(svc: ServiceRecord) -> tuple[str, str]:
    lang = "fi" if svc.names.get("fi") else next(iter(svc.names), "fi")
    rest = " ".join(t for t in (svc.summary.get(lang, ""), svc.description.get(lang, "")) if t)
    return svc.names.get(lang, "").lower(), rest.lower()


def judge(need: QueryNeed, services: Sequence[ServiceRecord]) -> dict[str, float]:
    """service id -> gain (2 name match, 1 text match) by the need's rule."""
    gains: dict[str, float] = {}
    for svc in services:
        name, rest = _fi_text(svc)
        if any(p.search(name) or p.search(rest) for p in need.exclude):
            continue
        if any(p.search(name) for p in need.relevant):
            gains[svc.id] = 2.0
        elif any(p.search(rest) for p in need.relevant):
            gains[svc.id] = 1.0
    return gains


# -- systems -------------------------------------------------------------------------------------


def engine_system(index: SearchIndex) -> System:
    """Search as served: the same audience rules as ``CatalogueEngine.search`` (no age; services only
    for organisations when the text asks)."""
    from auroranet.audience.infer import asks_for_organisations
    from auroranet.audience.masks import AudienceMasks
    from auroranet.safety import crisis_in_text
    from auroranet.search.service import text_search

    masks = AudienceMasks.from_services(index.services)

    def run(text: str) -> list[str]:
        allowed = masks.allowed(None, asks_for_organisations(text))
        # a crisis text searches, as served (usecases.recommend.search), for help of that kind instead
        _, refocus = crisis_in_text(text, "fi")
        q = SearchQuery(text=text, limit=K) if refocus is None else SearchQuery(text=refocus, limit=K, keywords=True)
        return [h.service_id for h in text_search(index, q, allowed=allowed)]
    return run


def bm25_system(index: SearchIndex) -> System:
    def run(text: str) -> list[str]:
        return [index.ids[d] for d, _, _ in index.lexical(text, None, None, K)]
    return run


def _prefixes(text: str, n: int = 6, min_len: int = 4) -> set[str]:
    return {w[:n] for w in (m.group(0).lower() for m in _WORD.finditer(text)) if len(w) >= min_len}


def keyword_system(services: Sequence[ServiceRecord]) -> System:
    """The query's longer words by their first six letters, in the name (2×) and the summary (1×), the
    way AuroraAI's keyword lists matched (see baselines.py); no analysis, no other language."""
    docs = [(s.id, _prefixes(" ".join(s.names.values())),
             _prefixes(" ".join([*s.summary.values(), *s.description.values()]))) for s in services]

    def run(text: str) -> list[str]:
        q = _prefixes(text)
        scored = [(2 * len(q & name) + len(q & rest), sid) for sid, name, rest in docs]
        return [sid for sc, sid in sorted((t for t in scored if t[0] > 0), key=lambda t: (-t[0], t[1]))[:K]]
    return run


# -- running ---------------------------------------------------------------------------------------


@dataclass
class LangScore:
    ndcg: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    answered: list[bool] = field(default_factory=list)
    empty_ok: list[bool] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        def mean(xs: Sequence[float | bool]) -> float:
            return round(sum(float(x) for x in xs) / len(xs), 4) if xs else 0.0
        return {"ndcg@10": mean(self.ndcg), "recall@10": mean(self.recall), "answered": mean(self.answered),
                "empty_ok": mean(self.empty_ok), "queries": len(self.ndcg), "empty_queries": len(self.empty_ok)}


def evaluate_systems(systems: dict[str, System], needs: Sequence[QueryNeed], services: Sequence[ServiceRecord]
                     ) -> dict[str, object]:
    judged = {n.id: judge(n, services) for n in needs}
    skipped = sorted(n.id for n in needs if not n.expects_empty and not judged[n.id])
    per: dict[str, dict[str, object]] = {}
    per_query: dict[str, dict[str, float]] = {}
    for name, run in systems.items():
        scores = {lang: LangScore() for lang in LANGS}
        for need in needs:
            if not need.expects_empty and not judged[need.id]:
                continue
            for lang, texts in need.queries.items():
                for text in texts:
                    ranked = run(text)[:K]
                    s = scores[lang]
                    if need.expects_empty:
                        s.empty_ok.append(not ranked)
                        continue
                    nd = ndcg_at_k(ranked, judged[need.id], K)
                    s.ndcg.append(nd)
                    s.recall.append(recall_at_k(ranked, judged[need.id], K))
                    s.answered.append(bool(ranked))
                    per_query.setdefault(f"{need.id}/{lang}", {})[name] = round(nd, 4)
        per[name] = {lang: sc.summary() for lang, sc in scores.items()}
    return {"systems": per, "skipped_no_relevant": skipped, "services": len(services), "per_query": per_query}


def evaluate_search(index: SearchIndex, needs: Sequence[QueryNeed]) -> dict[str, object]:
    systems: dict[str, System] = {"aurora": engine_system(index), "bm25": bm25_system(index),
                                  "keyword": keyword_system(index.services)}
    return evaluate_systems(systems, needs, index.services)
