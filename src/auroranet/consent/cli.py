"""``aurora consent …``: the webhook a recipient is told withdrawals through, and sending due notices."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import typer

from auroranet.cliutil import DataDirOpt, handle_errors, runtime_for
from auroranet.errors import InputError, NotFoundError

app = typer.Typer(help="Consent records: recipients' withdrawal webhooks.", no_args_is_help=True)


@app.command("webhook")
@handle_errors
def webhook(client_id: str,
            url: Annotated[str, typer.Option("--url", help="https URL (http only for 127.0.0.1); empty removes it.")],
            data_dir: DataDirOpt = None) -> None:
    """Set where CLIENT_ID is told of withdrawn consents. Prints the signing key to give the recipient."""
    from auroranet.consent.webhooks import signing_key
    from auroranet.network.models import Client

    parts = urlsplit(url)
    if url and not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost"))):
        raise InputError("--url must be https (http only on 127.0.0.1/localhost)")
    if len(url) > 500:
        raise InputError("--url is longer than 500 characters")
    rt = runtime_for(data_dir)
    with rt.writes, rt.db.session() as s:
        row = s.get(Client, client_id)
        if row is None:
            raise NotFoundError(f"no client {client_id}")
        row.webhook_url = url or None
    typer.echo(f"webhook: {url or '(none)'}")
    if url:
        typer.echo(f"signing key (HMAC-SHA256, header X-Aurora-Signature): {signing_key(rt.settings, client_id)}")


@app.command("deliver")
@handle_errors
def deliver(data_dir: DataDirOpt = None) -> None:
    """Send due withdrawal notices now (the consent_webhooks job does this every minute)."""
    from auroranet.consent.webhooks import deliver_pending

    rt = runtime_for(data_dir)
    typer.echo(str(deliver_pending(rt.db, rt.writes, rt.settings)))
