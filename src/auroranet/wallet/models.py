"""The wallet's tables: programmes, participating providers, wallets, claim codes, orders, the
double-entry ledger (accounts, journal entries, postings), idempotency records, settlements, the audit
trail and the opt-in impact assessments.

Money is integer cents everywhere. An account's ``balance`` is the sum of its postings, kept in the
same transaction as each posting (a check constraint keeps every account but the external ones at zero
or above, so even a bug in the service layer cannot overspend). No table holds a name, an identity code
or a contact detail in clear: the owner of a signed-in wallet is a hash of the pseudonymous subject,
anonymous wallets and claim codes are SHA-256 hashes, and contact details for a provider are AES-GCM
ciphertext.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Programme(Base):
    __tablename__ = "wallet_programmes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(String(64), default="")
    names: Mapped[dict[str, Any]] = mapped_column()  # {"fi":…, "sv":…, "en":…}
    rules: Mapped[dict[str, Any]] = mapped_column()  # the validated programme file (programmes.ProgrammeSpec)
    budget_cents: Mapped[int] = mapped_column(BigInteger)
    amount_cents: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime] = mapped_column()
    valid_until: Mapped[datetime] = mapped_column()
    wallet_days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Provider(Base):
    """A participating provider (an organisation id, as in the staff scope ``organisation:<id>``)."""

    __tablename__ = "wallet_providers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str] = mapped_column(String(11))
    prices: Mapped[dict[str, Any]] = mapped_column()  # service id -> price in cents
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: deactivated (provider_status.py)
    deactivated_at: Mapped[datetime | None] = mapped_column()
    deactivation_reason: Mapped[str | None] = mapped_column(String(200))  # the staff's words, shown to staff only
    client_id: Mapped[str | None] = mapped_column(String(36))  # the network API client that acts for it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Wallet(Base):
    __tablename__ = "wallet_wallets"
    __table_args__ = (UniqueConstraint("programme_id", "owner_hash", name="uq_wallet_wallets_owner"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("wallet_programmes.id"), index=True)
    owner_hash: Mapped[str | None] = mapped_column(String(64))  # SHA-256 of the signed-in subject
    secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # anonymous: SHA-256 of the wallet code
    age_band: Mapped[str | None] = mapped_column(String(8))
    municipality_code: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | blocked | expired
    followup_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ClaimCode(Base):
    __tablename__ = "wallet_claim_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("wallet_programmes.id"), index=True)
    batch: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    wallet_id: Mapped[int | None] = mapped_column(Integer)  # the wallet it opened (to block it by the code)


class Order(Base):
    __tablename__ = "wallet_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # what the provider sees instead of a person
    wallet_id: Mapped[int] = mapped_column(ForeignKey("wallet_wallets.id"), index=True)
    provider_id: Mapped[str] = mapped_column(ForeignKey("wallet_providers.id"), index=True)
    service_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))
    amount_cents: Mapped[int] = mapped_column(Integer)
    # ordered | confirmed | delivered | cancelled | rejected | refunded
    status: Mapped[str] = mapped_column(String(16), index=True)
    contact_enc: Mapped[str | None] = mapped_column(Text)  # AES-GCM, only when the person ticked it
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # suspected fraud or a dispute: not settled
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)  # the provider cannot move it on; not settled
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(index=True)
    settlement_id: Mapped[int | None] = mapped_column(Integer, index=True)  # wallet_settlements.id


class Account(Base):
    __tablename__ = "wallet_accounts"
    __table_args__ = (UniqueConstraint("kind", "ref", name="uq_wallet_accounts_kind_ref"),
                      CheckConstraint("kind = 'external' OR balance >= 0", name="non_negative"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # external | programme | wallet | reserved | provider
    ref: Mapped[str] = mapped_column(String(64))
    balance: Mapped[int] = mapped_column(BigInteger, default=0)


class Journal(Base):
    __tablename__ = "wallet_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # fund | grant | reserve | release | capture | refund | reversal | settle | expire
    order_id: Mapped[int | None] = mapped_column(ForeignKey("wallet_orders.id"), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Posting(Base):
    __tablename__ = "wallet_postings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journal_id: Mapped[int] = mapped_column(ForeignKey("wallet_journal.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("wallet_accounts.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)  # + debit into the account, - out of it


class IdempotencyRecord(Base):
    __tablename__ = "wallet_idempotency"

    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Settlement(Base):
    __tablename__ = "wallet_settlements"
    __table_args__ = (UniqueConstraint("month", "provider_id", name="uq_wallet_settlements_month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    provider_id: Mapped[str] = mapped_column(ForeignKey("wallet_providers.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)  # paid out: captured minus clawback
    clawback_cents: Mapped[int] = mapped_column(BigInteger, default=0)  # refunds after earlier settlements, netted off
    orders: Mapped[int] = mapped_column(Integer)
    journal_id: Mapped[int] = mapped_column(ForeignKey("wallet_journal.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Dispute(Base):
    """A dispute about a delivered order: ``open`` holds it out of settlement; ``upheld`` refunds it (a
    ledger reversal when it was already settled), ``rejected`` lets it be settled."""

    __tablename__ = "wallet_disputes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("wallet_orders.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # open | upheld | rejected
    note: Mapped[str] = mapped_column(String(200), default="")
    opened_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()


class AuditEvent(Base):
    """Who did what, when: the actor is a role and a pseudonymous id, the detail holds ids and amounts only."""

    __tablename__ = "wallet_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column()


class Assessment(Base):
    """An opt-in 3X10D assessment tied to a wallet: ``before`` (at opt-in) and ``after`` (the follow-up)."""

    __tablename__ = "wallet_assessments"
    __table_args__ = (UniqueConstraint("wallet_id", "phase", name="uq_wallet_assessments_phase"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    wallet_id: Mapped[int] = mapped_column(ForeignKey("wallet_wallets.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(String(8))  # before | after
    meters: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
