"""Reference groups: people with similar life-situation profiles, found in one month's contributions
(the ten meters, standardised, PCA to three components, k-means). Only groups of at least K people are
kept, and each is described by its noisy size and noisy bounded means per meter (OpenDP; the groups are
disjoint, so one ε share per figure covers all of them). The clustering itself sees the exact data: the
protection is k plus the noise on every published number. Written by the ``insights_reference_groups``
job to ``<data dir>/insights/reference-groups-<YYYY-MM>.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from auroranet.insights.models import Contribution
from auroranet.insights.picture import figure
from auroranet.insights.privacy import K, noisy_count, noisy_mean
from auroranet.vocab import METER_KEYS

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

CLUSTERS = 5
SEED = 15


def reference_groups(rows: Sequence[Contribution], *, epsilon: float, k: int = K) -> list[dict[str, Any]]:
    """The protected groups, largest first; ``[]`` when there are too few contributions."""
    if len(rows) < k * 2:
        return []
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    x = np.array([[float(r.answers.get(m, 5)) for m in METER_KEYS] for r in rows], dtype=np.float64)
    z = PCA(n_components=3, random_state=SEED).fit_transform(StandardScaler().fit_transform(x))
    n_clusters = max(1, min(CLUSTERS, len(rows) // k))
    labels = KMeans(n_clusters=n_clusters, n_init=4, random_state=SEED).fit_predict(z)
    eps = epsilon / (1 + len(METER_KEYS))
    out = []
    for c in range(n_clusters):
        members = x[labels == c]
        if len(members) < k:
            continue
        size = noisy_count(len(members), epsilon=eps, k=k)
        means = {m: figure(noisy_mean(members[:, i].tolist(), lower=0, upper=10, epsilon=eps, k=k))
                 for i, m in enumerate(METER_KEYS)}
        out.append({"size": figure(size), "means": means})
    return sorted(out, key=lambda g: -(g["size"]["value"] or 0))


def write_groups(folder: Path, period: str, groups: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reference-groups-{period}.json"
    path.write_text(json.dumps({"period": period, "k": K, "groups": groups}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def shown_groups(rt: "Runtime", lang: str, k: int = K) -> list[dict[str, Any]]:
    """The latest job's groups for the dashboard: only groups whose (noisy) size is at least k, with their
    typical needs and the names of the services that helped."""
    from auroranet.i18n import pick
    cat = rt.catalogue()
    out = []
    for g in rt.groups().get():
        size = (g.get("size") or {}).get("value")
        if not isinstance(size, (int, float)) or size < k:
            continue
        helped = [{"name": pick(cat.services[cat.pos[h["service_id"]]].names, lang), "people": h.get("people", 0)}
                  for h in g.get("helped", []) if isinstance(h, dict) and h.get("service_id") in cat.pos]
        out.append({"size": g["size"], "means": g.get("means", {}), "needs": g.get("needs", []), "helped": helped})
    return out
