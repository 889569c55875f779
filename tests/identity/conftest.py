"""Identity fixtures live in tests/idp.py (shared with tests/profile)."""

from tests.idp import any_id_runtime, client, id_runtime, idp  # noqa: F401
