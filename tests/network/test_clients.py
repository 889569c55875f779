"""The connected-service registry: hashed secrets, constant-time verification with a TTL cache, CLI and admin API."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from auroranet.errors import InputError, NotFoundError
from auroranet.network import clients
from auroranet.network import auth as auth_module
from auroranet.network.auth import ClientAuth
from auroranet.network.models import Client
from tests.network.conftest import Creds, make_client, register, runtime_like

CH1 = "5894b8d5-a7be-47f2-8474-8f476a933e94"
CH2 = "743c59c6-c41a-4973-88ae-3d5ae4e4ec1c"


def test_hash_is_salted_and_verifies():
    a, b = clients.hash_secret("s3cret"), clients.hash_secret("s3cret")
    assert a != b and a.startswith("scrypt$") and "s3cret" not in a
    assert clients.verify_secret("s3cret", a) and clients.verify_secret("s3cret", b)
    assert not clients.verify_secret("s3cret!", a)
    assert not clients.verify_secret("s3cret", "garbage")
    assert not clients.verify_secret("s3cret", "bcrypt$1$2$3$00$00")


def test_add_stores_only_hash(db):
    with db.session() as s:
        new = clients.add_client(s, names={"fi": "Palvelu", "sv": "Tjänst", "en": "Service"}, provider="Org",
                                 channel_ids=[CH1], receivable_attributes=["age"],
                                 allowed_origins=["https://palvelu.example/"])
    with db.session() as s:
        row = s.get(Client, new.info.id)
        assert new.secret not in row.secret_hash
        assert clients.verify_secret(new.secret, row.secret_hash)
        assert row.allowed_origins == ["https://palvelu.example"]
        assert clients.receiver_for_channel(s, CH1).id == new.info.id
        assert clients.receiver_for_channel(s, CH2) is None
        assert [c.id for c in clients.list_clients(s)] == [new.info.id]


@pytest.mark.parametrize("kwargs", [
    {"channel_ids": ["not-a-uuid"]},
    {"receivable_attributes": ["hetu"]},
    {"allowed_origins": ["ftp://x"]},
    {"allowed_origins": ["https://x.example/path"]},
    {"type": "Robot"},
    {"names": {"de": "Dienst"}},
])
def test_add_rejects_bad_input(sqlite_db, kwargs):
    args = {"names": "Palvelu", **kwargs}
    with pytest.raises(InputError), sqlite_db.session() as s:
        clients.add_client(s, **args)


def test_channel_belongs_to_one_client(db):
    with db.session() as s:
        clients.add_client(s, names="A", channel_ids=[CH1])
    with pytest.raises(InputError, match="already registered"), db.session() as s:
        clients.add_client(s, names="B", channel_ids=[CH1])


def test_authenticate_cache_rotate_remove(db):
    with db.session() as s:
        new = clients.add_client(s, names="A")
    creds = Creds(new.info.id, new.secret, [])
    header = creds.headers["Authorization"]
    auth = ClientAuth(db)
    assert auth.authenticate(header).id == new.info.id
    assert auth.authenticate(header).id == new.info.id  # from the cache
    assert auth.authenticate(header[:-2] + "==") is None
    assert auth.authenticate(None) is None
    with db.session() as s:
        secret2 = clients.rotate_secret(s, new.info.id)
    assert auth.authenticate(header) is None  # old secret refused at once
    assert auth.authenticate(Creds(new.info.id, secret2, []).headers["Authorization"]).id == new.info.id
    with db.session() as s:
        clients.remove_client(s, new.info.id)
    assert auth.authenticate(Creds(new.info.id, secret2, []).headers["Authorization"]) is None
    with pytest.raises(NotFoundError), db.session() as s:
        clients.remove_client(s, new.info.id)


def test_cache_avoids_scrypt(sqlite_db, monkeypatch):
    with sqlite_db.session() as s:
        new = clients.add_client(s, names="A")
    header = Creds(new.info.id, new.secret, []).headers["Authorization"]
    auth = ClientAuth(sqlite_db)
    calls = []
    real = clients.verify_secret
    monkeypatch.setattr(auth_module, "verify_secret", lambda *a: calls.append(1) or real(*a))
    for _ in range(5):
        assert auth.authenticate(header) is not None
    assert len(calls) == 1


def test_cli_add_list_rotate_remove(tmp_path, monkeypatch):
    from auroranet.cli import app

    runner = CliRunner()
    data = tmp_path / "cli"
    res = runner.invoke(app, ["clients", "add", "Poikien Puhelin", "--channel", CH2, "--receives",
                              "age,municipality_code", "--origin", "https://chat.example", "--provider", "Väestöliitto",
                              "--data-dir", str(data)])
    assert res.exit_code == 0, res.output
    m = re.search(r"client_id: (\S+)\nclient_secret: (\S+)", res.output)
    assert m
    cid, secret = m.groups()
    res = runner.invoke(app, ["clients", "list", "--data-dir", str(data)])
    assert res.exit_code == 0 and cid[:8] in res.output and secret not in res.output
    res = runner.invoke(app, ["clients", "add", "X", "--receives", "shoe_size", "--data-dir", str(data)])
    assert res.exit_code == 2 and "unknown attribute" in res.output
    res = runner.invoke(app, ["clients", "rotate-secret", cid, "--data-dir", str(data)])
    assert res.exit_code == 0 and "client_secret: " in res.output and secret not in res.output
    res = runner.invoke(app, ["clients", "remove", cid, "--data-dir", str(data)])
    assert res.exit_code == 0
    res = runner.invoke(app, ["clients", "remove", cid, "--data-dir", str(data)])
    assert res.exit_code == 4 and "not found" in res.output


def test_admin_api_disabled_without_key(http):
    assert http.get("/admin/clients").status_code == 404


def test_admin_api(rt, tmp_path):
    rt2 = runtime_like(rt, admin_key="k" * 32)
    key = {"Authorization": "Bearer " + "k" * 32}
    with make_client(rt2) as http:
        assert http.get("/admin/clients").status_code == 401
        assert http.get("/admin/clients", headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = http.post("/admin/clients", headers=key, json={"names": {"fi": "Palvelu"}, "channel_ids": [CH1],
                                                           "receivable_attributes": ["age"]})
        assert r.status_code == 201, r.text
        cid, secret = r.json()["client"]["id"], r.json()["client_secret"]
        listed = http.get("/admin/clients", headers=key).json()
        assert [c["id"] for c in listed] == [cid] and "secret" not in str(listed).lower()
        assert http.get(f"/admin/clients/{cid}", headers=key).json()["channel_ids"] == [CH1]
        r = http.post("/admin/clients", headers=key, json={"names": {"fi": "B"}, "channel_ids": [CH1]})
        assert r.status_code == 400 and "already registered" in r.json()["message"]
        # unknown fields: 400 with the field, as every other body of this API (was FastAPI's 422)
        bad = http.post("/admin/clients", headers=key, json={"names": {"fi": "B"}, "x": 1})
        assert bad.status_code == 400 and "x" in bad.json()["details"]
        creds = Creds(cid, secret, [])
        ok = http.post("/service-recommender/v1/text_search", json={"search_text": "a"}, headers=creds.headers)
        assert ok.status_code == 200
        new_secret = http.post(f"/admin/clients/{cid}/rotate-secret", headers=key).json()["client_secret"]
        assert http.post("/service-recommender/v1/text_search", json={"search_text": "a"},
                         headers=creds.headers).status_code == 401
        assert http.post("/service-recommender/v1/text_search", json={"search_text": "a"},
                         headers=Creds(cid, new_secret, []).headers).status_code == 200
        assert http.delete(f"/admin/clients/{cid}", headers=key).status_code == 204
        assert http.get(f"/admin/clients/{cid}", headers=key).status_code == 404


def test_auth_off_for_local_development(rt):
    rt2 = runtime_like(rt, require_auth=False)
    with make_client(rt2) as http:
        r = http.post("/service-recommender/v1/text_search", json={"search_text": "asunto"})
        assert r.status_code == 200


def test_register_helper_roundtrip(rt, http):
    c = register(rt, "X", channels=[CH1], receives=["age"])
    assert http.post("/service-recommender/v1/text_search", json={"search_text": "a"}, headers=c.headers).status_code == 200
