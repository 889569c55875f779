"""JSON responses encoded with orjson: a 25 kB v1 answer costs a fraction of what ``json.dumps`` took."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response


def json_response(content: Any, status_code: int = 200) -> Response:
    return Response(orjson.dumps(content), status_code=status_code, media_type="application/json")
