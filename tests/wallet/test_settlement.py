"""Monthly settlement: per-provider batches as CSV and pain.001, the XML validated here against the
official pain.001.001.03 XSD that sepaxml ships; idempotent per month; flagged orders held back; the
CLI writes both files."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as etree
from datetime import timedelta
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError
from auroranet.runtime import Runtime
from auroranet.wallet import incidents, orders, refunds, settlement, wallets
from auroranet.wallet.ledger import balance
from auroranet.wallet.models import Journal, Order
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def _delivered(rt: Runtime, n: int) -> list[str]:
    _, codes = wallets.issue_codes(rt, DEMO_ID, n, actor="test")
    out = []
    for i, c in enumerate(codes):
        wid = int(wallets.claim(rt, c, age=None, municipality=None, key=f"st-{c}")["wallet_id"])
        code = str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[i % 3], contact=None,
                                key=f"st-o-{i}")["order"])
        orders.provider_action(rt, DEMO_PROVIDER, code, "confirm", actor="staff:p", key=f"st-c-{i}")
        orders.provider_action(rt, DEMO_PROVIDER, code, "deliver", actor="staff:p", key=f"st-d-{i}")
        out.append(code)
    return out


def test_settlement_batch_csv_and_valid_pain001(wrt: Runtime) -> None:
    codes = _delivered(wrt, 4)
    incidents.flag(wrt, codes[3], True, actor="staff:admin", note="suspected fraud")
    month = utcnow().strftime("%Y-%m")
    batch = settlement.settle(wrt, month, actor="test")
    expected = 2500 + 4900 + 3500
    assert [(x.provider_id, x.orders, x.amount_cents) for x in batch.lines] == [(DEMO_PROVIDER, 3, expected)]
    rows = list(csv.DictReader(io.StringIO(settlement.to_csv(batch))))
    assert rows[0]["amount_eur"] == f"{expected // 100}.{expected % 100:02d}" and rows[0]["iban"] == "FI3540500000123456"
    xml = settlement.to_pain001(wrt, batch)
    xmlschema.XMLSchema(str(XSD)).validate(xml.decode())  # the official schema, independently of sepaxml's check
    doc = etree.fromstring(xml)
    assert doc.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "1"
    assert doc.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == f"{expected / 100:.2f}"
    assert doc.findtext(".//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == "FI3540500000123456"
    with wrt.db.session() as s:
        assert balance(s, ("provider", DEMO_PROVIDER)) == 2500  # only the flagged order's money is still owed
        settles = s.execute(select(func.count()).select_from(Journal).where(Journal.kind == "settle")).scalar()
    again = settlement.settle(wrt, month, actor="test")
    with wrt.db.session() as s:
        assert s.execute(select(func.count()).select_from(Journal).where(Journal.kind == "settle")).scalar() == settles
    assert again == batch
    late = refunds.refund(wrt, codes[0], actor="staff:admin", key="late-refund")
    assert late["status"] == "refunded"  # after settlement: a clawback (tests/wallet/test_refunds.py)


def test_a_cleared_order_rolls_into_the_next_month(wrt: Runtime) -> None:
    codes = _delivered(wrt, 2)
    incidents.flag(wrt, codes[1], True, actor="staff:admin")
    with wrt.db.session() as s:
        s.execute(update(Order).values(delivered_at=utcnow() - timedelta(days=40)))
    last = (utcnow() - timedelta(days=40)).strftime("%Y-%m")
    assert settlement.settle(wrt, last, actor="test").total_cents == 2500
    incidents.flag(wrt, codes[1], False, actor="staff:admin")
    assert settlement.settle(wrt, utcnow().strftime("%Y-%m"), actor="test").total_cents == 4900


def test_cli_settle_writes_csv_and_xml(tmp_path: Path) -> None:
    from auroranet.cli import app

    data = tmp_path / "cli-data"
    runner = CliRunner()
    assert runner.invoke(app, ["--data-dir", str(data), "wallet", "seed-demo"]).exit_code == 0
    issued = runner.invoke(app, ["--data-dir", str(data), "wallet", "codes", "issue", "--programme", DEMO_ID,
                                 "--count", "2"])
    assert issued.exit_code == 0, issued.output
    codes = [line for line in issued.output.splitlines() if not line.startswith("#")]
    assert len(codes) == 2 and len(set(codes)) == 2
    bad = runner.invoke(app, ["--data-dir", str(data), "wallet", "settle", "--month", "2026-13"])
    assert bad.exit_code == 2 and "YYYY-MM" in bad.output
    out = runner.invoke(app, ["--data-dir", str(data), "wallet", "settle", "--month", "2026-11", "--out",
                              str(tmp_path / "out")])
    assert out.exit_code == 0 and "0 providers" in out.output
    assert (tmp_path / "out" / "settlement-2026-11.csv").read_text().startswith("month,provider_id")
