"""``aurora insights``: demo contributions for the situational picture."""

from __future__ import annotations

from typing import Annotated

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for

app = typer.Typer(help="Situational picture: demo contributions.", no_args_is_help=True)


@app.command("seed-demo")
@handle_errors
def seed_demo(data_dir: DataDirOpt = None,
              people: Annotated[int, typer.Option(min=10, max=100_000, help="How many demo contributions.")] = 1200
              ) -> None:
    """Insert clearly marked demo contributions (current and previous month)."""
    from auroranet.insights.demo import seed_demo as seed

    rt = runtime_for(data_dir)
    try:
        n = seed(rt.db, rt.writes, life_events=rt.life_events, people=people)
    finally:
        rt.close()
    console.print(f"{n} demo contributions added (marked demo; remove with `aurora insights remove-demo`)")


@app.command("remove-demo")
@handle_errors
def remove_demo(data_dir: DataDirOpt = None) -> None:
    """Delete the demo contributions (real ones are kept)."""
    from auroranet.insights.service import remove_demo as remove

    rt = runtime_for(data_dir)
    try:
        n = remove(rt.db, rt.writes)
    finally:
        rt.close()
    console.print(f"{n} demo contributions removed")


