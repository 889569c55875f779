"""Many parallel orders against one wallet (threads, real connections): exactly as many succeed as the
balance allows, never more; parallel retries of one key make one order. PostgreSQL uses row locks,
SQLite the write lock; both run."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from auroranet.errors import ConflictError
from auroranet.runtime import Runtime
from auroranet.wallet import orders, wallets
from auroranet.wallet.ledger import balance
from auroranet.wallet.models import Order
from tests.wallet.conftest import DEMO_PROVIDER, SERVICES, load, programme

THREADS = 16


def test_parallel_orders_never_overspend(wrt: Runtime) -> None:
    pid = load(wrt, programme("conc", budget=100_000, amount=10_000, once=False))  # 4 × 2500
    _, codes = wallets.issue_codes(wrt, pid, 1, actor="test")
    wid = int(wallets.claim(wrt, codes[0], age=None, municipality=None, key="conc-claim")["wallet_id"])

    def order(i: int) -> str:
        try:
            orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key=f"conc-{i}")
            return "ok"
        except ConflictError:
            return "refused"

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(order, range(THREADS * 2)))
    assert outcomes.count("ok") == 4 and outcomes.count("refused") == THREADS * 2 - 4
    with wrt.db.session() as s:
        assert balance(s, ("wallet", str(wid))) == 0 and balance(s, ("reserved", str(wid))) == 10_000
        assert s.execute(select(func.count()).select_from(Order).where(Order.wallet_id == wid)).scalar() == 4


def test_parallel_retries_of_one_key_make_one_order(wrt: Runtime) -> None:
    _, codes = wallets.issue_codes(wrt, "nuoret-omaishoitajat", 1, actor="test")
    wid = int(wallets.claim(wrt, codes[0], age=None, municipality=None, key="retry-claim")["wallet_id"])

    def order(_: int) -> str:
        try:
            return str(orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[1], contact=None,
                                    key="one-key")["order"])
        except ConflictError as exc:  # "in progress; retry" is allowed, a second order is not
            return f"refused: {exc}"

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(order, range(8)))
    made = {r for r in results if not r.startswith("refused")}
    assert len(made) == 1
    with wrt.db.session() as s:
        assert s.execute(select(func.count()).select_from(Order).where(Order.wallet_id == wid)).scalar() == 1
        assert balance(s, ("wallet", str(wid))) == 15000 - 4900
