"""``aurora clients …``: the registry of connected AuroraAI services."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for
from auroranet.errors import InputError

app = typer.Typer(help="Connected AuroraAI services (API clients).", no_args_is_help=True)


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
                         receivable_attributes=_split([receives]), allowed_origins=_split(origin))
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
    table = Table("client_id", "name", "provider", "channels", "receives", "origins")
    for c in rows:
        table.add_row(c.id, c.names.get("fi", ""), c.provider.get("fi", ""), "\n".join(c.channel_ids),
                      ",".join(c.receivable_attributes), "\n".join(c.allowed_origins))
    console.print(table)
    if not rows:
        console.print("no clients registered")


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
