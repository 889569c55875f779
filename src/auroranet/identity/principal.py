"""The signed-in principal, kept in the person's server-side web session (encrypted, see web/session.py).

Every domain reads it through these functions, never through the session's keys:

    p = principal_of(page.session)           # None when nobody is signed in (anonymous use always works)
    if p is None or not p.can("analyst", area="municipality:564"): ...
    sign_in(page.session, Principal(...))    # after a completed OpenID Connect login: a new session id
    sign_out(page.session)

Scopes: ``national``, ``county:<wellbeing services county code>``, ``municipality:<code>`` and
``organisation:<id>``. A national scope covers every area; whether a county covers a municipality is the
code lists' business (``covers`` takes a lookup of municipality → county).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping, MutableMapping

from auroranet.identity.personcode import forget as forget_person_code

Kind = Literal["person", "staff"]
RoleName = Literal["admin", "analyst", "provider_staff"]
ROLE_NAMES: tuple[RoleName, ...] = ("admin", "analyst", "provider_staff")
SESSION_KEY = "principal"
ORGANISATION = "organisation:"  # the scope prefix of an organisation's staff


@dataclass(frozen=True)
class Role:
    name: RoleName
    scope: str  # national | county:<code> | municipality:<code> | organisation:<id>

    def covers(self, scope: str, county_of: Callable[[str], str | None] = lambda _m: None) -> bool:
        if self.scope == "national" or self.scope == scope:
            return True
        kind, _, code = scope.partition(":")
        if kind == "municipality" and self.scope.startswith("county:"):
            return county_of(code) == self.scope.partition(":")[2]
        return False


@dataclass(frozen=True)
class Principal:
    """``subject`` is pseudonymous: a keyed hash of issuer and the provider's subject, never an identity code."""

    subject: str
    kind: Kind
    display_name: str = ""
    roles: tuple[Role, ...] = ()
    acr: str = ""  # the assurance level the provider reported (e.g. http://ftn.ficora.fi/2017/loa2)

    def can(self, role: RoleName, scope: str | None = None,
            county_of: Callable[[str], str | None] = lambda _m: None) -> bool:
        """Holds ``role`` (or admin) and, when a scope is named, that role covers it."""
        for r in self.roles:
            if r.name == role or r.name == "admin":
                if scope is None or r.covers(scope, county_of):
                    return True
        return False

    def organisations(self, *roles: RoleName) -> frozenset[str]:
        """The ids of the organisations this principal holds one of ``roles`` for (``organisation:<id>``)."""
        return frozenset(r.scope[len(ORGANISATION):] for r in self.roles
                         if r.name in roles and r.scope.startswith(ORGANISATION))

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "kind": self.kind, "display_name": self.display_name, "acr": self.acr,
                "roles": [[r.name, r.scope] for r in self.roles]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Principal | None":
        try:
            kind = data["kind"]
            if kind not in ("person", "staff"):
                return None
            roles = tuple(Role(n, str(s)) for n, s in data.get("roles", []) if n in ROLE_NAMES)
            return cls(subject=str(data["subject"]), kind=kind, display_name=str(data.get("display_name", "")),
                       roles=roles, acr=str(data.get("acr", "")))
        except (KeyError, TypeError, ValueError):
            return None


def principal_of(session: Mapping[str, Any]) -> Principal | None:
    raw = session.get(SESSION_KEY)
    return Principal.from_json(raw) if isinstance(raw, dict) else None


def sign_in(session: MutableMapping[str, Any], principal: Principal) -> None:
    """Store the principal. The caller's session must be one whose id is rotated on sign-in (the web
    session's ``rotate()``), so a session id planted before login never carries the login."""
    rotate = getattr(session, "rotate", None)
    if callable(rotate):
        rotate()
    session[SESSION_KEY] = principal.to_json()


def sign_out(session: MutableMapping[str, Any]) -> None:
    rotate = getattr(session, "rotate", None)
    if callable(rotate):
        rotate()
    session.pop(SESSION_KEY, None)
    forget_person_code(session)  # the sealed identity code goes with the login
