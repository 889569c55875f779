"""The catalogue-quality report for a provider: per service of the organisation, missing Swedish or
English texts, no channels, how often it was shown and clicked in the usage log's retention window (the
organisation's own services: exact counts, they describe services, not people), and the unmet needs near
the organisation's topics (searches that found nothing, grouped by their text, only texts of at least K
searches, never a single person's words).

    report = quality_report(rt, "org-id", lang="fi")
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from auroranet.catalogue.models import ServiceRecord
from auroranet.i18n import pick
from auroranet.insights.privacy import K
from auroranet.runtime import Runtime
from auroranet.usage.models import RecommendationService, Redirect, UnmetNeed

STEM = 5  # topic words and unmet-need words match on their first letters (Finnish inflects)
MAX_UNMET = 30
_WORD = re.compile(r"\w+")


@dataclass
class ServiceQuality:
    service_id: str
    name: str
    missing_sv: bool
    missing_en: bool
    no_channels: bool
    shown: int
    clicked: int

    @property
    def never_shown(self) -> bool:
        return self.shown == 0

    @property
    def never_clicked(self) -> bool:
        return self.shown > 0 and self.clicked == 0


@dataclass
class QualityReport:
    organisation: str
    services: list[ServiceQuality] = field(default_factory=list)
    unmet: list[tuple[str, int]] = field(default_factory=list)  # (text, searches >= K)


def _has_texts(svc: ServiceRecord, lang: str) -> bool:
    return bool((svc.names.get(lang) or "").strip() and ((svc.summary.get(lang) or "").strip()
                                                         or (svc.description.get(lang) or "").strip()))


def services_of(rt: Runtime, organisation: str) -> list[ServiceRecord]:
    return [s for s in rt.catalogue().services if any(o.id == organisation for o in s.organisations)]


def _stems(text: str) -> set[str]:
    return {w[:STEM] for w in _WORD.findall(text.casefold()) if len(w) >= 4 and not w.isdigit()}


def topic_stems(services: list[ServiceRecord]) -> set[str]:
    """The organisation's topics: its services' class names and keywords, in every language."""
    out: set[str] = set()
    for s in services:
        for term in s.service_classes:
            for name in term.names.values():
                out |= _stems(name)
        for words in s.keywords.values():
            for w in words:
                out |= _stems(w)
    return out


def quality_report(rt: Runtime, organisation: str, *, lang: str = "fi", k: int = K) -> QualityReport:
    services = services_of(rt, organisation)
    ids = [s.id for s in services]
    shown: dict[str, int] = {}
    clicked: dict[str, int] = {}
    with rt.db.session() as s:
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            shown.update({sid: int(n) for sid, n in s.execute(
                select(RecommendationService.service_id, func.count()).where(RecommendationService.service_id.in_(chunk))
                .group_by(RecommendationService.service_id))})
            clicked.update({sid: int(n) for sid, n in s.execute(
                select(Redirect.service_id, func.count(func.distinct(Redirect.recommendation_id)))
                .where(Redirect.service_id.in_(chunk)).group_by(Redirect.service_id))})
        texts = Counter(" ".join(_WORD.findall(t.casefold())) for t in s.scalars(
            select(UnmetNeed.text).order_by(UnmetNeed.id.desc()).limit(50_000)))
    report = QualityReport(organisation)
    for svc in sorted(services, key=lambda x: (pick(x.names, lang) or x.id).casefold()):
        report.services.append(ServiceQuality(svc.id, pick(svc.names, lang) or svc.id, not _has_texts(svc, "sv"),
                                              not _has_texts(svc, "en"), not svc.channel_ids,
                                              shown.get(svc.id, 0), clicked.get(svc.id, 0)))
    topics = topic_stems(services)
    near = [(t, n) for t, n in texts.items() if t and n >= k and _stems(t) & topics]
    report.unmet = sorted(near, key=lambda tn: (-tn[1], tn[0]))[:MAX_UNMET]
    return report
