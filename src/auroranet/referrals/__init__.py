"""Closed-loop referral: a person sends a contact request to a service that accepts referrals, the
organisation answers in its back office (or its own case system through the v2 API and a signed
webhook), and the person follows the status by a one-time code or when signed in.

    models.py      referral_receivers, referrals, referral_events, referral_outbox
    statuses.py    FHIR Task statuses and the transition table
    crypto.py      AES-GCM for what identifies a person; code and token hashing
    service.py     create, read, transition (one transaction each) and retention
    delivery.py    the outbox: e-mail (SMTP) and webhooks (HMAC-SHA256), after commit, idempotent
    consent.py     the seam for consent records (identity/profile)
    views.py       the person's pages; backoffice.py the staff pages; api.py the v2 API; cli.py receivers
"""
