"""The catalogue version: which writes bump it (and which must not), labels and models follow a rebuild
without waiting for a cache to expire, and a rebuild embeds only the new service's text."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

from auroranet.catalogue.demo import DEMO_REFERENCE
from auroranet.catalogue.flows import import_files
from auroranet.catalogue.reference_import import import_reference_dir
from auroranet.catalogue.version import bump, current
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.recommend.labels import import_labels_jsonl
from auroranet.runtime import Runtime
from auroranet.search.analysis import make_analyzer
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import build_from_db


def version(db: Database) -> int:
    with db.session() as s:
        return current(s)


def write_services(path: Path, names: list[str]) -> list[str]:
    """A JSONL catalogue file of nationwide Finnish services; returns their ids (uuid5 of the name)."""
    ids = [str(uuid.uuid5(uuid.NAMESPACE_URL, name)) for name in names]
    lines = [json.dumps({"id": sid, "name": name, "summary": f"{name} palvelu", "language": "fi", "national": True})
             for sid, name in zip(ids, names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


@pytest.fixture
def rt(db: Database, settings: Settings) -> Iterator[Runtime]:
    runtime = Runtime.create(settings, db=db)
    yield runtime
    runtime.snapshots.stop()


def test_migration_inserts_version_zero_and_bump_increments_in_the_transaction(db: Database) -> None:
    assert version(db) == 0
    with db.session() as s:
        assert bump(s, what="test") == 1
        assert bump(s, what="test") == 2
    assert version(db) == 2
    with pytest.raises(RuntimeError):
        with db.session() as s:
            bump(s, what="test")
            raise RuntimeError("import failed")
    assert version(db) == 2, "a rolled-back write bumps nothing"


def test_import_bumps_only_when_something_changed(db: Database, tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    write_services(f, ["Asumisneuvonta", "Velkaneuvonta"])
    import_files(db, [f])
    assert version(db) == 1
    import_files(db, [f])  # unchanged re-import
    assert version(db) == 1
    write_services(f, ["Asumisneuvonta", "Velkaneuvonta", "Kirjasto"])
    assert import_files(db, [f]).counts.new == 1
    assert version(db) == 2
    f.write_text(f.read_text(encoding="utf-8").replace("Kirjasto palvelu", "Kirjasto ja lainaus"), encoding="utf-8")
    assert import_files(db, [f]).counts.updated == 1
    assert version(db) == 3


def test_label_import_bumps_and_unchanged_reimport_does_not(db: Database, tmp_path: Path) -> None:
    f = tmp_path / "l.jsonl"
    f.write_text('{"service_id": "s1", "meters": ["housing"]}\n', encoding="utf-8")
    assert import_labels_jsonl(db, f, source="experts").new == 1
    assert version(db) == 1
    import_labels_jsonl(db, f, source="experts")
    assert version(db) == 1
    f.write_text('{"service_id": "s1", "meters": ["housing", "finance"]}\n', encoding="utf-8")
    assert import_labels_jsonl(db, f, source="experts").updated == 1
    assert version(db) == 2


def test_reference_import_bumps_only_when_a_code_changed(db: Database) -> None:
    import_reference_dir(db, DEMO_REFERENCE)
    assert version(db) == 1
    import_reference_dir(db, DEMO_REFERENCE)
    assert version(db) == 1


def test_reranker_activation_bumps_and_a_stored_inactive_model_does_not(db: Database, settings: Settings) -> None:
    from auroranet.recommend.ranker_model import RankerArtefact
    from auroranet.recommend.train_ranker import _store

    class Booster:
        def save_model(self, filename: str) -> None:
            Path(filename).write_text("tree\n", encoding="utf-8")

    art = RankerArtefact(None, Booster(), ["base_score"], {})
    _store(db, settings.models_dir, art, {"candidate": {}}, activate=False)
    assert version(db) == 0
    _store(db, settings.models_dir, art, {"candidate": {}}, activate=True)
    assert version(db) == 1


def test_relevance_training_bumps(db: Database, settings: Settings, tmp_path: Path) -> None:
    from auroranet.recommend.train_relevance import train_relevance

    cat = tmp_path / "c.jsonl"
    names = ["Vuokra-asunnot", "Asumistuki", "Opiskelija-asunto", "Velkaneuvonta", "Toimeentulotuki", "Kirjasto"]
    ids = write_services(cat, names)
    import_files(db, [cat])
    before = version(db)
    labels = tmp_path / "labels.jsonl"
    meters = ["housing", "housing", "housing", "finance", "finance", None]
    labels.write_text("".join(json.dumps({"service_id": sid, "meters": [m] if m else [], "excluded": m is None}) + "\n"
                              for sid, m in zip(ids, meters)), encoding="utf-8")
    rt = Runtime.create(settings, db=db)
    train_relevance(rt.db, rt.embedder, rt.index, settings.models_dir, labels, folds=2)
    assert version(db) == before + 1


def test_rebuilt_snapshot_sees_new_labels_at_once(rt: Runtime, tmp_path: Path) -> None:
    """No 30 s label cache across snapshots: a label import plus one poll changes the label view."""
    from auroranet.recommend.meters import METER_INDEX
    from auroranet.recommend.derived import label_view

    f = tmp_path / "a.jsonl"
    (sid,) = write_services(f, ["Asumisneuvonta"])
    import_files(rt.db, [f])
    idx = rt.snapshot()
    assert not label_view(idx).marks.any()
    lab = tmp_path / "l.jsonl"
    lab.write_text(json.dumps({"service_id": sid, "meters": ["housing"]}) + "\n", encoding="utf-8")
    import_labels_jsonl(rt.db, lab, source="experts")
    assert rt.snapshots.check() is True
    new = rt.snapshot()
    assert new is not idx and rt.snapshots.version == version(rt.db)
    assert label_view(new).marks[new.index.pos[sid], METER_INDEX["housing"]]


def test_poll_sees_import_and_unchanged_reimport_does_not_rebuild(rt: Runtime, tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    write_services(f, ["Asumisneuvonta"])
    import_files(rt.db, [f])
    assert len(rt.index()) == 1 and rt.snapshots.rebuilds == 1
    import_files(rt.db, [f])
    assert rt.snapshots.check() is False and rt.snapshots.rebuilds == 1
    write_services(f, ["Asumisneuvonta", "Kirjasto"])
    import_files(rt.db, [f])
    assert rt.snapshots.check() is True and len(rt.index()) == 2


class CountingEmbedder:
    """The hashing embedder, counting the passages it is asked to embed."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.passages: list[str] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


def test_rebuild_embeds_only_the_new_service(db: Database, tmp_path: Path) -> None:
    emb, an = CountingEmbedder(), make_analyzer("simple")
    f = tmp_path / "a.jsonl"
    write_services(f, ["Asumisneuvonta", "Velkaneuvonta", "Kirjasto"])
    import_files(db, [f])
    first = build_from_db(db, embedder=emb, analyzer=an)
    assert len(first) == 3 and len(emb.passages) == 3
    emb.passages.clear()
    g = tmp_path / "b.jsonl"
    (new_id,) = write_services(g, ["Jätehuolto"])
    import_files(db, [g])
    second = build_from_db(db, embedder=emb, analyzer=an)
    assert len(second) == 4
    assert emb.passages == ["Jätehuolto. Jätehuolto palvelu"]
    assert np.allclose(second.vectors[second.pos[new_id]], HashingEmbedder().embed_passages(emb.passages)[0])
