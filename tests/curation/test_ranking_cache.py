"""Curations with the ranking-result cache on (the default): a pin or hide added after a query was
cached applies to the very next answer for that query, on SQLite and PostgreSQL."""

from __future__ import annotations

from auroranet.curation import service as cur
from auroranet.identity.principal import Principal, Role
from auroranet.recommend.engine import CatalogueEngine
from auroranet.runtime import Runtime
from tests.curation.conftest import HOBBIES_TAMPERE, TAMPERE
from tests.curation.test_service import _recommend, draft

ADMIN = Principal("adm", "staff", roles=(Role("admin", "national"),))


def test_curation_changes_apply_to_a_cached_ranking(rt: Runtime) -> None:
    assert isinstance(rt.engine, CatalogueEngine) and rt.engine.results.size > 0
    before = [h.service_id for h in _recommend(rt, TAMPERE).hits]
    assert [h.service_id for h in _recommend(rt, TAMPERE).hits] == before
    hits_so_far = rt.engine.results.hits
    assert hits_so_far >= 1  # the second answer's ranking came from the cache
    victim = before[0]
    cur.add(rt, ADMIN, draft(action="hide", service_id=victim, area="county:08"))
    hidden = [h.service_id for h in _recommend(rt, TAMPERE).hits]
    assert rt.engine.results.hits > hits_so_far  # still from the cache, with the curation applied after
    assert victim not in hidden
    cur.add(rt, ADMIN, draft(action="pin", service_id=HOBBIES_TAMPERE))
    assert _recommend(rt, TAMPERE).hits[0].service_id == HOBBIES_TAMPERE
