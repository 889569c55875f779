"""OAuth2 settings of a connected service in the registry: redirect URIs exact, https (http only for
loopback hosts), no fragment, through the library, the CLI and the admin API alike."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from auroranet.errors import InputError
from auroranet.network import clients
from tests.network.conftest import make_client, runtime_like


@pytest.mark.parametrize("uri", ["http://service.example/cb", "https://service.example/cb#frag", "service.example/cb",
                                 "https://user:pw@service.example/cb", "https://service.example/c b",
                                 "javascript:alert(1)", "https://" + "a" * 600 + ".example/cb"])
def test_bad_redirect_uris_are_refused(sqlite_db, uri):
    with sqlite_db.session() as s, pytest.raises(InputError):
        clients.add_client(s, names="X", oauth_redirect_uris=[uri])


def test_redirect_uris_are_kept_exactly_and_can_be_replaced(db):
    with db.session() as s:
        new = clients.add_client(s, names="X", oauth_redirect_uris=["https://Service.Example/cb?a=1",
                                                                    "http://localhost:8080/cb"])
        assert new.info.oauth_redirect_uris == ("https://service.example/cb?a=1", "http://localhost:8080/cb")
        info = clients.update_client(s, new.info.id, oauth_redirect_uris=["https://service.example/other"])
        assert info.oauth_redirect_uris == ("https://service.example/other",)
        assert clients.update_client(s, new.info.id).oauth_redirect_uris == ("https://service.example/other",)
        with pytest.raises(InputError):
            clients.update_client(s, new.info.id, oauth_redirect_uris=["https://e.example/" + str(i) for i in range(21)])


def test_cli_redirect_uris(tmp_path):
    from auroranet.cli import app

    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "cli")]
    res = runner.invoke(app, ["clients", "add", "Palvelu", "--receives", "age",
                              "--redirect-uri", "https://service.example/cb", *data])
    assert res.exit_code == 0, res.output
    cid = re.search(r"client_id: (\S+)", res.output).group(1)  # type: ignore[union-attr]
    assert "OAuth2 redirect URIs: https://service.example/cb" in runner.invoke(app, ["clients", "list", *data]).output
    res = runner.invoke(app, ["clients", "update", cid, "--redirect-uri", "http://service.example/cb", *data])
    assert res.exit_code == 2 and "https" in res.output
    res = runner.invoke(app, ["clients", "update", cid, "--no-redirect-uris", *data])
    assert res.exit_code == 0
    assert "OAuth2 redirect URIs: \n" in runner.invoke(app, ["clients", "list", *data]).output


def test_admin_api_redirect_uris(rt):
    rt2 = runtime_like(rt, admin_key="k" * 32)
    key = {"Authorization": "Bearer " + "k" * 32}
    with make_client(rt2) as http:
        r = http.post("/admin/clients", headers=key, json={"names": {"fi": "P"}, "receivable_attributes": ["age"],
                                                           "oauth_redirect_uris": ["https://service.example/cb"]})
        assert r.status_code == 201, r.text
        cid = r.json()["client"]["id"]
        assert r.json()["client"]["oauth_redirect_uris"] == ["https://service.example/cb"]
        bad = http.patch(f"/admin/clients/{cid}", headers=key, json={"oauth_redirect_uris": ["http://evil.example/cb"]})
        assert bad.status_code == 400
        ok = http.patch(f"/admin/clients/{cid}", headers=key, json={"oauth_redirect_uris": []})
        assert ok.status_code == 200 and ok.json()["oauth_redirect_uris"] == []
