"""Who may use the live-chat back office: a signed-in staff principal with ``provider_staff`` (or admin)
for ``organisation:<id>`` serves that organisation's desks; a national admin serves all. Anonymous
callers go to the login, others get 403."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import Response

from auroranet.livechat.service import Scope, Staff, scope_of
from auroranet.web.page import Page


async def staff_of(page: Page) -> tuple[Scope, Staff] | Response:
    p = page.principal
    if p is None:
        return await page.redirect(f"/login?next={quote(page.request.url.path, safe='/')}")
    scope = scope_of(p)
    if scope is None:
        return await page.error(403, "bo_forbidden")
    return scope, Staff(subject=p.subject, name=p.display_name or "")
