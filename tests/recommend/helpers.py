"""Small invented catalogues for recommender tests (hashing embedder, simple analyzer)."""

from __future__ import annotations

from typing import Any

from auroranet.recommend.snapshot import EngineSnapshot

from auroranet.catalogue.models import AREA_LIMITED, AREA_NATIONWIDE, ServiceRecord, Term
from auroranet.catalogue.reference import ReferenceData
from auroranet.search.analysis import make_analyzer
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import SearchIndex, build_index

# (id, Finnish name + summary, target groups, national, municipality)
SERVICES: list[tuple[str, str, tuple[str, ...], bool, str]] = [
    ("h1", "Vuokra-asunnot ja asunnon haku kaupungin vuokra-asunto", ("KR1",), True, ""),
    ("h2", "Asumistuki ja asumisneuvonta vuokra-asunto", ("KR1",), True, ""),
    ("h3", "Opiskelija-asunto nuorten asunnot vuokra-asunto", ("KR1", "KR1.3"), False, "853"),
    ("h4", "Palveluasuminen ikäihmisille asunto", ("KR1", "KR1.1"), True, ""),
    ("f1", "Toimeentulotuki raha-asiat velkaneuvonta", ("KR1",), True, ""),
    ("f2", "Talous- ja velkaneuvonta velkajärjestely raha-asiat", ("KR1",), True, ""),
    ("f3", "Yritysten rahoitus ja lainat yrityksille raha-asiat", ("KR2",), True, ""),
    ("f4", "Viranomaisten maksuliikenne raha-asiat", ("KR3",), True, ""),
    ("w1", "Työnhaku TE-palvelut työpaikat työllisyyspalvelut", ("KR1",), True, ""),
    ("w2", "Ammatillinen koulutus opiskelupaikka opintojen ohjaus", ("KR1", "KR1.3"), True, ""),
    ("g1", "Kirjasto lainaus ja lukeminen", (), True, ""),
    ("g2", "Jätehuolto ja kierrätys", (), True, ""),
]


def service(sid: str, text: str, groups: tuple[str, ...] = (), national: bool = True, muni: str = "") -> ServiceRecord:
    name, _, summary = text.partition(" ")
    return ServiceRecord(
        id=sid, names={"fi": text}, summary={"fi": text},
        target_groups=[Term(code=g, names={"fi": g}) for g in groups],
        area_type=AREA_NATIONWIDE if national else AREA_LIMITED,
        municipality_codes=[muni] if muni else [],
    )


def make_index(rows: list[tuple[str, str, tuple[str, ...], bool, str]] | None = None, **kw: Any) -> SearchIndex:
    recs = [service(*r) for r in (rows or SERVICES)]
    return build_index(recs, [], ReferenceData(), HashingEmbedder(), make_analyzer("simple"), **kw)


def snapshot_for(db: Any, index: SearchIndex, models_dir: Any = None) -> EngineSnapshot:
    """An engine snapshot over a prebuilt index, with the labels, relevance model and reranker the store
    holds now (build a new one after changing them, as the live catalogue does)."""
    from pathlib import Path

    from auroranet.recommend import relevance as rel
    from auroranet.recommend.labels import load_labels
    from auroranet.recommend.snapshot import _active_reranker

    with db.session() as s:
        labels = load_labels(s)
    saved = rel.load_latest(Path(models_dir) / "relevance", embedder=index.embedder.name,
                            dim=int(index.vectors.shape[1])) if models_dir else None
    return EngineSnapshot(index=index, labels=labels, saved_relevance=saved, reranker=_active_reranker(db))
