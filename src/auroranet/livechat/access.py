"""Who may use the live-chat back office: a signed-in staff principal with ``provider_staff`` (or admin)
for ``organisation:<id>`` serves that organisation's desks; a national admin serves all. Anonymous
callers go to the login, others get 403 (``Page.allowed``)."""

from __future__ import annotations

from fastapi.responses import Response

from auroranet.identity.principal import Principal
from auroranet.livechat.service import Scope, Staff, scope_of
from auroranet.web.page import Page

Who = tuple[Scope, Staff]


def rights(p: Principal) -> Who | None:
    scope = scope_of(p)
    return None if scope is None else (scope, Staff(subject=p.subject, name=p.display_name or ""))


async def staff_of(page: Page) -> Who | Response:
    return await page.allowed(rights, "bo_forbidden")
