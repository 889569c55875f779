"""Results-code fixtures: the web app's demo runtime, and the real test provider for the profile test."""

from tests.idp import id_runtime, idp  # noqa: F401
from tests.web.conftest import _web_template, web_runtime  # noqa: F401
