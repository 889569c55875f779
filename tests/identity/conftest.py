"""Identity fixtures live in tests/idp.py (shared with tests/profile)."""

from tests.idp import client, id_runtime, idp  # noqa: F401
