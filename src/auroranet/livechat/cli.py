"""``aurora desks …``: organisations' live-chat desks (hand-over to a person)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, read_model, runtime_for

app = typer.Typer(help="Live-chat desks where staff take conversations over from the assistant.",
                  no_args_is_help=True)


@app.command("add")
@handle_errors
def add(file: Annotated[Path, typer.Argument(help="JSON file: one desk (id, organisation_id, names, "
                                                   "languages, opening_hours, ...).")],
        data_dir: DataDirOpt = None) -> None:
    """Register (or replace, same id) a desk."""
    from auroranet.livechat import desks

    entry = read_model(file, desks.DeskIn)
    rt = runtime_for(data_dir)
    with rt.writes:
        desks.add(rt.db, entry)
    console.print(f"registered {entry.id}")


@app.command("list")
@handle_errors
def list_(data_dir: DataDirOpt = None) -> None:
    from auroranet.catalogue.hours import HELSINKI
    from auroranet.livechat import desks

    rt = runtime_for(data_dir)
    now = datetime.now(HELSINKI)
    for d in desks.listed(rt.db):
        where = ",".join(d.municipality_codes) or "national"
        state = "open" if desks.status(d, now).open else "closed"
        console.print(f"{d.id}\t{d.organisation_id}\t{d.names['fi']}\t{'/'.join(d.languages)}\t{where}\t{state}\t"
                      f"{d.phone or ''}")


@app.command("remove")
@handle_errors
def remove(desk_id: str, data_dir: DataDirOpt = None) -> None:
    from auroranet.livechat import desks

    rt = runtime_for(data_dir)
    with rt.writes:
        desks.remove(rt.db, desk_id)
    console.print(f"removed {desk_id}")
