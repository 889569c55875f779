"""The wallet API's request and response bodies (published in /openapi.json from these models)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auroranet.wallet.orders import MAX_CONTACT, OrderView
from auroranet.wallet.wallets import Summary

OrderStatus = Literal["ordered", "confirmed", "delivered", "cancelled", "rejected", "refunded"]
ProviderOp = Literal["confirm", "reject", "deliver"]


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=40, description="the claim code a professional handed out")
    age: int | None = Field(default=None, ge=0, le=130, strict=True, description="kept only as an age band")
    municipality: str | None = Field(default=None, pattern=r"^\d{3}$", description="a municipality code")


class ClaimOut(BaseModel):
    wallet_code: str | None = Field(description="shown once (never on a replay): send it as `Authorization: Bearer …`")
    replayed: bool = False


class OpenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    programme: str = Field(min_length=1, max_length=64)
    age: int | None = Field(default=None, ge=0, le=130, strict=True)
    municipality: str | None = Field(default=None, pattern=r"^\d{3}$")
    life_event: str | None = Field(default=None, max_length=64)


class OpenOut(BaseModel):
    programme: str
    existing: bool = False
    replayed: bool = False


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    provider_id: str = Field(min_length=1, max_length=64)
    service_id: str = Field(min_length=1, max_length=64)
    contact: str | None = Field(default=None, max_length=MAX_CONTACT,
                                description="given to the provider only when sent (nothing is pre-filled)")


class OrderResult(BaseModel):
    order: str
    status: OrderStatus
    amount_cents: int | None = None
    replayed: bool = False


class OrderOut(BaseModel):
    order: str
    service_id: str
    category: str
    amount_cents: int
    status: OrderStatus
    created_at: datetime

    @classmethod
    def of(cls, o: OrderView) -> "OrderOut":
        return cls(order=o.code, service_id=o.service_id, category=o.category, amount_cents=o.amount_cents,
                   status=o.status, created_at=o.created_at)  # type: ignore[arg-type]


class ProviderOrderOut(OrderOut):
    flagged: bool
    blocked: bool
    contact: str | None

    @classmethod
    def of(cls, o: OrderView) -> "ProviderOrderOut":
        return cls(order=o.code, service_id=o.service_id, category=o.category, amount_cents=o.amount_cents,
                   status=o.status, created_at=o.created_at, flagged=o.flagged, blocked=o.blocked,  # type: ignore[arg-type]
                   contact=o.contact)


class ProviderOrdersOut(BaseModel):
    provider_id: str
    orders: list[ProviderOrderOut]


class OfferOut(BaseModel):
    service_id: str
    service_name: str
    category: str
    category_name: str
    provider_id: str
    provider_name: str
    price_cents: int


class WalletOut(BaseModel):
    programme: str
    programme_name: str
    status: Literal["active", "blocked", "expired"]
    balance_cents: int
    reserved_cents: int
    expires_at: datetime
    offers: list[OfferOut]
    history: list[OrderOut]

    @classmethod
    def of(cls, w: Summary, history: list[OrderView], names: dict[str, str], lang: str) -> "WalletOut":
        from auroranet.i18n import pick

        return cls(programme=w.programme_id, programme_name=pick(w.programme_names, lang), status=w.status,  # type: ignore[arg-type]
                   balance_cents=w.balance_cents, reserved_cents=w.reserved_cents, expires_at=w.expires_at,
                   offers=[OfferOut(service_id=o.service_id, service_name=names.get(o.service_id, o.service_id),
                                    category=o.category, category_name=pick(o.category_names, lang),
                                    provider_id=o.provider_id, provider_name=o.provider_name, price_cents=o.price_cents)
                           for o in w.offers],
                   history=[OrderOut.of(o) for o in history])


class SessionOut(BaseModel):
    csrf_token: str = Field(description="send it as X-CSRF-Token on writes authenticated by the session cookie")
    signed_in: bool
    wallets: list[str] = Field(description="programmes this session holds a wallet in")
