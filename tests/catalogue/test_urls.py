"""Catalogue links: only http(s) web pages with a host become links (``catalogue.urls``); imports from PTV
files, JSONL files and the PTV API drop the others with a warning naming the record and count them in the
import summary (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auroranet.catalogue import service
from auroranet.catalogue.flows import import_files
from auroranet.catalogue.urls import MAX_URL_CHARS, mailto_href, safe_href, safe_web_url, tel_href
from auroranet.config import Settings
from auroranet.db.core import Database
from tests.catalogue.test_ptv_files import CID, channel_obj, service_obj, write

UNSAFE = [
    "javascript:alert(document.domain)//",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "//evil.example/x",
    "https://user:pw@x.example/",
    "https://@x.example/",
    "https:evil.example",
    "http:/evil.example",
    "https:\\\\evil.example",
    "https://good.example\\@evil.example/",
    "https://x.example:99999/",
    "ftp://files.example/x",
    "tel:javascript:alert(1)",
    "mailto:a@b.example",
    "/relative/path",
    "https://x.example/" + "a" * MAX_URL_CHARS,
    "https://x.example/\x00",
    "https://x.example/a b",
    "",
]
SAFE = ["https://www.kela.fi/asumistuki", "http://palvelu.example/haku?lang=fi&x=1#osio", "HTTPS://WWW.EXAMPLE.FI/",
        "https://[2001:db8::1]:8443/x", "https://kunta.example/äiti"]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_web_url(url) is None
    assert safe_href(url) is None or url == "/relative/path"


@pytest.mark.parametrize("url", SAFE)
def test_web_urls_pass_unchanged(url: str) -> None:
    assert safe_web_url(url) == url and safe_href(url) == url


def test_safe_href_allows_own_paths_only() -> None:
    assert safe_href("/service-recommender/v1/redirect?service_id=x&sig=ab") is not None
    assert safe_href("//evil.example/x") is None and safe_href("/x\n") is None and safe_href(None) is None


def test_tel_and_mailto_links_only_from_valid_values() -> None:
    assert tel_href("+358 29 123 4567") == "tel:+358291234567"
    assert tel_href("029-123 4567") == "tel:0291234567"
    for bad in ("javascript:alert(1)", "+358 9 123 (vaihde)", "12", "", "+", "040 123 4567;ext=1", None):
        assert tel_href(bad) is None, bad
    assert mailto_href("neuvonta@kunta.fi") == "mailto:neuvonta@kunta.fi"
    for bad in ("javascript:alert(1)", "a@b.fi?cc=c@d.fi", "a@b.fi,c@d.fi", "a b@c.fi", "no-at-sign", None):
        assert mailto_href(bad) is None, bad


def _channel_with_pages(urls: list[str]) -> dict[str, Any]:
    return {**channel_obj(), "webPages": [{"url": u, "language": "fi", "value": "Sivu"} for u in urls]}


def test_ptv_file_import_drops_unsafe_links_with_warnings(db: Database, tmp_path: Path) -> None:
    bad = [u for u in UNSAFE if u.strip()]
    good = "https://palvelu.example/neuvonta"
    f = write(tmp_path / "bundle.json", {"services": [service_obj()], "channels": [_channel_with_pages([*bad, good])]})
    result = import_files(db, [f])
    with db.session() as s:
        ch = service.get_channels(s, [CID])[CID]
        run = service.last_run(s)
    assert [p.url for p in ch.web_pages] == [good]
    assert result.counts.dropped_links == len(bad) and len(result.warnings) == len(bad)
    assert all(CID in w for w in result.warnings)  # each names the record
    assert f"dropped links: {len(bad)}" in result.counts.summary()
    assert run is not None and run.detail is not None and CID in run.detail
    assert any("'javascript' is not http or https" in w for w in result.warnings)


def test_jsonl_import_brings_no_links(db: Database, tmp_path: Path) -> None:
    """The JSONL format has no link fields: extra keys carrying unsafe pages are ignored, never stored."""
    sid = "11111111-1111-4111-8111-111111111111"
    row = {"id": sid, "name": "Neuvonta", "language": "fi", "national": True,
           "web_pages": [{"url": u} for u in UNSAFE], "url": "javascript:alert(1)"}
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps(row) + "\n", encoding="utf-8")
    import_files(db, [f])
    with db.session() as s:
        rec = service.get_service(s, sid)
        assert rec is not None and rec.channel_ids == [] and "javascript" not in rec.model_dump_json()
        assert service.list_channels(s) == []


def test_ptv_sync_drops_unsafe_links(db: Database, settings: Settings, shared_data: Path) -> None:
    from tests.catalogue.test_ptv_sync import run
    from tests.fakes.fake_ptv import FakePtv

    fake = FakePtv.from_samples(shared_data, services=3, channels=2)
    cid = next(iter(fake.channels))
    fake.channels[cid]["webPages"] = [{"url": "javascript:alert(1)//", "language": "fi"},
                                      {"url": "https://palvelu.example/", "language": "fi"}]
    result = run(db, settings, fake)
    assert result.counts.dropped_links == 1
    with db.session() as s:
        assert [p.url for p in service.get_channels(s, [cid])[cid].web_pages] == ["https://palvelu.example/"]
