"""Issue 9, items 8, 11 and 15 (registration): the admin key is checked before the body, wrong keys are
rate-limited per IP, short keys stop the server; one origin validator for the CLI and the admin API;
the new registration fields (rate limit, privacy notice, server-side reads only)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from auroranet.config import ADMIN_KEY_MIN_LENGTH, Settings, check_admin_key
from auroranet.errors import InputError
from auroranet.network import clients
from auroranet.network.urls import normalise_origin
from tests.network.conftest import make_client, runtime_like

KEY = "k" * ADMIN_KEY_MIN_LENGTH
ADMIN = {"Authorization": f"Bearer {KEY}"}
CH = "5894b8d5-a7be-47f2-8474-8f476a933e94"


@pytest.fixture
def admin(rt):
    with make_client(runtime_like(rt, admin_key=KEY)) as http:
        yield http


# ---------------------------------------------------------------------------------------------
# Item 8: the admin key


@pytest.mark.parametrize("body", [{"names": 5, "bogus": 1}, None, "malformed", "not json"])
def test_key_is_checked_before_the_body(admin, body):
    """Before the fix, malformed JSON without a key got FastAPI's 422 with the parse details."""
    if body == "malformed":
        r = admin.post("/admin/clients", content=b'{"names": ', headers={"Content-Type": "application/json"})
    elif body == "not json":
        r = admin.post("/admin/clients", content=b"\xff{", headers={"Content-Type": "text/plain"})
    elif body is None:
        r = admin.post("/admin/clients")
    else:
        r = admin.post("/admin/clients", json=body)
    assert r.status_code == 401 and "details" not in r.text.lower().replace('"details":null', "")
    assert admin.patch(f"/admin/clients/{CH}", json={"bogus": 1}).status_code == 401


def test_wrong_keys_are_rate_limited_per_ip(rt):
    worker = runtime_like(rt, admin_key=KEY, admin_max_failures_per_minute=5)
    with make_client(worker) as http, make_client(worker, peer="10.0.0.2") as other:
        assert http.get("/admin/clients", headers=ADMIN).status_code == 200  # successes are not counted
        codes = [http.get("/admin/clients", headers={"Authorization": f"Bearer wrong{i}"}).status_code
                 for i in range(6)]
        assert codes == [401] * 5 + [429]
        blocked = http.get("/admin/clients", headers=ADMIN)  # even the right key: no more guesses from here
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
        assert other.get("/admin/clients", headers=ADMIN).status_code == 200  # another address


@pytest.mark.parametrize("key, ok", [(None, True), ("", True), (KEY, True), ("k" * (ADMIN_KEY_MIN_LENGTH - 1), False),
                                     ("secret", False)])
def test_short_admin_key_refused(key, ok):
    settings = Settings(admin_key=key)
    if ok:
        check_admin_key(settings)
    else:
        with pytest.raises(InputError, match=f"AURORA_ADMIN_KEY .* at least {ADMIN_KEY_MIN_LENGTH}"):
            check_admin_key(settings)


def test_app_and_serve_refuse_a_short_key(rt, monkeypatch):
    from auroranet.app import create_app
    from auroranet.cli import app

    with pytest.raises(InputError, match="AURORA_ADMIN_KEY"):
        create_app(runtime=runtime_like(rt, admin_key="short"))
    monkeypatch.setenv("AURORA_ADMIN_KEY", "short")
    res = CliRunner().invoke(app, ["serve", "--data-dir", str(rt.settings.data_dir), "--port", "1"])
    assert res.exit_code == 2 and "AURORA_ADMIN_KEY" in res.output and "serving on" not in res.output


# ---------------------------------------------------------------------------------------------
# Item 11: origins


BAD_ORIGINS = ["http://*", "https://*.example", "https://user:pw@a.example", "https://a.example?x=1",
               "https://a.example#frag", "https://a.example/path", "http://a.example", "ftp://a.example",
               "https://", "a.example", "https://a.example:0", "https://ä.example", " https://a.example"]


@pytest.mark.parametrize("origin", BAD_ORIGINS)
def test_bad_origins_refused_everywhere(sqlite_db, admin, tmp_path, origin):
    from auroranet.cli import app

    with pytest.raises(InputError, match="origin"), sqlite_db.session() as s:
        clients.add_client(s, names="A", allowed_origins=[origin])
    r = admin.post("/admin/clients", headers=ADMIN, json={"names": {"fi": "A"}, "allowed_origins": [origin]})
    assert r.status_code == 400 and "origin" in r.json()["message"]
    if origin == origin.strip():  # the CLI strips spaces around comma-separated values
        res = CliRunner().invoke(app, ["clients", "add", "A", "--origin", origin, "--data-dir", str(tmp_path / "d")])
        assert res.exit_code == 2 and "origin" in res.output


