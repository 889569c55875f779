"""Älyrahake: a service wallet. A grant programme gives eligible people a wallet (signed in, or
anonymously with a claim code a professional hands out); they order services from participating
providers, who see only an order code; money moves on a double-entry ledger in integer cents and is
reimbursed to providers in monthly settlement batches (CSV and ISO 20022 pain.001).

    programmes.py   programme files (validated), eligibility      wallets.py    programmes, codes, wallets
    orders.py       the order states and their money              ledger.py     accounts, journal, postings
    idempotency.py  idempotency keys                               settlement.py monthly batches
    reports.py      k-anonymous payer reports and impact follow-up codes.py       codes, hashes, contact sealing
    incidents.py    block/unblock wallets, codes, orders; flags   refunds.py    refunds, reversals, disputes
    provider_status.py  deactivating and reactivating a provider
    api.py / api_auth.py / api_schemas.py  the JSON API under /api/wallet/v1
    views.py / backoffice.py / incidents_views.py / providers_views.py  the web pages
    cli.py          ``aurora wallet …``

See docs/wallet.md.
"""
