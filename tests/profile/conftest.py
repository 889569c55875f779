"""Profile fixtures: the real test provider and an app configured for it (tests/idp.py)."""

from tests.idp import any_id_runtime, client, id_runtime, idp  # noqa: F401
