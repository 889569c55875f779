"""The results and search pages' filter form (GET parameters, so Back and bookmarks keep them): parsed
and capped here, applied by the shared use case (usecases/refine.py).

    form = parse_refine(request.query_params, places, lang)
    form.refine          # Refine for the use case (None point unless a place or browser point was given)
    form.errors          # {"place": "…"}: shown in the error summary, the page answers 400
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from auroranet.nearby.geo import Point, browser_point
from auroranet.nearby.places import MAX_PLACE_CHARS, Place, Places
from auroranet.usecases.refine import MAX_KM_CHOICES, MODES, Mode, Refine

FIELDS = ("free", "mode", "svc_lang", "anon", "place", "lat", "lon", "km", "sort")
MAX_PARAM_CHARS = 200


@dataclass
class RefineForm:
    refine: Refine = field(default_factory=Refine)
    values: dict[str, str] = field(default_factory=dict)
    modes: list[str] = field(default_factory=list)
    place: Place | None = None
    browser: bool = False   # the point came from the browser's location
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.refine != Refine()

    @property
    def count(self) -> int:
        """How many choices narrow or order the results (shown on the closed filter box)."""
        r = self.refine
        return (int(r.free) + len(r.modes) + int(r.language is not None) + int(r.anonymous)
                + int(r.max_km is not None) + int(r.by_distance) + int(r.origin is not None and not r.by_distance
                                                                       and r.max_km is None))

    def query(self) -> list[tuple[str, str]]:
        """The form's parameters to carry on links (language switch, back to results)."""
        out = [(k, v) for k, v in self.values.items() if v and k != "mode"]
        return out + [("mode", m) for m in self.modes]


def _get(params: Mapping[str, str], key: str) -> str:
    return (params.get(key) or "")[:MAX_PARAM_CHARS + 1]


def parse_refine(params: Mapping[str, str], modes: list[str], places: Places | None, languages: list[str],
                 tr: Callable[..., str]) -> RefineForm:
    """``modes`` are the repeated ``mode`` values; ``tr`` translates an error key (the page's t)."""
    form = RefineForm(values={k: _get(params, k).strip() for k in FIELDS if k != "mode"})
    v = form.values
    chosen: list[Mode] = [m for m in MODES if m in modes]
    form.modes = list(chosen)
    if any(m not in MODES for m in modes[:10]) or len(modes) > 10:
        form.errors["mode"] = tr("refine_bad")
    lang = v["svc_lang"] if v["svc_lang"] in languages else None
    if v["svc_lang"] and lang is None:
        form.errors["svc_lang"] = tr("refine_bad")
    km: int | None = None
    if v["km"]:
        km = int(v["km"]) if v["km"].isdigit() and int(v["km"]) in MAX_KM_CHOICES else None
        if km is None:
            form.errors["km"] = tr("refine_bad")
    origin: Point | None = None
    if v["lat"] or v["lon"]:
        origin = browser_point(v["lat"], v["lon"])
        if origin is None:
            form.errors["lat"] = tr("refine_bad_point")
        else:
            form.browser = True
            v["lat"], v["lon"] = f"{origin.lat:.2f}", f"{origin.lon:.2f}"
    elif v["place"]:
        if len(v["place"]) > MAX_PLACE_CHARS:
            form.errors["place"] = tr("refine_place_long", n=MAX_PLACE_CHARS)
            v["place"] = v["place"][:MAX_PLACE_CHARS]
        else:
            form.place = places.locate(v["place"]) if places is not None else None
            if form.place is None:
                form.errors["place"] = tr("refine_place_unknown")
            else:
                origin = form.place.point
    if (km or v["sort"] == "distance") and origin is None and not form.errors:
        form.errors["place"] = tr("refine_need_place")
    if v["sort"] not in ("", "distance"):
        form.errors["sort"] = tr("refine_bad")
    form.refine = Refine(free=v["free"] == "1", modes=frozenset(chosen), language=lang, anonymous=v["anon"] == "1",
                         origin=origin, max_km=km if origin is not None else None,
                         by_distance=v["sort"] == "distance" and origin is not None)
    return form


def with_refine(base: str, form: RefineForm) -> str:
    """``base`` (a path with or without a query) with the form's parameters added."""
    extra = urlencode(form.query())
    if not extra:
        return base
    return base + ("&" if "?" in base else "?") + extra
