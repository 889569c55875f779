"""Official-data use cases, shared by every front door: fill in from a source under an explicit consent,
correct or remove a value, withdraw the consent (the values go with it), and what the assessment and the
recommender may use (only values whose consent stands).

    filled = fill(rt, subject, "population", identity_code)      # raises SourceError (page shows why)
    withdraw(rt, subject, "population")                           # values deleted, receipt kept

The source is called with no lock held and before anything is written; the consent record and the values
are then written in one transaction, so there is neither a transfer without a record nor a record of a
transfer that did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auroranet.consent import service as consent
from auroranet.consent.receipts import SELF_RECIPIENT, SELF_RECIPIENT_NAME
from auroranet.db.core import utcnow
from auroranet.errors import InputError
from auroranet.official import store
from auroranet.official.clients import population_source, studies_source
from auroranet.official.sources import INSTITUTION_TYPES, STUDY_LEVELS, SourceError, SourceName, age_on
from auroranet.official.store import Held, Value
from auroranet.official.uses import FIELD_SOURCE, STUDENT_CUE, USES
from auroranet.profile.service import touch
from auroranet.runtime import Runtime


def available(rt: Runtime) -> list[SourceName]:
    """The sources this instance is configured for (the page offers only these)."""
    st, out = rt.settings, list[SourceName]()
    if st.official_population_url:
        out.append("population")
    if st.official_studies_url:
        out.append("studies")
    return out


def lookup(rt: Runtime, source: SourceName, identity_code: str, *, today: date | None = None) -> dict[str, Value]:
    """Ask the source (the slow part; no lock, nothing written). Raises ``SourceError``."""
    today = today or utcnow().date()
    if source == "population":
        pop = population_source(rt.settings)
        if pop is None:
            raise SourceError("unavailable", "not configured")
        person = pop.person(identity_code)
        return {"age": age_on(person.birth_date, today), "municipality_code": person.municipality_code}
    stu = studies_source(rt.settings)
    if stu is None:
        raise SourceError("unavailable", "not configured")
    right = stu.study_right(identity_code)
    out: dict[str, Value] = {"study_right": right.active}
    if right.active:
        out.update(study_level=right.level, institution_type=right.institution_type)
    return out


def fill(rt: Runtime, subject: str, source: SourceName, identity_code: str) -> dict[str, Value]:
    """The person ticked the consent for this source and asked to fill in: fetch, then record the consent
    (or reuse the standing one) and store the values. Raises ``SourceError``; then nothing is written."""
    values = lookup(rt, source, identity_code)
    use = USES[source]
    with rt.writes, rt.db.session() as s:
        touch(s, subject, action=f"official_fill_{source}")
        rec = store.consent_for(s, subject, source)
        rid = rec.id if rec is not None else consent.record_transfer(
            s, recipient_id=SELF_RECIPIENT, recipient_name=SELF_RECIPIENT_NAME, data_categories=use.categories,
            subject=subject, method="web-form", purpose=use.purpose,
            expires_at=consent.standing_until(signed_in=True, token_ttl_seconds=0,
                                              standing_days=rt.settings.consent_standing_days))
        store.put(s, rt.settings, subject, source, values, rid)
    return values


def parse_value(field: str, raw: str, *, municipality: str | None = None) -> Value:
    """A person's correction, checked like the source's answer. ``municipality`` is the code the web
    form resolved from a name (None when it did not resolve). Raises ``InputError``."""
    raw = raw.strip()[:100]
    if field == "age":
        if raw.isdigit() and 0 <= int(raw) <= 120:
            return int(raw)
        raise InputError("age must be a whole number 0-120")
    if field == "municipality_code":
        if municipality:
            return municipality
        raise InputError("unknown municipality")
    if field == "study_right":
        if raw in ("yes", "no"):
            return raw == "yes"
        raise InputError("study right must be yes or no")
    allowed = {"study_level": STUDY_LEVELS, "institution_type": INSTITUTION_TYPES}.get(field)
    if allowed is not None and raw in allowed:
        return raw
    raise InputError(f"{field} cannot take that value")


def correct(rt: Runtime, subject: str, field: str, value: Value) -> bool:
    """Overwrite one held value with the person's own (marked corrected). False: no such value."""
    if field not in FIELD_SOURCE:
        return False
    with rt.writes, rt.db.session() as s:
        touch(s, subject, action="official_correct")
        return store.set_value(s, rt.settings, subject, field, value)


def remove(rt: Runtime, subject: str, field: str) -> bool:
    if field not in FIELD_SOURCE:
        return False
    with rt.writes, rt.db.session() as s:
        touch(s, subject, action="official_remove")
        return store.drop(s, subject, field=field) > 0


def withdraw(rt: Runtime, subject: str, source: SourceName) -> bool:
    """Withdraw the standing consent for this source; its values are deleted with it (consent.service).
    Values left from a lapsed consent go too. False: there was nothing to withdraw."""
    with rt.writes, rt.db.session() as s:
        rec = store.consent_for(s, subject, source)
        done = rec is not None and consent.withdraw(s, subject=subject, receipt_id=rec.id, owners=rt.consent_owners)
        dropped = store.drop(s, subject, source=source)
        if done or dropped:
            touch(s, subject, action=f"official_withdraw_{source}")
    return bool(done or dropped)


@dataclass(frozen=True)
class Overview:
    held: dict[str, Held]  # in force: field -> value
    consented: dict[str, bool]  # per source: a consent stands


def overview(rt: Runtime, subject: str) -> Overview:
    with rt.writes, rt.db.session() as s:
        touch(s, subject, action="view_official")
        return Overview(store.in_force(s, rt.settings, subject),
                        {src: store.consent_for(s, subject, src) is not None for src in USES})


@dataclass(frozen=True)
class Prefill:
    """What the assessment and the recommender may use (values whose consent stands)."""

    age: Held | None = None
    municipality: Held | None = None
    student: bool = False

    def cue(self, lang: str) -> str | None:
        """The recommender's text cue for a student (None: no standing studies consent or no study right)."""
        return STUDENT_CUE.get(lang, STUDENT_CUE["en"]) if self.student else None


def prefill(rt: Runtime, subject: str | None) -> Prefill:
    if subject is None:
        return Prefill()
    with rt.db.session() as s:
        held = store.in_force(s, rt.settings, subject)
    age, mun, right = held.get("age"), held.get("municipality_code"), held.get("study_right")
    return Prefill(age=age if age is not None and type(age.value) is int else None,
                   municipality=mun if mun is not None and isinstance(mun.value, str) else None,
                   student=right is not None and right.value is True)
