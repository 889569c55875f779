"""Near me: ETRS-TM35FIN → WGS84, checked browser points, distances and typed places from channel addresses."""

from __future__ import annotations

import pytest

from auroranet.catalogue.models import Address, ChannelRecord
from auroranet.nearby.geo import Point, browser_point, distance_km, to_wgs84
from auroranet.nearby.places import Places

MUNICIPALITIES = {"491": {"fi": "Mikkeli", "sv": "S:t Michel"}, "091": {"fi": "Helsinki", "sv": "Helsingfors"}}


def test_tm35fin_to_wgs84() -> None:
    # Mikkeli, Maaherrankatu 9 in PTV: N 6837880, E 513510; Helsinki Senate Square about N 6672600, E 386300
    mikkeli = to_wgs84("6837880", "513510")
    assert mikkeli is not None and abs(mikkeli.lat - 61.6739) < 1e-3 and abs(mikkeli.lon - 27.2552) < 1e-3
    helsinki = to_wgs84("6672600", "386300")
    assert helsinki is not None and abs(helsinki.lat - 60.17) < 0.01 and abs(helsinki.lon - 24.95) < 0.01
    # the haversine agrees with the ellipsoid (pyproj.Geod, 208.64 km) and with the plane TM35FIN distance
    # (hypot of the differences, 208.57 km) to well under 1 %
    assert abs(distance_km(mikkeli, helsinki) - 208.6) < 1.0


@pytest.mark.parametrize(("n", "e"), [(None, "1"), ("", ""), ("abc", "513510"), ("nan", "513510"),
                                      ("6837880", "inf"), ("1", "2"), ("6837880" * 5, "513510"), ("6837880", "-5")])
def test_bad_ptv_coordinates_are_dropped(n: str | None, e: str) -> None:
    assert to_wgs84(n, e) is None


@pytest.mark.parametrize(("lat", "lon", "expected"), [
    ("61.6739", "27.2552", Point(61.67, 27.26)),     # rounded to about a kilometre
    ("60,17", "24,94", Point(60.17, 24.94)),
    ("48.85", "2.35", None),                          # Paris: not in Finland
    ("abc", "24", None), ("1e999", "24", None), ("", "24", None), ("61" * 30, "24", None),
])
def test_browser_points(lat: str, lon: str, expected: Point | None) -> None:
    assert browser_point(lat, lon) == expected


def _channel(cid: str, street: str, number: str, postal: str, mun: str, n: str, e: str) -> ChannelRecord:
    return ChannelRecord(id=cid, type="ServiceLocation", addresses=[Address(
        street={"fi": street}, street_number=number, postal_code=postal, municipality_code=mun,
        latitude=n, longitude=e)])


PLACES = Places.build([
    _channel("a", "Maaherrankatu", "9", "50100", "491", "6837880", "513510"),
    _channel("b", "Porrassalmenkatu", "21", "50100", "491", "6838080", "513910"),
    _channel("c", "Mannerheimintie", "1", "00100", "091", "6672600", "386300"),
    _channel("d", "Nowhere", "1", "00100", "091", "bad", "bad"),
], MUNICIPALITIES)


def test_places_from_channel_addresses() -> None:
    assert set(PLACES.channels) == {"a", "b", "c"}
    street = PLACES.locate("Maaherrankatu 9, 50100 Mikkeli")
    assert street is not None and street.kind == "street" and street.point == PLACES.channels["a"]
    postal = PLACES.locate("50100")
    assert postal is not None and postal.kind == "postal"
    # the postal code's centre is between its two addresses
    assert PLACES.channels["a"].lat < postal.point.lat < PLACES.channels["b"].lat
    unknown_street = PLACES.locate("Tuntematonkatu 5, 00100")
    assert unknown_street is not None and unknown_street.kind == "postal" and unknown_street.label == "00100"
    town = PLACES.locate("Helsingfors")
    assert town is not None and town.kind == "municipality" and town.label == "Helsinki"
    assert PLACES.locate("Kauppakatu 1, Mikkeli") is not None


@pytest.mark.parametrize("text", ["", "   ", "99999", "Atlantis", "x" * 121, "<script>", "00100" * 40])
def test_unknown_or_long_places(text: str) -> None:
    assert PLACES.locate(text) is None
