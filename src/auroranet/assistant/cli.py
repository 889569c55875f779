"""``aurora assistants …``: the registry of connected assistants the built-in one can route to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, read_model, runtime_for

app = typer.Typer(help="Connected assistants (routing targets of the built-in assistant).", no_args_is_help=True)


@app.command("add")
@handle_errors
def add(file: Annotated[Path, typer.Argument(help="JSON file: one assistant as the admin API takes it.")],
        data_dir: DataDirOpt = None) -> None:
    """Register (or replace, same id) a connected assistant."""
    from auroranet.assistant import registry

    entry = read_model(file, registry.AssistantIn)
    rt = runtime_for(data_dir)
    with rt.writes:
        registry.add(rt.db, entry, life_events=rt.life_events)
    console.print(f"registered {entry.id}")


@app.command("list")
@handle_errors
def list_(data_dir: DataDirOpt = None) -> None:
    from auroranet.assistant import registry

    rt = runtime_for(data_dir)
    for a in registry.listed(rt.db):
        where = ",".join(a.municipality_codes) or "national"
        console.print(f"{a.id}\t{a.names.get('fi', '')}\t{'/'.join(a.languages)}\t{where}\t{a.handover_url}")


@app.command("remove")
@handle_errors
def remove(assistant_id: str, data_dir: DataDirOpt = None) -> None:
    from auroranet.assistant import registry

    rt = runtime_for(data_dir)
    with rt.writes:
        registry.remove(rt.db, assistant_id)
    console.print(f"removed {assistant_id}")