@pytest.mark.parametrize("given, stored", [
    ("https://A.EXAMPLE", "https://a.example"), ("https://chat.example:443/", "https://chat.example"),
    ("https://chat.example:8443", "https://chat.example:8443"), ("http://localhost:5173", "http://localhost:5173"),
    ("http://127.0.0.1", "http://127.0.0.1"), ("HTTPS://[::1]:8443", "https://[::1]:8443"),
])
def test_origins_are_normalised(db, given, stored):
    assert normalise_origin(given) == stored
    with db.session() as s:
        new = clients.add_client(s, names="A", allowed_origins=[given, stored])
    assert new.info.allowed_origins == (stored,)


def test_patch_validates_like_create(admin):
    cid = admin.post("/admin/clients", headers=ADMIN, json={"names": {"fi": "A"}}).json()["client"]["id"]
    for body in ({"allowed_origins": ["https://a.example/x"]}, {"privacy_notice_url": "http://a.example/p"},
                 {"rate_limit_per_minute": 0}, {"active": "yes"}, {"names": {"fi": "B"}}):
        r = admin.patch(f"/admin/clients/{cid}", headers=ADMIN, json=body)
        assert r.status_code == 400, (body, r.text)
    assert admin.patch("/admin/clients/nope", headers=ADMIN, json={"active": False}).status_code == 404
    r = admin.patch(f"/admin/clients/{cid}", headers=ADMIN, json={"allowed_origins": ["https://B.example"]})
    assert r.status_code == 200 and r.json()["allowed_origins"] == ["https://b.example"]


# ---------------------------------------------------------------------------------------------
# Item 15: registration fields


def test_admin_stores_new_fields(admin):
    body = {"names": {"fi": "A"}, "rate_limit_per_minute": 12_000, "server_side_reads_only": True,
            "privacy_notice_url": "https://Palvelu.example/tietosuoja?kieli=fi"}
    r = admin.post("/admin/clients", headers=ADMIN, json=body)
    assert r.status_code == 201, r.text
    info = r.json()["client"]
    assert (info["rate_limit_per_minute"], info["server_side_reads_only"], info["privacy_notice_url"]) == \
        (12_000, True, "https://palvelu.example/tietosuoja?kieli=fi")
    r = admin.patch(f"/admin/clients/{info['id']}", headers=ADMIN,
                    json={"rate_limit_per_minute": None, "privacy_notice_url": None, "server_side_reads_only": False})
    got = admin.get(f"/admin/clients/{info['id']}", headers=ADMIN).json()
    assert r.status_code == 200 and (got["rate_limit_per_minute"], got["privacy_notice_url"],
                                     got["server_side_reads_only"]) == (None, None, False)
    bad = admin.post("/admin/clients", headers=ADMIN, json={"names": {"fi": "B"}, "privacy_notice_url": "javascript:x"})
    assert bad.status_code == 400 and "privacy notice URL" in bad.json()["message"]


def test_cli_new_fields_list_and_update(tmp_path):
    from auroranet.cli import app

    runner, data = CliRunner(), str(tmp_path / "cli")
    res = runner.invoke(app, ["clients", "add", "Kansallinen chatbot", "--rate-limit", "12000", "--server-side-reads-only",
                              "--privacy-notice-url", "https://chat.example/tietosuoja", "--data-dir", data])
    assert res.exit_code == 0, res.output
    cid = re.search(r"client_id: (\S+)", res.output).group(1)
    listed = runner.invoke(app, ["clients", "list", "--data-dir", data]).output
    assert "rate limit: 12000/min" in listed and "https://chat.example/tietosuoja" in listed
    assert "server-side only" in listed and "(active)" in listed
    res = runner.invoke(app, ["clients", "update", cid, "--default-rate-limit", "--browser-reads-allowed",
                              "--no-privacy-notice-url", "--inactive", "--data-dir", data])
    assert res.exit_code == 0, res.output
    listed = runner.invoke(app, ["clients", "list", "--data-dir", data]).output
    assert "/min (default)" in listed and "server or browser" in listed and "(inactive)" in listed
    assert "tietosuoja" not in listed
    for args in (["--privacy-notice-url", "http://chat.example/p"], ["--rate-limit", "0"]):
        res = runner.invoke(app, ["clients", "add", "X", *args, "--data-dir", data])
        assert res.exit_code == 2, res.output
    res = runner.invoke(app, ["clients", "update", "missing", "--inactive", "--data-dir", data])
    assert res.exit_code == 4
