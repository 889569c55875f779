"""The ``aurora`` command. Each domain adds its own sub-commands from its ``cli.py``."""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
from typing import TYPE_CHECKING, Annotated

import typer

from auroranet.assistant import cli as assistant_cli
from auroranet.livechat import cli as livechat_cli
from auroranet.catalogue import cli as catalogue_cli
from auroranet.cliutil import (WRITE_BEHIND_ENV, DataDirOpt, console, err_console, handle_errors, runtime_for,
                               settings_for)
from auroranet.consent import cli as consent_cli
from auroranet.ethics import cli as ethics_cli
from auroranet.evaluation import cli as evaluation_cli
from auroranet.insights import cli as insights_cli
from auroranet.identity import cli as identity_cli
from auroranet.jobs import cli as jobs_cli
from auroranet.network import cli as network_cli
from auroranet.recommend import cli as recommend_cli
from auroranet.referrals import cli as referrals_cli
from auroranet.wallet import cli as wallet_cli

if TYPE_CHECKING:
    from auroranet.config import Settings

app = typer.Typer(help="auroranet: AuroraAI network service catalogue, recommender and API.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

app.add_typer(catalogue_cli.app, name="catalogue")
app.add_typer(catalogue_cli.reference_app, name="reference")
app.add_typer(recommend_cli.labels_app, name="labels")
app.add_typer(recommend_cli.model_app, name="model")
app.add_typer(evaluation_cli.app, name="eval")
app.add_typer(network_cli.app, name="clients")
app.add_typer(jobs_cli.app, name="jobs")
app.add_typer(referrals_cli.app, name="referrals")
app.add_typer(insights_cli.app, name="insights")
app.add_typer(ethics_cli.app, name="ethics")
app.add_typer(wallet_cli.app, name="wallet")
app.add_typer(assistant_cli.app, name="assistants")
app.add_typer(livechat_cli.app, name="desks")
app.add_typer(identity_cli.app, name="staff")
app.add_typer(consent_cli.app, name="consent")


@app.callback()
def main(data_dir: DataDirOpt = None) -> None:
    """Global options. ``--data-dir`` here applies to every command."""
    if data_dir is not None:
        settings_for(data_dir)


@db_app.command("upgrade")
@handle_errors
def db_upgrade(data_dir: DataDirOpt = None) -> None:
    """Apply pending migrations."""
    from auroranet.db.migrate import current_revision

    rt = runtime_for(data_dir)
    console.print(f"database at revision {current_revision(rt.db.engine)}")


def _is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_session_secret(settings: Settings) -> None:
    """Refuse a weak AURORA_SESSION_SECRET before anything starts; say where the secret comes from."""
    from auroranet.config import SESSION_SECRET_FILE, session_secret

    session_secret(settings)
    if settings.session_secret is None:
        console.print(f"web session secret: {settings.data_dir / SESSION_SECRET_FILE} (generated on first start; "
                      "set AURORA_SESSION_SECRET to use your own)")


@app.command()
@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    data_dir: DataDirOpt = None,
    demo: Annotated[bool, typer.Option(help="Load the demo catalogue when the store is empty and nothing was ever imported.")] = True,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes; each builds its own search index "
                                                              "(memory × N). More than 1 uses the cores for throughput.")] = 1,
) -> None:
    """Apply migrations, load the demo catalogue if the store is empty, serve the API and web app."""
    import uvicorn

    from auroranet.app import create_app
    from auroranet.logs import configure_logging

    _check_session_secret(settings_for(data_dir))
    from auroranet.config import check_admin_key

    check_admin_key(settings_for(data_dir))  # a too-short AURORA_ADMIN_KEY stops here, before any work
    configure_logging()
    rt = runtime_for(data_dir, serving=True)
    if demo:
        from auroranet.usecases.demo import ensure_demo

        loaded = ensure_demo(rt.db)
        if loaded:
            console.print(f"demo catalogue loaded: {loaded}")
            from auroranet.usecases.demo import seed_demo_extras

            for line in seed_demo_extras(rt):  # only with a freshly loaded demo catalogue
                console.print(line)
    import time

    t0 = time.perf_counter()
    with console.status("building the search index (embeddings are cached between runs)…"):
        from auroranet.search.service import ensure_embeddings

        ensure_embeddings(rt.db, rt.embedder)
        if workers == 1:
            rt.snapshot()
    console.print(f"search index ready in {time.perf_counter() - t0:.1f}s" if workers == 1 else
                  f"embeddings ready in {time.perf_counter() - t0:.1f}s; each of {workers} workers builds its index")
    if not rt.settings.require_auth and not _is_loopback(host):
        err_console.print(
            "[bold red]WARNING: AURORA_REQUIRE_AUTH=false on a non-loopback address "
            f"({host}). Anyone who can reach this port can call the API without credentials.[/]"
        )
        logging.getLogger("auroranet").warning("authentication disabled on non-loopback address")
    console.print(f"serving on http://{host}:{port}  (API docs at /docs)")
    if workers > 1:
        # One BLAS thread per worker process: the processes already use the cores, and OpenBLAS's own
        # threads would only spin against them (the workers are new interpreters and read this at start).
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        # Prometheus multiprocess mode: each worker's counters go to files here; any worker's /metrics adds
        # them up. prometheus_client reads PROMETHEUS_MULTIPROC_DIR when a worker first imports it.
        metrics_dir = rt.settings.data_dir.resolve() / "prometheus"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        os.environ["AURORA_METRICS_MULTIPROCESS_DIR"] = str(metrics_dir)
        os.environ.setdefault(WRITE_BEHIND_ENV, "true")  # as for one process (cliutil.runtime_for)
        rt.close()  # settings reach the workers through AURORA_* (settings_for set AURORA_DATA_DIR)
        uvicorn.run("auroranet.cli:worker_app", factory=True, workers=workers, host=host, port=port,
                    log_config=None, access_log=False, proxy_headers=False)
        return
    # One BLAS thread here too: requests run in worker threads, and OpenBLAS's own threads spinning against
    # them made a 2,000 × 384 cosine scan take 5–25 ms instead of 0.1–0.3 ms on a busy 2-core machine.
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    # Forwarded headers count only from AURORA_TRUSTED_PROXIES (the app's middleware), never from uvicorn's
    # own default of trusting 127.0.0.1.
    uvicorn.run(create_app(runtime=rt), host=host, port=port, log_config=None, access_log=False, proxy_headers=False)


def worker_app() -> object:
    """App factory for ``serve --workers N``: each worker process reads AURORA_* settings and builds its
    index before accepting requests (embeddings come from the cache the parent filled)."""
    from auroranet.app import create_app
    from auroranet.config import get_settings
    from auroranet.logs import configure_logging
    from auroranet.runtime import Runtime

    configure_logging()
    rt = Runtime.create(get_settings())
    rt.snapshot()
    return create_app(runtime=rt)


if __name__ == "__main__":  # pragma: no cover
    app()
