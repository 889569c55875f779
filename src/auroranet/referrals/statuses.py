"""Referral statuses follow FHIR R4 Task.status as the Gravity Project's SDOH referral IG uses them,
with the transitions allowed from each (anything else is refused: HTTP 409).

    requested   the person sent it                     → received, accepted, rejected, cancelled
    received    the organisation has seen it           → accepted, rejected, cancelled
    accepted    the organisation takes it on           → in-progress, completed, rejected, cancelled
    in-progress an appointment or the work has started → completed, cancelled
    completed / rejected / cancelled                   closed (kept for the retention period, then deleted)

Staff actions map to them: accept → accepted, schedule → in-progress, decline → rejected,
complete → completed. The person may cancel an open referral.
"""

from __future__ import annotations

from typing import Final, Literal

Status = Literal["requested", "received", "accepted", "rejected", "in-progress", "completed", "cancelled"]
STATUSES: Final[tuple[Status, ...]] = ("requested", "received", "accepted", "rejected", "in-progress", "completed",
                                       "cancelled")
CLOSED: Final[frozenset[str]] = frozenset({"completed", "rejected", "cancelled"})
TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "requested": frozenset({"received", "accepted", "rejected", "cancelled"}),
    "received": frozenset({"accepted", "rejected", "cancelled"}),
    "accepted": frozenset({"in-progress", "completed", "rejected", "cancelled"}),
    "in-progress": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "rejected": frozenset(),
    "cancelled": frozenset(),
}
ACTIONS: Final[dict[str, Status]] = {"accept": "accepted", "schedule": "in-progress", "decline": "rejected",
                                     "complete": "completed"}
STAFF_TARGETS: Final[frozenset[str]] = frozenset({"received", "accepted", "in-progress", "rejected", "completed"})
PERSON_TARGETS: Final[frozenset[str]] = frozenset({"cancelled"})


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
