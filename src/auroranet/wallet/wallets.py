"""Programmes, providers, claim codes and wallets: the use cases every front door (web, CLI) calls.

    load_programme(rt, spec, actor="cli")                     # idempotent; funds the budget once
    issue_codes(rt, "nuoret-omaishoitajat", 20, actor=…)      # the codes, printed once, stored as hashes
    claim(rt, code, age=17, municipality="091", key=…)        # -> {"wallet_id": …, "wallet_code": …}
    open_for_person(rt, subject, programme_id, facts, key=…)  # a signed-in, eligible person
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auroranet.db.core import as_utc, utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.vocab import age_band
from auroranet.wallet import codes as wcodes
from auroranet.wallet.idempotency import Result, once
from auroranet.wallet.ledger import FUNDING, audit, balance, ensure, post, tx
from auroranet.wallet.models import ClaimCode, Programme, Provider, Wallet
from auroranet.wallet.programmes import ProgrammeSpec, eligible


@dataclass(frozen=True)
class Facts:
    """What a signed-in person tells to check eligibility; only the age band and municipality are kept."""

    age: int | None = None
    municipality: str | None = None
    life_event: str | None = None
    meters: dict[str, float] = field(default_factory=dict)


def spec_of(p: Programme) -> ProgrammeSpec:
    return ProgrammeSpec.model_validate(p.rules)


def load_programme(rt: Runtime, spec: ProgrammeSpec, *, actor: str) -> str:
    """Insert or update a programme; fund a new or raised budget, take back a lowered one (unallocated only)."""
    with tx(rt) as s:
        p = s.get(Programme, spec.id, with_for_update=True)
        old_budget = p.budget_cents if p is not None else 0
        if p is None:
            p = Programme(id=spec.id)
            s.add(p)
        p.organisation_id, p.names, p.rules = spec.organisation_id, spec.names.model_dump(), spec.model_dump(mode="json")
        p.budget_cents, p.amount_cents, p.wallet_days = spec.budget_cents, spec.amount_cents, spec.wallet_days
        p.valid_from, p.valid_until, p.updated_at = spec.starts(), spec.ends(), utcnow()
        s.flush()
        ensure(s, FUNDING, ("programme", spec.id))
        diff = spec.budget_cents - old_budget
        if diff:
            post(s, "fund", actor, [(FUNDING, -diff), (("programme", spec.id), diff)])
        audit(s, actor, "programme_load", spec.id, budget_cents=spec.budget_cents, change_cents=diff)
        return "new" if old_budget == 0 and diff else ("updated" if diff else "unchanged")


PROVIDER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,54}$")  # fits the clawback account's ref
MAX_PRICE = 10**7


def check_prices(prices: dict[str, object]) -> dict[str, int]:
    """A price list: service id (at most 64 characters) -> positive integer cents (at most 100 000 €)."""
    if len(prices) > 1000:
        raise InputError("at most 1000 prices")
    out: dict[str, int] = {}
    for sid, v in prices.items():
        if not isinstance(sid, str) or not 0 < len(sid) <= 64:
            raise InputError("a service id is 1-64 characters")
        if isinstance(v, bool) or not isinstance(v, int) or not 0 < v <= MAX_PRICE:
            raise InputError("prices are positive integer cents, at most 10000000")
        out[sid] = v
    return out


def register_provider(rt: Runtime, *, provider_id: str, name: str, iban: str, bic: str, prices: dict[str, int],
                      actor: str, client_id: str | None = None, scope: set[str] | None = None) -> None:
    """Register or update a participating provider. ``scope`` (the services of the caller's programmes):
    only those prices are replaced (a price missing from ``prices`` is removed), the rest are kept."""
    if not PROVIDER_ID.match(provider_id):
        raise InputError("a provider id is 1-55 letters, digits or _.:-")
    name = name.strip()
    if not 0 < len(name) <= 200:
        raise InputError("a name of 1-200 characters is required")
    if client_id is not None and len(client_id) > 36:
        raise InputError("an API client id is at most 36 characters")
    try:
        iban_n, bic_n = IBAN(iban).compact, BIC(bic).compact
    except SchwiftyException as exc:
        raise InputError(f"bank account: {exc}") from None
    clean = check_prices(dict(prices))
    if scope is not None and set(clean) - scope:
        raise InputError("a price for a service that none of your programmes pays for")
    with tx(rt) as s:
        p = s.get(Provider, provider_id, with_for_update=True)
        if p is None:
            p = Provider(id=provider_id, prices={}, active=True)
            s.add(p)
        kept = {k: v for k, v in (p.prices or {}).items() if scope is not None and k not in scope}
        changes = (p.name, p.iban, p.bic) != (name, iban_n, bic_n) or (client_id is not None and (client_id or None) != p.client_id)
        if kept and changes and p.iban:  # it serves other programmes too: its payee details are not ours to change
            raise ConflictError("the provider also serves other programmes; its name, account and client are kept")
        p.name, p.iban, p.bic, p.prices = name, iban_n, bic_n, {**kept, **clean}  # a deactivated one stays so
        if client_id is not None:
            p.client_id = client_id or None
        s.flush()
        ensure(s, ("provider", provider_id))
        audit(s, actor, "provider_register", provider_id, services=len(clean))


def providers(rt: Runtime) -> list[Provider]:
    with rt.db.session() as s:
        rows = list(s.execute(select(Provider).order_by(Provider.id)).scalars())
        s.expunge_all()
        return rows


def providers_of_client(rt: Runtime, client_id: str) -> list[str]:
    """The providers a network API client acts for (a deactivated one too: it still sees and rejects its
    orders, and is told why it cannot confirm or deliver them)."""
    with rt.db.session() as s:
        return list(s.execute(select(Provider.id).where(Provider.client_id == client_id)
                              .order_by(Provider.id)).scalars())


def services_of(rt: Runtime, programme_ids: list[str]) -> dict[str, str]:
    """service id -> category over the given programmes (what their admins may price)."""
    with rt.db.session() as s:
        out: dict[str, str] = {}
        for p in s.execute(select(Programme).where(Programme.id.in_(programme_ids))).scalars():
            out.update(spec_of(p).services)
        return out


def issue_codes(rt: Runtime, programme_id: str, count: int, *, actor: str) -> tuple[str, list[str]]:
    """A batch of single-use claim codes. Returns (batch id, codes); the codes are not stored."""
    if not 1 <= count <= wcodes.MAX_CODES:
        raise InputError(f"count must be 1..{wcodes.MAX_CODES}")
    batch = wcodes.normalise(wcodes.claim_code())[:8]
    codes = [wcodes.claim_code() for _ in range(count)]
    with tx(rt) as s:
        p = s.get(Programme, programme_id)
        if p is None:
            raise NotFoundError(f"no programme {programme_id}")
        expires = min(utcnow() + timedelta(days=spec_of(p).code_days), as_utc(p.valid_until) or utcnow())
        s.add_all(ClaimCode(code_hash=wcodes.code_hash("claim", c), programme_id=programme_id, batch=batch,
                            expires_at=expires) for c in codes)
        audit(s, actor, "codes_issue", programme_id, batch=batch, count=count)
    return batch, codes


def _grant(s: Session, p: Programme, *, owner: str | None, secret: str | None, age: int | None,
           municipality: str | None, actor: str) -> Wallet:
    now = utcnow()
    if not (as_utc(p.valid_from) or now) <= now <= (as_utc(p.valid_until) or now):
        raise ConflictError("the programme is not open now")
    w = Wallet(programme_id=p.id, owner_hash=owner, secret_hash=secret, age_band=age_band(age),
               municipality_code=municipality, status="active",
               expires_at=min(now + timedelta(days=p.wallet_days), as_utc(p.valid_until) or now))
    s.add(w)
    s.flush()
    ensure(s, ("wallet", str(w.id)), ("reserved", str(w.id)))
    post(s, "grant", actor, [(("programme", p.id), -p.amount_cents), (("wallet", str(w.id)), p.amount_cents)])
    audit(s, actor, "wallet_grant", f"wallet:{w.id}", programme=p.id, amount_cents=p.amount_cents)
    return w


def claim(rt: Runtime, code: str, *, age: int | None, municipality: str | None, key: str) -> Result:
    """Turn a claim code into an anonymous wallet. The wallet code in the answer is shown once."""
    wallet_code = wcodes.wallet_code()
    h = wcodes.code_hash("claim", code)

    def run(s: Session) -> Result:
        c = s.execute(select(ClaimCode).where(ClaimCode.code_hash == h).with_for_update()).scalar()
        if c is None or c.blocked or c.used_at is not None or (as_utc(c.expires_at) or utcnow()) < utcnow():
            raise NotFoundError("the code is not valid (unknown, used, blocked or expired)")
        p = s.get(Programme, c.programme_id, with_for_update=True)
        assert p is not None
        c.used_at = utcnow()
        w = _grant(s, p, owner=None, secret=wcodes.code_hash("wallet", wallet_code), age=age,
                   municipality=municipality, actor="person:claim")
        c.wallet_id = w.id  # so that the professional who handed it out can have the wallet blocked
        return {"wallet_id": w.id}

    result = once(rt, "claim", key, {"code": h, "age": age, "mun": municipality}, run)
    return result if result.get("replayed") else {**result, "wallet_code": wallet_code}


def open_for_person(rt: Runtime, subject: str, programme_id: str, facts: Facts, *, key: str) -> Result:
    owner = wcodes.owner_hash(subject)

    def run(s: Session) -> Result:
        p = s.get(Programme, programme_id, with_for_update=True)
        if p is None:
            raise NotFoundError(f"no programme {programme_id}")
        found = s.execute(select(Wallet.id).where(Wallet.programme_id == p.id, Wallet.owner_hash == owner)).scalar()
        if found is not None:
            return {"wallet_id": found, "existing": True}
        unmet = eligible(spec_of(p), age=facts.age, municipality=facts.municipality, life_event=facts.life_event,
                         meters=facts.meters)
        if unmet:
            raise InputError("not eligible: " + ", ".join(unmet))
        w = _grant(s, p, owner=owner, secret=None, age=facts.age, municipality=facts.municipality,
                   actor="person:signed-in")
        return {"wallet_id": w.id}

    try:
        return once(rt, f"person:{owner[:32]}", key, {"programme": programme_id, "facts": repr(facts)}, run)
    except IntegrityError:  # the same person opened it in another tab at the same moment
        raise ConflictError("a wallet was just opened for you; reload") from None


def wallet_by_code(rt: Runtime, code: str) -> int | None:
    with rt.db.session() as s:
        return s.execute(select(Wallet.id).where(Wallet.secret_hash == wcodes.code_hash("wallet", code))).scalar()


def wallets_of_person(rt: Runtime, subject: str) -> dict[str, int]:
    """programme id -> wallet id of a signed-in person."""
    with rt.db.session() as s:
        rows = s.execute(select(Wallet.programme_id, Wallet.id).where(Wallet.owner_hash == wcodes.owner_hash(subject)))
        return {r[0]: r[1] for r in rows}


def expire_wallets(rt: Runtime, now: datetime | None = None) -> dict[str, int]:
    """Job: wallets past their expiry give their unspent balance back to the programme."""
    now = now or utcnow()
    with rt.db.session() as s:
        due = list(s.execute(select(Wallet.id).where(Wallet.expires_at < now, Wallet.status != "expired")).scalars())
    returned = 0
    for wid in due:
        with tx(rt) as s:
            w = s.get(Wallet, wid, with_for_update=True)
            if w is None or w.status == "expired":
                continue
            w.status = "expired"
            left = balance(s, ("wallet", str(wid)))
            if left:
                post(s, "expire", "job", [(("wallet", str(wid)), -left), (("programme", w.programme_id), left)])
                returned += left
            audit(s, "job", "wallet_expire", f"wallet:{wid}", returned_cents=left)
    return {"expired": len(due), "returned_cents": returned}


def programme_rows(rt: Runtime) -> list[dict[str, Any]]:
    with rt.db.session() as s:
        return [{"id": p.id, "names": p.names, "budget_cents": p.budget_cents, "amount_cents": p.amount_cents,
                 "unallocated_cents": balance(s, ("programme", p.id)), "valid_until": p.valid_until}
                for p in s.execute(select(Programme).order_by(Programme.id)).scalars()]


@dataclass(frozen=True)
class Offer:
    service_id: str
    category: str
    provider_id: str
    provider_name: str
    price_cents: int
    category_names: dict[str, str]


@dataclass(frozen=True)
class Summary:
    wallet_id: int
    programme_id: str
    programme_names: dict[str, str]
    status: str
    balance_cents: int
    reserved_cents: int
    expires_at: datetime
    followup_opt_in: bool
    offers: list[Offer]


def summary(rt: Runtime, wallet_id: int) -> Summary | None:
    """What the person sees: balance, reservations, expiry and the services they can order, with prices."""
    with rt.db.session() as s:
        w = s.get(Wallet, wallet_id)
        if w is None:
            return None
        p = s.get(Programme, w.programme_id)
        assert p is not None
        spec = spec_of(p)
        services = spec.services
        offers = [Offer(sid, services[sid], prov.id, prov.name, int(price), spec.category_name(services[sid]))
                  for prov in s.execute(select(Provider).where(Provider.active.is_(True)).order_by(Provider.name)).scalars()
                  for sid, price in sorted(prov.prices.items()) if sid in services]
        return Summary(w.id, p.id, dict(p.names), w.status, balance(s, ("wallet", str(w.id))),
                       balance(s, ("reserved", str(w.id))), as_utc(w.expires_at) or utcnow(), w.followup_opt_in, offers)


def organisations(rt: Runtime) -> tuple[dict[str, str], list[str]]:
    """(programme id -> organisation id, provider ids): what back-office rights are checked against."""
    with rt.db.session() as s:
        progs = {p: o for p, o in s.execute(select(Programme.id, Programme.organisation_id))}
        return progs, list(s.execute(select(Provider.id).order_by(Provider.id)).scalars())
