"""A route class for the hot routes whose endpoint takes the ``Request`` alone and returns a ``Response``.

FastAPI's handler for an ``APIRoute`` reads the body, solves the dependencies, checks the content type
and serialises the result on every request. An endpoint that declares nothing but ``request: Request``
and builds its own ``Response`` uses none of it, so ``DirectRoute`` calls the endpoint straight away.
Everything else is ``APIRoute``'s: the OpenAPI entry (the same document), matching, the ``Allow`` on a
405, and the exception handlers (``request_response`` wraps the handler as for any route).

    router = APIRouter(route_class=DirectRoute)

Refused at start-up when the endpoint declares anything (a parameter, a dependency, a body): those would
be silently skipped. Router- or app-level ``dependencies`` are not seen here: the app declares none (a
test holds that).
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Coroutine

from fastapi import Request
from fastapi.responses import Response
from fastapi.routing import APIRoute

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class DirectRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        d = self.dependant
        declared = (d.dependencies, d.path_params, d.query_params, d.header_params, d.cookie_params,
                    d.body_params)
        if (any(declared) or d.request_param_name is None or self.response_model is not None
                or not inspect.iscoroutinefunction(self.endpoint)):
            raise TypeError(f"{self.path}: a DirectRoute's endpoint is async, takes only the Request, "
                            "returns a Response")
        endpoint: Handler = self.endpoint
        return endpoint
