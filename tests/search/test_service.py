import pytest

from auroranet.catalogue.service import Batch, apply_batch
from auroranet.errors import InputError
from auroranet.runtime import Runtime
from auroranet.engine.contract import SearchQuery, ServiceFilters
from auroranet.search.service import ensure_embeddings, searchable, text_problem, text_search
from tests.search.helpers import filter_catalogue


@pytest.fixture
def runtime(settings, sqlite_db):
    with sqlite_db.session() as s:
        apply_batch(s, Batch(services=filter_catalogue()))
    return Runtime.create(settings, db=sqlite_db)


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), ("   \n\t", "empty"), ("x" * 1025, "longer than 1024"),
    ("?!?! ...", "no letters or digits"), ("🙂🙂", "no letters or digits"),
])
def test_text_search_rejects_bad_text(runtime, text, message):
    with pytest.raises(InputError, match=message):
        text_search(runtime.catalogue(), SearchQuery(text=text))


@pytest.mark.parametrize("text", ["", "   \n\t", "x" * 1025, "?!?! ...", "🙂🙂", "x" * 1024, "vuokra-asunto", "7", "ÄÖ"])
def test_searchable_is_what_text_search_accepts(runtime, text):
    """The assistant asks ``searchable`` before it searches: it must refuse exactly what the search refuses,
    with the search's own message."""
    try:
        text_search(runtime.catalogue(), SearchQuery(text=text))
        refused = None
    except InputError as exc:
        refused = str(exc)
    assert searchable(text) == (refused is None)
    assert text_problem(text) == refused


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (101, 0), (5, -1)])
def test_text_search_rejects_bad_paging(runtime, limit, offset):
    with pytest.raises(InputError):
        text_search(runtime.catalogue(), SearchQuery(text="palvelu", limit=limit, offset=offset))


def test_text_search_end_to_end(runtime):
    hits = text_search(runtime.catalogue(), SearchQuery(text="Turun", filters=ServiceFilters(include_national_services=False)))
    assert hits[0].service_id == "c-turku"
    assert "turun" in hits[0].explanation.matched_terms
    assert "a-national" not in {h.service_id for h in hits}
    # the maximum length is accepted (and finds nothing: no word of it is in the catalogue)
    assert text_search(runtime.catalogue(), SearchQuery(text="x" * 1024)) == []


def test_ensure_embeddings_counts_new_texts(runtime):
    assert ensure_embeddings(runtime.db, runtime.embedder) == 5
    assert ensure_embeddings(runtime.db, runtime.embedder) == 0


def test_nonsense_search_finds_nothing_and_records_an_unmet_need(runtime):
    """Dense retrieval used to return something for any text, so no unmet need was ever recorded."""
    from sqlalchemy import select

    from auroranet.usage.models import UnmetNeed
    from auroranet.usecases import recommend as uc
    from auroranet.usecases.caller import WEB

    answer = uc.search(runtime, SearchQuery(text="zzqxv blorf", lang="en", limit=10), caller=WEB, path="/search",
                       record_unmet=True)
    assert answer.hits == []
    with runtime.db.session() as s:
        needs = list(s.scalars(select(UnmetNeed)))
    assert len(needs) == 1 and needs[0].lang == "en"
    found = uc.search(runtime, SearchQuery(text="Oulun", limit=10), caller=WEB, path="/search", record_unmet=True)
    assert [h.service_id for h in found.hits] == ["d-oulu"]  # (c-turku is for companies: KR2)
