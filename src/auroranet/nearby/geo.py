"""Coordinates: PTV's ETRS-TM35FIN (EPSG:3067) to WGS84, checked browser coordinates and distances.

    to_wgs84("6837880", "513510")      # Point(lat=61.6739, lon=27.2552)  (northing, easting as PTV gives)
    browser_point("61.67", "27.26")    # Point or None for anything that is not a coordinate in Finland
    distance_km(a, b)                  # great-circle distance
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pyproj import Transformer

# Finland with a margin: a point outside is refused rather than measured (no service is 2,000 km away).
LAT_RANGE = (59.0, 70.5)
LON_RANGE = (19.0, 32.0)
# TM35FIN values a Finnish address can have (northing, easting); anything else is a data error.
NORTHING_RANGE = (6_500_000.0, 7_900_000.0)
EASTING_RANGE = (40_000.0, 800_000.0)
MAX_COORD_CHARS = 20


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@lru_cache(maxsize=1)
def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def _number(text: str | None) -> float | None:
    if not text or len(text) > MAX_COORD_CHARS:
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def to_wgs84(northing: str | None, easting: str | None) -> Point | None:
    """A PTV address coordinate in WGS84, or None when it is missing or outside Finland."""
    n, e = _number(northing), _number(easting)
    if n is None or e is None:
        return None
    if not (NORTHING_RANGE[0] <= n <= NORTHING_RANGE[1] and EASTING_RANGE[0] <= e <= EASTING_RANGE[1]):
        return None
    lon, lat = _transformer().transform(e, n)
    return Point(round(lat, 5), round(lon, 5))


def in_finland(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


def browser_point(lat: str | None, lon: str | None) -> Point | None:
    """Coordinates a browser sent (already rounded there to 2 decimals, about 1 km); rounded again here
    so a page never carries a finer point than that. None when not numbers or not in Finland."""
    a, b = _number(lat), _number(lon)
    if a is None or b is None or not in_finland(a, b):
        return None
    return Point(round(a, 2), round(b, 2))


def distance_km(a: Point, b: Point) -> float:
    """Haversine distance on a 6,371 km sphere (error well under 1 % at these distances)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
