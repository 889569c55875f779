"""Consent records in the ISO/IEC TS 27560 / Kantara consent-receipt shape: one for every attribute
hand-over (anonymous ones too), listed, downloadable and withdrawable by the signed-in person, with
the recipient told of a withdrawal through its signed webhook."""
