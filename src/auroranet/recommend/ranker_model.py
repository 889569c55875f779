"""The reranker's model artefact: its feature list, category vocabulary and LightGBM booster, saved
together (LightGBM text model + JSON meta) so that serving encodes features exactly as training did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from auroranet.vocab import METER_KEYS

NUMERIC = ["base_score", "rank", *[f"rel_need_{m}" for m in METER_KEYS], "label", "national", "n_channels",
           "n_echannel", "n_phone", "n_location", "n_webpage", "text_length"]
CATEGORICAL = ["calling_service"]
FEATURES = NUMERIC + CATEGORICAL
GRADE_FEEDBACK, GRADE_CLICK = 3, 2
DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "lambdarank", "metric": "ndcg", "ndcg_eval_at": [5, 10], "learning_rate": 0.05,
    "num_leaves": 15, "min_data_in_leaf": 20, "feature_fraction": 0.9, "lambda_l2": 1.0, "verbose": -1,
    "seed": 0, "deterministic": True, "num_threads": 1, "cat_smooth": 10,
}
ROUNDS = 150


@dataclass
class RankerArtefact:
    version: int | None
    booster: Any
    features: list[str]
    vocab: dict[str, list[str]]

    def encode(self, rows: list[dict[str, Any]]) -> np.ndarray:
        X = np.full((len(rows), len(self.features)), np.nan, dtype=np.float64)
        codes = {c: {v: i for i, v in enumerate(vals)} for c, vals in self.vocab.items()}
        for r, row in enumerate(rows):
            for j, f in enumerate(self.features):
                v = row.get(f)
                if f in codes:
                    X[r, j] = codes[f].get(str(v or ""), np.nan)
                elif v is not None:
                    X[r, j] = float(v)
        return X

    def predict(self, rows: list[dict[str, Any]]) -> np.ndarray:
        return np.asarray(self.booster.predict(self.encode(rows)), dtype=np.float64)


def load_artefact(path: Path, version: int | None = None) -> RankerArtefact:
    import lightgbm as lgb

    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return RankerArtefact(version, lgb.Booster(model_file=str(path)), list(meta["features"]),
                          {k: list(v) for k, v in meta["vocab"].items()})
