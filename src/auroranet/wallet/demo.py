"""The demo: the young carers' programme (programmes/demo_young_carers.json, services of the demo
catalogue) and one participating provider with a price list. ``aurora wallet seed-demo``; idempotent."""

from __future__ import annotations

from auroranet.runtime import Runtime
from auroranet.wallet.programmes import DEMO_PROGRAMME, read_file
from auroranet.wallet.wallets import load_programme, register_provider

DEMO_PROVIDER = "demo-palveluntuottaja"
DEMO_PRICES = {"8298c4c9-c230-4af9-ab1f-d1ed468e2168": 2500,   # peer support groups
               "abbbde78-719c-4549-b26e-b94ae512fe45": 4900,   # self-care programmes
               "ce81acf9-d85a-46ac-857b-a9fa5fd5dc03": 3500}   # youth workshops


def seed_demo(rt: Runtime) -> str:
    spec = read_file(DEMO_PROGRAMME, life_events=rt.life_events)
    state = load_programme(rt, spec, actor="demo")
    register_provider(rt, provider_id=DEMO_PROVIDER, name="Demo Nuorisopalvelut Oy", iban="FI3540500000123456",
                      bic="HELSFIHH", prices=DEMO_PRICES, actor="demo")
    return f"programme {spec.id}: {state}; provider {DEMO_PROVIDER}"
