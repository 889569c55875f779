"""``aurora jobs list|status|run``: what the scheduler runs, how it went, and running a job now.

``run`` executes in this process under the same claim and lock as the scheduler, so it is safe to use
while servers are running: it refuses (exit 5) when the job is already running anywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from auroranet.cliutil import DataDirOpt, console, fail, handle_errors, runtime_for

if TYPE_CHECKING:
    from auroranet.jobs.runner import JobRunner
    from auroranet.runtime import Runtime

app = typer.Typer(help="Background jobs: schedules, last runs, run one now.", no_args_is_help=True)

STYLE = {"succeeded": "green", "failed": "red", "running": "yellow", "queued": "cyan"}


def _runner(data_dir: DataDirOpt) -> JobRunner:
    from auroranet.jobs.runner import JobRunner
    from auroranet.jobs.schedule import default_jobs

    rt: Runtime = runtime_for(data_dir)
    return JobRunner(rt.db, default_jobs(rt))


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else "-"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "-"


@app.command("list")
@handle_errors
def list_cmd(data_dir: DataDirOpt = None) -> None:
    """The jobs, their schedules (UTC) and whether the scheduler runs them."""
    table = Table(title="jobs")
    for col in ("job", "schedule", "enabled", "description"):
        table.add_column(col)
    for spec in _runner(data_dir).specs:
        table.add_row(spec.name, spec.schedule.describe(), "yes" if spec.enabled else "no", spec.description)
    console.print(table)


@app.command("status")
@handle_errors
def status_cmd(data_dir: DataDirOpt = None) -> None:
    """The newest run of every job (times in UTC) and when it is next due."""
    statuses = _runner(data_dir).status()
    table = Table(title="job status (UTC)")
    table.add_column("job", no_wrap=True, min_width=max((len(s.name) for s in statuses), default=3))
    for col in ("status", "started", "duration", "counts", "next"):
        table.add_column(col, justify="right" if col == "duration" else "left")
    for st in statuses:
        run = st.last
        upcoming = _when(st.next_slot) if st.enabled else "disabled"
        if run is None:
            table.add_row(st.name, "never run", "-", "-", "-", upcoming)
            continue
        status = f"[{STYLE.get(run.status, 'white')}]{run.status}[/]"
        if run.status == "failed":
            status += f" ({run.error_type}, attempt {run.attempt})"
        duration = f"{run.duration_seconds:.1f}s" if run.duration_seconds is not None else "-"
        table.add_row(st.name, status, _when(run.started_at), duration, _counts(run.counts), upcoming)
    console.print(table)


@app.command("run")
@handle_errors
def run_cmd(name: Annotated[str, typer.Argument(help="Job name (see aurora jobs list).")],
            data_dir: DataDirOpt = None) -> None:
    """Run a job now. Exits non-zero when it fails, is unknown or is already running."""
    run = _runner(data_dir).run_now(name)
    if run.status != "succeeded":
        fail(f"job {name} failed: {run.error_type}: {run.error_message}")
    duration = f"{run.duration_seconds:.1f}s" if run.duration_seconds is not None else "-"
    console.print(f"{name}: succeeded in {duration}  {_counts(run.counts)}")
