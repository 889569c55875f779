"""``aurora labels import`` and ``aurora model train | train-relevance | eval | list``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from auroranet.cliutil import DataDirOpt, console, fail, handle_errors, progress_bar, runtime_for
from auroranet.recommend.neighbour_weight import NeighbourWeight

labels_app = typer.Typer(help="Expert meter labels.", no_args_is_help=True)
model_app = typer.Typer(help="Relevance and reranker models.", no_args_is_help=True)


@labels_app.command("import")
@handle_errors
def labels_import(
    path: Annotated[Path, typer.Argument(help="Label file: the experts' .xlsx sheet or CSV, or JSONL.")],
    source: Annotated[str | None, typer.Option(help="Label source name (default: the file name).")] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Import expert meter labels in one transaction; re-importing the same file changes nothing."""
    from auroranet.recommend.labels import import_labels_file

    rt = runtime_for(data_dir)
    console.print(import_labels_file(rt.db, path, source).summary())


@model_app.command("train-relevance")
@handle_errors
def train_relevance_cmd(
    labels: Annotated[Path, typer.Option("--labels", help="Expert labels (JSONL, CSV or .xlsx).")],
    catalogue: Annotated[Path | None, typer.Option("--catalogue", help="Catalogue JSONL with the labelled services "
                                                   "(default: the services in the database).")] = None,
    folds: Annotated[int, typer.Option(min=2, max=20)] = 5,
    neighbour_weight: Annotated[NeighbourWeight, typer.Option(
        "--neighbour-weight", help="shared: one neighbour weight for every meter (the default: it scored "
        "better); per-meter: chosen by cross-validation on these labels.")] = NeighbourWeight.shared,
    data_dir: DataDirOpt = None,
) -> None:
    """Cross-validate, fit on all labels and save a new relevance model version."""
    from auroranet.recommend.train_relevance import train_relevance

    rt = runtime_for(data_dir)
    with progress_bar() as progress:
        path, report = train_relevance(rt.db, rt.embedder, rt.index, rt.settings.models_dir, labels,
                                       catalogue=catalogue, folds=folds, progress=progress,
                                       per_meter_kappa=neighbour_weight is NeighbourWeight.per_meter)
    for name, blk in report.get("systems", {}).items():
        m = blk["mean"]
        console.print(f"{folds}-fold CV {name:6s}: AUC {m['auc']:.3f}  AP {m['ap']:.3f}  nDCG@10 {m['ndcg@10']:.3f}")
    console.print(f"saved {path}")


def _metrics_line(metrics: dict[str, Any]) -> str:
    parts = []
    for name in ("base", "active", "candidate"):
        if name in metrics:
            parts.append(f"{name}: nDCG@5 {metrics[name]['ndcg@5']:.3f} nDCG@10 {metrics[name]['ndcg@10']:.3f}")
    return " | ".join(parts)


@model_app.command("train")
@handle_errors
def train_cmd(
    holdout: Annotated[float, typer.Option(help="Share of logged recommendations held out.")] = 0.2,
    seed: Annotated[int, typer.Option()] = 0,
    min_queries: Annotated[int, typer.Option(help="Recommendations with clicks/feedback needed.")] = 20,
    data_dir: DataDirOpt = None,
) -> None:
    """Train the LambdaMART reranker on the usage log; activate it only if it is not worse."""
    from auroranet.recommend.train_ranker import train

    rt = runtime_for(data_dir)
    result = train(rt.db, rt.snapshot(), rt.settings.models_dir, holdout=holdout, seed=seed, min_queries=min_queries)
    if result.metrics:
        console.print(_metrics_line(result.metrics))
    if result.version is None and not result.activated:
        fail(result.reason, 1)
    console.print(f"version {result.version}: {result.reason}")


@model_app.command("eval")
@handle_errors
def eval_cmd(
    holdout: Annotated[float, typer.Option()] = 0.2,
    seed: Annotated[int, typer.Option()] = 0,
    data_dir: DataDirOpt = None,
) -> None:
    """Compare the base ranking, the active reranker and a fresh candidate on a held-out part of the log."""
    from auroranet.recommend.train_ranker import train

    rt = runtime_for(data_dir)
    result = train(rt.db, rt.snapshot(), rt.settings.models_dir, holdout=holdout, seed=seed, min_queries=1,
                   activate=False)
    if not result.metrics:
        fail(result.reason, 1)
    t = Table(title=f"held-out: {result.metrics['heldout_queries']} recommendations")
    t.add_column("ranker")
    t.add_column("nDCG@5", justify="right")
    t.add_column("nDCG@10", justify="right")
    for name in ("base", "active", "candidate"):
        if name in result.metrics:
            t.add_row(name, f"{result.metrics[name]['ndcg@5']:.3f}", f"{result.metrics[name]['ndcg@10']:.3f}")
    console.print(t)


@model_app.command("list")
@handle_errors
def list_cmd(data_dir: DataDirOpt = None) -> None:
    """Saved relevance models and reranker versions."""
    from auroranet.recommend import relevance as rel
    from auroranet.recommend.train_ranker import list_models
    from auroranet.recommend.train_relevance import relevance_dir

    rt = runtime_for(data_dir)
    t = Table(title="relevance models")
    for c in ("version", "embedder", "labels", "CV nDCG@10 (model / prior)"):
        t.add_column(c)
    for version, path in rel.list_versions(relevance_dir(rt.settings.models_dir)):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        cv = meta.get("cv") or {}
        cvs = " / ".join(f"{cv[k]['ndcg@10']:.3f}" for k in ("model", "prior") if k in cv)
        t.add_row(str(version), meta.get("embedder", "?"), str(meta.get("labels", "?")), cvs)
    console.print(t)
    t = Table(title="rerankers")
    for c in ("version", "created", "active", "held-out nDCG@10 (candidate / base)"):
        t.add_column(c)
    for m in list_models(rt.db):
        met = m["metrics"] or {}
        s = " / ".join(f"{met[k]['ndcg@10']:.3f}" for k in ("candidate", "base") if k in met)
        t.add_row(str(m["version"]), str(m["created_at"])[:19], "yes" if m["active"] else "", s)
    console.print(t)
