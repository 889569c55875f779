"""Small helpers the wallet's web pages share: money as text, fresh idempotency keys for forms, service
names from the catalogue store."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from auroranet.catalogue import service as catalogue
from auroranet.i18n import pick
from auroranet.runtime import Runtime
from auroranet.wallet.idempotency import new_key
from auroranet.web.page import Page

__all__ = ["eur", "new_key", "service_names"]


def eur(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d} €"


def _names(rt: Runtime, ids: list[str]) -> dict[str, dict[str, str]]:
    with rt.db.session() as s:
        found = {sid: catalogue.get_service(s, sid) for sid in dict.fromkeys(ids)}
    return {sid: dict(svc.names) for sid, svc in found.items() if svc is not None}


async def service_names(page: Page, ids: list[str]) -> dict[str, str]:
    """Service names from the catalogue store (a few rows; no search snapshot is needed for this page)."""
    names = await run_in_threadpool(_names, page.runtime, ids)
    return {sid: pick(names[sid], page.lang) if sid in names else sid for sid in ids}
