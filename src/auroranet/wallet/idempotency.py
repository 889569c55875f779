"""Idempotency keys: every write that moves money or changes an order runs through ``once``.

The same (scope, key) with the same request returns the stored result without doing anything again; the
same key with a different request is a 409. The record is inserted first in the write's own
transaction, so on PostgreSQL a concurrent request with the same key waits on the unique index until
the first one commits (then replays it) or rolls back (then runs itself). A failed write leaves no
record: retrying it runs it again.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from typing import Any, Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auroranet.errors import ConflictError, InputError
from auroranet.runtime import Runtime
from auroranet.wallet.ledger import tx
from auroranet.wallet.models import IdempotencyRecord

KEY = re.compile(r"^[A-Za-z0-9_.:-]{4,100}$")
Result = dict[str, Any]


class _KeyTaken(Exception):
    pass


def new_key() -> str:
    """A fresh key (for a web form, or a CLI command that is its own single request)."""
    return secrets.token_urlsafe(16)


def request_hash(request: Result) -> str:
    return hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()


def _replay(rec: IdempotencyRecord, digest: str) -> Result:
    if rec.request_hash != digest:
        raise ConflictError("this idempotency key was already used for a different request")
    return {**rec.response, "replayed": True}


def once(rt: Runtime, scope: str, key: str, request: Result, fn: Callable[[Session], Result]) -> Result:
    """Run ``fn`` in one write transaction unless (scope, key) already ran; ``request`` describes the call."""
    if not KEY.match(key or ""):
        raise InputError("an idempotency key of 4-100 letters, digits or _.:- is required")
    digest = request_hash(request)
    scope = scope[:100]
    try:
        with tx(rt) as s:
            existing = s.get(IdempotencyRecord, (scope, key))
            if existing is not None:
                return _replay(existing, digest)
            rec = IdempotencyRecord(scope=scope, key=key, request_hash=digest, response={})
            s.add(rec)
            try:
                s.flush()
            except IntegrityError:
                raise _KeyTaken() from None
            result = fn(s)
            rec.response = result
            return result
    except _KeyTaken:
        with rt.db.session() as s:
            existing = s.get(IdempotencyRecord, (scope, key))
            if existing is None:
                raise ConflictError("a request with this idempotency key is in progress; retry") from None
            return _replay(existing, digest)
