"""Monthly settlement: one reimbursement per provider for the delivered orders not yet settled, as a
CSV and as an ISO 20022 pain.001.001.03 credit-transfer file (built by ``sepaxml``, validated against
the XSD it ships; IBANs and BICs checked with ``schwifty``).

    batch = settle(rt, "2026-11", actor="cli")    # idempotent: a month settles once per provider
    write_files(rt, batch, out_dir)              # settlement-2026-11.csv, settlement-2026-11.pain001.xml

Settling month M takes every delivered, unflagged, unblocked, undisputed and unsettled order delivered
before the end of M (a late or just-cleared order rolls into the next batch) and posts provider →
external:payouts. What the provider owes back for refunds after an earlier settlement (the account
``external:clawback:<provider>``, refunds.py) is netted off: the journal posts provider −captured,
clawback +netted, payouts +(captured − netted); a clawback larger than the month's captures carries over
to the next batch. A line whose payout nets to zero stays in the CSV and is left out of the pain.001.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from schwifty import BIC, IBAN
from sepaxml import SepaTransfer
from sqlalchemy import exists, func, select

from auroranet.errors import InputError
from auroranet.runtime import Runtime
from auroranet.wallet.ledger import PAYOUTS, Leg, audit, balance, ensure, post, tx
from auroranet.wallet.models import Dispute, Order, Provider, Settlement
from auroranet.wallet.refunds import clawback_account

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Line:
    provider_id: str
    name: str
    iban: str
    bic: str
    orders: int
    amount_cents: int  # paid out
    settlement_id: int
    clawback_cents: int = 0  # netted off: refunds of orders settled earlier


@dataclass(frozen=True)
class Batch:
    month: str
    lines: list[Line]

    @property
    def total_cents(self) -> int:
        return sum(x.amount_cents for x in self.lines)

    @property
    def payable(self) -> list[Line]:
        return [x for x in self.lines if x.amount_cents > 0]


def month_end(month: str) -> datetime:
    m = MONTH.match(month)
    if not m:
        raise InputError("month is YYYY-MM")
    y, mo = int(m.group(1)), int(m.group(2))
    return datetime(y + (mo == 12), mo % 12 + 1, 1, tzinfo=timezone.utc)


def settle(rt: Runtime, month: str, *, actor: str) -> Batch:
    end = month_end(month)
    with tx(rt) as s:
        ensure(s, PAYOUTS)
        for prov in s.execute(select(Provider).order_by(Provider.id)).scalars():
            if s.execute(select(Settlement.id).where(Settlement.month == month,
                                                     Settlement.provider_id == prov.id)).first():
                continue
            disputed = exists().where(Dispute.order_id == Order.id, Dispute.status == "open")
            orders = list(s.execute(select(Order).where(
                Order.provider_id == prov.id, Order.status == "delivered", Order.flagged.is_(False),
                Order.blocked.is_(False), ~disputed, Order.settlement_id.is_(None), Order.delivered_at < end)
                .with_for_update()).scalars())
            total = sum(o.amount_cents for o in orders)
            if not orders:
                continue
            netted = max(0, min(total, -balance(s, clawback_account(prov.id))))
            legs: list[Leg] = [(("provider", prov.id), -total)]
            if netted > 0:
                legs.append((clawback_account(prov.id), netted))
            if total - netted > 0:
                legs.append((PAYOUTS, total - netted))
            j = post(s, "settle", actor, legs)
            st = Settlement(month=month, provider_id=prov.id, amount_cents=total - netted, clawback_cents=netted,
                            orders=len(orders), journal_id=j.id)
            s.add(st)
            s.flush()
            for o in orders:
                o.settlement_id = st.id
            audit(s, actor, "settle", prov.id, month=month, amount_cents=total - netted, clawback_cents=netted,
                  orders=len(orders))
    return batch_of(rt, month)


def batch_of(rt: Runtime, month: str) -> Batch:
    month_end(month)
    with rt.db.session() as s:
        rows = s.execute(select(Settlement, Provider).join(Provider, Provider.id == Settlement.provider_id)
                         .where(Settlement.month == month).order_by(Provider.id)).all()
        return Batch(month, [Line(p.id, p.name, p.iban, p.bic, st.orders, st.amount_cents, st.id, st.clawback_cents)
                             for st, p in rows])


def months(rt: Runtime) -> list[str]:
    with rt.db.session() as s:
        return list(s.execute(select(Settlement.month).group_by(Settlement.month)
                              .order_by(func.max(Settlement.month).desc())).scalars())


def to_csv(batch: Batch) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["month", "provider_id", "name", "iban", "bic", "orders", "clawback_cents", "amount_cents", "amount_eur",
                "reference"])
    for x in batch.lines:
        w.writerow([batch.month, x.provider_id, x.name, x.iban, x.bic, x.orders, x.clawback_cents, x.amount_cents,
                    f"{x.amount_cents // 100}.{x.amount_cents % 100:02d}", _reference(batch.month, x)])
    return out.getvalue()


def _reference(month: str, x: Line) -> str:
    return f"AURORA-{month}-{x.settlement_id}"


def to_pain001(rt: Runtime, batch: Batch, *, execution: date | None = None) -> bytes:
    """A pain.001.001.03 file; raises ``InputError`` for an invalid debtor account or an empty batch."""
    st = rt.settings
    if not batch.payable:
        raise InputError(f"nothing to pay for {batch.month}")
    try:
        debtor_iban, debtor_bic = IBAN(st.wallet_debtor_iban).compact, BIC(st.wallet_debtor_bic).compact
    except ValueError as exc:
        raise InputError(f"AURORA_WALLET_DEBTOR_IBAN/BIC: {exc}") from None
    sepa = SepaTransfer({"name": st.wallet_debtor_name[:70], "IBAN": debtor_iban, "BIC": debtor_bic,
                         "batch": True, "currency": "EUR"}, schema="pain.001.001.03", clean=True)
    when = execution or date.today()
    for x in batch.payable:
        IBAN(x.iban)  # re-checked at export: a provider's account may have been edited since registration
        sepa.add_payment({"name": x.name[:70], "IBAN": x.iban, "BIC": x.bic, "amount": x.amount_cents,
                          "execution_date": when, "description": _reference(batch.month, x),
                          "endtoend_id": _reference(batch.month, x).replace("-", "")[:35]})
    return bytes(sepa.export(validate=True, pretty_print=True))


def write_files(rt: Runtime, batch: Batch, out_dir: Path) -> tuple[Path, Path | None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"settlement-{batch.month}.csv"
    csv_path.write_text(to_csv(batch), encoding="utf-8")
    if not batch.payable:
        return csv_path, None
    xml_path = out_dir / f"settlement-{batch.month}.pain001.xml"
    xml_path.write_bytes(to_pain001(rt, batch))
    return csv_path, xml_path
