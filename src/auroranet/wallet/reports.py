"""For the payer: spending by category, area and age band, and the impact follow-up, as aggregates in
which every group counts at least ``k`` distinct wallets (AURORA_WALLET_K_MIN, 10); smaller groups are
left out and counted as suppressed, never shown.

Impact: a person may opt in (nothing pre-ticked) to keep their 3X10D answers with the wallet (``before``)
and, some weeks after the first delivered order, answer again (``after``). The report shows per meter
the mean before and after over the wallets that have both, when at least ``k`` do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from auroranet.db.core import as_utc, utcnow
from auroranet.errors import ConflictError, InputError
from auroranet.runtime import Runtime
from auroranet.vocab import METER_KEYS
from auroranet.wallet.ledger import audit, tx
from auroranet.wallet.models import Assessment, Order, Wallet

DIMENSIONS = {"category": Order.category, "area": Wallet.municipality_code, "age_band": Wallet.age_band}


@dataclass(frozen=True)
class Group:
    key: str
    wallets: int
    orders: int
    amount_cents: int


@dataclass(frozen=True)
class Spending:
    dimension: str
    groups: list[Group]
    suppressed: int  # groups left out for having fewer than k wallets


@dataclass(frozen=True)
class Impact:
    wallets: int
    shown: bool
    meters: list[tuple[str, float, float]]  # (meter, mean before, mean after)


def spending(rt: Runtime, dimension: str, programme_id: str | None = None) -> Spending:
    if dimension not in DIMENSIONS:
        raise InputError(f"dimension is one of {sorted(DIMENSIONS)}")
    col = DIMENSIONS[dimension]
    q = (select(col, func.count(func.distinct(Order.wallet_id)), func.count(Order.id), func.sum(Order.amount_cents))
         .join(Wallet, Wallet.id == Order.wallet_id).where(Order.status == "delivered").group_by(col))
    if programme_id:
        q = q.where(Wallet.programme_id == programme_id)
    k = rt.settings.wallet_k_min
    with rt.db.session() as s:
        rows = s.execute(q).all()
    shown = [Group(str(r[0] or "-"), int(r[1]), int(r[2]), int(r[3] or 0)) for r in rows if int(r[1]) >= k]
    return Spending(dimension, sorted(shown, key=lambda g: -g.amount_cents), len(rows) - len(shown))


def record(rt: Runtime, wallet_id: int, phase: str, meters: dict[str, float]) -> None:
    """Keep one opt-in assessment. ``after`` needs a ``before`` and the follow-up to be due."""
    if phase not in ("before", "after"):
        raise InputError("phase is before or after")
    clean = {k: float(v) for k, v in meters.items() if k in METER_KEYS and 0 <= float(v) <= 10}
    if not clean:
        raise InputError("no 3X10D answers to keep")
    with tx(rt) as s:
        w = s.get(Wallet, wallet_id, with_for_update=True)
        if w is None or not w.followup_opt_in:
            raise ConflictError("the follow-up was not chosen for this wallet")
        have = {a.phase: a for a in s.execute(select(Assessment).where(Assessment.wallet_id == wallet_id)).scalars()}
        if phase == "after" and ("before" not in have or not followup_due(rt, wallet_id)):
            raise ConflictError("the follow-up is not due yet")
        if phase in have:
            have[phase].meters = clean
        else:
            s.add(Assessment(wallet_id=wallet_id, phase=phase, meters=clean))
        audit(s, f"person:wallet:{wallet_id}", f"assessment_{phase}", f"wallet:{wallet_id}")


def opt_in(rt: Runtime, wallet_id: int, chosen: bool) -> None:
    with tx(rt) as s:
        w = s.get(Wallet, wallet_id, with_for_update=True)
        if w is None:
            raise ConflictError("no such wallet")
        w.followup_opt_in = chosen
        if not chosen:  # withdrawing deletes what was kept
            for a in s.execute(select(Assessment).where(Assessment.wallet_id == wallet_id)).scalars():
                s.delete(a)
        audit(s, f"person:wallet:{wallet_id}", "followup_opt_in" if chosen else "followup_opt_out", f"wallet:{wallet_id}")


def followup_due(rt: Runtime, wallet_id: int) -> bool:
    with rt.db.session() as s:
        first = s.execute(select(func.min(Order.delivered_at)).where(Order.wallet_id == wallet_id,
                                                                     Order.status == "delivered")).scalar()
    return first is not None and (as_utc(first) or utcnow()) + timedelta(weeks=rt.settings.wallet_followup_weeks) <= utcnow()


def phases(rt: Runtime, wallet_id: int) -> set[str]:
    with rt.db.session() as s:
        return set(s.execute(select(Assessment.phase).where(Assessment.wallet_id == wallet_id)).scalars())


def impact(rt: Runtime, programme_id: str | None = None) -> Impact:
    q = select(Assessment.wallet_id, Assessment.phase, Assessment.meters).join(Wallet, Wallet.id == Assessment.wallet_id)
    if programme_id:
        q = q.where(Wallet.programme_id == programme_id)
    with rt.db.session() as s:
        by_wallet: dict[int, dict[str, dict[str, float]]] = {}
        for wid, phase, meters in s.execute(q):
            by_wallet.setdefault(wid, {})[phase] = meters
    pairs = [v for v in by_wallet.values() if "before" in v and "after" in v]
    if len(pairs) < rt.settings.wallet_k_min:
        return Impact(len(pairs), False, [])
    out = []
    for m in METER_KEYS:
        both = [(p["before"][m], p["after"][m]) for p in pairs if m in p["before"] and m in p["after"]]
        if len(both) >= rt.settings.wallet_k_min:
            out.append((m, round(sum(b for b, _ in both) / len(both), 2), round(sum(a for _, a in both) / len(both), 2)))
    return Impact(len(pairs), True, out)
