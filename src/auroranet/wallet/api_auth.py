"""Who calls the wallet API, as typed dependencies.

A person: ``Authorization: Bearer <wallet code>`` (an anonymous wallet, from any device), or the web
session cookie (the wallet the browser holds, or a signed-in person's wallet; ``?programme=`` picks one
when they have several). A provider: HTTP Basic with the network API client bound to it
(``wallet_providers.client_id``), or the session of its staff (``provider_staff`` of
``organisation:<provider id>``). Writes authenticated by the cookie carry ``X-CSRF-Token`` (from
``GET /api/wallet/v1/session``); a bearer code or Basic credentials cannot be sent by another site, so
they need none. Every route is rate limited per client address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import RuntimeDep, optional_client
from auroranet.api.errors import ApiError
from auroranet.errors import AuroraError
from auroranet.identity.principal import Principal
from auroranet.runtime import Runtime
from auroranet.wallet import wallets
from auroranet.wallet.views import SESSION_KEY
from auroranet.web.page import Page

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
CSRF_HEADER = "x-csrf-token"


def unauthorized(scheme: str = "Bearer") -> ApiError:
    return ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": f'{scheme} realm="wallet"'})


def refused(exc: AuroraError) -> ApiError:
    """A refusal from a use case as the API's error (400, 404, 409; never a 500)."""
    status = exc.status_code if 400 <= exc.status_code < 500 else 400
    kind = {400: "invalid_request", 404: "not_found", 409: "conflict"}.get(status, "refused")
    return ApiError(status, exc.message, kind=kind)


def _csrf(page: Page, request: Request) -> None:
    if request.method in UNSAFE and not page.session.check_csrf(request.headers.get(CSRF_HEADER)):
        raise ApiError(403, "A write with the session cookie needs the X-CSRF-Token header.", kind="csrf")


async def _session_page(request: Request) -> Page | None:
    page = await Page.open(request)
    return page if page.session.loaded_sid else None


@dataclass(frozen=True)
class WalletCaller:
    wallet_id: int
    page: Page | None  # the web session, when the cookie authenticated


async def wallet_caller(request: Request, rt: RuntimeDep,
                        programme: Annotated[str | None, Query(max_length=64)] = None) -> WalletCaller:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, code = header.partition(" ")
        if scheme.lower() != "bearer" or not 0 < len(code.strip()) <= 60:
            raise unauthorized()
        wid = await run_in_threadpool(wallets.wallet_by_code, rt, code.strip())
        if wid is None:
            raise unauthorized()
        return WalletCaller(wid, None)
    page = await _session_page(request)
    if page is None:
        raise unauthorized()
    _csrf(page, request)
    held = page.session.get(SESSION_KEY)
    p = page.principal
    mine = await run_in_threadpool(wallets.wallets_of_person, rt, p.subject) if p and p.kind == "person" else {}
    if programme is not None:
        if programme not in mine:
            raise ApiError(404, "No wallet in this programme.", kind="not_found")
        return WalletCaller(mine[programme], page)
    if held:
        return WalletCaller(int(held), page)
    if len(mine) == 1:
        return WalletCaller(next(iter(mine.values())), page)
    if mine:
        raise ApiError(400, "You have several wallets: name one with ?programme=", kind="invalid_request")
    raise unauthorized()


WalletCallerDep = Annotated[WalletCaller, Depends(wallet_caller)]


async def person_page(request: Request) -> tuple[Page, Principal]:
    """A signed-in person's web session (to open a wallet after the eligibility check)."""
    page = await _session_page(request)
    p = page.principal if page else None
    if page is None or p is None or p.kind != "person":
        raise unauthorized("Session")
    _csrf(page, request)
    return page, p


PersonDep = Annotated[tuple[Page, Principal], Depends(person_page)]


@dataclass(frozen=True)
class ProviderCaller:
    provider_id: str
    actor: str


async def _providers_of(request: Request, rt: Runtime) -> tuple[list[str], str]:
    """The providers the caller acts for, and the actor name in the audit trail."""
    if request.headers.get("authorization"):
        info = await optional_client(request, rt)
        if info is None:
            raise unauthorized("Basic")
        bound = await run_in_threadpool(wallets.providers_of_client, rt, info.id)
        return bound, f"client:{info.id}"
    page = await _session_page(request)
    p = page.principal if page else None
    if page is None or p is None or p.kind != "staff":
        raise unauthorized("Basic")
    _csrf(page, request)
    _, all_providers = await run_in_threadpool(wallets.organisations, rt)
    return [x for x in all_providers if p.can("provider_staff", f"organisation:{x}")], f"staff:{p.subject[:24]}"


async def provider_caller(request: Request, rt: RuntimeDep,
                          provider: Annotated[str | None, Query(max_length=64)] = None) -> ProviderCaller:
    mine, actor = await _providers_of(request, rt)
    if provider is None:
        if len(mine) != 1:
            raise ApiError(400 if mine else 403, "Name the provider with ?provider=" if mine else
                           "You act for no participating provider.", kind="invalid_request" if mine else "forbidden")
        return ProviderCaller(mine[0], actor)
    if provider not in mine:
        raise ApiError(403, "You do not act for this provider.", kind="forbidden")
    return ProviderCaller(provider, actor)


ProviderCallerDep = Annotated[ProviderCaller, Depends(provider_caller)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key",
                                              description="4-100 of A-Za-z0-9_.:-; a retry with the same key and body "
                                                   "replays the answer, another body is 409")]
