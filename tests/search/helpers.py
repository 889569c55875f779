"""Small hand-made catalogue and code lists for search tests."""

from __future__ import annotations

from typing import Any

import numpy as np

from auroranet.catalogue.models import Area, CollectionRef, ServiceRecord, Term
from auroranet.catalogue.reference import ReferenceData
from auroranet.engine.contract import SearchQuery
from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import SearchIndex, build_index


def svc(sid: str, fi: str = "", summary: str = "", **kw: Any) -> ServiceRecord:
    names = kw.pop("names", {"fi": fi} if fi else {})
    summ = kw.pop("summary_l", {"fi": summary} if summary else {})
    return ServiceRecord(id=sid, names=names, summary=summ, **kw)


def small_index(*services: ServiceRecord) -> SearchIndex:
    """A search index over these services (hashing embedder, simple analyzer, no code lists)."""
    return build_index(list(services), [], ReferenceData(), HashingEmbedder(), SimpleAnalyzer())


def found_ids(index: SearchIndex, text: str, limit: int = 5) -> set[str]:
    """The ids ``index`` finds for ``text``."""
    return {h.service_id for h in index.search(SearchQuery(text=text, limit=limit))}


def reference() -> ReferenceData:
    """Two regions, two hospital districts, two wellbeing counties over four municipalities."""
    ref = ReferenceData()
    layout = {
        "091": ("01", "06", "91"),  # Helsinki
        "049": ("01", "06", "02"),  # Espoo
        "853": ("02", "03", "03"),  # Turku
        "564": ("17", "18", "14"),  # Oulu
    }
    for code, (region, hd, wc) in layout.items():
        ref.municipalities[code] = {"fi": code}
        ref.municipality_areas[code] = {"region": region, "hospital_district": hd, "wellbeing_county": wc}
    ref.service_classes = {
        "P1": {"parent": None, "names": {"fi": "Perheiden palvelut"}},
        "P1.1": {"parent": "P1", "names": {"fi": "Lasten päivähoito"}},
        "P2": {"parent": None, "names": {"fi": "Asuminen"}},
        "X9": {"parent": "P2", "names": {"fi": "Erikoisluokka"}},  # child only by the reference hierarchy
    }
    return ref


def filter_catalogue() -> list[ServiceRecord]:
    return [
        svc("a-national", "Kansallinen palvelu", area_type="Nationwide", funding_type="PubliclyFunded",
            target_groups=[Term(code="KR1")], languages=["fi", "sv"]),
        svc("b-helsinki", "Helsingin palvelu", municipality_codes=["091"], funding_type="MarketFunded",
            service_classes=[Term(code="P1.1")], target_groups=[Term(code="KR1.2")], languages=["fi"]),
        svc("c-turku", "Turun palvelu", areas=[Area(type="Municipality", code="853", municipality_codes=["853"])],
            service_classes=[Term(code="P2")], service_collections=[CollectionRef(id="col-1")],
            target_groups=[Term(code="KR2")], languages=["sv"]),
        svc("d-oulu", "Oulun palvelu", municipality_codes=["564"], service_classes=[Term(code="X9")],
            languages=["en"]),
        svc("e-espoo", "Espoon palvelu", municipality_codes=["049"], service_classes=[Term(code="P1")],
            area_type="LimitedType"),
        svc("f-archived", "Poistettu palvelu", area_type="Nationwide", archived=True),
    ]


class CountingEmbedder:
    """Wraps an embedder and counts the passages it is asked to embed."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = "counting-" + inner.name
        self.dim = inner.dim
        self.calls = 0
        self.texts: list[str] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)
