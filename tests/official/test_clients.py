"""The HTTP clients against the fake registers over real HTTP: answers, and every failure a source can
have (down, slow, 404, malformed, too large, refused) as a SourceError of the right kind."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from auroranet.config import Settings
from auroranet.official.clients import HttpPopulationRegister, HttpStudiesRegister
from auroranet.official.sources import SourceError, age_on
from devtools.official.fakes import free_port
from tests.official.conftest import TOKEN, Fakes

MAIJA, MATTI, SANNA = "120485-900X", "300904A9015", "050162-902N"


def _pop(fakes: Fakes, *, token: str | None = TOKEN, timeout: float = 2.0, url: str | None = None) -> HttpPopulationRegister:
    return HttpPopulationRegister(url or fakes.pop_server.url, token, timeout=timeout, max_bytes=64 * 1024)


def _stu(fakes: Fakes) -> HttpStudiesRegister:
    return HttpStudiesRegister(fakes.stu_server.url, TOKEN, timeout=2.0, max_bytes=64 * 1024)


def test_population_register_answers_for_the_test_persons(fakes: Fakes) -> None:
    maija = _pop(fakes).person(MAIJA)
    assert (maija.birth_date, maija.municipality_code) == (date(1985, 4, 12), "091")
    assert _pop(fakes).person(SANNA).municipality_code == "049"
    assert fakes.population.calls == 2


def test_studies_register_answers_for_the_test_persons(fakes: Fakes) -> None:
    matti = _stu(fakes).study_right(MATTI)
    assert matti.active and matti.level == "higher_education"
    assert matti.institution_type == "university_of_applied_sciences"
    assert not _stu(fakes).study_right(MAIJA).active


def test_age_from_birth_date() -> None:
    assert age_on(date(1985, 4, 12), date(2026, 4, 11)) == 40
    assert age_on(date(1985, 4, 12), date(2026, 4, 12)) == 41


def test_unknown_person_is_not_found(fakes: Fakes) -> None:
    with pytest.raises(SourceError) as err:
        _pop(fakes).person("010101-123N")
    assert err.value.kind == "not_found"


def test_provider_down_is_unavailable(fakes: Fakes) -> None:
    with pytest.raises(SourceError) as err:
        _pop(fakes, url=f"http://127.0.0.1:{free_port()}").person(MAIJA)  # nothing listens there
    assert err.value.kind == "unavailable"
    fakes.population.mode = "down"
    with pytest.raises(SourceError) as err:
        _pop(fakes).person(MAIJA)
    assert err.value.kind == "unavailable"


def test_slow_provider_times_out(fakes: Fakes) -> None:
    fakes.population.mode = "slow"
    with pytest.raises(SourceError) as err:
        _pop(fakes, timeout=0.3).person(MAIJA)
    assert err.value.kind == "timeout"


@pytest.mark.parametrize("mode", ["malformed", "huge"])
def test_malformed_or_oversized_answer(fakes: Fakes, mode: str) -> None:
    fakes.population.mode = mode
    with pytest.raises(SourceError) as err:
        _pop(fakes).person(MAIJA)
    assert err.value.kind == "malformed"


def test_wrong_token_is_refused(fakes: Fakes) -> None:
    with pytest.raises(SourceError) as err:
        _pop(fakes, token="wrong").person(MAIJA)
    assert err.value.kind == "refused"


@pytest.mark.parametrize("url", ["http://registry.example.fi", "ftp://127.0.0.1", "https://u:p@x.fi",
                                 "https://x.fi/?a=1"])
def test_settings_refuse_unsafe_source_urls(url: str) -> None:
    with pytest.raises(ValidationError):
        Settings(official_population_url=url)


def test_settings_accept_https_and_loopback() -> None:
    assert Settings(official_studies_url="https://opinnot.example.fi/api/").official_studies_url == \
        "https://opinnot.example.fi/api"
    assert Settings(official_population_url="http://127.0.0.1:9401").official_population_url
