"""``aurora ethics report``: the model card and the fairness audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from auroranet.cliutil import DataDirOpt, console, handle_errors, runtime_for

app = typer.Typer(help="Ethics: model card and fairness audit.", no_args_is_help=True)


@app.command("report")
@handle_errors
def report(data_dir: DataDirOpt = None,
           out: Annotated[Optional[Path], typer.Option(help="Folder (default: <data dir>/ethics).")] = None) -> None:
    """Run the fairness audit on the live catalogue and write model_card.md and fairness.json."""
    from auroranet.ethics.audit import run_audit
    from auroranet.ethics.card import write_report

    rt = runtime_for(data_dir)
    try:
        audit = run_audit(rt)
        card, js = write_report(rt, audit, out or rt.settings.data_dir / "ethics")
    finally:
        rt.close()
    console.print(f"wrote {card} and {js}; flagged groups: "
                  f"{', '.join(f'{g.dimension}:{g.group}' for g in audit.flagged()) or 'none'}")
