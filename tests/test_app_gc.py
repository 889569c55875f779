"""The served process moves its long-lived start-up objects out of the cyclic collector's view
(``gc_freeze_on_start``, on by default) and gives them back at shutdown; the tests turn it off."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.config import Settings


@pytest.mark.parametrize("freeze", [True, False])
def test_start_up_freezes_the_heap_only_when_asked(tmp_path: Path, freeze: bool) -> None:
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple", jobs_enabled=False,
                        web_warm_on_start=False, gc_freeze_on_start=freeze)
    assert Settings.model_fields["gc_freeze_on_start"].default is True  # the production default
    gc.unfreeze()
    with TestClient(create_app(settings)) as client:
        assert client.get("/service-recommender/healthcheck/").status_code == 200
        assert (gc.get_freeze_count() > 0) is freeze
    assert gc.get_freeze_count() == 0
