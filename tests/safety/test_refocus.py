"""After a crisis text the search looks for the help that fits (issue 10: results after a crisis text)."""

from auroranet.engine.contract import SearchQuery
from auroranet.live import LiveSnapshot
from auroranet.recommend.engine import CatalogueEngine
from auroranet.safety import search_text_after_crisis
from auroranet.safety.lexicon import KINDS
from auroranet.safety.refocus import SEARCH_FOR, refocus_text
from tests.recommend.helpers import make_index, snapshot_for

ROWS = [
    ("guard", "Edunvalvojan vapauttaminen tehtävästään, jos et halua enää olla edunvalvoja", (), True, ""),
    ("mental", "Mielenterveyspalvelut ja kriisiapu, keskusteluapu ja psykiatrinen päivystys", (), True, ""),
    ("shelter", "Turvakoti lähisuhdeväkivallan uhreille", (), True, ""),
    ("flat", "Kaupungin vuokra-asunnot", (), True, ""),
]


def test_every_kind_has_search_words_and_plain_texts_none():
    assert set(SEARCH_FOR) == set(KINDS)
    assert search_text_after_crisis("vuokra-asunto Turusta") is None and refocus_text(()) is None


def test_crisis_text_finds_mental_health_help_not_its_own_words(sqlite_db):
    engine = CatalogueEngine(LiveSnapshot(lambda: snapshot_for(sqlite_db, make_index(ROWS)), lambda: 1))

    def top(text, keywords=False):
        return [h.service_id for h in engine.search(SearchQuery(text=text, limit=2, keywords=keywords))]

    # the words alone do not find the help ("enää" is a function word now, so not even the guard's
    # "et halua enää" is met: "halua" alone of two content words is no evidence)
    assert "mental" not in top("en halua enää elää")
    for text in ("en halua enää elää", "I want to kill myself", "jag vill ta livet av mig"):
        assert top(search_text_after_crisis(text), keywords=True)[0] == "mental"
    violence = search_text_after_crisis("mieheni lyö minua")
    assert top(violence, keywords=True)[0] == "shelter"
    # read as a sentence, six search words with unknown ones need four matches: nothing would follow the
    # urgent help; as the keyword list it is, any known word is evidence
    assert top(violence) == []
