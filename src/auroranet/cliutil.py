"""Shared CLI pieces: the ``--data-dir`` option, building a Runtime, one-line errors, progress bars."""

from __future__ import annotations

import functools
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterator, TypeVar

import typer
from rich.console import Console

from auroranet.errors import AuroraError, InputError

console = Console()
err_console = Console(stderr=True)

DataDirOpt = Annotated[
    Path | None,
    typer.Option("--data-dir", envvar="AURORA_DATA_DIR", help="Instance data directory (SQLite file, models)."),
]

if TYPE_CHECKING:  # pydantic, the settings and Rich's progress bars load only when a command needs them
    from pydantic import BaseModel

    from auroranet.config import Settings
    from auroranet.runtime import Runtime

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound="BaseModel")


def read_model(file: Path, model: type[M]) -> M:
    """A JSON file read into ``model``; an unreadable or invalid file is an ``InputError`` naming it."""
    import json

    from pydantic import ValidationError

    try:
        return model.model_validate(json.loads(file.read_text("utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise InputError(f"{file}: {exc}") from None


def settings_for(data_dir: Path | None) -> Settings:
    from auroranet.config import get_settings

    if data_dir is not None:
        os.environ["AURORA_DATA_DIR"] = str(data_dir)
        get_settings.cache_clear()
    return get_settings()


WRITE_BEHIND_ENV = "AURORA_USAGE_WRITE_BEHIND"


def runtime_for(data_dir: Path | None, *, migrate: bool = True, serving: bool = False) -> "Runtime":
    """``serving``: ``aurora serve``, which writes shown results behind (usage/behind.py) unless
    AURORA_USAGE_WRITE_BEHIND says otherwise."""
    from auroranet.db.migrate import upgrade
    from auroranet.runtime import Runtime

    settings = settings_for(data_dir)
    if serving and WRITE_BEHIND_ENV not in os.environ:
        settings = settings.model_copy(update={"usage_write_behind": True})
    rt = Runtime.create(settings)
    if migrate:
        upgrade(rt.db.engine)
    return rt


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def handle_errors(fn: F) -> F:
    """Turn domain errors into one clear line on stderr and a non-zero exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except AuroraError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted; nothing was changed by the unfinished step", 130)

    return wrapper  # type: ignore[return-value]


@contextmanager
def progress_bar(enabled: bool | None = None) -> Iterator[Callable[[str, int, int], None]]:
    """Yields a callback ``(stage, done, total)`` that drives a Rich progress bar per stage."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda stage, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=False) as prog:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = prog.add_task(stage, total=total)
            prog.update(tasks[stage], completed=done, total=total)

        yield update
