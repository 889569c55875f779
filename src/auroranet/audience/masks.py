"""Per-snapshot audience facts as arrays: each service's inferred ``Audience`` (computed once when the
snapshot is built) and, per (age, asks for organisations), the mask of services a person may be offered.

The mask is ``audience_allowed`` applied to every service, so recommendations, search and tests share
one rule; masks are kept for the few distinct ages a process sees (bounded).
"""

from __future__ import annotations

import threading
from typing import Sequence

import numpy as np

from auroranet.audience.infer import Audience, audience_allowed, infer_audience
from auroranet.catalogue.models import ServiceRecord

MAX_MASKS = 64


class AudienceMasks:
    def __init__(self, audiences: Sequence[Audience]) -> None:
        self.audiences: list[Audience] = list(audiences)
        self._masks: dict[tuple[int | None, bool], np.ndarray] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_services(cls, services: Sequence[ServiceRecord]) -> "AudienceMasks":
        return cls([infer_audience(s) for s in services])

    def __len__(self) -> int:
        return len(self.audiences)

    def allowed(self, age: int | None, asked_business: bool = False) -> np.ndarray:
        """(n,) bool: services a person of this age may be offered."""
        key = (None if age is None else int(age), bool(asked_business))
        mask = self._masks.get(key)
        if mask is None:
            mask = np.fromiter((audience_allowed(a, key[0], key[1]) for a in self.audiences), dtype=bool,
                               count=len(self.audiences))
            mask.setflags(write=False)
            with self._lock:
                if len(self._masks) >= MAX_MASKS:
                    self._masks.clear()
                self._masks[key] = mask
        return mask
