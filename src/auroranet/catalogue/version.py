"""The catalogue version: one counter that every write changing what the engine serves increments.

Serving processes (every ``serve --workers`` process, on every host sharing the database) poll
``current()`` every few seconds (``live.LiveSnapshot``) and rebuild their in-memory snapshot when it
moved. A single number is enough because a rebuild reads everything anyway; it is cheap to poll (one
primary-key read) and it needs no channel between hosts other than the database they already share.

``bump`` runs inside the writer's own transaction, so the new version becomes visible exactly when the
data does: a reader can never see the new number with the old rows (and rebuild too early, then never
again), and a rolled-back import bumps nothing. It is ``UPDATE … SET version = version + 1``, so two
concurrent writers serialise on the row instead of both writing the same number.

    with db.session() as s:
        ...write services...
        bump(s, what="catalogue import")
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import BigInteger, Integer, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from auroranet.db.core import Base, utcnow

log = logging.getLogger(__name__)

STATE_ID = 1


class CatalogueState(Base):
    """Exactly one row (id 1), inserted by migration 0004."""

    __tablename__ = "catalogue_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    changed_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)


def bump(session: Session, *, what: str) -> int:
    """Increment the version in the caller's transaction (never commits) and return the new value.

    ``what`` names the kind of change for the log (e.g. "catalogue import", "label import"); it must not
    carry personal data. When the row is missing (a store created without migration 0004's insert), it
    is created, so a bump is never silently lost."""
    new = session.execute(
        update(CatalogueState)
        .where(CatalogueState.id == STATE_ID)
        .values(version=CatalogueState.version + 1, changed_at=utcnow())
        .returning(CatalogueState.version)
    ).scalar_one_or_none()
    if new is None:
        session.add(CatalogueState(id=STATE_ID, version=1, changed_at=utcnow()))
        session.flush()
        new = 1
    log.info("catalogue version bumped", extra={"what": what, "catalogue_version": int(new)})
    return int(new)


def current(session: Session) -> int:
    """The committed version (0 when the row is missing)."""
    value = session.scalar(select(CatalogueState.version).where(CatalogueState.id == STATE_ID))
    return int(value or 0)
