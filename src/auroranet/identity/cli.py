"""``aurora staff …``: the authoritative staff roles. A staff member is named by the identity provider's
``sub`` (the provider's stable user id, as the provider's admin tools show it); the table keeps only the
pseudonymous subject derived from it with the configured issuer and subject key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for
from auroranet.errors import InputError

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

app = typer.Typer(help="Staff roles for the back offices (admin, analyst, provider_staff).", no_args_is_help=True)

SubOpt = Annotated[str, typer.Argument(help="The staff member's sub at the identity provider.")]
IssuerOpt = Annotated[str | None, typer.Option("--issuer", help="Issuer the sub belongs to (default: AURORA_OIDC_ISSUER).")]


def _subject(issuer: str | None, sub: str, data_dir: Path | None) -> "tuple[Runtime, str]":
    from auroranet.identity.subjects import pseudonymous_subject

    rt = runtime_for(data_dir)
    iss = (issuer or rt.settings.oidc_issuer).rstrip("/")
    if not iss:
        raise InputError("no issuer: pass --issuer or set AURORA_OIDC_ISSUER")
    if not sub.strip() or len(sub) > 255:
        raise InputError("SUB must be 1-255 characters")
    return rt, pseudonymous_subject(rt.settings, iss, sub)


@app.command("grant")
@handle_errors
def grant(sub: SubOpt, role: Annotated[str, typer.Option("--role", help="admin, analyst or provider_staff.")],
          scope: Annotated[str, typer.Option("--scope", help="national, county:<code>, municipality:<code>, organisation:<id>.")],
          label: Annotated[str, typer.Option("--label", help="A note on who this is (shown by list).")] = "",
          issuer: IssuerOpt = None, data_dir: DataDirOpt = None) -> None:
    """Give a staff member a role in a scope (takes effect at their next login)."""
    from auroranet.identity import service

    rt, subject = _subject(issuer, sub, data_dir)
    with rt.writes, rt.db.session() as s:
        added = service.grant(s, subject=subject, role=role, scope=scope, label=label)
    typer.echo(f"{'granted' if added else 'already held'}: {role} {scope} -> {subject[:16]}…")


@app.command("revoke")
@handle_errors
def revoke(sub: SubOpt, role: Annotated[str | None, typer.Option("--role")] = None,
           scope: Annotated[str | None, typer.Option("--scope")] = None,
           issuer: IssuerOpt = None, data_dir: DataDirOpt = None) -> None:
    """Take roles away (all of them unless --role/--scope narrow it); ends at the next login."""
    from auroranet.identity import service

    rt, subject = _subject(issuer, sub, data_dir)
    with rt.writes, rt.db.session() as s:
        n = service.revoke(s, subject=subject, role=role, scope=scope)
    typer.echo(f"revoked {n} role(s)")


@app.command("list")
@handle_errors
def list_(data_dir: DataDirOpt = None) -> None:
    """Every granted role (pseudonymous subject, role, scope, label, when)."""
    from auroranet.identity import service

    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        rows = service.list_roles(s)
    for r in rows:
        typer.echo(f"{r['subject'][:16]}…  {r['role']:<15} {r['scope']:<28} {r['label']}  ({r['granted_at'][:19]})")
    if not rows:
        console.print("no staff roles granted")
