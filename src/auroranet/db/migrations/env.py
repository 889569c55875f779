"""Alembic environment: the engine comes from the caller (Settings), never from alembic.ini."""

from __future__ import annotations

from alembic import context

from auroranet.models import metadata

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
