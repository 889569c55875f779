"""``aurora referrals receiver-add|receivers|deliver|purge``: which services accept referrals and how."""

from __future__ import annotations

from typing import Annotated

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for

app = typer.Typer(help="Closed-loop referral: receiving services, the outbox, retention.", no_args_is_help=True)


@app.command("receiver-add")
@handle_errors
def receiver_add(service_id: str, organisation_id: str,
                 mode: Annotated[str, typer.Option(help="inbox (the back office) or api (a case system)")] = "inbox",
                 client_id: Annotated[str | None, typer.Option(help="the case system's API client (mode api)")] = None,
                 webhook_url: Annotated[str | None, typer.Option()] = None,
                 webhook_secret: Annotated[str | None, typer.Option(envvar="AURORA_REFERRAL_WEBHOOK_SECRET")] = None,
                 data_dir: DataDirOpt = None) -> None:
    """Let SERVICE_ID accept contact requests for ORGANISATION_ID."""
    from auroranet.referrals.service import set_receiver

    set_receiver(runtime_for(data_dir), service_id=service_id, organisation_id=organisation_id, mode=mode,
                 client_id=client_id, webhook_url=webhook_url, webhook_secret=webhook_secret)
    console.print(f"{service_id} accepts referrals for {organisation_id} ({mode})")


@app.command("receivers")
@handle_errors
def receivers(data_dir: DataDirOpt = None) -> None:
    from sqlalchemy import select

    from auroranet.referrals.models import ReferralReceiver

    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        for r in s.scalars(select(ReferralReceiver).order_by(ReferralReceiver.service_id)):
            console.print(f"{r.service_id}  {r.organisation_id}  {r.mode}  {'webhook' if r.webhook_url else '-'}"
                          f"  {'active' if r.active else 'inactive'}")


@app.command("deliver")
@handle_errors
def deliver(data_dir: DataDirOpt = None) -> None:
    """Send due e-mails and webhooks now (the referral_delivery job does this on a schedule)."""
    from auroranet.referrals.delivery import deliver_pending

    console.print(deliver_pending(runtime_for(data_dir)))


@app.command("purge")
@handle_errors
def purge(data_dir: DataDirOpt = None) -> None:
    """Delete referrals closed longer ago than AURORA_REFERRAL_RETENTION_DAYS."""
    from auroranet.referrals.service import purge_closed

    rt = runtime_for(data_dir)
    console.print({"deleted": purge_closed(rt, days=rt.settings.referral_retention_days)})
