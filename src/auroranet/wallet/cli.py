"""``aurora wallet …``: programmes, claim codes, settlement, incidents and the demo.

    aurora wallet programmes load [FILE…]      # the demo + AURORA_WALLET_PROGRAMME_DIR, or the files given
    aurora wallet programmes list | schema
    aurora wallet codes issue --programme nuoret-omaishoitajat --count 20   # printed once, stored hashed
    aurora wallet settle --month 2026-11 [--out DIR]   # CSV + pain.001 (idempotent per month and provider)
    aurora wallet providers add --id ORG --name N --iban FI… --bic … --prices prices.json [--client ID]
    aurora wallet providers list
    aurora wallet providers deactivate ORG --reason "contract ended"   # no new orders, no confirm/deliver
    aurora wallet providers activate ORG
    aurora wallet block wallet|code|order TARGET [--unblock] [--note …]   # TARGET: wallet:<id>, order or claim code
    aurora wallet orders flag T-XXXXXXXX [--clear] [--note …]
    aurora wallet orders refund T-XXXXXXXX [--note …]          # a reversal when already settled
    aurora wallet orders dispute T-XXXXXXXX [--resolve upheld|rejected] [--note …]
    aurora wallet seed-demo
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.table import Table

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for
from auroranet.wallet.codes import MAX_CODES

if TYPE_CHECKING:
    from auroranet.wallet.provider_status import StatusChange

app = typer.Typer(help="Älyrahake: grant programmes, claim codes, orders and settlement.", no_args_is_help=True)
programmes_app = typer.Typer(help="Grant programmes.", no_args_is_help=True)
codes_app = typer.Typer(help="Claim codes for anonymous wallets.", no_args_is_help=True)
orders_app = typer.Typer(help="Incident handling on orders.", no_args_is_help=True)
providers_app = typer.Typer(help="Participating providers.", no_args_is_help=True)
app.add_typer(programmes_app, name="programmes")
app.add_typer(codes_app, name="codes")
app.add_typer(orders_app, name="orders")
app.add_typer(providers_app, name="providers")
CLI = "cli"


def _eur(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d} €"


@programmes_app.command("load")
@handle_errors
def programmes_load(files: Annotated[Optional[list[Path]], typer.Argument()] = None, data_dir: DataDirOpt = None) -> None:
    """Validate and load programme files (default: the demo and every *.json in AURORA_WALLET_PROGRAMME_DIR)."""
    from auroranet.wallet import programmes, wallets

    rt = runtime_for(data_dir)
    known = rt.life_events
    specs = [programmes.read_file(f, life_events=known) for f in files] if files \
        else programmes.read_dir(rt.settings.wallet_programme_dir, life_events=known)
    for spec in specs:  # every file is validated before anything is loaded
        console.print(f"{spec.id}: {wallets.load_programme(rt, spec, actor=CLI)}")


@programmes_app.command("schema")
def programmes_schema() -> None:
    """Print the JSON Schema of a programme file (for editors and for checking files elsewhere)."""
    import json

    from auroranet.wallet import programmes

    typer.echo(json.dumps(programmes.ProgrammeSpec.model_json_schema(), indent=2, ensure_ascii=False))


@programmes_app.command("list")
@handle_errors
def programmes_list(data_dir: DataDirOpt = None) -> None:
    from auroranet.wallet import wallets

    rt = runtime_for(data_dir)
    table = Table("id", "name", "budget", "per person", "unallocated", "valid until")
    for p in wallets.programme_rows(rt):
        table.add_row(p["id"], p["names"].get("fi", ""), _eur(p["budget_cents"]), _eur(p["amount_cents"]),
                      _eur(p["unallocated_cents"]), str(p["valid_until"])[:10])
    console.print(table)


@codes_app.command("issue")
@handle_errors
def codes_issue(programme: Annotated[str, typer.Option("--programme")],
                count: Annotated[int, typer.Option("--count", min=1, max=MAX_CODES)] = 10,
                data_dir: DataDirOpt = None) -> None:
    """Print a batch of single-use claim codes. They are shown only now: only their hashes are stored."""
    from auroranet.wallet import wallets

    rt = runtime_for(data_dir)
    batch, codes = wallets.issue_codes(rt, programme, count, actor=CLI)
    typer.echo(f"# batch {batch}: {count} codes for {programme}")
    for c in codes:
        typer.echo(c)


@app.command("block")
@handle_errors
def block(kind: Annotated[str, typer.Argument(help="wallet, code or order")], target: str,
          unblock: Annotated[bool, typer.Option("--unblock")] = False, note: str = "",
          data_dir: DataDirOpt = None) -> None:
    """Block (or unblock) a wallet (wallet:<id>, one of its order codes or its claim code), a claim code or an order."""
    from auroranet.wallet import incidents

    name = incidents.block(runtime_for(data_dir), kind, target, not unblock, actor=CLI, note=note)
    typer.echo(f"{name}: {'unblocked' if unblock else 'blocked'}")


@orders_app.command("flag")
@handle_errors
def orders_flag(code: str, clear: Annotated[bool, typer.Option("--clear")] = False, note: str = "",
                data_dir: DataDirOpt = None) -> None:
    """Hold an order out of settlement (suspected fraud, with a note), or clear the flag."""
    from auroranet.wallet import incidents

    incidents.flag(runtime_for(data_dir), code, not clear, actor=CLI, note=note)
    typer.echo("cleared" if clear else "flagged")


@orders_app.command("refund")
@handle_errors
def orders_refund(code: str, note: str = "", data_dir: DataDirOpt = None) -> None:
    """Refund a delivered order to its wallet (after settlement: a clawback the next settlement nets off)."""
    from auroranet.wallet import refunds
    from auroranet.wallet.idempotency import new_key

    typer.echo(refunds.refund(runtime_for(data_dir), code, actor=CLI, key=new_key(), note=note)["status"])


@orders_app.command("dispute")
@handle_errors
def orders_dispute(code: str, resolve: Annotated[Optional[str], typer.Option("--resolve", help="upheld or rejected")] = None,
                   note: str = "", data_dir: DataDirOpt = None) -> None:
    """Open a dispute about a delivered order, or resolve it (upheld refunds the order)."""
    from auroranet.wallet import refunds
    from auroranet.wallet.idempotency import new_key

    rt = runtime_for(data_dir)
    if resolve is None:
        result = refunds.open_dispute(rt, code, actor=CLI, key=new_key(), note=note)
    else:
        result = refunds.resolve_dispute(rt, code, resolve, actor=CLI, key=new_key(), note=note)
    typer.echo(f"{result['order']}: dispute {result['dispute']}")


@providers_app.command("add")
@handle_errors
def providers_add(provider_id: Annotated[str, typer.Option("--id", help="organisation id")],
                  name: Annotated[str, typer.Option("--name")], iban: Annotated[str, typer.Option("--iban")],
                  bic: Annotated[str, typer.Option("--bic")],
                  prices: Annotated[Path, typer.Option("--prices", help='JSON {"<service id>": cents}')],
                  client: Annotated[Optional[str], typer.Option("--client", help="the network API client acting for it")] = None,
                  data_dir: DataDirOpt = None) -> None:
    """Register or update a participating provider and its price list."""
    import json

    from auroranet.errors import InputError
    from auroranet.wallet import wallets

    try:
        table = json.loads(prices.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{prices}: {exc}") from None
    if not isinstance(table, dict):
        raise InputError(f"{prices}: an object of service id -> cents")
    wallets.register_provider(runtime_for(data_dir), provider_id=provider_id, name=name, iban=iban, bic=bic,
                              prices=table, actor=CLI, client_id=client)
    typer.echo(f"{provider_id}: {len(table)} prices")


@providers_app.command("list")
@handle_errors
def providers_list(data_dir: DataDirOpt = None) -> None:
    """Every provider: in use or deactivated (since when, and why), and its number of prices."""
    from auroranet.wallet import wallets

    table = Table("id", "name", "status", "since", "reason", "prices")
    for p in wallets.providers(runtime_for(data_dir)):
        table.add_row(p.id, p.name, "active" if p.active else "deactivated",
                      p.deactivated_at.strftime("%Y-%m-%d") if p.deactivated_at else "", p.deactivation_reason or "",
                      str(len(p.prices or {})))
    console.print(table)


def _status(change: StatusChange) -> None:
    state = "active" if change.active else "deactivated"
    typer.echo(f"{change.provider_id}: {state}" + ("" if change.changed else " (already)"))
    if change.open_orders:
        typer.echo(f"{change.open_orders} open orders: the provider can reject them, the people can cancel them")


@providers_app.command("deactivate")
@handle_errors
def providers_deactivate(provider_id: str, reason: Annotated[str, typer.Option("--reason", help="why (kept for staff)")],
                         data_dir: DataDirOpt = None) -> None:
    """Deactivate a provider: no new orders, its open orders cannot be confirmed or delivered (they can be
    rejected or cancelled); what it delivered is still settled."""
    from auroranet.wallet import provider_status

    _status(provider_status.set_active(runtime_for(data_dir), provider_id, False, actor=CLI, reason=reason))


@providers_app.command("activate")
@handle_errors
def providers_activate(provider_id: str, data_dir: DataDirOpt = None) -> None:
    """Reactivate a deactivated provider."""
    from auroranet.wallet import provider_status

    _status(provider_status.set_active(runtime_for(data_dir), provider_id, True, actor=CLI))


@app.command("settle")
@handle_errors
def settle(month: Annotated[str, typer.Option("--month", help="YYYY-MM")],
           out: Annotated[Optional[Path], typer.Option("--out")] = None, data_dir: DataDirOpt = None) -> None:
    """Settle a month: one reimbursement per provider, written as CSV and pain.001."""
    from auroranet.wallet import settlement

    rt = runtime_for(data_dir)
    batch = settlement.settle(rt, month, actor=CLI)
    out_dir = out or rt.settings.wallet_settlement_dir or rt.settings.data_dir / "settlements"
    csv_path, xml_path = settlement.write_files(rt, batch, out_dir)
    typer.echo(f"{len(batch.lines)} providers, {_eur(batch.total_cents)}")
    typer.echo(str(csv_path))
    if xml_path is not None:
        typer.echo(str(xml_path))


@app.command("seed-demo")
@handle_errors
def seed(data_dir: DataDirOpt = None) -> None:
    """Load the demo programme and the demo provider (idempotent)."""
    from auroranet.wallet.demo import seed_demo

    typer.echo(seed_demo(runtime_for(data_dir)))
