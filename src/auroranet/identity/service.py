"""Staff roles (the authoritative table, managed with ``aurora staff``) and sign-in bookkeeping.

    grant(s, subject=..., role="analyst", scope="county:19")
    roles_for(s, subject)              # -> (Role("analyst", "county:19"),)
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from auroranet.errors import InputError
from auroranet.identity.models import SignIn, StaffRole
from auroranet.identity.principal import ROLE_NAMES, Role

_SCOPE = re.compile(r"^(national|county:\d{2}|municipality:\d{3}|organisation:[A-Za-z0-9._-]{1,64})$")


def check_role(role: str, scope: str) -> None:
    if role not in ROLE_NAMES:
        raise InputError(f"role must be one of {', '.join(ROLE_NAMES)}, not {role!r}")
    if not _SCOPE.match(scope):
        raise InputError(f"scope {scope!r} must be national, county:<2 digits>, municipality:<3 digits> "
                         "or organisation:<id>")


def grant(s: Session, *, subject: str, role: str, scope: str, label: str = "") -> bool:
    """Add a role; False when the subject already held it."""
    check_role(role, scope)
    exists = s.scalar(select(StaffRole.id).where(StaffRole.subject == subject, StaffRole.role == role,
                                                 StaffRole.scope == scope))
    if exists is not None:
        return False
    s.add(StaffRole(subject=subject, role=role, scope=scope, label=label[:120]))
    return True


def revoke(s: Session, *, subject: str, role: str | None = None, scope: str | None = None) -> int:
    q = delete(StaffRole).where(StaffRole.subject == subject)
    if role is not None:
        q = q.where(StaffRole.role == role)
    if scope is not None:
        q = q.where(StaffRole.scope == scope)
    return int(getattr(s.execute(q), "rowcount", 0) or 0)


def roles_for(s: Session, subject: str) -> tuple[Role, ...]:
    rows = s.scalars(select(StaffRole).where(StaffRole.subject == subject).order_by(StaffRole.id))
    return tuple(Role(r.role, r.scope) for r in rows if r.role in ROLE_NAMES)


def list_roles(s: Session) -> list[dict[str, Any]]:
    rows = s.scalars(select(StaffRole).order_by(StaffRole.subject, StaffRole.id))
    return [{"subject": r.subject, "role": r.role, "scope": r.scope, "label": r.label,
             "granted_at": r.granted_at.isoformat()} for r in rows]


def claimed_roles(raw: object) -> tuple[Role, ...]:
    """Roles from the provider's claim (``[["analyst", "county:19"], ...]``); malformed entries are dropped."""
    out: list[Role] = []
    if isinstance(raw, list):
        for item in raw[:20]:
            if isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(x, str) for x in item):
                try:
                    check_role(item[0], item[1])
                except InputError:
                    continue
                out.append(Role(item[0], item[1]))
    return tuple(out)


def record_sign_in(s: Session, *, subject: str, session_hash: str) -> None:
    if s.get(SignIn, session_hash) is None:
        s.add(SignIn(session_hash=session_hash, subject=subject))


def sessions_of(s: Session, subject: str) -> Sequence[str]:
    return list(s.scalars(select(SignIn.session_hash).where(SignIn.subject == subject)))


def forget_sessions(s: Session, subject: str) -> int:
    """Delete every web session the subject signed in on, and the bookkeeping."""
    from auroranet.web.models import WebSessionRow

    hashes = sessions_of(s, subject)
    if hashes:
        s.execute(delete(WebSessionRow).where(WebSessionRow.id_hash.in_(hashes)))
    return int(getattr(s.execute(delete(SignIn).where(SignIn.subject == subject)), "rowcount", 0) or 0)
