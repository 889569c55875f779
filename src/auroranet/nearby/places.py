"""Where channels are, and where a typed place is, from the catalogue's own channel addresses.

Postal code and municipality centroids are the mean of the service addresses there (the shipped code
lists carry no coordinates, and no geocoding service is called at run time). A street address is found
only when a channel in the catalogue has that street (and number); otherwise the postal code or the
municipality in the text is used, and the place says how precise it is.

    places = Places.build(cat.channels.values(), cat.reference.municipalities)
    places.locate("Maaherrankatu 9, 50100 Mikkeli")   # Place(point, kind="street", label="Maaherrankatu 9")
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from auroranet.catalogue.models import Address, ChannelRecord
from auroranet.catalogue.municipality_names import resolve_municipality
from auroranet.nearby.geo import Point, to_wgs84

MAX_PLACE_CHARS = 120
Kind = Literal["street", "postal", "municipality"]
_POSTAL = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_STREET = re.compile(r"^\s*([^\d,]+?)\s+(\d+)")


@dataclass(frozen=True)
class Place:
    point: Point
    kind: Kind      # how precise: a known street address, a postal code's or a municipality's centre
    label: str      # what was found, to show back ("00100", "Mikkeli", "Maaherrankatu 9")
    names: Mapping[str, str] = field(default_factory=dict, hash=False)  # a municipality's name by language ("S:t Michel")

    def shown(self, lang: str) -> str:
        """The label in the page's language (a municipality by its Swedish name on a Swedish page)."""
        return self.names.get(lang) or self.label


def _mean(points: list[Point]) -> Point:
    return Point(round(sum(p.lat for p in points) / len(points), 5),
                 round(sum(p.lon for p in points) / len(points), 5))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class Places:
    channels: dict[str, Point] = field(default_factory=dict)
    postal: dict[str, Point] = field(default_factory=dict)
    municipality: dict[str, Point] = field(default_factory=dict)
    streets: dict[tuple[str, str], Point] = field(default_factory=dict)   # (street, number)
    street_names: dict[str, Point] = field(default_factory=dict)
    municipality_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, channels: Iterable[ChannelRecord], municipality_names: Mapping[str, Mapping[str, str]]) -> Places:
        by_postal: dict[str, list[Point]] = defaultdict(list)
        by_mun: dict[str, list[Point]] = defaultdict(list)
        by_street: dict[str, list[Point]] = defaultdict(list)
        out = cls(municipality_names=municipality_names)
        for ch in channels:
            for addr in sorted(ch.addresses, key=lambda a: a.type != "Location"):
                p = to_wgs84(addr.latitude, addr.longitude)
                if p is None:
                    continue
                out.channels.setdefault(ch.id, p)
                _index(addr, p, by_postal, by_mun, by_street, out.streets)
        out.postal = {k: _mean(v) for k, v in by_postal.items()}
        out.municipality = {k: _mean(v) for k, v in by_mun.items()}
        out.street_names = {k: _mean(v) for k, v in by_street.items()}
        return out

    def locate(self, text: str) -> Place | None:
        """The place ``text`` names, or None when the catalogue cannot place it (or it is too long)."""
        text = text.strip()
        if not text or len(text) > MAX_PLACE_CHARS:
            return None
        postal = _POSTAL.search(text)
        street = _STREET.match(text)
        if street:
            name, number = _norm(street.group(1)), street.group(2)
            exact = self.streets.get((name, number))
            if exact is not None:
                return Place(exact, "street", f"{street.group(1).strip()} {number}")
        if postal and postal.group(1) in self.postal:
            return Place(self.postal[postal.group(1)], "postal", postal.group(1))
        for part in [text, *reversed(re.split(r"[,\d]+", text))]:
            code = resolve_municipality(self.municipality_names, part.strip()) if part.strip() else None
            if code is not None and code in self.municipality:
                return Place(self.municipality[code], "municipality", _name(self.municipality_names, code),
                             dict(self.municipality_names.get(code, {})))
        if street and _norm(street.group(1)) in self.street_names:
            return Place(self.street_names[_norm(street.group(1))], "street", street.group(1).strip())
        return None


def _name(names: Mapping[str, Mapping[str, str]], code: str) -> str:
    n = names.get(code, {})
    return n.get("fi") or next(iter(n.values()), code)


def _index(addr: Address, p: Point, by_postal: dict[str, list[Point]], by_mun: dict[str, list[Point]],
           by_street: dict[str, list[Point]], streets: dict[tuple[str, str], Point]) -> None:
    if addr.postal_code:
        by_postal[addr.postal_code].append(p)
    if addr.municipality_code:
        by_mun[addr.municipality_code].append(p)
    for name in set(addr.street.values()):
        key = _norm(name)
        if key:
            by_street[key].append(p)
            if addr.street_number:
                streets.setdefault((key, addr.street_number.strip().lower()), p)
