"""Who is asking: a registered client, the web app, or nobody when authentication is off."""

from __future__ import annotations

from dataclasses import dataclass

from auroranet.network.clients import ClientInfo
from auroranet.usage.service import Front

WEB_CALLING_SERVICE = "web"


@dataclass(frozen=True)
class Caller:
    client: ClientInfo | None
    front: Front = "api_v1"

    @property
    def client_id(self) -> str | None:
        return self.client.id if self.client else None

    @property
    def service_name(self) -> str:
        """What the usage log stores as the calling service, and what the reranker is served with."""
        if self.front == "web":
            return WEB_CALLING_SERVICE
        return self.client.names.get("fi", "") if self.client else ""

    @property
    def organisation(self) -> str:
        return self.client.provider.get("fi", "") if self.client else ""


WEB = Caller(None, "web")
