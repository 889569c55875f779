"""PostgreSQL schemas for tests, migrated once per test session and reset between tests.

Migrating a fresh schema costs about 0.7 s (eleven migrations) and loading the demo more; a reset costs
one TRUNCATE of every table and a server-side copy of the template's rows. A schema handed back by a test
goes back to the pool only if it still looks like the template (same tables, Alembic at the same
revision); anything else (a test that downgraded, a stuck lock) is dropped instead, so no test sees what
an earlier test left behind.
"""

from __future__ import annotations

import atexit
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, text

from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(c: Connection, schema: str) -> list[str]:
    """The schema's tables but Alembic's own, sorted: what a reused schema must still have."""
    return sorted(c.execute(text(
        "select table_name from information_schema.tables where table_schema = :s "
        "and table_type = 'BASE TABLE' and table_name <> 'alembic_version'"), {"s": schema}).scalars())


@dataclass
class _Template:
    schema: str
    tables: list[str]
    filled: list[str]  # tables with rows to copy into each checked-out schema
    serials: list[tuple[str, str]]  # (table, column) whose sequence follows max(column)
    revision: str


@dataclass
class SchemaPool:
    url: str
    _admin: Engine | None = None
    _templates: dict[str, _Template] = field(default_factory=dict)
    _free: list[str] = field(default_factory=list)
    _all: set[str] = field(default_factory=set)

    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = make_engine(self.url, pool_size=1)
            atexit.register(self.drop_all)
        return self._admin

    def _database(self, schema: str) -> Database:
        return Database(make_engine(self.url, connect_args={"options": f"-csearch_path={schema}"}))

    def _new_schema(self) -> str:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin().begin() as c:
            c.execute(text(f"CREATE SCHEMA {_quote(schema)}"))
        self._all.add(schema)
        db = self._database(schema)
        try:
            upgrade(db.engine)
        finally:
            db.dispose()
        return schema

    def _template(self, name: str, fill: Callable[[Database], object] | None) -> _Template:
        if name in self._templates:
            return self._templates[name]
        schema = self._new_schema()
        if fill is not None:
            db = self._database(schema)
            try:
                fill(db)
            finally:
                db.dispose()
        with self.admin().connect() as c:
            tables = _tables(c, schema)
            filled = [t for t in tables if c.execute(text(
                f"select exists(select 1 from {_quote(schema)}.{_quote(t)})")).scalar()]
            serials = [(str(r[0]), str(r[1])) for r in c.execute(text(
                "select table_name, column_name from information_schema.columns where table_schema = :s "
                "and (column_default like 'nextval(%' or is_identity = 'YES')"), {"s": schema})]
            revision = str(c.execute(text(f"select version_num from {_quote(schema)}.alembic_version")).scalar())
        template = _Template(schema, tables, filled, serials, revision)
        self._templates[name] = template
        return template

    def checkout(self, name: str = "migrated",
                 fill: Callable[[Database], object] | None = None) -> tuple[Database, str]:
        """A database on a schema holding exactly the template ``name`` (migrated, then ``fill``-ed once)."""
        template = self._template(name, fill)
        schema = self._free.pop() if self._free else self._new_schema()
        try:
            self._reset(schema, template)
        except Exception:
            self._drop(schema)
            schema = self._new_schema()
            self._reset(schema, template)
        return self._database(schema), schema

    def _reset(self, schema: str, template: _Template) -> None:
        s, t = _quote(schema), _quote(template.schema)
        with self.admin().begin() as c:
            c.execute(text("set local lock_timeout = '5s'"))
            c.execute(text("set local session_replication_role = replica"))  # no FK order needed for the copy
            c.execute(text("truncate " + ", ".join(f"{s}.{_quote(x)}" for x in template.tables)
                           + " restart identity cascade"))
            for table in template.filled:
                c.execute(text(f"insert into {s}.{_quote(table)} select * from {t}.{_quote(table)}"))
            for table, column in template.serials:
                if table in template.filled:
                    c.execute(text(
                        f"select setval(pg_get_serial_sequence(:qt, :col), "
                        f"coalesce((select max({_quote(column)}) from {s}.{_quote(table)}), 0) + 1, false)"),
                        {"qt": f"{s}.{_quote(table)}", "col": column})

    def give_back(self, db: Database, schema: str) -> None:
        """Return ``schema`` (``db`` is disposed here) to the pool, or drop it if a test changed its shape."""
        db.dispose()
        reference = next(iter(self._templates.values()), None)
        try:
            with self.admin().connect() as c:
                c.execute(text("set lock_timeout = '5s'"))
                tables = _tables(c, schema)
                revision = c.execute(text(f"select version_num from {_quote(schema)}.alembic_version")).scalar()
        except Exception:  # noqa: BLE001 - the schema is unusable: drop it
            self._drop(schema)
            return
        if reference is not None and tables == reference.tables and revision == reference.revision:
            self._free.append(schema)
        else:
            self._drop(schema)

    def _drop(self, schema: str) -> None:
        try:
            with self.admin().begin() as c:
                c.execute(text("set local lock_timeout = '5s'"))
                c.execute(text(f"drop schema if exists {_quote(schema)} cascade"))
        except Exception:  # noqa: BLE001 - a stuck schema is left for the next cleanup
            return
        self._all.discard(schema)

    def drop_all(self) -> None:
        for schema in list(self._all):
            self._drop(schema)
        if self._admin is not None:
            self._admin.dispose()

