"""``aurora referrals …`` through the real CLI (Typer's CliRunner) on a real SQLite store in a data
directory: receivers are added and listed, bad ones refused with exit code 2, the outbox is delivered
to a local webhook receiver, and closed referrals are purged after the retention period."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from auroranet.cli import app
from auroranet.cliutil import runtime_for
from auroranet.db.core import utcnow
from auroranet.referrals import service as svc
from auroranet.referrals.models import Referral
from tests.referrals.conftest import Hook, payload


def test_referrals_cli(tmp_path: Path, webhook: Hook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AURORA_REFERRAL_RETENTION_DAYS", "1")
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]

    def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
        r = runner.invoke(app, ["referrals", *args, *data], env=env)
        return r.exit_code, r.output + (repr(r.exception) if r.exit_code not in (0, 2) else "")

    code, out = run("receiver-add", "svc-1", "org-1")
    assert code == 0 and "svc-1 accepts referrals for org-1 (inbox)" in out
    code, out = run("receiver-add", "svc-2", "org-2", "--webhook-url", webhook.url,
                    env={"AURORA_REFERRAL_WEBHOOK_SECRET": "whsec-cli-" + "c" * 20})
    assert code == 0, out
    for bad in (["svc-3", "org-3", "--mode", "fax"], ["svc-3", "org-3", "--mode", "api"],
                ["svc-3", "org-3", "--webhook-url", "http://example.com/hook", "--webhook-secret", "s"],
                ["svc-3", "org-3", "--webhook-url", "https://example.com/hook"], ["x" * 65, "org-3"]):
        code, out = run("receiver-add", *bad)
        assert code == 2, (bad, code, out)
    code, out = run("receivers")
    lines = [line.split() for line in out.splitlines() if line.strip()]
    assert lines == [["svc-1", "org-1", "inbox", "-", "active"], ["svc-2", "org-2", "inbox", "webhook", "active"]]

    rt = runtime_for(tmp_path / "data")  # the same store and instance secret as the CLI's
    try:
        made = svc.create_referral(rt, svc.NewReferral(service_id="svc-2", message="Soittakaa minulle"))
        kept = svc.create_referral(rt, svc.NewReferral(service_id="svc-1", message="Vielä auki"))
        code, out = run("deliver")
        assert code == 0 and "'sent': 1" in out
        assert payload(webhook.received[-1][1])["referral"]["id"] == made.public_id
        assert made.code is not None
        svc.transition(rt, made.public_id, "cancelled", actor="person", code=made.code)
        code, out = run("purge")
        assert code == 0 and "{'deleted': 0}" in out  # closed today: kept for the retention period
        with rt.writes, rt.db.session() as s:
            s.execute(update(Referral).where(Referral.public_id == made.public_id)
                      .values(closed_at=utcnow() - timedelta(days=2)))
        code, out = run("purge")
        assert code == 0 and "{'deleted': 1}" in out
        with rt.db.session() as s:
            assert list(s.scalars(select(Referral.public_id))) == [kept.public_id]  # open ones stay
            assert s.scalar(select(func.count()).select_from(Referral)) == 1
    finally:
        rt.close()
