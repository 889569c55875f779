"""A Finnish word that only a service or two use still reaches its glossary concepts (issue 10 §5): here
"rikos" is said only by a play, while the service for it says "poliisi" (glossary: "poliisi, rikos,
rikosilmoitus")."""

from __future__ import annotations

from auroranet.catalogue.reference import ReferenceData
from auroranet.engine.contract import SearchQuery
from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import build_index
from tests.search.helpers import svc


def test_a_rarely_used_word_also_reaches_its_concept() -> None:
    index = build_index([svc("police", "Poliisin lupapalvelut", "Poliisi neuvoo."),
                         svc("play", "Teatteriesitys", "Näytelmä kertoo, mitä rikos tekee ihmiselle."),
                         svc("school", "Koulu", "Opetus ja koulu.")],
                        [], ReferenceData(), HashingEmbedder(), SimpleAnalyzer())
    found = [h.service_id for h in index.search(SearchQuery(text="rikos", limit=5))]
    assert "police" in found and "play" in found
    assert "school" not in found
