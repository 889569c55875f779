"""How the neighbour weight of ``neighbours`` is set; a module of its own (no numpy) so that the CLI
options that offer it import quickly."""

from __future__ import annotations

from enum import Enum


class NeighbourWeight(str, Enum):
    """How the neighbour weight is set: ``KNN_WEIGHT`` for every meter, or one per meter chosen by
    cross-validation on the training labels (``relevance_cv.choose_kappas``)."""

    shared = "shared"
    per_meter = "per-meter"
