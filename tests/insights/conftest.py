"""The insights tests share the HSDS tests' module-scoped demo runtime (the snapshot build is the slow part)."""

from tests.hsds.conftest import demo_runtime  # noqa: F401
