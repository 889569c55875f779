"""A Finnish word that only a service or two use still reaches its glossary concepts (issue 10 §5): here
"rikos" is said only by a play, while the service for it says "poliisi" (glossary: "poliisi, rikos,
rikosilmoitus")."""

from __future__ import annotations

from tests.search.helpers import found_ids, small_index, svc


def test_a_rarely_used_word_also_reaches_its_concept() -> None:
    index = small_index(svc("police", "Poliisin lupapalvelut", "Poliisi neuvoo."),
                        svc("play", "Teatteriesitys", "Näytelmä kertoo, mitä rikos tekee ihmiselle."),
                        svc("school", "Koulu", "Opetus ja koulu."))
    found = found_ids(index, "rikos")
    assert "police" in found and "play" in found
    assert "school" not in found
