"""The ethics tests share the HSDS tests' module-scoped demo runtime."""

from tests.hsds.conftest import demo_runtime  # noqa: F401
