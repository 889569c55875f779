"""``aurora catalogue …`` and ``aurora reference …``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional

import typer
from rich.table import Table

from auroranet.cliutil import DataDirOpt, console, handle_errors, progress_bar, runtime_for

if TYPE_CHECKING:
    from auroranet.catalogue.service import ImportCounts
    from auroranet.runtime import Runtime

Progress = Callable[[str, int, int], None]

app = typer.Typer(help="Service catalogue: import, sync and statistics.", no_args_is_help=True)
reference_app = typer.Typer(help="Code lists: municipalities, areas, service classes, target groups.",
                            no_args_is_help=True)


def _embed_after_import(rt: "Runtime", progress: Progress) -> float:
    """Embed new or changed services (cached by text hash), so serving processes rebuild their
    snapshot without embedding. Returns seconds spent."""
    from auroranet.search.service import ensure_embeddings

    t0 = time.perf_counter()
    ensure_embeddings(rt.db, rt.embedder, progress=progress)
    return time.perf_counter() - t0


@app.command("import")
@handle_errors
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.jsonl, PTV v11 .json).")],
    data_dir: DataDirOpt = None,
    embed: Annotated[bool, typer.Option(help="Embed new and changed services after the import.")] = True,
) -> None:
    """Import services from files. Re-importing the same input changes nothing."""
    from auroranet.catalogue.flows import import_files

    rt = runtime_for(data_dir)
    t0 = time.perf_counter()
    with progress_bar() as progress:
        result = import_files(rt.db, paths, progress)
        embed_s = _embed_after_import(rt, progress) if embed else 0.0
    total = time.perf_counter() - t0
    for w in result.warnings[:20]:
        console.print(f"warning: {w}", markup=False, highlight=False)
    _print_counts(result.counts)
    console.print(f"files: {result.files}  time: {total:.1f}s (embedding {embed_s:.1f}s)")


def _print_counts(c: "ImportCounts") -> None:
    dropped = f"  dropped links: {c.dropped_links}" if c.dropped_links else ""
    console.print(f"new: {c.new}  updated: {c.updated}  unchanged: {c.unchanged}  archived: {c.archived}{dropped}")


@app.command("sync")
@handle_errors
def sync(
    source: Annotated[str, typer.Argument(help="Source to sync from: ptv.")] = "ptv",
    municipality: Annotated[Optional[list[str]], typer.Option("--municipality", help="Only services of these municipality codes.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only items changed since this ISO date.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Fetch everything, not only changes since the last sync.")] = False,
    base_url: Annotated[Optional[str], typer.Option(help="PTV API base URL (default from AURORA_PTV_BASE_URL).")] = None,
    data_dir: DataDirOpt = None,
    embed: Annotated[bool, typer.Option(help="Embed new and changed services after the sync.")] = True,
) -> None:
    """Sync from the live PTV Open API v11 (incremental by default)."""
    from auroranet.catalogue.ptv.sync import sync_ptv
    from auroranet.errors import InputError

    if source != "ptv":
        raise InputError(f"unknown source {source!r}; supported: ptv")
    rt = runtime_for(data_dir)
    with progress_bar() as progress:
        result = sync_ptv(rt.settings, rt.db, municipalities=municipality or [], since=since, full=full,
                          base_url=base_url, progress=progress)
        _embed_after_import(rt, progress) if embed else None
    _print_counts(result.counts)


@app.command("stats")
@handle_errors
def stats_cmd(data_dir: DataDirOpt = None) -> None:
    """Counts of services, channels and organisations, by language and area."""
    from auroranet.catalogue import service

    rt = runtime_for(data_dir)
    with rt.db.session() as s:
        st = service.stats(s)
    console.print(f"services: {st.services}")
    console.print(f"archived services: {st.archived_services}")
    console.print(f"channels: {st.channels}")
    console.print(f"organisations: {st.organisations}")
    table = Table(title="by language")
    table.add_column("language")
    table.add_column("services", justify="right")
    for lang, n in st.by_language.items():
        table.add_row(lang, str(n))
    console.print(table)
    table = Table(title="by area (top 15)")
    table.add_column("area")
    table.add_column("services", justify="right")
    for area, n in list(st.by_area.items())[:15]:
        table.add_row(area, str(n))
    console.print(table)
    if st.by_channel_type:
        console.print("channels by type: " + ", ".join(f"{k} {v}" for k, v in st.by_channel_type.items()))


@reference_app.command("import")
@handle_errors
def reference_import(
    directory: Annotated[Optional[Path], typer.Argument(
        help="Folder of code-list files shaped like the official exports (default: the lists shipped with the package).")] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Load code lists from files (without a folder: the packaged official lists, which are also used
    before any import)."""
    from auroranet.catalogue.codes import ATTRIBUTION
    from auroranet.catalogue.reference_import import import_reference_dir

    rt = runtime_for(data_dir)
    counts = import_reference_dir(rt.db, directory)
    console.print("  ".join(f"{k}: {v}" for k, v in counts.items()))
    if directory is None:
        console.print(ATTRIBUTION)


@reference_app.command("sync")
@handle_errors
def reference_sync(
    base_url: Annotated[Optional[str], typer.Option(help="Code-list service base URL.")] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Fetch code lists from the official code-list service (koodistot.suomi.fi)."""
    from auroranet.catalogue.reference_import import sync_reference

    rt = runtime_for(data_dir)
    counts = sync_reference(rt.db, base_url=base_url)
    console.print("  ".join(f"{k}: {v}" for k, v in counts.items()))
