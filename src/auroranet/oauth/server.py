"""authlib's authorization server, bound to the registry and the oauth tables: the authorization-code
grant with PKCE (S256 only, required for every client), ``client_secret_basic`` at the token endpoint,
exact redirect URIs from the registry, one scope per attribute (``vocab.ATTRIBUTE_NAMES``, limited to
what the client is registered to receive), codes and tokens stored only hashed, codes single use.

authlib does the protocol checks; this module only supplies storage and the client rules. The
framework side (turning a Starlette request into an ``OAuth2Request`` and back) is ``Incoming`` and
``handle_response``: the views get ``(status, body, headers)`` and build the response.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Sequence

from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc6749.requests import OAuth2Payload
from authlib.oauth2.rfc7636 import CodeChallenge
from sqlalchemy import delete, update

from auroranet.db.core import utcnow
from auroranet.network.clients import ClientInfo, verify_secret
from auroranet.network.models import Client
from auroranet.oauth.models import OAuthCode, OAuthToken
from auroranet.runtime import Runtime
from auroranet.vocab import ATTRIBUTE_NAMES

# Authlib checks the request URI for https; TLS ends at the reverse proxy, so the URI handed to it is
# this fixed one (it is not used for anything else).
_URI = "https://auroranet.invalid/oauth"


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def scopes_of(scope: str | None) -> list[str]:
    return list(dict.fromkeys((scope or "").split()))


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        self._data: dict[str, str] = {}
        self._list: defaultdict[str, list[str]] = defaultdict(list)
        for k, v in items:
            self._data.setdefault(k, v)
            self._list[k].append(v)

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._list


class Incoming(OAuth2Request):  # type: ignore[misc]
    """A request as authlib wants it: method, parameters (query or form, every value kept so that a
    repeated parameter is seen) and the Authorization header."""

    def __init__(self, method: str, items: Sequence[tuple[str, str]], authorization: str | None = None) -> None:
        super().__init__(method, _URI, headers={"Authorization": authorization} if authorization else {})
        self.payload = _Payload(items)

    @property
    def args(self) -> dict[str, str]:
        return self.payload.data

    @property
    def form(self) -> dict[str, str]:
        return self.payload.data


@dataclass(frozen=True)
class OAuthClient(ClientMixin):  # type: ignore[misc]
    """A registry client that may use OAuth2: active, with at least one redirect URI."""

    info: ClientInfo
    secret_hash: str

    def get_client_id(self) -> str:
        return self.info.id

    def get_default_redirect_uri(self) -> None:
        return None  # redirect_uri is required in every request

    def get_allowed_scope(self, scope: str | None) -> str | None:
        wanted = scopes_of(scope)
        allowed = set(self.info.receivable_attributes) & set(ATTRIBUTE_NAMES)
        if not wanted or any(s not in allowed for s in wanted):
            return None  # authlib answers invalid_scope: asking beyond the registration is refused, not trimmed
        return " ".join(wanted)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.info.oauth_redirect_uris  # exact, character for character

    def check_client_secret(self, client_secret: str) -> bool:
        return verify_secret(client_secret, self.secret_hash)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "client_secret_basic"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass(frozen=True)
class Decision:
    """What the person decided on the consent screen (authlib's ``grant_user``): the ticked attributes
    (a subset of the request's), their values sealed, and what the consent record says."""

    subject: str
    scope: str
    payload: str
    recipient_name: str
    data_categories: list[str]
    expires_at: datetime


@dataclass
class CodeRow:
    """A consumed code as authlib's grant reads it."""

    row: OAuthCode
    code_challenge_method: str = field(default="S256")

    @property
    def code_challenge(self) -> str:
        return self.row.code_challenge

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope


class S256Only(CodeChallenge):  # type: ignore[misc]
    """PKCE required for every client, S256 only (``plain`` and a missing method are refused)."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge' (PKCE with S256 is required).")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        if not grant.request.form.get("code_verifier"):
            raise InvalidRequestError("Missing 'code_verifier'.")
        super().validate_code_verifier(grant, result)


class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic"]
    server: "Server"

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        """The code and its consent record in one transaction: no grant without a record."""
        from auroranet.consent.service import record_transfer
        from auroranet.consent.receipts import OAUTH_PURPOSE
        from auroranet.profile.service import touch

        decision: Decision = request.user
        rt = self.server.rt
        client_id = request.client.get_client_id()
        with rt.writes, rt.db.session() as s:
            consent_id = record_transfer(s, recipient_id=client_id, recipient_name=decision.recipient_name,
                                         data_categories=decision.data_categories, subject=decision.subject,
                                         method="oauth2", expires_at=decision.expires_at, purpose=OAUTH_PURPOSE)
            touch(s, decision.subject, action="grant_service")
            s.add(OAuthCode(code_hash=digest(code), client_id=client_id,
                            subject=decision.subject, redirect_uri=request.payload.redirect_uri,
                            scope=decision.scope, code_challenge=request.payload.data["code_challenge"],
                            consent_id=consent_id, payload=decision.payload,
                            expires_at=utcnow() + timedelta(seconds=rt.settings.oauth_code_ttl_seconds)))

    def query_authorization_code(self, code: str, client: OAuthClient) -> CodeRow | None:
        """Consume the code (one atomic update): a second use finds nothing and revokes what the first
        use was given (RFC 6749 4.1.2)."""
        if not isinstance(code, str) or len(code) > 200:
            return None
        rt, h, now = self.server.rt, digest(code), utcnow()
        with rt.writes, rt.db.session() as s:
            done = s.execute(update(OAuthCode).where(
                OAuthCode.code_hash == h, OAuthCode.client_id == client.get_client_id(),
                OAuthCode.used_at.is_(None), OAuthCode.expires_at > now).values(used_at=now))
            if not getattr(done, "rowcount", 0):
                s.execute(delete(OAuthToken).where(OAuthToken.code_hash == h,
                                                   OAuthToken.client_id == client.get_client_id()))
                return None
            row = s.get(OAuthCode, h)
            if row is None:
                return None
            s.expunge(row)
        return CodeRow(row)

    def delete_authorization_code(self, authorization_code: CodeRow) -> None:
        return None  # consumed (used_at) when queried; the purge job deletes it

    def authenticate_user(self, authorization_code: CodeRow) -> CodeRow:
        return authorization_code


class Server(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, rt: Runtime) -> None:
        super().__init__(scopes_supported=list(ATTRIBUTE_NAMES))
        self.rt = rt
        self.register_grant(CodeGrant, [S256Only(required=True)])
        self.register_token_generator("default", self._token)

    def query_client(self, client_id: str | None) -> OAuthClient | None:
        if not isinstance(client_id, str) or not client_id or len(client_id) > 36:
            return None
        with self.rt.db.session() as s:
            row = s.get(Client, client_id)
            if row is None or not row.active or not row.oauth_redirect_uris:
                return None
            return OAuthClient(ClientInfo.of(row), row.secret_hash)

    def _token(self, *, grant_type: str, client: OAuthClient, user: Any = None, scope: str | None = None,
               expires_in: int | None = None, include_refresh_token: bool = True) -> dict[str, Any]:
        return {"token_type": "Bearer", "access_token": secrets.token_urlsafe(32),
                "expires_in": self.rt.settings.oauth_token_ttl_seconds, "scope": scope or ""}

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        code: CodeRow = request.authorization_code
        with self.rt.writes, self.rt.db.session() as s:
            s.add(OAuthToken(token_hash=digest(token["access_token"]), client_id=code.row.client_id,
                             subject=code.row.subject, scope=code.row.scope, consent_id=code.row.consent_id,
                             code_hash=code.row.code_hash, payload=code.row.payload,
                             expires_at=utcnow() + timedelta(seconds=int(token["expires_in"]))))

    def create_oauth2_request(self, request: Incoming) -> Incoming:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, list[tuple[str, str]]]:
        return status, body, list(headers or [])

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None
