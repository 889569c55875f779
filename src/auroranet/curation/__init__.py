"""Curation: staff pin, hide or boost a service for a need or a life event in their area (with a reason
and an expiry, every change audited), and the catalogue-quality report for providers."""
