"""``aurora clients …``: the registry of connected AuroraAI services."""

from __future__ import annotations

from typing import Annotated

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for
from auroranet.errors import InputError

app = typer.Typer(help="Connected AuroraAI services (API clients).", no_args_is_help=True)


RateLimitOpt = Annotated[int | None, typer.Option(
    "--rate-limit", min=1, help="Requests a minute for this client (default: AURORA_RATE_LIMIT_PER_MINUTE).")]
NoticeOpt = Annotated[str | None, typer.Option(
    "--privacy-notice-url", help="https URL of its privacy notice, linked before a hand-over.")]
RedirectOpt = Annotated[list[str] | None, typer.Option(
    "--redirect-uri", help="OAuth2 redirect URI (exact; https, http only for localhost); repeatable.")]


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


@app.command("add")
@handle_errors
def add(
    name: Annotated[str, typer.Argument(help="Name of the service (used for fi, sv and en unless given).")],
    channel: Annotated[list[str] | None, typer.Option("--channel", help="PTV service channel id it answers for.")] = None,
    receives: Annotated[str, typer.Option(help="Attributes it may receive: age,municipality_code,life_situation_meters")] = "",
    origin: Annotated[list[str] | None, typer.Option("--origin", help="Allowed browser origin (https://host).")] = None,
    provider: Annotated[str, typer.Option(help="Organisation that provides the service.")] = "",
    name_sv: Annotated[str, typer.Option(help="Swedish name.")] = "",
    name_en: Annotated[str, typer.Option(help="English name.")] = "",
    type: Annotated[str, typer.Option(help="EChannel, WebPage, Phone, ServiceLocation, PrintableForm, Chatbot.")] = "EChannel",
    rate_limit: RateLimitOpt = None,
    privacy_notice_url: NoticeOpt = None,
    server_side_reads_only: Annotated[bool, typer.Option(
        "--server-side-reads-only", help="Handed-over attributes may be read only server-to-server, never by a browser.")] = False,
    redirect_uri: RedirectOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Register a service. Prints its client_id and client_secret; the secret is shown only this once."""
    from auroranet.network.clients import add_client

    if not name.strip():
        raise InputError("NAME must not be empty")
    rt = runtime_for(data_dir)
    names = {"fi": name, "sv": name_sv or name, "en": name_en or name}
    with rt.db.session() as s:
        new = add_client(s, names=names, provider=provider or None, type=type, channel_ids=_split(channel),
                         receivable_attributes=_split([receives]), allowed_origins=_split(origin),
                         rate_limit_per_minute=rate_limit, privacy_notice_url=privacy_notice_url or None,
                         server_side_reads_only=server_side_reads_only, oauth_redirect_uris=list(redirect_uri or []))
    typer.echo(f"client_id: {new.info.id}")
    typer.echo(f"client_secret: {new.secret}")


@app.command("list")
@handle_errors
def list_(data_dir: DataDirOpt = None) -> None:
    """List registered services (never their secrets)."""
    from auroranet.network.clients import list_clients

    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        rows = list_clients(s)
    default = rt.settings.rate_limit_per_minute
    for c in rows:
        rate = f"{c.rate_limit_per_minute}/min" if c.rate_limit_per_minute else f"{default}/min (default)"
        lines = [f"{c.id}  {c.names.get('fi', '')}  ({'active' if c.active else 'inactive'})",
                 f"  provider: {c.provider.get('fi', '')}", f"  channels: {', '.join(c.channel_ids)}",
                 f"  receives: {', '.join(c.receivable_attributes)}", f"  origins: {', '.join(c.allowed_origins)}",
                 f"  rate limit: {rate}", f"  privacy notice: {c.privacy_notice_url or ''}",
                 f"  attribute reads: {'server-side only' if c.server_side_reads_only else 'server or browser'}",
                 f"  OAuth2 redirect URIs: {', '.join(c.oauth_redirect_uris)}"]
        typer.echo("\n".join(lines))
    if not rows:
        console.print("no clients registered")


@app.command("update")
@handle_errors
def update(
    client_id: str,
    rate_limit: RateLimitOpt = None,
    default_rate_limit: Annotated[bool, typer.Option("--default-rate-limit", help="Use the deployment default.")] = False,
    privacy_notice_url: NoticeOpt = None,
    no_privacy_notice: Annotated[bool, typer.Option("--no-privacy-notice-url", help="Remove the link.")] = False,
    server_side_reads_only: Annotated[bool | None, typer.Option(
        "--server-side-reads-only/--browser-reads-allowed", help="Who may read handed-over attributes.")] = None,
    origin: Annotated[list[str] | None, typer.Option("--origin", help="Replace the allowed browser origins.")] = None,
    active: Annotated[bool | None, typer.Option("--active/--inactive", help="An inactive client's calls fail at once.")] = None,
    redirect_uri: RedirectOpt = None,
    no_redirect_uris: Annotated[bool, typer.Option("--no-redirect-uris", help="Remove every OAuth2 redirect URI.")] = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Change a registered service; options not given stay as they are."""
    from auroranet.network.clients import KEEP, update_client

    if rate_limit is not None and default_rate_limit:
        raise InputError("give --rate-limit or --default-rate-limit, not both")
    if privacy_notice_url and no_privacy_notice:
        raise InputError("give --privacy-notice-url or --no-privacy-notice-url, not both")
    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        info = update_client(
            s, client_id, active=active, server_side_reads_only=server_side_reads_only,
            allowed_origins=_split(origin) if origin else None,
            oauth_redirect_uris=[] if no_redirect_uris else (list(redirect_uri) if redirect_uri else None),
            rate_limit_per_minute=None if default_rate_limit else (rate_limit if rate_limit is not None else KEEP),
            privacy_notice_url=None if no_privacy_notice else (privacy_notice_url or KEEP))
    typer.echo(f"updated: {info.id}")


@app.command("rotate-secret")
@handle_errors
def rotate(client_id: str, data_dir: DataDirOpt = None) -> None:
    """Replace a client's secret; the old one stops working at once."""
    from auroranet.network.clients import rotate_secret

    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        secret = rotate_secret(s, client_id)
    typer.echo(f"client_id: {client_id}")
    typer.echo(f"client_secret: {secret}")


@app.command("remove")
@handle_errors
def remove(client_id: str, data_dir: DataDirOpt = None) -> None:
    """Remove a client and its pending session-attribute tokens."""
    from auroranet.network.clients import remove_client

    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        remove_client(s, client_id)
    typer.echo(f"removed: {client_id}")
