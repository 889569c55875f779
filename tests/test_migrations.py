"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL, and go down
and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from auroranet.db.core import Database
from auroranet.db.migrate import alembic_config, current_revision
from auroranet.models import metadata


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(db: Database) -> None:
    from alembic import command

    head = current_revision(db.engine)
    cfg = alembic_config(db.engine)
    command.downgrade(cfg, "0001")
    assert current_revision(db.engine) == "0001"
    command.upgrade(cfg, "head")
    assert current_revision(db.engine) == head
