"""Open data: the catalogue as Open Referral HSDS 3.0 (public, read-only, cached) under ``/hsds``."""
