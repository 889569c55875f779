"""The v1 answer encoded from per-snapshot templates (api/v1_encoded.py) is byte for byte the JSON of the
objects render_answer builds: every service, channel, signed link, session id and transfer flag."""

from __future__ import annotations

import orjson

from auroranet.api.v1_encoded import encode_v1
from auroranet.api.v1_format import render_answer
from auroranet.engine.contract import RecommendQuery, SearchQuery
from auroranet.usecases import recommend as uc
from auroranet.usecases.caller import Caller
from auroranet.usecases.links import tracking_key


def _same(rt, answer, session_id: str, base_url: str = "https://aurora.example") -> None:  # noqa: ANN001
    key = tracking_key(rt)
    objects = render_answer(answer, base_url=base_url, key=key, session_id=session_id,
                            explanations=False, lang="fi")
    want = orjson.dumps({"recommended_services": objects, "auroraai_recommendation_id": answer.recommendation_id})
    assert (b"session_id=" in want) == bool(session_id and answer.hits)  # EChannel links carry it
    assert b"&sig=" in want or not answer.hits
    for _ in range(2):  # the template built, then reused
        assert encode_v1(answer, base_url=base_url, key=key, session_id=session_id) == want


def test_encoded_v1_answer_is_the_rendered_objects(rt):
    caller = Caller(None, "api_v1")
    answer = uc.recommend(rt, RecommendQuery(meters={"housing": 1.0, "finance": 3.0}, limit=10), caller=caller,
                          path="/x", session_id="s-1")
    assert len(answer.hits) >= 5 and answer.channels
    answer.transfer[next(iter(answer.channels))] = True  # a receiving service on one channel
    _same(rt, answer, "s-1")
    _same(rt, answer, "")
    found = uc.search(rt, SearchQuery(text="asunto", limit=10), caller=caller, path="/x")
    assert found.hits
    _same(rt, found, "")
    empty = uc.search(rt, SearchQuery(text="asunto", limit=10), caller=caller, path="/x", nothing_to_search=True)
    assert not empty.hits
    _same(rt, empty, "")


def test_encoded_links_are_the_tracking_urls_for_any_base_and_session(rt):
    """The encoded links are joined from escaped pieces (links.link_head / link_middle / link_tail): a base
    URL with a trailing slash or a path, and a session id that must be URL-encoded, give the same bytes."""
    caller = Caller(None, "api_v1")
    answer = uc.recommend(rt, RecommendQuery(meters={"housing": 1.0, "finance": 3.0}, limit=10), caller=caller,
                          path="/x", session_id="s 1&ä=\\\"")
    assert answer.hits
    for base in ("https://aurora.example/", "https://aurora.example/palvelu/", "", "/", 'https://a.example/"\\'):
        _same(rt, answer, 's 1&ä="\\', base_url=base)
